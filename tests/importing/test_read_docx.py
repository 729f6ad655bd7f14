"""The Word side of import (docgen.importing.from_docx.read_docx) and the
checks on Word files made the ways other producers make them
(tests/importing/foreign.py): the reader gives the right paragraphs, labels
and tables, and ``docgen check`` reports no part missing that is there."""

from __future__ import annotations

import io

import docx
import pytest

from docgen.checks import check_docx
from docgen.checks.document import from_docx
from docgen.importing.from_docx import read_docx
from docgen.importing.source import SourceParagraph, SourceTable, Span

from . import foreign

NAMES = list(foreign.BUILDERS)


def build(name: str) -> bytes:
    if name in foreign.NEEDS_LIBREOFFICE and not foreign.libreoffice_available():
        pytest.skip("LibreOffice (soffice) is not installed")
    return foreign.BUILDERS[name]()


def lines(source) -> list[str]:
    """Every paragraph as a reader sees it (label, then text), cells included,
    in reading order."""
    out = []
    for block in source.blocks:
        paragraphs = [p for row in block.rows for cell in row for p in cell.paragraphs] \
            if isinstance(block, SourceTable) else [block]
        for paragraph in paragraphs:
            for line in paragraph.text.split("\t"):
                if line.strip():
                    out.append(f"{paragraph.label} {line.strip()}" if paragraph.label else line.strip())
    return out


def plan_lines() -> list[str]:
    body = [f"{label} {text}" if label else text for _, label, text in foreign.BODY]
    return (foreign.ISSUER + [foreign.NATION, foreign.MOTTO, foreign.NUMBER, foreign.DATE, foreign.DOC_TYPE,
                              foreign.SUBJECT, foreign.OPENING] + body + [foreign.RECIPIENTS_LABEL]
            + foreign.RECIPIENTS + foreign.AUTHORITY + [foreign.SIGNER])


def appendix_lines() -> list[str]:
    return [foreign.APPENDIX_LABEL, foreign.APPENDIX_TITLE, foreign.APPENDIX_REFERENCE, "STT", "Đơn vị", "Chỉ tiêu",
            "Giao", "Đã kích hoạt"] + [cell for row in foreign.APPENDIX_ROWS + [foreign.APPENDIX_TOTAL]
                                       for cell in row if cell]


def in_order(expected: list[str], found: list[str]) -> list[str]:
    """The expected lines not found in ``found`` in that order."""
    missing, at = [], 0
    for line in expected:
        try:
            at = found.index(line, at) + 1
        except ValueError:
            missing.append(line)
    return missing


# What "docgen check" must not say of a part that is there.
MISSING_PART = {
    "layout.national_name", "layout.motto", "layout.doc_type", "layout.signer", "layout.recipients",
    "layout.appendix_title", "layout.appendix_reference", "consistency.appendix_missing",
}


def missing_parts(findings) -> list[str]:
    return [f.line() for f in findings
            if f.code in MISSING_PART or (f.code in ("layout.number_line", "layout.date_line")
                                          and f.message.startswith("thiếu"))]


@pytest.mark.parametrize("name", NAMES)
def test_every_line_in_reading_order(name):
    found = lines(read_docx(build(name)))
    if name == "appendix_only":
        expected = appendix_lines()
    elif name == "libreoffice_resaved":
        expected = ["ỦY BAN NHÂN DÂN", "TỈNH GIA LAI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 2314/KH-UBND",
                    "Gia Lai, ngày 29 tháng 8 năm 2023", "KẾ HOẠCH", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "PHỤ LỤC"]
    else:
        expected = plan_lines()
        if name in ("appendix_merged_header", "libreoffice_from_html"):
            expected += appendix_lines()
    if name == "signature_in_two_rows":  # the table reads row by row
        expected = expected[:expected.index(foreign.RECIPIENTS_LABEL)] + [
            foreign.RECIPIENTS_LABEL, *foreign.AUTHORITY, *foreign.RECIPIENTS[:-1], "Lưu: VT, VP.", "(Đã ký)",
            foreign.SIGNER]
    if name == "header_as_paragraphs":
        expected[expected.index("- Lưu: VT, VP.")] = "Lưu: VT, VP."
    if foreign.DOC_TYPE in expected:  # the header's cells read column by column: its lines in any order
        header = expected[:expected.index(foreign.DOC_TYPE)]
        assert set(header) <= set(found[:found.index(foreign.DOC_TYPE)])
        expected = expected[len(header):]
    assert in_order(expected, found) == []


