"""Every sample's .docx follows the layout of nd30.md (Decree 30/2020/NĐ-CP)."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from docgen.word import paragraphs

from .conftest import SAMPLES, sample_id

IDS = [sample_id(p) for p in SAMPLES]
TNR = "Times New Roman"

# style -> (size pt, bold, italic, alignment)
ELEMENTS = {
    "DG Parent": (13, False, False, WD_ALIGN_PARAGRAPH.CENTER),
    "DG Issuer": (13, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    "DG Nation": (13, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    "DG Motto": (14, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    "DG Number": (13, False, False, WD_ALIGN_PARAGRAPH.CENTER),
    "DG Date": (14, False, True, WD_ALIGN_PARAGRAPH.CENTER),
    "DG Doc Type": (14, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    "DG Subject": (14, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    "DG Body": (14, False, False, WD_ALIGN_PARAGRAPH.JUSTIFY),
    "DG Section": (14, True, False, WD_ALIGN_PARAGRAPH.JUSTIFY),
    "DG Heading": (14, True, False, WD_ALIGN_PARAGRAPH.JUSTIFY),
    "DG Recipients Label": (12, True, True, None),
    "DG Recipient": (11, False, False, None),
    "DG Authority": (14, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    "DG Signer": (14, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    "DG Appendix Label": (14, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    "DG Appendix Title": (14, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    "DG Appendix Note": (14, False, True, WD_ALIGN_PARAGRAPH.CENTER),
    "DG Page Number": (13, False, False, WD_ALIGN_PARAGRAPH.CENTER),
}


def doc_of(rendered, number):
    return Document(io.BytesIO(rendered[number]))


@pytest.mark.parametrize("number", IDS)
def test_page_and_margins(rendered, number):
    doc = doc_of(rendered, number)
    main = doc.sections[0]
    assert (main.page_width.mm, main.page_height.mm) == pytest.approx((210, 297), abs=0.5)
    assert main.orientation == WD_ORIENT.PORTRAIT
    for section in doc.sections:
        # nd30.md gives the ranges in twips: top/bottom 1134-1418,
        # left 1701-1985, right 851-1134.
        assert 1134 <= section.top_margin.twips <= 1418
        assert 1134 <= section.bottom_margin.twips <= 1418
        assert 1701 <= section.left_margin.twips <= 1985
        assert 851 <= section.right_margin.twips <= 1134
        assert section.different_first_page_header_footer


@pytest.mark.parametrize("number", IDS)
def test_fonts_sizes_and_styles_of_every_element(rendered, number):
    doc = doc_of(rendered, number)
    normal = doc.styles["Normal"]
    assert normal.font.name == TNR
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {TNR}
    for name, (size, bold, italic, align) in ELEMENTS.items():
        style = doc.styles[name]
        assert style.font.name == TNR, name
        assert style.font.size == Pt(size), name
        assert bool(style.font.bold) == bold, name
        assert bool(style.font.italic) == italic, name
        if align is not None:
            assert style.paragraph_format.alignment == align, name
    body = doc.styles["DG Body"].paragraph_format
    assert body.first_line_indent.cm == pytest.approx(1.27, abs=0.01)
    assert body.space_after.pt + (body.space_before.pt if body.space_before else 0) >= 6
    # layout lives in the styles: no run in the body overrides font or size
    for run in doc.element.body.iter(qn("w:r")):
        rpr = run.find(qn("w:rPr"))
        if rpr is not None:
            assert rpr.find(qn("w:rFonts")) is None and rpr.find(qn("w:sz")) is None


@pytest.mark.parametrize("number", IDS)
def test_header_block_is_a_borderless_two_column_table(rendered, number, plans):
    doc = doc_of(rendered, number)
    header = doc.tables[0]
    grid = [int(c.get(qn("w:w"))) for c in header._tbl.tblGrid.findall(qn("w:gridCol"))]
    # as wide as the text area (8787 twips); the right column holds the
    # national name, 5424 twips at 13 pt bold, on one line
    assert sum(grid) == 8787 and grid[1] >= 5450
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    left = [(p.text, p.style.name) for p in header.cell(0, 0).paragraphs]
    right = [(p.text, p.style.name) for p in header.cell(0, 1).paragraphs]
    plan = plans[number]
    expected = ([(plan.header.parent_body.upper(), "DG Parent")] if plan.header.parent_body else [])
    expected += [(line.upper(), "DG Issuer") for line in plan.header.issuing_body]
    assert left[:-1] == expected
    assert left[-1] == ("", "DG Rule Issuer")
    assert right == [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "DG Nation"),
        ("Độc lập - Tự do - Hạnh phúc", "DG Motto"),
        ("", "DG Rule Motto"),
    ]
    # the rules are solid lines drawn by the styles
    for rule in ("DG Rule Issuer", "DG Rule Motto", "DG Rule Subject"):
        top = doc.styles[rule].element.pPr.find(qn("w:pBdr")).find(qn("w:top"))
        assert top.get(qn("w:val")) == "single"
    number_line = header.cell(1, 0).paragraphs[0].text
    date_line = header.cell(1, 1).paragraphs[0].text
    assert re.fullmatch(r"Số: ?(\d{2,}| {6})/KH-UBND", number_line)
    assert re.fullmatch(
        rf"{re.escape(plan.header.place)}, ngày( (0[1-9]|[12]\d|3[01]) | {{6}})tháng (01|02|[3-9]|1[0-2]) năm \d{{4}}",
        date_line,
    )


@pytest.mark.parametrize("number", IDS)
def test_recipients_and_signer_side_by_side(rendered, number, plans):
    doc = doc_of(rendered, number)
    footer = doc.tables[1]
    grid = [int(c.get(qn("w:w"))) for c in footer._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid == [2994, 8787 - 2994]
    left = [p.text for p in footer.cell(0, 0).paragraphs]
    assert left[0] == "Nơi nhận:"
    lines = left[1:]
    assert all(line.startswith("- ") and line.endswith(";") for line in lines[:-1])
    assert re.fullmatch(r"- Lưu: VT.*\.", lines[-1])
    assert len(lines) == len(plans[number].recipients) + 1
    right = [(p.text, p.style.name) for p in footer.cell(0, 1).paragraphs]
    signer = plans[number].signer
    assert right == [(line.upper(), "DG Authority") for line in signer.authority] + [(signer.name, "DG Signer")]


@pytest.mark.parametrize("number", IDS)
def test_page_numbers_from_page_two(rendered, number):
    doc = doc_of(rendered, number)
    main = doc.sections[0]
    default = main.header._element.xml
    assert "PAGE" in default and 'fldCharType="begin"' in default
    assert "PAGE" not in main.first_page_header._element.xml


def test_appendix_section_heading_and_reference(rendered):
    doc = doc_of(rendered, "002")
    assert len(doc.sections) == 2
    appendix = doc.sections[1]
    assert appendix.orientation == WD_ORIENT.LANDSCAPE
    assert appendix.page_width.mm == pytest.approx(297, abs=0.5)
    start = appendix._sectPr.find(qn("w:pgNumType")).get(qn("w:start"))
    assert start == "1"
    texts = [p.text for p in paragraphs(rendered["002"])]
    at = texts.index("PHỤ LỤC")
    assert texts[at + 1] == "CHỈ TIÊU KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ"
    assert texts[at + 3] == (
        "(Kèm theo Kế hoạch số 2314/KH-UBND ngày 29 tháng 8 năm 2023 "
        "của Ủy ban nhân dân tỉnh Gia Lai)"
    )
    table = doc.tables[2]
    head = ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in table.rows[0]._tr.tc_lst]
    assert head[:2] == ["STT", "Đơn vị"]
    # the total row: label, then bold right-aligned figures (one <w:tc> per column)
    total = table.rows[-1]._tr.tc_lst
    styles = [tc.find(qn("w:p")).find(qn("w:pPr")).find(qn("w:pStyle")).get(qn("w:val")) for tc in total]
    texts_total = ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in total]
    assert texts_total[1] == "TỔNG"
    assert texts_total[2:] == ["684.037", "245.576", "35,90%", "438.461", "8.769"]
    figure_style = doc.styles.get_by_id(styles[2], 1)
    assert figure_style.font.bold and figure_style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT


@pytest.mark.parametrize("number", ["000", "001", "003", "004"])
def test_plans_without_appendix_have_one_section(rendered, number):
    assert len(doc_of(rendered, number).sections) == 1


def test_draft_mark_only_when_asked(plans):
    from docgen.document.render import render_plan

    plain = render_plan(plans["004"])
    assert "DỰ THẢO" not in [p.text for p in paragraphs(plain)]
    marked = render_plan(plans["004"], draft_mark=True)
    first = paragraphs(marked)[0]
    assert (first.text, first.style_id, first.in_table) == ("DỰ THẢO", "DGDraftMark", False)
    style = Document(io.BytesIO(marked)).styles["DG Draft Mark"]
    assert style.font.bold and style.font.name == TNR
    borders = style.element.pPr.find(qn("w:pBdr"))
    assert {b.tag.split("}")[1] for b in borders} == {"top", "left", "bottom", "right"}


def _cell_styles_and_texts(doc, tr):
    styles = [tc.find(qn("w:p")).find(qn("w:pPr")).find(qn("w:pStyle")).get(qn("w:val")) for tc in tr.tc_lst]
    texts = ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.tc_lst]
    alignments = [doc.styles.get_by_id(style, 1).paragraph_format.alignment for style in styles]
    return texts, alignments


def test_appendix_stt_is_centred_as_in_the_seeds(rendered):
    doc = doc_of(rendered, "002")
    table = doc.tables[2]
    for tr in [row._tr for row in table.rows[1:-1]]:
        texts, alignments = _cell_styles_and_texts(doc, tr)
        assert texts[0].isdigit()
        assert alignments[0] == WD_ALIGN_PARAGRAPH.CENTER          # STT
        assert alignments[1] in (None, WD_ALIGN_PARAGRAPH.LEFT)    # Đơn vị
        assert set(alignments[2:]) == {WD_ALIGN_PARAGRAPH.RIGHT}   # figures


def test_a_table_pasted_with_excels_total_row_renders_one_right_total(plans):
    """Header, 3 rows, Excel's "Tổng" row and a "Tỷ lệ (%)" column holding
    71,43%: the document's TỔNG row counts each row once, never sums the
    percent column, and computes it from the totals once the clerk accepts
    the offered formula."""
    from docgen.plan.model import Appendix
    from docgen.document.render import render_plan
    from docgen.sheets.table_reading import read_grid

    grid = [["Đơn vị", "Kế hoạch", "Đã thực hiện", "Tỷ lệ (%)"],
            ["Xã A", "35", "25", "71,43%"], ["Xã B", "40", "30", "75,00%"], ["Xã C", "20", "18", "90,00%"],
            ["Tổng", "95", "73", "76,84%"]]
    reading = read_grid(grid, [{"key": "don_vi", "title": "Đơn vị", "type": "text"}], fresh=True)

    def total_of(columns, rows):
        appendix = Appendix.model_validate({"title": "Kết quả", "columns": columns, "rows": rows})
        plan = plans["004"].model_copy(update={"appendices": [appendix]})
        doc = Document(io.BytesIO(render_plan(plan)))
        table = doc.tables[-1]
        body = [_cell_styles_and_texts(doc, row._tr) for row in table.rows[1:-1]]
        assert [texts for texts, _ in body] == [
            ["1", "Xã A", "35", "25", "71,43%"], ["2", "Xã B", "40", "30", "75,00%"],
            ["3", "Xã C", "20", "18", "90,00%"]]
        assert all(alignments[0] == WD_ALIGN_PARAGRAPH.CENTER for _, alignments in body)
        return _cell_styles_and_texts(doc, table.rows[-1]._tr)[0]

    assert total_of(reading.columns, reading.rows) == ["", "TỔNG", "95", "73", ""]
    [offer] = reading.suggestions
    columns = [dict(c, compute=offer.compute, of=offer.of) if c["key"] == offer.column else c
               for c in reading.columns]
    rows = [{k: v for k, v in row.items() if k != offer.column} for row in reading.rows]
    assert total_of(columns, rows) == ["", "TỔNG", "95", "73", "76,84%"]


def test_superscript_note_numbers_are_raised_runs_of_plain_characters(rendered):
    """Seed 004 numbers its notes "⁽¹⁾": Word's way is "(1)" in a superscript
    run, which every Times-metric font can draw (Liberation has no ⁽ ⁾)."""
    document = Document(io.BytesIO(rendered["004"]))
    raised = [run for paragraph in document.paragraphs for run in paragraph.runs if run.font.superscript]
    notes = [run.text for run in raised if run.text.startswith("(")]
    assert notes[:7] == [f"({n})" for n in range(1, 8)]
    body = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "⁽" not in body and "⁾" not in body
    assert "cụ thể như: (1) ảnh chụp hoạt động tuyên truyền" in body


def _section_text_widths(body) -> list[tuple[list, int]]:
    """(the tables of a section, its text width in twips), section by section."""
    sections, tables = [], []
    for element in body:
        if element.tag == qn("w:tbl"):
            tables.append(element)
        sect_pr = element if element.tag == qn("w:sectPr") else element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if sect_pr is not None:
            size, margins = sect_pr.find(qn("w:pgSz")), sect_pr.find(qn("w:pgMar"))
            width = int(size.get(qn("w:w"))) - int(margins.get(qn("w:left"))) - int(margins.get(qn("w:right")))
            sections.append((tables, width))
            tables = []
    return sections


@pytest.mark.parametrize("number", IDS)
def test_tables_stay_inside_the_text_area(rendered, number):
    """Header, Nơi nhận/signature and appendix tables: from the left margin
    to at most the right one, in portrait and landscape sections alike."""
    body = Document(io.BytesIO(rendered[number])).element.body
    checked = 0
    for tables, text_width in _section_text_widths(body):
        for table in tables:
            tbl_pr = table.find(qn("w:tblPr"))
            indent = tbl_pr.find(qn("w:tblInd"))
            left = int(indent.get(qn("w:w"))) if indent is not None else 0
            width = sum(int(col.get(qn("w:w"))) for col in table.find(qn("w:tblGrid")))
            assert int(tbl_pr.find(qn("w:tblW")).get(qn("w:w"))) == width
            assert 0 <= left and left + width <= text_width, (number, left, width, text_width)
            checked += 1
    assert checked >= 2
