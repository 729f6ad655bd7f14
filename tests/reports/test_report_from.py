"""docgen report-from: the report derived from samples 002 and 004, read
back from the rendered .docx."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.checks import check_plan
from docgen.cli import main as cli
from docgen.document.render import render_plan

from ..conftest import SAMPLES
from ..doctypes.docx_reading import texts
from .helpers import appendix_rows, report_of

SAMPLE = {path.name[:3]: path for path in SAMPLES}
AUDIT = Path(sys.executable).with_name("openxml-audit")


@pytest.fixture(scope="module")
def report_002(plans):
    return report_of(plans["002"])


@pytest.fixture(scope="module")
def docx_002(report_002):
    return render_plan(report_002)


@pytest.fixture(scope="module")
def district(plans):
    return report_of(plans["002"], unit="UBND huyện Đak Pơ")


def test_the_report_is_a_bao_cao_numbered_bc(report_002):
    assert report_002.type == "bao_cao"
    assert report_002.header.symbol == "BC-UBND" and report_002.header.number is None
    assert report_002.header.issuing_body == ["ỦY BAN NHÂN DÂN", "TỈNH GIA LAI"]
    # dated in the month the period ends, the day left to the clerk
    assert (report_002.header.date.year, report_002.header.date.month, report_002.header.date.day) == (2023, 10, None)


def test_reference_and_period_come_from_the_plan(report_002):
    reference = report_002.reference
    assert (reference.type_name, reference.number, reference.symbol) == ("Kế hoạch", 2314, "KH-UBND")
    assert (reference.date.day, reference.date.month, reference.date.year) == (29, 8, 2023)
    assert reference.issuer_name == "Ủy ban nhân dân tỉnh Gia Lai"
    assert (str(report_002.period.start), str(report_002.period.end)) == ("2023-09-01", "2023-10-20")


def test_rendered_title_subject_and_opening(docx_002):
    lines = texts(docx_002)
    assert "BÁO CÁO" in lines and "KẾ HOẠCH" not in lines
    assert any(line.startswith("Số:") and line.endswith("/BC-UBND") for line in lines)
    assert "Gia Lai, ngày      tháng 10 năm 2023" in lines
    assert "Kết quả thực hiện Kế hoạch số 2314/KH-UBND ngày 29/8/2023 của UBND tỉnh Gia Lai" in lines
    opening = lines[lines.index("BÁO CÁO") + 2]
    assert opening.startswith("Thực hiện Kế hoạch số 2314/KH-UBND ngày 29/8/2023 của UBND tỉnh Gia Lai "
                              "về việc thực hiện cao điểm “50 ngày, đêm”")
    assert lines[lines.index(opening) + 1] == (
        "UBND tỉnh Gia Lai báo cáo kết quả thực hiện từ ngày 01/9/2023 đến ngày 20/10/2023 như sau:")


def test_results_per_task_group_with_each_units_tasks(docx_002, plans):
    lines = texts(docx_002)
    assert ["I. KẾT QUẢ THỰC HIỆN", "1. Nhiệm vụ cụ thể", "1.1. Công an tỉnh"] == \
        lines[lines.index("I. KẾT QUẢ THỰC HIỆN"):lines.index("1.1. Công an tỉnh") + 1]
    police = lines.index("1.1. Công an tỉnh")
    tasks = plans["002"].sections[3].blocks[1].tasks
    assert lines[police + 1] == "- " + " ".join(tasks[0].split())
    assert lines[police + len(tasks) + 1] == "Kết quả: …"
    assert "1.3. Đề nghị Ban Tuyên giáo Tỉnh ủy" in lines
    units = [b for s in plans["002"].sections for b in s.blocks if b.kind == "unit"]
    assert lines.count("Kết quả: …") == len(units) == 9
    assert "2. Kết quả thực hiện chỉ tiêu: … (chi tiết tại Phụ lục kèm theo)." in lines


def test_difficulties_proposals_recipients_signer(docx_002):
    lines = texts(docx_002)
    assert lines[lines.index("II. KHÓ KHĂN, VƯỚNG MẮC") + 1] == "…"
    assert lines[lines.index("III. ĐỀ XUẤT, KIẾN NGHỊ") + 1] == "…"
    assert ("Trên đây là báo cáo của UBND tỉnh Gia Lai về kết quả thực hiện Kế hoạch số 2314/KH-UBND "
            "ngày 29/8/2023 của UBND tỉnh Gia Lai./.") in lines
    assert lines[lines.index("Nơi nhận:") + 1] == "- Văn phòng Chính phủ (để báo cáo);"
    assert "- Lưu: VT, NC." in lines
    assert "Trương Hải Long" in lines


def test_appendix_has_targets_a_results_column_and_the_rate(docx_002):
    rows = appendix_rows(docx_002)
    assert rows[0] == ["STT", "Đơn vị", "Chỉ tiêu kích hoạt", "Kết quả thực hiện", "Tỷ lệ đạt"]
    assert rows[1] == ["1", "Huyện Đak Pơ", "16.283", "", ""]  # the plan's order, results to fill
    assert len(rows) == 1 + 17 + 1
    assert rows[-1][-4:] == ["TỔNG", "684.037", "", ""]
    lines = texts(docx_002)
    assert "KẾT QUẢ THỰC HIỆN CHỈ TIÊU KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ" in lines
    assert ("(Theo Kế hoạch số 2314/KH-UBND ngày 29/8/2023 của UBND tỉnh Gia Lai; "
            "từ ngày 01/9/2023 đến ngày 20/10/2023)") in lines
    assert any(line.startswith("(Kèm theo Báo cáo số") and "/BC-UBND" in line for line in lines)


@pytest.mark.parametrize("number", ["002", "004"])
def test_report_from_the_cli_validates_renders_and_passes_the_checks(number, tmp_path):
    runner = CliRunner()
    report = tmp_path / "bao-cao.yaml"
    result = runner.invoke(cli, ["report-from", str(SAMPLE[number]), "-o", str(report)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(cli, ["validate", str(report)]).exit_code == 0
    docx = tmp_path / "bao-cao.docx"
    assert runner.invoke(cli, ["render", str(report), "-o", str(docx)]).exit_code == 0
    assert "BÁO CÁO" in texts(docx.read_bytes())
    checked = runner.invoke(cli, ["check", "--json", str(report)])
    assert checked.exit_code == 1, checked.output  # errors: the "…" left to fill in
    findings = json.loads(checked.output)
    left = [f for f in findings["findings"] if f["severity"] == "error"]
    assert left and {f["code"] for f in left} == {"content.to_fill"}
    docx_checked = runner.invoke(cli, ["check", "--json", str(docx)])
    assert docx_checked.exit_code == 1, docx_checked.output  # the .docx read back: the same gaps
    from_docx = json.loads(docx_checked.output)["findings"]
    assert {f["code"] for f in from_docx if f["severity"] == "error"} == {"content.to_fill"}
    assert sum(f["code"] == "content.to_fill" for f in from_docx) == len(left)


def test_a_draft_plan_is_cited_with_its_blanks_and_flagged(plans):
    report = report_of(plans["004"])
    lines = texts(render_plan(report))
    assert "Kết quả thực hiện Kế hoạch số …/KH-UBND ngày …/3/2025 của UBND xã Lộc Hòa" in lines
    assert lines[lines.index("Nơi nhận:") + 1] == "- UBND huyện (để báo cáo);"
    assert not report.appendices  # 004 gives its targets in the text, no table to fill
    assert "1. Tổ chức thực hiện" in lines and "1.2. Công an xã" in lines
    findings = check_plan(report)
    reference = [f for f in findings if f.code == "report.reference_number"]
    assert reference and reference[0].path == "reference.number"
    # the blank number and day are gaps wherever the plan is cited: errors before issue
    gaps = {f.path for f in findings if f.code == "content.to_fill" and f.severity == "error"}
    assert {"subject", "reference", "closing.0"} <= gaps


def test_a_district_reports_its_own_assignment_and_row(district):
    lines = texts(render_plan(district))
    assert district.header.issuing_body == ["ỦY BAN NHÂN DÂN", "HUYỆN ĐAK PƠ"]
    assert "Đak Pơ, ngày      tháng 10 năm 2023" in lines
    assert "1.1. UBND các huyện, thị xã, thành phố" in lines
    assert "1.2. Công an tỉnh" not in lines and "Công an tỉnh" not in " ".join(lines[:lines.index("Nơi nhận:")])
    # sent up to the plan's issuer: "Kính gửi" names it, "Như trên" leads the recipients
    assert lines[lines.index("Nơi nhận:") + 1] == "- Như trên;"
    assert "Kính gửi: Ủy ban nhân dân tỉnh Gia Lai" in lines
    assert district.addressees == ["Ủy ban nhân dân tỉnh Gia Lai"]
    assert "Trên đây là báo cáo của UBND huyện Đak Pơ về kết quả thực hiện Kế hoạch số 2314/KH-UBND " \
           "ngày 29/8/2023 của UBND tỉnh Gia Lai./." in lines
    assert appendix_rows(render_plan(district))[1:] == [["1", "Huyện Đak Pơ", "16.283", "", ""]]
    findings = check_plan(district)
    assert "signer.name" in [f.path for f in findings if f.code == "content.to_fill"]
    assert {f.code for f in findings if f.severity == "error"} == {"content.to_fill"}


def test_the_reports_are_valid_open_xml(report_002, district, plans, tmp_path):
    if not AUDIT.exists():
        pytest.fail(f"openxml-audit is not installed beside {sys.executable} (requirements.txt pins it)")
    for name, report in {"002": report_002, "dakpo": district, "004": report_of(plans["004"])}.items():
        (tmp_path / f"bao-cao-{name}.docx").write_bytes(render_plan(report))
    done = subprocess.run([str(AUDIT), "-o", "json", "-m", "0", "-r", str(tmp_path)],
                          capture_output=True, text=True, timeout=600)
    reports = json.loads(done.stdout)
    assert len(reports) == 3
    assert [r for r in reports if r["error_count"] or r["warning_count"]
            or r["verdict"]["prediction"] != "opens-clean"] == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed (scripts/setup.sh installs it)")
def test_libreoffice_converts_the_report(docx_002, tmp_path):
    from docgen.pdf import docx_to_pdf

    pdf = tmp_path / "bao-cao.pdf"
    pdf.write_bytes(docx_to_pdf(docx_002))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "BÁO CÁO" in text and "KHÓ KHĂN, VƯỚNG MẮC" in text and "684.037" in text


def _as_imported(plan):
    """The plan as a Word file would bring it in: every column of the
    appendix typed figures (no formula), the computed ones as printed."""
    from docgen.plan.appendix import computed_rows
    from docgen.plan.model import Plan

    data = plan.model_dump(mode="json", exclude_none=True)
    appendix = plan.appendices[0]
    rows = computed_rows(appendix, plan.campaign.quota_days)
    data["appendices"][0]["rows"] = [{key: value for key, value in row.items()} for row in rows]
    for column in data["appendices"][0]["columns"]:
        column.pop("compute", None)
        column.pop("of", None)
    return Plan.model_validate(data)


def test_only_targets_get_a_result_and_a_rate(plans):
    """Issue 20: from a plan whose appendix was imported (its computed
    columns plain figures), the report added a result and a rate for
    "Chỉ tiêu còn lại" and "Chỉ tiêu hoàn thành trong ngày" too: three
    columns "Tỷ lệ đạt". Those figures are computed from the target and
    what is done; only the target gets a result beside it."""
    imported = _as_imported(plans["002"])
    assert [c.compute for c in imported.appendices[0].columns] == [None] * 6
    titles = [c.title for c in report_of(imported).appendices[0].columns]
    assert titles == ["Đơn vị", "Chỉ tiêu kích hoạt", "Kết quả thực hiện", "Tỷ lệ đạt"]
    assert titles == [c.title for c in report_of(plans["002"]).appendices[0].columns]


@pytest.mark.parametrize("columns,targets", [
    # nothing named a target: the figure a rate divides by
    ([("ten", "Xã", "text"), ("dan", "Số hộ cần cấp", "number"), ("xong", "Số hộ đã cấp", "number"),
      ("tl", "Tỷ lệ", "percent", "ratio", ["xong", "dan"])], ["Số hộ cần cấp"]),
    # two targets named: a result and a rate for each
    ([("ten", "Xã", "text"), ("a", "Chỉ tiêu tài khoản", "number"), ("b", "Chỉ tiêu hộ", "number")],
     ["Chỉ tiêu tài khoản", "Chỉ tiêu hộ"]),
    # no name, no formula: every figure, as before
    ([("ten", "Xã", "text"), ("a", "Số tài khoản", "number")], ["Số tài khoản"]),
])
def test_target_columns_table(columns, targets):
    from docgen.plan.model import Appendix
    from docgen.reports.derive import target_columns

    figures = {"ten": "Xã A", "dan": 10, "xong": 5, "a": 7, "b": 3}
    entered = [column[0] for column in columns if len(column) == 3]
    appendix = Appendix.model_validate({"title": "T", "columns": [
        dict(zip(("key", "title", "type", "compute", "of"), column)) for column in columns],
        "rows": [{key: figures[key] for key in entered}]})
    assert [c.title for c in target_columns(appendix)] == targets
