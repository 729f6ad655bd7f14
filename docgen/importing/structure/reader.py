"""The whole reading: chrome skipped, then the document top to bottom
(header, type line or its absence, subject, opening, divisions,
recipients and signer, appendices), and a document issued by another read
as such. The body's parts are read by the parts the document's type has
(its registry data): addressees, a meeting's lines, a decision's articles,
sections or chapters. See :mod:`docgen.importing.structure`."""

from __future__ import annotations

from ... import doctypes
from ..lines import Line, is_rule
from ..source import Source
from . import (addressees, attached, chrome, closing, decision, divisions, footer, header, letter, subject,
               type_line, units)
from .appendices import is_label, read_appendices, reference
from .flatten import flatten
from .model import Structure
from .subject import opening_start
from .words import NUMBER_LINE


def read_structure(source: Source) -> Structure:
    items = flatten(source)
    structure = Structure(items)
    start = chrome.document_start(items)
    if start:
        structure.skipped = [item for item in items[:start] if isinstance(item, Line)]
        shown = " / ".join(f"“{_short(line.text)}”" for line in structure.skipped[:3])
        structure.note(structure.skipped[0].number, f"bỏ qua {len(structure.skipped)} dòng trước phần đầu văn bản "
                       f"({shown}{' …' if len(structure.skipped) > 3 else ''}): không thuộc văn bản (đầu trang web)")
    document = items[start:]
    first = type_line.find(document, limit=_type_line_limit(document))
    first_type = type_line.type_of_line(document[first]) if first is not None else _symbol_type(document)
    issued = attached.start(document, first_type, (first or 0) + 1)
    if issued is None:
        _read(document, structure)
        return structure
    structure.items = items[:start + issued]
    _read(document[:issued], structure)
    inner = Structure(document[issued:])
    _read(document[issued:], inner)
    if inner.type_line is None and inner.doc_type is None:
        inner.doc_type = type_line.issued_type(structure.subject)
    structure.attached = inner
    return structure


def _symbol_type(items: list, limit: int = 15) -> doctypes.DocumentType | None:
    """The type the first number line's symbol names (no type line above the body)."""
    for item in items[:limit]:
        if isinstance(item, Line):
            match = NUMBER_LINE.search(item.text)
            if match:
                return doctypes.for_symbol("".join(match.group("symbol").split()))
    return None


def _type_line_limit(items: list) -> int:
    """The type line comes before the body: look no further than the
    first line that opens the body."""
    for index, item in enumerate(items[:40]):
        if isinstance(item, Line) and ((opening_start(item.text) and len(item.text) > 60)
                                       or footer.is_label(item.text)):
            return index
    return 40


def _read(items: list, structure: Structure) -> None:
    notes = structure.notes
    at = type_line.find(items, limit=_type_line_limit(items))
    letter_subject = None
    if at is not None:
        head, rest = items[:at], items[at + 1:]
        structure.type_line = type_line.stated(items[at])
    else:
        found = letter.find(items)
        subject_lines = found[1] if found else []
        taken = {id(line) for line in subject_lines}
        others = [item for item in items if id(item) not in taken]
        end = header.end(others)
        end = items.index(others[end]) if end < len(others) else len(items)
        if subject_lines:
            end = max(end, items.index(subject_lines[-1]) + 1)
            letter_subject = letter.read(found[0], subject_lines, notes)
        head = [item for item in items[:end] if id(item) not in taken]
        rest = items[end:]
    structure.header = header.read([item for item in head if isinstance(item, Line)], notes)
    titles = ", ".join(f"“{t.title}”" for t in doctypes.ALL.values() if t.title)
    if letter_subject is not None:
        structure.doc_type = letter.stated_type(found[0], letter_subject, structure.header.number)
    else:
        structure.doc_type = structure.type_line or type_line.from_symbol(structure.header.number, titles)
    doc_type = structure.type if doctypes.importable(structure.type) else doctypes.get(None)
    structure.subject_at = rest[0].number if rest and isinstance(rest[0], Line) else (
        head[-1].number if head and isinstance(head[-1], Line) else 0)
    if letter_subject is not None:
        structure.subject = letter_subject
    else:
        structure.subject, end = subject.read(rest, notes, after_type_line=at is not None)
        rest = rest[end:]
    if rest and isinstance(rest[0], Line) and reference(rest[0]) is not None:
        structure.reference = reference(rest[0])
        rest = rest[1:]
        while rest and isinstance(rest[0], Line) and is_rule(rest[0].text):
            rest = rest[1:]
    if doc_type.addressees != "none":
        structure.addressees, end = addressees.read(rest)
        rest = rest[end:]
    appendix_at = next((i for i, item in enumerate(rest) if isinstance(item, Line) and is_label(item)), len(rest))
    body, tail = rest[:appendix_at], rest[appendix_at:]
    footer_at = footer.start(body, lambda line: divisions.mark_of(line) is not None)
    main, end = body[:footer_at], body[footer_at:]
    _body(main, doc_type, structure)
    structure.footer = footer.read(end)
    structure.appendices, structure.after = read_appendices(tail)


def _body(main: list, doc_type: doctypes.DocumentType, structure: Structure) -> None:
    """The body's parts, by the parts the type has (the registry's
    ``parts``): a meeting's lines, a decision's authority line, bases and
    articles, or an opening and divisions (chapters for a type whose
    sections are chapters)."""
    if doc_type.has("meeting"):
        structure.meeting = main  # its lines, then the notes under them (type_parts.meeting)
        return
    if doc_type.has("articles"):
        structure.decider, structure.opening, structure.decision_line, structure.articles = decision.read(
            main, doc_type, structure.notes)
        return
    if not doc_type.has("sections"):
        structure.opening = main
        return
    schemes = divisions.CHAPTERS if doc_type.section_style == "chapter" else divisions.SCHEMES
    structure.divisions = divisions.find(main, structure.notes, schemes)
    if doc_type.has("closing"):
        _closing(main, structure)
    for division in structure.divisions:
        division.units = units.find(division.title.text, division.items)
    first = main.index(structure.divisions[0].title.lines[0]) if structure.divisions else len(main)
    structure.opening = main[:first]


def _closing(main: list, structure: Structure) -> None:
    """The closing after the last division's content ("Trên đây là …"),
    taken out of that division: a section added after it comes before it.
    Without divisions, the closing after the opening's content."""
    if structure.divisions:
        last = structure.divisions[-1]
        at = closing.start(last.items)
        if at is not None:
            structure.closing, last.items = last.items[at:], last.items[:at]
        return
    at = closing.start(main)
    if at:  # not the whole body
        structure.closing, main[at:] = main[at:], []


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"
