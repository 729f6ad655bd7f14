"""Layout checks against nd30.md, on .docx files written by hand and on our
own output edited the way the seeds were issued."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from docx.shared import Mm, Pt

from docgen.checks import check_docx
from docgen.checks.findings import Where
from docgen.checks.layout import check_number_line, date_rule_findings

from .helpers import edit_document_xml, in_appendix


def codes(findings):
    return {f.code for f in findings}


def handwritten(*, a4: bool = False, margins: bool = False, font: str = "Arial",
                date_line: str = "Lộc Hòa, ngày 5 tháng 02 năm 2025") -> bytes:
    """A plan typed in Word: python-docx's default page (Letter, 1 inch
    margins), a wrong font, and a date without the leading zero."""
    doc = Document()
    section = doc.sections[0]
    if a4:
        section.page_width, section.page_height = Mm(210), Mm(297)
    if margins:
        section.top_margin, section.bottom_margin = Mm(25), Mm(20)
        section.left_margin, section.right_margin = Mm(35), Mm(20)
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(14)
    header = doc.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ LỘC HÒA"
    header.cell(0, 1).paragraphs[0].text = "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    header.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
    header.cell(1, 0).text = "Số:      /KH-UBND"
    header.cell(1, 1).text = date_line
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Tuyên truyền, hướng dẫn người dân tích hợp giấy tờ trên ứng dụng VNeID")
    doc.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    doc.add_paragraph("1. Tuyên truyền sâu rộng đến Nhân dân./.")
    footer = doc.add_table(rows=1, cols=2)
    footer.cell(0, 0).paragraphs[0].text = "Nơi nhận:"
    footer.cell(0, 0).add_paragraph("- UBND huyện;")
    footer.cell(0, 0).add_paragraph("- Lưu: VT, CAX.")
    footer.cell(0, 1).paragraphs[0].text = "CHỦ TỊCH"
    footer.cell(0, 1).add_paragraph("Nguyễn Công Thành")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_handwritten_docx_wrong_page_margins_font_and_date():
    findings = check_docx(handwritten())
    found = codes(findings)
    assert {"layout.page_size", "layout.margins", "layout.font", "layout.date_leading_zero"} <= found
    assert "layout.page_numbers" not in found  # one page: numbers start on page 2
    font = next(f for f in findings if f.code == "layout.font")
    assert "Arial" in font.message and font.severity == "error"
    date = next(f for f in findings if f.code == "layout.date_leading_zero")
    assert date.where.part == "header"
    assert "“5” phải viết “05”" in date.message
    assert "ngày 05 tháng 02 năm 2025" in date.advice
    margins = next(f for f in findings if f.code == "layout.margins")
    assert "lề trên 25.4 mm" in margins.message and "lề phải 31.7 mm" in margins.message


def test_handwritten_docx_fixed_has_no_layout_errors_of_those_kinds():
    findings = check_docx(handwritten(a4=True, margins=True, font="Times New Roman",
                                      date_line="Lộc Hòa, ngày 05 tháng 02 năm 2025"))
    assert not codes(findings) & {"layout.page_size", "layout.margins", "layout.font", "layout.date_leading_zero"}
    # what is still wrong in this minimal document: no bold, small recipients, no page numbers
    assert "layout.national_name" not in codes(findings) and "layout.motto" not in codes(findings)


@pytest.mark.parametrize("date_line", ["Lộc Hòa ngày 05 tháng 02 năm 2025",
                                       "Lộc Hòa ngày 05 tháng 02 năm 2025, ngày 05 tháng 02 năm 2025"])
def test_a_malformed_date_line_is_quoted_not_called_missing(date_line):
    """A date line the reader does not take for ô 4 (no comma after the
    place, the date typed twice) is the date line the check quotes."""
    findings = [f for f in check_docx(handwritten(a4=True, margins=True, font="Times New Roman",
                                                  date_line=date_line)) if f.code == "layout.date_line"]
    assert [f.message for f in findings] == [
        f"dòng “{date_line}” không đúng dạng “<Địa danh>, ngày … tháng … năm …”"]


def test_missing_national_name_and_motto():
    data = edit_document_xml(
        handwritten(), lambda xml: xml.replace("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "").replace(
            "Độc lập - Tự do - Hạnh phúc", "")
    )
    assert {"layout.national_name", "layout.motto"} <= codes(check_docx(data))


def test_seed_004_date_line_as_issued(rendered):
    """Seed 004 wrote "tháng 03": months 3-12 take no leading zero."""
    data = edit_document_xml(rendered["004"], lambda xml: xml.replace("tháng 3 năm 2025", "tháng 03 năm 2025"))
    (finding,) = [f for f in check_docx(data) if f.code == "layout.date_leading_zero"]
    assert "tháng “03” phải viết “3”" in finding.message


@pytest.mark.parametrize("day, month, ok", [
    ("05", "01", True), ("29", "6", True), ("03", "02", True), ("", "6", True), ("", "02", True),
    ("5", "01", False), ("05", "1", False), ("29", "06", False), ("", "03", False), ("", "2", False),
    ("10", "12", True), ("10", "012", False),
])
def test_date_rule(day, month, ok):
    assert (date_rule_findings(day, month, 2023, Where("header")) == []) == ok


@pytest.mark.parametrize("line, ok", [
    ("Số: 2314/KH-UBND", True), ("Số:      /KH-UBND", True), ("Số: 05/KH-UBND", True),
    ("Số: 5/KH-UBND", False), ("Số 2314", False), ("Số: 12/QĐ-UBND", False), (None, False),
])
def test_number_line(line, ok):
    assert (check_number_line(line) == []) == ok


def test_signer_lines(rendered):
    data = edit_document_xml(
        rendered["002"],
        lambda xml: xml.replace(">TM. ỦY BAN NHÂN DÂN<", ">T/M. ỦY BAN NHÂN DÂN<").replace(
            ">Trương Hải Long<", ">Ông Trương Hải Long<"),
    )
    found = codes(check_docx(data))
    assert "layout.signer_name" in found


def test_appendix_written_with_decimal_points_as_in_seed_002(rendered):
    """The seed's appendix wrote 76.62% with a decimal point."""
    data = edit_document_xml(rendered["002"], in_appendix(r"(\d+),(\d\d)%", r"\1.\2%"))
    findings = [f for f in check_docx(data) if f.code == "consistency.decimal_point"]
    assert len(findings) == 1
    assert findings[0].where.part == "appendix" and "76.62%" in findings[0].message + findings[0].where.excerpt


