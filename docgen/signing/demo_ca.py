"""A throwaway test CA for the demo and the tests: a root certificate and
its key, a PKCS#12 file per signer and per unit, their signature (blue
scribble with the name) and seal (red round seal with the unit's name) as
transparent PNGs, and the secrets file pointing at them, marked
``demo = true``.

:func:`make` writes one (``scripts/make-test-ca.py``, which
``scripts/run.sh`` runs into ``instance/signing``); :func:`add_user` and
:func:`add_unit` give a certificate to an account or a unit made later
(``docgen signing demo-identity``, ``docgen users add``). Both refuse a
secrets file that is not such a demo CA: real certificates come from their
CA, and docgen never writes beside them.

NOT for real documents: the CA's key lies unencrypted beside the
certificates, and the passphrases are written in the secrets file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import random
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import SigningError
from .identities import SECRETS_ENV, load_secrets

CA_NAME = "docgen test CA (KHÔNG DÙNG THẬT)"
# login -> full name; unit names (the demo's and the tests' accounts, docs/operator.md).
USERS = {
    "chau": "Lê Minh Châu",       # signing officer, UBND xã Lộc Tấn
    "giang": "Đỗ Giang",          # signing officer, UBND xã Lộc Hòa
    "long": "Trương Hải Long",    # the signer of sample 002
}
UNITS = ["UBND xã Lộc Tấn", "UBND xã Lộc Hòa", "UBND tỉnh Gia Lai"]
FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
BOLD = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"
BLUE, RED = (20, 40, 160, 255), (220, 20, 30, 255)
CA_MARGIN = (dt.timedelta(days=400), dt.timedelta(days=365))  # the CA outlives its certificates
HEADER = ["# docgen test CA: throwaway certificates, NOT for real documents.",
          "demo = true", 'trusted = ["ca.pem"]', ""]


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return "-".join("".join(c if c.isalnum() else " " for c in plain).split())


def unit_full_name(unit: str) -> str:
    """The organisation's name as its signature shows it: "UBND xã Lộc Tấn"
    -> "Ủy ban nhân dân xã Lộc Tấn"."""
    return re.sub(r"^UBND\b", "Ủy ban nhân dân", " ".join(unit.split()))


def validity(valid_from: dt.date | None, valid_until: dt.date | None) -> tuple[dt.datetime, dt.datetime]:
    """The window every certificate but an expired one is valid in. The tests
    pass a fixed window around their fixed signing moments, so they pass
    whatever day they run on (and under faketime a year either way)."""
    now = dt.datetime.now(dt.timezone.utc)
    start = (dt.datetime.combine(valid_from, dt.time(), dt.timezone.utc) if valid_from
             else now - dt.timedelta(days=1))
    end = (dt.datetime.combine(valid_until, dt.time(), dt.timezone.utc) if valid_until
           else now + dt.timedelta(days=730))
    if end <= start + dt.timedelta(days=400):
        raise SigningError("--valid-until phải sau --valid-from hơn 400 ngày.")
    return start, end


def make(folder: Path, *, valid_from: dt.date | None = None, valid_until: dt.date | None = None,
         expired: tuple[str, ...] = ()) -> Path:
    """A new demo CA in ``folder`` with the demo's accounts and units (and,
    for tests, accounts ``expired`` whose certificates have expired); its
    secrets file."""
    from cryptography.hazmat.primitives import serialization

    start, end = validity(valid_from, valid_until)
    (folder / "users").mkdir(parents=True, exist_ok=True)
    (folder / "units").mkdir(parents=True, exist_ok=True)
    ca_key, ca_cert = _make_ca(start, end)
    (folder / "ca.pem").write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    _write_private(folder / "ca-key.pem", ca_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    secrets = folder / "signing.toml"
    secrets.write_text("\n".join(HEADER), encoding="utf-8")
    ca = DemoCA(secrets, ca_key, ca_cert)
    for login, full_name in USERS.items():
        ca.add("user", login, full_name)
    for login in expired:
        ca.add("user", login, f"Hết Hạn {login}",
               window=(start - dt.timedelta(days=400), start - dt.timedelta(days=30)))
    for unit in UNITS:
        ca.add("unit", unit, unit_full_name(unit))
    return secrets


def demo_secrets(instance: Path | None = None) -> Path:
    """The demo's secrets file: ``DOCGEN_SIGNING_SECRETS`` when set, else
    ``instance``/signing/signing.toml (``scripts/run.sh``'s) when given."""
    value = os.environ.get(SECRETS_ENV, "").strip()
    if value:
        return Path(value)
    if instance is not None:
        return instance / "signing" / "signing.toml"
    raise SigningError(f"Chưa cấu hình chữ ký số: đặt biến môi trường {SECRETS_ENV} trỏ tới "
                       "tệp khai báo của CA thử nghiệm (scripts/make-test-ca.py).")


def add_user(secrets: Path, login: str, full_name: str) -> bool:
    """A test certificate and signature image for the account ``login``
    (signing as ``full_name``); False when it has one already."""
    return open_demo(secrets).add("user", login.strip().lower(), " ".join(full_name.split()))


def add_unit(secrets: Path, unit: str) -> bool:
    """A test certificate and seal for the unit ``unit``; False when it has one."""
    unit = " ".join(unit.split())
    return open_demo(secrets).add("unit", unit, unit_full_name(unit))


def open_demo(secrets: Path) -> DemoCA:
    """The demo CA whose secrets file is ``secrets``; a SigningError when
    it is not one (real certificates, or a demo CA made without its key)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.x509.oid import NameOID

    settings = load_secrets(secrets)
    folder = secrets.parent
    try:
        ca_cert = x509.load_pem_x509_certificate((folder / "ca.pem").read_bytes())
        names = ca_cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    except (OSError, ValueError):
        ca_cert, names = None, []
    ours = bool(names) and names[0].value == CA_NAME
    if not settings.demo and not ours:
        raise SigningError(
            f"{secrets} không phải CA thử nghiệm của docgen: chứng thư số thật do tổ chức "
            "cung cấp dịch vụ chứng thực cấp và được khai báo trong tệp này; docgen không "
            "tự cấp chứng thư bên cạnh chúng.")
    remake = (f"xóa thư mục {folder} rồi chạy lại scripts/make-test-ca.py (hoặc "
              "./scripts/run.sh)")
    try:
        ca_key = serialization.load_pem_private_key((folder / "ca-key.pem").read_bytes(), None)
    except (OSError, ValueError):
        raise SigningError(f"{folder}: CA thử nghiệm này không có khóa (ca-key.pem; do phiên bản "
                           f"cũ của scripts/make-test-ca.py tạo) nên không cấp thêm chứng thư số "
                           f"được: {remake}.") from None
    if not ours or ca_key.public_key() != ca_cert.public_key():
        raise SigningError(f"{folder}: ca.pem và ca-key.pem không phải của một CA thử nghiệm "
                           f"docgen: {remake}.")
    return DemoCA(secrets, ca_key, ca_cert)


@dataclass
class DemoCA:
    secrets: Path
    key: object  # cryptography's RSA private key
    cert: object  # cryptography's x509.Certificate

    def add(self, kind: str, key: str, full_name: str,
            window: tuple[dt.datetime, dt.datetime] | None = None) -> bool:
        """A certificate for ``kind`` ("user" or "unit") ``key``: its
        PKCS#12 file, its image, its entry in the secrets file."""
        folder = self.secrets.parent
        text = self.secrets.read_text(encoding="utf-8")
        table = tomllib.loads(text).get(f"{kind}s", {})
        if key in table:
            return False
        (folder / f"{kind}s").mkdir(exist_ok=True)
        stem = slug(key) or "x"
        taken = {Path(entry.get("p12", "")).stem for entry in table.values()
                 if isinstance(entry, dict)}
        stem = next(candidate for candidate in (stem, *(f"{stem}-{n}" for n in range(2, 10**6)))
                    if candidate not in taken and not (folder / f"{kind}s" / f"{candidate}.p12").exists())
        start, end = window or (self.cert.not_valid_before_utc + CA_MARGIN[0],
                                self.cert.not_valid_after_utc - CA_MARGIN[1])
        leaf_key, cert = _make_leaf(self.key, self.cert, full_name,
                                    full_name if kind == "unit" else None, start, end)
        passphrase = f"mk-{stem}-{len(table)}" if kind == "user" else f"mk-{stem}"
        p12 = f"{kind}s/{stem}.p12"
        image = f"{kind}s/{stem}-{'chu-ky' if kind == 'user' else 'dau'}.png"
        _write_p12(folder / p12, stem, leaf_key, cert, self.cert, passphrase)
        if kind == "user":
            _signature_png(folder / image, full_name, seed=_seed(key))
        else:
            _seal_png(folder / image, full_name.replace("Ủy ban nhân dân", "UBND"))
        entry = [f"[{kind}s.{_toml_string(key)}]", f"name = {_toml_string(full_name)}",
                 f'p12 = "{p12}"', f'passphrase = "{passphrase}"', f'image = "{image}"', ""]
        self.secrets.write_text(text.rstrip("\n") + "\n\n" + "\n".join(entry), encoding="utf-8")
        return True


    def issue(self, common_name: str, unit: str | None = None, **options):
        """A key and certificate (cryptography's) of this CA in its usual
        window, not written anywhere: for the demo's online services and
        its tokens (:mod:`.demo_services`); ``options`` of :func:`_make_leaf`."""
        start, end = (self.cert.not_valid_before_utc + CA_MARGIN[0],
                      self.cert.not_valid_after_utc - CA_MARGIN[1])
        return _make_leaf(self.key, self.cert, common_name, unit, start, end, **options)


# --- certificates and images ----------------------------------------------------


def _seed(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")


def _write_private(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    path.chmod(0o600)


def _rsa_key():
    from cryptography.hazmat.primitives.asymmetric import rsa

    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str, unit: str | None = None):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, unit or "docgen test CA"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _make_ca(start: dt.datetime, end: dt.datetime):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    ca_key = _rsa_key()
    subject = _name(CA_NAME)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start - CA_MARGIN[0]).not_valid_after(end + CA_MARGIN[1])
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=True, crl_sign=True,
                                         encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()),
                           critical=False)
            .sign(ca_key, hashes.SHA256()))
    return ca_key, cert


