"""What an issued document sends out: its edXML package for the national
document axis (QCVN 102:2016 as amended by TT 01/2022): a new document to
each recipient agency, or a replacement when it corrects a recalled one,
and the revocation message of a recalled document (``docgen.edxml``
writes and reads the package; this module fills it from the register).

The sender is the unit by its mã định danh; the recipients are the plan's
recipients that have a code. The files are the newest stored PDF of the
document (with the organisation's signature once it is there). Access is the
register's: a document of the user's unit (``register.get_entry``)."""

from __future__ import annotations

import datetime as dt
from typing import Callable

from sqlalchemy.orm import Session

from .. import doctypes
from ..edxml import envelope as edxml
from ..edxml.writer import write
from ..metadata.fields import default_copies
from ..metadata.xml import to_xml
from ..metadata.xmp import page_count
from ..plan import marks
from ..plan.model import Plan
from ..vietnamese.dates import VIETNAM
from ..vietnamese.document_number import number_text
from .audit import audit
from .errors import StateError
from .models import PDF_STEPS, IssuedDocument, User
from .metadata import entry_metadata
from .register import get_entry, record_sent_electronically

NEW, REVOKE, REPLACE = edxml.NEW, edxml.REVOKE, edxml.REPLACE
MESSAGE_LABELS = {NEW: "văn bản mới", REVOKE: "thu hồi", REPLACE: "thay thế"}
PDF = "application/pdf"


def document_id(entry: IssuedDocument) -> str:
    """``000.00.31.H41,2026/12/03,05/UBND-VP``: the document on the axis."""
    return edxml.document_id(_sender_code(entry), entry.issued_on, entry.number_text)


def _sender_code(entry: IssuedDocument) -> str:
    if not entry.unit.code:
        raise StateError(f"{entry.unit.name} chưa có mã định danh: quản trị hệ thống đặt ở trang “Danh bạ cơ quan” "
                         "(hoặc lệnh docgen units code) trước khi gửi văn bản điện tử.")
    return entry.unit.code


def _recipients(entry: IssuedDocument, plan: Plan) -> tuple[edxml.Organ, ...]:
    organs = tuple(edxml.Organ(r.code, r.name) for r in plan.recipients if r.code)
    if not organs:
        raise StateError(f"Văn bản số {entry.number_text} không có nơi nhận nào có mã định danh: không gửi "
                         "điện tử được. Nơi nhận có mã được chọn từ danh bạ cơ quan khi soạn.")
    return organs


def _signer(plan: Plan) -> edxml.Signer:
    """``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH`` / the name: the authority lines
    but the last are the competence, the last the position."""
    lines = list(plan.signer.authority)
    return edxml.Signer(" ".join(lines[:-1]), lines[-1] if lines else "", plan.signer.name)




def newest_pdf(entry: IssuedDocument):
    """The stored PDF of the latest step done (organisation, signer,
    issued); StateError when none is stored yet."""
    for step in reversed(PDF_STEPS):
        stored = entry.pdf(step)
        if stored is not None:
            return stored
    raise StateError(f"Văn bản số {entry.number_text} chưa có bản PDF: hãy ký số (hoặc tải PDF) trước khi xuất "
                     "gói edXML.")


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)).astimezone(VIETNAM).replace(microsecond=0)


def _to_vietnam(utc_naive: dt.datetime) -> dt.datetime:
    return utc_naive.replace(tzinfo=dt.UTC).astimezone(VIETNAM).replace(microsecond=0)


def envelope_of(entry: IssuedDocument, user: User, *, now: dt.datetime | None = None) -> edxml.Envelope:
    """The package of the issued document: a new document, or a replacement
    when it corrects a recalled one."""
    plan = Plan.model_validate(entry.plan)
    sender_code = _sender_code(entry)
    stored = newest_pdf(entry)
    urgency = marks.urgency(plan.urgency)
    replacements = ()
    business, reason = NEW, ""
    if entry.replaces is not None:
        old = entry.replaces
        old_plan = Plan.model_validate(old.plan)
        replacements = (edxml.Replacement(document_id(old), tuple(r.code for r in old_plan.recipients if r.code)),)
        business = REPLACE
        reason = f"Thay thế văn bản số {old.number_text} đã thu hồi" + (
            f": {old.recall.reason}" if old.recall is not None else "")
    responses = ()
    reference = plan.reference
    if reference is not None and reference.organ_id and reference.document_id and reference.number \
            and reference.date.day:
        responses = (edxml.Response(reference.organ_id, number_text(reference.number, reference.symbol),
                                    reference.date.as_date(), reference.document_id),)
    name = f"{entry.number_text.replace('/', '-')}.pdf"
    return edxml.Envelope(
        sender=edxml.Organ(sender_code, plan.header.issuer_name or entry.unit.name,
                           in_charge=plan.header.parent_body or ""),
        recipients=_recipients(entry, plan),
        code_number=f"{entry.number:02d}", code_notation=entry.symbol,
        place=plan.header.place, date=entry.issued_on,
        type_name=doctypes.for_plan(plan).name, subject=entry.subject,
        signer=_signer(plan), document_id=edxml.document_id(sender_code, entry.issued_on, entry.number_text),
        traces=(edxml.Trace(sender_code, _now(now)),),
        business=business, business_reason=reason, replacements=replacements,
        staff=edxml.Staff(entry.unit.name, user.full_name),
        due_date=entry.reply_by or plan.reply_by,
        to_places=tuple(r.name + (f" ({r.purpose})" if r.purpose else "") for r in plan.recipients),
        priority=urgency.code if urgency else 0,
        copies=entry.copies or default_copies(plan),
        pages=page_count(stored.pdf),
        appendixes=tuple(appendix.title for appendix in plan.appendices),
        responses=responses,
        attachments=(edxml.Attachment("1", name, PDF, stored.pdf, f"Văn bản số {entry.number_text}"),),
    )


