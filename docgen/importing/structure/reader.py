"""The whole reading: chrome skipped, then the document top to bottom
(header, type line or its absence, subject, opening, divisions,
recipients and signer, appendices), and a document issued by another read
as such. See :mod:`docgen.importing.structure`."""

from __future__ import annotations

from ... import doctypes
from ..lines import Line, is_rule
from ..source import Source
from . import attached, chrome, divisions, footer, header, subject, type_line, units
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
    outer = Structure(document[:issued])
    _read(document[:issued], outer)
    _read(document[issued:], structure)
    structure.items = items
    structure.issued_by = outer
    if structure.type_line is None and structure.doc_type is None:
        structure.doc_type = type_line.issued_type(outer.subject)
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
    if at is not None:
        head, rest = items[:at], items[at + 1:]
        structure.type_line = type_line.stated(items[at])
    else:
        end = header.end(items)
        head, rest = items[:end], items[end:]
    structure.header = header.read([item for item in head if isinstance(item, Line)], notes)
    titles = ", ".join(f"“{t.title}”" for t in doctypes.ALL.values())
    structure.doc_type = structure.type_line or type_line.from_symbol(structure.header.number, titles)
    structure.subject_at = rest[0].number if rest and isinstance(rest[0], Line) else (
        head[-1].number if head and isinstance(head[-1], Line) else 0)
    structure.subject, end = subject.read(rest, notes, after_type_line=at is not None)
    rest = rest[end:]
    if rest and isinstance(rest[0], Line) and reference(rest[0]) is not None:
        structure.reference = reference(rest[0])
        rest = rest[1:]
        while rest and isinstance(rest[0], Line) and is_rule(rest[0].text):
            rest = rest[1:]
    appendix_at = next((i for i, item in enumerate(rest) if isinstance(item, Line) and is_label(item)), len(rest))
    body, tail = rest[:appendix_at], rest[appendix_at:]
    footer_at = footer.start(body, lambda line: divisions.mark_of(line) is not None)
    main, closing = body[:footer_at], body[footer_at:]
    structure.divisions = divisions.find(main, notes)
    for division in structure.divisions:
        division.units = units.find(division.title.text, division.items)
    first = main.index(structure.divisions[0].title.lines[0]) if structure.divisions else len(main)
    structure.opening = main[:first]
    structure.footer = footer.read(closing)
    structure.appendices, structure.after = read_appendices(tail)


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"
