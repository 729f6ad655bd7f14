"""Reading a block pasted from Excel (or an uploaded sheet) as the clerk
means it: header, Excel's own total row, percent figures, computed columns
hidden among the pasted ones (docgen/sheets/table_reading.py)."""

from __future__ import annotations

import pytest

from docgen.plan.appendix import build_table
from docgen.plan.model import Appendix, parse_percent
from docgen.sheets.table_reading import is_total_label, is_total_row, read_grid

from .conftest import ROOT

UNIT = [{"key": "don_vi", "title": "Đơn vị", "type": "text"}]
HEADER = ["Đơn vị", "Kế hoạch", "Đã thực hiện", "Tỷ lệ (%)"]
ROWS = [["Xã A", "35", "25", "71,43%"], ["Xã B", "40", "30", "75,00%"], ["Xã C", "20", "18", "90,00%"]]


@pytest.mark.parametrize("cell, expected", [
    ("Tổng", True), ("TỔNG", True), ("Tổng:", True), ("tong", True), ("Tổng cộng", True),
    ("TỔNG CỘNG:", True), ("Cộng", True), ("cong:", True), (" Tổng số ", True),
    ("Tổng hợp", False), ("Xã Tổng", False), ("Cộng đồng", False), ("", False), (95, False),
])
def test_total_labels(cell, expected):
    assert is_total_label(cell) is expected


@pytest.mark.parametrize("cells, expected", [
    (["Tổng", 95, 73], True),
    (["", "Tổng cộng:", 95, 73], True),  # STT blank, the label in the unit column
    (["4", "Tổng", 95], False),          # numbered: a data row
    (["Xã A", 35, 25], False),
])
def test_total_rows(cells, expected):
    assert is_total_row(cells) is expected


@pytest.mark.parametrize("typed, fraction", [
    ("71,43%", 0.7143), ("71,43 %", 0.7143), ("0,7143", 0.7143), ("71,43", 0.7143),
    ("100%", 1.0), ("1", 1), ("140%", 1.4), ("1.234,5%", 12.345),
    (0.7143, 0.7143), (1.4, 1.4),  # a number from a plan file or Excel is the fraction
    ("", None),
])
def test_percent_figures(typed, fraction):
    assert parse_percent(typed, "") == fraction


def test_percent_figure_errors_name_the_cell():
    with pytest.raises(ValueError, match="dòng 2, cột 'ty_le': '7l%' không phải là số"):
        parse_percent("7l%", "dòng 2, cột 'ty_le'")


def test_excel_block_with_its_total_row():
    reading = read_grid([HEADER, *ROWS, ["Tổng", "95", "73", "76,84%"]], UNIT, fresh=True)
    assert reading.header is True
    assert [(c["title"], c["type"]) for c in reading.columns] == [
        ("Đơn vị", "text"), ("Kế hoạch", "number"), ("Đã thực hiện", "number"), ("Tỷ lệ (%)", "percent")]
    assert [r["don_vi"] for r in reading.rows] == ["Xã A", "Xã B", "Xã C"]  # Tổng is not data
    assert reading.total_line == 5
    assert reading.total == {"don_vi": "Tổng", "ke_hoach": "95", "da_thuc_hien": "73", "ty_le": "76,84%"}
    assert reading.warnings == []  # the pasted totals are right
    [suggestion] = reading.suggestions
    assert (suggestion.column, suggestion.compute, suggestion.of) == ("ty_le", "ratio", ["da_thuc_hien", "ke_hoach"])
    assert suggestion.formula == "“Tỷ lệ (%)” = “Đã thực hiện” / “Kế hoạch” × 100"


def test_a_pasted_total_that_differs_is_reported_with_both_figures():
    reading = read_grid([HEADER, *ROWS, ["Tổng cộng:", "96", "73", "80%"]], UNIT, fresh=True)
    assert reading.warnings == [
        "Dòng tổng đã dán ghi cột “Kế hoạch” là 96, nhưng tính từ các dòng được 95; bảng dùng số tính được.",
        "Dòng tổng đã dán ghi cột “Tỷ lệ (%)” là 80%, nhưng tính từ các dòng được 76,84%; bảng dùng số tính được.",
    ]


def test_the_printed_total_never_sums_percent_and_counts_each_row_once():
    reading = read_grid([HEADER, *ROWS, ["Tổng", "95", "73", "76,84%"]], UNIT, fresh=True)
    plain = Appendix.model_validate({"title": "T", "columns": reading.columns, "rows": reading.rows})
    assert [c.text for c in build_table(plain, None).total] == ["", "TỔNG", "95", "73", ""]
    assert [c.text for c in build_table(plain, None).rows[0]] == ["1", "Xã A", "35", "25", "71,43%"]
    [suggestion] = reading.suggestions
    columns = [dict(c, compute=suggestion.compute, of=suggestion.of) if c["key"] == suggestion.column else c
               for c in reading.columns]
    rows = [{k: v for k, v in r.items() if k != suggestion.column} for r in reading.rows]
    computed = Appendix.model_validate({"title": "T", "columns": columns, "rows": rows})
    assert [c.text for c in build_table(computed, None).total] == ["", "TỔNG", "95", "73", "76,84%"]


