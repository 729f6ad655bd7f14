"""A Word file as an importer reads it: the body's paragraphs and tables in
reading order (:class:`~docgen.importing.source.Source`), read through the
one reader of Word content (:mod:`docgen.word`).

- Tables stay tables, the header's (ô 1-4) and the signature's (ô 7, 9b)
  included; the parser decides what they are.
- Word's list numbering is the paragraph's ``label`` ("1.", "a)", "-"), the
  text is what was typed.
- Bold, italic and superscript are the run's effective formatting: a
  paragraph style that is bold makes its spans bold.
- Paragraphs are numbered from 1 in reading order, empty ones and those in
  table cells and text boxes included, so a warning's number counts as the
  document reads.
- Each paragraph and table keeps the Word object it was read from
  (``origin``): the checks find the formatting of what the structure reader
  recognised there.

Bad input (not Word, an old .doc, encrypted, a zip bomb, a DTD, over 50 MB)
raises :class:`docgen.word.UnreadableDocument` with a Vietnamese message.
"""

from __future__ import annotations

import re

from ..word import Paragraph, Table, UnreadableDocument, WordDocument, read_word
from .source import Block, Source, SourceCell, SourceParagraph, SourceTable, Span
from .structure.words import NATION_PATTERN, NUMBER_LINE

__all__ = ["UnreadableDocument", "read_docx", "source_of"]

_HEADING_STYLE = re.compile(r"^heading\s+([1-9])$", re.IGNORECASE)


def read_docx(data: bytes) -> Source:
    return source_of(read_word(data))


def source_of(document: WordDocument) -> Source:
    """A document read by :func:`docgen.word.read_word` as the importer's
    Source. A header block (ô 1-4) typed in the first page's page header,
    not in the body, is read first, as the page shows it."""
    reader = _Reader(document)
    lead = _page_header_block(document)
    blocks: list[Block] = [reader.block(block) for block in lead + list(document.blocks)]
    return Source(blocks, "docx", list(document.notes) + _header_notes(document, lead))


def _shows_header(paragraphs) -> bool:
    """The national name or a number line among ``paragraphs``."""
    return any(NATION_PATTERN.search(p.text) or NUMBER_LINE.match(p.text.strip()) for p in paragraphs)


def _page_header_block(document: WordDocument) -> list:
    """The blocks of the first page's page header when they, and not the
    body's first paragraphs, hold the document's header."""
    if not document.sections or _shows_header(list(document.paragraphs())[:25]):
        return []
    section = document.sections[0]
    part = section.first_page_header if section.different_first_page else section.header
    if part is None or not _shows_header(part.paragraphs()):
        return []
    return list(part.blocks)


class _Reader:
    def __init__(self, document: WordDocument) -> None:
        self.document = document
        self.number = 0
        self.default_style = document.styles.default_id.get("paragraph")

    def block(self, block: Paragraph | Table) -> Block:
        if isinstance(block, Table):
            return self.table(block)
        return self.paragraph(block)

    def paragraph(self, paragraph: Paragraph) -> SourceParagraph:
        self.number += 1
        listed = paragraph.list_label if paragraph.label else None
        return SourceParagraph(
            number=self.number,
            spans=spans(paragraph),
            label=paragraph.label,
            align=paragraph.align,
            style=paragraph.style if paragraph.style_id != self.default_style else None,
            level=_level(paragraph),
            page_break_before=paragraph.page_break_before,
            list_format=listed.format if listed else None,
            list_level=listed.level if listed else None,
            list_id=listed.list if listed else None,
            origin=paragraph,
        )

    def table(self, table: Table) -> SourceTable:
        first = self.number + 1
        rows = [
            [SourceCell([self.paragraph(p) for p in cell.paragraphs], cell.span, cell.merged_above)
             for cell in row]
            for row in table.rows
        ]
        sections = self.document.sections
        landscape = sections[min(table.section, len(sections) - 1)].landscape if sections else False
        return SourceTable(first, rows, landscape, origin=table)


def spans(paragraph: Paragraph) -> list[Span]:
    """The paragraph's runs as spans, neighbours of one formatting joined."""
    out: list[Span] = []
    for run in paragraph.runs:
        if not run.text:
            continue
        span = Span(run.text, run.bold, run.italic, run.superscript)
        if out and (out[-1].bold, out[-1].italic, out[-1].superscript) == (span.bold, span.italic, span.superscript):
            out[-1] = Span(out[-1].text + span.text, span.bold, span.italic, span.superscript)
        else:
            out.append(span)
    return out


def _level(paragraph: Paragraph) -> int | None:
    """Outline level, 1 for a top heading: Word's outline level, else a
    heading style's number."""
    if paragraph.format.outline_level is not None:
        return paragraph.format.outline_level + 1
    match = _HEADING_STYLE.match(paragraph.style or "")
    return int(match.group(1)) if match else None


def _header_notes(document: WordDocument, read: list) -> list[str]:
    """Page headers and footers are not imported (docgen's template prints
    the page number), but for a header block read from one (``read``); say
    so when they hold more than a page number."""
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.footer, section.first_page_footer):
            if part is None or (read and part.blocks is read) or (read and list(part.blocks) == read):
                continue
            text = " ".join(p.text for p in part.paragraphs()).strip()
            if text and not text.isdigit():
                return [f"nội dung đầu trang/chân trang không được nhập: “{text[:60]}”"]
    return []
