"""``verify_pdf``: each signature of a PDF, whether it is intact, whether
what was added after it is only what a signed document may receive (later
signatures, their validation data, timestamps: :mod:`.changes`), and
whether its certificate comes from a CA docgen trusts.

Nothing is accepted by default: a signature is good (``ok``) only when it
is intact, nothing but those additions follows it, and a configured CA
issued its certificate; each failure has its Vietnamese reason
(``problems``)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from . import SigningError, outside_event_loop
from .identities import SECRETS_ENV, load_secrets
from .revocation import Revocation

log = logging.getLogger(__name__)

NO_TRUST = "chưa xác định được CA tin cậy"


@dataclass(frozen=True)
class SignatureReport:
    field: str
    signer: str  # the certificate's subject common name
    when: dt.datetime | None  # the signing time the signature states (a timestamp's own time)
    intact: bool  # the signed bytes are unchanged and the signature matches them
    whole_file: bool  # the signature covers the file to its last byte
    changes_allowed: bool  # what was added after it is only signatures, DSS, timestamps (or nothing)
    trusted: bool | None  # the certificate chains to a configured CA (None: none configured)
    changes: str = ""  # what was added after it that is refused, in Vietnamese ("" if nothing)
    timestamp: bool = False  # a document timestamp (RFC 3161), not a person's signature
    error: str = ""  # why the signature could not be checked at all, in Vietnamese
    level: str = ""  # PAdES level: B-B, B-T (a signature timestamp), B-LT (and revocation data), B-LTA
    timestamp_time: dt.datetime | None = None  # the TSA's time in the signature's timestamp
    timestamp_authority: str = ""  # the TSA certificate's common name
    timestamp_ok: bool | None = None  # the timestamp is intact and its TSA trusted (None: none)
    revocation: Revocation | None = None  # of the signer's certificate

    @property
    def revoked_before(self) -> bool:
        """The certificate was revoked before the signature's time (the
        timestamp's, else the time the signature states)."""
        moment = self.timestamp_time or self.when
        revocation = self.revocation
        return bool(revocation and revocation.status == "revoked"
                    and (moment is None or revocation.revoked_at <= moment))

    @property
    def ok(self) -> bool:
        return (self.intact and (self.whole_file or self.changes_allowed) and self.trusted is True
                and self.timestamp_ok is not False and not self.revoked_before)

    @property
    def problems(self) -> list[str]:
        """Why the signature is not good, in Vietnamese; empty when ``ok``."""
        found = []
        if self.error:
            found.append(self.error)
        elif not self.intact:
            found.append("chữ ký không khớp với nội dung đã ký: tệp bị sửa trong phần đã ký")
        if not (self.whole_file or self.changes_allowed):
            found.append("tệp đã bị thay đổi sau khi ký"
                         + (f": {self.changes}" if self.changes else ""))
        if self.trusted is None:
            found.append(f"{NO_TRUST}: chưa cấu hình CA (mục “trusted” của tệp khai báo "
                         f"chứng thư số, biến môi trường {SECRETS_ENV}, hoặc --ca)")
        elif self.trusted is False and not self.error:
            found.append(f"{NO_TRUST}: chứng thư của “{self.signer}” không do CA nào được "
                         "cấu hình tin cậy cấp")
        if self.timestamp_ok is False:
            found.append("dấu thời gian của chữ ký không hợp lệ hoặc do TSA không được tin cậy cấp")
        if self.revoked_before:
            found.append("chứng thư số đã bị thu hồi lúc "
                         f"{self.revocation.revoked_at.isoformat()}, trước thời điểm ký")
        return found


def trusted_roots(paths: list[Path] | None = None) -> list:
    """The CA certificates ``docgen verify`` trusts: ``paths`` (PEM or DER
    files), by default ``trusted`` of the secrets file when one is
    configured, else none."""
    from asn1crypto import pem, x509

    if paths is None:
        try:
            paths = list(load_secrets().trusted)
        except SigningError:
            return []
    roots = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            raise SigningError(f"Không đọc được chứng thư CA tin cậy {path}.") from None
        try:
            certificates = ([x509.Certificate.load(der)
                             for _, _, der in pem.unarmor(data, multiple=True)]
                            if pem.detect(data) else [x509.Certificate.load(data)])
            for certificate in certificates:
                certificate.subject.native  # parsed now: a broken file is refused here
        except Exception:
            raise SigningError(f"{path} không phải chứng thư CA (PEM hoặc DER) đọc được.") from None
        roots.extend(certificates)
    return roots


