"""Issuing (ban hành) and the register of issued documents (sổ đăng ký văn
bản đi), for the unit's records clerk (văn thư, role ``registrar``).

Issuing an approved draft gives it the next number of the unit's register
for its symbol (ký hiệu, e.g. ``KH-UBND``) and year, dates it today in
Vietnam, renders the final .docx (no "DỰ THẢO" mark, number and date in the
header) and stores it, with its SHA-256, in the register row, which never
changes afterwards. Numbers restart at 1 on 1 January (Decree 30, Điều 15).

A number is never given twice nor skipped. The unit's counter for the
symbol and year is incremented in the same transaction that writes the
register row: on PostgreSQL ``UPDATE … RETURNING`` holds the counter's row
lock until commit, on SQLite the transaction starts with ``BEGIN
IMMEDIATE`` (the database's one write lock); a failed issue rolls the
counter back with it. The unique constraint (unit, symbol, year, number)
backs this in the database itself.

Recall (thu hồi) keeps the document's number: a Recall row with the reason
is added; a corrected document is a new draft, issued with a new number and
naming the recalled one it replaces.

Like ``drafts``, every function takes the session and the acting user
first, commits with its audit row, and raises a StorageError in Vietnamese.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, selectinload

from .. import doctypes
from ..vietnamese.dates import read_date, short_date, vietnam_time, vietnam_today
from ..plan.model import Plan
from ..plan.references import filled
from ..vietnamese.names import same_unit
from ..vietnamese.vn import slug
from .agencies import remember_recipients
from .audit import audit
from .drafts import get_draft, open_errors, plan_of
from .eoffice import enqueue
from .numbering import register_key
from .secrecy import may_see_secret
from .errors import Forbidden, NeedsConfirmation, NotFound, StateError
from .models import (
    APPROVED,
    MAX_ID,
    REGISTRAR,
    STATE_LABELS,
    Dispatch,
    IssuedDocument,
    Recall,
    RegisterCounter,
    User,
    utcnow,
)

ISSUERS = (REGISTRAR,)
# A write that found the database busy (SQLite's lock, PostgreSQL's lock
# timeout) or lost a race on a unique key is tried again this many times.
ATTEMPTS = 5


def issued_plan(plan: Plan, number: int, issued_on: dt.date) -> Plan:
    """The plan as issued: its header carries the number and the full date."""
    header = plan.header.model_copy(update={
        "number": number,
        "date": plan.header.date.model_copy(update={
            "year": issued_on.year, "month": issued_on.month, "day": issued_on.day}),
    })
    return plan.model_copy(update={"header": header})


# --- before issuing --------------------------------------------------------------

def issuing_body_matches(plan: Plan, unit_name: str) -> bool:
    """Whether the plan's issuing body (ô 2, every line) names the unit,
    whatever the case, tone placement or ``UBND`` spelled out."""
    return same_unit(" ".join(plan.header.issuing_body), unit_name)


def issuing_concerns(plan: Plan, unit_name: str, errors: int = 0) -> list[str]:
    """What the văn thư must confirm before issuing ``plan`` into the
    register of ``unit_name``: another body's header, and the errors still
    open in the checks (``errors``, as ``docgen check`` counts them)."""
    concerns = []
    if not issuing_body_matches(plan, unit_name):
        body = " ".join(plan.header.issuing_body)
        concerns.append(f"Cơ quan ban hành trên văn bản là “{body}”, không phải {unit_name}: "
                        f"văn bản sẽ mang số của sổ văn bản đi của {unit_name}.")
    if errors:
        concerns.append(f"Kết quả kiểm tra còn {errors} lỗi chưa sửa.")
    return concerns


# --- what the văn thư adds at the issue step ---------------------------------------


@dataclass(frozen=True)
class IssueDetails:
    """What only the văn thư knows when issuing, all optional: the case file
    (hồ sơ, Appendix VI 1.3, up to 20 characters), the copies issued (15),
    the reply deadline (16; the plan's when None) and the unit or person
    keeping the file copy (Appendix IV, column 6; the plan's "Lưu" line
    when blank)."""

    file_notation: str = ""
    copies: int | None = None
    reply_by: dt.date | None = None
    keeper: str = ""


DETAIL_LABELS = {"file_notation": "Hồ sơ", "copies": "Số lượng bản", "reply_by": "Hạn trả lời",
                 "keeper": "Đơn vị, người nhận bản lưu"}


def issue_details(*, file_notation: str = "", copies: str = "", reply_by: str = "",
                  keeper: str = "") -> IssueDetails:
    """The issue form's or the command's text, read; SearchError naming the
    field (``DETAIL_LABELS``) that cannot be read."""
    file_notation = " ".join((file_notation or "").split())
    if len(file_notation) > 20:
        raise SearchError("file_notation", f"{DETAIL_LABELS['file_notation']}: số và ký hiệu hồ sơ dài tối đa "
                                           f"20 ký tự (Phụ lục VI), đang có {len(file_notation)}.")
    number = None
    if (copies or "").strip():
        try:
            number = int(copies.strip())
        except ValueError:
            number = 0
        if not 1 <= number <= 999:
            raise SearchError("copies", f"{DETAIL_LABELS['copies']}: gõ một số từ 1 đến 999, vd. 5.")
    deadline = None
    if (reply_by or "").strip():
        try:
            deadline = read_date(reply_by.strip())
        except ValueError as error:
            raise SearchError("reply_by", f"{DETAIL_LABELS['reply_by']}: {error}; gõ như 20/12/2026.") from None
    keeper = " ".join((keeper or "").split())
    if len(keeper) > 200:
        raise SearchError("keeper", f"{DETAIL_LABELS['keeper']}: dài tối đa 200 ký tự.")
    return IssueDetails(file_notation, number, deadline, keeper)


def _doc_ordinal(session: Session, unit_id: int, file_notation: str, year: int) -> int | None:
    """The next order in the case file: the unit's documents of the year
    already filed in it, plus one (Appendix VI, 2: the system counts)."""
    if not file_notation:
        return None
    return session.scalar(select(func.count()).select_from(IssuedDocument).where(
        IssuedDocument.unit_id == unit_id, IssuedDocument.year == year,
        IssuedDocument.file_notation == file_notation)) + 1


# --- issuing ---------------------------------------------------------------------


def issue(session: Session, user: User, draft_id: int, *, replaces: int | None = None,
          ip: str | None = None, now: dt.datetime | None = None, confirmed: bool = False,
          errors: int | None = None, details: IssueDetails | None = None) -> IssuedDocument:
    """Ban hành: the approved draft gets the next number of its unit's
    register for its symbol and the year, today's date (Vietnam), and its
    final .docx is stored in the new register row. ``replaces`` is the id of
    a recalled document of the unit that this one corrects. Another body's
    header or errors left by the checks raise :class:`NeedsConfirmation`
    unless ``confirmed`` (``errors``: the count when the caller has it, else
    the checks run on the approved .docx). ``details``: what the văn thư
    adds (:class:`IssueDetails`)."""
    from ..document.render import render_plan

    details = details or IssueDetails()
    draft = get_draft(session, user, draft_id)
    if user.role not in ISSUERS:
        raise Forbidden("Chỉ văn thư của đơn vị mới được ban hành văn bản.")
    _require_issuable(draft)
    if not confirmed:
        approved = draft.approved_document
        plan = plan_of(approved.version)
        concerns = issuing_concerns(plan, user.unit.name,
                                    open_errors(plan, approved.docx) if errors is None else errors)
        if concerns:
            raise NeedsConfirmation(concerns, "ban hành")
    replaced = _replaceable(session, user, replaces) if replaces is not None else None
    version = draft.approved_document.version
    plan = plan_of(version)
    if replaced is not None and replaced.secret and not plan.secrecy:
        # the replacement names the replaced one (number, recall's reason,
        # recipients) wherever it is shown: to everyone, were it not secret
        raise StateError(f"Văn bản số {replaced.number_text} có độ mật: văn bản thay thế nó cũng phải có độ mật.")
    symbol, issued_on = plan.header.symbol, vietnam_today(now)
    draft_key, unit_id, replaced_id = draft.id, draft.unit_id, replaced.id if replaced else None
    session.commit()  # the read ends here; the write below takes the lock first
    for attempt in range(1, ATTEMPTS + 1):
        try:
            _begin_write(session)
            series = register_key(session, unit_id, plan)
            number = _next_number(session, unit_id, series, issued_on.year)
            final = issued_plan(plan, number, issued_on)
            docx = render_plan(final)
            entry = IssuedDocument(
                unit_id=unit_id, draft_id=draft_key, version_id=version.id, symbol=symbol,
                year=issued_on.year, number=number, series=series, secret=bool(plan.secrecy), issued_on=issued_on,
                subject=" ".join(filled(final).subject.split()), signer=plan.signer.name,
                recipients=len(plan.recipients), plan=final.model_dump(mode="json", exclude_none=True),
                docx=docx, sha256=hashlib.sha256(docx).hexdigest(), issued_by_id=user.id,
                issued_at=utcnow(), replaces_id=replaced_id,
                file_notation=details.file_notation or None,
                doc_ordinal=_doc_ordinal(session, unit_id, details.file_notation, issued_on.year),
                copies=details.copies, reply_by=details.reply_by,
                keeper=details.keeper or plan.archive)
            session.add(entry)
            session.flush()
            if not plan.secrecy:  # whom a secret document went to is not offered to the whole unit
                remember_recipients(session, unit_id, final.recipients)
            enqueue(session, entry, "replace" if replaced_id is not None else "issue")  # the e-office's webhooks
            detail = entry.number_text
            if replaced is not None:
                detail += f", thay thế {replaced.number_text}"
            audit(session, user, "issue", draft=draft_key, version=version.number, ip=ip,
                  detail=detail)
            session.commit()
            # The number is given: nothing after this may need the database,
            # which could be lost right now, or the văn thư would be told that
            # no number was given (the entry's fields are kept after commit).
            return entry
        except (IntegrityError, OperationalError) as error:
            session.rollback()
            # Someone issued this draft, or replaced that document, meanwhile.
            draft = get_draft(session, user, draft_id)
            _require_issuable(draft)
            if replaced_id is not None:
                _replaceable(session, user, replaced_id)
            if attempt == ATTEMPTS:
                raise StateError("Cơ sở dữ liệu đang bận, chưa cấp được số; hãy thử lại.") from error
        except BaseException:
            session.rollback()  # the counter goes back with the rest: no number is skipped
            raise
    raise AssertionError("unreachable")


def _require_issuable(draft) -> None:
    if draft.issued_document is not None:
        done = draft.issued_document
        raise StateError(f"Dự thảo đã được ban hành: văn bản số {done.number_text} ngày "
                         f"{short_date(done.issued_on)}.")
    if draft.state != APPROVED or draft.approved_document is None:
        raise StateError(f"Dự thảo đang ở trạng thái “{STATE_LABELS[draft.state]}”; chỉ ban hành "
                         "được dự thảo đã duyệt.")


def _replaceable(session: Session, user: User, entry_id: int) -> IssuedDocument:
    replaced = get_entry(session, user, entry_id)
    if replaced.recall is None:
        raise StateError(f"Văn bản số {replaced.number_text} chưa bị thu hồi nên không thay thế "
                         "được; hãy thu hồi trước.")
    session.refresh(replaced, ["replaced_by"])
    if replaced.replaced_by is not None:
        raise StateError(f"Văn bản số {replaced.number_text} đã được thay thế bằng văn bản số "
                         f"{replaced.replaced_by.number_text}.")
    return replaced


def _begin_write(session: Session) -> None:
    """Start the issuing transaction. SQLite: take the write lock at once
    (``BEGIN IMMEDIATE``, waiting up to the busy timeout), so two issues
    never read the same counter. PostgreSQL needs nothing here: the
    counter's row lock does it."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _next_number(session: Session, unit_id: int, symbol: str, year: int) -> int:
    """The counter of (unit, symbol, year) plus one, locked until commit.
    ``symbol`` is the sequence the type numbers in (``DocumentType.sequence_of``):
    the symbol itself (KH-UBND), or for a Công văn its issuer's (UBND-*), so
    that UBND-VX and UBND-KT take their numbers from one sequence."""
    dialect = session.connection().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    session.execute(insert(RegisterCounter)
                    .values(unit_id=unit_id, symbol=symbol, year=year, last_number=0)
                    .on_conflict_do_nothing())
    return session.execute(
        update(RegisterCounter)
        .where(RegisterCounter.unit_id == unit_id, RegisterCounter.symbol == symbol,
               RegisterCounter.year == year)
        .values(last_number=RegisterCounter.last_number + 1)
        .returning(RegisterCounter.last_number)
        .execution_options(synchronize_session=False)).scalar_one()


# --- recall ----------------------------------------------------------------------


def recall(session: Session, user: User, entry_id: int, reason: str, *,
           ip: str | None = None) -> Recall:
    """Thu hồi: the document keeps its number and is marked recalled."""
    entry = get_entry(session, user, entry_id)
    if user.role not in ISSUERS:
        raise Forbidden("Chỉ văn thư của đơn vị mới được thu hồi văn bản.")
    reason = " ".join((reason or "").split())
    if not reason:
        raise StateError("Cần ghi lý do thu hồi văn bản.")
    if entry.recall is not None:
        raise StateError(f"Văn bản số {entry.number_text} đã bị thu hồi lúc "
                         f"{vietnam_time(entry.recall.recalled_at)}.")
    withdrawal = Recall(document_id=entry.id, reason=reason, recalled_by_id=user.id,
                        recalled_at=utcnow())
    session.add(withdrawal)
    audit(session, user, "recall", draft=entry.draft_id, ip=ip,
          detail=f"{entry.number_text}: {reason}")
    try:
        session.flush()
        session.refresh(entry, ["recall"])
        enqueue(session, entry, "recall")  # the e-office's webhooks, committed with the recall
        session.commit()
    except IntegrityError:
        session.rollback()
        raise StateError(f"Văn bản số {entry.number_text} vừa bị thu hồi.") from None
    session.refresh(entry)
    return withdrawal


# --- sent (ngày chuyển, ký nhận) ----------------------------------------------------

ELECTRONIC_RECEIVER = "Gửi điện tử (Trục liên thông)"


def mark_sent(session: Session, user: User, entry_id: int, receiver: str, *,
              sent_on: dt.date | None = None, ip: str | None = None, now: dt.datetime | None = None) -> Dispatch:
    """The văn thư marks the document sent on ``sent_on`` (default today in
    Vietnam), signed for by ``receiver`` (Appendix IV, columns 8 and 9);
    once per document."""
    entry = get_entry(session, user, entry_id)
    if user.role not in ISSUERS:
        raise Forbidden("Chỉ văn thư của đơn vị mới ghi việc chuyển văn bản.")
    receiver = " ".join((receiver or "").split())
    if not receiver:
        raise SearchError("receiver", "Ký nhận: ghi tên người hoặc đơn vị nhận văn bản.")
    if len(receiver) > 200:
        raise SearchError("receiver", "Ký nhận: dài tối đa 200 ký tự.")
    return _record_sent(session, user, entry, receiver, sent_on or vietnam_today(now), False, ip)


def record_sent_electronically(session: Session, user: User, entry: IssuedDocument, at: dt.datetime, *,
                               ip: str | None = None) -> Dispatch | None:
    """The văn thư made the document's edXML package at ``at``: it counts as
    sent electronically that day, unless marked sent already. Only the
    văn thư's export counts (anyone of the unit may download a package)."""
    if user.role not in ISSUERS or entry.dispatch is not None:
        return entry.dispatch
    # (a package made with a clock behind the issue: the issue date)
    return _record_sent(session, user, entry, ELECTRONIC_RECEIVER, max(vietnam_today(at), entry.issued_on),
                        True, ip)


def _record_sent(session: Session, user: User, entry: IssuedDocument, receiver: str, sent_on: dt.date,
                 electronic: bool, ip: str | None) -> Dispatch:
    if entry.dispatch is not None:
        raise StateError(f"Văn bản số {entry.number_text} đã ghi chuyển ngày {short_date(entry.dispatch.sent_on)} "
                         f"({entry.dispatch.receiver}).")
    if sent_on < entry.issued_on:
        raise SearchError("sent_on", f"Ngày chuyển phải từ ngày ban hành ({short_date(entry.issued_on)}) trở đi.")
    dispatch = Dispatch(document_id=entry.id, sent_on=sent_on, receiver=receiver, electronic=electronic,
                        recorded_by_id=user.id, recorded_at=utcnow())
    session.add(dispatch)
    audit(session, user, "dispatch", draft=entry.draft_id, ip=ip,
          detail=f"{entry.number_text}: {short_date(sent_on)}, {receiver}")
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise StateError(f"Văn bản số {entry.number_text} vừa được ghi chuyển.") from None
    session.refresh(entry)
    return dispatch


# --- reading ---------------------------------------------------------------------


def get_entry(session: Session, user: User, entry_id: int) -> IssuedDocument:
    """A register row of the user's unit; NotFound otherwise (another
    unit's is not revealed)."""
    in_range = isinstance(entry_id, int) and 1 <= entry_id <= MAX_ID
    entry = session.get(IssuedDocument, entry_id) if in_range else None
    if entry is not None:
        session.refresh(entry)
    if entry is None or not user.active or entry.unit_id != user.unit_id \
            or (entry.secret and not may_see_secret(user)):  # a secret document is not shown to others
        raise NotFound(f"Không tìm thấy văn bản số {entry_id} trong sổ văn bản đi.")
    return entry


_NUMBER_QUERY = re.compile(r"\s*(\d{1,9})\s*(?:/\s*(\S+))?\s*")


class SearchError(StateError):
    """A search field that cannot be read; ``field`` names it."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def parse_number_query(text: str) -> tuple[int, str | None] | None:
    """``5``, ``05`` or ``05/KH-UBND`` -> (5, None) or (5, "KH-UBND")."""
    text = (text or "").strip()
    if not text:
        return None
    match = _NUMBER_QUERY.fullmatch(text)
    if not match:
        raise SearchError("number", f"Số văn bản “{text}” không đọc được; gõ số như 5, 05 hoặc "
                                    f"05/{doctypes.get(None).default_symbol}.")
    return int(match[1]), (match[2].upper() if match[2] else None)


SEARCH_LABELS = {"number": "Số", "date_from": "Từ ngày", "date_to": "Đến ngày",
                 "subject": "Trích yếu"}


def search_date(text: str, field: str) -> dt.date | None:
    """A date typed in a search: ``03/12/2026`` or ``2026-12-03`` (what a
    date picker sends), read by :func:`docgen.vietnamese.dates.read_date`; blank is
    None; else SearchError naming ``field``."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return read_date(text)
    except ValueError as error:
        raise SearchError(field, f"{SEARCH_LABELS[field]}: {error}; gõ như 03/12/2026.") from None


def entries(session: Session, user: User, **search) -> list[IssuedDocument]:
    """The register of the user's unit (``unit_entries``), secret documents
    only for those who may see them (``secrecy.may_see_secret``)."""
    return unit_entries(session, user.unit_id, secret=may_see_secret(user), **search) if user.active else []


def unit_entries(session: Session, unit_id: int, *, number: str = "",
                 date_from: dt.date | None = None, date_to: dt.date | None = None,
                 subject: str = "", secret: bool = True) -> list[IssuedDocument]:
    """A unit's register, oldest first (the order of the book), filtered by
    number (``5`` or ``05/KH-UBND``), issue dates (both ends included) and
    words of the subject (any case, with or without diacritics); without
    the secret documents unless ``secret``."""
    query = (select(IssuedDocument).where(IssuedDocument.unit_id == unit_id)
             .options(selectinload(IssuedDocument.pdfs)))  # the signing state of each row
    if not secret:
        query = query.where(IssuedDocument.secret.is_(False))
    wanted = parse_number_query(number)
    if wanted is not None:
        query = query.where(IssuedDocument.number == wanted[0])
        if wanted[1]:
            query = query.where(IssuedDocument.symbol == wanted[1])
    if date_from and date_to and date_from > date_to:
        raise SearchError("date_to", "“Đến ngày” phải sau hoặc bằng “Từ ngày”.")
    if date_from:
        query = query.where(IssuedDocument.issued_on >= date_from)
    if date_to:
        query = query.where(IssuedDocument.issued_on <= date_to)
    rows = list(session.scalars(query.order_by(IssuedDocument.issued_at, IssuedDocument.id)))
    words = slug(subject).casefold()
    if words:
        # Folded in Python: SQLite's LIKE folds ASCII only, and clerks type
        # "ke hoach" as often as "Kế hoạch".
        rows = [row for row in rows if words in slug(row.subject).casefold()]
    return rows


def download(session: Session, user: User, entry_id: int, *, ip: str | None = None) -> IssuedDocument:
    """The issued document (its stored .docx), recorded in the audit log."""
    entry = get_entry(session, user, entry_id)
    audit(session, user, "download", draft=entry.draft_id, version=entry.version.number, ip=ip,
          detail=f"issued {entry.number_text}")
    session.commit()
    return entry


def recallable(session: Session, user: User) -> list[IssuedDocument]:
    """The unit's recalled documents not yet replaced: what a corrected
    document may name."""
    replaced = select(IssuedDocument.replaces_id).where(IssuedDocument.replaces_id.is_not(None))
    return list(session.scalars(
        select(IssuedDocument).join(Recall)
        .where(IssuedDocument.unit_id == user.unit_id, IssuedDocument.id.not_in(replaced))
        .order_by(IssuedDocument.issued_at)))
