"""Template plans: placeholders found, checked before rendering, filled in
the sandbox; ordinary plans keep their braces."""

from __future__ import annotations

import pytest
import yaml

from docgen.batch import TemplatePlan, TemplatePlanError, load_template
from docgen.batch.derive import ParentPlan, derive_plan
from docgen.batch.template import Amount, template_value
from docgen.batch.units import UnitsTable, units_from_rows
from docgen.word import document_text
from docgen.plan.files import parse_plan_text
from docgen.document.render import render_plan
from docgen.sheets.spreadsheet import SheetRow

from .helpers import TEMPLATE_XA

PLAN = """
header: {issuing_body: [ỦY BAN NHÂN DÂN, XÃ MẪU], issuer_name: Ủy ban nhân dân xã Mẫu,
         place: Mẫu, date: {year: 2025, month: 3}}
subject: Kế hoạch của {{ ten_don_vi }}
opening: ["Chỉ tiêu {{ chi_tieu }} tài khoản; 80% là {{ (chi_tieu * 0.8) | round | int | number }}."]
sections:
  - title: NHIỆM VỤ
    blocks: ["Giữ nguyên { dấu ngoặc } và {{ '{{' }} khi cần."]
signer: {authority: [CHỦ TỊCH], name: Người Mẫu}
"""


def table(header, *rows) -> UnitsTable:
    return units_from_rows([SheetRow(1, header)] + [SheetRow(n, r) for n, r in enumerate(rows, start=2)])


def test_placeholders_are_found_with_jinja_meta():
    template = TemplatePlan(yaml.safe_load(PLAN))
    assert template.placeholders == {"ten_don_vi", "chi_tieu"}
    assert [slot.path for slot in template.slots] == ["subject", "opening.0", "sections.0.blocks.0"]


def test_undefined_placeholder_is_named_with_the_available_names():
    template = TemplatePlan(yaml.safe_load(PLAN))
    units = table(["Tên đơn vị", "Người ký"], ["Xã A", "Lê B"])
    [error] = template.check(units.available)
    assert error.path == "opening.0"
    assert "“{{ chi_tieu }}” chưa có dữ liệu" in error.message
    assert "các tên có thể dùng: cap, nguoi_ky, ten_don_vi, ten_don_vi_thuong, ten_rieng" in error.message


def test_bad_placeholder_syntax_is_reported_with_its_field():
    data = yaml.safe_load(PLAN)
    data["subject"] = "Kế hoạch {{ ten_don_vi "
    with pytest.raises(TemplatePlanError) as caught:
        TemplatePlan(data)
    assert caught.value.errors[0].path == "subject"
    assert "chỗ điền viết sai" in caught.value.errors[0].message


def test_fill_prints_figures_the_vietnamese_way_and_keeps_literal_braces():
    template = TemplatePlan(yaml.safe_load(PLAN))
    unit = table(["Tên đơn vị", "Chỉ tiêu"], ["Xã Ia Kha", "16.283"]).units[0]
    derived = derive_plan(template, unit)
    assert derived.errors == []
    plan = derived.plan
    assert plan.subject == "Kế hoạch của Xã Ia Kha"
    assert plan.opening[0] == "Chỉ tiêu 16.283 tài khoản; 80% là 13.026."
    assert plan.sections[0].blocks[0].text == "Giữ nguyên { dấu ngoặc } và {{ khi cần."


def test_sandbox_refuses_unsafe_attribute_access():
    data = yaml.safe_load(PLAN)
    data["subject"] = "{{ ten_don_vi.__class__.__mro__[1].__subclasses__() }}"
    template = TemplatePlan(data)
    unit = table(["Tên đơn vị"], ["Xã A"]).units[0]
    derived = derive_plan(template, unit)
    assert derived.plan is None
    assert derived.errors[0].path == "subject"


def test_ordinary_plans_never_go_through_jinja():
    plan = parse_plan_text(PLAN)
    assert plan.subject == "Kế hoạch của {{ ten_don_vi }}"
    text = document_text(render_plan(plan))
    assert "Kế hoạch của {{ ten_don_vi }}" in text
    assert "{{ (chi_tieu * 0.8) | round | int | number }}" in text


def test_template_values():
    assert str(template_value(16283)) == "16.283" and isinstance(template_value(16283), Amount)
    assert template_value(16283) * 2 == 32566
    assert str(template_value(0.5)) == "0,50"
    assert template_value(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]) == "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH"


def test_the_parent_without_an_issuer_name_is_cited_as_sentences_write_it(plans):
    """A parent plan whose header has only its lines (no ``issuer_name``):
    "UBND tỉnh Gia Lai", as every other sentence writes it, never "UBND Tỉnh Gia Lai"."""
    parent = plans["002"]
    parent = parent.model_copy(update={"header": parent.header.model_copy(update={"issuer_name": None})})
    cited = ParentPlan.from_plan(parent)
    assert cited.values()["co_quan_cap_tren"] == "UBND tỉnh Gia Lai"
    assert cited.values()["kh_cap_tren"] == "Kế hoạch số 2314/KH-UBND ngày 29/8/2023 của UBND tỉnh Gia Lai"
    assert "của UBND tỉnh Gia Lai về việc" in cited.sentence()


def test_derived_plan_gets_header_signer_parent_reference_and_appendix_row(plans):
    template = load_template(TEMPLATE_XA)
    units = table(["Tên đơn vị", "Người ký", "Chức vụ ký", "Chỉ tiêu", "Đã thực hiện", "Số", "Ngày"],
                  ["Phường Tây Sơn", "Trần Thị Bình", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", 2500, 1800, 7, "20/3/2025"])
    derived = derive_plan(template, units.units[0], ParentPlan.from_plan(plans["002"]))
    assert derived.errors == []
    plan = derived.plan
    assert plan.header.issuing_body == ["ỦY BAN NHÂN DÂN", "PHƯỜNG TÂY SƠN"]
    assert plan.header.issuer_name == "Ủy ban nhân dân phường Tây Sơn"
    assert (plan.header.place, plan.header.number) == ("Tây Sơn", 7)
    assert plan.header.date.as_date().isoformat() == "2025-03-20"
    assert (plan.signer.authority, plan.signer.name) == (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Trần Thị Bình")
    assert plan.campaign.area == "phường Tây Sơn"
    assert plan.opening[1].startswith(
        "Thực hiện Kế hoạch số 2314/KH-UBND ngày 29/8/2023 của UBND tỉnh Gia Lai về việc thực hiện cao điểm"
    )
    assert plan.appendices[0].rows == [{"don_vi": "Phường Tây Sơn", "chi_tieu": 2500, "da_thuc_hien": 1800}]
    text = document_text(render_plan(plan))
    assert "Chỉ tiêu giao cho phường Tây Sơn: kích hoạt 2.500 tài khoản định danh điện tử, đã thực hiện 1.800, còn lại 700" in text
    assert "Tây Sơn, ngày 20 tháng 3 năm 2025" in text
    assert "Số: 07/KH-UBND" in text


def test_an_invalid_derived_plan_reports_its_fields():
    template = load_template(TEMPLATE_XA)
    unit = table(["Tên đơn vị", "Người ký", "Chỉ tiêu", "Đã thực hiện"], ["Xã A", "Ông Lê Văn B", 10, 5]).units[0]
    derived = derive_plan(template, unit)
    assert derived.plan is None
    assert [e.path for e in derived.errors] == ["signer.name"]
    assert "không ghi học hàm, học vị, danh xưng" in derived.errors[0].message