def test_appendix_total_that_does_not_add_up(rendered):
    data = edit_document_xml(rendered["002"], in_appendix(r">684\.037<", ">687.034<"))
    findings = check_docx(data)
    total = [f for f in findings if f.code == "consistency.appendix_total"]
    assert len(total) == 1 and "684.037" in total[0].message
    # the body's 687.034 now agrees with the (wrong) total
    assert "consistency.figure_mismatch" not in codes(findings)


def test_appendix_without_reference_line(rendered):
    data = edit_document_xml(rendered["002"], lambda xml: xml.replace("(Kèm theo Kế hoạch số", "(Theo Kế hoạch số"))
    assert "layout.appendix_reference" in codes(check_docx(data))


def _with_margins(top: int, bottom: int, left: int, right: int) -> bytes:
    """A docx whose margins are stored as these twips, exactly."""
    data = handwritten(a4=True, margins=True, font="Times New Roman")
    return edit_document_xml(data, lambda xml: re.sub(
        r"<w:pgMar [^>]*/>",
        f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" '
        f'w:header="720" w:footer="720" w:gutter="0"/>', xml))


# (top, bottom, left, right) in twips as each tool stores the decree's limits
# (15, 20, 25, 30, 35 mm = 850.39, 1133.86, 1417.32, 1700.79, 1984.25 twips)
STORED_LIMITS = {
    "python-docx Mm() truncates": (Mm(20).twips, Mm(20).twips, Mm(30).twips, Mm(15).twips),
    "python-docx upper limits": (Mm(25).twips, Mm(25).twips, Mm(35).twips, Mm(20).twips),
    "Word rounds to nearest, lower": (1134, 1134, 1701, 850),
    "Word rounds to nearest, upper": (1417, 1417, 1984, 1134),
    "LibreOffice (1/100 mm -> twips)": (1134, 1134, 1701, 850),
    "docx.js and ceilings": (1134, 1418, 1985, 1134),
}


@pytest.mark.parametrize("tool", list(STORED_LIMITS))
def test_margins_at_the_limits_as_tools_store_them_are_accepted(tool):
    top, bottom, left, right = STORED_LIMITS[tool]
    assert "layout.margins" not in codes(check_docx(_with_margins(top, bottom, left, right)))


