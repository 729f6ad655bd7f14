"""Header facts a source lacks (a header lost when a web page was copied),
taken from where the text states them: the issuing sentence ("UBND tỉnh
Gia Lai ban hành …", "UBND xã Hòa Tiến báo cáo …"), a place named in the
subject or opening, the appendix's "(Kèm theo … số … ngày … của …)" line,
the signer's "TM. <body>", the latest date of the opening. Each is an
inference the importer says in a warning; what nothing states stays empty
("…", or no date at all), never this month nor a word from elsewhere."""

from __future__ import annotations

import datetime as dt
import re

from ..vietnamese import dates, vn
from .header import LEVEL_RE
from .structure.words import SHORT_DATE

_UBND = r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|ỦY BAN NHÂN DÂN)"
_NAME_WORDS = r"(?:\s+(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ'-]*|\d+))*"
_ISSUING_SENTENCE = re.compile(
    rf"(?i:{_UBND})\s+(?P<level>(?i:{LEVEL_RE}))(?P<name>{_NAME_WORDS})\s+(?i:ban hành|xây dựng|tổ chức|triển khai|"
    r"thực hiện|lập|báo cáo)\b")
_PLACE_OF = re.compile(rf"\b(?P<level>{LEVEL_RE})(?P<name>(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ'-]*)+)")
_ISSUER_OF = re.compile(rf"(?i:{_UBND})\s+(?P<level>(?i:{LEVEL_RE}))(?P<name>{_NAME_WORDS})\s*$")


def issuing_sentence(texts: list[tuple[str, int]]) -> tuple[str | None, str | None, int | None]:
    """(level, name, paragraph) of the first sentence in ``texts`` (text,
    paragraph) that says which People's Committee issues the document."""
    for text, at in texts:
        match = _ISSUING_SENTENCE.search(text)
        if match:
            return match.group("level"), match.group("name").strip() or None, at
    return None, None, None


def issuer_in(text: str) -> tuple[str | None, str | None]:
    """``UBND tỉnh Gia Lai`` (the end of a reference line) -> (level, name)."""
    match = _ISSUER_OF.match(text)
    return (match.group("level"), match.group("name").strip() or None) if match else (None, None)


def named_place(level: str | None, texts: list[str]) -> str | None:
    if not level:
        return None
    for text in texts:
        for match in _PLACE_OF.finditer(text):
            if match.group("level").lower() == level.lower():
                return match.group("name").strip()
    return None


def latest_date(texts: list[tuple[str, int]]) -> tuple[dt.date | None, int]:
    latest, at = None, 0
    for text, number in texts:
        for match in SHORT_DATE.finditer(text):
            try:
                date = dates.read_date(match.group())
            except ValueError:
                continue
            if latest is None or date > latest:
                latest, at = date, number
    return latest, at


def body_line(level: str, place: str, name: str | None) -> str:
    """The issuing body's second line: ``TỈNH GIA LAI``."""
    if not name and vn.same_text(place, level, casefold=True):
        return vn.upper_vn(level)
    shown = place if name is None or vn.same_text(place, name, casefold=True) else name
    return vn.upper_vn(f"{level} {shown}")
