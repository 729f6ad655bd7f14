"""Reports (Báo cáo) on the unit's drafts: the citation comes from the
register.

A report made from an issued draft cites the plan as issued: its number,
symbol and date are the register row's (``IssuedDocument.plan``), not the
unnumbered head version's. A report made from a draft not yet issued cites
it with "…" for the number and the day; once the plan is issued, the
register gives them (:func:`register_reference`) and the clerk takes them
into the report in one step (:func:`take_reference`), which saves a new
version like any edit.

Like ``drafts``, every function takes the session and the acting user
first and raises a StorageError in Vietnamese.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..plan.model import DocumentReference, Plan
from ..vietnamese.names import same_unit
from ..vietnamese.vn import same_text
from .drafts import create_draft, get_draft, plan_of, save_version
from .errors import StateError
from .models import Draft, DraftVersion, IssuedDocument, User
from .secrecy import may_see_secret


def cited_plan(draft: Draft) -> Plan:
    """The plan a report on ``draft`` cites: as issued (number, symbol and
    date from the register) once issued, else the head version."""
    issued = draft.issued_document
    return Plan.model_validate(issued.plan) if issued is not None else plan_of(draft.head)


def is_report(plan: Plan) -> bool:
    from ..reports.derive import REPORT

    return plan.type == REPORT


def create_report(session: Session, user: User, draft_id: int, *, ip: str | None = None) -> Draft:
    """A new draft of the user's unit: the report (Báo cáo) on the draft's
    plan (:func:`cited_plan`), as ``docgen report-from`` derives it, with
    the plan's độ mật."""
    from ..reports import report_from

    plan = cited_plan(get_draft(session, user, draft_id))
    if is_report(plan):
        raise StateError("Dự thảo này đã là báo cáo.")
    report = report_from(plan)
    if plan.secrecy:  # it cites and repeats a secret document: as secret, until its author decides otherwise
        report = report.model_copy(update={"secrecy": plan.secrecy})
    return create_draft(session, user, report, ip=ip)


def _cites(reference: DocumentReference, plan: Plan) -> bool:
    """Whether ``reference`` names ``plan`` (an issued plan of the unit):
    same type, symbol, issuer and subject, issued within a year of the
    reference's date."""
    from ..plan.references import filled
    from ..reports.derive import reference_to

    issued = reference_to(plan)
    return (reference.subject is not None
            and same_text(" ".join(reference.subject.split()), " ".join(filled(plan).subject.split()))
            and same_text(reference.type_name, issued.type_name)
            and same_unit(reference.issuer_name, issued.issuer_name)
            and abs(issued.date.year - reference.date.year) <= 1)


def register_reference(session: Session, user: User, report: Plan) -> DocumentReference | None:
    """The reference of ``report`` as the unit's register gives it, when
    the report cites a document issued there (not recalled; exactly one
    matches) and says otherwise (a number or day still blank, or another);
    None when there is nothing to take. A secret document (độ mật) is
    looked at only for its author and those who may see secret documents
    (``secrecy.may_see_secret``): to others it does not exist."""
    reference = report.reference
    if reference is None or not user.active:
        return None
    rows = session.scalars(select(IssuedDocument).where(
        IssuedDocument.unit_id == user.unit_id, IssuedDocument.symbol == reference.symbol))
    found = [Plan.model_validate(row.plan) for row in rows if row.recall is None
             and (not row.secret or may_see_secret(user) or row.draft.created_by_id == user.id)]
    found = [plan for plan in found if _cites(reference, plan)]
    if len(found) != 1:
        return None
    from ..reports.derive import reference_to

    issued = reference_to(found[0]).model_copy(update={
        "type_name": reference.type_name, "issuer_name": reference.issuer_name,
        "subject": reference.subject})  # as the clerk wrote them: only the register's facts change
    same = (issued.number, issued.symbol, issued.date) == (reference.number, reference.symbol, reference.date)
    return None if same else issued


def take_reference(session: Session, user: User, draft_id: int, *,
                   ip: str | None = None) -> DraftVersion:
    """Saves the report's head with the number, symbol and date of the
    document it reports on as the register gives them (a new version)."""
    draft = get_draft(session, user, draft_id)
    plan = plan_of(draft.head)
    reference = register_reference(session, user, plan)
    if reference is None:
        raise StateError("Sổ văn bản đi không có số, ngày mới cho văn bản được báo cáo.")
    return save_version(session, user, draft.id, plan.model_copy(update={"reference": reference}),
                        draft.head_number, ip=ip)
