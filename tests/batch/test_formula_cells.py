"""What the batch writes for a spreadsheet never runs a unit's name as a
formula: manifest.csv and loi.csv quote a value that starts with = + - @
(docgen.sheets.spreadsheet.escape_formula, as the register's sheet does;
tests/test_sheet_formulas.py covers the function), the units sheets keep
such a name text with Excel's quote prefix."""

from __future__ import annotations

import io
import zipfile

from openpyxl import load_workbook

from docgen.batch import load_template, read_units, run_batch
from docgen.batch.example import example_sheet_bytes
from docgen.batch.official_units import OfficialUnit

from .helpers import HEADER, TEMPLATE_XA, csv_bytes, read_csv_member, unit_row


def test_manifest_and_error_report_quote_unit_names_that_start_like_formulas():
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


def test_the_units_sheet_keeps_such_a_name_text():
    unit = OfficialUnit("99999", "=1+1", "xã", "Tỉnh Gia Lai")
    content = example_sheet_bytes([unit])
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet["A2"].value == "=1+1" and sheet["A2"].quotePrefix and sheet["A2"].data_type == "s"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
