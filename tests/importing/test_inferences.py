"""Nothing silent: every inference the importer makes (the type from the
symbol, a joined line, a skipped banner, a guessed place or issuer, a date
taken from the body, a renumbered division, a decision's plan) is a
warning with its paragraph and field; a field nothing states is left empty
with a warning, never this month."""

from __future__ import annotations

import pytest

from docgen.importing.importer import import_bytes
from docgen.importing.parse import ImportRefused

from .corpus import BY_NAME

FOOTER = "\nNơi nhận:\n- Lưu: VT.\n\nCHỦ TỊCH\n\nLê Văn An\n"


def _warned(text: str) -> dict[str, list[int]]:
    result = import_bytes(text.encode(), "x.txt")
    found: dict[str, list[int]] = {}
    for warning in result.warnings:
        found.setdefault(warning.path or "", []).append(warning.paragraph)
    return found


def _corpus(name: str) -> str:
    return BY_NAME[name].data().decode()


def _resolution() -> str:
    """t08's decision made a Nghị quyết, a type docgen does not write: the
    plan it issues is imported alone, the Nghị quyết as its reference."""
    text = _corpus("t08_quyet_dinh_phuong_nghia_lo")
    return (text.replace("QUYẾT ĐỊNH\n", "NGHỊ QUYẾT\n").replace("QUYẾT ĐỊNH:", "QUYẾT NGHỊ:")
            .replace("245/QĐ-UBND", "245/NQ-HĐND").replace("Quyết định", "Nghị quyết"))


@pytest.mark.parametrize("name, path, paragraph", [
    ("t01_tinh_binh_dinh_khong_dong_loai", "type", 5),          # the type from "KH-UBND"
    ("t03_huyen_mo_duc_hai_cot_mot_dong", "subject", 5),        # "ĐẨY" / "MẠNH …"
    ("t04_tinh_quang_ngai_dia_danh_ngat", "header.date", 7),    # "Quảng" / "Ngãi, ngày …"
    ("t04_tinh_quang_ngai_dia_danh_ngat", "header.number", 3),  # "Số:" / "17/KH-UBND"
    ("t04_tinh_quang_ngai_dia_danh_ngat", "sections.1.title", 15),  # "NHIỆM VỤ," / "GIẢI PHÁP"
    ("t05_phuong_an_phu_banner", "", 1),                        # the banner skipped
    ("t02_xa_phuoc_son_a_b_c", "header.issuing_body", 1),       # "ỦY" / "BAN NHÂN DÂN"
    ("t02_xa_phuoc_son_a_b_c", "sections.0", 9),               # "A." numbered I.
    ("t07_huyen_kim_dong_bao_cao_phan_i", "header.issuing_body", 8),  # the lost line from the opening
    ("t15_bao_cao_xa_hoa_tien_chi_so", "header.issuing_body", 4),
    ("resolution", "reference", 1),         # a plan issued by a document docgen does not write
    ("resolution", "signer", 16),           # its signer is the issuing document's
])
def test_each_inference_is_a_warning(name, path, paragraph):
    assert paragraph in _warned(_resolution() if name == "resolution" else _corpus(name)).get(path, [])


def test_a_report_keeps_its_parts_a_plan_numbers_its_letters():
    report = import_bytes(BY_NAME["t06_so_noi_vu_bao_cao_phan_thu"].data(), "x.txt").plan
    assert [s.number for s in report.sections] == ["Phần thứ nhất", "Phần thứ hai"]
    plan = import_bytes(BY_NAME["t02_xa_phuoc_son_a_b_c"].data(), "x.txt").plan
    assert [s.number for s in plan.sections] == [None, None, None]


def test_a_decision_that_issues_a_plan_is_imported_with_the_plan_attached():
    """A Quyết định docgen writes (Mẫu 1.3): the decision, its authority
    line, bases and articles, and the plan it issues as its attached text;
    the plan's "(Ban hành kèm theo …)" line is the decision's own citation."""
    result = import_bytes(BY_NAME["t08_quyet_dinh_phuong_nghia_lo"].data(), "x.txt")
    decision = result.plan
    assert decision.type == "quyet_dinh"
    assert (decision.header.number, decision.header.symbol) == (245, "QĐ-UBND")
    assert (decision.header.date.year, decision.header.date.month, decision.header.date.day) == (2025, 6, 3)
    assert decision.subject.startswith("Về việc ban hành Kế hoạch tổ chức các hoạt động hè")
    assert decision.decider == "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG NGHĨA LỘ"
    assert decision.opening == ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
                                "Xét đề nghị của Phường đoàn Nghĩa Lộ"]
    assert [block.kind for block in decision.articles] == ["article"] * 3
    assert decision.reference is None
    plan = decision.attached
    assert plan.type == "ke_hoach"
    assert plan.subject == "Tổ chức các hoạt động hè năm 2025 cho thiếu nhi trên địa bàn phường"
    assert [s.title for s in plan.sections] == ["MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG HOẠT ĐỘNG", "TỔ CHỨC THỰC HIỆN"]
    assert "Căn cứ Luật" not in " ".join(plan.opening)  # the decision's own text is not the plan's
    assert [r.name for r in decision.recipients] == ["Như Điều 3", "Thường trực Đảng ủy phường"]
    assert (decision.signer.authority, decision.signer.name) == (["CHỦ TỊCH"], "Hà Văn Quyết")


