"""Build the docxtpl templates of Decree-30 documents: one per document type
(docgen.doctypes; plan.docx for a Kế hoạch, report.docx for a Báo cáo).

Run ``python templates_docx/build_template.py`` and commit the result. The
types share one layout (Mẫu 1.4); the title line comes from the type at
render time, the file's name and document title from the type here. All
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
from docx.shared import Pt, Twips

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from docgen import doctypes  # noqa: E402  (the build script runs from a checkout)
from docgen.word.oxml_order import put  # noqa: E402

FOLDER = Path(__file__).parent
FONT = "Times New Roman"

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


def build(name: str = doctypes.get(None).name) -> bytes:
    """The template of a document type named ``name`` ("Kế hoạch")."""
    doc = Document()
    build_styles(doc)
    body = doc.element.body
    for element in list(body):
        if element.tag != qn("w:sectPr"):
            body.remove(element)
    main = doc.sections[0]
    page_setup(main, landscape=False, restart=False)
    page_number_header(main)

    def para(text: str, style: str = "DG Body") -> None:
        doc.add_paragraph(text, style=style)

    para("{%p if draft_mark %}", "DG Draft Mark")
    para("DỰ THẢO", "DG Draft Mark")
    para("{%p endif %}", "DG Draft Mark")
    # ô 1-4
    header = fixed_table(doc, 2, HEADER_COLS, borders="nil", cell_margin=0)
    fill(header.cell(0, 0), [
        ("{%p if header.parent_body %}", "DG Parent"),
        ("{{ header.parent_body }}", "DG Parent"),
        ("{%p endif %}", "DG Parent"),
        ("{%p for line in header.issuing_body %}", "DG Issuer"),
        ("{{ line }}", "DG Issuer"),
        ("{%p endfor %}", "DG Issuer"),
        ("", "DG Rule Issuer"),
    ])
    fill(header.cell(0, 1), [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "DG Nation"),
        ("Độc lập - Tự do - Hạnh phúc", "DG Motto"),
        ("", "DG Rule Motto"),
    ])
    fill(header.cell(1, 0), [("{{ header.number_line }}", "DG Number")])
    fill(header.cell(1, 1), [("{{ header.date_line }}", "DG Date")])
    # ô 5a
    para("{{ doc_type }}", "DG Doc Type")
    para("{{r subject }}", "DG Subject")
    para("", "DG Rule Subject")
    # ô 6
    para("{%p for block in body %}")
    para("{%p if block.style == 'section' %}")
    para("{{r block.runs }}", "DG Section")
    para("{%p elif block.style == 'heading' %}")
    para("{{r block.runs }}", "DG Heading")
    para("{%p elif loop.last %}")
    para("{{r block.runs }}", "DG Body Last")
    para("{%p else %}")
    para("{{r block.runs }}", "DG Body")
    para("{%p endif %}")
    para("{%p endfor %}")
    # ô 9b and ô 7
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
    # recipients and signature stay together on one page
    put(footer.rows[0]._tr.get_or_add_trPr(), OxmlElement("w:cantSplit"))
    para("", "DG End")
    # Phụ lục: each appendix in its own section, numbered from 1
    para("{%p if appendices %}", "DG End")
    doc.add_section()  # the break paragraph carries the main section's properties
    break_paragraph_style(doc)
    para("{%p endif %}", "DG End")
    para("{%p for appendix in appendices %}", "DG End")
    para("{{ appendix.label }}", "DG Appendix Label")
    para("{{ appendix.title }}", "DG Appendix Title")
    para("{%p if appendix.subtitle %}", "DG Appendix Note")
    para("{{ appendix.subtitle }}", "DG Appendix Note")
    para("{%p endif %}", "DG Appendix Note")
    para("{{ appendix.reference }}", "DG Appendix Note")
    para("", "DG Rule Appendix")
    para("{%p if appendix.landscape %}", "DG End")
    appendix_table(doc, TEXT_W_LANDSCAPE)
    para("{%p else %}", "DG End")
    appendix_table(doc, TEXT_W)
    para("{%p endif %}", "DG End")
    para("{%p if appendix.landscape %}", "DG End")
    page_setup(doc.sections[-1], landscape=True, restart=True)
    doc.add_section()  # break carrying a landscape appendix section
    break_paragraph_style(doc)
    para("{%p else %}", "DG End")
    page_setup(doc.sections[-1], landscape=False, restart=True)
    doc.add_section()  # break carrying a portrait appendix section
    break_paragraph_style(doc)
    para("{%p endif %}", "DG End")
    para("{%p endfor %}", "DG End")
    # with no appendix the plan is one section: the final one is the main one
    page_setup(doc.sections[-1], landscape=False, restart=False)
    main_sect_pr = body.find(qn("w:p")).getparent().xpath("./w:p/w:pPr/w:sectPr")[0]
    final = body.find(qn("w:sectPr"))
    for reference in reversed(main_sect_pr.xpath("./w:headerReference|./w:footerReference")):
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
    for doc_type in doctypes.ALL.values():
        out = FOLDER / doc_type.template
        out.write_bytes(build(doc_type.name))
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