@pytest.mark.parametrize("name", NAMES)
def test_docgen_check_reports_no_part_missing_that_is_there(name):
    findings = check_docx(build(name))
    assert missing_parts(findings) == []
    if name == "appendix_only":  # nothing of a plan's header, body or signature is asked for
        assert not [f for f in findings if f.where.part in ("header", "subject", "recipients", "signer")]


@pytest.mark.parametrize("name", ["header_as_paragraphs", "signature_in_two_rows", "word_numbering",
                                  "direct_formatting", "style_inheritance", "libreoffice_from_text",
                                  "libreoffice_from_html"])
def test_the_checks_read_header_and_signature(name):
    view = from_docx(build(name))
    assert (view.number_line.strip(), view.date_line.strip()) == (foreign.NUMBER, foreign.DATE)
    assert [line for line in view.header_lines if line] == foreign.ISSUER
    assert view.signer_name == foreign.SIGNER and view.authority == foreign.AUTHORITY
    assert [p.section for p in view.sections] == ["I", "II", "III"]
    assert len(view.recipients) == 4 and view.recipients[-1].endswith("Lưu: VT, VP.")


def test_word_numbering_labels_and_units():
    source = read_docx(foreign.word_numbering())
    labelled = [(p.label, p.text) for p in source.blocks if isinstance(p, SourceParagraph) and p.label]
    assert labelled[:3] == [("I.", "MỤC ĐÍCH, YÊU CẦU"), ("1.", "Mục đích"),
                            ("-", "Nâng cao tỷ lệ người dân kích hoạt tài khoản định danh điện tử mức 2.")]
    view = from_docx(foreign.word_numbering())
    assert [unit.name for unit in view.units] == ["Công an xã", "Văn phòng UBND xã"]


def test_effective_bold_and_italic_spans():
    source = read_docx(foreign.style_inheritance())
    paragraphs = {p.text: p for p in source.blocks if isinstance(p, SourceParagraph)}
    section = paragraphs["I. MỤC ĐÍCH, YÊU CẦU"]
    assert section.bold and section.style == "KH Mục"  # bold only in the style
    assert paragraphs[foreign.DOC_TYPE].align == "center" and paragraphs[foreign.DOC_TYPE].bold
    item = paragraphs["a) Triển khai đồng bộ, đúng tiến độ."]
    assert item.spans == [Span("a) Tr", italic=True), Span("iển khai đồng bộ, đúng tiến độ.")]
    assert paragraphs[foreign.OPENING].align == "both" and paragraphs[foreign.OPENING].style == "KH Nội dung"


def test_superscript_heading_levels_and_page_breaks():
    document = docx.Document()
    document.add_heading("Mục đích", level=1)
    paragraph = document.add_paragraph("Ứng dụng VNeID")
    paragraph.add_run("1").font.superscript = True
    paragraph.add_run(" được cài đặt").bold = True
    document.add_page_break()
    document.add_paragraph("PHỤ LỤC")
    out = io.BytesIO()
    document.save(out)
    heading, text, _, appendix = read_docx(out.getvalue()).blocks
    assert (heading.style, heading.level, text.style, text.level) == ("Heading 1", 1, None, None)
    assert text.spans == [Span("Ứng dụng VNeID"), Span("1", superscript=True), Span(" được cài đặt", bold=True)]
    assert appendix.page_break_before and not text.page_break_before


