"""The sample batch templates (samples/batch/, the web page's example
template among them) pass their own checks: each renders for a unit of each
units list it is meant for, and the editor's checks find no error (nor any
warning) in the plan or its .docx."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from docgen.batch.derive import derive_plan
from docgen.batch.example import example_sheet_bytes, province_sheet
from docgen.batch.inputs import load_inputs
from docgen.checks import check_plan
from docgen.jobs.work import EXAMPLE_TEMPLATES
from docgen.document.render import render_plan

from .helpers import PROVINCIAL, ROOT, UNITS_CSV

SAMPLES = ROOT / "samples" / "batch"


def _official_sheet() -> bytes:
    """Đồng Tháp's official list, two units filled in as the province would."""
    book = load_workbook(io.BytesIO(province_sheet("Đồng Tháp")[2]))
    sheet = book.active
    titles = [cell.value for cell in sheet[1]]
    sheet.delete_rows(4, sheet.max_row)
    for row in sheet.iter_rows(min_row=2):
        row[titles.index("Người ký")].value = "Trần Thị Bình"
        row[titles.index("Chỉ tiêu")].value = 5100
        row[titles.index("Đã thực hiện")].value = 2900
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# each template with the units lists it is meant for
CASES = {
    "template_xa.yaml": [("don_vi_mau.csv", lambda: UNITS_CSV.read_bytes()),
                         ("bang-don-vi-mau.xlsx", example_sheet_bytes),
                         ("dong-thap.xlsx", _official_sheet)],
    "template_huyen.yaml": [(PROVINCIAL.name, lambda: PROVINCIAL.read_bytes())],
    "template_giay_moi_xa.yaml": [("don_vi_mau.csv", lambda: UNITS_CSV.read_bytes()),
                                  ("bang-don-vi-mau.xlsx", example_sheet_bytes),
                                  ("dong-thap.xlsx", _official_sheet)],
}


def test_every_sample_template_is_covered():
    assert sorted(p.name for p in SAMPLES.glob("*.yaml")) == sorted(CASES)
    # the web page's example templates are among them
    assert {path.resolve() for path in EXAMPLE_TEMPLATES} <= {path.resolve() for path in SAMPLES.glob("*.yaml")}


@pytest.mark.parametrize("template, units_name, units", [
    (template, name, units) for template, lists in CASES.items() for name, units in lists])
def test_a_sample_template_passes_its_checks(template, units_name, units):
    path = SAMPLES / template
    inputs = load_inputs((path.name, path.read_bytes()), (units_name, units()))
    assert inputs.warnings == ()
    unit = inputs.units.units[0]
    plan = derive_plan(inputs.template, unit, inputs.parent).plan
    findings = check_plan(plan, docx=render_plan(plan))
    assert [f.line() for f in findings if f.severity in ("error", "warning")] == [], unit.name