@pytest.mark.parametrize("rate_cells", [
    ["71,43%", "75,00%", "90,00%"],
    ["71,43 %", "75 %", "90 %"],
    ["0,7143", "0,75", "0,9"],
    ["71,43", "75", "90"],
    ["71%", "75%", "90%"],   # printed without decimals: rounding to whole percents
])
def test_a_ratio_column_is_recognised_however_excel_printed_it(rate_cells):
    grid = [HEADER] + [row[:3] + [rate] for row, rate in zip(ROWS, rate_cells)]
    [suggestion] = read_grid(grid, UNIT, fresh=True).suggestions
    assert (suggestion.compute, suggestion.of) == ("ratio", ["da_thuc_hien", "ke_hoach"])


@pytest.mark.parametrize("grid, days, expected", [
    # Còn lại = Chỉ tiêu − Đã làm (a row with nothing done still fits)
    ([["Đơn vị", "Chỉ tiêu", "Đã làm", "Còn lại"], ["A", "1.200", "300", "900"], ["B", "800", "0", "800"]],
     None, ("con_lai", "difference", ["chi_tieu", "da_lam"])),
    # Trong ngày = Còn lại / 50 days, rounded half up or up as Excel's ROUNDUP
    ([["Đơn vị", "Còn lại", "Trong ngày"], ["A", "900", "18"], ["B", "1.001", "21"]],
     50, ("trong_ngay", "per_day", ["con_lai"])),
    # seed 002's first rows, rate printed as the seed prints it
    ([["Đơn vị", "Chỉ tiêu kích hoạt", "Đã kích hoạt", "Tỷ lệ % công dân đã kích hoạt"],
      ["Huyện Đak Pơ", "16.283", "12.476", "76,62%"], ["Huyện Kbang", "25.632", "13.503", "52,68%"]],
     None, ("ty_le_cong_dan_da_kich_hoat", "ratio", ["da_kich_hoat", "chi_tieu_kich_hoat"])),
])
def test_computed_columns_offered(grid, days, expected):
    [suggestion] = read_grid(grid, UNIT, fresh=True, days=days).suggestions
    assert (suggestion.column, suggestion.compute, suggestion.of) == expected


@pytest.mark.parametrize("grid", [
    # off by more than the rounding in one row
    [HEADER, ["A", "35", "25", "71,43%"], ["B", "40", "30", "76,00%"]],
    # a copy of a column is not "a minus 0"
    [["Đơn vị", "Chỉ tiêu", "Trừ", "Còn lại"], ["A", "10", "0", "10"], ["B", "7", "0", "7"]],
    # independent figures
    [["Đơn vị", "Số hộ", "Số người", "Số xe"], ["A", "10", "37", "4"], ["B", "12", "41", "6"]],
])
def test_nothing_offered_when_nothing_is_computed(grid):
    assert read_grid(grid, UNIT, fresh=True).suggestions == []


def test_percent_column_titles_and_values():
    reading = read_grid([["Đơn vị", "Tỷ lệ", "Đạt", "Số"], ["A", "0,5", "80%", "3"]], UNIT, fresh=True)
    assert [c["type"] for c in reading.columns] == ["text", "percent", "percent", "number"]


def test_stt_column_is_the_tables_own_numbering():
    grid = [["STT", "Đơn vị", "Kế hoạch"], ["1", "Xã A", "35"], ["2", "Xã B", "40"], ["", "Cộng", "75"]]
    reading = read_grid(grid, UNIT, fresh=True)
    assert [c["title"] for c in reading.columns] == ["Đơn vị", "Kế hoạch"]
    assert reading.rows == [{"don_vi": "Xã A", "ke_hoach": 35}, {"don_vi": "Xã B", "ke_hoach": 40}]
    assert reading.total_line == 4 and reading.warnings == []


@pytest.mark.parametrize("grid, rows", [
    # a lone "Tổng" line with nothing above it is data, not a total
    ([["Tổng", "5"]], [{"don_vi": "Tổng", "cot_2": 5}]),
    # "Tổng" only counts on the last line
    ([["Tổng", "5"], ["Xã A", "3"]], [{"don_vi": "Tổng", "cot_2": 5}, {"don_vi": "Xã A", "cot_2": 3}]),
])
def test_total_only_as_the_last_line_of_a_table(grid, rows):
    reading = read_grid(grid, UNIT)
    assert reading.rows == rows and reading.total is None


