"""Fields are named the way the editor's form names them: one mapping from
path to label (docgen/plan/labels.py), used by field errors, check findings, the
API and the CLI. No message a clerk reads shows a path or a column key."""

from __future__ import annotations

import copy
import re

import pytest
from click.testing import CliRunner

from docgen.checks import check_plan
from docgen.cli import main
from docgen.plan.labels import FIELD_LABELS, field_label, form_labels, looks_like_path
from docgen.plan.files import PlanFileError, load_plan, parse_plan_data

from .conftest import SAMPLES
from .test_safety import minimal

APPENDIX = {
    "title": "SỐ CƠ SỞ ĐÃ KIỂM TRA",
    "columns": [
        {"key": "don_vi", "title": "Đơn vị"},
        {"key": "so_co_so", "title": "Số cơ sở", "type": "number"},
        {"key": "da_kiem_tra", "title": "Đã kiểm tra", "type": "number"},
        {"key": "ty_le", "title": "Tỷ lệ", "type": "percent", "compute": "ratio", "of": ["da_kiem_tra", "so_co_so"]},
        {"key": "moi_ngay", "title": "Mỗi ngày", "type": "number", "compute": "per_day", "of": ["so_co_so"]},
    ],
    "rows": [{"don_vi": "Xã A", "so_co_so": 12, "da_kiem_tra": 3}],
}
KEYS = [c["key"] for c in APPENDIX["columns"]]


@pytest.mark.parametrize(("path", "label"), [
    ("header.place", "Địa danh"),
    ("header.date.month", "Ngày ban hành – Tháng"),
    ("header.issuing_body.1", "Cơ quan ban hành, dòng 2"),
    ("header.issuer_name", "Tên cơ quan ban hành viết thường"),
    ("subject", "Trích yếu"),
    ("opening.0", "Đoạn mở đầu 1"),
    ("sections.2.title", "Mục III – Tên mục"),
    ("sections.0.blocks.1.text", "Mục I, khối 2 – Nội dung"),
    ("sections.0.blocks.0.tasks.1", "Mục I, khối 1, nhiệm vụ 2"),
    ("recipients.3.name", "Nơi nhận 4 – Tên nơi nhận"),
    ("archive", "Lưu"),
    ("signer.authority.0", "Thẩm quyền ký, dòng 1"),
    ("signer.name", "Họ tên người ký"),
    ("campaign.end", "Đến ngày"),
    ("appendices.0.rows.0.so_co_so", "Phụ lục 1, dòng 1, cột “Số cơ sở”"),
    ("appendices.0.columns.1.key", "Phụ lục 1, cột “Số cơ sở” – Mã cột"),
    ("appendices.0.rows", "Phụ lục 1 – Bảng số liệu"),
    ("header.fax", "Phần đầu văn bản – trường “fax”"),
    ("", "Kế hoạch"),
])
def test_labels_as_the_form_shows_them(path, label):
    assert field_label(path, {"appendices": [APPENDIX]}) == label


def test_section_label_uses_a_numeral_typed_by_hand():
    data = {"sections": [{"title": "A"}, {"title": "B", "number": "IV."}]}
    assert field_label("sections.1.title", data) == "Mục IV – Tên mục"


def test_every_field_of_the_model_has_a_label():
    """Each key the plan model accepts is in the mapping (a new field
    without a label would reach the clerk as a path)."""
    from docgen.plan.model import Plan

    schema = Plan.model_json_schema()
    found = set()

    def walk(node, path):
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].split("/")[-1]]
        for option in node.get("anyOf", []) + node.get("oneOf", []):
            walk(option, path)
        if node.get("type") == "array" and "items" in node:
            walk(node["items"], path + ["*"])
        for key, child in node.get("properties", {}).items():
            found.add(".".join(path + [key]))
            walk(child, path + [key])

    walk(schema, [])
    assert {"header.place", "sections.*.blocks.*.tasks", "appendices.*.columns.*.title"} <= found
    assert sorted(found - set(FIELD_LABELS)) == []
    assert set(form_labels()) <= set(FIELD_LABELS)


