"""Keys on PKCS#11 devices, through python-pkcs11: the officer's USB token
(read by ``docgen local-signer`` on their own computer) and an HSM on the
server (the organisation's seal). The device signs a SHA-256 digest it is
handed (:mod:`.two_step`); the PIN is given for that one signature and
never kept.

The PKCS#11 library is the device's driver, a shared object its maker
ships (the Ban Cơ yếu Chính phủ's or a CA's token driver, SoftHSM2 in the
tests): ``module`` below is its path."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

from . import SigningError
from .algorithms import RSA_PKCS1, SALT_LENGTH, SHA256_DIGEST_INFO, check

_LIBRARIES: dict[str, object] = {}
_LOCK = threading.Lock()

NO_DEVICE = "Không thấy thiết bị ký số (USB token): hãy cắm thiết bị vào máy tính rồi thử lại."
WRONG_PIN = "Sai mã PIN của thiết bị ký số: hãy nhập lại (thiết bị sẽ khóa nếu nhập sai nhiều lần)."
LOCKED = ("Thiết bị ký số đã bị khóa do nhập sai mã PIN nhiều lần: hãy liên hệ tổ chức cấp "
          "chứng thư số để mở khóa.")


@dataclass(frozen=True)
class TokenCertificate:
    """A certificate on a device with a private key beside it (same CKA_ID)."""

    token: str  # the token's label
    key_id: bytes
    label: str
    der: bytes
    chain: tuple[bytes, ...]  # the certificate then the CA certificates found on the token

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.der).hexdigest()


def library(module: str):
    """The loaded PKCS#11 library at ``module`` (once per process)."""
    import pkcs11

    with _LOCK:
        if module not in _LIBRARIES:
            try:
                _LIBRARIES[module] = pkcs11.lib(module)
            except Exception as error:  # no such file, not a PKCS#11 library
                raise SigningError(NO_DEVICE, f"Không nạp được thư viện PKCS#11 {module}: "
                                   f"{error!r}") from None
        return _LIBRARIES[module]


def _tokens(module: str, label: str | None):
    lib = library(module)
    tokens = [slot.get_token() for slot in lib.get_slots(token_present=True)]
    if label:
        tokens = [token for token in tokens if token.label.strip() == label]
    if not tokens:
        raise SigningError(NO_DEVICE, f"Không có token {label or ''} trong {module}.")
    return tokens


def certificates(module: str, token_label: str | None = None) -> list[TokenCertificate]:
    """The certificates with a private key on the devices of ``module``
    (all tokens, or the one labelled ``token_label``); no PIN needed."""
    from asn1crypto import x509
    from pkcs11 import Attribute, ObjectClass

    found = []
    for token in _tokens(module, token_label):
        with token.open() as session:
            certs = [(cert[Attribute.ID] if _has(cert, Attribute.ID) else b"",
                      cert[Attribute.LABEL] if _has(cert, Attribute.LABEL) else "",
                      bytes(cert[Attribute.VALUE]))
                     for cert in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE})]
        parsed = {der: x509.Certificate.load(der) for _, _, der in certs}
        cas = [der for der, cert in parsed.items() if cert.ca]
        for key_id, label, der in certs:
            if parsed[der].ca:
                continue
            chain = [der] + [ca for ca in cas if parsed[ca].subject == parsed[der].issuer]
            found.append(TokenCertificate(token.label.strip(), bytes(key_id), label, der, tuple(chain)))
    return found


def _has(obj, attribute) -> bool:
    try:
        obj[attribute]
    except Exception:
        return False
    return True


def sign_digest(module: str, token_label: str, key_id: bytes, pin: str, digest: bytes,
                algorithm: str = RSA_PKCS1) -> bytes:
    """The raw signature of the SHA-256 ``digest`` by the private key
    ``key_id`` of the token ``token_label``, logged in with ``pin``."""
    import pkcs11
    from pkcs11 import MGF, Attribute, Mechanism, ObjectClass

    check(algorithm)
    if len(digest) != 32:
        raise SigningError("Dữ liệu cần ký phải là giá trị băm SHA-256 (32 byte).")
    token = _tokens(module, token_label)[0]
    try:
        with token.open(user_pin=pin) as session:
            keys = list(session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY,
                                             Attribute.ID: key_id}))
            if not keys:
                raise SigningError("Không thấy khóa bí mật của chứng thư số đã chọn trên thiết bị ký số.")
            if algorithm == RSA_PKCS1:
                return keys[0].sign(SHA256_DIGEST_INFO + digest, mechanism=Mechanism.RSA_PKCS)
            return keys[0].sign(digest, mechanism=Mechanism.RSA_PKCS_PSS,
                                mechanism_param=(Mechanism.SHA256, MGF.SHA256, SALT_LENGTH))
    except (pkcs11.exceptions.PinIncorrect, pkcs11.exceptions.PinInvalid,
            pkcs11.exceptions.PinLenRange):
        raise SigningError(WRONG_PIN) from None
    except pkcs11.exceptions.PinLocked:
        raise SigningError(LOCKED) from None
    except (pkcs11.exceptions.TokenNotPresent, pkcs11.exceptions.NoSuchToken):
        raise SigningError(NO_DEVICE) from None


def import_key(module: str, token_label: str, pin: str, key_id: bytes, label: str,
               private_key, chain: list) -> None:
    """Puts a private key (cryptography's RSA key) and its certificate
    chain (cryptography's certificates) on a token: the tests' and the
    demo's SoftHSM tokens, made from the test CA (:mod:`.demo_services`)."""
    from cryptography.hazmat.primitives import serialization
    from pkcs11 import Attribute, ObjectClass
    from pkcs11.util.rsa import decode_rsa_private_key, decode_rsa_public_key
    from pkcs11.util.x509 import decode_x509_certificate

    der = private_key.private_bytes(serialization.Encoding.DER,
                                    serialization.PrivateFormat.TraditionalOpenSSL,
                                    serialization.NoEncryption())
    public = private_key.public_key().public_bytes(serialization.Encoding.DER,
                                                   serialization.PublicFormat.PKCS1)
    token = _tokens(module, token_label)[0]
    with token.open(user_pin=pin, rw=True) as session:
        attributes = decode_rsa_private_key(der)
        attributes.update({Attribute.ID: key_id, Attribute.LABEL: label, Attribute.TOKEN: True,
                           Attribute.PRIVATE: True, Attribute.SENSITIVE: True, Attribute.SIGN: True})
        session.create_object(attributes)
        attributes = decode_rsa_public_key(public)
        attributes.update({Attribute.ID: key_id, Attribute.LABEL: label, Attribute.TOKEN: True,
                           Attribute.CLASS: ObjectClass.PUBLIC_KEY, Attribute.VERIFY: True})
        session.create_object(attributes)
        for index, cert in enumerate(chain):
            attributes = decode_x509_certificate(cert.public_bytes(serialization.Encoding.DER))
            attributes.update({Attribute.TOKEN: True, Attribute.LABEL: label if index == 0 else "CA",
                               Attribute.ID: key_id if index == 0 else b"ca" + key_id})
            session.create_object(attributes)
