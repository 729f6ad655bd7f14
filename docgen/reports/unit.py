"""The reporting unit: its header lines and names, and which of a plan's
assignments and appendix rows are its own.

A unit is named as a clerk writes it: ``UBND huyện Đak Pơ``, ``Ủy ban nhân
dân xã Ia Kha`` or ``Công an tỉnh``. Names compare as Vietnamese text
(case, Unicode form and tone placement aside), the body's ``UBND`` prefix
aside: ``Huyện Đak Pơ`` in an appendix row is ``UBND huyện Đak Pơ``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..vietnamese import vn
from ..vietnamese.names import split_level
from ..plan.model import Header
from ..plan.references import UBND, running_name

_UBND_PREFIX = re.compile(r"^\s*(ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+", re.IGNORECASE)


def bare_name(name: str) -> str:
    """``UBND huyện Đak Pơ`` -> ``huyện Đak Pơ``; other names as they are."""
    return _UBND_PREFIX.sub("", vn.nfc(name)).strip()


def same_unit(a: str, b: str) -> bool:
    return vn.same_text(bare_name(a), bare_name(b), casefold=True)


def _collective_levels(name: str) -> set[str]:
    """``UBND các huyện, thị xã, thành phố`` -> {huyện, thị xã, thành phố}:
    the levels a task given to "all the districts" reaches."""
    bare = bare_name(name).casefold()
    if not bare.startswith("các "):
        return set()
    parts = re.split(r",|\bvà\b", bare[len("các "):])
    return {vn.nfc(part.strip()) for part in parts if part.strip()}


def assigned_to(unit_name: str, assignee: str) -> bool:
    """Whether a plan's assignment (a unit block's name) reaches the unit:
    the unit itself, or all the units of its level ("UBND các huyện, …")."""
    if same_unit(unit_name, assignee):
        return True
    level, _ = split_level(bare_name(unit_name))
    if level is None or not _UBND_PREFIX.match(unit_name) or not _UBND_PREFIX.match(assignee):
        return False
    return any(vn.same_text(level, reached, casefold=True) for reached in _collective_levels(assignee))


def issuer_name(header: Header) -> str:
    """The issuer as a sentence names it: the header's ``issuer_name``, else
    its lines (ỦY BAN NHÂN DÂN / TỈNH ĐẮK LẮK -> Ủy ban nhân dân tỉnh Đắk Lắk)."""
    if header.issuer_name:
        return header.issuer_name
    lines = list(header.issuing_body)
    head = UBND if vn.same_text(lines[0], UBND, casefold=True) else lines[0].capitalize()
    rest = " ".join(lines[1:]).title()
    level, own = split_level(rest)
    rest = f"{level} {own}" if level and own != rest else rest
    return f"{head} {rest}".strip()


@dataclass(frozen=True)
class ReportingUnit:
    """Who reports: the header lines, the name in sentences and the place."""

    issuing_body: list[str]
    issuer_name: str  # Ủy ban nhân dân huyện Đak Pơ
    place: str  # Đak Pơ
    parent_body: str | None = None
    is_people_committee: bool = True  # Ủy ban nhân dân: signs "TM. ỦY BAN NHÂN DÂN"

    @property
    def running_name(self) -> str:
        """``UBND huyện Đak Pơ``."""
        return running_name(self.issuer_name)

    @classmethod
    def of_plan(cls, header: Header) -> ReportingUnit:
        name = issuer_name(header)
        return cls(list(header.issuing_body), name, header.place, header.parent_body,
                   bool(_UBND_PREFIX.match(name)))

    @classmethod
    def named(cls, name: str, place: str) -> ReportingUnit:
        """``UBND huyện Đak Pơ`` -> ỦY BAN NHÂN DÂN / HUYỆN ĐAK PƠ, place Đak
        Pơ; a unit that is not a people's committee keeps ``place`` (the plan's)."""
        name = " ".join(vn.nfc(name).split())
        if not name:
            raise ValueError("cần tên đơn vị báo cáo, vd. UBND xã Ia Kha")
        if _UBND_PREFIX.match(name):
            bare = bare_name(name)
            _, own = split_level(bare)
            return cls([vn.upper_vn(UBND), vn.upper_vn(bare)], f"{UBND} {bare}", own, None, True)
        return cls([vn.upper_vn(name)], name, place, None, False)
