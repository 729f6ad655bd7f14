"""The PDFs of an issued document and its two digital signatures (ký số).

The order is Decree 30's for electronic documents, number and date first:
the văn thư issues the approved draft (``register.issue``: number, date,
final .docx), then the signer named on the document signs the PDF of that
.docx with their own certificate, then the unit's văn thư adds the
organisation's signature over the signer's. Each step's PDF is stored for
good with its SHA-256 (``IssuedPdf``, one per step); the document counts as
sent (đã phát hành) only once both signatures are on it.

Whose certificate signs is decided here, from the logged-in user, never
from what a form sends: the signer's is ``identities.for_user(username)``,
the organisation's ``identities.for_unit(unit name)`` (docgen.signing).

Like ``register``, every function takes the session and the acting user
first, commits with its audit row, and raises a StorageError in Vietnamese;
another unit's document is NotFound. A certificate that is missing or
cannot be used tells the user to ask the administrator (no server path) and
logs the details for the administrator at WARNING.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Callable

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..vietnamese.dates import vietnam_time
from ..vietnamese.vn import same_text
from .audit import audit
from .errors import Forbidden, NotFound, StateError, StorageError
from .models import (
    ISSUED_PDF,
    PDF_STEPS,
    REGISTRAR,
    SEALED_PDF,
    SIGNED_PDF,
    SIGNER,
    IssuedDocument,
    IssuedPdf,
    User,
    utcnow,
)
from .register import get_entry

log = logging.getLogger(__name__)

STEP_NAMES = {ISSUED_PDF: "bản PDF", SIGNED_PDF: "bản PDF có chữ ký số của người ký",
              SEALED_PDF: "bản PDF có chữ ký số của cơ quan"}


class SigningUnavailable(StorageError):
    """No certificate for this user or unit, or one that cannot be opened
    (a wrong passphrase in the configuration): what to ask the admin for."""


# --- the steps -------------------------------------------------------------------


def issued_pdf(session: Session, user: User, entry_id: int, *,
               convert: Callable[[bytes], bytes] | None = None) -> IssuedPdf:
    """The PDF of the issued .docx, made once by ``convert`` (default
    ``docgen.pdf.docx_to_pdf``; the web passes its gated conversion) and
    kept; a PdfError (Vietnamese) when LibreOffice cannot make it."""
    entry = get_entry(session, user, entry_id)
    stored = entry.pdf(ISSUED_PDF)
    if stored is not None:
        return stored
    if convert is None:
        from ..pdf import docx_to_pdf as convert

    document = convert(entry.docx)
    return _store(session, user, entry, ISSUED_PDF, document, action=None)


def may_sign(user: User, entry: IssuedDocument) -> bool:
    """The signing officer whose name the document carries (ô 7b)."""
    return user.role == SIGNER and same_text(" ".join(user.full_name.split()),
                                             " ".join(entry.signer.split()), casefold=True)


def sign(session: Session, user: User, entry_id: int, *, ip: str | None = None,
         convert: Callable[[bytes], bytes] | None = None) -> IssuedPdf:
    """Ký số: the signer named on the document signs its PDF (made by
    ``convert`` when not made yet: ``issued_pdf``) with their own
    certificate."""
    entry = get_entry(session, user, entry_id)
    if not may_sign(user, entry):
        raise Forbidden(f"Văn bản số {entry.number_text} do {entry.signer} ký; chỉ người ký có tên "
                        "trên văn bản mới ký số được, bằng chứng thư số của chính mình.")
    _require_open(entry)
    if entry.pdf(SIGNED_PDF) is not None:
        done = entry.pdf(SIGNED_PDF)
        raise StateError(f"Văn bản số {entry.number_text} đã được ký số lúc {vietnam_time(done.made_at)}.")
    from ..signing import identities

    identity = _identity(user, lambda: identities.for_user(user.username))
    unsigned = issued_pdf(session, user, entry_id, convert=convert).pdf
    signed = _signed(user, unsigned, identity, "signer", signer_name=entry.signer,
                     authority=entry.plan["signer"]["authority"])
    return _store(session, user, entry, SIGNED_PDF, signed, action="sign", ip=ip)


def seal(session: Session, user: User, entry_id: int, *, ip: str | None = None) -> IssuedPdf:
    """Ký số cơ quan và phát hành: the unit's văn thư adds the organisation's
    signature over the signer's; the document is sent from then on."""
    entry = get_entry(session, user, entry_id)
    if user.role != REGISTRAR:
        raise Forbidden("Chỉ văn thư của đơn vị mới được ký số của cơ quan và phát hành văn bản.")
    _require_open(entry)
    if entry.pdf(SEALED_PDF) is not None:
        done = entry.pdf(SEALED_PDF)
        raise StateError(f"Văn bản số {entry.number_text} đã được ký số của cơ quan và phát hành lúc "
                         f"{vietnam_time(done.made_at)}.")
    signed = entry.pdf(SIGNED_PDF)
    if signed is None:
        raise StateError(f"Văn bản số {entry.number_text} chưa có chữ ký số của người ký "
                         f"({entry.signer}); chữ ký số của cơ quan đặt sau chữ ký đó.")
    from ..signing import identities

    unit = user.unit.name
    identity = _identity(user, lambda: identities.for_unit(unit))
    sealed = _signed(user, signed.pdf, identity, "organisation")
    return _store(session, user, entry, SEALED_PDF, sealed, action="org_sign", ip=ip)


