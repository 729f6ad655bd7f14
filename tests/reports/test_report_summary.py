"""The province's summary report: 17 district results sheets, made here with
``docgen report-sheet`` and filled with seed 002's figures, totalled by
``docgen report-summary``; the numbers read back from the rendered .docx."""

from __future__ import annotations

import io
from fractions import Fraction

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from docgen.cli import main as cli
from docgen.plan.files import load_plan
from docgen.document.render import render_plan
from docgen.reports import ResultsSheetError, results_sheet, summary_report
from docgen.vietnamese.vn import format_number, format_percent

from ..conftest import SAMPLES
from ..doctypes.docx_reading import texts
from .helpers import appendix_rows, report_of

PLAN = next(path for path in SAMPLES if path.name.startswith("002"))


def filled(sheet: bytes, results: dict[str, object]) -> bytes:
    """The sheet with results typed into column C, by the unit in column A."""
    book = load_workbook(io.BytesIO(sheet))
    page = book.active
    assert [c.value for c in page[1]] == ["Đơn vị", "Chỉ tiêu kích hoạt", "Kết quả thực hiện"]
    for row in page.iter_rows(min_row=2):
        if row[0].value in results:
            row[2].value = results[row[0].value]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def district_sheets(tmp_path_factory, plans):
    """One sheet per district, written by the CLI for that district alone and
    filled with the district's figure ("done" in seed 002's appendix)."""
    folder = tmp_path_factory.mktemp("ket-qua")
    runner = CliRunner()
    for row in plans["002"].appendices[0].rows:
        path = folder / f"{row['unit']}.xlsx"
        result = runner.invoke(cli, ["report-sheet", str(PLAN), "--unit", f"UBND {row['unit']}", "-o", str(path)])
        assert result.exit_code == 0, result.output
        path.write_bytes(filled(path.read_bytes(), {row["unit"]: row["done"]}))
    return folder


@pytest.fixture(scope="module")
def summary_docx(district_sheets, tmp_path_factory):
    output = tmp_path_factory.mktemp("tong-hop") / "tong-hop.yaml"
    result = CliRunner().invoke(cli, ["report-summary", "--plan", str(PLAN), str(district_sheets),
                                      "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"{output}: 17 bảng kết quả"
    return render_plan(load_plan(output))


def test_each_sheet_holds_its_districts_line_only(district_sheets):
    book = load_workbook(district_sheets / "Huyện Kbang.xlsx")
    assert [[c.value for c in row] for row in book.active.iter_rows()] == [
        ["Đơn vị", "Chỉ tiêu kích hoạt", "Kết quả thực hiện"], ["Huyện Kbang", 25632, 13503]]


def test_seventeen_district_sheets_total_correctly(summary_docx, plans):
    rows = appendix_rows(summary_docx)
    assert rows[0] == ["STT", "Đơn vị", "Chỉ tiêu kích hoạt", "Kết quả thực hiện", "Tỷ lệ đạt"]
    printed = {row[1]: row[2:] for row in rows[1:-1]}
    assert len(printed) == 17
    for row in plans["002"].appendices[0].rows:
        rate = format_percent(Fraction(row["done"], row["target"]))
        assert printed[row["unit"]] == [format_number(row["target"]), format_number(row["done"]), rate]
    assert printed["Huyện Đak Pơ"] == ["16.283", "12.476", "76,62%"]
    # the total row: sums, and the rate of the sums (seed 002: 245.576/684.037 = 35,90%)
    assert rows[-1][1:] == ["TỔNG", "684.037", "245.576", "35,90%"]
    mean_of_rates = sum(Fraction(r["done"], r["target"]) for r in plans["002"].appendices[0].rows) / 17
    assert format_percent(mean_of_rates) != "35,90%"  # what summing or averaging rates would print


def test_the_summary_is_a_report_of_the_province(summary_docx):
    lines = texts(summary_docx)
    assert "BÁO CÁO" in lines
    assert "Kết quả thực hiện Kế hoạch số 2314/KH-UBND ngày 29/8/2023 của UBND tỉnh Gia Lai" in lines


def test_a_line_reported_by_two_sheets_adds_up(plans):
    report = report_of(plans["002"])
    sheet = results_sheet(report.appendices[0])
    first = filled(sheet, {"Huyện Kbang": 10000})
    second = filled(sheet, {"Huyện Kbang": "3.503", "Huyện Ia Pa": 21169})
    summary = summary_report(plans["002"], [("xa-1.xlsx", first), ("xa-2.xlsx", second)])
    rows = {r["unit"]: r for r in summary.appendices[0].rows}
    assert rows["Huyện Kbang"]["target_ket_qua"] == 13503
    assert rows["Huyện Ia Pa"]["target_ket_qua"] == 21169
    assert "target_ket_qua" not in rows["Huyện Đak Pơ"]


def bad_sheet(cells: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in cells:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


HEADER = ["Đơn vị", "Chỉ tiêu kích hoạt", "Kết quả thực hiện"]


@pytest.mark.parametrize("cells, problem", [
    ([HEADER, ["Huyện Kbang", 25632, "nhiều"]],
     "ia.xlsx, dòng 2, cột C (“Kết quả thực hiện”): 'nhiều' không phải là số"),
    ([HEADER, ["Huyện Kbang", 25632, -5]],
     "ia.xlsx, dòng 2, cột C (“Kết quả thực hiện”): số liệu không được âm (-5)"),
    ([HEADER, ["Huyện Kbang", 25632, "13,503"]],  # text typed in an English-locale Excel: never 13,503
     "ia.xlsx, dòng 2, cột C (“Kết quả thực hiện”): “13,503” chưa rõ là số nào: viết 13.503 nếu là mười ba "
     "nghìn năm trăm linh ba, hoặc 13,5030 nếu là mười ba phẩy năm trăm linh ba"),
    ([HEADER, ["Huyện Đâu Đó", 1, 2]],
     "ia.xlsx, dòng 2, cột A (“Đơn vị”): “Huyện Đâu Đó” không có trong phụ lục chỉ tiêu"),
    ([HEADER, ["Huyện Kbang", 1, 2], ["Huyện Kbang", 1, 3]],
     "ia.xlsx, dòng 3, cột A (“Đơn vị”): “Huyện Kbang” đã có ở dòng 2"),
    ([["Đơn vị", "Chỉ tiêu kích hoạt"], ["Huyện Kbang", 1]],
     "ia.xlsx, dòng 1: thiếu cột “Kết quả thực hiện” (các cột có: Đơn vị, Chỉ tiêu kích hoạt)"),
])
def test_a_bad_sheet_says_file_row_and_column(plans, cells, problem):
    with pytest.raises(ResultsSheetError) as refused:
        summary_report(plans["002"], [("ia.xlsx", bad_sheet(cells))])
    assert refused.value.problems == [problem]


def test_every_bad_sheet_is_reported_and_nothing_written(district_sheets, tmp_path):
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"not a spreadsheet")
    copy = tmp_path / "Huyện Kbang (2).xlsx"
    copy.write_bytes((district_sheets / "Huyện Kbang.xlsx").read_bytes())
    output = tmp_path / "tong-hop.yaml"
    result = CliRunner().invoke(cli, ["report-summary", "--plan", str(PLAN), str(district_sheets / "Huyện Kbang.xlsx"),
                                      str(copy), str(broken), "-o", str(output)])
    assert result.exit_code == 2
    assert f"{copy}: trùng nội dung với tệp {district_sheets / 'Huyện Kbang.xlsx'}" in result.output
    assert f"{broken}: không đọc được tệp Excel (.xlsx)" in result.output
    assert not output.exists()
