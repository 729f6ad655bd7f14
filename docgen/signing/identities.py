"""Who signs with what: a PKCS#12 file (certificate and private key), its
passphrase and an image, per user (the signer: a blue signature) and per
unit (the organisation: a red seal).

They are configured in a TOML secrets file named by ``DOCGEN_SIGNING_SECRETS``,
outside the database (docs/operator.md, "The secrets file")::

    trusted = ["ca.pem"]                 # roots `docgen verify` trusts
    [users."chau"]
    p12 = "users/chau.p12"
    passphrase_env = "DOCGEN_P12_CHAU"   # or: passphrase = "…"
    image = "users/chau-chu-ky.png"
    [units."UBND xã Lộc Tấn"]
    p12 = "units/loc-tan.p12"
    passphrase_env = "DOCGEN_P12_LOC_TAN"
    image = "units/loc-tan-dau.png"

Relative paths are read from the secrets file's folder. An identity is
looked up by the login or the unit's name only, so a signer can never pick
another user's certificate: the caller passes the logged-in user's login.

Every refusal tells the person signing to ask the administrator, without a
path or a setting's name (``SigningError.message``), and tells the
administrator what to fix (``SigningError.detail``).
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import SigningError

SECRETS_ENV = "DOCGEN_SIGNING_SECRETS"
ASK_ADMIN = "hãy báo quản trị hệ thống"
NOT_CONFIGURED = f"Máy chủ chưa được cấu hình chữ ký số: {ASK_ADMIN}."
MISCONFIGURED = f"Chữ ký số trên máy chủ chưa được cấu hình đúng: {ASK_ADMIN}."


@dataclass(frozen=True)
class Identity:
    """One signing identity: ``kind`` is "user" (key = login) or "unit"
    (key = the unit's name)."""

    kind: str
    key: str
    p12: Path | None  # None: the key is elsewhere (a token, a CSC provider, an HSM)
    image: Path
    passphrase: bytes | None = field(default=None, repr=False)
    name: str | None = None  # shown on the organisation's signature; default: the certificate's CN
    algorithm: str = "rsa-pkcs1"  # docgen.signing.algorithms

    @property
    def label(self) -> str:
        return _label(self.kind, self.key)


def _label(kind: str, key: str) -> str:
    return f"người dùng “{key}”" if kind == "user" else f"đơn vị “{key}”"


@dataclass(frozen=True)
class Secrets:
    path: Path
    users: dict
    units: dict
    trusted: tuple[Path, ...]
    demo: bool = False  # a throwaway test CA (docgen.signing.demo_ca), not real certificates
    tsa_url: str = ""  # the time-stamping authority: every signature PAdES B-T
    long_term: bool = False  # revocation data added after each signature: PAdES B-LT
    algorithm: str = "rsa-pkcs1"  # the default of every identity (docgen.signing.algorithms)
    data: dict = field(default_factory=dict, repr=False)  # the whole file, for the other methods


def secrets_path() -> Path:
    value = os.environ.get(SECRETS_ENV, "").strip()
    if not value:
        raise SigningError(NOT_CONFIGURED, f"Chưa cấu hình chữ ký số: đặt biến môi trường "
                           f"{SECRETS_ENV} trỏ tới tệp khai báo chứng thư số.")
    return Path(value)


def load_secrets(path: Path | None = None) -> Secrets:
    path = path or secrets_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SigningError(NOT_CONFIGURED, f"{path}: không có tệp khai báo chứng thư số "
                           f"(biến môi trường {SECRETS_ENV}).") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise SigningError(MISCONFIGURED, f"{path}: không đọc được tệp khai báo chứng thư số: "
                           f"{error}") from None
    base = path.parent
    trusted = data.get("trusted", [])
    if isinstance(trusted, str):
        trusted = [trusted]
    from .algorithms import ALGORITHMS

    algorithm = data.get("algorithm", "rsa-pkcs1")
    if algorithm not in ALGORITHMS:
        raise SigningError(MISCONFIGURED, f"{path}: algorithm = “{algorithm}”: dùng "
                           + " hoặc ".join(ALGORITHMS) + ".")
    return Secrets(path=path, users=data.get("users", {}), units=data.get("units", {}),
                   trusted=tuple(base / item for item in trusted), demo=data.get("demo") is True,
                   tsa_url=str(data.get("tsa", "")).strip(), long_term=data.get("long_term") is True,
                   algorithm=algorithm, data=data)


def for_user(login: str, secrets: Secrets | None = None) -> Identity:
    """The signing identity of the account ``login`` (its own, never another's)."""
    secrets = secrets or load_secrets()
    return _identity(secrets, "user", login.strip().lower(), secrets.users)


def for_unit(unit_name: str, secrets: Secrets | None = None) -> Identity:
    """The organisation's signing identity of the unit ``unit_name``."""
    secrets = secrets or load_secrets()
    return _identity(secrets, "unit", " ".join(unit_name.split()), secrets.units)


def _identity(secrets: Secrets, kind: str, key: str, table: dict) -> Identity:
    section = f'[{kind}s."{key}"]'
    label = _label(kind, key)
    entry = table.get(key)
    if not isinstance(entry, dict):
        who = f"tài khoản “{key}”" if kind == "user" else f"đơn vị “{key}”"
        demo = (f" (CA thử nghiệm: docgen signing demo-identity \"{key}\")"
                if secrets.demo else "")
        raise SigningError(f"Chưa có chứng thư số cho {who}: hãy đề nghị quản trị hệ thống "
                           "cấp chứng thư số.",
                           f"Chưa có chứng thư số cho {label}: thêm mục {section} vào "
                           f"{secrets.path}{demo}.")
    incomplete = f"Chứng thư số của {label} chưa được khai báo đủ: {ASK_ADMIN}."
    for required in ("image",):
        if not entry.get(required):
            raise SigningError(incomplete, f"{secrets.path}: mục {section} thiếu “{required}”.")
    passphrase = entry.get("passphrase")
    if passphrase is None and entry.get("passphrase_env"):
        passphrase = os.environ.get(entry["passphrase_env"])
        if passphrase is None:
            raise SigningError(incomplete, f"{secrets.path}: mục {section}: biến môi trường "
                               f"{entry['passphrase_env']} (mật khẩu chứng thư số) chưa đặt.")
    base = secrets.path.parent
    return Identity(kind=kind, key=key, p12=base / entry["p12"] if entry.get("p12") else None,
                    image=base / entry["image"],
                    passphrase=passphrase.encode() if passphrase is not None else None,
                    name=entry.get("name"), algorithm=entry.get("algorithm", secrets.algorithm))


@dataclass(frozen=True)
class KeyMaterial:
    """An identity's opened PKCS#12 file: pyHanko's signer and the
    certificate's subject common name."""

    private_key: object = field(repr=False)  # cryptography's private key
    chain: tuple[bytes, ...]  # DER, the identity's certificate first
    common_name: str
    not_after: dt.datetime


def open_key(identity: Identity, now: dt.datetime | None = None) -> KeyMaterial:
    """Opens ``identity``'s PKCS#12 file; refuses a missing file, a wrong
    passphrase and a certificate not valid at ``now``."""
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID
    label = identity.label
    if identity.p12 is None:
        raise SigningError(f"Chưa có chứng thư số cho {label} trên máy chủ: {ASK_ADMIN}.",
                           f"Mục của {label} trong tệp khai báo không có “p12”.")
    try:
        data = identity.p12.read_bytes()
    except OSError:
        raise SigningError(f"Không mở được chứng thư số của {label}: {ASK_ADMIN}.",
                           f"Không tìm thấy tệp chứng thư số của {label}: {identity.p12}.") from None
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(data, identity.passphrase)
    except (ValueError, TypeError):
        raise SigningError(f"Sai mật khẩu chứng thư số của {label}: {ASK_ADMIN}.",
                           f"Sai mật khẩu chứng thư số của {label}, hoặc tệp {identity.p12} "
                           "không phải tệp PKCS#12.") from None
    if key is None or cert is None:
        raise SigningError(f"Tệp chứng thư số của {label} không chứa khóa bí mật và chứng thư: "
                           f"{ASK_ADMIN}.",
                           f"Tệp {identity.p12} của {label} không chứa khóa bí mật và chứng thư.")
    now = now or dt.datetime.now(dt.timezone.utc)
    if now < cert.not_valid_before_utc:
        raise SigningError(f"Chứng thư số của {label} chưa có hiệu lực (từ "
                           f"{cert.not_valid_before_utc:%d/%m/%Y}): {ASK_ADMIN}.")
    if now > cert.not_valid_after_utc:
        raise SigningError(f"Chứng thư số của {label} đã hết hạn ngày "
                           f"{cert.not_valid_after_utc:%d/%m/%Y}: hãy đề nghị quản trị hệ thống "
                           "cấp chứng thư số mới.")
    from cryptography.hazmat.primitives.serialization import Encoding

    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return KeyMaterial(private_key=key,
                       chain=tuple(c.public_bytes(Encoding.DER) for c in (cert, *chain)),
                       common_name=names[0].value if names else identity.key,
                       not_after=cert.not_valid_after_utc)
