"""The subject a type without a title line prints in its header (ô 5b: a
Công văn's "V/v …" under its number): the line that starts with the
type's ``subject_prefix`` among the header's lines, with the lines a
narrow column wrapped it onto (they start in lower case). Which types do
this is the registry's data (``title`` None, a ``subject_prefix``)."""

from __future__ import annotations

from ... import doctypes
from ...vietnamese.text import clean_line
from ..lines import Line
from .model import JOINED, STATED, Found, Note
from .words import DATE_LINE, NUMBER_LINE

LIMIT = 20  # the header's lines are among the first ones


def _prefixed(text: str) -> doctypes.DocumentType | None:
    text = text.strip()
    return next((t for t in doctypes.ALL.values() if not t.has_title and t.subject_prefix
                 and text.startswith(t.subject_prefix.strip() + " ")), None)


def find(items: list) -> tuple[doctypes.DocumentType, list[Line]] | None:
    """The type whose subject the header holds, and that subject's lines."""
    for index, item in enumerate(items[:LIMIT]):
        if not isinstance(item, Line):
            continue
        doc_type = _prefixed(item.text)
        if doc_type is None:
            continue
        lines = [item]
        for following in items[index + 1:index + 4]:
            text = following.text.strip() if isinstance(following, Line) else ""
            if not text[:1].islower() or DATE_LINE.search(text) or NUMBER_LINE.search(text):
                break
            lines.append(following)
        return doc_type, lines
    return None


def read(doc_type: doctypes.DocumentType, lines: list[Line], notes: list[Note]) -> Found:
    """The subject as printed ("V/v …"); its value without the prefix."""
    prefix = doc_type.subject_prefix.strip()
    printed = clean_line(" ".join(line.markup() for line in lines))
    confidence = STATED
    if len({line.number for line in lines}) > 1:
        confidence = JOINED
        shown = " / ".join(f"“{line.text}”" for line in lines)
        notes.append(Note(lines[0].number, f"trích yếu viết trên {len(lines)} dòng ({shown}): đã nối lại",
                          "subject"))
    return Found(printed, tuple(lines), printed[printed.index(prefix) + len(prefix):].strip(), confidence)


def stated_type(doc_type: doctypes.DocumentType, subject: Found, number: Found | None) -> Found:
    """The type the subject's prefix tells, with a note when the symbol
    names another type."""
    note = None
    if number is not None:
        named = doctypes.for_symbol(number.value[1])
        if named is not None and named is not doc_type:
            note = (f"ký hiệu {number.value[1]} là của {named.noun}, nhưng dòng “{doc_type.subject_prefix.strip()} …” "
                    f"dưới số, ký hiệu là của {doc_type.noun}: đọc là {doc_type.noun}")
    return Found(subject.text, subject.lines, doc_type, STATED, note)
