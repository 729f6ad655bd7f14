"""The audit log (nhật ký): logins, saves, state changes, comments,
issuing, recalls, digital signatures, register exports and downloads, with who, which draft/version, when and from which address.

``audit`` only adds the row to the session; it is committed with the action
it records, so the log never claims what did not happen."""

from __future__ import annotations

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, aliased

from .errors import Forbidden
from .models import ADMIN, ApiSystem, AuditEvent, Draft, User
from .secrecy import may_see_secret, secret_from

# Every action the log records, with the words the audit page shows for it.
ACTION_LABELS = {
    "login": "đăng nhập", "login_failed": "đăng nhập sai", "login_locked": "đăng nhập khi bị khóa",
    "create": "tạo dự thảo", "save": "lưu phiên bản", "conflict": "lưu bản xung đột",
    "submit": "trình ký", "return": "trả lại", "approve": "duyệt", "comment": "ghi ý kiến",
    "download": "tải về", "user_add": "tạo tài khoản", "logout": "đăng xuất",
    "password": "đổi mật khẩu", "deactivate": "khóa tài khoản", "activate": "mở lại tài khoản",
    "issue": "ban hành", "recall": "thu hồi", "register_export": "xuất sổ văn bản đi",
    "sign": "ký số", "org_sign": "ký số cơ quan và phát hành",
    "signing_method": "cấu hình cách ký số",
    "unit_code": "đặt mã định danh đơn vị", "agencies_import": "nhập danh bạ cơ quan",
    "edxml_export": "xuất gói edXML", "metadata_export": "xuất siêu dữ liệu văn bản đi",
    "register_book": "in sổ đăng ký văn bản đi", "dispatch": "ghi ngày chuyển văn bản",
    "numbering": "đặt dãy số sổ văn bản đi", "api_pull": "hệ thống quản lý văn bản lấy văn bản đi",
}
ACTIONS = tuple(ACTION_LABELS)


def audit(session: Session, user: User | None, action: str, *, draft: Draft | int | None = None,
          version: int | None = None, ip: str | None = None, detail: str | None = None,
          username: str | None = None) -> AuditEvent:
    """Record ``action`` by ``user`` (None for a failed login: pass ``username``)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    event = AuditEvent(
        user_id=user.id if user else None,
        username=user.username if user else username,
        action=action,
        draft_id=draft.id if isinstance(draft, Draft) else draft,
        version_number=version,
        ip=ip,
        detail=detail,
    )
    session.add(event)
    return event


def audit_log(session: Session, user: User, *, draft_id: int | None = None,
              limit: int = 200) -> list[AuditEvent]:
    """The newest events first that concern ``user``'s unit (its users, its
    drafts, its e-office systems' calls), optionally of one draft; only an
    admin reads the log."""
    if user.role != ADMIN:
        raise Forbidden("Chỉ quản trị viên mới xem được nhật ký.")
    systems = [audit_name(system) for system in
               session.scalars(select(ApiSystem).where(ApiSystem.unit_id == user.unit_id))]
    actor = aliased(User)
    query = (select(AuditEvent)
             .outerjoin(actor, AuditEvent.user_id == actor.id)
             .outerjoin(Draft, AuditEvent.draft_id == Draft.id)
             .where(or_(actor.unit_id == user.unit_id, Draft.unit_id == user.unit_id,
                        and_(AuditEvent.user_id.is_(None), AuditEvent.action == "api_pull",
                             AuditEvent.username.in_(systems))))
             .order_by(AuditEvent.id.desc()).limit(limit))
    if draft_id is not None:
        query = query.where(AuditEvent.draft_id == draft_id)
    return list(session.scalars(query))


def concealed(session: Session, user: User, events: list[AuditEvent]) -> set[int]:
    """The ids of ``events`` about a draft or document that is secret (độ
    mật) to ``user`` (``drafts.drafts_for``'s rule: neither its author nor
    one who may see secret documents): the log shows who did what and when,
    not the detail (a number, a recall's reason, a reviewer's comment) nor
    the draft."""
    drafts = {draft.id: draft for draft in session.scalars(
        select(Draft).where(Draft.id.in_({event.draft_id for event in events if event.draft_id})))}
    hidden = {draft_id for draft_id, draft in drafts.items()
              if secret_from(draft, user)
              or (draft.issued_document is not None and draft.issued_document.secret
                  and draft.created_by_id != user.id and not may_see_secret(user))}
    return {event.id for event in events if event.draft_id in hidden}


def audit_name(system: ApiSystem) -> str:
    """``system:3:iOffice``: whose an e-office system's audit entries are
    (two units may name their systems alike; the id tells them apart)."""
    return f"system:{system.id}:{system.name}"[:64]
