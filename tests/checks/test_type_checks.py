"""The checks of each type's own rules (docgen/checks/types.py), on plans
and on views as a .docx gives them: a Công văn's V/v and symbol, "Kính gửi"
and its punctuation, a decision's articles, a Giấy mời's time and place."""

from __future__ import annotations

import copy

import pytest

from docgen import doctypes
from docgen.checks import check_plan
from docgen.checks.document import CheckedDocument
from docgen.checks.types import check_addressees
from docgen.plan.files import load_plan, parse_plan_data

from ..conftest import ROOT

SAMPLES = ROOT / "samples" / "types"


def sample(name: str) -> dict:
    return load_plan(SAMPLES / f"{name}.yaml").model_dump(mode="json", exclude_none=True)


def findings(data: dict) -> list[tuple[str, str, str]]:
    return [(f.code, f.path, f.message) for f in check_plan(parse_plan_data(data))]


LETTER = "cong_van_loc_hoa_so_lieu"
DECISION = "quyet_dinh_gia_lai_ban_hanh_ke_hoach"
INVITATION = "giay_moi_loc_hoa_ra_quan"


@pytest.mark.parametrize("symbol, wrong", [
    ("UBND-VP", False), ("UBND-VX", False), ("SNV-TCCB", False),
    ("CV-UBND", True),  # what other tools write: a Công văn has no type code
    ("KH-UBND", True), ("QĐ-UBND", True),
])
def test_the_cong_van_symbol_rule(symbol, wrong):
    data = sample(LETTER)
    data["header"]["symbol"] = symbol
    found = [message for code, path, message in findings(data) if code == "layout.number_line"]
    assert bool(found) == wrong, found
    if wrong:
        assert found == [f"ký hiệu “{symbol}” của công văn không đúng: công văn không có chữ viết tắt tên loại"]


def test_a_cong_van_needs_its_vv_short_and_its_kinh_gui():
    data = sample(LETTER)
    data["subject"] = " ".join(["chữ"] * 31)
    data["addressees"] = []
    assert [(code, path) for code, path, _ in findings(data) if code.startswith("type.")] == [
        ("type.letter_subject", "subject"), ("type.addressees", "addressees")]
    data["subject"] = " ".join(["chữ"] * 30)
    data["addressees"] = ["Công an xã"]
    assert not [code for code, _, _ in findings(data) if code.startswith("type.")]


@pytest.mark.parametrize("lines, flagged", [
    (["Kính gửi: Bộ Nội vụ"], []),
    (["Kính gửi: Bộ Nội vụ."], [1]),
    (["Kính gửi:", "- Bộ Nội vụ;", "- Bộ Tài chính."], []),
    (["Kính gửi:", "- Bộ Nội vụ", "- Bộ Tài chính."], [2]),
    (["Kính gửi:", "- Bộ Nội vụ;", "- Bộ Tài chính;"], [3]),
    (["Kính gửi:", "Bộ Nội vụ;", "- Bộ Tài chính."], []),  # not a dash line: the block ends before it
    (["Kính gửi: Bộ Nội vụ", "- Bộ Tài chính."], [1]),  # several: the label stands alone
])
def test_kinh_gui_punctuation_as_a_docx_prints_it(lines, flagged):
    """One recipient on the label's line, no end mark; several: dash lines,
    ";" each and "." the last (nd30-types.md, 5.7)."""
    printed = lines if not (len(lines) > 1 and not lines[1].startswith("-")) else lines[:1]
    view = CheckedDocument("docx", doc_type=doctypes.get("cong_van"), addressees=printed)
    assert [f.where.paragraph for f in check_addressees(view)] == flagged


def test_a_decisions_articles_in_order_with_the_executing_one():
    data = sample(DECISION)
    assert not [f for f in findings(data) if f[0].startswith("type.")]
    wrong = copy.deepcopy(data)
    wrong["articles"][1]["number"] = "4"
    wrong["articles"][2]["text"] = "Quyết định có hiệu lực từ ngày ký."
    wrong["recipients"][0]["name"] = "Như Điều 7"
    found = [(code, message) for code, _, message in findings(wrong) if code.startswith("type.")]
    assert found == [
        ("type.article_numbering", "điều số 4 không đúng thứ tự: đây là điều thứ 2"),
        ("type.article_numbering", "điều số 5 không đúng thứ tự: đây là điều thứ 3"),
        ("type.executing_article",
         "không có điều nào giao trách nhiệm thi hành (“… chịu trách nhiệm thi hành Quyết định này”)"),
        ("type.articles_end", "điều cuối không kết thúc bằng “./.”"),
        ("type.as_article", "nơi nhận “Như Điều 7” nhưng quyết định không có Điều 7"),
    ]


def test_a_decisions_bases_print_with_their_end_marks():
    data = sample(DECISION)
    data["opening"] = ["Căn cứ Luật Tổ chức chính quyền địa phương;", "Theo đề nghị của Công an xã."]
    plan = parse_plan_data(data)
    assert plan.opening == ["Căn cứ Luật Tổ chức chính quyền địa phương", "Theo đề nghị của Công an xã"]


@pytest.mark.parametrize("change, expected", [
    ({}, []),
    ({"place": None}, [("type.meeting_place", "meeting.place"), ("content.to_fill", "meeting.place")]),
    ({"date": None, "time": None}, [("type.meeting_time", "meeting.time"), ("content.to_fill", "meeting.time")]),
    ({"date": "26/02/2025"}, [("type.meeting_before_issue", "meeting.time")]),  # issued 27/02/2025
    ({"date": "27/02/2025"}, []),
])
def test_a_giay_moi_says_when_and_where_after_its_issue(change, expected):
    data = sample(INVITATION)
    data["meeting"] = {key: value for key, value in {**data["meeting"], **change}.items() if value is not None}
    found = [(code, path) for code, path, _ in findings(data) if code.startswith(("type.", "content."))]
    assert sorted(found) == sorted(expected)


def test_a_type_with_a_part_it_has_not_is_refused():
    data = sample(INVITATION)
    data["addressees"] = ["Công an xã"]
    data["articles"] = [{"kind": "article", "text": "Một điều."}]
    with pytest.raises(Exception) as refused:
        parse_plan_data(data)
    message = str(refused.value)
    assert "Giấy mời không có phần “Kính gửi”: hãy bỏ phần này" in message
    assert "Giấy mời không có phần “các điều”: hãy bỏ phần này" in message
