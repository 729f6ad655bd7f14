"""Top-level divisions (the sections of a plan or a report) as documents
write them:

- ``roman``: ``I. MỤC ĐÍCH, YÊU CẦU``, ``II- NỘI DUNG``, also in sentence
  case ``I. Mục đích, yêu cầu`` when it reads as a title;
- ``part``: ``Phần thứ nhất``, ``PHẦN I``, ``Phần 2`` (a report's parts),
  the title after it on the line or on the next;
- ``letter``: ``A. MỤC ĐÍCH``, ``A . MỤC ĐÍCH``, ``B.`` (commune plans),
  when they run A, B, …;
- ``number``: ``1. MỤC ĐÍCH, YÊU CẦU`` typed at the top level, in capitals,
  running 1, 2, … when the document has no other divisions;
- ``heading``: headings in capitals without a number (Word's "Heading 1",
  a Markdown ``#``), at the body's shallowest heading level, when nothing
  else marks the divisions;
- ``chapter``: ``Chương I`` and its title on the next line, the divisions
  of a type whose sections are chapters (a Quy chế: the registry's
  ``section_style``), looked for only in one (:data:`CHAPTERS`).

Word's list numbering counts by its level and format, not by the number
it prints: a Roman label at the list's first level is a division, the same
list's deeper levels never are. The first scheme found in this order wins
(a report's Roman numerals inside its parts are its headings). A title a
line wrapped is joined back, and said in a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...vietnamese import vn
from ...vietnamese.text import clean_line
from ...vietnamese.typed_labels import leading_label
from ..lines import Line, letters_upper
from .model import JOINED, STATED, Division, Found, Note
from .words import upper

SCHEMES = ("part", "roman", "letter", "number", "heading")
CHAPTERS = ("chapter",)
_ROMAN = re.compile(r"\s*(?P<mark>[IVX]{1,5})\s*[.:)\-–/]\s*")
_PART = re.compile(
    r"\s*(?P<mark>phần\s+(?:thứ\s+(?P<word>nhất|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười)|(?P<roman>[ivx]{1,5})|"
    r"(?P<digits>\d{1,2})))(?![\wÀ-ỹ])\s*[.:\-–]?\s*", re.IGNORECASE)
_LETTER = re.compile(r"\s*(?P<mark>[A-H])\s*[.)]\s+")
_NUMBER = re.compile(r"\s*(?P<mark>\d{1,2})\s*\.\s+(?=\D)")
_CHAPTER = re.compile(r"\s*(?P<mark>Chương\s+(?P<roman>[IVXLC]{1,6}))(?![\wÀ-ỹ])\s*\.?\s*", re.IGNORECASE)
_ORDINAL_WORDS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
                  "chín": 9, "mười": 10}
_CONTINUED = re.compile(r"(?:[,\-–]|\b(?:VÀ|CỦA|VỀ|CHO|TRONG|VỚI|TẠI|TRÊN|ĐỐI VỚI))\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;!?]\s*$|\./\.\s*$")


@dataclass(frozen=True)
class Mark:
    scheme: str
    label: str  # as written: "I", "Phần thứ nhất", "A", "1"
    ordinal: int
    title_at: int  # where the title starts in the line's text

    def title(self, line: Line) -> str:
        return line.text[self.title_at:].strip()


def from_roman(numeral: str) -> int | None:
    """A division's numeral (I to XXXIX, any case) as a number; None otherwise."""
    value = vn.from_roman(numeral.strip().upper())
    return value if value is not None and value < 40 else None


def ordinal(label: str) -> int | None:
    """The number a division's mark stands for: ``IV`` 4, ``Phần thứ
    hai`` 2, ``PHẦN III`` 3, ``B`` 2, ``3`` 3; None for anything else."""
    label = label.strip().rstrip(".")
    chapter = _CHAPTER.fullmatch(label)
    if chapter:
        return from_roman(chapter.group("roman"))
    match = _PART.fullmatch(label)
    if match:
        if match.group("word"):
            return _ORDINAL_WORDS[match.group("word").lower()]
        if match.group("roman"):
            return from_roman(match.group("roman"))
        return int(match.group("digits"))
    if re.fullmatch(r"[A-H]", label):
        return ord(label) - ord("A") + 1
    if label.isdigit():
        return int(label)
    return from_roman(label)


def mark_of(line: Line) -> Mark | None:
    """The division mark ``line`` starts with, whatever its title."""
    text = line.text
    listed_format, listed_level, _ = line.listed
    if listed_format is not None and listed_level is not None and listed_level > 0:
        return None  # a deeper level of Word's list: never a division
    for scheme, pattern in (("chapter", _CHAPTER), ("part", _PART), ("roman", _ROMAN), ("letter", _LETTER),
                            ("number", _NUMBER)):
        match = pattern.match(text)
        if not match:
            continue
        label = clean_line(match.group("mark"))
        value = ordinal(label)
        if value is None:
            continue
        if scheme == "roman" and listed_format not in (None, "upperRoman"):
            continue
        return Mark(scheme, label, value, match.end())
    return None