def download_pdf(session: Session, user: User, entry_id: int, step: str, *,
                 ip: str | None = None, convert: Callable[[bytes], bytes] | None = None) -> IssuedPdf:
    """A stored PDF of the document (``step``: issued, signer,
    organisation), recorded in the audit log; the PDF of the issued .docx
    is made on first use (by ``convert``: ``issued_pdf``)."""
    entry = get_entry(session, user, entry_id)
    if step not in PDF_STEPS:
        raise NotFound(f"Văn bản số {entry.number_text} không có tệp PDF “{step}”.")
    stored = issued_pdf(session, user, entry_id, convert=convert) if step == ISSUED_PDF else entry.pdf(step)
    if stored is None:
        raise StateError(f"Văn bản số {entry.number_text} chưa có {STEP_NAMES[step]}.")
    audit(session, user, "download", draft=entry.draft_id, version=entry.version.number, ip=ip,
          detail=f"{STEP_NAMES[step]} {entry.number_text}, SHA-256 {stored.sha256}")
    session.commit()
    return stored


# --- inside ----------------------------------------------------------------------


def _require_open(entry: IssuedDocument) -> None:
    if entry.recall is not None:
        raise StateError(f"Văn bản số {entry.number_text} đã bị thu hồi nên không ký số được nữa.")


def _identity(user: User, load):
    """The signing identity ``load()`` gives, or SigningUnavailable saying
    what is missing (docgen.signing's message)."""
    from ..signing import SigningError

    try:
        return load()
    except SigningError as error:
        raise _unavailable(user, error) from error


def _signed(user: User, document: bytes, identity, role: str, **where) -> bytes:
    from ..signing import SigningError, sign

    try:
        return sign.sign_pdf(document, identity, role=role, **where)
    except SigningError as error:
        raise _unavailable(user, error) from error


def _unavailable(user: User, error) -> SigningUnavailable:
    """The user's message; the administrator's details (paths, settings) go
    to the log."""
    log.warning("signing refused for %s (%s, %s): %s", user.username, user.role,
                user.unit.name, error.detail)
    return SigningUnavailable(error.message)


def _store(session: Session, user: User, entry: IssuedDocument, step: str, document: bytes, *,
           action: str | None, ip: str | None = None) -> IssuedPdf:
    stored = IssuedPdf(document_id=entry.id, step=step, pdf=document,
                       sha256=hashlib.sha256(document).hexdigest(), made_by_id=user.id,
                       made_at=utcnow())
    session.add(stored)
    if action is not None:
        audit(session, user, action, draft=entry.draft_id, version=entry.version.number, ip=ip,
              detail=f"{entry.number_text}, SHA-256 {stored.sha256}")
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        entry = get_entry(session, user, entry.id)
        if step == ISSUED_PDF and entry.pdf(step) is not None:
            return entry.pdf(step)  # made meanwhile by another request: the same document
        raise StateError(f"Văn bản số {entry.number_text} vừa được ký số bởi người khác; "
                         "hãy tải lại trang.") from None
    session.refresh(entry)
    return stored
