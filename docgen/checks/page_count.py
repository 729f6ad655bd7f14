"""Whether a .docx runs over more than one page, told without laying it out
(Decree 30 numbers pages from page 2: a one-page document needs no page
number). A page or section break before text says so at once; otherwise
the body's height is estimated from its text, sizes and spacing against
the first section's text area (calibrated on LibreOffice's page counts of
the test corpus: a document it estimates at more than one page has two;
one it estimates just under may still have two, and is not called
multi-page: no false alarm). The ``docProps/app.xml`` page count is not
used: python-docx writes "1" whatever the length.
"""

from __future__ import annotations

import math

from ..word import Paragraph, Table, WordDocument

A4_TWIPS = (11906, 16838)
CHAR_WIDTH = 0.5    # of the font size: Times New Roman's average letter and space
LINE_HEIGHT = 1.15  # of the font size: Word's single line for Times New Roman
MARGIN = 1.05       # multi-page when the estimate passes one page by 5 % (the estimate errs by about as much)


def more_than_one_page(document: WordDocument) -> bool:
    if any(p.page_break_before and p.text.strip() for p in document.paragraphs() if not p.in_text_box):
        return True
    new_page = {index for index, section in enumerate(document.sections) if index and section.start != "continuous"}
    if any(p.section in new_page and p.text.strip() for p in document.paragraphs()):
        return True  # a section that starts a new page (an appendix) holds text
    width, height = _text_area(document)
    return estimated_height(document, width) > MARGIN * height


def _text_area(document: WordDocument) -> tuple[int, int]:
    section = document.sections[0] if document.sections else None
    page_width = (section.page_width if section else None) or A4_TWIPS[0]
    page_height = (section.page_height if section else None) or A4_TWIPS[1]
    margins = section.margins if section else None
    left = (margins.left if margins else None) or 1701
    right = (margins.right if margins else None) or 1134
    top = (margins.top if margins else None) or 1134
    bottom = (margins.bottom if margins else None) or 1134
    return max(2000, page_width - left - right), max(2000, page_height - top - bottom)


def estimated_height(document: WordDocument, width: int) -> float:
    """The body's height in twips; text boxes counted as two columns."""
    total = boxes = 0.0
    for block in document.blocks:
        if isinstance(block, Table):
            total += _table_height(block, width, document)
        elif block.in_text_box:
            boxes += paragraph_height(block, width / 2, document)
        else:
            total += paragraph_height(block, width, document)
    return total + boxes / 2  # boxes side by side: about half their lines stack


def _table_height(table: Table, width: int, document: WordDocument) -> float:
    total = 0.0
    for row in table.rows:
        columns = sum(max(1, cell.span) for cell in row) or 1
        tallest = 0.0
        for cell in row:
            if cell.merged_above:
                continue
            cell_width = width * max(1, cell.span) / columns
            tallest = max(tallest, sum(paragraph_height(p, cell_width, document) for p in cell.paragraphs
                                       if not p.in_text_box))
        total += tallest
    return total


def paragraph_height(paragraph: Paragraph, width: float, document: WordDocument) -> float:
    sizes = [run.size for run in paragraph.runs if run.text.strip() and run.size]
    size = max(sizes) if sizes else (document.default_size or 11.0)
    fmt = paragraph.format
    usable = max(1000.0, width - max(0, fmt.left_indent) - max(0, fmt.right_indent))
    chars = sum(len(piece) for piece in paragraph.text.split("\n")) + 2 * paragraph.text.count("\t")
    lines = max(1, paragraph.text.count("\n") + math.ceil(chars * size * 20 * CHAR_WIDTH / usable)) \
        if paragraph.text.strip() else 1
    line = size * 20 * LINE_HEIGHT
    if fmt.line_spacing and (fmt.line_rule in (None, "auto")):
        line *= max(0.8, min(3.0, fmt.line_spacing / 240))
    elif fmt.line_spacing and fmt.line_rule in ("exact", "atLeast"):
        line = max(line if fmt.line_rule == "atLeast" else 0, fmt.line_spacing)
    return lines * line + max(0, fmt.space_before) + max(0, fmt.space_after)
