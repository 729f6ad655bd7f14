"""Appendix rows from a spreadsheet: .xlsx (openpyxl) or .csv (UTF-8, with or
without BOM; comma, semicolon or tab separated).

The answer is the grid of cells as the file holds them; the editor decides,
as for a block pasted from Excel, whether the first line is a header and
which column goes where.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

MAX_ROWS = 5000
MAX_COLUMNS = 60
TABLE_FILE_TYPES = (".xlsx", ".csv", ".tsv", ".txt")

Cell = str | int | float


class TableFileUnreadable(ValueError):
    """A spreadsheet that cannot be read; the message is for the clerk."""


class UnsupportedTableFile(TableFileUnreadable):
    pass


def _cell(value) -> Cell:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value.day:02d}/{value.month}/{value.year}"
    return str(value).strip()


def _trimmed(rows) -> list[list[Cell]]:
    """Cells typed, blank rows dropped, trailing blank columns cut."""
    out: list[list[Cell]] = []
    for row in rows:
        cells = [_cell(value) for value in row]
        while cells and cells[-1] == "":
            cells.pop()
        if not cells:
            continue
        if len(out) >= MAX_ROWS:
            raise TableFileUnreadable(f"bảng có quá nhiều dòng (tối đa {MAX_ROWS})")
        if len(cells) > MAX_COLUMNS:
            raise TableFileUnreadable(f"bảng có quá nhiều cột (tối đa {MAX_COLUMNS})")
        out.append(cells)
    return out


def _xlsx_rows(content: bytes) -> list[list[Cell]]:
    from openpyxl import load_workbook

    # A damaged or foreign file can fail anywhere inside openpyxl, zipfile or
    # the XML parser, with their own exception types; all mean "unreadable".
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            return _trimmed(workbook.active.iter_rows(values_only=True))
        finally:
            workbook.close()
    except TableFileUnreadable:
        raise
    except Exception as error:  # noqa: BLE001 - see above
        detail = "không phải tệp .xlsx" if isinstance(error, zipfile.BadZipFile) else type(error).__name__
        raise TableFileUnreadable(f"không đọc được tệp Excel (.xlsx): {detail}") from None


def _csv_rows(content: bytes) -> list[list[Cell]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableFileUnreadable(
            "tệp CSV phải là văn bản UTF-8 (trong Excel: Lưu thành > CSV UTF-8)"
        ) from None
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel_tab if "\t" in sample else csv.excel
    try:
        return _trimmed(csv.reader(io.StringIO(text), dialect))
    except csv.Error as error:
        raise TableFileUnreadable(f"không đọc được tệp CSV: {error}") from None


def read_table_file(filename: str, content: bytes) -> list[list[Cell]]:
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _xlsx_rows(content)
    if name.endswith((".csv", ".tsv", ".txt")):
        return _csv_rows(content)
    if name.endswith(".xls"):
        raise UnsupportedTableFile("tệp .xls (Excel 97-2003) chưa đọc được: hãy lưu thành .xlsx hoặc CSV UTF-8")
    raise UnsupportedTableFile("chỉ đọc được tệp .xlsx hoặc .csv")
