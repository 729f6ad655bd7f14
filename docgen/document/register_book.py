"""A year's outgoing register printed as Decree 30's book (sổ đăng ký văn
bản đi, Appendix IV; ``nd30-types.md`` section 8): what a văn thư prints and
binds once a year when the register is kept by a system (Art. 16).

A .docx made with python-docx, converted to PDF by LibreOffice like any
document (``docgen.pdf``):

- A3 landscape (``PAPERS``; A4 landscape on request, 7 documents a page),
  margins 15 mm top and bottom, 30 mm on the left (the binding), 15 mm on
  the right; Times New Roman; the page number centred in the footer;
- the cover: the parent body (10 pt) and the unit (10 pt bold), ``SỔ ĐĂNG KÝ
  VĂN BẢN ĐI`` (12 pt bold; the decree's sizes), ``Năm: …`` (13 pt italic),
  ``Từ ngày … đến ngày …``, ``Từ số … đến số …``, ``Quyển số: …`` (the label
  bold), centred;
- the table: the 10 columns of Appendix IV (``sheets.register_sheet.
  BOOK_COLUMNS``), their titles and their numbers (1)–(10) repeated at the
  top of every page (``WIDTHS_MM``: the subject and the recipients get what
  the short columns leave); at most 20 documents on an A3 page (7 on A4),
  each page its own table after a page break (a row is never split between
  two pages). The sample's proportions on an A4 page leave room for about 7
  real entries (a subject of three lines, two recipients): hence A3, where
  20 fit;
- the closing note: how many pages (Word's NUMPAGES field) and documents,
  the first and last number and date, who made the book.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

from ..sheets.register_sheet import BOOK_COLUMNS
from ..vietnamese.dates import short_date

# paper -> (width, height, documents on a page), landscape
PAPERS = {"A3": (Mm(420), Mm(297), 20), "A4": (Mm(297), Mm(210), 7)}
FONT = "Times New Roman"
LEFT, RIGHT, TOP, BOTTOM = Mm(30), Mm(15), Mm(15), Mm(15)
TITLE_SIZE, ENTRY_SIZE = Pt(11), Pt(10)


@dataclass(frozen=True)
class Book:
    """What the book prints: the unit, the year, the volume, the rows (10
    texts each, ``sheets.register_sheet.book_row``) and when it was made."""

    parent_body: str
    unit_name: str
    year: int
    rows: tuple[tuple[str, ...], ...]
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    first_number: str = ""
    last_number: str = ""
    volume: str = "01"
    made_on: dt.date | None = None
    paper: str = "A3"

    @property
    def rows_per_page(self) -> int:
        return PAPERS[self.paper][2]


def _run(paragraph, text: str, *, size=None, bold=False, italic=False):
    run = paragraph.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    if size is not None:
        run.font.size = size
    return run


def _centred(document, text: str = "", *, size=Pt(13), bold=False, italic=False, before=0, after=0):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before, paragraph.paragraph_format.space_after = Pt(before), Pt(after)
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _field(paragraph, instruction: str, shown: str, size=None) -> None:
    """A Word field (``PAGE``, ``NUMPAGES``) that Word and LibreOffice update."""
    def char(kind: str):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
        if size is not None:
            run.font.size = size

    char("begin")
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    char("separate")
    _run(paragraph, shown, size=size)
    char("end")


def _page_setup(document, paper: str) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAPERS[paper][:2]
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    section.footer_distance = Mm(10)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE", "1", size=Pt(11))
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    normal.paragraph_format.space_after = Pt(0)


def _cover(document, book: Book) -> None:
    for _ in range(3):
        _centred(document)
    if book.parent_body:
        _centred(document, book.parent_body.upper(), size=Pt(10))
    _centred(document, book.unit_name.upper(), size=Pt(10), bold=True)
    for _ in range(5):
        _centred(document)
    _centred(document, "SỔ ĐĂNG KÝ VĂN BẢN ĐI", size=Pt(12), bold=True, after=12)
    _centred(document, f"Năm: {book.year}", italic=True, after=6)
    _centred(document, f"Từ ngày {short_date(book.first_date) if book.first_date else '…'} "
                       f"đến ngày {short_date(book.last_date) if book.last_date else '…'}", after=6)
    _centred(document, f"Từ số {book.first_number or '…'} đến số {book.last_number or '…'}", after=6)
    volume = _centred(document)
    _run(volume, "Quyển số: ", bold=True)
    _run(volume, book.volume)


# Millimetres on A3 (375 mm of text): the short columns as wide as their
# longest content (``05/KH-UBND``, a date, a name), the rest to the subject
# and the recipients; the sample's twips are a portrait page's.
WIDTHS_MM = (28, 24, 114, 30, 56, 28, 18, 22, 34, 21)


def _widths(paper: str) -> list[int]:
    """The columns' widths (twips), scaled to the paper's text area."""
    text_width = int((PAPERS[paper][0] - LEFT - RIGHT) / 635)  # EMU -> twips
    widths = [width * text_width // sum(WIDTHS_MM) for width in WIDTHS_MM]
    widths[2] += text_width - sum(widths)  # the rounding goes to the subject
    return widths


def _row_properties(row, *, header: bool) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))  # repeated at the top of each page


ENTRY_STYLE = "Register Entry"  # the table's paragraphs: 10 pt, single-spaced, nothing before or after


def _entry_style(document) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    style = document.styles.add_style(ENTRY_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.size = ENTRY_SIZE
    style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.0


def _cell_text(cell, text: str, *, size, bold=False, italic=False, centred=False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = ENTRY_STYLE  # the paragraph mark too: no 13 pt line under 10 pt text
    if centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, text, size=size, bold=bold, italic=italic)


def _table(document, rows, widths: list[int]) -> None:
    table = document.add_table(rows=2 + len(rows), cols=len(BOOK_COLUMNS))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for index, width in enumerate(widths):
        table.columns[index].width = Twips(width)
        for cell in table.columns[index].cells:
            cell.width = Twips(width)
    for index, (title, _) in enumerate(BOOK_COLUMNS):
        _cell_text(table.rows[0].cells[index], title, size=TITLE_SIZE, bold=True, centred=True)
        _cell_text(table.rows[1].cells[index], f"({index + 1})", size=TITLE_SIZE, italic=True, centred=True)
    _row_properties(table.rows[0], header=True)
    _row_properties(table.rows[1], header=True)
    for row, cells in zip(table.rows[2:], rows):
        _row_properties(row, header=False)
        for index, text in enumerate(cells):
            _cell_text(row.cells[index], text, size=ENTRY_SIZE, centred=index in (0, 1, 6, 7))


def _closing(document, book: Book) -> None:
    note = document.add_paragraph()
    note.paragraph_format.space_before = Pt(12)
    note.paragraph_format.keep_with_next = True
    _run(note, "Sổ này có ", size=Pt(13))
    _field(note, "NUMPAGES", "…", size=Pt(13))
    span = (f", từ số {book.first_number} đến số {book.last_number}, từ ngày {short_date(book.first_date)} "
            f"đến ngày {short_date(book.last_date)}") if book.rows else ""
    _run(note, f" trang, đăng ký {len(book.rows)} văn bản đi năm {book.year}{span}.", size=Pt(13))
    made = document.add_paragraph()
    made.paragraph_format.keep_with_next = True
    _run(made, f"Sổ được in từ hệ thống ngày {short_date(book.made_on or dt.date.today())}.", size=Pt(13),
         italic=True)
    signer = document.add_paragraph()
    signer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signer.paragraph_format.space_before = Pt(12)
    signer.paragraph_format.keep_with_next = True
    _run(signer, "NGƯỜI LẬP SỔ", size=Pt(13), bold=True)
    placeholder = document.add_paragraph()
    placeholder.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(placeholder, "(Ký, ghi rõ họ tên)", size=Pt(13), italic=True)


def _page_break(document) -> None:
    """A new page: an empty 1 pt paragraph that starts one ("page break
    before", which adds no page when a full table already pushed it to the
    top of one, where a break character would leave a blank page)."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.page_break_before = True
    paragraph.paragraph_format.line_spacing = Pt(1)
    mark = paragraph._p.get_or_add_pPr()
    properties = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    properties.append(size)
    mark.append(properties)


def _without_stale_parts(document) -> None:
    """python-docx's default template carries Word 2010's stylesWithEffects,
    which no longer matches the styles (Word may then call the file
    unreadable): the part is left out."""
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel_id)


def book_docx(book: Book) -> bytes:
    """The book's .docx bytes."""
    document = Document()
    _without_stale_parts(document)
    _page_setup(document, book.paper)
    _entry_style(document)
    document.core_properties.title = f"Sổ đăng ký văn bản đi năm {book.year} – {book.unit_name}"
    _cover(document, book)
    widths, size = _widths(book.paper), book.rows_per_page
    pages = [book.rows[start:start + size] for start in range(0, len(book.rows), size)] or [()]
    for rows in pages:
        _page_break(document)
        _table(document, rows, widths)
    _closing(document, book)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