def _make_leaf(ca_key, ca_cert, common_name: str, unit: str | None, start: dt.datetime,
               end: dt.datetime, *, online: str | None = None, subject_serial: str | None = None,
               timestamping: bool = False):
    """A certificate and its key; ``online``: the base URL of the CA's
    services (:mod:`.demo_services`), named as its CRL distribution point
    and OCSP responder; ``subject_serial``: the subject's serialNumber (the
    personal identification number Vietnamese CAs put there);
    ``timestamping``: a TSA's certificate."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID

    leaf_key = _rsa_key()
    name = _name(common_name, unit)
    if subject_serial:
        name = x509.Name([*name, x509.NameAttribute(NameOID.SERIAL_NUMBER, subject_serial)])
    builder = x509.CertificateBuilder()
    if online:
        builder = (builder.add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
            [x509.UniformResourceIdentifier(f"{online}/crl")], None, None, None)]), critical=False)
            .add_extension(x509.AuthorityInformationAccess([x509.AccessDescription(
                AuthorityInformationAccessOID.OCSP, x509.UniformResourceIdentifier(f"{online}/ocsp"))]),
                critical=False))
    usage = [ExtendedKeyUsageOID.TIME_STAMPING] if timestamping else [ExtendedKeyUsageOID.EMAIL_PROTECTION]
    cert = (builder.subject_name(name)
            .issuer_name(ca_cert.subject).public_key(leaf_key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(start).not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=False, crl_sign=False,
                                         encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage(usage), critical=timestamping)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                           critical=False)
            .sign(ca_key, hashes.SHA256()))
    return leaf_key, cert


def _write_p12(path: Path, label: str, leaf_key, cert, ca_cert, passphrase: str) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    _write_private(path, pkcs12.serialize_key_and_certificates(
        label.encode(), leaf_key, cert, [ca_cert],
        serialization.BestAvailableEncryption(passphrase.encode())))


def _signature_png(path: Path, full_name: str, seed: int) -> None:
    """A blue scribble over the signer's name, on a transparent background."""
    from PIL import Image, ImageDraw, ImageFont

    rng = random.Random(seed)
    width, height = 720, 360
    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    points = []
    for step in range(140):
        t = step / 139
        x = 60 + t * (width - 120)
        y = height * 0.45 + math.sin(t * 9 + rng.random()) * 70 * (1 - t * 0.5) + rng.uniform(-12, 12)
        points.append((x, y))
    draw.line(points, fill=BLUE, width=9, joint="curve")
    draw.line([(90, height * 0.72), (width - 70, height * 0.6)], fill=BLUE, width=6)
    font = ImageFont.truetype(FONT, 54)
    text_w = draw.textlength(full_name, font=font)
    draw.text(((width - text_w) / 2, height - 88), full_name, font=font, fill=BLUE)
    image.save(path)


