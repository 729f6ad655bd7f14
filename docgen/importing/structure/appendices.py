"""Appendices (Phụ lục, nd30.md "Appendix"): the label ("PHỤ LỤC",
"Phụ lục II"), its title, the line under it, the "(Kèm theo <type> số …
ngày … của …)" line naming the document it belongs to, and its table."""

from __future__ import annotations

import functools
import re

from ... import doctypes
from ...vietnamese import dates
from ...vietnamese.text import clean_line
from ..lines import Line, letters_upper
from ..source import SourceTable
from .model import Appendix, Found
from .words import DATE_LINE, SHORT_DATE

LABEL = re.compile(r"PHỤ\s+LỤC(?:\s+(?:SỐ\s+)?[0-9IVXLC]+)?\s*\.?\s*$|Phụ\s+lục(?:\s+(?:số\s+)?[0-9IVXLC]+)\s*\.?\s*$")


def is_label(line: Line) -> bool:
    """``PHỤ LỤC``, ``PHỤ LỤC II``, ``Phụ lục 2`` set off on a line of its own."""
    return bool(LABEL.match(line.text)) and (line.emphasised or letters_upper(line.text))


@functools.lru_cache(maxsize=8)
def _reference_pattern(types: tuple[doctypes.DocumentType, ...]) -> re.Pattern:
    names = "|".join(re.escape(word) for t in types for word in (t.name, t.symbol_prefix) if word)
    return re.compile(
        rf"\(?\s*(?:Ban hành\s+)?Kèm theo\s+(?P<type>{names})\s+số\s*:?\s*(?P<number>\d+)?\s*/\s*"
        r"(?P<symbol>[A-ZĐ0-9-]+)\s*(?P<date>.*?)\s+của\s+(?P<issuer>.+?)\s*\)?\s*\.?\s*$", re.IGNORECASE)


def reference(line: Line) -> Found | None:
    """A "(Kèm theo Kế hoạch số 2314/KH-UBND ngày 29/8/2023 của UBND tỉnh)"
    or "(Ban hành kèm theo Quyết định số …)" line: value (type, number,
    symbol, date as {year, month, day}, issuer)."""
    types = tuple(doctypes.decree.decree_types(doctypes.ALL.values()))
    match = _reference_pattern(types).fullmatch(line.text)
    if not match:
        return None
    named = match.group("type").casefold()
    doc_type = next((t for t in types if named in (t.name.casefold(), (t.symbol_prefix or t.name).casefold())), None)
    number = int(match.group("number")) if match.group("number") else None
    issuer = clean_line(match.group("issuer")).rstrip(")").strip()
    return Found(line.text, (line,), (doc_type, number, match.group("symbol").upper(), _date(match.group("date")),
                                      issuer))


def _date(when: str) -> dict | None:
    dated = DATE_LINE.search(when)
    if dated:
        date = {"year": int(dated.group("year")), "month": int(dated.group("month"))}
        if dated.group("day"):
            date["day"] = int(dated.group("day"))
        return date
    short = SHORT_DATE.search(when)
    if short:
        try:
            day = dates.read_date(short.group())
        except ValueError:
            return None
        return {"year": day.year, "month": day.month, "day": day.day}
    return None


def read_appendices(items: list) -> tuple[list[Appendix], list]:
    """The appendices in ``items`` (which start at the first label), and
    what comes before any label (none when ``items`` starts with one)."""
    appendices: list[Appendix] = []
    before: list = []
    for item in items:
        current = appendices[-1] if appendices else None
        if isinstance(item, SourceTable):
            if current is None or current.table is not None:
                (current.notes if current else before).append(item)
            else:
                current.table = item
            continue
        if is_label(item):
            appendices.append(Appendix(item))
            continue
        if current is None:
            before.append(item)
            continue
        found = reference(item)
        if found and current.reference is None:
            current.reference = found
            continue
        if current.table is not None:
            current.notes.append(item)
        elif (item.text.startswith("(") and item.text.endswith(")")) or item.italic:
            if current.subtitle is None:
                current.subtitle = item
            else:
                current.notes.append(item)
        else:
            current.title.append(item)
    return appendices, before
