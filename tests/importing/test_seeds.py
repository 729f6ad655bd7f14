"""Each seed text imports to a valid plan whose rendering covers at least
98% of the seed's words in order, with the header facts and the signer
right (the values each seed states, or that its text gives elsewhere)."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.word import document_text
from docgen.importing.from_text import read_text
from docgen.importing.parse import parse_source
from docgen.plan.files import parse_plan_text, plan_to_yaml
from docgen.document.render import render_plan

from ..conftest import seed_text
from ..words import coverage

# seed -> (issuing body, number, place, (year, month, day), authority, name)
FACTS = {
    "000": (["ỦY BAN NHÂN DÂN", "TỈNH ĐẮK LẮK"], None, "Đắk Lắk", (2026, 6, None),
            ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Hồ Thị Nguyên Thảo"),
    "001": (["ỦY BAN NHÂN DÂN", "ĐẶC KHU CÁT HẢI"], None, "Cát Hải", (2026, 6, None),
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Vũ Hữu Vững"),
    "002": (["ỦY BAN NHÂN DÂN", "TỈNH GIA LAI"], 2314, "Gia Lai", (2023, 8, 29),
            ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Trương Hải Long"),
    "003": (["ỦY BAN NHÂN DÂN", "HUYỆN"], None, "Huyện", (2023, 8, None),
            ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Nguyễn Hữu Nghĩa"),
    "004": (["ỦY BAN NHÂN DÂN", "XÃ LỘC HÒA"], None, "Lộc Hòa", (2025, 3, None),
            ["CHỦ TỊCH"], "Nguyễn Công Thành"),
}


@pytest.fixture(scope="module")
def imported():
    return {number: parse_source(read_text(seed_text(number))) for number in FACTS}


@pytest.mark.parametrize("number", sorted(FACTS))
def test_rendering_covers_the_seed_words_in_order(imported, number):
    text = document_text(render_plan(imported[number].plan))
    assert coverage(seed_text(number), text) >= 0.98


@pytest.mark.parametrize("number", sorted(FACTS))
def test_header_facts_and_signer(imported, number):
    issuing_body, plan_number, place, (year, month, day), authority, name = FACTS[number]
    plan = imported[number].plan
    assert plan.header.issuing_body == issuing_body
    assert plan.header.number == plan_number
    assert plan.header.symbol == "KH-UBND"
    assert plan.header.place == place
    assert (plan.header.date.year, plan.header.date.month, plan.header.date.day) == (year, month, day)
    assert plan.signer.authority == authority
    assert plan.signer.name == name


@pytest.mark.parametrize("number", sorted(FACTS))
def test_the_yaml_written_validates_as_the_same_plan(imported, number):
    plan = imported[number].plan
    assert parse_plan_text(plan_to_yaml(plan)) == plan


@pytest.mark.parametrize("number", sorted(FACTS))
def test_what_was_inferred_is_said(imported, number):
    """No seed has the issuing body in its text: each says where it came from."""
    warnings = imported[number].warnings
    assert any(w.path == "header.issuing_body" and w.paragraph > 0 for w in warnings)


def test_seed_002_parts(imported):
    plan = imported["002"].plan
    assert [s.title for s in plan.sections] == [
        "MỤC ĐÍCH, YÊU CẦU", "CHỈ TIÊU, THỜI GIAN THỰC HIỆN", "NỘI DUNG, PHƯƠNG PHÁP THỰC HIỆN",
        "NHIỆM VỤ CỤ THỂ", "TỔ CHỨC THỰC HIỆN"]
    assert len(plan.opening) == 3
    units = [b for b in plan.sections[3].blocks if b.kind == "unit"]
    assert [u.name for u in units if u.requested] == [
        "Ban Tuyên giáo Tỉnh ủy", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức thành viên"]
    assert len(units) == 9 and len(units[0].tasks) == 5
    timing = plan.sections[1].blocks[-1]
    assert (timing.kind, timing.title, timing.text) == (
        "heading", "Thời gian thực hiện:", "Chiến dịch cao điểm từ ngày 01/9/2023 đến hết ngày 20/10/2023.")
    assert [b.label for b in plan.sections[2].blocks if b.kind == "item"] == ["(1)", "(2)", "(3)", "(4)"]
    assert "**ngày 10/9/2023**" in plan.sections[3].blocks[0].text
    assert len(plan.recipients) == 18 and plan.archive == "VT, NC"
    assert plan.campaign.days == 50
    assert (plan.campaign.start, plan.campaign.end) == (dt.date(2023, 9, 1), dt.date(2023, 10, 20))


def test_seed_002_appendix(imported):
    appendix = imported["002"].plan.appendices[0]
    assert appendix.title == "CHỈ TIÊU KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ"
    assert appendix.subtitle == "(Từ ngày 01/9/2023 đến hết ngày 20/10/2023)"
    assert appendix.numbered and appendix.total and appendix.total_label == "TỔNG"
    kinds = [(c.title, c.type, c.compute) for c in appendix.columns]
    assert kinds == [
        ("Đơn vị", "text", None),
        ("Chỉ tiêu kích hoạt", "number", None),
        ("Đã kích hoạt (mức 1 + mức 2)", "number", None),
        ("Tỷ lệ % công dân đã kích hoạt", "percent", "ratio"),
        ("Chỉ tiêu còn lại", "number", "difference"),
        ("Chỉ tiêu hoàn thành trong ngày", "number", "per_day"),
    ]
    assert len(appendix.rows) == 17
    unit, target, done = (c.key for c in appendix.columns[:3])
    assert appendix.rows[15] == {unit: "Thành phố Pleiku", target: 185255, done: 39160}


def test_seed_000_recipients_purposes_and_archive(imported):
    plan = imported["000"].plan
    assert [(r.name, r.purpose) for r in plan.recipients[:3]] == [
        ("Bộ Công an", "để báo cáo"), ("Ban Chỉ đạo 57 tỉnh", "để theo dõi"),
        ("CT, Phó CT UBND tỉnh (đ/c Hồ Thị Nguyên Thảo)", None)]
    assert plan.archive == "VT, NC (w.10b)"


def test_seed_003_hard_wrapped_lines_are_joined(imported):
    plan = imported["003"].plan
    assert plan.subject == ("Thực hiện chiến dịch “30 ngày, đêm” tuyên truyền cài đặt, kích hoạt tài khoản "
                            "Định danh điện tử cho công dân đủ điều kiện trên địa bàn Huyện")
    assert len(plan.opening) == 1 and plan.opening[0].endswith("xây dựng kế hoạch thực hiện như sau:")
    assert [b.kind for b in plan.sections[0].blocks] == ["numbered"] * 4


def test_seed_004_keeps_its_section_numbering(imported):
    sections = imported["004"].plan.sections
    assert [s.number for s in sections] == [None, None, None, None, None, "IV"]