def _seal_png(path: Path, unit: str) -> None:
    """A red round seal with the unit's name around it and a star in the middle."""
    from PIL import Image, ImageDraw, ImageFont

    size = 900  # 38 mm at 600 dpi
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    centre = size / 2
    draw.ellipse((12, 12, size - 12, size - 12), outline=RED, width=22)
    draw.ellipse((150, 150, size - 150, size - 150), outline=RED, width=10)
    star = [(centre + r * math.sin(a), centre - r * math.cos(a))
            for k in range(10) for a, r in [(k * math.pi / 5, 110 if k % 2 == 0 else 44)]]
    draw.polygon(star, fill=RED)
    font = ImageFont.truetype(BOLD, 74)
    text = unit.upper()
    # Letters around the ring, each drawn upright on its own and rotated into place.
    sweep = min(1.9 * math.pi, len(text) * 0.2)
    for index, letter in enumerate(text):
        angle = -sweep / 2 + sweep * (index + 0.5) / len(text)
        box = font.getbbox(letter)
        tile = Image.new("RGBA", (120, 120), (255, 255, 255, 0))
        ImageDraw.Draw(tile).text((60 - (box[2] - box[0]) / 2 - box[0], 60 - 50), letter,
                                  font=font, fill=RED)
        tile = tile.rotate(-math.degrees(angle), resample=Image.BICUBIC)
        radius = centre - 85
        x = centre + radius * math.sin(angle) - 60
        y = centre - radius * math.cos(angle) - 60
        image.alpha_composite(tile, (round(x), round(y)))
    image.save(path)


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
