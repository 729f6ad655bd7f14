"""The header's lines (ô 1-4) cut into pieces and each piece told: the
national name, the motto, the number, the place-and-date line, a rule, an
issuing body's line, or a part of one of them that a narrow column or a
web page wrapped onto a line of its own ("Số:" / "17/KH-UBND", "Quảng" /
"Ngãi, ngày …", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" / "VIỆT NAM").

A line holds two columns when a tab, a run of dashes or a bar keeps them
apart, when the national name or the motto follows the issuing body on it,
or when the place and date follow the number: it is cut there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lines import Line, is_rule, tab_pieces
from .words import (DATE_LINE, MOTTO_PATTERN, MOTTO_PLAIN, NATION_PATTERN, NATION_PLAIN, NUMBER_LINE, SYMBOL,
                    is_motto, is_nation, part_of, upper)

# kinds of piece
NATION, MOTTO, NUMBER, DATE, RULE, ISSUER, OTHER = "nation", "motto", "number", "date", "rule", "issuer", "other"
NATION_PART, MOTTO_PART = "nation_part", "motto_part"
NUMBER_HEAD, NUMBER_TAIL = "number_head", "number_tail"  # "Số:" / "17/KH-UBND"
DATE_HEAD, DATE_TAIL = "date_head", "date_tail"  # "Mộ Đức, ngày 27 tháng 5" / "năm 2023", "18 tháng 10 năm"
PLACE_PART = "place_part"  # "Quảng" before "Ngãi, ngày …"
HEADER_KINDS = {NATION, MOTTO, NUMBER, DATE, RULE, NATION_PART, MOTTO_PART, NUMBER_HEAD, NUMBER_TAIL, DATE_HEAD,
                DATE_TAIL}

_GAP = re.compile(r"[ \t]*(?:[-_=—–·]{3,}|\|)[ \t]*")
_NUMBER_HEAD = re.compile(r"Số\s*:?\s*\.?", re.IGNORECASE)
_NUMBER_TAIL = re.compile(rf"(?:\d+\s*)?/\s*{SYMBOL}\s*\.?|\d+\s*/\s*{SYMBOL}\s*\.?")
_DATE_HEAD = re.compile(r"(?:[^,\d]{1,60},\s*)?ngày\s*\d{0,2}\s*(?:tháng\s*\d{0,2}\s*)?(?:năm\s*)?,?", re.IGNORECASE)
_DATE_TAIL = re.compile(r"(?=.*\d)(?:\d{1,2}\s*)?(?:tháng\s*\d{0,2}\s*)?(?:năm\s*)?(?:\d{4})?\s*\.?",
                        re.IGNORECASE)
_PLACE_WORD = re.compile(r"[A-ZĐÀ-Ỹ][\wÀ-ỹ'-]*")


@dataclass(frozen=True)
class Piece:
    line: Line
    kind: str

    @property
    def text(self) -> str:
        return self.line.text


def split(line: Line) -> list[Line]:
    """The pieces of one header line, in order."""
    out: list[Line] = []
    for piece in tab_pieces(line):
        out.extend(_cut(piece))
    return [piece for piece in out if piece.text]


def _cut(line: Line) -> list[Line]:
    raw = line.raw
    cuts: list[tuple[int, int]] = []  # spans of raw to drop between pieces
    for gap in _GAP.finditer(raw):
        if raw[:gap.start()].strip() or raw[gap.end():].strip():  # a rule beside text: the other column's
            cuts.append((gap.start(), gap.end()))
    for pattern in (NATION_PATTERN, MOTTO_PATTERN):
        match = pattern.search(raw)
        if match:
            cuts += [(match.start(), match.start()), (match.end(), match.end())]
    number = NUMBER_LINE.match(raw.lstrip())
    if number:
        end = len(raw) - len(raw.lstrip()) + number.end()
        if raw[end:].strip():
            cuts.append((end, end))
    if not cuts:
        return [line]
    pieces, at = [], 0
    for start, end in sorted(set(cuts)):
        if start < at:
            continue
        if raw[at:start].strip():
            pieces.append(line.piece(at, start))
        at = end
    if raw[at:].strip():
        pieces.append(line.piece(at))
    return pieces


def kind(text: str) -> str:
    """What one piece of a header is (the constants above)."""
    text = text.strip()
    if not text:
        return OTHER
    if is_rule(text):
        return RULE
    if is_nation(text):
        return NATION
    if is_motto(text):
        return MOTTO
    if NUMBER_LINE.fullmatch(text):
        return NUMBER
    if DATE_LINE.fullmatch(text):
        return DATE
    if _NUMBER_HEAD.fullmatch(text):
        return NUMBER_HEAD
    if _NUMBER_TAIL.fullmatch(text):
        return NUMBER_TAIL
    if _DATE_TAIL.fullmatch(text):
        return DATE_TAIL
    if _DATE_HEAD.fullmatch(text) and "ngày" in text.lower():
        return DATE_HEAD
    if upper(text) and part_of(text, NATION_PLAIN):
        return NATION_PART
    if part_of(text, MOTTO_PLAIN) and len(text.split()) >= 2:
        return MOTTO_PART
    if upper(text):
        return ISSUER
    words = text.split()
    if len(words) <= 3 and all(_PLACE_WORD.fullmatch(word) for word in words):
        return PLACE_PART
    return OTHER


def pieces(lines: list[Line]) -> list[Piece]:
    return [Piece(piece, kind(piece.text)) for line in lines for piece in split(line)]
