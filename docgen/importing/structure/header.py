"""The header (ô 1-4) read from its pieces (:mod:`.pieces`): a piece that
starts a number, a date, the national name or the motto is completed by
up to three following pieces a column wrapped ("Số:" / "17/KH-UBND",
"Quảng" / "Ngãi, ngày …", "Bình Định, ngày" / "18 tháng 10 năm" /
"2024"), each join said in a note; the national name's first words
wrapped onto an issuer line go back to it. Then the national name, the
motto, the number, the place and date, and the issuing body
(:mod:`.issuer`).

Where the header ends when no type line follows it (:func:`end`): at the
first line that is none of its parts; once the number or the date is read,
a line in capitals that names no body is the subject, not the issuer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ...plan import marks
from ...vietnamese.text import clean_line
from ..lines import Line
from . import issuer, pieces as p
from .appendices import is_label
from .divisions import mark_of
from .model import JOINED, STATED, Found, Header, Note, PlaceDate
from .words import DATE_LINE, NATION_PLAIN, NUMBER_LINE, fold, starts_body, starts_level, symbol_case


@dataclass
class Part:
    kind: str
    lines: list[Line]

    @property
    def text(self) -> str:
        return clean_line(" ".join(line.text for line in self.lines))


# a part's kind -> the whole it may be the start of, when the next pieces complete it
_COMPLETES = {p.NUMBER_HEAD: p.NUMBER, p.DATE_HEAD: p.DATE, p.PLACE_PART: p.DATE, p.NATION_PART: p.NATION,
              p.MOTTO_PART: p.MOTTO}
_WHOLE = (p.NUMBER, p.NATION, p.MOTTO, p.RULE)
MAX_PIECES = 4


def parts(lines: list[Line]) -> list[Part]:
    """The header's parts: a piece that starts a number, a date, the
    national name or the motto is joined with the next pieces (at most
    three) when together they make it whole."""
    pieces = _nation_cut_off(p.pieces(lines))
    out: list[Part] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        whole = _COMPLETES.get(piece.kind)
        taken = 1
        if whole is not None:
            for end in range(index + 2, min(len(pieces), index + MAX_PIECES) + 1):
                if pieces[end - 1].kind in _WHOLE:
                    break
                group = [q.line for q in pieces[index:end]]
                if p.kind(_joined_text(group)) == whole:
                    out.append(Part(whole, group))
                    taken = end - index
                    break
        if taken == 1:
            out.append(Part(piece.kind, [piece.line]))
        index += taken
    return out


def _nation_cut_off(pieces: list[p.Piece]) -> list[p.Piece]:
    """``XÃ BA VÌ CỘNG`` / ``HÒA XÃ HỘI CHỦ NGHĨA …``: a line holding both
    columns, wrapped inside the national name; its first words go back to
    the national name, never to the issuing body."""
    out: list[p.Piece] = []
    for index, piece in enumerate(pieces):
        following = pieces[index + 1] if index + 1 < len(pieces) else None
        if piece.kind == p.ISSUER and following is not None and following.kind in (p.NATION_PART,):
            raw = piece.line.raw
            starts = [m.start() for m in re.finditer(r"\S+", raw)]
            for start in starts[1:]:
                tail = raw[start:]
                if NATION_PLAIN.startswith(fold(f"{tail} {following.text}")):
                    out += [p.Piece(piece.line.piece(0, start), p.ISSUER),
                            p.Piece(piece.line.piece(start), p.NATION_PART)]
                    break
            else:
                out.append(piece)
            continue
        out.append(piece)
    return out


def _joined_text(lines: list[Line]) -> str:
    return clean_line(" ".join(line.text for line in lines))


def read(lines: list[Line], notes: list[Note]) -> Header:
    header = Header()
    issuer_parts: list[Part] = []
    for part in parts(lines):
        kind = part.kind
        stamp = marks.read_stamp(part.text) if kind == p.ISSUER else None
        if stamp is not None:  # ô 10a, 10b: a stamp's words, not a line of the issuing body
            header.marks[stamp[0]] = stamp[1]
        elif kind in (p.NATION, p.NATION_PART) and header.nation is None:
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
    symbol = symbol_case("".join(match.group("symbol").split()))
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
    lines: list[Line] = []
    for item in items[:limit]:
        if not isinstance(item, Line) or is_label(item) or mark_of(item) is not None:
            break
        lines.append(item)
    position = {id(line): index for index, line in enumerate(lines)}
    seen: set[str] = set()
    last = 0
    for part in parts(lines):
        line = part.lines[0]
        at = position.get(id(line), position.get(id(_owner(line, lines)), 0))
        if not _in_header(part, seen, items, at):
            return at
        seen.add(part.kind)
        last = max(last, max(position.get(id(_owner(l, lines)), at) for l in part.lines) + 1)
    return last


def _owner(piece: Line, lines: list[Line]) -> Line:
    """The item line a piece was cut from."""
    return next((line for line in lines if line.number == piece.number and line.paragraph is piece.paragraph
                 and line.offset <= piece.offset < line.offset + max(1, len(line.raw))), piece)


def _in_header(part: Part, seen: set[str], items: list, at: int) -> bool:
    kind = part.kind
    text = part.text
    if kind == p.ISSUER and marks.read_stamp(text) is not None:
        return True  # ô 10a, 10b under the number: still the header
    if kind == p.ISSUER:
        numbered = p.DATE in seen or p.NUMBER in seen
        if numbered and not (starts_body(text) or starts_level(text)):
            return False  # capitals after the number and date: the subject
        return len(text.split()) <= 12 or starts_body(text)
    if kind == p.PLACE_PART:
        return _place_before_date(items, at)
    return kind in p.HEADER_KINDS


def _place_before_date(items: list, index: int) -> bool:
    following = items[index + 1] if index + 1 < len(items) else None
    return isinstance(following, Line) and bool(DATE_LINE.search(following.text) or "ngày" in following.text)
