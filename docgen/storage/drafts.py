"""Drafts and their review: the service functions the web pages, the JSON
API and the command line all call. Access control lives here: a user sees
only the drafts of their own unit (another unit's draft is NotFound), only a
drafter or admin saves and submits, only a signing officer approves or
returns, and an approved draft is frozen.

Every function takes the session and the acting user first, commits what it
did together with its audit row, and raises a StorageError (Vietnamese
message) or, for an invalid plan, plan_io.PlanFileError (field errors).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..vietnamese.dates import vietnam_time
from ..plan.model import Plan
from ..plan.files import parse_plan_data
from ..plan.references import filled
from .audit import audit
from .errors import Conflict, Forbidden, NeedsConfirmation, NotFound, StateError
from .secrecy import secret_from
from .models import (
    ADMIN,
    APPROVED,
    CONFLICT_COPY,
    DRAFT,
    DRAFTER,
    EDITABLE,
    MAX_ID,
    RETURNED,
    SAVE,
    SIGNER,
    STATE_LABELS,
    SUBMITTED,
    ApprovedDocument,
    Comment,
    Draft,
    DraftVersion,
    StateChange,
    User,
    utcnow,
)

WRITERS = (DRAFTER, ADMIN)
REVIEWERS = (SIGNER,)


# --- reading ---------------------------------------------------------------------


def drafts_for(session: Session, user: User) -> list[Draft]:
    """The drafts of the user's unit, most recently changed first; a secret
    draft only for its author and those who may see secret documents."""
    drafts = session.scalars(
        select(Draft).where(Draft.unit_id == user.unit_id)
        .order_by(Draft.updated_at.desc(), Draft.id.desc()))
    return [draft for draft in drafts if not secret_from(draft, user)]


def get_draft(session: Session, user: User, draft_id: int) -> Draft:
    """The draft, if the user's unit owns it; NotFound otherwise (whether it
    exists in another unit is not revealed)."""
    in_range = isinstance(draft_id, int) and 1 <= draft_id <= MAX_ID
    draft = session.get(Draft, draft_id) if in_range else None
    if draft is not None:
        session.refresh(draft)  # another session may have saved or moved it
    if draft is None or not user.active or draft.unit_id != user.unit_id or secret_from(draft, user):
        raise NotFound(f"Không tìm thấy dự thảo số {draft_id}.")
    return draft


def get_version(session: Session, user: User, draft_id: int, number: int | None = None) -> DraftVersion:
    """Version ``number`` of the draft (the head when None)."""
    draft = get_draft(session, user, draft_id)
    version = draft.version(draft.head_number if number is None else number)
    if version is None:
        raise NotFound(f"Dự thảo số {draft_id} không có phiên bản {number}.")
    return version


def plan_of(version: DraftVersion) -> Plan:
    return Plan.model_validate(version.plan)


def reviewed_version(session: Session, user: User, draft_id: int) -> DraftVersion | None:
    """The version the signing officer last returned or approved (None before
    any review): the web diffs the head against it."""
    return get_draft(session, user, draft_id).reviewed


def history(session: Session, user: User, draft_id: int) -> list[StateChange]:
    return list(get_draft(session, user, draft_id).state_changes)


def comments(session: Session, user: User, draft_id: int,
             version_number: int | None = None) -> list[Comment]:
    """The draft's comments, oldest first; only those on one version if given."""
    draft = get_draft(session, user, draft_id)
    return [c for c in draft.comments
            if version_number is None or c.version.number == version_number]


# --- writing ---------------------------------------------------------------------


def create_draft(session: Session, user: User, plan_data: dict | Plan, *,
                 ip: str | None = None) -> Draft:
    """A new draft of the user's unit whose version 1 is ``plan_data``."""
    _require(user, WRITERS, "Chỉ chuyên viên hoặc quản trị của đơn vị mới được tạo dự thảo.")
    data, plan = _validated(plan_data)
    now = utcnow()
    draft = Draft(unit_id=user.unit_id, title=_title(plan), state=DRAFT, head_number=1,
                  last_number=1, created_by=user, created_at=now, updated_at=now)
    session.add(draft)
    session.add(DraftVersion(draft=draft, number=1, kind=SAVE, plan=data, author=user, created_at=now))
    session.flush()
    audit(session, user, "create", draft=draft, version=1, ip=ip)
    session.commit()
    return draft


