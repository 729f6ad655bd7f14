"""The header (ô 1-4) read from its pieces (:mod:`.pieces`): parts a
column wrapped are put back together ("Số:" and "17/KH-UBND", "Quảng" and
"Ngãi, ngày …", "… tháng 5" and "năm 2023", the national name over two
lines), each join said in a note; then the national name, the motto, the
number, the place and date, and the issuing body (:mod:`.issuer`).

Where the header ends when no type line follows it (:func:`end`): at the
first line that is none of its parts; once the number and the date are
read, a line in capitals that names no body is the subject, not the
issuer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...vietnamese.text import clean_line
from ..lines import Line
from . import issuer, pieces as p
from .appendices import is_label
from .divisions import mark_of
from .model import JOINED, STATED, Found, Header, Note, PlaceDate
from .words import DATE_LINE, MOTTO_PLAIN, NATION_PLAIN, NUMBER_LINE, fold, starts_body, starts_level

@dataclass
class Part:
    kind: str
    lines: list[Line]

    @property
    def text(self) -> str:
        return clean_line(" ".join(line.text for line in self.lines))


def parts(lines: list[Line]) -> list[Part]:
    """The header's parts, wrapped ones joined."""
    out: list[Part] = []
    for piece in p.pieces(lines):
        last = out[-1] if out else None
        if last is not None and _continues(last, piece):
            last.lines.append(piece.line)
            last.kind = _kind_after(last, piece)
            continue
        out.append(Part(piece.kind, [piece.line]))
    return out


def _continues(part: Part, piece: p.Piece) -> bool:
    """Whether ``piece`` is the rest of ``part``, wrapped onto its own line."""
    kind = part.kind
    if kind in (p.NATION_PART, p.NATION) and piece.kind in (p.NATION_PART, p.NATION):
        return fold(part.text) != NATION_PLAIN and _prefix(part.text + " " + piece.text, NATION_PLAIN)
    if kind in (p.MOTTO_PART, p.MOTTO) and piece.kind in (p.MOTTO_PART, p.MOTTO):
        return fold(part.text) != MOTTO_PLAIN and _prefix(part.text + " " + piece.text, MOTTO_PLAIN)
    if kind == p.NUMBER_HEAD:
        return piece.kind == p.NUMBER_TAIL
    if kind == p.DATE_HEAD:
        return piece.kind == p.DATE_TAIL
    if kind == p.PLACE_PART:
        return piece.kind in (p.PLACE_PART, p.DATE, p.DATE_HEAD) and len(part.lines) < 3
    return False


def _kind_after(part: Part, piece: p.Piece) -> str:
    if part.kind in (p.NATION_PART, p.NATION):
        return p.NATION if fold(part.text) == NATION_PLAIN else p.NATION_PART
    if part.kind in (p.MOTTO_PART, p.MOTTO):
        return p.MOTTO if fold(part.text) == MOTTO_PLAIN else p.MOTTO_PART
    return p.kind(part.text)


def _prefix(text: str, phrase_plain: str) -> bool:
    return phrase_plain.startswith(fold(text))


def read(lines: list[Line], notes: list[Note]) -> Header:
    header = Header()
    issuer_parts: list[Part] = []
    for part in parts(lines):
        kind = part.kind
        if kind in (p.NATION, p.NATION_PART) and header.nation is None:
            header.nation = Found(part.text, tuple(part.lines))
        elif kind in (p.MOTTO, p.MOTTO_PART) and header.motto is None:
            header.motto = Found(part.text, tuple(part.lines))
        elif kind == p.NUMBER and header.number is None:
            header.number = _number(part, notes)
        elif kind == p.DATE and header.date is None:
            header.date = _date(part, notes)
        elif kind == p.ISSUER:
            issuer_parts.append(part)
        elif kind != p.RULE:
            header.others.extend(part.lines)
    header.parent, header.issuing, strays = issuer.read([line for part in issuer_parts for line in part.lines],
                                                        notes)
    header.others.extend(strays)
    header.others.sort(key=lambda line: (line.number, line.offset))
    return header


def _joined(part: Part, what: str, path: str, notes: list[Note]) -> float:
    if len({(line.number, line.offset) for line in part.lines}) < 2:
        return STATED
    shown = " / ".join(f"“{line.text}”" for line in part.lines)
    notes.append(Note(part.lines[0].number, f"{what} viết trên {len(part.lines)} dòng ({shown}): đã nối lại", path))
    return JOINED


def _number(part: Part, notes: list[Note]) -> Found:
    match = NUMBER_LINE.fullmatch(part.text)
    number = int(match.group("number")) if match.group("number") else None
    symbol = "".join(match.group("symbol").split()).upper()
    confidence = _joined(part, "số, ký hiệu", "header.number", notes)
    return Found(part.text, tuple(part.lines), (number, symbol), confidence)


def _date(part: Part, notes: list[Note]) -> Found:
    text = part.text
    match = DATE_LINE.fullmatch(text)
    confidence = _joined(part, "địa danh, ngày tháng", "header.date", notes)
    place = clean_line(match.group("place")) if match.group("place") else None
    day = int(match.group("day")) if match.group("day") else None
    year, month = int(match.group("year")), int(match.group("month"))
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        notes.append(Note(part.lines[0].number, f"ngày ban hành “{text}” không có trong lịch", "header.date"))
        day = None
    return Found(text, tuple(part.lines), PlaceDate(place, year, month, day), confidence)


def end(items: list, limit: int = 30) -> int:
    """Where the header ends when no type line closes it: the index in
    ``items`` of the first line that is not part of it."""
    seen: set[str] = set()
    last = 0
    for index, item in enumerate(items[:limit]):
        if not isinstance(item, Line) or is_label(item) or mark_of(item) is not None:
            return index
        kinds = [piece.kind for piece in p.pieces([item])]
        if not kinds:
            continue
        numbered = p.DATE in seen or p.NUMBER in seen
        for kind in kinds:
            if kind == p.ISSUER and numbered and not (starts_body(item.text) or starts_level(item.text)):
                return index
            if kind in (p.ISSUER,) and len(item.text.split()) > 12 and not starts_body(item.text):
                return index
            if kind not in p.HEADER_KINDS and kind not in (p.ISSUER, p.PLACE_PART):
                return index
            if kind == p.PLACE_PART and not _place_before_date(items, index):
                return index
            seen.add(kind)
            if kind in (p.DATE_HEAD, p.DATE_TAIL):
                seen.add(p.DATE)
        last = index + 1
    return last


def _place_before_date(items: list, index: int) -> bool:
    following = items[index + 1] if index + 1 < len(items) else None
    return isinstance(following, Line) and bool(DATE_LINE.search(following.text) or "ngày" in following.text)
