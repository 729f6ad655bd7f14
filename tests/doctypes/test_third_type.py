"""Adding a document type is one DocumentType and one template: a Thông báo
defined here, with its template built here by templates_docx/build_template.py,
is registered through the public registry and then rendered, checked and
read back by the unchanged core."""

from __future__ import annotations

import importlib.util

import pytest

from docgen import doctypes
from docgen.checks import check_docx, check_plan
from docgen.checks.document import from_docx
from docgen.importing.importer import import_bytes
from docgen.plan.files import PlanFileError, load_plan, parse_plan_data
from docgen.document.render import render_plan

from ..conftest import ROOT
from .docx_reading import texts, word_document
from .test_bao_cao import BAO_CAO


def _template_builder():
    spec = importlib.util.spec_from_file_location("build_template", ROOT / "templates_docx" / "build_template.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def thong_bao(tmp_path_factory):
    """Thông báo (notice): no appendix, no campaign."""
    template = tmp_path_factory.mktemp("thong-bao") / "notice.docx"
    template.write_bytes(_template_builder().build("Thông báo"))
    doc_type = doctypes.register(doctypes.DocumentType(
        key="thong_bao", name="Thông báo", title="THÔNG BÁO", symbol_prefix="TB",
        template=str(template), appendices=False, campaign=False,
    ))
    yield doc_type
    doctypes.unregister("thong_bao")


@pytest.fixture(scope="module")
def notice_data(thong_bao) -> dict:
    data = load_plan(BAO_CAO).model_dump(mode="json", exclude_none=True)
    data["type"] = "thong_bao"
    del data["header"]["symbol"]
    del data["appendices"]
    data["subject"] = "Kết quả cấp tài khoản định danh điện tử trên địa bàn xã"
    data["sections"][0]["blocks"] = ["Đã thu nhận 1.164 hồ sơ định danh điện tử mức độ 2."]
    return data


def test_registered_and_listed(thong_bao):
    assert doctypes.get("thong_bao") is thong_bao and doctypes.ALL["thong_bao"] is thong_bao
    assert "thong_bao (Thông báo)" in doctypes.known_text()


def test_rendered_checked_and_read_back(notice_data):
    notice = parse_plan_data(notice_data, "thong-bao")
    assert notice.header.symbol == "TB-UBND"
    docx = render_plan(notice)
    lines = texts(docx)
    assert "THÔNG BÁO" in lines and "Số: 07/TB-UBND" in lines
    assert "KẾ HOẠCH" not in lines and "BÁO CÁO" not in lines
    assert word_document(docx).core_properties.title == "Thông báo (mẫu Nghị định 30/2020/NĐ-CP)"
    assert [f.line() for f in check_plan(notice, docx)] == []
    assert [f.line() for f in check_docx(docx)] == []
    assert from_docx(docx).doc_type.key == "thong_bao"
    imported = import_bytes(docx, "thong-bao.docx").plan
    assert imported.type == "thong_bao" and imported.header.symbol == "TB-UBND"


def test_the_checks_expect_tb(notice_data):
    data = {**notice_data, "header": {**notice_data["header"], "symbol": "KH-UBND"}}
    findings = [f for f in check_plan(parse_plan_data(data, "thong-bao")) if f.code == "layout.number_line"]
    assert [f.message for f in findings] == ["ký hiệu “KH-UBND” không bắt đầu bằng “TB-” của thông báo"]


def test_its_parts_are_kept(notice_data):
    data = {**notice_data, "appendices": load_plan(BAO_CAO).model_dump(mode="json", exclude_none=True)["appendices"]}
    with pytest.raises(PlanFileError) as refused:
        parse_plan_data(data, "thong-bao.yaml")
    assert "Thông báo không có phụ lục" in str(refused.value)


def test_gone_once_unregistered(thong_bao):
    doctypes.unregister("thong_bao")
    try:
        with pytest.raises(doctypes.UnknownDocumentType):
            doctypes.get("thong_bao")
    finally:
        doctypes.register(thong_bao)