def revocation_of(entry: IssuedDocument, user: User) -> edxml.Envelope:
    """The revocation message of a recalled document: the same description,
    BussinessDocType 1 with the recall's reason, no files, sent when it was
    recalled."""
    if entry.recall is None:
        raise StateError(f"Văn bản số {entry.number_text} chưa bị thu hồi: không có thông điệp thu hồi.")
    plan = Plan.model_validate(entry.plan)
    sender_code = _sender_code(entry)
    urgency = marks.urgency(plan.urgency)
    own_id = edxml.document_id(sender_code, entry.issued_on, entry.number_text)
    return edxml.Envelope(
        sender=edxml.Organ(sender_code, plan.header.issuer_name or entry.unit.name,
                           in_charge=plan.header.parent_body or ""),
        recipients=_recipients(entry, plan),
        code_number=f"{entry.number:02d}", code_notation=entry.symbol, place=plan.header.place,
        date=entry.issued_on, type_name=doctypes.for_plan(plan).name, subject=entry.subject,
        signer=_signer(plan), document_id=own_id,
        traces=(edxml.Trace(sender_code, _to_vietnam(entry.recall.recalled_at)),),
        business=REVOKE, business_reason=entry.recall.reason, business_document_id=own_id,
        staff=edxml.Staff(entry.unit.name, entry.recall.recalled_by.full_name if entry.recall.recalled_by
                          else user.full_name),
        due_date=entry.reply_by or plan.reply_by, priority=urgency.code if urgency else 0,
        to_places=tuple(r.name for r in plan.recipients), copies=entry.copies or default_copies(plan),
        pages=0,
    )


def export(session: Session, user: User, entry_id: int, *, message: int = NEW, ip: str | None = None,
           now: dt.datetime | None = None, convert: Callable[..., bytes] | None = None) -> tuple[IssuedDocument, bytes]:
    """The register row and its package's bytes (``message``: NEW for the
    document, a replacement when it is one; REVOKE for its revocation);
    audited. StateError with the reason when it cannot be made. A package
    carries the newest PDF; an issued document without one gets its issued
    PDF made first by ``convert`` (as ``signatures.issued_pdf``; a PdfError
    when LibreOffice cannot)."""
    from .signatures import issued_pdf

    entry = get_entry(session, user, entry_id)
    if message != REVOKE and not any(entry.pdf(step) is not None for step in PDF_STEPS):
        issued_pdf(session, user, entry_id, convert=convert)
        entry = get_entry(session, user, entry_id)
    built = revocation_of(entry, user) if message == REVOKE else envelope_of(entry, user, now=now)
    data = write(built)
    audit(session, user, "edxml_export", draft=entry.draft_id, ip=ip,
          detail=f"{entry.number_text}: {MESSAGE_LABELS[built.business]}")
    session.commit()
    if message != REVOKE:  # the văn thư's package: sent electronically (the register's ngày chuyển)
        record_sent_electronically(session, user, entry, built.traces[0].timestamp, ip=ip)
    return entry, data


def metadata_file(session: Session, user: User, entry_id: int, *, ip: str | None = None,
                  convert: Callable[..., bytes] | None = None) -> tuple[IssuedDocument, bytes]:
    """The register row and the XML file of its Appendix VI metadata
    (``docgen.metadata.xml``), the pages counted in the issued PDF (made by
    ``convert`` when not made yet, as ``signatures.issued_pdf``); audited."""
    from .signatures import issued_pdf

    stored = issued_pdf(session, user, entry_id, convert=convert)
    entry = stored.document
    data = to_xml(entry_metadata(entry, page_count(stored.pdf)))
    audit(session, user, "metadata_export", draft=entry.draft_id, ip=ip, detail=entry.number_text)
    session.commit()
    return entry, data