def test_a_plan_issued_by_a_type_docgen_does_not_write():
    result = import_bytes(_resolution().encode(), "x.txt")
    plan = result.plan
    assert plan.type == "ke_hoach" and plan.header.number is None and plan.header.symbol == "KH-UBND"
    reference = plan.reference
    assert (reference.type_name, reference.number, reference.symbol) == ("Nghị quyết", 245, "NQ-HĐND")
    assert (reference.date.year, reference.date.month, reference.date.day) == (2025, 6, 3)
    assert reference.subject.startswith("ban hành Kế hoạch tổ chức các hoạt động hè")
    assert (plan.header.date.year, plan.header.date.month, plan.header.date.day) == (2025, 6, 3)
    assert [r.name for r in plan.recipients] == ["Như Điều 3", "Thường trực Đảng ủy phường"]
    assert "Căn cứ Luật" not in " ".join(plan.opening)  # the decision's own text is not the plan's


PLAIN_BODY = "KẾ HOẠCH\nVề một việc\n\nI. MỤC ĐÍCH\n\nNội dung.\n" + FOOTER


def test_a_missing_date_is_left_empty_never_this_month():
    text = "ỦY BAN NHÂN DÂN\nXÃ HÒA AN\nSố: 3/KH-UBND\n\n" + PLAIN_BODY
    with pytest.raises(ImportRefused, match="không tìm thấy ngày ban hành"):
        import_bytes(text.encode(), "x.txt")
    result = import_bytes(text.encode(), "x.txt", incomplete=True)
    assert result.plan is None and "date" not in result.data["header"]
    assert [e.path for e in result.errors] == ["header.date"]
    assert any(w.path == "header.date" and w.message.endswith("cần điền") for w in result.warnings)


def test_a_date_from_the_body_is_said():
    text = "ỦY BAN NHÂN DÂN\nXÃ HÒA AN\nSố: 3/KH-UBND\n\nKẾ HOẠCH\nVề một việc\n\nThực hiện Kế hoạch số 1/KH-UBND " \
           "ngày 02/3/2025 của UBND huyện.\n\nI. MỤC ĐÍCH\n\nNội dung.\n" + FOOTER
    result = import_bytes(text.encode(), "x.txt")
    assert (result.plan.header.date.year, result.plan.header.date.month) == (2025, 3)
    assert any(w.path == "header.date" and "ngày gần nhất" in w.message for w in result.warnings)


def test_a_date_from_the_citation_read_as_the_reference_is_said():
    """The opening's citation becomes the plan's reference (issue 23) and
    still counts for the date the header lacks (issue 22)."""
    text = "ỦY BAN NHÂN DÂN\nXÃ HÒA AN\nSố: 3/KH-UBND\n\nKẾ HOẠCH\nVề một việc\n\nThực hiện Kế hoạch số 35/KH-UBND " \
           "ngày 05/3/2025 của UBND xã Hòa An.\n\nI. MỤC ĐÍCH\n\nNội dung.\n" + FOOTER
    result = import_bytes(text.encode(), "x.txt")
    assert (result.plan.reference.number, result.plan.reference.symbol) == (35, "KH-UBND")
    assert result.plan.opening == []
    assert (result.plan.header.date.year, result.plan.header.date.month) == (2025, 3)
    assert any(w.path == "header.date" and "ngày gần nhất" in w.message for w in result.warnings)


@pytest.mark.parametrize("text, message", [
    ("NGHỊ QUYẾT\nVề việc thành lập Tổ công tác\n\nĐiều 1. Thành lập Tổ.\n" + FOOTER, "Nghị quyết"),
    ("Số: 7/CĐ-UBND\nHòa An, ngày 02 tháng 3 năm 2025\n\nCÔNG ĐIỆN\nVề việc ứng phó bão số 3\n\n"
     "Nội dung.\n" + FOOTER, "Công điện"),
    ("Chào anh,\nem gửi anh bản tin tuần này.\n", "không nhận ra"),
])
def test_what_docgen_does_not_import_is_refused_with_its_reason(text, message):
    with pytest.raises(ImportRefused, match=message):
        import_bytes(text.encode(), "x.txt")


@pytest.mark.parametrize("head", [
    "Số: 12/KH-UBND\nHòa An, ngày 02 tháng 3 năm 2025\n\nVề một việc\n\n",  # a number, no type line
    "KẾ HOẠCH\nVề một việc\n\n",  # a type line, no header
])
def test_a_document_with_a_number_or_a_type_line_is_never_refused(head):
    result = import_bytes((head + "Nội dung không đánh số.\n").encode(), "x.txt", incomplete=True)
    assert result.data["subject"] == "Về một việc"


def test_a_name_unlike_a_person_s_is_read_where_the_name_is_printed_and_said():
    text = "ỦY BAN NHÂN DÂN\nXÃ HÒA AN\nSố: 3/KH-UBND\nHòa An, ngày 02 tháng 3 năm 2025\n\n" + PLAIN_BODY.replace(
        "CHỦ TỊCH\n\nLê Văn An", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nChủ tịch UBND")
    result = import_bytes(text.encode(), "x.txt")
    assert result.plan.signer.name == "Chủ tịch UBND"
    assert any(w.path == "signer.name" and "cần kiểm tra" in w.message for w in result.warnings)