INVALID = {
    "month": lambda p: p["header"]["date"].update(month=13),
    "place": lambda p: p["header"].update(place=""),
    "symbol": lambda p: p["header"].update(symbol="kh ubnd"),
    "signer": lambda p: p["signer"].update(name="Ông Nguyễn Văn A"),
    "authority": lambda p: p["signer"].update(authority=["KT. CHỦ TỊCH"]),
    "campaign": lambda p: p.update(campaign={"start": "20/10/2023", "end": "01/9/2023"}),
    "negative": lambda p: p["appendices"][0]["rows"].append({"don_vi": "Xã B", "so_co_so": -4}),
    "not_a_number": lambda p: p["appendices"][0]["rows"].append({"don_vi": "Xã B", "so_co_so": "nhiều"}),
    "computed_typed": lambda p: p["appendices"][0]["rows"].append({"don_vi": "Xã B", "ty_le": "5"}),
    "per_day_without_days": lambda p: p.pop("campaign"),
    "issuer_name": lambda p: p["header"].pop("issuer_name"),
    "formula": lambda p: p["appendices"][0]["columns"][3].update(of=["so_co_so"]),
    "text_formula": lambda p: p["appendices"][0]["columns"][3].update(type="text"),
    "requested": lambda p: p["sections"][0]["blocks"].append({"kind": "unit", "name": "Đề nghị Công an xã"}),
    "extra": lambda p: p["header"].update(fax="02693"),
    "unit_name": lambda p: p["sections"][0]["blocks"].append({"kind": "unit", "name": ""}),
}


def _valid_with_appendix() -> dict:
    plan = minimal(appendices=[copy.deepcopy(APPENDIX)], campaign={"days": 30})
    plan["header"]["issuer_name"] = "Ủy ban nhân dân xã Thử Nghiệm"
    return plan


@pytest.mark.parametrize("case", sorted(INVALID))
def test_no_field_error_shows_a_path_or_a_column_key(case):
    plan = _valid_with_appendix()
    parse_plan_data(copy.deepcopy(plan))  # valid before the change
    INVALID[case](plan)
    with pytest.raises(PlanFileError) as info:
        parse_plan_data(plan)
    for error in info.value.errors:
        shown = str(error)
        if error.path:  # errors of the whole plan name their fields in the message
            assert error.label and shown.startswith(error.label + ": ")
        assert not looks_like_path(shown), shown
        assert error.path not in shown or not error.path
        for key in KEYS:
            assert not re.search(rf"\b{key}\b", shown), shown


def test_a_cell_error_names_the_row_and_the_column_title():
    plan = _valid_with_appendix()
    INVALID["not_a_number"](plan)
    with pytest.raises(PlanFileError) as info:
        parse_plan_data(plan)
    [error] = info.value.errors
    assert str(error) == "Phụ lục 1, dòng 2, cột “Số cơ sở”: 'nhiều' không phải là số"


def test_cli_validate_names_fields_by_label(tmp_path):
    import yaml

    plan = _valid_with_appendix()
    INVALID["month"](plan)
    INVALID["negative"](plan)
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    assert f"{path}: Ngày ban hành – Tháng: phải nhỏ hơn hoặc bằng 12" in result.output
    assert "cột “Số cơ sở”" in result.output
    assert not looks_like_path(result.output.replace(str(path), ""))
    assert "so_co_so" not in result.output


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name[:3])
def test_findings_name_their_field_without_paths(sample):
    findings = check_plan(load_plan(sample))
    assert findings
    for finding in findings:
        shown = " ".join([finding.line(), finding.label])
        assert not looks_like_path(shown), shown
        if finding.where.part not in ("page", "styles", "document"):
            assert finding.path and finding.label, finding


def test_looks_like_path():
    assert looks_like_path("cần header.issuer_name")
    assert looks_like_path("Mục (sections.0.blocks.2.text)")
    assert not looks_like_path("Thực hiện Kế hoạch số 2314/KH-UBND. Tổng: 1.248.912")


@pytest.mark.parametrize("pattern", sorted(FIELD_LABELS))
def test_every_label_reads_as_words(pattern):
    """Any path the model has gets a label with no path, no key and no
    unfilled placeholder, with or without the plan's data."""
    path = pattern.replace("*", "2").replace("#", "so_co_so")
    for data in (None, {"appendices": [APPENDIX] * 3}):
        label = field_label(path, data)
        assert label and not looks_like_path(label) and "{" not in label, (path, label)
        assert "_" not in label or "so_co_so" in path and data is None, (path, label)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name[:3])
def test_every_printed_paragraph_knows_its_field(sample):
    """The plan view pairs each printed paragraph with the field it comes
    from (what the editor shows a finding beside)."""
    from docgen.checks.document import from_plan

    plan = load_plan(sample)
    body = from_plan(plan).body
    assert all(p.path.startswith(("opening.", "sections.")) and ".blocks." in p.path or p.index == 0
               or p.part == "opening" for p in body)
    assert not [p for p in body if p.path.endswith(".blocks")]  # never the fallback on the samples
    data = plan.model_dump(mode="json")
    for para in body:  # the field's own text is in the paragraph
        value = data
        for part in para.path.split("."):
            value = value[int(part)] if part.isdigit() else value[part]
        if isinstance(value, str) and value.strip() and "*" not in value:
            assert " ".join(value.split())[:20] in " ".join(para.text.split()), (para.path, para.text)