def test_tables_cells_numbers_and_landscape():
    source = read_docx(foreign.appendix_merged_header())
    tables = [b for b in source.blocks if isinstance(b, SourceTable)]
    header, signature, appendix = tables
    assert header.number == 1 and not header.landscape
    assert [c.text for c in header.rows[0]] == ["ỦY BAN NHÂN DÂN\nXÃ HÒA AN\nSố: 15/KH-UBND",
                                                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                                                "Hòa An, ngày 05 tháng 3 năm 2026"]
    after_header = source.blocks[1]
    assert after_header.number == 7  # six paragraphs in the header's cells
    assert appendix.landscape
    assert [(c.text, c.span, c.merged_above) for c in appendix.rows[0]] == [
        ("STT", 1, False), ("Đơn vị", 1, False), ("Chỉ tiêu", 2, False)]
    assert [(c.text, c.merged_above) for c in appendix.rows[1]][:2] == [("", True), ("", True)]
    assert [c.text for c in appendix.rows[-1]] == foreign.APPENDIX_TOTAL
    numbers = [p.number for row in appendix.rows for c in row for p in c.paragraphs]
    assert numbers == list(range(appendix.number, appendix.number + len(numbers)))


def test_html_table_spans_survive_libreoffice():
    source = read_docx(build("libreoffice_from_html"))
    appendix = [b for b in source.blocks if isinstance(b, SourceTable)][-1]
    assert [(c.text, c.span) for c in appendix.rows[0]] == [("STT", 1), ("Đơn vị", 1), ("Chỉ tiêu", 2)]
    assert [c.merged_above for c in appendix.rows[1]] == [True, True, False, False]
    label = next(b for b in source.blocks if isinstance(b, SourceParagraph) and b.text == "PHỤ LỤC")
    assert label.page_break_before and label.bold


def test_page_headers_are_noted_not_imported():
    document = docx.Document(io.BytesIO(foreign.direct_formatting()))
    document.sections[0].header.paragraphs[0].text = "UBND xã Hòa An – tài liệu nội bộ"
    out = io.BytesIO()
    document.save(out)
    source = read_docx(out.getvalue())
    assert source.kind == "docx"
    assert source.notes == ["nội dung đầu trang/chân trang không được nhập: “UBND xã Hòa An – tài liệu nội bộ”"]
    assert "UBND xã Hòa An – tài liệu nội bộ" not in lines(source)


def test_a_resaved_sample_gives_the_same_findings(rendered):
    """LibreOffice's copy of a rendered sample is checked as the original is."""
    if not foreign.libreoffice_available():
        pytest.skip("LibreOffice (soffice) is not installed")
    assert [f.line() for f in check_docx(foreign.libreoffice_resaved("002"))] == \
        [f.line() for f in check_docx(rendered["002"])]


def test_a_two_row_header_gives_one_title_per_column_to_the_checks():
    document = docx.Document(io.BytesIO(foreign.appendix_merged_header()))
    document.tables[-1].rows[-1].cells[3].text = "2.250"  # the rows add up to 2.247
    out = io.BytesIO()
    document.save(out)
    view = from_docx(out.getvalue())
    (appendix,) = view.appendices
    assert appendix.headers == ["STT", "Đơn vị", "Chỉ tiêu – Giao", "Chỉ tiêu – Đã kích hoạt"]
    assert appendix.rows[0] == foreign.APPENDIX_ROWS[0] and appendix.total == ["", "Tổng cộng", "3.335", "2.250"]
    totals = [f.message for f in check_docx(out.getvalue()) if f.code == "consistency.appendix_total"]
    assert totals == ["cột “Chỉ tiêu – Đã kích hoạt”: dòng tổng ghi 2.250, cộng các dòng được 2.247"]
