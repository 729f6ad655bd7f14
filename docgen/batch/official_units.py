"""Vietnam's communes, wards and special zones after the 2025 reorganisation
(34 provinces, 3,321 units), so that a province starts a batch without
typing names.

The list comes from the ``vietnamadminunits`` package (MIT licence,
maintained for the 2025 reorganisation), through its public
``database.get_data``. Names keep their official spelling and level word
(Xã, Phường, Đặc khu).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..vietnamese import vn


@dataclass(frozen=True)
class OfficialUnit:
    code: str  # mã đơn vị hành chính, e.g. "23200"
    name: str  # "Xã Ia Kha", "Phường Pleiku", "Đặc khu Lý Sơn"
    level: str  # "xã" | "phường" | "đặc khu"
    province: str  # "Tỉnh Gia Lai"


LEVELS = ("xã", "phường", "đặc khu")


class UnknownProvince(ValueError):
    """``str()`` is the Vietnamese message, listing the 34 names."""


@functools.lru_cache(maxsize=1)
def _all_units() -> tuple[OfficialUnit, ...]:
    from vietnamadminunits.database import get_data

    records = get_data(fields=["province", "ward", "wardCode"])
    units = (OfficialUnit(r["wardCode"], r["ward"], _level(r["ward"]), r["province"]) for r in records)
    return tuple(sorted(units, key=lambda unit: unit.code))


def _level(name: str) -> str:
    """The level word the name starts with. The package's ``wardType`` column
    disagrees with the name for four units (e.g. "Phường Việt Hòa" typed as a
    xã); the name is the official one."""
    for level in LEVELS:
        if name.lower().startswith(level + " "):
            return level
    raise ValueError(f"{name}: no level word")


def all_units() -> tuple[OfficialUnit, ...]:
    return _all_units()


def provinces() -> list[str]:
    """The 34 provinces and centrally-run cities, by their official names
    ("Tỉnh Gia Lai", "Thành phố Hà Nội"), in Vietnamese order of the name
    after its level word."""
    return sorted({unit.province for unit in _all_units()},
                  key=lambda name: vn.sort_key(name.removeprefix("Thành phố ").removeprefix("Tỉnh ")))


def _key(name: str) -> str:
    """"Tỉnh Gia Lai", "gia lai", "TP. Hồ Chí Minh" -> "gia lai", "ho chi minh"."""
    words = vn.slug(name).lower().split("-")
    for prefix in (["thanh", "pho"], ["tinh"], ["tp"]):
        if words[:len(prefix)] == prefix:
            words = words[len(prefix):]
            break
    return " ".join(words)


def find_province(query: str) -> str:
    """The official name of the province ``query`` names: "Gia Lai", "tỉnh
    gia lai", "TP Hồ Chí Minh", "Ho Chi Minh" all find theirs."""
    wanted = _key(query)
    for name in provinces():
        if _key(name) == wanted:
            return name
    raise UnknownProvince(f"không có tỉnh, thành phố “{query.strip()}” sau sắp xếp năm 2025; "
                          f"chọn một trong: {', '.join(provinces())}")


def province_named_in(text: str) -> str | None:
    """The province a unit's name ends with, after "tỉnh" or "thành phố":
    "UBND tỉnh Gia Lai" -> "Tỉnh Gia Lai", "Sở Y tế Thành phố Huế" ->
    "Thành phố Huế"; None for "UBND huyện Lộc Ninh"."""
    words = f" {' '.join(vn.slug(text).lower().split('-'))} "
    for name in provinces():
        level = "thanh pho" if name.startswith("Thành phố") else "tinh"
        if words.endswith(f" {level} {_key(name)} "):
            return name
    return None


@functools.lru_cache(maxsize=1)
def _by_code() -> dict[str, OfficialUnit]:
    return {unit.code: unit for unit in _all_units()}


def unit_by_code(code: str) -> OfficialUnit | None:
    """The unit of an official code (``"23200"``), or None."""
    return _by_code().get(code)


def units_of(province_query: str) -> list[OfficialUnit]:
    """Every commune, ward and special zone of a province, by official code."""
    province = find_province(province_query)
    return [unit for unit in _all_units() if unit.province == province]
