"""How each user and unit signs, set by the administrator (``docgen
signing method``) and shown to them on the web (/admin/signing).

A user or unit without a setting signs with its PKCS#12 file when the
secrets file has one (the demo and the tests), else cannot sign: the person
is told to ask the administrator. The certificate that may sign for an
account is the one whose SHA-256 fingerprint or subject serial number is
stored here, never one found by the full name."""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from .audit import audit
from .errors import NotFound, StateError
from .models import CSC, HSM, METHOD_LABELS, METHODS, P12, TOKEN, SigningSetting, Unit, User
from .users import find_user

ASK_ADMIN = "hãy đề nghị quản trị hệ thống cấu hình cách ký số"


def fingerprint(certificate: bytes) -> str:
    return hashlib.sha256(certificate).hexdigest()


def subject_serial(certificate: bytes) -> str | None:
    """The subject's serialNumber attribute of a DER certificate (where
    Vietnamese CAs put the holder's identification number)."""
    from asn1crypto import x509

    try:
        return x509.Certificate.load(certificate).subject.native.get("serial_number")
    except (ValueError, TypeError):
        return None


def read_certificate(data: bytes) -> bytes:
    """DER of a PEM or DER certificate file's first certificate."""
    from asn1crypto import pem, x509

    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    try:
        x509.Certificate.load(data).subject.native
    except (ValueError, TypeError):
        raise StateError("Tệp không phải chứng thư số (PEM hoặc DER) đọc được.") from None
    return data


def setting_of(session: Session, *, user: User | None = None, unit: Unit | None = None) -> SigningSetting | None:
    column, owner = (SigningSetting.user_id, user) if user is not None else (SigningSetting.unit_id, unit)
    return session.scalar(select(SigningSetting).where(column == owner.id))


def set_method(session: Session, name: str, method: str, *, provider: str | None = None,
               credential: str | None = None, certificate: bytes | None = None,
               serial: str | None = None, acting: str = "cli") -> SigningSetting:
    """Sets how the account (by login) or the unit (by name) ``name`` signs."""
    if method not in METHODS:
        raise StateError(f"Cách ký “{method}” không có; dùng: " + ", ".join(METHODS) + ".")
    user = find_user(session, name)
    unit = None if user else session.scalar(select(Unit).where(Unit.name == " ".join(name.split())))
    if user is None and unit is None:
        raise NotFound(f"“{name}”: không có tài khoản hay đơn vị này.")
    if method == CSC and not (provider and credential):
        raise StateError("Ký số từ xa cần --provider (tên dịch vụ trong tệp khai báo) và "
                         "--credential (mã chứng thư số của người dùng tại dịch vụ).")
    if method == HSM and not provider:
        raise StateError("Ký bằng HSM cần --provider (tên HSM trong tệp khai báo).")
    if method == TOKEN and not (certificate or serial):
        raise StateError("Ký bằng thiết bị ký số cần --certificate (tệp chứng thư số của người "
                         "dùng) hoặc --serial (số serial trong chủ thể chứng thư) để nhận ra "
                         "chứng thư của đúng người.")
    setting = setting_of(session, user=user, unit=unit) or SigningSetting(
        user_id=user.id if user else None, unit_id=unit.id if unit else None)
    setting.method, setting.provider, setting.credential = method, provider, credential
    setting.cert_sha256 = fingerprint(certificate) if certificate else None
    setting.cert_serial = serial or None
    session.add(setting)
    audit(session, None, "signing_method",
          detail=f"{'người dùng ' + user.username if user else 'đơn vị ' + unit.name}: "
                 f"{METHOD_LABELS[method]} ({acting})")
    session.commit()
    return setting


def all_settings(session: Session) -> list[SigningSetting]:
    return list(session.scalars(select(SigningSetting).order_by(SigningSetting.id)))


def matches(setting: SigningSetting | None, certificate: bytes) -> bool:
    """The certificate is the one stored for the account or unit."""
    if setting is None or not (setting.cert_sha256 or setting.cert_serial):
        return False
    if setting.cert_sha256 and setting.cert_sha256 != fingerprint(certificate):
        return False
    if setting.cert_serial and setting.cert_serial != subject_serial(certificate):
        return False
    return True


__all__ = ["ASK_ADMIN", "CSC", "HSM", "P12", "TOKEN", "all_settings", "fingerprint", "matches",
           "read_certificate", "set_method", "setting_of", "subject_serial"]