def test_into_existing_columns_by_title_and_from_a_cell():
    columns = [{"key": "unit", "title": "Đơn vị", "type": "text"},
               {"key": "target", "title": "Chỉ tiêu", "type": "number"},
               {"key": "done", "title": "Đã làm", "type": "number"},
               {"key": "rate", "title": "Tỷ lệ", "type": "percent", "compute": "ratio", "of": ["done", "target"]}]
    by_title = read_grid([["Đã làm", "Đơn vị"], ["3", "Xã A"], ["Tổng", ""]], columns)
    assert by_title.rows == [{"done": 3, "unit": "Xã A"}]
    from_cell = read_grid([["5", "2"], ["7", "1"], ["Cộng:", "12"]], columns, start_column=1)
    assert from_cell.rows == [{"target": 5, "done": 2}, {"target": 7, "done": 1}]
    assert from_cell.columns == columns
    # the last line has a figure where the label would be: not a total
    assert read_grid([["5", "2"], ["12", "3"]], columns, start_column=1).total is None


@pytest.mark.parametrize("cell", [
    71.43,     # typed under "Tỷ lệ (%)" without Excel's % format
    0.7143,
    "71,43%",  # a percent-formatted cell, as the sheet reader gives it
    "71,43",
])
def test_numbers_from_a_sheet_in_a_percent_column_read_as_typed(cell):
    reading = read_grid([["Đơn vị", "Tỷ lệ (%)"], ["Xã A", cell]], UNIT, fresh=True)
    assert reading.rows == [{"don_vi": "Xã A", "ty_le": 0.7143}]  # the fraction: 71,43%


def test_entered_percentages_survive_a_plan_file_round_trip():
    columns = [{"key": "don_vi", "title": "Đơn vị"}, {"key": "ty_le", "title": "Tỷ lệ", "type": "percent"}]
    typed = Appendix.model_validate({"title": "T", "columns": columns,
                                     "rows": [{"don_vi": "A", "ty_le": "71,43%"}, {"don_vi": "B", "ty_le": "140%"}]})
    assert [r["ty_le"] for r in typed.rows] == [0.7143, 1.4]
    again = Appendix.model_validate(typed.model_dump())
    assert again.rows == typed.rows
    assert [[c.text for c in row][-1] for row in build_table(again, None).rows] == ["71,43%", "140,00%"]


def test_a_pasted_column_the_table_computes_is_left_to_the_table():
    """Seed 002's own table pasted back into its appendix: the rate,
    remaining and per-day columns are computed there; only their pasted
    totals are compared."""
    from docgen.plan.files import load_plan

    plan = load_plan(ROOT / "samples" / "002_gia_lai_50_ngay_dem.yaml")
    columns = [c.model_dump(exclude_defaults=True) | {"key": c.key, "title": c.title} for c in plan.appendices[0].columns]
    grid = [["STT", "Đơn vị", "Chỉ tiêu kích hoạt", "Đã kích hoạt (mức 1 + mức 2)", "Tỷ lệ % công dân đã kích hoạt",
             "Chỉ tiêu còn lại", "Chỉ tiêu hoàn thành trong ngày"],
            ["1", "Huyện Đak Pơ", "16.283", "12.476", "76,62%", "3.807", "76"],
            ["2", "Huyện Kbang", "25.632", "13.503", "52,68%", "12.129", "243"],
            ["", "TỔNG", "41.915", "25.979", "62,00%", "15.936", "319"]]
    reading = read_grid(grid, columns, days=50)
    assert [c["key"] for c in reading.columns] == [c["key"] for c in columns]  # no column added
    assert reading.rows == [{"unit": "Huyện Đak Pơ", "target": 16283, "done": 12476},
                            {"unit": "Huyện Kbang", "target": 25632, "done": 13503}]
    assert reading.computed == ["Tỷ lệ % công dân đã kích hoạt", "Chỉ tiêu còn lại", "Chỉ tiêu hoàn thành trong ngày"]
    assert reading.warnings == [
        "Dòng tổng đã dán ghi cột “Tỷ lệ % công dân đã kích hoạt” là 62,00%, nhưng tính từ các dòng "
        "được 61,98%; bảng dùng số tính được."]


@pytest.mark.parametrize("typed", ["1e309", "nan", "inf"])
def test_figures_that_are_not_finite_are_refused(typed):
    with pytest.raises(ValueError, match="không phải là số"):
        parse_percent(typed, "dòng 1, cột 'a'")


def test_columns_still_being_edited_do_not_stop_the_reading():
    """A half-typed table: unknown type, a formula the model does not know,
    an operand that is not there, bad decimals; the block is still read."""
    columns = [{"key": "a", "title": "A"}, {"key": "b", "type": "weird"},
               {"key": "c", "type": "percent", "compute": "foo", "of": "b", "decimals": "x"},
               {"key": "d", "type": "number", "compute": "ratio", "of": ["a", "zz"]}]
    reading = read_grid([["A", "b"], ["x", "1"], ["Tổng", "1e309"]], columns)
    assert reading.rows == [{"a": "x", "b": "1"}]
    assert reading.total == {"a": "Tổng", "b": "1e309"} and reading.warnings == []
