"""The report checks (docgen/checks/report.py) and the model's report fields."""

from __future__ import annotations

import pytest

from docgen.checks import check_plan
from docgen.plan.model import Plan
from docgen.plan.files import PlanFileError, parse_plan_data

from .helpers import report_of, with_results


@pytest.fixture(scope="module")
def report(plans):
    return report_of(plans["002"])


def findings(data: dict, code: str):
    return [f for f in check_plan(Plan.model_validate(data)) if f.code == code]


def test_result_under_its_target_says_row_column_and_rate(report):
    data = with_results(report, {0: 12476})
    [under] = findings(data, "report.result_under_target")
    assert under.severity == "warning"
    assert str(under.where) == "Phụ lục «dòng 1 (Huyện Đak Pơ), cột “Kết quả thực hiện”»"
    assert under.message == "kết quả 12.476 chưa đạt chỉ tiêu 16.283 (đạt 76,62%)"
    assert under.path == "appendices.0.rows.0.target_ket_qua"
    assert under.label == "Phụ lục 1, dòng 1, cột “Kết quả thực hiện”"


def test_result_over_its_target_is_noted_and_an_equal_one_is_not(report):
    data = with_results(report, {1: "30.000", 2: 44279})
    [over] = findings(data, "report.result_over_target")
    assert over.severity == "info"
    assert "dòng 2 (Huyện Kbang)" in str(over.where)
    assert over.message == "kết quả 30.000 vượt chỉ tiêu 25.632 (đạt 117,04%)"
    assert not findings(data, "report.result_under_target")


def test_results_left_blank_are_counted(report):
    data = with_results(report, {0: 1, 1: 2})
    [missing] = findings(data, "report.result_missing")
    assert missing.message == ("cột “Kết quả thực hiện” còn 15 dòng chưa có kết quả "
                               "(dòng 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, …)")
    assert missing.path == "appendices.0.rows.2.target_ket_qua"


def test_a_result_that_is_not_a_number_is_refused_with_row_and_column(report):
    data = with_results(report, {1: "khoảng 2 vạn"})
    with pytest.raises(PlanFileError) as refused:
        parse_plan_data(data, "bao-cao.yaml")
    [error] = refused.value.errors
    assert str(error) == "Phụ lục 1, dòng 2, cột “Kết quả thực hiện”: 'khoảng 2 vạn' không phải là số"
    assert error.path == "appendices.0.rows.1.target_ket_qua"


def test_a_reporting_period_outside_the_campaign(report):
    data = report.model_dump(mode="json", exclude_none=True)
    data["period"] = {"start": "15/8/2023", "end": "25/10/2023"}
    [outside] = findings(data, "report.period_outside")
    assert outside.message == ("kỳ báo cáo không nằm trong thời gian của đợt: bắt đầu (15/8/2023) trước ngày "
                               "bắt đầu của đợt (01/9/2023); kết thúc (25/10/2023) sau ngày kết thúc của đợt "
                               "(20/10/2023)")
    assert outside.path == "period"
    data["period"] = {"start": "01/10/2023", "end": "20/10/2023"}  # one month of the campaign
    assert not findings(data, "report.period_outside")


def test_a_period_ending_before_it_starts_is_refused(report):
    data = report.model_dump(mode="json", exclude_none=True)
    data["period"] = {"start": "20/10/2023", "end": "01/9/2023"}
    with pytest.raises(PlanFileError) as refused:
        parse_plan_data(data, "bao-cao.yaml")
    assert "kỳ báo cáo: ngày kết thúc (01/09/2023) trước ngày bắt đầu (20/10/2023)" in str(refused.value)


def test_a_report_without_reference(report):
    data = report.model_dump(mode="json", exclude_none=True)
    del data["reference"]
    [missing] = findings(data, "report.no_reference")
    assert missing.severity == "warning" and missing.path == "reference"
    data["opening"].insert(0, "Thực hiện Kế hoạch số 2314/KH-UBND ngày 29/8/2023 của UBND tỉnh Gia Lai.")
    assert not findings(data, "report.no_reference")  # cited by hand in the opening


def test_the_reference_sentence_is_printed_from_the_field(report):
    data = report.model_dump(mode="json", exclude_none=True)
    data["reference"]["number"] = 7
    data["reference"]["date"] = {"year": 2023, "month": 2, "day": 5}
    from docgen.document.context import opening_texts

    assert opening_texts(Plan.model_validate(data))[0].startswith(
        "Thực hiện Kế hoạch số 07/KH-UBND ngày 05/02/2023 của UBND tỉnh Gia Lai về việc thực hiện cao điểm")


def test_a_plan_is_not_checked_as_a_report(plans):
    assert not [f for f in check_plan(plans["002"]) if f.code.startswith("report.")]


@pytest.mark.parametrize("change, message", [
    ({"target": "chi_tieu_khac"}, "so với một cột chỉ tiêu không có trong phụ lục (mã cột “chi_tieu_khac”)"),
    ({"target": "unit"}, "so với cột “Đơn vị”, cột đó phải là cột số"),
    ({"type": "percent"}, "cột kết quả “Kết quả thực hiện” phải là cột số, nhập số liệu"),
])
def test_a_results_column_names_a_number_column(report, change, message):
    data = report.model_dump(mode="json", exclude_none=True)
    column = next(c for c in data["appendices"][0]["columns"] if c.get("target"))
    column.update(change)
    with pytest.raises(PlanFileError) as refused:
        parse_plan_data(data, "bao-cao.yaml")
    assert message in str(refused.value)