@outside_event_loop
def verify_pdf(pdf: bytes, trusted: list | None = None, online: bool = False) -> list[SignatureReport]:
    """One report per signature or document timestamp, in signing order;
    ``trusted``: the CA certificates (asn1crypto), default those of the
    secrets file (none when no secrets file is configured: then no
    signature is ``ok``). The revocation status of each signer's
    certificate comes from the PDF's DSS, else (``online``) from the CRL
    its certificate names."""
    from .revocation import dss_data
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields
    from pyhanko_certvalidator import ValidationContext

    roots = trusted_roots() if trusted is None else trusted
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=True)
        signatures = reader.embedded_signatures
        filled = [name for name, _, _ in enumerate_sig_fields(reader, filled_status=True)]
    except Exception as error:
        log.debug("PDF not read for verification: %r", error)
        raise SigningError("Tệp không phải PDF đọc được, hoặc có cấu trúc không chuẩn nên "
                           "không kiểm tra được chữ ký số.") from None
    crls, ocsps = dss_data(reader)
    have_timestamp_after = False
    reports = []
    for signature in reversed(signatures):
        report = _report(signature, ValidationContext(trust_roots=roots, allow_fetching=False),
                         bool(roots))
        if not report.timestamp and not report.error:
            report = _long_term(report, signature, roots, crls, ocsps, online, have_timestamp_after)
        have_timestamp_after = have_timestamp_after or report.timestamp
        reports.insert(0, report)
    # pyHanko's reader skips a signature value of a kind it does not know: such a
    # field would never be checked, so it counts as a broken signature.
    read = {signature.field_name for signature in signatures}
    reports += [SignatureReport(name, "?", None, False, False, False, None,
                                error="chữ ký số không đọc được")
                for name in filled if name not in read]
    return reports


def _report(signature, context, have_roots: bool) -> SignatureReport:  # noqa: C901
    from pyhanko.sign.diff_analysis import DiffResult
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    from .changes import POLICY, RefusedChange

    timestamp = signature.sig_object_type == "/DocTimeStamp"
    try:
        if timestamp:
            status = validate_pdf_timestamp(signature, validation_context=context,
                                            diff_policy=POLICY)
        else:
            status = validate_pdf_signature(signature, signer_validation_context=context,
                                            diff_policy=POLICY)
    except Exception as error:  # a mangled signature dictionary or CMS blob
        log.debug("signature %s not validated: %r", signature.field_name, error)
        return SignatureReport(signature.field_name, "?", None, False, False, False,
                               None if not have_roots else False, timestamp=timestamp,
                               error="chữ ký số không đọc được hoặc không đúng định dạng")
    whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    result = status.diff_result
    allowed = whole_file or (isinstance(result, DiffResult)
                             and getattr(status, "docmdp_ok", None) is not False)
    if allowed:
        changes = ""
    elif isinstance(result, RefusedChange):
        changes = result.reason
    elif status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        changes = "chữ ký không phủ trọn phiên bản tệp mà nó ký"
    else:
        changes = "quyền sửa đổi mà chữ ký đặt ra (DocMDP) không cho phép các thay đổi sau đó"
    if result is not None and not isinstance(result, DiffResult):
        log.debug("changes after %s: %s", signature.field_name, result)
    stamp = None if timestamp else status.timestamp_validity
    return SignatureReport(
        timestamp_time=stamp.timestamp if stamp else None,
        timestamp_authority=stamp.signing_cert.subject.native.get("common_name", "?") if stamp else "",
        timestamp_ok=(bool(stamp.intact and stamp.valid and (stamp.trusted or not have_roots))
                      if stamp else None),
        field=signature.field_name,
        signer=status.signing_cert.subject.native.get("common_name", "?"),
        when=status.timestamp if timestamp else status.signer_reported_dt,
        intact=bool(status.intact and status.valid),
        whole_file=whole_file,
        changes_allowed=allowed,
        trusted=bool(status.trusted) if have_roots else None,
        changes=changes,
        timestamp=timestamp,
    )


def _long_term(report: SignatureReport, signature, roots, crls, ocsps, online: bool,
               archived: bool) -> SignatureReport:
    """``report`` with the signature's PAdES level and its certificate's
    revocation status (the PDF's DSS, else fetched when ``online``);
    ``archived``: a document timestamp follows it."""
    from dataclasses import replace

    from .revocation import Revocation, fetch_crls, status_of

    cert = signature.signer_cert
    known = list(roots) + [c for c in signature.other_embedded_certs]
    issuer = next((c for c in known if c.subject == cert.issuer), None)
    revocation = status_of(cert, issuer, crls, ocsps, embedded=True)
    if revocation.status == "unknown" and online:
        revocation = status_of(cert, issuer, fetch_crls(cert), [], embedded=False)
    if report.timestamp_time is None:
        level = "B-B"
    elif revocation.status != "unknown" and revocation.embedded:
        level = "B-LTA" if archived else "B-LT"
    else:
        level = "B-T"
    return replace(report, level=level, revocation=revocation if revocation.status != "unknown"
                   else Revocation("unknown"))
