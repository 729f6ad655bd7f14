"""Build the docxtpl templates of Decree-30 documents: one per layout family
(docgen.doctypes.LAYOUTS; docgen/document/layouts/): ``titled.docx`` (Mẫu
1.4 and 1.7: Kế hoạch, Báo cáo, Tờ trình, Thông báo, Giấy mời),
``letter.docx`` (Mẫu 1.5: Công văn) and ``decision.docx`` (Mẫu 1.2 and 1.3:
Quyết định and the text it issues).

Run ``python templates_docx/build_template.py`` and commit the result. A
family's template is a list of parts (:data:`FAMILIES`: the header, the
title, "Kính gửi", the body, Nơi nhận and signer, the attached text, the
appendices), each written by one function here; the words (the title line,
the V/v, the bases) come from the document's type at render time, and the
document's title property is set per type by docgen.document.render. All
layout (page, margins, fonts, sizes, spacing, rules, tables, page numbers,
sections) is written here into the template's styles and section properties;
docgen only fills in text. Jinja tags are ordinary paragraph text, so the
template opens and can be edited in Word and LibreOffice.

Measures are in twips (1/20 pt; 1 mm = 56.7 twips) and follow nd30.md.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from docgen import doctypes  # noqa: E402  (the build script runs from a checkout)
from docgen.word.oxml_order import put  # noqa: E402

FOLDER = Path(__file__).parent
FONT = "Times New Roman"
RED = RGBColor(0xFF, 0x00, 0x00)  # the urgency stamp's "bright red ink"

# A4 and the decree's default margins (top 25, bottom 20, left 35, right 20 mm).
PAGE_W, PAGE_H = 11906, 16838
TOP, BOTTOM, LEFT, RIGHT = 1418, 1134, 1985, 1134
HEADER_DISTANCE = 567  # page number sits 10 mm from the top edge
TEXT_W = PAGE_W - LEFT - RIGHT  # 8787
TEXT_W_LANDSCAPE = PAGE_H - LEFT - RIGHT  # 13719

# Header (ô 1-4) and footer (ô 7, 9b): borderless tables without cell
# margins, exactly as wide as the text area (the decree's sample, 3829 + 5670
# and 2994 + 6290 twips, reaches into the margins). The right header column
# holds "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" on one line: 5,424 twips at 13 pt
# bold in Liberation Serif (Times New Roman's metrics).
HEADER_COLS = (3227, TEXT_W - 3227)
FOOTER_COLS = (2994, TEXT_W - 2994)
# Appendix tables are laid on a fine grid; each cell spans some grid columns.
APPENDIX_GRID = 40
# "Kính gửi:" and its dash lines (the decree's sample: 1982 and 2552 twips).
ADDRESSEE_INDENT, ADDRESSEE_ITEM_INDENT = 1985, 2552

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def set_fonts(rpr_owner_font) -> None:
    """Times New Roman for every script (Latin, East Asian, complex)."""
    rpr = rpr_owner_font.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = put(rpr, OxmlElement("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def add_style(doc, name, size, *, bold=False, italic=False, align="left", indent=0,
              before=0, after=0, line=240, keep_next=False, rule=None):
    """A paragraph style. ``rule`` = (left, right) indents of a short solid
    rule drawn as the top border of an otherwise empty, 1-pt paragraph."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    font = style.font
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    set_fonts(style)
    fmt = style.paragraph_format
    fmt.alignment = ALIGN[align]
    fmt.first_line_indent = Twips(indent) if indent else Twips(0)
    fmt.space_before = Twips(before)
    fmt.space_after = Twips(after)
    fmt.keep_with_next = keep_next
    ppr = style.element.get_or_add_pPr()
    spacing = ppr.find(qn("w:spacing"))
    spacing.set(qn("w:line"), str(line))
    spacing.set(qn("w:lineRule"), "exact" if rule else "auto")
    if rule:
        left, right = rule
        fmt.left_indent = Twips(left)
        fmt.right_indent = Twips(right)
        borders = OxmlElement("w:pBdr")
        top = OxmlElement("w:top")
        for attr, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            top.set(qn(attr), value)
        borders.append(top)
        put(ppr, borders)
    return style


