"""``content.to_fill``: a "…" left to fill is an error wherever the document
prints it (trích yếu, body, appendix, recipients, signer), in the plan and in
its .docx read back; an ellipsis that is prose is not."""

from __future__ import annotations

import pytest

from docgen.checks import check_docx, check_plan, has_errors
from docgen.checks.to_fill import gap_at
from docgen.plan.model import Plan
from docgen.document.render import render_plan

CODE = "content.to_fill"


@pytest.mark.parametrize("text, gap", [
    ("…", 0),
    ("Kết quả: …", 9),
    ("Thực hiện Kế hoạch số …/KH-UBND ngày …/12/2026 của UBND xã Lộc Tấn", 22),
    ("Ông (bà) ... phụ trách", 9),
    ("- … (để báo cáo);", 2),
    ("(…)", 1),
    ("Báo cáo sơ kết (lần …)", 20),
    # prose: a list that goes on, an ellipsis hanging on its word
    ("các cơ sở tôn giáo,… để tuyên truyền", None),
    ("mạng xã hội (Zalo, Facebook, ...), phương tiện", None),
    ("hội chợ... tổ chức các buổi hướng dẫn", None),
    ("Chiến dịch mùa hè số cùng VNeID…", None),
    ("giấy tờ cá nhân (BHYT, GPLX ...) trên ứng dụng", None),
    ("(*Bảo hiểm y tế (BHYT), Giấy phép lái xe (GPLX)* ...) trên VNeID", None),
    ("không có dấu ba chấm", None),
])
def test_what_is_a_gap(text, gap):
    assert gap_at(text) == gap


@pytest.fixture(scope="module")
def gapped(plans) -> Plan:
    """Sample 002 with a "…" in each part of the document."""
    data = plans["002"].model_dump(mode="json", exclude_none=True)
    data["subject"] += " (lần …)"
    data["sections"][0]["blocks"][1]["text"] = "Đạt tỷ lệ … % số công dân đủ điều kiện."
    appendix = data["appendices"][0]
    appendix["title"] = "Chỉ tiêu giao năm …"
    appendix["subtitle"] = "(Từ ngày … đến hết ngày 20/10/2023)"
    appendix["rows"][2]["unit"] = "…"
    data["recipients"][1]["name"] = "…"
    data["signer"]["authority"][1] = "PHÓ CHỦ TỊCH …"
    data["signer"]["name"] = "…"
    return Plan.model_validate(data)


def test_the_sample_itself_has_no_gap(plans):
    assert [f for f in check_plan(plans["002"]) if f.code == CODE] == []


def test_every_part_with_a_gap_is_an_error_at_its_field(gapped):
    found = [f for f in check_plan(gapped) if f.code == CODE]
    assert {f.severity for f in found} == {"error"} and has_errors(found)
    assert sorted(f.path for f in found) == sorted([
        "subject", "sections.0.blocks.1.text", "appendices.0", "appendices.0", "appendices.0",
        "recipients.1", "signer.authority.1", "signer.name",
    ])
    where = {str(f.where) for f in found}
    assert {"Phụ lục «CHỈ TIÊU GIAO NĂM …»", "Phụ lục «(Từ ngày … đến hết ngày 20/10/2023)»",
            "Nơi nhận, dòng 2 «- …;»", "Thẩm quyền ký, dòng 2 «PHÓ CHỦ TỊCH …»",
            "Thẩm quyền ký, dòng 3 «…»"} <= where
    [cells] = [f for f in found if f.message.startswith("bảng")]
    assert cells.message.startswith("bảng còn ô “…” chưa điền (dòng ")  # the row as sorted and printed


def test_the_docx_read_back_has_the_same_gaps(gapped):
    found = [f for f in check_docx(render_plan(gapped)) if f.code == CODE]
    parts = sorted(f.where.part for f in found)
    assert parts == ["appendix"] * 3 + ["recipients", "section", "signer", "signer", "subject"]