def _titled(line: Line, mark: Mark) -> bool:
    """The line reads as a division's title: in capitals, set off, or
    short without a sentence's end (its title may be on the next line)."""
    title = mark.title(line)
    if not title:
        return mark.scheme in ("part", "chapter")
    if mark.scheme == "chapter":
        return False  # "Chương I" stands on its line
    if mark.scheme == "number":
        return letters_upper(title, 0.9)
    if letters_upper(title, 0.6) or line.emphasised:
        return mark.scheme != "letter" or len(title) <= 120
    return len(title) <= 90 and not _SENTENCE_END.search(title) and ": " not in title


def find(items: list, notes: list[Note], schemes: tuple[str, ...] = SCHEMES) -> list[Division]:
    """The divisions of a body (``items``: lines and tables after the
    subject, up to the recipients), each with the items under it. What
    comes before the first is the opening (``items[:first]``, see
    :func:`split`)."""
    marks = [(index, mark) for index, item in enumerate(items)
             if isinstance(item, Line) and (mark := mark_of(item)) is not None and _titled(item, mark)]
    marks += _headings(items)
    for scheme in schemes:
        chosen = [(index, mark) for index, mark in marks if mark.scheme == scheme]
        if scheme == "letter":
            chosen = _running(chosen)
        elif scheme == "number":
            chosen = _running(chosen) if len(chosen) >= 2 else []
        if chosen:
            return _divisions(items, chosen, notes)
    return []


def _headings(items: list) -> list[tuple[int, Mark]]:
    """Headings without a number (Word's "Heading 1", a Markdown ``#``) in
    capitals, at the shallowest level the body uses: divisions when no line
    is numbered as one (at least two of them)."""
    found = [(index, item) for index, item in enumerate(items) if isinstance(item, Line) and item.level is not None
             and leading_label(item.text) is None and upper(item.text) and len(item.text) <= 120]
    if not found:
        return []
    top = min(item.level for _, item in found)
    chosen = [(index, item) for index, item in found if item.level == top]
    if len(chosen) < 2:
        return []
    return [(index, Mark("heading", vn.roman(n), n, 0)) for n, (index, _) in enumerate(chosen, start=1)]


def _running(chosen: list) -> list:
    """The marks from the first "A"/"1" on that run 1, 2, 3 … (at least two)."""
    out = []
    for index, mark in chosen:
        if mark.ordinal == len(out) + 1:
            out.append((index, mark))
    return out if len(out) >= 2 else []


def _divisions(items: list, chosen: list, notes: list[Note]) -> list[Division]:
    out: list[Division] = []
    positions = [index for index, _ in chosen] + [len(items)]
    for (index, mark), end in zip(chosen, positions[1:]):
        line = items[index]
        title_lines, after = _title_lines(items, index, end, mark)
        title = clean_line(" ".join([mark.title(line)] + [l.text for l in title_lines[1:]]))
        confidence = STATED
        if len({l.number for l in title_lines}) > 1 and mark.title(line):
            confidence = JOINED
            shown = " / ".join(f"“{l.text}”" for l in title_lines)
            notes.append(Note(line.number, f"tên mục viết trên {len(title_lines)} dòng ({shown}): đã nối lại",
                              f"sections.{len(out)}.title"))
        found = Found(title, tuple(title_lines), mark, confidence)
        out.append(Division(mark.label, mark.scheme, mark.ordinal, found, list(items[after:end])))
    return out


def _title_lines(items: list, index: int, end: int, mark: Mark) -> tuple[list[Line], int]:
    """The lines of a division's title (its own, the next when the mark
    stands alone, those a wrap cut off) and the index after them."""
    line = items[index]
    lines = [line]
    at = index + 1
    title = mark.title(line)
    if not title:
        if at < end and isinstance(items[at], Line) and mark_of(items[at]) is None and (
                upper(items[at].text) or items[at].emphasised):
            lines.append(items[at])
            title = items[at].text
            at += 1
    while at < end and isinstance(items[at], Line) and _wrapped(title, items[at]):
        lines.append(items[at])
        title = f"{title} {items[at].text}"
        at += 1
    return lines, at


def _wrapped(title: str, line: Line) -> bool:
    text = line.text
    if mark_of(line) is not None or len(text) > 80 or not text:
        return False
    if leading_label(text) is not None:
        return False
    if upper(title) and upper(text):
        return bool(_CONTINUED.search(title)) or len(text.split()) <= 3
    return not upper(title) and text[:1].islower() and not _SENTENCE_END.search(title)
