"""Names of bodies as Vietnamese documents write them, the one place that
builds and compares them:

- the level words of administrative units (tỉnh, xã, phường, đặc khu …) and
  a unit's name split into its level and its own name (:func:`split_level`);
- the abbreviations (UBND, HĐND, MTTQ) and the words that open a body's name;
- the issuer's name in sentences from the header's lines
  (:func:`issuer_name`: ỦY BAN NHÂN DÂN / TỈNH GIA LAI -> Ủy ban nhân dân tỉnh
  Gia Lai), and as body text cites it (:func:`running_name`: UBND tỉnh Gia Lai);
- the header a unit's account name gives (:func:`unit_header`);
- whether two names are the same unit (:func:`same_unit`), whatever the case,
  Unicode form, tone placement, or UBND written out.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from . import vn

# Level words, longest first so that "thị xã" wins over "xã" (also as a
# regular expression's alternatives).
LEVELS = ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "huyện", "quận", "tỉnh", "xã")
LEVEL_RE = "|".join(LEVELS)

UBND = "Ủy ban nhân dân"
# Abbreviations of bodies' names as documents and accounts write them.
ABBREVIATIONS = {"UBND": UBND, "HĐND": "Hội đồng nhân dân", "MTTQ": "Mặt trận Tổ quốc"}
_FOLDED = {short.casefold(): full.casefold() for short, full in ABBREVIATIONS.items()}
# A people's committee's name, written out (either tone placement) or abbreviated.
_PEOPLE_COMMITTEE = re.compile(r"^\s*(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân)(?:\s+|$)", re.IGNORECASE)


def split_level(name: str) -> tuple[str | None, str]:
    """``Xã Ia Kha`` -> (``xã``, ``Ia Kha``); no level word -> (None, name)."""
    for level in LEVELS:
        head = name[: len(level)]
        rest = name[len(level):]
        if vn.same_text(head, level, casefold=True) and (not rest or rest[0] == " "):
            return level, rest.strip() or name
    return None, name


def split_issuer(text: str) -> list[str]:
    """``ỦY BAN NHÂN DÂN TỈNH GIA LAI`` -> the two lines the header prints."""
    match = re.match(rf"(ỦY BAN NHÂN DÂN)\s+((?:{LEVEL_RE})\b.*)", text, re.IGNORECASE)
    if match:
        return [match.group(1), match.group(2)]
    return [text]


def is_people_committee(name: str) -> bool:
    """``UBND xã Ia Kha``, ``Ủy ban nhân dân tỉnh Gia Lai``: an Ủy ban nhân dân."""
    return bool(_PEOPLE_COMMITTEE.match(vn.nfc(name)))


def bare_name(name: str) -> str:
    """``UBND huyện Đak Pơ`` -> ``huyện Đak Pơ``; other names as they are."""
    return _PEOPLE_COMMITTEE.sub("", vn.nfc(name)).strip()


def _sentence(text: str) -> str:
    lower = text.lower()
    return lower[:1].upper() + lower[1:]


def _name_case(text: str) -> str:
    """``ĐAK PƠ`` -> ``Đak Pơ``: a place's own name, each word capitalised."""
    return " ".join(word[:1].upper() + word[1:].lower() for word in text.split())


def _body_head(text: str) -> str:
    """A body's name as a sentence writes it: ``ỦY BAN NHÂN DÂN`` and
    ``UBND`` -> ``Ủy ban nhân dân``; ``SỞ Y TẾ`` -> ``Sở y tế``."""
    for short, full in ABBREVIATIONS.items():
        if vn.same_text(text, short, casefold=True) or vn.same_text(text, full, casefold=True):
            return full
    return _sentence(text)


def issuer_name(lines: list[str], place: str | None = None) -> str:
    """The issuer in sentences from the header's lines (ô 2):
    ``ỦY BAN NHÂN DÂN`` / ``TỈNH GIA LAI`` -> ``Ủy ban nhân dân tỉnh Gia
    Lai``; the place keeps its own spelling when the header names it
    (``ĐAK PƠ`` with place ``Đak Pơ``); ``UBND XÃ IA KHA`` on one line ->
    ``Ủy ban nhân dân xã Ia Kha``."""
    lines = [" ".join(line.split()) for line in lines if line and line.strip()]
    if not lines:
        return ""
    if len(lines) == 1:
        match = re.match(rf"(ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+((?:{LEVEL_RE})\b.*)",
                         vn.nfc(lines[0]), re.IGNORECASE)
        if match:
            lines = [match.group(1), match.group(2)]
    head = _body_head(lines[0])
    if len(lines) < 2:
        return head
    rest = " ".join(lines[1:])
    if place and vn.same_text(rest, place, casefold=True):
        return f"{head} {place}"
    level, own = split_level(rest)
    if level is not None and own != rest:
        own = place if place and vn.same_text(own, place, casefold=True) else _name_case(own)
        return f"{head} {level} {own}"
    return f"{head} {rest.lower()}"


def running_name(issuer: str) -> str:
    """``Ủy ban nhân dân tỉnh Gia Lai`` -> ``UBND tỉnh Gia Lai`` (as body text
    writes the issuer of another document); other names as they are."""
    issuer = vn.nfc(issuer)
    match = _PEOPLE_COMMITTEE.match(issuer)
    if match and issuer[: match.end()].strip().casefold() != "ubnd":
        return f"UBND {issuer[match.end():]}".strip()
    return issuer


class UnitHeader(NamedTuple):
    """What a unit's name (an account's, a list's) puts in a header."""

    issuing_body: list[str]  # ỦY BAN NHÂN DÂN / XÃ IA KHA
    issuer_name: str  # Ủy ban nhân dân xã Ia Kha
    place: str  # Ia Kha
    people_committee: bool  # signs "TM. ỦY BAN NHÂN DÂN"


def unit_header(name: str, place: str = "") -> UnitHeader:
    """``UBND huyện Đak Pơ`` -> ỦY BAN NHÂN DÂN / HUYỆN ĐAK PƠ, place Đak
    Pơ; a unit that is not a people's committee is one line and keeps
    ``place``. ValueError for a blank name."""
    name = " ".join(vn.nfc(name).split())
    if not name:
        raise ValueError("cần tên đơn vị, vd. UBND xã Ia Kha")
    if is_people_committee(name):
        bare = bare_name(name)
        _, own = split_level(bare)
        return UnitHeader([vn.upper_vn(UBND), vn.upper_vn(bare)], f"{UBND} {bare}", own, True)
    return UnitHeader([vn.upper_vn(name)], name, place, False)


def _unit_words(name: str) -> str:
    words = " ".join(vn.nfc(name).split()).casefold().split(" ")
    return bare_name(" ".join(_FOLDED.get(word, word) for word in words))


def same_unit(a: str, b: str) -> bool:
    """Whether two names are one unit: ``UBND xã Lộc Tấn``, ``ỦY BAN NHÂN DÂN
    XÃ LỘC TẤN`` (a header's lines joined), ``Xã Lộc Tấn`` (an appendix
    row) and ``Uỷ ban nhân dân xã Lộc Tấn`` are; ``HĐND xã Lộc Tấn`` is not."""
    return vn.same_text(_unit_words(a), _unit_words(b), casefold=True)
