"""docgen report-from's options: the reporting unit and the period."""

from __future__ import annotations

from click.testing import CliRunner

from docgen.cli import main as cli
from docgen.plan.files import load_plan

from ..conftest import SAMPLES

PLAN = next(path for path in SAMPLES if path.name.startswith("002"))


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_period_options_set_the_period_and_the_date(tmp_path):
    output = tmp_path / "bc.yaml"
    result = run("report-from", PLAN, "-o", output, "--unit", "UBND thị xã An Khê",
                 "--period-start", "01/9/2023", "--period-end", "30/9/2023")
    assert result.exit_code == 0, result.output
    report = load_plan(output)
    assert (str(report.period.start), str(report.period.end)) == ("2023-09-01", "2023-09-30")
    assert (report.header.date.month, report.header.place) == (9, "An Khê")
    assert report.opening == ["UBND thị xã An Khê báo cáo kết quả thực hiện từ ngày 01/9/2023 "
                              "đến ngày 30/9/2023 như sau:"]
    assert report.appendices[0].subtitle == "(Theo {văn bản được báo cáo}; từ ngày 01/9/2023 đến ngày 30/9/2023)"
    assert [row["unit"] for row in report.appendices[0].rows] == ["Thị xã An Khê"]


def test_a_period_start_alone_ends_with_the_campaign(tmp_path):
    output = tmp_path / "bc.yaml"
    assert run("report-from", PLAN, "-o", output, "--period-start", "2023-10-01").exit_code == 0
    assert str(load_plan(output).period.end) == "2023-10-20"


def test_bad_period_options_say_which_and_why(tmp_path):
    result = run("report-from", PLAN, "-o", tmp_path / "bc.yaml", "--period-start", "31/9/2023")
    assert result.exit_code == 2
    assert "--period-start: ngày “31/9/2023” không có trong lịch" in result.output
    result = run("report-from", PLAN, "-o", tmp_path / "bc.yaml", "--period-start", "30/10/2023")
    assert result.exit_code == 2
    assert "kỳ báo cáo: ngày kết thúc (20/10/2023) trước ngày bắt đầu (30/10/2023)" in result.output
    assert not (tmp_path / "bc.yaml").exists()


def test_the_plans_own_unit_named_is_the_plans_own_report(tmp_path):
    output = tmp_path / "bc.yaml"
    assert run("report-from", PLAN, "-o", output, "--unit", "Ủy ban nhân dân tỉnh Gia Lai").exit_code == 0
    report = load_plan(output)
    assert report.signer.name == "Trương Hải Long" and len(report.appendices[0].rows) == 17


def test_report_sheet_of_a_plan_without_targets_says_so(tmp_path):
    sample_004 = next(path for path in SAMPLES if path.name.startswith("004"))
    result = run("report-sheet", sample_004, "-o", tmp_path / "kq.xlsx")
    assert result.exit_code == 2
    assert "không có phụ lục chỉ tiêu (cột số) để lập bảng kết quả" in result.output