@pytest.mark.parametrize("margins, side", [
    ((1133 - 1, 1134, 1701, 850), "trên"),     # 19.9 mm
    ((1134, 1134, 1701, 849 - 1), "phải"),     # 14.9 mm
    ((1134, 1134, 1986 + 1, 850), "trái"),     # 35.1 mm
    ((1134, 1440, 1701, 850), "dưới"),         # Word's 1 inch = 25.4 mm
])
def test_margins_beyond_the_limits_are_flagged(margins, side):
    found = [f for f in check_docx(_with_margins(*margins)) if f.code == "layout.margins"]
    assert found and f"lề {side}" in found[0].message


def test_right_margin_of_15_mm_from_word_is_not_an_error():
    """The finding the issue reported: 850 twips is Word's 15 mm."""
    found = [f for f in check_docx(_with_margins(1134, 1134, 1701, 850)) if f.code == "layout.margins"]
    assert found == []


def test_unit_over_its_target_gives_a_negative_remaining_count():
    """Sample 002 with Huyện Đak Pơ past its target: the computed "Chỉ tiêu
    còn lại" and "trong ngày" go below zero, which the clerk is warned of."""
    from docgen.plan.files import load_plan
    from docgen.document.render import render_plan
    from docgen.base.package_data import SAMPLES

    plan = load_plan(SAMPLES / "002_gia_lai_50_ngay_dem.yaml")
    plan.appendices[0].rows[0]["done"] = 16983
    findings = [f for f in check_docx(render_plan(plan)) if f.code == "consistency.negative_figure"]
    assert [f.message for f in findings] == [
        "cột “Chỉ tiêu còn lại”: 1 ô là số âm (vd. “-700”)",
        "cột “Chỉ tiêu hoàn thành trong ngày”: 1 ô là số âm (vd. “-14”)",
    ]
    assert all(f.severity == "warning" and f.where.part == "appendix" for f in findings)


def test_sample_002_as_given_has_no_negative_figure(rendered):
    assert "consistency.negative_figure" not in codes(check_docx(rendered["002"]))


def test_last_years_campaign_under_this_years_date_line(rendered):
    """Sample 002 copied a year on: the date line says 2024, the campaign
    still runs 01/9/2023 - 20/10/2023."""
    data = edit_document_xml(rendered["002"], lambda xml: xml.replace("năm 2023", "năm 2024", 1))
    found = [f for f in check_docx(data) if f.code == "consistency.campaign_before_issue"]
    assert [f.message for f in found] == ["đợt kết thúc ngày 20/10/2023, trước ngày ban hành (29/8/2024)"]
    assert found[0].severity == "warning"
    assert "consistency.campaign_before_issue" not in codes(check_docx(rendered["002"]))


def test_a_report_written_after_its_period_is_not_warned():
    """A Báo cáo comes after its campaign by nature (its type does not look
    ahead); the same document as a Kế hoạch would be warned."""
    from docgen.checks import check_plan
    from docgen.base.package_data import SAMPLES
    from docgen.plan.files import load_plan
    from docgen.reports.derive import report_from

    report = report_from(load_plan(SAMPLES / "002_gia_lai_50_ngay_dem.yaml"))
    report.header.date.month, report.header.date.day = 11, 5  # 05/11/2023, the campaign ended 20/10/2023
    assert "consistency.campaign_before_issue" not in {f.code for f in check_plan(report)}
    as_plan = report.model_copy(update={"type": "ke_hoach"})
    assert "consistency.campaign_before_issue" in {f.code for f in check_plan(as_plan)}


def test_an_achievement_rate_may_pass_100_percent_a_share_may_not():
    """A report's "Tỷ lệ đạt" of 117% is a unit past its target (the report
    checks note it); sample 002's share of citizens at 117% is an error."""
    from docgen.checks import check_plan
    from docgen.base.package_data import SAMPLES
    from docgen.plan.files import load_plan
    from docgen.reports.derive import report_from

    plan = load_plan(SAMPLES / "002_gia_lai_50_ngay_dem.yaml")
    report = report_from(plan)
    report.appendices[0].rows[1]["target_ket_qua"] = 30000  # Huyện Kbang, target 25.632
    codes_found = {f.code for f in check_plan(report)}
    assert "report.result_over_target" in codes_found and "consistency.percent_over_100" not in codes_found

    plan.appendices[0].rows[1]["done"] = 30000
    over = [f for f in check_plan(plan) if f.code == "consistency.percent_over_100"]
    assert len(over) == 1 and "117,04%" in over[0].message and over[0].severity == "error"
