"""The one reader of Word content (docgen.word): effective formatting through
style chains, Word's list labels with their counters, merged cells, sections
and page setup, headers and page-number fields, runs in hyperlinks, tracked
changes and content controls."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from docgen.word import Paragraph, Table, paragraphs, read_word
from tests.importing import foreign


def by_text(document, start: str) -> Paragraph:
    return next(p for p in document.paragraphs() if p.text.startswith(start))


def test_formatting_comes_through_the_style_chain():
    document = read_word(foreign.style_inheritance())
    section = by_text(document, "I. MỤC ĐÍCH")
    assert section.style == "KH Mục"
    assert [(r.bold, r.italic, r.font, r.size) for r in section.shown_runs] == [(True, False, "Times New Roman", 14)]
    # alignment and indent from "KH Nội dung", two styles up
    assert section.align == "both" and section.format.first_line_indent == 567
    title = by_text(document, "KẾ HOẠCH")
    assert title.align == "center" and all(r.bold for r in title.shown_runs)
    item = by_text(document, "a) Triển")
    assert [(r.text, r.italic, r.bold) for r in item.runs] == [("a) Tr", True, False), ("iển khai đồng bộ, đúng tiến độ.", False, False)]


def test_direct_formatting_without_styles():
    document = read_word(foreign.direct_formatting())
    header = document.blocks[0]
    assert isinstance(header, Table)
    nation = next(p for p in header.paragraphs() if p.text == foreign.NATION)
    assert (nation.style, nation.align) == ("Normal", "center")
    assert [(r.bold, r.size, r.font) for r in nation.shown_runs] == [(True, 13, "Times New Roman")]
    date = next(p for p in header.paragraphs() if p.text == foreign.DATE)
    assert all(r.italic for r in date.shown_runs)


def test_a_theme_font_is_the_theme_part_s_font():
    document = read_word(foreign.other_fonts())
    doc_type = by_text(document, "KẾ HOẠCH")
    run = doc_type.shown_runs[0]
    assert run.font_theme == "minorHAnsi"
    assert run.font == "Cambria"  # python-docx's default theme: the minor Latin font
    opening = by_text(document, "Thực hiện Kế hoạch số 264")
    assert {r.font for r in opening.shown_runs} == {"Arial"}


def test_word_numbering_gives_the_labels_a_reader_sees():
    document = read_word(foreign.word_numbering())
    body = [p for p in document.blocks if isinstance(p, Paragraph)][3:]
    labels = [(p.label, p.text[:12]) for p in body]
    assert [label for label, _ in labels] == [
        "I.", "1.", "-", "-", "2.", "a)", "b)", "II.", "1.", "+", "2.", None, "III.", "1.", None, "2.", None]
    assert labels[7] == ("II.", "NỘI DUNG")
    # numbering a level resets the levels under it: II.'s first heading is 1. again
    assert labels[8] == ("1.", "Tuyên truyền")
    recipients = [p for p in document.blocks[-1].paragraphs() if p.label]
    assert [(p.label, p.text) for p in recipients][-1] == ("-", "Lưu: VT, VP.")


def numbered(levels: str, paragraphs: list[tuple[str, int, str]], overrides: str = "") -> bytes:
    """A document with one abstract numbering (``levels``: w:lvl elements),
    lists 1 and 2 on it (list 2 with ``overrides``) and the paragraphs
    (numId, ilvl, text)."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="50">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="51"><w:abstractNumId w:val="50"/></w:num>'))
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="52"><w:abstractNumId w:val="50"/>{overrides}</w:num>'))
    for num_id, level, text in paragraphs:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


LEVELS = ('<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
          '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>'
          '<w:lvl w:ilvl="2"><w:start w:val="4"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>')


def test_counters_continue_across_lists_of_one_numbering_and_restart_on_override():
    data = numbered(LEVELS, [("51", 0, "a"), ("51", 1, "b"), ("51", 1, "c"), ("51", 2, "d"), ("51", 0, "e"),
                             ("51", 1, "f"), ("52", 0, "g"), ("52", 0, "h")],
                    overrides='<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>')
    assert [p.label for p in paragraphs(data)] == ["1.", "1.1.", "1.2.", "(iv)", "2.", "2.1.", "1.", "2."]
    shared = numbered(LEVELS, [("51", 0, "a"), ("51", 0, "b"), ("52", 0, "c")])
    assert [p.label for p in paragraphs(shared)] == ["1.", "2.", "3."]  # no override: one list


