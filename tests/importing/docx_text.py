"""A quick adapter for the tests only: a .docx's paragraphs and table cells,
as python-docx sees them, as a Source, so that the parser's round trip is
checked without the Word reader (docgen.importing.from_docx) of the other
branch. Bold and italic come from the run or else its paragraph's style."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from docgen.importing.source import Source, SourceCell, SourceParagraph, SourceTable, Span


def _style_flag(style, name: str) -> bool:
    while style is not None:
        value = getattr(style.font, name)
        if value is not None:
            return value
        style = style.base_style
    return False


def _paragraph(paragraph: Paragraph, number: int) -> SourceParagraph:
    style = paragraph.style
    bold, italic = _style_flag(style, "bold"), _style_flag(style, "italic")
    spans = []
    for run in paragraph.runs:
        text = "".join("\n" if child.tag == qn("w:br") else "\t" if child.tag == qn("w:tab") else (child.text or "")
                       for child in run._r.iterchildren() if child.tag in (qn("w:t"), qn("w:br"), qn("w:tab")))
        if text:
            spans.append(Span(text, run.bold if run.bold is not None else bold,
                              run.italic if run.italic is not None else italic, bool(run.font.superscript)))
    align = {0: "left", 1: "center", 2: "right", 3: "both"}.get(
        paragraph.alignment if paragraph.alignment is not None else style.paragraph_format.alignment)
    return SourceParagraph(number, spans, style=style.name, align=align)


def docx_source(data: bytes) -> Source:
    document = Document(io.BytesIO(data))
    blocks = []
    number = 0
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, document)
            if paragraph.text.strip():
                number += 1
                blocks.append(_paragraph(paragraph, number))
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            first = number + 1
            rows = []
            for tr in child.iterchildren(qn("w:tr")):
                cells = []
                for tc in tr.iterchildren(qn("w:tc")):
                    paragraphs = []
                    for p in tc.iterchildren(qn("w:p")):
                        paragraph = Paragraph(p, table)
                        if paragraph.text.strip():
                            number += 1
                            paragraphs.append(_paragraph(paragraph, number))
                    span = tc.tcPr.gridSpan.val if tc.tcPr is not None and tc.tcPr.gridSpan is not None else 1
                    cells.append(SourceCell(paragraphs, span=span))
                rows.append(cells)
            blocks.append(SourceTable(first, rows))
    return Source(blocks, "docx")