def save_version(session: Session, user: User, draft_id: int, plan_data: dict | Plan,
                 base_version: int, *, ip: str | None = None) -> DraftVersion:
    """Save ``plan_data`` as the draft's new head version.

    ``base_version`` is the version the user started editing from. If someone
    saved since, the text is stored as a conflict copy (never lost, not head)
    and Conflict is raised with the latest version and the copy."""
    draft = get_draft(session, user, draft_id)
    _require(user, WRITERS, "Chỉ chuyên viên hoặc quản trị của đơn vị mới được lưu dự thảo.")
    data, plan = _validated(plan_data)
    if draft.version(base_version) is None:
        raise NotFound(f"Dự thảo số {draft_id} không có phiên bản {base_version}.")
    _require_editable(draft)
    now = utcnow()
    # Compare-and-set in one statement: of two saves on the same base, the
    # database lets exactly one move the head.
    moved = session.execute(
        update(Draft)
        .where(Draft.id == draft.id, Draft.head_number == base_version, Draft.state.in_(EDITABLE))
        .values(last_number=Draft.last_number + 1, head_number=Draft.last_number + 1,
                title=_title(plan), updated_at=now)
        .execution_options(synchronize_session=False)).rowcount
    if not moved:
        session.refresh(draft)
        if not draft.editable:
            session.rollback()
            _require_editable(draft)
        session.execute(update(Draft).where(Draft.id == draft.id)
                        .values(last_number=Draft.last_number + 1)
                        .execution_options(synchronize_session=False))
    number = session.scalar(select(Draft.last_number).where(Draft.id == draft.id))
    version = DraftVersion(draft_id=draft.id, number=number, based_on=base_version,
                           kind=SAVE if moved else CONFLICT_COPY, plan=data, author=user,
                           created_at=now)
    session.add(version)
    session.flush()
    audit(session, user, "save" if moved else "conflict", draft=draft, version=number, ip=ip)
    session.commit()
    session.refresh(draft)
    if moved:
        return version
    latest = draft.head
    raise Conflict(
        f"Dự thảo đã được {latest.author.full_name} lưu thành phiên bản {latest.number} lúc "
        f"{vietnam_time(latest.created_at)}, sau phiên bản {base_version} mà bạn đang sửa. Bản của bạn "
        f"không bị mất: đã lưu riêng thành phiên bản {number} (bản xung đột). Hãy so sánh hai bản "
        f"rồi lưu lại trên phiên bản {latest.number}.",
        latest=latest, copy=version)


def submit(session: Session, user: User, draft_id: int, *, ip: str | None = None) -> StateChange:
    """Nháp/trả lại -> chờ duyệt: the head version goes to the signing officer."""
    draft = get_draft(session, user, draft_id)
    _require(user, WRITERS, "Chỉ chuyên viên hoặc quản trị của đơn vị mới được trình ký.")
    return _move(session, draft, user, (DRAFT, RETURNED), SUBMITTED, "submit", ip=ip)


def return_draft(session: Session, user: User, draft_id: int, comment: str, *,
                 ip: str | None = None) -> StateChange:
    """Chờ duyệt -> trả lại, with the reason; the drafter can edit again."""
    draft = get_draft(session, user, draft_id)
    _require(user, REVIEWERS, "Chỉ lãnh đạo của đơn vị mới được trả lại dự thảo.")
    comment = (comment or "").strip()
    if not comment:
        raise StateError("Cần ghi lý do trả lại dự thảo.")
    return _move(session, draft, user, (SUBMITTED,), RETURNED, "return", comment=comment, ip=ip)


def approve_concerns(errors: int) -> list[str]:
    """What the signing officer confirms before approving: errors still open
    in the checks (``errors``, as ``docgen check`` counts them)."""
    return [f"Kết quả kiểm tra còn {errors} lỗi chưa sửa."] if errors else []


def open_errors(plan: Plan, docx: bytes | None = None) -> int:
    """The errors the checks find in ``plan`` (its layout read from ``docx``
    when given, else from a rendering)."""
    from ..checks import check_plan

    return sum(finding.severity == "error" for finding in check_plan(plan, docx=docx))


def approve(session: Session, user: User, draft_id: int, *, ip: str | None = None,
            confirmed: bool = False, errors: int | None = None) -> ApprovedDocument:
    """Chờ duyệt -> đã duyệt: the head version is rendered once, and its
    .docx and SHA-256 stored; the draft is frozen from then on. Errors left
    by the checks raise :class:`NeedsConfirmation` unless ``confirmed``
    (``errors``: the count when the caller has it, else the checks run)."""
    from ..document.render import render_plan

    draft = get_draft(session, user, draft_id)
    _require(user, REVIEWERS, "Chỉ lãnh đạo của đơn vị mới được duyệt dự thảo.")
    _require_state(draft, (SUBMITTED,), APPROVED)
    version = draft.head
    if not confirmed:
        concerns = approve_concerns(open_errors(plan_of(version)) if errors is None else errors)
        if concerns:
            raise NeedsConfirmation(concerns, "duyệt")
    docx = render_plan(plan_of(version))
    document = ApprovedDocument(draft_id=draft.id, version_id=version.id, docx=docx,
                                sha256=hashlib.sha256(docx).hexdigest(), approved_by=user,
                                approved_at=utcnow())
    _move(session, draft, user, (SUBMITTED,), APPROVED, "approve", ip=ip, document=document)
    return document


