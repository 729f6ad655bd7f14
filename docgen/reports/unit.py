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
from ..vietnamese.names import bare_name, is_people_committee, running_name, same_unit, split_level, unit_header
from ..plan.model import Header


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
    if level is None or not is_people_committee(unit_name) or not is_people_committee(assignee):
        return False
    return any(vn.same_text(level, reached, casefold=True) for reached in _collective_levels(assignee))


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
        name = header.full_issuer_name()
        return cls(list(header.issuing_body), name, header.place, header.parent_body, is_people_committee(name))

    @classmethod
    def named(cls, name: str, place: str) -> ReportingUnit:
        """``UBND huyện Đak Pơ`` -> ỦY BAN NHÂN DÂN / HUYỆN ĐAK PƠ, place Đak
        Pơ; a unit that is not a people's committee keeps ``place`` (the plan's)."""
        try:
            unit = unit_header(name, place)
        except ValueError:
            raise ValueError("cần tên đơn vị báo cáo, vd. UBND xã Ia Kha") from None
        return cls(unit.issuing_body, unit.issuer_name, unit.place, None, unit.people_committee)
