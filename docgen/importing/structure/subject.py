"""The subject (trích yếu, ô 5a): the line or lines after the type line,
up to the opening. A subject wrapped over several lines is joined back:
lines set off alike (bold, centred, a heading's style or level) in a Word
file, and in plain text a line that goes on (the next starts in lower
case, or both are in capitals, the first not ending a sentence). A join of
lines of different paragraphs is said in a note."""

from __future__ import annotations

import re

from ..lines import Line, is_rule
from .addressees import is_label as addressee_label
from .appendices import is_label, reference
from .divisions import mark_of
from .model import JOINED, STATED, Found, Note
from .words import starts_body, upper

OPENING_WORDS = re.compile(r"(?:Căn cứ|Thực hiện|Theo|Nhằm|Để|Trong|Hiện nay|Ngày|Xét|Qua|Sau|Triển khai thực hiện)\b")
_AUTHORITY_LINE = re.compile(r"(?:CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG|BỘ TRƯỞNG)\b")
_SENTENCE_END = re.compile(r"[.;:!?]\s*$")
MAX_LENGTH = 400


def opening_start(text: str) -> bool:
    return bool(OPENING_WORDS.match(text))


def _set_off(line: Line) -> bool:
    return line.emphasised or line.align == "center" or "subject" in (line.style or "").lower()


def _not_subject(line) -> bool:
    return not isinstance(line, Line) or is_rule(line.text) or is_label(line) or reference(line) is not None \
        or mark_of(line) is not None or addressee_label(line.text)


def _ends(line) -> bool:
    """A line the subject cannot go on with."""
    return _not_subject(line) or opening_start(line.text)


def _goes_on(first: Line, previous: Line, line: Line, length: int) -> bool:
    if _ends(line) or length + len(line.text) > MAX_LENGTH:
        return False
    if _set_off(first) and first.paragraph is not None and first.paragraph.origin is not None:
        # a Word file: lines set off alike, in the same case, belong together
        return (line.emphasised == first.emphasised and line.align == first.align
                and (line.style or "") == (first.style or "") and upper(line.text) == upper(first.text))
    if line.number == previous.number:
        return True  # a soft line break inside one paragraph
    if _set_off(first) and _set_off(line) and line.level == first.level and line.level is not None:
        return True  # "### …" twice
    if _SENTENCE_END.search(previous.text):
        return False
    if upper(first.text):
        # capitals go on in capitals; "CHỦ TỊCH ỦY BAN NHÂN DÂN …" under a decision's subject does not
        capitals = upper(line.text) or not any(ch.isalpha() for ch in line.text)  # "… GIAI ĐOẠN 2025 -" / "2030"
        return capitals and not (_AUTHORITY_LINE.match(line.text) or starts_body(line.text))
    return line.text[:1].islower()


def read(items: list, notes: list[Note], after_type_line: bool = True) -> tuple[Found | None, int]:
    """The subject at the start of ``items`` and the index after it (and
    after the rule under it). Under a type line the first line is the
    subject whatever it says ("Thực hiện chiến dịch …"); without one, a
    line that opens the body ("Căn cứ …;") is not taken for it."""
    first = items[0] if items else None
    if _not_subject(first) or (not after_type_line and opening_start(first.text)
                               and (len(first.text) > 120 or _SENTENCE_END.search(first.text))):
        return None, 0
    lines = [first]
    end = 1
    while end < len(items) and _goes_on(first, lines[-1], items[end], sum(len(l.text) for l in lines)):
        lines.append(items[end])
        end += 1
    while end < len(items) and isinstance(items[end], Line) and is_rule(items[end].text):
        end += 1
    paragraphs = sorted({line.number for line in lines})
    confidence = STATED
    if len(paragraphs) > 1:
        confidence = JOINED
        if first.paragraph is None or first.paragraph.origin is None or not _set_off(first):
            shown = " / ".join(f"“{_short(line.text)}”" for line in lines)
            notes.append(Note(first.number, f"trích yếu viết trên {len(paragraphs)} dòng ({shown}): đã nối lại",
                              "subject"))
    text = " ".join(line.markup() for line in lines)
    return Found(text, tuple(lines), text, confidence), end


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"