def build_styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    set_fonts(normal)
    rpr = normal.element.get_or_add_rPr()
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "000000")
    put(rpr, color)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    put(rpr, lang)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)

    # ô 1-4: header block
    add_style(doc, "DG Parent", 13, align="center")
    add_style(doc, "DG Issuer", 13, bold=True, align="center")
    add_style(doc, "DG Nation", 13, bold=True, align="center")
    add_style(doc, "DG Motto", 14, bold=True, align="center")
    inner_left = HEADER_COLS[0]
    add_style(doc, "DG Rule Issuer", 1, align="center", line=40, before=80, after=120,
              rule=((inner_left - 1250) // 2, (inner_left - 1250) // 2))
    inner_right = HEADER_COLS[1]
    motto_w = 3640  # "Độc lập - Tự do - Hạnh phúc", 14 pt bold Times New Roman
    add_style(doc, "DG Rule Motto", 1, align="center", line=40, before=80, after=120,
              rule=((inner_right - motto_w) // 2, (inner_right - motto_w) // 2))
    add_style(doc, "DG Number", 13, align="center")
    add_style(doc, "DG Date", 14, italic=True, align="center")
    # ô 5b: a Công văn's "V/v …" under the number, 12 pt upright, 6 pt below it
    add_style(doc, "DG Letter Subject", 12, align="center", before=120)
    # ô 9a: "Kính gửi:" 3.5 cm from the margin, the dash lines under its colon (4.5 cm)
    for name, indent, before, after in (("DG Addressee", ADDRESSEE_INDENT, 120, 120),
                                        ("DG Addressee Label", ADDRESSEE_INDENT, 120, 0),
                                        ("DG Addressee Item", ADDRESSEE_ITEM_INDENT, 0, 0),
                                        ("DG Addressee Last", ADDRESSEE_ITEM_INDENT, 0, 120)):
        add_style(doc, name, 14, align="left", before=before, after=after, keep_next=True)
        doc.styles[name].paragraph_format.left_indent = Twips(indent)
    # a decision: its authority line, bases in italics, "QUYẾT ĐỊNH:"
    add_style(doc, "DG Decider", 14, bold=True, align="center", before=120, after=240, keep_next=True)
    add_style(doc, "DG Basis", 14, italic=True, align="justify", indent=567, after=120, line=276)
    add_style(doc, "DG Decision Line", 14, bold=True, align="center", before=120, after=240, keep_next=True)
    # Chương I / its title, centred (a Quy chế's chapters)
    add_style(doc, "DG Chapter", 14, bold=True, align="center", before=120, keep_next=True)
    add_style(doc, "DG Page Break", 2, line=40)
    # ô 5a: document type and subject line
    add_style(doc, "DG Doc Type", 14, bold=True, align="center", before=360, keep_next=True)
    add_style(doc, "DG Subject", 14, bold=True, align="center", keep_next=True)
    add_style(doc, "DG Rule Subject", 1, align="center", line=40, before=100, after=240,
              rule=((TEXT_W - 2000) // 2, (TEXT_W - 2000) // 2))
    # ô 6: body, justified 14 pt, first-line indent 1.27 cm, 6 pt between paragraphs
    body = dict(align="justify", indent=720, before=0, after=120, line=276)
    add_style(doc, "DG Body", 14, **body)
    # the body's last paragraph goes with the recipients and the signature,
    # which never stand alone on a page
    add_style(doc, "DG Body Last", 14, keep_next=True, **body)
    add_style(doc, "DG Section", 14, bold=True, keep_next=True, **body)
    add_style(doc, "DG Heading", 14, bold=True, keep_next=True, **body)
    # ô 9b and ô 7: recipients and signer
    add_style(doc, "DG Recipients Label", 12, bold=True, italic=True, before=120)
    add_style(doc, "DG Recipient", 11)
    add_style(doc, "DG Authority", 14, bold=True, align="center")
    add_style(doc, "DG Signer", 14, bold=True, align="center", before=1700)
    add_style(doc, "DG End", 2, line=40)
    # Phụ lục
    add_style(doc, "DG Appendix Label", 14, bold=True, align="center", keep_next=True)
    add_style(doc, "DG Appendix Title", 14, bold=True, align="center", keep_next=True)
    add_style(doc, "DG Appendix Note", 14, italic=True, align="center", keep_next=True)
    add_style(doc, "DG Rule Appendix", 1, align="center", line=40, before=100, after=240,
              rule=((TEXT_W - 2000) // 2, (TEXT_W - 2000) // 2))
    add_style(doc, "DG Table Head", 12, bold=True, align="center", before=40, after=40)
    add_style(doc, "DG Table Text", 12, before=40, after=40)
    add_style(doc, "DG Table Number", 12, align="right", before=40, after=40)
    add_style(doc, "DG Table Centre", 12, align="center", before=40, after=40)
    add_style(doc, "DG Table Total", 12, bold=True, align="center", before=40, after=40)
    add_style(doc, "DG Table Total Number", 12, bold=True, align="right", before=40, after=40)
    add_style(doc, "DG Page Number", 13, align="center")
    # "DỰ THẢO": a boxed mark at the top right of page 1 of a draft not yet approved
    mark = add_style(doc, "DG Draft Mark", 13, bold=True, align="center", after=120)
    mark.paragraph_format.left_indent = Twips(TEXT_W - 1700)
    box = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        for attr, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "2"), ("w:color", "000000")):
            edge.set(qn(attr), value)
        box.append(edge)
    put(mark.element.get_or_add_pPr(), box)
    # ô 10a and 10b: the secrecy and urgency stamps under the number (and a
    # Công văn's V/v), centred in the left column: a frame with a single
    # border, capitals, 13 pt bold, bright red; 8 mm high, as wide as the
    # decree sets for each urgency (docgen.plan.marks)
    for name, width_mm in (("DG Secrecy", 30), ("DG Urgency 20", 20), ("DG Urgency 30", 30),
                           ("DG Urgency 40", 40)):
        stamp_style(doc, name, width_mm)


def stamp_style(doc, name: str, width_mm: int) -> None:
    """A stamp ``width_mm`` wide and 8 mm high: a paragraph boxed by its
    borders, its indents leaving the frame's width in the left column."""
    stamp = add_style(doc, name, 13, bold=True, align="center", before=120, after=0, line=300)
    stamp.font.color.rgb = RED
    width = round(width_mm * 56.7)
    side = max(0, (HEADER_COLS[0] - width) // 2)
    stamp.paragraph_format.left_indent = Twips(side)
    stamp.paragraph_format.right_indent = Twips(side)
    stamp.element.get_or_add_pPr().find(qn("w:spacing")).set(qn("w:lineRule"), "exact")
    box = OxmlElement("w:pBdr")
    for edge_name, space in (("top", "3"), ("left", "0"), ("bottom", "3"), ("right", "0")):
        edge = OxmlElement(f"w:{edge_name}")
        for attr, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", space), ("w:color", "FF0000")):
            edge.set(qn(attr), value)
        box.append(edge)
    put(stamp.element.get_or_add_pPr(), box)


# --- tables ------------------------------------------------------------------


def table_borders(table, value: str) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), value)
        if value != "nil":
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    put(tbl_pr, borders)


def fixed_table(doc, rows: int, widths: tuple[int, ...], *, borders: str, indent: int = 0,
                cell_margin: int = 57):
    table = doc.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    put(tbl_pr, layout)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(sum(widths)))
    width.set(qn("w:type"), "dxa")
    put(tbl_pr, width)
    if indent:
        ind = OxmlElement("w:tblInd")
        ind.set(qn("w:w"), str(indent))
        ind.set(qn("w:type"), "dxa")
        put(tbl_pr, ind)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(cell_margin))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    put(tbl_pr, margins)
    table_borders(table, borders)
    for index, col in enumerate(table._tbl.tblGrid.findall(qn("w:gridCol"))):
        col.set(qn("w:w"), str(widths[index]))
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            cell.width = Twips(widths[index])
    return table


def fill(cell, lines: list[tuple[str, str]]) -> None:
    """Put (text, style) paragraphs into a cell, reusing its first paragraph."""
    first = cell.paragraphs[0]
    for index, (text, style) in enumerate(lines):
        paragraph = first if index == 0 else cell.add_paragraph()
        paragraph.style = style
        if text:
            paragraph.add_run(text)


def span(cell, count: int) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    grid_span = OxmlElement("w:gridSpan")
    grid_span.set(qn("w:val"), str(count))
    put(tc_pr, grid_span)


def appendix_table(doc, text_width: int) -> None:
    """Rows: header, one row per data row, total row. Each data cell spans
    ``cell.span`` grid columns (docxtpl's colspan), so widths follow the data."""
    unit = text_width // APPENDIX_GRID
    table = fixed_table(doc, 7, (unit,) * APPENDIX_GRID, borders="single", cell_margin=57)
    # merge grid columns into loop cells: [for] [content] [endfor]
    layout = {0: "head", 2: "row", 5: "total"}
    for index, row in enumerate(table.rows):
        cells = row.cells
        tcs = [c._tc for c in cells]
        tr = row._tr
        for tc in tcs:
            tr.remove(tc)
        if index in layout:
            kind = layout[index]
            source = {"head": "appendix.head", "row": "row", "total": "appendix.total"}[kind]
            parts = [(1, [(f"{{%tc for cell in {source} %}}", "DG Table Text")])]
            if kind == "head":
                content = [("{% colspan cell.span %}{{ cell.text }}", "DG Table Head")]
            else:
                number_style = "DG Table Total Number" if kind == "total" else "DG Table Number"
                text_style = "DG Table Total" if kind == "total" else "DG Table Text"
                centre_style = "DG Table Total" if kind == "total" else "DG Table Centre"
                content = [
                    ("{% colspan cell.span %}{%p if cell.numeric %}", text_style),
                    ("{{ cell.text }}", number_style),
                    ("{%p elif cell.centred %}", text_style),
                    ("{{ cell.text }}", centre_style),
                    ("{%p else %}", text_style),
                    ("{{ cell.text }}", text_style),
                    ("{%p endif %}", text_style),
                ]
            parts.append((APPENDIX_GRID - 2, content))
            parts.append((1, [("{%tc endfor %}", "DG Table Text")]))
        else:
            text = {1: "{%tr for row in appendix.rows %}", 3: "{%tr endfor %}",
                    4: "{%tr if appendix.total %}", 6: "{%tr endif %}"}[index]
            parts = [(APPENDIX_GRID, [(text, "DG Table Text")])]
        for count, lines in parts:
            tc = copy.deepcopy(tcs[0])
            tr.append(tc)
            from docx.table import _Cell

            cell = _Cell(tc, table)
            for p in list(cell.paragraphs)[1:]:
                p._p.getparent().remove(p._p)
            for run in cell.paragraphs[0].runs:
                run._r.getparent().remove(run._r)
            if count > 1:
                span(cell, count)
            fill(cell, lines)
    # the header row repeats on every page of a long table
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    put(tr_pr, OxmlElement("w:tblHeader"))


# --- sections and page numbers -------------------------------------------------


def page_setup(section, *, landscape: bool, restart: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = Twips(PAGE_H if landscape else PAGE_W)
    section.page_height = Twips(PAGE_W if landscape else PAGE_H)
    section.top_margin = Twips(TOP)
    section.bottom_margin = Twips(BOTTOM)
    section.left_margin = Twips(LEFT)
    section.right_margin = Twips(RIGHT)
    section.header_distance = Twips(HEADER_DISTANCE)
    section.footer_distance = Twips(HEADER_DISTANCE)
    section.different_first_page_header_footer = True
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:pgNumType")):
        sect_pr.remove(old)
    if restart:
        numbering = OxmlElement("w:pgNumType")
        numbering.set(qn("w:start"), "1")
        put(sect_pr, numbering)


def page_number_header(section) -> None:
    """PAGE field centred in the top margin; an empty first-page header
    keeps page 1 unnumbered."""
    paragraph = section.header.paragraphs[0]
    paragraph.style = "DG Page Number"
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text
    section.first_page_header.paragraphs[0].style = "DG Page Number"


def break_paragraph_style(doc) -> None:
    """python-docx adds section breaks as unstyled paragraphs; make them tiny."""
    last = doc.element.body.findall(qn("w:p"))[-1]
    p_pr = last.get_or_add_pPr()
    style = OxmlElement("w:pStyle")
    style.set(qn("w:val"), doc.styles["DG End"].style_id)
    put(p_pr, style)


# --- the parts of a template ----------------------------------------------------


def para(doc, text: str, style: str = "DG Body") -> None:
    doc.add_paragraph(text, style=style)


def draft_mark_part(doc) -> None:
    """"DỰ THẢO", boxed at the top right of page 1 of a draft under review."""
    para(doc, "{%p if draft_mark %}", "DG Draft Mark")
    para(doc, "DỰ THẢO", "DG Draft Mark")
    para(doc, "{%p endif %}", "DG Draft Mark")


def header_table(doc, *, numbered: bool = True, letter: bool = False, source: str = "header") -> None:
    """ô 1-4: issuing body and national name side by side; the number and
    the date under them (``numbered``), a Công văn's V/v under the number
    (``letter``). The text a decision issues has no number or date."""
    table = fixed_table(doc, 2 if numbered else 1, HEADER_COLS, borders="nil", cell_margin=0)
    fill(table.cell(0, 0), [
        (f"{{%p if {source}.parent_body %}}", "DG Parent"),
        (f"{{{{ {source}.parent_body }}}}", "DG Parent"),
        ("{%p endif %}", "DG Parent"),
        (f"{{%p for line in {source}.issuing_body %}}", "DG Issuer"),
        ("{{ line }}", "DG Issuer"),
        ("{%p endfor %}", "DG Issuer"),
        ("", "DG Rule Issuer"),
    ])
    fill(table.cell(0, 1), [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "DG Nation"),
        ("Độc lập - Tự do - Hạnh phúc", "DG Motto"),
        ("", "DG Rule Motto"),
    ])
    if numbered:
        number = [("{{ header.number_line }}", "DG Number")]
        if letter:
            number.append(("{{ header.subject_line }}", "DG Letter Subject"))
        fill(table.cell(1, 0), number + STAMPS)
        fill(table.cell(1, 1), [("{{ header.date_line }}", "DG Date")])


# ô 10a, then ô 10b: the secrecy stamp, then the urgency stamp in the frame of its width.
STAMPS = [
    ("{%p if marks.secrecy %}", "DG Number"),
    ("{{ marks.secrecy }}", "DG Secrecy"),
    ("{%p endif %}", "DG Number"),
    ("{%p if marks.urgency_width == 20 %}", "DG Number"),
    ("{{ marks.urgency }}", "DG Urgency 20"),
    ("{%p elif marks.urgency_width == 30 %}", "DG Number"),
    ("{{ marks.urgency }}", "DG Urgency 30"),
    ("{%p elif marks.urgency_width == 40 %}", "DG Number"),
    ("{{ marks.urgency }}", "DG Urgency 40"),
    ("{%p endif %}", "DG Number"),
]


def header_part(doc) -> None:
    header_table(doc)


def letter_header_part(doc) -> None:
    header_table(doc, letter=True)


def title_part(doc, source: str = "", rule: bool = True) -> None:
    """ô 5a: the type's title line, the subject, a short rule."""
    prefix = f"{source}." if source else ""
    para(doc, f"{{{{ {prefix}title }}}}", "DG Doc Type")
    para(doc, f"{{{{r {prefix}subject }}}}", "DG Subject")
    if rule:
        para(doc, "", "DG Rule Subject")


def addressees_part(doc) -> None:
    """ô 9a: "Kính gửi: X" on one line, or "Kính gửi:" and a dash line each."""
    para(doc, "{%p for line in addressees %}", "DG Addressee")
    para(doc, "{%p if loop.length == 1 %}", "DG Addressee")
    para(doc, "{{ line }}", "DG Addressee")
    para(doc, "{%p elif loop.first %}", "DG Addressee")
    para(doc, "{{ line }}", "DG Addressee Label")
    para(doc, "{%p elif loop.last %}", "DG Addressee")
    para(doc, "{{ line }}", "DG Addressee Last")
    para(doc, "{%p else %}", "DG Addressee")
    para(doc, "{{ line }}", "DG Addressee Item")
    para(doc, "{%p endif %}", "DG Addressee")
    para(doc, "{%p endfor %}", "DG Addressee")


def decider_part(doc) -> None:
    """A decision's issuing authority, its bases and "QUYẾT ĐỊNH:"."""
    para(doc, "{%p if decider %}", "DG Decider")
    para(doc, "{{ decider }}", "DG Decider")
    para(doc, "{%p endif %}", "DG Decider")
    para(doc, "{%p for line in bases %}", "DG Basis")
    para(doc, "{{ line }}", "DG Basis")
    para(doc, "{%p endfor %}", "DG Basis")
    para(doc, "{{ decision_line }}", "DG Decision Line")


def body_paragraphs(doc, source: str = "body") -> None:
    """ô 6: each paragraph in the style the context gives it."""
    para(doc, f"{{%p for block in {source} %}}")
    para(doc, "{%p if block.style == 'section' %}")
    para(doc, "{{r block.runs }}", "DG Section")
    para(doc, "{%p elif block.style == 'chapter' %}")
    para(doc, "{{r block.runs }}", "DG Chapter")
    para(doc, "{%p elif block.style == 'heading' %}")
    para(doc, "{{r block.runs }}", "DG Heading")
    para(doc, "{%p elif loop.last %}")
    para(doc, "{{r block.runs }}", "DG Body Last")
    para(doc, "{%p else %}")
    para(doc, "{{r block.runs }}", "DG Body")
    para(doc, "{%p endif %}")
    para(doc, "{%p endfor %}")


def body_part(doc) -> None:
    body_paragraphs(doc)


def footer_part(doc) -> None:
    """ô 9b and ô 7: Nơi nhận beside the signer, never split over two pages."""
    footer = fixed_table(doc, 1, FOOTER_COLS, borders="nil", cell_margin=0)
    fill(footer.cell(0, 0), [
        ("Nơi nhận:", "DG Recipients Label"),
        ("{%p for line in recipients %}", "DG Recipient"),
        ("{{ line }}", "DG Recipient"),
        ("{%p endfor %}", "DG Recipient"),
    ])
    fill(footer.cell(0, 1), [
        ("{%p for line in signer.authority %}", "DG Authority"),
        ("{{ line }}", "DG Authority"),
        ("{%p endfor %}", "DG Authority"),
        ("{{ signer.name }}", "DG Signer"),
    ])
    put(footer.rows[0]._tr.get_or_add_trPr(), OxmlElement("w:cantSplit"))
    para(doc, "", "DG End")


def attached_part(doc) -> None:
    """The text a decision issues (Mẫu 1.3), on a new page of the same
    file: the header without number and date, its title and subject, the
    "(Kèm theo Quyết định số …)" line, a rule, its body; no signer."""
    para(doc, "{%p if attached %}", "DG End")
    page_break = doc.add_paragraph(style="DG Page Break")
    br = OxmlElement("w:br")
    br.set(qn("w:type"), "page")
    page_break.add_run()._r.append(br)
    header_table(doc, numbered=False)
    title_part(doc, "attached", rule=False)  # the rule goes under the reference line
    para(doc, "{{ attached.reference }}", "DG Appendix Note")
    para(doc, "", "DG Rule Subject")
    body_paragraphs(doc, "attached.body")
    para(doc, "{%p endif %}", "DG End")


def appendices_part(doc) -> None:
    """Phụ lục: each appendix in its own section, numbered from 1."""
    para(doc, "{%p if appendices %}", "DG End")
    doc.add_section()  # the break paragraph carries the main section's properties
    break_paragraph_style(doc)
    para(doc, "{%p endif %}", "DG End")
    para(doc, "{%p for appendix in appendices %}", "DG End")
    para(doc, "{{ appendix.label }}", "DG Appendix Label")
    para(doc, "{{ appendix.title }}", "DG Appendix Title")
    para(doc, "{%p if appendix.subtitle %}", "DG Appendix Note")
    para(doc, "{{ appendix.subtitle }}", "DG Appendix Note")
    para(doc, "{%p endif %}", "DG Appendix Note")
    para(doc, "{{ appendix.reference }}", "DG Appendix Note")
    para(doc, "", "DG Rule Appendix")
    para(doc, "{%p if appendix.landscape %}", "DG End")
    appendix_table(doc, TEXT_W_LANDSCAPE)
    para(doc, "{%p else %}", "DG End")
    appendix_table(doc, TEXT_W)
    para(doc, "{%p endif %}", "DG End")
    para(doc, "{%p if appendix.landscape %}", "DG End")
    page_setup(doc.sections[-1], landscape=True, restart=True)
    doc.add_section()  # break carrying a landscape appendix section
    break_paragraph_style(doc)
    para(doc, "{%p else %}", "DG End")
    page_setup(doc.sections[-1], landscape=False, restart=True)
    doc.add_section()  # break carrying a portrait appendix section
    break_paragraph_style(doc)
    para(doc, "{%p endif %}", "DG End")
    para(doc, "{%p endfor %}", "DG End")


# A family's template, top to bottom (docgen.doctypes.LAYOUTS; the context
# each part reads comes from docgen/document/layouts/<family>.py).
FAMILIES = {
    "titled": (draft_mark_part, header_part, title_part, addressees_part, body_part, footer_part,
               appendices_part),
    "letter": (draft_mark_part, letter_header_part, addressees_part, body_part, footer_part, appendices_part),
    "decision": (draft_mark_part, header_part, title_part, decider_part, body_part, footer_part,
                 attached_part),
}


def build(family: str = doctypes.get(None).layout, name: str = "Văn bản") -> bytes:
    """The template of a layout ``family``, its title property naming ``name``
    (each type's own title replaces it when rendering)."""
    doc = Document()
    build_styles(doc)
    body = doc.element.body
    for element in list(body):
        if element.tag != qn("w:sectPr"):
            body.remove(element)
    main = doc.sections[0]
    page_setup(main, landscape=False, restart=False)
    page_number_header(main)
    for part in FAMILIES[family]:
        part(doc)
    # with no appendix the document is one section: the final one is the main one
    page_setup(doc.sections[-1], landscape=False, restart=False)
    breaks = body.xpath("./w:p/w:pPr/w:sectPr")
    final = body.find(qn("w:sectPr"))
    if breaks:
        for reference in reversed(breaks[0].xpath("./w:headerReference|./w:footerReference")):
            final.insert(0, copy.deepcopy(reference))

    # python-docx's default template carries Word 2010's stylesWithEffects
    # part, a copy of the styles that no longer matches them; Word needs none.
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rel_id)

    core = doc.core_properties
    core.author = "docgen"
    core.title = f"{name} (mẫu Nghị định 30/2020/NĐ-CP)"
    core.comments = "docgen template; regenerate with templates_docx/build_template.py"
    core.revision = 1
    import datetime as dt

    stamp = dt.datetime(2024, 1, 1)
    core.created = stamp
    core.modified = stamp
    core.last_modified_by = "docgen"
    from io import BytesIO

    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def main() -> int:
    for family in doctypes.LAYOUTS:
        out = FOLDER / f"{family}.docx"
        out.write_bytes(build(family))
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
