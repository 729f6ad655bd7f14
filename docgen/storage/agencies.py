"""Agency codes: a unit's mã định danh (set by the administrator) and the
directory of agencies (danh bạ cơ quan) a document is sent to, imported
from the province's file (``docgen.sheets.agencies``) and completed by the
recipients each unit names with a code when it issues (remembered for that
unit).

The code is the agency's identifier on the national document axis (QCVN
102 ``OrganId``; Decree 30, Appendix VI 1.1 and 13.1: up to 13 characters).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..plan.model import agency_code
from ..sheets.agencies import AgencyRow
from .audit import audit
from .errors import Forbidden, NotFound, UserError
from .models import ADMIN, Agency, Unit, User

SEARCH_LIMIT = 30


@dataclass(frozen=True)
class ImportSummary:
    added: int
    updated: int

    def __str__(self) -> str:
        return f"{self.added} cơ quan mới, {self.updated} cơ quan cập nhật"


def _admin(user: User | None) -> None:
    if user is not None and user.role != ADMIN:
        raise Forbidden("Chỉ quản trị hệ thống được sửa mã định danh và danh bạ cơ quan.")


def set_unit_code(session: Session, unit_name: str, code: str | None, *, user: User | None = None,
                  ip: str | None = None) -> Unit:
    """Give the unit named ``unit_name`` its mã định danh (None: take it
    away); ``user`` None is the command line. Committed."""
    _admin(user)
    unit = session.scalar(select(Unit).where(Unit.name == " ".join(unit_name.split())))
    if unit is None:
        raise NotFound(f"Không có đơn vị “{unit_name}”.")
    try:
        code = agency_code(code)
    except ValueError as error:
        raise UserError(f"Mã định danh: {error}.") from None
    if code is not None:
        other = session.scalar(select(Unit).where(Unit.code == code, Unit.id != unit.id))
        if other is not None:
            raise UserError(f"Mã định danh “{code}” đã là của đơn vị “{other.name}”.")
    unit.code = code
    if user is not None:
        audit(session, user, "unit_code", ip=ip, detail=f"{unit.name}: {code or 'bỏ mã'}")
    session.commit()
    return unit


def import_directory(session: Session, rows: list[AgencyRow], *, user: User | None = None,
                     ip: str | None = None, source: str = "") -> ImportSummary:
    """Add or update the directory's agencies by code (a code a unit had
    remembered joins the directory). Committed, all or nothing."""
    _admin(user)
    existing = {agency.code: agency for agency in
                session.scalars(select(Agency).where(Agency.code.in_([row.code for row in rows])))}
    added = updated = 0
    for row in rows:
        agency = existing.get(row.code)
        if agency is None:
            session.add(Agency(code=row.code, name=row.name, in_charge=row.in_charge))
            added += 1
        elif (agency.name, agency.in_charge, agency.unit_id) != (row.name, row.in_charge, None):
            agency.name, agency.in_charge, agency.unit_id = row.name, row.in_charge, None
            updated += 1
    summary = ImportSummary(added, updated)
    if user is not None:
        audit(session, user, "agencies_import", ip=ip, detail=f"{source}: {summary}" if source else str(summary))
    session.commit()
    return summary


def remember_recipients(session: Session, unit_id: int, recipients) -> None:
    """The recipients (``Recipient``) with a code that the directory does not
    know yet, remembered for the unit (the caller commits)."""
    for recipient in recipients:
        code = recipient.code
        if not code or session.scalar(select(Agency.id).where(Agency.code == code)) is not None:
            continue
        session.add(Agency(code=code, name=recipient.name[:200], unit_id=unit_id))
        session.flush()


def search(session: Session, user: User | None, text: str = "", *, limit: int = SEARCH_LIMIT) -> list[Agency]:
    """The directory's agencies and those ``user``'s unit remembered whose
    name or code holds ``text`` (case-insensitive), by name."""
    query = select(Agency)
    if user is not None:
        query = query.where(or_(Agency.unit_id.is_(None), Agency.unit_id == user.unit_id))
    else:
        query = query.where(Agency.unit_id.is_(None))
    text = " ".join(text.split())[:100]
    if text:
        pattern = f"%{text.lower()}%"
        query = query.where(or_(func.lower(Agency.name).like(pattern), func.lower(Agency.code).like(pattern)))
    return list(session.scalars(query.order_by(Agency.name, Agency.code).limit(limit)))


def by_code(session: Session, code: str) -> Agency | None:
    return session.scalar(select(Agency).where(Agency.code == code))


def count(session: Session) -> int:
    return session.scalar(select(func.count(Agency.id)).where(Agency.unit_id.is_(None))) or 0
