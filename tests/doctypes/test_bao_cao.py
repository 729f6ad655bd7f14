"""A Báo cáo (type: bao_cao) rendered, checked, read back and converted:
its title line, symbol family, template and appendix line come from its
type (docgen/doctypes/bao_cao.py)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from docgen import doctypes
from docgen.batch.derive import ParentPlan
from docgen.checks import check_docx, check_plan
from docgen.checks.document import from_docx
from docgen.importing.importer import import_bytes
from docgen.plan.model import Plan
from docgen.plan.files import PlanFileError, load_plan, parse_plan_data
from docgen.document.render import render_plan, template_path

from ..conftest import SAMPLES
from .docx_reading import paragraph, texts, word_document

BAO_CAO = Path(__file__).with_name("bao_cao.yaml")


@pytest.fixture(scope="module")
def report() -> Plan:
    return load_plan(BAO_CAO)


@pytest.fixture(scope="module")
def report_docx(report) -> bytes:
    return render_plan(report)


def test_a_plan_file_without_type_stays_a_ke_hoach():
    for path in SAMPLES:
        plan = load_plan(path)
        assert plan.type == "ke_hoach" and doctypes.for_plan(plan).title == "KẾ HOẠCH"


def test_the_report_is_of_its_type(report):
    assert report.type == "bao_cao"
    assert doctypes.for_plan(report).name == "Báo cáo"
    assert report.header.symbol == "BC-UBND"


def test_a_report_without_symbol_gets_bc_ubnd(report):
    data = report.model_dump(mode="json", exclude_none=True)
    del data["header"]["symbol"]
    assert parse_plan_data(data, "report").header.symbol == "BC-UBND"
    del data["type"]
    assert parse_plan_data(data, "plan").header.symbol == "KH-UBND"


def test_an_unknown_type_is_refused_with_the_known_ones(report):
    data = report.model_dump(mode="json", exclude_none=True)
    data["type"] = "bien_ban"
    with pytest.raises(PlanFileError) as refused:
        parse_plan_data(data, "x.yaml")
    message = str(refused.value)
    assert "không có loại văn bản 'bien_ban'; các loại đã có:" in message
    assert "ke_hoach (Kế hoạch)" in message and "bao_cao (Báo cáo)" in message


def test_rendered_with_title_number_and_appendix_line_of_a_report(report_docx):
    lines = texts(report_docx)
    assert "BÁO CÁO" in lines and "KẾ HOẠCH" not in lines
    title = paragraph(report_docx, "BÁO CÁO")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER or title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert lines[lines.index("BÁO CÁO") + 1].startswith("Kết quả thực hiện cao điểm 50 ngày, đêm")
    assert "Số: 07/BC-UBND" in lines
    assert ("(Kèm theo Báo cáo số 07/BC-UBND ngày 20 tháng 10 năm 2023 của Ủy ban nhân dân xã Ia Kdăm)"
            in lines)
    assert not [line for line in lines if "Kèm theo Kế hoạch" in line]


def test_rendered_from_its_family_template_under_its_own_title(report_docx):
    assert template_path(doctypes.get("bao_cao")).name == "titled.docx"
    assert template_path(doctypes.get("bao_cao")).is_file()
    assert word_document(report_docx).core_properties.title == "Báo cáo (mẫu Nghị định 30/2020/NĐ-CP)"


def test_the_report_passes_the_decree_30_checks(report, report_docx):
    assert [f.line() for f in check_plan(report, report_docx)] == []
    assert [f.line() for f in check_docx(report_docx)] == []
    assert from_docx(report_docx).doc_type.key == "bao_cao"


def test_the_checks_expect_bc_of_a_report(report):
    wrong = report.model_copy(update={"header": report.header.model_copy(update={"symbol": "KH-UBND"})})
    findings = [f for f in check_plan(wrong) if f.code == "layout.number_line"]
    assert len(findings) == 1
    assert "không bắt đầu bằng “BC-” của báo cáo" in findings[0].message


def test_a_report_read_back_from_word_is_a_report(report_docx):
    imported = import_bytes(report_docx, "bao-cao.docx")
    assert imported.plan.type == "bao_cao"
    assert imported.plan.header.symbol == "BC-UBND" and imported.plan.header.number == 7
    assert imported.plan.appendices and imported.plan.header.issuer_name == "Ủy ban nhân dân xã Ia Kdăm"


def test_a_document_derived_from_a_report_names_it(report):
    parent = ParentPlan.from_plan(report)
    assert parent.values()["kh_cap_tren"] == "Báo cáo số 07/BC-UBND ngày 20/10/2023 của UBND xã Ia Kdăm"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed (scripts/setup.sh installs it)")
def test_the_report_converts_to_pdf(report_docx, tmp_path):
    from docgen.pdf import docx_to_pdf

    pdf = tmp_path / "bao-cao.pdf"
    pdf.write_bytes(docx_to_pdf(report_docx))
    first = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert "BÁO CÁO" in first and "Số: 07/BC-UBND" in first and "KẾ HOẠCH" not in first
