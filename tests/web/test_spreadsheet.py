"""Appendix rows from .xlsx and .csv files (POST /api/appendix/rows)."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from docgen.web.spreadsheet import TableFileUnreadable, read_table_file

from ..batch.helpers import xlsx

ROWS = [["Đơn vị", "Chỉ tiêu", "Đã kích hoạt"], ["Xã Ia Kha", 1200, 300], ["Xã Ia Bă", 800, 600]]




def test_xlsx_rows_keep_numbers_and_drop_blank_lines():
    content = xlsx(ROWS + [[None, None, None], ["Thị trấn", 2000.0, dt.datetime(2023, 9, 1)]])
    assert read_table_file("chi-tieu.xlsx", content) == ROWS + [["Thị trấn", 2000, "01/9/2023"]]


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
    assert response.get_json() == {"rows": ROWS}


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
