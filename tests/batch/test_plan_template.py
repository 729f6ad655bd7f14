"""A plan without placeholders (saved from the editor, or a Word plan) made a
batch template: its own unit's name in the running text becomes each
unit's; the header, the signer and appendix figures are left alone."""

from __future__ import annotations

from docgen.batch.plan_template import as_template, own_unit

PLAN = {
    "header": {"issuing_body": ["ỦY BAN NHÂN DÂN", "XÃ LỘC HÒA"], "issuer_name": "Ủy ban nhân dân xã Lộc Hòa",
               "place": "Lộc Hòa", "date": {"year": 2025, "month": 3}},
    "subject": "Tuyên truyền trên địa bàn xã Lộc Hòa",
    "opening": ["Xã Lộc Hòa ban hành kế hoạch; xã Lộc Hòa Bình (xã khác) không đổi; XÃ LỘC HÒA."],
    "sections": [{"title": "MỤC ĐÍCH", "blocks": ["Công an xã Lộc Hòa {# chủ trì"]}],
    "signer": {"authority": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "name": "Nguyễn Công Thành"},
    "appendices": [{"title": "Chỉ tiêu", "columns": [{"key": "don_vi", "title": "Đơn vị"}],
                    "rows": [{"don_vi": "Xã Lộc Hòa"}]}],
}


def test_the_plans_own_unit_is_found():
    assert own_unit(PLAN) == ("xã", "Lộc Hòa")
    no_issuer = {"header": {"issuing_body": ["ỦY BAN NHÂN DÂN", "PHƯỜNG ĐẠO THẠNH"], "place": "Đạo Thạnh"}}
    assert own_unit(no_issuer) == ("phường", "Đạo Thạnh")
    assert own_unit({"header": {"issuing_body": ["CÔNG AN TỈNH"], "place": "Gia Lai"}}) is None


def test_its_name_becomes_the_units_placeholder_in_the_running_text_only():
    data, notes = as_template(PLAN, "kh.yaml")
    assert data["subject"] == "Tuyên truyền trên địa bàn {{ ten_don_vi_thuong }}"
    assert data["opening"] == ["{{ ten_don_vi }} ban hành kế hoạch; xã Lộc Hòa Bình (xã khác) không đổi; "
                               "{{ ten_don_vi | upper_vn }}."]
    assert data["sections"][0]["blocks"] == ["Công an xã Lộc Hòa {# chủ trì"]  # "{#" would open a comment
    assert data["header"] == PLAN["header"] and data["signer"] == PLAN["signer"]
    assert data["appendices"][0]["rows"] == [{"don_vi": "Xã Lộc Hòa"}]  # figures, never renamed
    assert notes[0].startswith("kh.yaml: văn bản mẫu là văn bản của xã Lộc Hòa, không có chỗ điền: đã thay tên "
                               "“xã Lộc Hòa” bằng tên của từng đơn vị ở 2 chỗ (Trích yếu, ")
    assert notes[1].startswith("kh.yaml: phụ lục “Chỉ tiêu” của văn bản mẫu đã có 1 dòng số liệu")
    assert PLAN["subject"] == "Tuyên truyền trên địa bàn xã Lộc Hòa"  # the input is not changed


def test_a_template_with_placeholders_is_used_as_written():
    template = dict(PLAN, subject="Trên địa bàn {{ ten_don_vi_thuong }}, xã Lộc Hòa")
    assert as_template(template, "mau.yaml") == (template, [])
