"""Numbering series (dãy số) of a unit's register and who may see secret
documents.

Decree 30, Art. 15: numbers run per body and calendar year; the head of the
body may decide that several types share one series, and secret documents
(độ mật) are numbered and registered apart. docgen's default, kept when a
unit configures nothing: one series per symbol (``KH-UBND``, ``QĐ-UBND``…;
every Công văn of one issuer shares ``UBND-*``), and one secret series for
all secret documents of the unit (``#MAT``). A unit's administrator adds
series (``NumberingSeries``): a key (``HC``), a name, the types that share
it, or ``secret`` for a secret series (for the listed types, or for every
secret document when none is listed). The register's counter is keyed by
the series (``register_key``); each register row keeps the key it was
numbered in, and a number is unique per unit, series and year.

Changing the series in the middle of a year starts the new series at 01:
decide them before the first document of the year.

Secret documents are shown, listed, exported and printed only for the
unit's văn thư and signing officers (roles ``registrar`` and ``signer``,
``secrecy.may_see_secret``): to others they do not exist (NotFound, left out of the
register, its .xlsx, its book)."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import doctypes
from ..plan.model import Plan
from .audit import audit
from .errors import Forbidden, NotFound, UserError
from .models import ADMIN, NumberingSeries, Unit, User

SECRET_DEFAULT = "#MAT"  # every secret document of a unit that configured no secret series
_KEY = re.compile(r"[A-Z0-9][A-Z0-9_-]{0,29}")

def register_key(session: Session, unit_id: int, plan: Plan) -> str:
    """The counter ``plan`` takes its number from in its unit's register."""
    doc_type = doctypes.for_plan(plan)
    secret = bool(plan.secrecy)
    configured = session.scalars(select(NumberingSeries).where(NumberingSeries.unit_id == unit_id)
                                 .order_by(NumberingSeries.key)).all()
    mine = [series for series in configured if series.secret == secret]
    for series in mine:
        if doc_type.key in series.type_keys:
            return "#" + series.key
    if secret:
        catch_all = next((series for series in mine if not series.type_keys), None)
        return "#" + catch_all.key if catch_all else SECRET_DEFAULT
    return doc_type.sequence_of(plan.header.symbol)


def unit_series(session: Session, unit_id: int) -> list[NumberingSeries]:
    return list(session.scalars(select(NumberingSeries).where(NumberingSeries.unit_id == unit_id)
                                .order_by(NumberingSeries.key)))


def _unit(session: Session, unit_name: str, user: User | None) -> Unit:
    if user is not None and user.role != ADMIN:
        raise Forbidden("Chỉ quản trị hệ thống được đặt dãy số của sổ văn bản đi.")
    unit = session.scalar(select(Unit).where(Unit.name == " ".join(unit_name.split())))
    if unit is None or (user is not None and unit.id != user.unit_id):
        raise NotFound(f"Không có đơn vị “{unit_name}”.")
    return unit


def set_series(session: Session, unit_name: str, key: str, name: str, type_keys: list[str], *,
               secret: bool = False, user: User | None = None, ip: str | None = None) -> NumberingSeries:
    """Add or change the unit's series ``key``; ``user`` None is the command
    line. UserError naming what is wrong: the key, an unknown type, a type
    already in another series of the same kind, a shared series of one type."""
    unit = _unit(session, unit_name, user)
    key = (key or "").strip().upper()
    if not _KEY.fullmatch(key) or key == SECRET_DEFAULT[1:]:
        raise UserError(f"Mã dãy số “{key}”: chữ in hoa không dấu, số, - hoặc _, tối đa 30 ký tự, "
                        f"khác {SECRET_DEFAULT[1:]}; vd. HC.")
    name = " ".join((name or "").split()) or key
    keys = list(dict.fromkeys(type_key.strip() for type_key in type_keys if type_key.strip()))
    unknown = [type_key for type_key in keys if type_key not in doctypes.ALL]
    if unknown:
        raise UserError(f"Loại văn bản không có: {', '.join(unknown)} (các loại: {', '.join(doctypes.ALL)}).")
    if not secret and len(keys) < 2:
        raise UserError("Một dãy số dùng chung cần ít nhất hai loại văn bản; một loại thì đã có dãy số riêng.")
    for other in unit_series(session, unit.id):
        shared = set(keys) & set(other.type_keys)
        if other.key != key and other.secret == secret and shared:
            raise UserError(f"Loại {', '.join(sorted(shared))} đã ở dãy số {other.key} ({other.name}).")
    series = session.scalar(select(NumberingSeries).where(NumberingSeries.unit_id == unit.id,
                                                          NumberingSeries.key == key))
    if series is None:
        series = NumberingSeries(unit_id=unit.id, key=key)
        session.add(series)
    series.name, series.type_keys, series.secret = name, keys, secret
    if user is not None:
        audit(session, user, "numbering", ip=ip, detail=f"{unit.name}: {key} ({', '.join(keys) or 'mọi loại'}"
                                                        f"{', mật' if secret else ''})")
    session.commit()
    return series


def remove_series(session: Session, unit_name: str, key: str, *, user: User | None = None,
                  ip: str | None = None) -> None:
    """Take the series ``key`` away: its types number per symbol again."""
    unit = _unit(session, unit_name, user)
    series = session.scalar(select(NumberingSeries).where(NumberingSeries.unit_id == unit.id,
                                                          NumberingSeries.key == (key or "").strip().upper()))
    if series is None:
        raise NotFound(f"{unit.name} không có dãy số “{key}”.")
    session.delete(series)
    if user is not None:
        audit(session, user, "numbering", ip=ip, detail=f"{unit.name}: bỏ dãy số {series.key}")
    session.commit()
