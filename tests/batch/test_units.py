"""The units table: columns, typed cells, row/column errors in Vietnamese."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.batch import UnitsTableError, read_units, units_from_appendix
from docgen.vietnamese.names import split_level

from .helpers import HEADER, PROVINCIAL, csv_bytes, unit_row, xlsx


def test_documented_columns_by_title_or_key_and_extra_columns_by_slug():
    rows = [["ten_don_vi", "CHỈ TIÊU", "Ngày ban hành", "Số hộ dân", "Chức vụ ký"],
            ["Xã Ia Kha", "16.283", "29/8/2023", 2100, "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"]]
    table = read_units("don-vi.xlsx", xlsx(rows))
    assert table.errors == []
    assert set(table.columns) == {"ten_don_vi", "chi_tieu", "ngay", "so_ho_dan", "chuc_vu_ky"}
    unit = table.units[0]
    assert (unit.row, unit.name) == (2, "Xã Ia Kha")
    assert unit.get("chi_tieu") == 16283
    assert unit.get("ngay") == dt.date(2023, 8, 29)
    assert unit.get("so_ho_dan") == 2100
    assert unit.get("chuc_vu_ky") == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert (unit.get("cap"), unit.get("ten_rieng"), unit.get("ten_don_vi_thuong")) == ("xã", "Ia Kha", "xã Ia Kha")


def test_date_cells_every_way_a_sheet_holds_them():
    """A date cell (openpyxl gives a datetime), a serial left as a number,
    text with / . - and zeros or none, ISO: all the same day; in CSV too,
    where a serial is only text of digits and is refused."""
    cells = [dt.datetime(2025, 1, 5), 45662, "05/01/2025", "5/1/2025", "5.1.2025", "05-01-2025", "2025-01-05"]
    rows = [HEADER + ["Ngày bắt đầu"]] + [unit_row(f"Xã {n}") + [cell] for n, cell in enumerate(cells)]
    table = read_units("x.xlsx", xlsx(rows))
    assert table.errors == []
    assert [unit.get("ngay_bat_dau") for unit in table.units] == [dt.date(2025, 1, 5)] * len(cells)
    table = read_units("x.csv", csv_bytes(rows))
    assert [str(error) for error in table.errors] == [
        "Dòng 3, cột “Ngày bắt đầu”: “45662” không phải là ngày (ghi ngày/tháng/năm, vd. 01/9/2023)"]
    assert [unit.get("ngay_bat_dau") for unit in table.units] == [dt.date(2025, 1, 5)] * (len(cells) - 1)


@pytest.mark.parametrize("name, level, own", [
    ("Xã Ia Kha", "xã", "Ia Kha"),
    ("Thị xã An Khê", "thị xã", "An Khê"),
    ("Thành phố Pleiku", "thành phố", "Pleiku"),
    ("Thị trấn Lộc Ninh", "thị trấn", "Lộc Ninh"),
    ("Đặc khu Cát Hải", "đặc khu", "Cát Hải"),
    ("Xãhội", None, "Xãhội"),
    ("Ban Chỉ đạo", None, "Ban Chỉ đạo"),
])
def test_level_word(name, level, own):
    assert split_level(name) == (level, own)


def test_missing_required_column_stops_with_the_columns_present():
    with pytest.raises(UnitsTableError, match="thiếu cột bắt buộc “Tên đơn vị”.*“Chỉ tiêu”"):
        read_units("x.xlsx", xlsx([["Xã", "Chỉ tiêu"], ["Ia Kha", 1]]))


@pytest.mark.parametrize("rows, message", [
    ([], "trống"),
    ([HEADER], "chỉ có dòng tiêu đề"),
    ([["Tên đơn vị", "Đơn vị"], ["a", "b"]], "trùng với cột"),
])
def test_unusable_tables(rows, message):
    with pytest.raises(UnitsTableError, match=message):
        read_units("x.xlsx", xlsx(rows))


def test_bad_cells_name_row_and_column_and_keep_other_rows():
    rows = [HEADER + ["Ngày bắt đầu"],
            unit_row("Xã A") + ["01/9/2023"],
            unit_row("Xã B", target="12a") + ["01/9/2023"],
            unit_row("Xã C", done=-5) + ["31/02/2023"],
            ["", "Lê Văn Tâm"]]
    table = read_units("x.xlsx", xlsx(rows))
    assert [u.name for u in table.units] == ["Xã A"]
    shown = [str(e) for e in table.errors]
    assert "Dòng 3, cột “Chỉ tiêu”: “12a” không phải là số (vd. 1200 hoặc 1.200)" in shown
    assert "Dòng 4, cột “Đã thực hiện”: số liệu không được âm (-5)" in shown
    assert "Dòng 4, cột “Ngày bắt đầu”: ngày “31/02/2023” không có trong lịch: tháng 2/2023 có ngày 1 đến 28" in shown
    assert "Dòng 5, cột “Tên đơn vị”: thiếu tên đơn vị" in shown


def test_blank_lines_keep_excel_row_numbers():
    rows = [HEADER, unit_row("Xã A"), [None], [None], unit_row("Xã B", target="x")]
    table = read_units("x.xlsx", xlsx(rows))
    assert table.errors[0].row == 5


def test_duplicate_unit_names_up_to_case_and_tone_placement():
    rows = [HEADER, unit_row("Xã Hòa An"), unit_row("Xã Bình"), unit_row("xã Hoà An")]
    table = read_units("x.xlsx", xlsx(rows))
    assert [u.name for u in table.units] == ["Xã Hòa An", "Xã Bình"]
    assert str(table.errors[0]) == "Dòng 4, cột “Tên đơn vị”: tên đơn vị “xã Hoà An” trùng với dòng 2"


def test_csv_in_windows_1258_as_excel_exports_it():
    # Windows-1258 stores tones as combining marks: "Hòa" is "Ho" + U+0300 + "a" there.
    rows = [["Tên đơn vị", "Người ký", "Chỉ tiêu"], ["Xã Lộc Hòa", "Nguyễn Công Thành", "4.200"]]
    content = csv_bytes(rows, encoding="cp1258", delimiter=";")
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    table = read_units("don-vi.csv", content)
    assert table.errors == []
    unit = table.units[0]
    assert (unit.name, unit.get("nguoi_ky"), unit.get("chi_tieu")) == ("Xã Lộc Hòa", "Nguyễn Công Thành", 4200)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_csv_utf8_with_or_without_bom(encoding):
    table = read_units("d.csv", csv_bytes([HEADER, unit_row("Xã Ia Kha")], encoding=encoding))
    assert set(table.columns) == {"ten_don_vi", "nguoi_ky", "chuc_vu_ky", "chi_tieu", "da_thuc_hien"}
    assert table.units[0].get("chi_tieu") == 1200


def test_formula_without_saved_result_is_an_error_not_a_blank():
    rows = [HEADER, unit_row("Xã A", done="=D2/4"), unit_row("Xã B", done="=D3/4")]
    table = read_units("x.xlsx", xlsx(rows, cached={"E2": "300"}))
    assert [u.name for u in table.units] == ["Xã A"]
    assert table.units[0].get("da_thuc_hien") == 300
    [error] = table.errors
    assert (error.row, error.column) == (3, "Đã thực hiện")
    assert "công thức =D3/4" in error.message and "chưa lưu kết quả" in error.message


def test_five_thousand_rows_are_read_and_validated():
    """5,000 units are read and validated (not rendered: rendering speed is
    the benchmark's business)."""
    rows = [HEADER] + [unit_row(f"Xã Số {n}", target=n + 1) for n in range(5000)]
    table = read_units("x.xlsx", xlsx(rows))
    assert len(table.units) == 5000 and table.errors == []
    assert table.units[-1].row == 5001


def test_provincial_appendix_rows_as_units(plans):
    table = units_from_appendix(plans["002"])
    assert len(table.units) == 17 and table.errors == []
    dak_po = next(u for u in table.units if u.name == "Huyện Đak Pơ")
    assert (dak_po.get("target"), dak_po.get("done")) == (16283, 12476)
    assert (dak_po.get("rate"), dak_po.get("remaining"), dak_po.get("per_day")) == ("76,62%", 3807, 76)
    assert dak_po.get("ten_don_vi_thuong") == "huyện Đak Pơ"


def test_plan_without_appendix_is_not_a_units_source(plans):
    with pytest.raises(UnitsTableError, match="không có phụ lục"):
        units_from_appendix(plans["004"])


assert PROVINCIAL.exists()


@pytest.mark.parametrize("label", ["Tổng", "TỔNG CỘNG:", "Cộng"])
def test_excels_total_line_is_not_a_unit(label):
    content = xlsx([HEADER, unit_row("Xã Ia Kha"), unit_row("Xã Ia Bă"), [label, "", "", 2400, 600]])
    table = read_units("don-vi.xlsx", content)
    assert [u.name for u in table.units] == ["Xã Ia Kha", "Xã Ia Bă"]
    assert table.errors == []


def test_a_unit_named_tong_in_the_middle_is_still_a_unit():
    content = xlsx([HEADER, unit_row("Tổng"), unit_row("Xã Ia Bă")])
    assert [u.name for u in read_units("don-vi.xlsx", content).units] == ["Tổng", "Xã Ia Bă"]


def test_the_row_limit_is_named_as_the_clerk_counts_rows():
    """10,000 units fit; one more is refused naming 10.000 rows of data, the
    title row not counted (it said "tối đa 10001")."""
    from docgen.batch.units import MAX_UNITS
    from docgen.sheets.spreadsheet import read_sheet_rows

    rows = [HEADER] + [unit_row(f"Xã {n}") for n in range(MAX_UNITS)]
    assert len(read_sheet_rows("x.csv", csv_bytes(rows), max_rows=MAX_UNITS, header_rows=1)) == MAX_UNITS + 1
    with pytest.raises(UnitsTableError) as refused:
        read_units("x.csv", csv_bytes(rows + [unit_row("Xã thừa")]))
    assert str(refused.value) == ("Không đọc được bảng đơn vị: bảng có quá nhiều dòng: "
                                  "tối đa 10.000 dòng số liệu, không kể dòng tiêu đề")


def test_a_target_that_reads_two_ways_is_refused_with_both_readings():
    """An English-locale Excel's CSV gives "1,240" (issue 20): never 1,24."""
    rows = [HEADER, unit_row("Xã A", target="1,240"), unit_row("Xã B", target="1.250")]
    table = read_units("don-vi.csv", csv_bytes(rows))
    assert [u.name for u in table.units] == ["Xã B"] and table.units[0].get("chi_tieu") == 1250
    assert [str(e) for e in table.errors] == [
        "Dòng 2, cột “Chỉ tiêu”: “1,240” chưa rõ là số nào: viết 1.240 nếu là một nghìn hai trăm bốn mươi, "
        "hoặc 1,24 nếu là một phẩy hai mươi tư"]
    assert table.notices == []


def test_a_sheet_written_the_english_way_is_read_so_and_says_so():
    from docgen.batch.inputs import load_inputs

    from .helpers import TEMPLATE_XA

    rows = [HEADER, unit_row("Xã A", target="1,240", done="12,500"), unit_row("Xã B", target="2,480,000", done=3)]
    table = read_units("don-vi.csv", csv_bytes(rows))
    assert table.errors == []
    assert [(u.get("chi_tieu"), u.get("da_thuc_hien")) for u in table.units] == [(1240, 12500), (2480000, 3)]
    notice = ("Các số trong bảng viết kiểu tiếng Anh (vd. “2,480,000”): đã đọc dấu phẩy là dấu ngăn cách hàng "
              "nghìn, dấu chấm là dấu thập phân; “1,240” là 1.240.")
    assert table.notices == [notice]
    inputs = load_inputs((TEMPLATE_XA.name, TEMPLATE_XA.read_bytes()), ("don-vi.csv", csv_bytes(rows)))
    assert f"don-vi.csv: {notice}" in inputs.warnings  # shown on the job page and by the CLI