@pytest.mark.parametrize("fmt, text, labels", [
    ("upperLetter", "%1.", ["A.", "B."]),
    ("upperRoman", "%1.", ["I.", "II."]),
    ("decimalZero", "%1.", ["01.", "02."]),
    ("bullet", "\uf0b7", ["•", "•"]),
    ("bullet", "–", ["–", "–"]),
    ("none", "", [None, None]),
])
def test_number_formats(fmt, text, labels):
    levels = f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
    assert [p.label for p in paragraphs(numbered(levels, [("51", 0, "x"), ("51", 0, "y")]))] == labels


def test_list_styles_number_through_the_style():
    document = docx.Document()
    document.add_paragraph("Cài đặt ứng dụng", style="List Number")
    document.add_paragraph("Kích hoạt tài khoản", style="List Number")
    document.add_paragraph("Tích hợp giấy tờ", style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    assert [(p.label, p.style) for p in paragraphs(out.getvalue())] == [
        ("1.", "List Number"), ("2.", "List Number"), ("•", "List Bullet")]


def test_merged_cells_and_a_landscape_section():
    document = read_word(foreign.appendix_merged_header())
    table = document.blocks[-1]
    assert isinstance(table, Table)
    head, second = table.rows[:2]
    assert [(c.text, c.span, c.merged_above, c.column) for c in head] == [
        ("STT", 1, False, 0), ("Đơn vị", 1, False, 1), ("Chỉ tiêu", 2, False, 2)]
    assert [(c.text, c.merged_above) for c in second] == [("", True), ("", True), ("Giao", False),
                                                          ("Đã kích hoạt", False)]
    assert len(document.sections) == 2 and table.section == 1
    assert document.sections[1].landscape and not document.sections[0].landscape
    label = by_text(document, "PHỤ LỤC")
    assert label.page_break_before and label.section == 1


def test_sections_headers_and_page_fields_of_a_rendered_plan(rendered):
    document = read_word(rendered["002"])
    first, appendix = document.sections
    assert (first.page_width, first.page_height, first.landscape) == (11906, 16838, False)
    assert (first.margins.top, first.margins.bottom, first.margins.left, first.margins.right) == (1418, 1134, 1985, 1134)
    assert first.header.page_field and first.different_first_page and not first.first_page_header.page_field
    assert appendix.landscape and appendix.page_number_start == 1 and appendix.header.page_field


def test_runs_in_insertions_hyperlinks_and_content_controls():
    document = read_word(foreign.tracked_changes())
    texts = [p.text for p in document.paragraphs()]
    assert foreign.OPENING in texts  # inserted and hyperlinked runs shown, the deleted one not
    assert not any("Đề án cũ" in text for text in texts)
    assert foreign.SUBJECT in texts  # inside w:sdt


def test_text_boxes_are_read_before_the_paragraph_that_anchors_them():
    document = docx.Document()
    paragraph = document.add_paragraph("Trước hộp")
    paragraph._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
        '<w:txbxContent><w:p><w:r><w:t>Trong hộp</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>'))
    out = io.BytesIO()
    document.save(out)
    found = read_word(out.getvalue())
    assert [(p.text, p.in_text_box) for p in found.paragraphs()] == [("Trong hộp", True), ("Trước hộp", False)]
    assert found.notes == []


def test_paragraph_text_of_every_sample_is_the_xml_s_text(rendered):
    """The reader's paragraphs are the body's w:p in order, with their w:t,
    w:tab and w:br text (what docx_read gave the tests before)."""
    from lxml import etree

    from docgen.word import xml_parts

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for number, data in rendered.items():
        root = etree.fromstring(xml_parts(data)["word/document.xml"])
        expected = ["".join(n.text or "" if n.tag == f"{w}t" else "\n" if n.tag == f"{w}br" else "\t"
                            for n in p.iter(f"{w}t", f"{w}br", f"{w}tab")) for p in root.iter(f"{w}p")]
        assert [p.text for p in paragraphs(data)] == expected, number


def test_values_no_producer_writes_do_not_break_the_reader():
    levels = ('<w:lvl w:ilvl="0"><w:start w:val="999999999"/><w:numFmt w:val="lowerLetter"/>'
              '<w:lvlText w:val="%1)"/></w:lvl><w:lvl w:ilvl="x"><w:start w:val="y"/></w:lvl>')
    assert [p.label for p in paragraphs(numbered(levels, [("51", 0, "a"), ("99", 0, "b")]))] == ["999999999)", None]
    document = docx.Document()
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0)._tc.get_or_add_tcPr().append(parse_xml(f'<w:gridSpan {nsdecls("w")} w:val="100000000"/>'))
    document.add_paragraph().paragraph_format.space_before = None
    out = io.BytesIO()
    document.save(out)
    found = read_word(out.getvalue())
    assert found.blocks[0].rows[0][0].span == 63