def add_comment(session: Session, user: User, draft_id: int, version_number: int, section: int,
                text: str, paragraph: int | None = None, *, ip: str | None = None) -> Comment:
    """A remark on section ``section`` (0-based) of a version, optionally on
    one of its paragraphs (0-based index into the section's blocks)."""
    version = get_version(session, user, draft_id, version_number)
    text = (text or "").strip()
    if not text:
        raise StateError("Ý kiến không được để trống.")
    sections = version.plan.get("sections", [])
    if not 0 <= section < len(sections):
        raise NotFound(f"Phiên bản {version_number} không có mục {section + 1}.")
    if paragraph is not None and not 0 <= paragraph < len(sections[section].get("blocks", [])):
        raise NotFound(f"Mục {section + 1} không có đoạn {paragraph + 1}.")
    comment = Comment(draft_id=draft_id, version_id=version.id, section=section,
                      paragraph=paragraph, text=text, user=user, at=utcnow())
    session.add(comment)
    audit(session, user, "comment", draft=draft_id, version=version_number, ip=ip)
    session.commit()
    return comment


@dataclass(frozen=True)
class Download:
    version: DraftVersion
    docx: bytes
    sha256: str
    approved: bool  # the stored bytes of the approved version, not a fresh rendering


def approved_document(draft: Draft, version: DraftVersion) -> ApprovedDocument | None:
    """The stored approval of ``version``, None unless it is the approved one."""
    stored = draft.approved_document
    return stored if stored is not None and stored.version_id == version.id else None


def version_docx(draft: Draft, version: DraftVersion) -> Download:
    """The one rule for reading a version as Word: the approved version's
    stored bytes, any other version rendered with the "DỰ THẢO" mark."""
    from ..document.render import render_plan

    stored = approved_document(draft, version)
    if stored is not None:
        return Download(version, stored.docx, stored.sha256, approved=True)
    docx = render_plan(plan_of(version), draft_mark=True)
    return Download(version, docx, hashlib.sha256(docx).hexdigest(), approved=False)


def download(session: Session, user: User, draft_id: int, version_number: int | None = None, *,
             ip: str | None = None) -> Download:
    """The .docx of a version (the head by default), by :func:`version_docx`;
    recorded in the audit log."""
    draft = get_draft(session, user, draft_id)
    version = get_version(session, user, draft_id, version_number)
    result = version_docx(draft, version)
    audit(session, user, "download", draft=draft, version=version.number, ip=ip,
          detail="approved" if result.approved else None)
    session.commit()
    return result


# --- helpers ---------------------------------------------------------------------


def _validated(plan_data: dict | Plan) -> tuple[dict, Plan]:
    plan = plan_data if isinstance(plan_data, Plan) else parse_plan_data(plan_data)
    return plan.model_dump(mode="json", exclude_none=True), plan


def _title(plan: Plan) -> str:
    """The trích yếu as printed (a report's citation in place of its tag)."""
    return " ".join(filled(plan).subject.split())


def _require(user: User, roles: tuple[str, ...], message: str) -> None:
    if user.role not in roles:
        raise Forbidden(message)


def _require_editable(draft: Draft) -> None:
    if not draft.editable:
        if draft.state == APPROVED:
            raise StateError("Dự thảo đã được duyệt nên không sửa được nữa.")
        raise StateError(f"Dự thảo đang {STATE_LABELS[draft.state]}, chưa sửa được; chờ lãnh đạo "
                         "duyệt hoặc trả lại.")


def _require_state(draft: Draft, allowed: tuple[str, ...], target: str) -> None:
    if draft.state not in allowed:
        raise StateError(f"Dự thảo đang ở trạng thái “{STATE_LABELS[draft.state]}”, không chuyển "
                         f"sang “{STATE_LABELS[target]}” được.")


def _move(session: Session, draft: Draft, user: User, allowed: tuple[str, ...], target: str,
          action: str, *, comment: str | None = None, ip: str | None = None,
          document: ApprovedDocument | None = None) -> StateChange:
    _require_state(draft, allowed, target)
    source, number, now = draft.state, draft.head_number, utcnow()
    values = {"state": target, "updated_at": now}
    if target in (RETURNED, APPROVED):
        values["reviewed_number"] = number
    # Only if nobody moved it meanwhile (e.g. two officers deciding at once).
    moved = session.execute(
        update(Draft).where(Draft.id == draft.id, Draft.state == source,
                            Draft.head_number == number)
        .values(**values).execution_options(synchronize_session=False)).rowcount
    if not moved:
        session.rollback()
        raise StateError("Dự thảo vừa được người khác thay đổi; hãy tải lại trang.")
    change = StateChange(draft_id=draft.id, from_state=source, to_state=target,
                         version_number=number, user=user, at=now, comment=comment)
    session.add(change)
    if document is not None:
        session.add(document)
    audit(session, user, action, draft=draft, version=number, ip=ip, detail=comment)
    session.commit()
    session.refresh(draft)
    return change
