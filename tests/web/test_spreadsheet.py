"""Appendix rows from .xlsx and .csv files (POST /api/appendix/rows)."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from openpyxl import Workbook

from docgen.sheets.pasted import TableFileUnreadable, read_table_file

from ..batch.helpers import xlsx

ROWS = [["Đơn vị", "Chỉ tiêu", "Đã kích hoạt"], ["Xã Ia Kha", 1200, 300], ["Xã Ia Bă", 800, 600]]




def test_xlsx_rows_keep_numbers_and_drop_blank_lines():
    content = xlsx(ROWS + [[None, None, None], ["Thị trấn", 2000.0, dt.datetime(2023, 9, 1)]])
    assert read_table_file("chi-tieu.xlsx", content) == ROWS + [["Thị trấn", 2000, "01/9/2023"]]


def test_date_cells_read_in_the_one_short_form():
    """Months 1 and 2 keep their zero (05/01/2025), as the body prints them."""
    content = xlsx([["Đơn vị", "Từ ngày", "Đến ngày"], ["Xã Ia Kha", dt.datetime(2025, 1, 5), dt.date(2025, 3, 9)]])
    assert read_table_file("chi-tieu.xlsx", content)[1] == ["Xã Ia Kha", "05/01/2025", "09/3/2025"]


@pytest.mark.parametrize("text", [
    "\ufeffĐơn vị,Chỉ tiêu,Đã kích hoạt\r\nXã Ia Kha,1200,300\r\nXã Ia Bă,800,600\r\n",
    "Đơn vị;Chỉ tiêu;Đã kích hoạt\nXã Ia Kha;1200;300\nXã Ia Bă;800;600\n",
    "Đơn vị\tChỉ tiêu\tĐã kích hoạt\nXã Ia Kha\t1200\t300\nXã Ia Bă\t800\t600\n",
])
def test_csv_utf8_with_or_without_bom_any_separator(text):
    rows = read_table_file("bang.csv", text.encode("utf-8"))
    assert rows == [[str(c) for c in row] for row in ROWS]


def test_csv_with_quoted_thousands():
    rows = read_table_file("bang.csv", 'Đơn vị,Chỉ tiêu\n"Xã A, huyện B","16.283"\n'.encode("utf-8"))
    assert rows == [["Đơn vị", "Chỉ tiêu"], ["Xã A, huyện B", "16.283"]]


@pytest.mark.parametrize("name, content, message", [
    ("bang.csv", "Ðon vi\nXã A\n".encode("cp1252"), "UTF-8"),  # Windows code page
    ("bang.xlsx", b"not a zip", "không đọc được tệp Excel"),
    ("bang.xls", b"\xd0\xcf\x11\xe0", ".xls"),
    ("bang.pdf", b"%PDF", "chỉ đọc được tệp .xlsx hoặc .csv"),
])
def test_unreadable_files(name, content, message):
    with pytest.raises(TableFileUnreadable, match=message):
        read_table_file(name, content)


def test_api_returns_rows(browser_session):
    response = browser_session.post("/api/appendix/rows", content_type="multipart/form-data",
                                    data={"file": (io.BytesIO(xlsx(ROWS)), "chi-tieu.xlsx")})
    assert response.status_code == 200
    body = response.get_json()
    assert body["rows"] == ROWS
    assert body["total_row"] is None and body["warnings"] == []
    assert body["table"]["header"] is True
    assert [r["don_vi"] for r in body["table"]["rows"]] == ["Xã Ia Kha", "Xã Ia Bă"]


EXCEL_TOTAL = ROWS + [["Tổng cộng:", 2000, 900]]


@pytest.mark.parametrize("name, content", [
    ("chi-tieu.xlsx", xlsx(EXCEL_TOTAL)),
    ("chi-tieu.csv", "\n".join(";".join(str(c) for c in row) for row in EXCEL_TOTAL).encode("utf-8")),
])
def test_api_upload_keeps_excels_total_row_apart_and_checks_it(browser_session, name, content):
    response = browser_session.post("/api/appendix/rows", content_type="multipart/form-data", data={
        "file": (io.BytesIO(content), name),
        "appendix": '{"columns": [{"key": "unit", "title": "Đơn vị", "type": "text"},'
                    ' {"key": "target", "title": "Chỉ tiêu", "type": "number"},'
                    ' {"key": "done", "title": "Đã kích hoạt", "type": "number"}], "rows": []}'})
    assert response.status_code == 200
    body = response.get_json()
    assert [str(c) for c in body["total_row"]] == ["Tổng cộng:", "2000", "900"]
    assert [[str(c) for c in row] for row in body["rows"]] == [[str(c) for c in row] for row in ROWS]
    assert [r["unit"] for r in body["table"]["rows"]] == ["Xã Ia Kha", "Xã Ia Bă"]
    assert body["table"]["total_line"] == 4
    # 300 + 600 = 900 is right; 1200 + 800 = 2000 is right too
    assert body["warnings"] == []


def test_api_upload_reports_a_wrong_excel_total(browser_session):
    rows = ROWS + [["TỔNG", 2100, 900]]
    response = browser_session.post("/api/appendix/rows", content_type="multipart/form-data",
                                    data={"file": (io.BytesIO(xlsx(rows)), "chi-tieu.xlsx")})
    assert response.get_json()["warnings"] == [
        "Dòng tổng đã dán ghi cột “Chỉ tiêu” là 2100, nhưng tính từ các dòng được 2.000; bảng dùng số tính được."]


def test_api_upload_with_a_malformed_appendix_field(browser_session):
    response = browser_session.post("/api/appendix/rows", content_type="multipart/form-data",
                                    data={"file": (io.BytesIO(xlsx(ROWS)), "chi-tieu.xlsx"), "appendix": "{"})
    assert response.status_code == 400
    assert "appendix" in response.get_json()["errors"][0]["message"]


def test_api_paste_reads_the_block_like_an_upload(browser_session):
    cells = [["Đơn vị", "Kế hoạch", "Đã thực hiện", "Tỷ lệ (%)"],
             ["Xã A", "35", "25", "71,43%"], ["Xã B", "40", "30", "75,00%"], ["Xã C", "20", "18", "90,00%"],
             ["Tổng", "190", "146", "311,60"]]
    response = browser_session.post("/api/appendix/paste", json={
        "appendix": {"columns": [{"key": "don_vi", "title": "Đơn vị", "type": "text"}], "rows": []},
        "cells": cells})
    assert response.status_code == 200
    body = response.get_json()
    assert len(body["rows"]) == 3 and body["total"]["don_vi"] == "Tổng"
    assert body["warnings"] == [
        "Dòng tổng đã dán ghi cột “Kế hoạch” là 190, nhưng tính từ các dòng được 95; bảng dùng số tính được.",
        "Dòng tổng đã dán ghi cột “Đã thực hiện” là 146, nhưng tính từ các dòng được 73; bảng dùng số tính được.",
        "Dòng tổng đã dán ghi cột “Tỷ lệ (%)” là 311,60, nhưng tính từ các dòng được 76,84%; bảng dùng số tính được.",
    ]
    assert [(s["column"], s["compute"], s["of"]) for s in body["suggestions"]] == [
        ("ty_le", "ratio", ["da_thuc_hien", "ke_hoach"])]
    assert browser_session.post("/api/appendix/paste", json={"cells": "x"}).status_code == 422


@pytest.mark.parametrize("name, content, status", [
    ("bang.pdf", b"%PDF", 415),
    ("bang.xlsx", b"garbage", 422),
    ("bang.csv", "x\n".encode("utf-16"), 422),
])
def test_api_errors(browser_session, name, content, status):
    response = browser_session.post("/api/appendix/rows", content_type="multipart/form-data",
                                    data={"file": (io.BytesIO(content), name)})
    assert response.status_code == status
    assert response.get_json()["errors"][0]["message"]


def test_api_needs_multipart(browser_session):
    response = browser_session.post("/api/appendix/rows", json={"rows": []})
    assert response.status_code == 415


def test_api_paste_refuses_a_block_larger_than_a_sheet(browser_session):
    too_long = browser_session.post("/api/appendix/paste", json={"cells": [["1"]] * 5001})
    too_wide = browser_session.post("/api/appendix/paste", json={"cells": [["1"] * 61]})
    for response in (too_long, too_wide):
        assert response.status_code == 422
        assert response.get_json()["errors"][0]["message"] == "Khối ô quá lớn: tối đa 5.000 dòng và 60 cột."


def test_xlsx_percentages_read_as_excel_shows_them():
    book = Workbook()
    sheet = book.active
    for row in (["Đơn vị", "Tỷ lệ (%)", "Đạt"], ["Xã A", 0.714285714, 0.5], ["Xã B", 1.4, 71.43]):
        sheet.append(row)
    sheet["B2"].number_format = "0.00%"
    sheet["C2"].number_format = "0.0%"
    sheet["B3"].number_format = "0%"
    buffer = io.BytesIO()
    book.save(buffer)
    assert read_table_file("ty-le.xlsx", buffer.getvalue()) == [
        ["Đơn vị", "Tỷ lệ (%)", "Đạt"], ["Xã A", "71,43%", "50,0%"], ["Xã B", "140%", 71.43]]


def test_api_table_refuses_a_figure_too_large_to_be_one(browser_session):
    response = browser_session.post("/api/table", json={"appendix": {
        "title": "T", "columns": [{"key": "a", "title": "A", "type": "number"}], "rows": [{"a": "1e309"}]}})
    assert response.status_code == 422
    assert "không phải là số" in response.get_json()["errors"][0]["message"]


COLUMNS = ('{"columns": [{"key": "unit", "title": "Đơn vị", "type": "text"},'
           ' {"key": "target", "title": "Chỉ tiêu", "type": "number"},'
           ' {"key": "done", "title": "Đã kích hoạt", "type": "number"}], "rows": []}')


def upload_csv(session, text: str):
    return session.post("/api/appendix/rows", content_type="multipart/form-data", data={
        "file": (io.BytesIO(text.encode("utf-8")), "chi-tieu.csv"), "appendix": COLUMNS}).get_json()


def test_an_uploaded_figure_that_reads_two_ways_stays_as_written(browser_session):
    """Issue 20: a CSV saved by an English-locale Excel, "1,240" quoted."""
    body = upload_csv(browser_session, 'Đơn vị,Chỉ tiêu,Đã kích hoạt\nXã A,"1,240",300\nXã B,800,"12,500"\n')
    assert [(r["target"], r["done"]) for r in body["table"]["rows"]] == [("1,240", 300), (800, "12,500")]
    assert body["warnings"] == ["2 ô chưa rõ là số nào, vd. “1,240” là 1.240 hay 1,24: các ô này giữ nguyên "
                                "như đã viết và được đánh dấu; hãy sửa từng ô."]
    table = browser_session.post("/api/table", json={"appendix": {
        "title": "T", "columns": body["table"]["columns"], "rows": body["table"]["rows"]}})
    assert table.status_code == 422  # the table is never computed with 1,24
    assert [(e["label"], e["message"]) for e in table.get_json()["errors"]] == [
        ("Phụ lục 1, dòng 1, cột “Chỉ tiêu”", "“1,240” chưa rõ là số nào: viết 1.240 nếu là một nghìn hai trăm "
                                             "bốn mươi, hoặc 1,24 nếu là một phẩy hai mươi tư"),
        ("Phụ lục 1, dòng 2, cột “Đã kích hoạt”", "“12,500” chưa rõ là số nào: viết 12.500 nếu là mười hai nghìn "
                                                 "năm trăm, hoặc 12,5 nếu là mười hai phẩy năm")]


def test_an_upload_in_english_figures_is_read_so_and_says_so(browser_session):
    body = upload_csv(browser_session, 'Đơn vị,Chỉ tiêu,Đã kích hoạt\nXã A,"1,240",300.5\nXã B,"1,234,567","12,500"\n')
    assert [(r["target"], r["done"]) for r in body["table"]["rows"]] == [(1240, 300.5), (1234567, 12500)]
    assert body["notices"] == ["Các số trong tệp viết kiểu tiếng Anh (vd. “1,234,567”): đã đọc dấu phẩy là dấu "
                               "ngăn cách hàng nghìn, dấu chấm là dấu thập phân; “1,240” là 1.240."]
    table = browser_session.post("/api/table", json={"appendix": {
        "title": "T", "columns": body["table"]["columns"], "rows": body["table"]["rows"]}}).get_json()
    assert table["total"] == {"unit": "", "target": "1.235.807", "done": "12.800,50"}
    assert table["entered"] == [{"target": 1240, "done": 300.5}, {"target": 1234567, "done": 12500}]
