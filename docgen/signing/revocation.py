"""Whether a signer's certificate was revoked, and when: from the CRLs and
OCSP responses stored in the PDF (its DSS, PAdES B-LT), else, when allowed,
fetched from the CRL address the certificate names. Only data signed by
the certificate's issuer counts."""

from __future__ import annotations

import datetime as dt
import logging
import urllib.request
from dataclasses import dataclass

log = logging.getLogger(__name__)

FETCH_TIMEOUT = 5  # seconds


@dataclass(frozen=True)
class Revocation:
    status: str  # "good", "revoked", "unknown"
    revoked_at: dt.datetime | None = None
    source: str = ""  # "CRL" or "OCSP"
    embedded: bool = False  # found in the PDF (DSS), not fetched

    def describe(self) -> str:
        """In Vietnamese, for ``docgen verify``."""
        where = "lưu trong tệp" if self.embedded else "lấy trực tuyến"
        if self.status == "revoked":
            return f"ĐÃ THU HỒI lúc {self.revoked_at.isoformat()} ({self.source}, {where})"
        if self.status == "good":
            return f"chưa bị thu hồi ({self.source}, {where})"
        return "chưa kiểm tra được (không có dữ liệu thu hồi)"


def dss_data(reader) -> tuple[list[bytes], list[bytes]]:
    """The CRLs and OCSP responses (DER) in the PDF's DSS."""
    dss = reader.root.get("/DSS")
    if dss is None:
        return [], []
    dss = dss.get_object()

    def streams(key):
        return [ref.get_object().data for ref in dss.get(key, ())]

    try:
        return streams("/CRLs"), streams("/OCSPs")
    except Exception:
        return [], []


def _crypto(cert):
    from cryptography import x509

    return x509.load_der_x509_certificate(cert.dump())


def status_of(cert, issuer, crls: list[bytes], ocsps: list[bytes], embedded: bool) -> Revocation:
    """The revocation status of ``cert`` (asn1crypto) by ``issuer``
    (asn1crypto, None when unknown: nothing can be trusted then)."""
    from cryptography import x509
    from cryptography.x509 import ocsp

    if issuer is None:
        return Revocation("unknown")
    subject, authority = _crypto(cert), _crypto(issuer)
    found = None
    for data in ocsps:
        try:
            response = ocsp.load_der_ocsp_response(data)
            if response.response_status != ocsp.OCSPResponseStatus.SUCCESSFUL \
                    or response.serial_number != subject.serial_number:
                continue
            authority.public_key().verify(response.signature, response.tbs_response_bytes,
                                          *_verify_args(authority, response.signature_hash_algorithm))
        except Exception:
            continue
        if response.certificate_status == ocsp.OCSPCertStatus.REVOKED:
            return Revocation("revoked", response.revocation_time_utc, "OCSP", embedded)
        if response.certificate_status == ocsp.OCSPCertStatus.GOOD:
            found = Revocation("good", None, "OCSP", embedded)
    for data in crls:
        try:
            crl = x509.load_der_x509_crl(data)
            if crl.issuer != subject.issuer or not crl.is_signature_valid(authority.public_key()):
                continue
        except Exception:
            continue
        entry = crl.get_revoked_certificate_by_serial_number(subject.serial_number)
        if entry is not None:
            return Revocation("revoked", entry.revocation_date_utc, "CRL", embedded)
        found = found or Revocation("good", None, "CRL", embedded)
    return found or Revocation("unknown")


def _verify_args(issuer, hash_algorithm):
    from cryptography.hazmat.primitives.asymmetric import padding
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey

    if isinstance(issuer.public_key(), RSAPublicKey):
        return padding.PKCS1v15(), hash_algorithm
    from cryptography.hazmat.primitives.asymmetric import ec

    return (ec.ECDSA(hash_algorithm),)


def fetch_crls(cert) -> list[bytes]:
    """The CRLs at the addresses ``cert`` (asn1crypto) names; those that
    cannot be fetched are left out."""
    found = []
    for url in cert.crl_distribution_points_value and [
            name.native for point in cert.crl_distribution_points_value
            for name in (point["distribution_point"].chosen if point["distribution_point"] else [])
            if name.name == "uniform_resource_identifier"] or []:
        if not url.startswith(("http://", "https://")):
            continue
        try:
            with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT) as response:
                found.append(response.read())
        except OSError as error:
            log.debug("CRL %s not fetched: %r", url, error)
    return found
