"""``verify_pdf``: each signature of a PDF, whether it is intact, whether it
covers the whole file, and whether changes made after it are only the
later signatures a signed document may receive."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from . import SigningError, outside_event_loop
from .identities import load_secrets


@dataclass(frozen=True)
class SignatureReport:
    field: str
    signer: str  # the certificate's subject common name
    when: dt.datetime | None  # the signing time the signature states
    intact: bool  # the signed bytes are unchanged and the signature matches them
    whole_file: bool  # the signature covers the file to its last byte
    changes_allowed: bool  # what was added after it is only signatures (or nothing)
    trusted: bool | None  # the certificate chains to a configured CA (None: none configured)
    changes: str  # pyHanko's modification level, for the curious

    @property
    def ok(self) -> bool:
        return self.intact and (self.whole_file or self.changes_allowed) and self.trusted is not False


def trusted_roots(paths: list[Path] | None = None) -> list:
    """The CA certificates ``docgen verify`` trusts: ``trusted`` of the secrets
    file, when one is configured."""
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
        if pem.detect(data):
            for _, _, der in pem.unarmor(data, multiple=True):
                roots.append(x509.Certificate.load(der))
        else:
            roots.append(x509.Certificate.load(data))
    return roots


@outside_event_loop
def verify_pdf(pdf: bytes, trusted: list | None = None) -> list[SignatureReport]:
    """One report per signature, in signing order; ``trusted`` CA
    certificates (asn1crypto), default those of the secrets file."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    roots = trusted_roots() if trusted is None else trusted
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception as error:
        raise SigningError(f"Tệp không phải PDF đọc được: {error}") from None
    reports = []
    for signature in signatures:
        context = ValidationContext(trust_roots=roots, allow_fetching=False) if roots else None
        try:
            status = validate_pdf_signature(signature, signer_validation_context=context)
        except Exception as error:  # a mangled signature dictionary or CMS blob
            reports.append(SignatureReport(signature.field_name, "?", None, False, False, False,
                                           None, f"lỗi: {error}"))
            continue
        level = status.modification_level
        reports.append(SignatureReport(
            field=signature.field_name,
            signer=status.signing_cert.subject.native.get("common_name", "?"),
            when=status.signer_reported_dt,
            intact=bool(status.intact and status.valid),
            whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
            changes_allowed=(status.coverage == SignatureCoverageLevel.ENTIRE_FILE
                             or (level is not None and level <= ModificationLevel.FORM_FILLING
                                 and status.docmdp_ok is not False)),
            trusted=bool(status.trusted) if roots else None,
            changes=level.name if level is not None else "?",
        ))
    return reports
