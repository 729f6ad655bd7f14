"""Validation gives field-level messages and rejects nonsense."""

from __future__ import annotations

import pytest

from docgen.plan.files import PlanFileError, parse_plan_data

from .test_safety import minimal


def errors_of(data) -> dict[str, str]:
    with pytest.raises(PlanFileError) as info:
        parse_plan_data(data)
    return {e.path: e.message for e in info.value.errors}


def test_end_before_start():
    errors = errors_of(minimal(campaign={"start": "20/10/2023", "end": "01/9/2023"}))
    assert "kết thúc (01/9/2023) trước ngày bắt đầu (20/10/2023)" in errors["campaign"]


@pytest.mark.parametrize("start", ["01/9/2023", "1.9.2023", "01-09-2023", "2023-09-01", " 1/9/2023 "])
def test_campaign_dates_are_read_by_the_one_reader(start):
    plan = parse_plan_data(minimal(campaign={"start": start, "end": "20/10/2023"}))
    assert (plan.campaign.start.isoformat(), plan.campaign.length) == ("2023-09-01", 50)


@pytest.mark.parametrize("start, message", [
    ("31/4/2023", "ngày “31/4/2023” không có trong lịch: tháng 4/2023 có ngày 1 đến 30"),
    ("1/9/23", "“1/9/23” không phải là ngày (ghi ngày/tháng/năm, vd. 01/9/2023)"),
    (45170, "cần ngày dạng ngày/tháng/năm, vd. 01/9/2023"),  # a JSON number is no date in a plan
])
def test_campaign_dates_refused_with_the_reason(start, message):
    errors = errors_of(minimal(campaign={"start": start, "end": "20/10/2023"}))
    assert message in errors["campaign.start"]


def test_negative_target():
    appendix = {
        "title": "Chỉ tiêu",
        "columns": [{"key": "unit", "title": "Đơn vị"}, {"key": "target", "title": "Chỉ tiêu", "type": "number"}],
        "rows": [{"unit": "Xã A", "target": 10}, {"unit": "Xã B", "target": -5}],
    }
    data = minimal(appendices=[appendix])
    data["header"]["issuer_name"] = "Ủy ban nhân dân xã Thử Nghiệm"
    errors = errors_of(data)
    assert errors == {"appendices.0.rows.1.target": "số liệu không được âm (-5)"}


def test_unknown_authority_prefix():
    errors = errors_of(minimal(signer={"authority": ["XT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "name": "A"}))
    assert "dòng 1 “XT. CHỦ TỊCH”: tiền tố “XT.” không hợp lệ; chỉ dùng TM., KT., Q., TL., TUQ." == errors["signer.authority"]


def test_empty_issuer():
    data = minimal()
    data["header"]["issuing_body"] = ["", "  "]
    assert "cần tên cơ quan ban hành" in errors_of(data)["header.issuing_body"]


def test_missing_and_wrong_typed_fields_are_named():
    data = minimal()
    del data["subject"]
    data["header"]["date"]["month"] = 13
    errors = errors_of(data)
    assert errors["subject"] == "thiếu trường bắt buộc"
    assert errors["header.date.month"] == "phải nhỏ hơn hoặc bằng 12"


def test_signer_name_without_titles():
    errors = errors_of(minimal(signer={"authority": ["CHỦ TỊCH"], "name": "TS. Nguyễn Văn A"}))
    assert "không ghi học hàm" in errors["signer.name"]


def test_kt_needs_the_deputy_title_line():
    errors = errors_of(minimal(signer={"authority": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "name": "A"}))
    assert "sau “KT.” thiếu dòng chức vụ của người ký" in errors["signer.authority"]


def test_unknown_block_kind_and_day_not_in_month():
    data = minimal(sections=[{"title": "A", "blocks": [{"kind": "poem", "text": "x"}]}])
    data["header"]["date"] = {"year": 2023, "month": 2, "day": 30}
    errors = errors_of(data)
    assert "loại khối 'poem' không có" in errors["sections.0.blocks.0"]
    assert "ngày 30 không có trong tháng 2/2023" in errors["header.date"]


def test_appendix_formula_needs_campaign_days():
    appendix = {
        "title": "t",
        "columns": [{"key": "left", "title": "Còn lại", "type": "number"},
                    {"key": "q", "title": "Trong ngày", "type": "number", "compute": "per_day", "of": ["left"]}],
        "rows": [{"left": 10}],
    }
    data = minimal(appendices=[appendix])
    data["header"]["issuer_name"] = "Ủy ban nhân dân xã Thử Nghiệm"
    assert errors_of(data)[""] == (
        "phụ lục 1 có cột chỉ tiêu theo ngày nên cần số ngày của đợt (ô “Số ngày”, hoặc “Từ ngày” "
        "và “Đến ngày” ở phần Đợt cao điểm, chiến dịch)")


def test_appendix_needs_the_issuers_name_at_its_field():
    appendix = {"title": "t", "columns": [{"key": "unit", "title": "Đơn vị"}], "rows": []}
    errors = errors_of(minimal(appendices=[appendix]))
    assert list(errors) == ["header.issuer_name"]
    assert errors["header.issuer_name"].startswith("có phụ lục nên cần tên này")
