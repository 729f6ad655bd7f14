"""Text pasted from a legal-documents web page (tests/importing/pasted.py):
header flattened into ``|`` lines and rules, hard-wrapped sentences, NBSP,
tabs, Windows line ends, control characters."""

from __future__ import annotations

from collections import Counter

import pytest

from docgen.word import document_text
from docgen.importing.from_text import read_text
from docgen.importing.parse import parse_source
from docgen.document.render import render_plan

from . import pasted
from ..words import words


def _import(text):
    return parse_source(read_text(text))


def test_gia_lai_flattened_header_and_footer():
    result = _import(pasted.GIA_LAI)
    plan = result.plan
    header = plan.header
    assert header.issuing_body == ["ỦY BAN NHÂN DÂN", "TỈNH GIA LAI"]
    assert (header.number, header.symbol, header.place) == (2314, "KH-UBND", "Gia Lai")
    assert (header.date.year, header.date.month, header.date.day) == (2023, 8, 29)
    assert plan.subject == ("Thực hiện cao điểm “50 ngày, đêm” tuyên truyền cài đặt, kích hoạt tài khoản định "
                            "danh điện tử cho công dân đủ điều kiện trên địa bàn tỉnh Gia Lai từ ngày 01/9/2023 "
                            "đến hết ngày 20/10/2023")
    assert plan.opening[1] == "UBND tỉnh ban hành Kế hoạch thực hiện cao điểm “50 ngày, đêm” với nội dung cụ thể sau:"
    police, propaganda = plan.sections[1].blocks
    assert (police.kind, police.name, len(police.tasks), police.requested) == ("unit", "Công an tỉnh", 2, False)
    assert police.tasks[0].endswith("song song với công tác cấp thẻ CCCD.")
    assert (propaganda.name, propaganda.requested) == ("Ban Tuyên giáo Tỉnh ủy", True)
    assert [(r.name, r.purpose) for r in plan.recipients] == [("Văn phòng Chính phủ", None),
                                                             ("Bộ Công an", "để báo cáo")]
    assert plan.archive == "VT, NC"
    assert (plan.signer.authority, plan.signer.name) == (["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Trương Hải Long")
    assert result.warnings == []
    # nothing of the text is lost on the way to the document (the flattened
    # header interleaves its two columns, so the words are counted, not ordered)
    printed = Counter(words(document_text(render_plan(plan))))
    pasted_words = Counter(words(pasted.GIA_LAI))
    assert pasted_words - printed == Counter()


def test_hoa_binh_draft_with_parent_body_and_appendix():
    result = _import(pasted.HOA_BINH)
    plan = result.plan
    header = plan.header
    assert header.parent_body == "UBND HUYỆN ĐỒNG XUÂN"
    assert header.issuing_body == ["ỦY BAN NHÂN DÂN", "XÃ HÒA BÌNH"]
    assert (header.number, header.place, header.date.day, header.date.month) == (None, "Hòa Bình", None, 6)
    assert plan.subject == "Ra quân làm sạch kênh mương nội đồng trước mùa mưa năm 2026"
    assert plan.opening[0].startswith("Căn cứ Kế hoạch số 45/KH-UBND") and "\x07" not in plan.opening[0]
    blocks = plan.sections[0].blocks
    assert [b.kind for b in blocks] == ["heading", "bullet", "subbullet", "heading", "item", "item"]
    assert [b.label for b in blocks if b.kind == "item"] == ["a)", "b)"]
    units = plan.sections[1].blocks
    assert [(u.name, u.requested, u.tasks) for u in units] == [
        ("Công an xã", False, ["Giữ gìn trật tự tại các điểm ra quân."]),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam xã", True, ["Vận động Nhân dân cùng tham gia."])]
    assert (plan.signer.authority, plan.signer.name) == (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Lê Thị Thu Hà")
    appendix = plan.appendices[0]
    assert appendix.title == "KHỐI LƯỢNG KÊNH MƯƠNG CẦN NẠO VÉT" and appendix.subtitle is None
    assert [(c.title, c.type, c.compute) for c in appendix.columns] == [
        ("Thôn", "text", None), ("Chiều dài (m)", "number", None), ("Đã nạo vét (m)", "number", None),
        ("Tỷ lệ (%)", "percent", "ratio")]
    assert appendix.total_label == "Tổng cộng" and len(appendix.rows) == 3
    assert appendix.rows[2]["chieu_dai_m"] == 2000


def test_phu_loc_pdf_copy_with_a_line_between_wrapped_lines():
    plan = _import(pasted.PHU_LOC).plan
    assert plan.header.issuing_body == ["ỦY BAN NHÂN DÂN", "PHƯỜNG PHÚ LỘC"]
    assert (plan.header.number, plan.header.date.day, plan.header.date.month) == (7, 5, 2)
    assert plan.subject == "Tổ chức Tết trồng cây đời đời nhớ ơn Bác Hồ năm 2025 trên địa bàn phường Phú Lộc"
    assert plan.sections[0].blocks[0].text == (
        "Phát huy truyền thống trồng cây, bảo vệ môi trường sống, tạo cảnh quan xanh, sạch, đẹp trên các "
        "tuyến đường của phường.")
    assert (plan.signer.authority, plan.signer.name) == (["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"], "Trần Văn Bình")
    assert [(r.name, r.purpose) for r in plan.recipients] == [("UBND thị xã", "b/c")]


@pytest.mark.parametrize("name", ["GIA_LAI", "HOA_BINH", "PHU_LOC"])
def test_windows_line_ends_and_nbsp_change_nothing(name):
    text = getattr(pasted, name)
    unix = text.replace("\r\n", "\n").replace("\u00a0", " ")
    assert _import(text).plan == _import(unix).plan
