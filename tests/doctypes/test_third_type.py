"""A type of an existing layout family is one DocumentType and nothing
else: a Hướng dẫn (guidance, HD, Mẫu 1.4) defined here is registered
through the public registry and then rendered with its family's template,
checked, offered to the editor and read back by the unchanged core."""

from __future__ import annotations

import pytest

from docgen import doctypes
from docgen.checks import check_docx, check_plan
from docgen.checks.document import from_docx
from docgen.document.render import render_plan, template_path
from docgen.importing.importer import import_bytes
from docgen.plan.files import PlanFileError, load_plan, parse_plan_data

from .docx_reading import texts, word_document
from .test_bao_cao import BAO_CAO


@pytest.fixture(scope="module")
def huong_dan():
    """Hướng dẫn: no appendix, no campaign, the titled family (Mẫu 1.4)."""
    doc_type = doctypes.register(doctypes.DocumentType(
        key="huong_dan", name="Hướng dẫn", title="HƯỚNG DẪN", symbol_prefix="HD",
        appendices=False, campaign=False,
    ))
    yield doc_type
    doctypes.unregister("huong_dan")


@pytest.fixture(scope="module")
def guidance_data(huong_dan) -> dict:
    data = load_plan(BAO_CAO).model_dump(mode="json", exclude_none=True)
    data["type"] = "huong_dan"
    del data["header"]["symbol"]
    del data["appendices"]
    data["subject"] = "Tích hợp giấy tờ cá nhân trên ứng dụng VNeID"
    data["sections"][0]["blocks"] = ["Công dân mở ứng dụng VNeID, chọn mục Ví giấy tờ."]
    return data


def test_registered_and_listed(huong_dan):
    assert doctypes.get("huong_dan") is huong_dan and doctypes.ALL["huong_dan"] is huong_dan
    assert "huong_dan (Hướng dẫn)" in doctypes.known_text()
    assert huong_dan in doctypes.standalone()
    assert template_path(huong_dan) == template_path(doctypes.get("ke_hoach"))  # its family's


def test_rendered_checked_and_read_back(guidance_data):
    guidance = parse_plan_data(guidance_data, "huong-dan")
    assert guidance.header.symbol == "HD-UBND"
    docx = render_plan(guidance)
    lines = texts(docx)
    assert "HƯỚNG DẪN" in lines and "Số: 07/HD-UBND" in lines
    assert "KẾ HOẠCH" not in lines and "BÁO CÁO" not in lines
    assert word_document(docx).core_properties.title == "Hướng dẫn (mẫu Nghị định 30/2020/NĐ-CP)"
    assert [f.line() for f in check_plan(guidance, docx)] == []
    assert [f.line() for f in check_docx(docx)] == []
    assert from_docx(docx).doc_type.key == "huong_dan"
    imported = import_bytes(docx, "huong-dan.docx").plan
    assert imported.type == "huong_dan" and imported.header.symbol == "HD-UBND"


def test_the_checks_expect_hd(guidance_data):
    data = {**guidance_data, "header": {**guidance_data["header"], "symbol": "KH-UBND"}}
    findings = [f for f in check_plan(parse_plan_data(data, "huong-dan")) if f.code == "layout.number_line"]
    assert [f.message for f in findings] == ["ký hiệu “KH-UBND” không bắt đầu bằng “HD-” của hướng dẫn"]


def test_its_parts_are_kept(guidance_data):
    data = {**guidance_data, "appendices": load_plan(BAO_CAO).model_dump(mode="json", exclude_none=True)["appendices"]}
    with pytest.raises(PlanFileError) as refused:
        parse_plan_data(data, "huong-dan.yaml")
    assert "Hướng dẫn không có phụ lục" in str(refused.value)


def test_gone_once_unregistered(huong_dan):
    doctypes.unregister("huong_dan")
    try:
        with pytest.raises(doctypes.UnknownDocumentType):
            doctypes.get("huong_dan")
    finally:
        doctypes.register(huong_dan)
    with pytest.raises(ValueError, match="có sẵn"):
        doctypes.unregister("cong_van")


def test_every_module_of_the_package_is_a_registered_type():
    """The registry reads the package: a module of docgen/doctypes/ that
    defines a DocumentType is registered with nothing else to change."""
    import pkgutil

    # decree: every type Decree 30 names, registered or not (how an import recognises them)
    modules = {info.name for info in pkgutil.iter_modules(doctypes.__path__)} - {"base", "decree"}
    assert modules == {key for key, kind in doctypes.ALL.items() if kind.key != "huong_dan"}
    ranks = [kind.rank for kind in doctypes.ALL.values() if kind.key != "huong_dan"]
    assert ranks == sorted(ranks) and list(doctypes.ALL)[0] == doctypes.DEFAULT


def test_the_developer_guide_s_new_type_is_one_module_and_a_sample():
    """The diff in the developer's guide's "Loại văn bản" (docs/developer.md)
    adds two files, a module of docgen/doctypes/ and its sample; applied here
    (the module run as the package would import it), the sample renders,
    checks clean and comes back."""
    import re

    from docgen.plan.files import parse_plan_text

    from ..conftest import ROOT

    guide = (ROOT / "docs" / "developer.md").read_text(encoding="utf-8")
    section = guide[guide.index("\n## Loại văn bản"):]
    diff = section[section.index("```diff"):section.index("```", section.index("```diff") + 7)]
    added: dict[str, list[str]] = {}
    for line in diff.splitlines():
        if line.startswith("+++ b/"):
            added[line[len("+++ b/"):]] = []
        elif line.startswith("+") and added:
            added[list(added)[-1]].append(line[1:])
    module, sample = sorted(added)
    assert re.fullmatch(r"docgen/doctypes/\w+\.py", module) and sample.startswith("samples/types/")
    assert all(re.match(r"^--- /dev/null", line) for line in diff.splitlines() if line.startswith("---"))
    namespace: dict = {}
    exec("\n".join(added[module]).replace("from .base import", "from docgen.doctypes.base import"), namespace)
    new_type = next(value for value in namespace.values() if isinstance(value, doctypes.DocumentType))
    doctypes.register(new_type)
    try:
        plan = parse_plan_text("\n".join(added[sample]), sample)
        docx = render_plan(plan)
        assert new_type.title in texts(docx)
        assert [f.line() for f in check_plan(plan, docx)] == [] and [f.line() for f in check_docx(docx)] == []
        assert import_bytes(docx, "new.docx").plan.type == new_type.key
    finally:
        doctypes.unregister(new_type.key)
