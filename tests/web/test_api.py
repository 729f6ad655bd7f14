"""The JSON API through Flask's test client: every endpoint, its error
statuses, and the same bytes as the command line."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess

import pytest
import yaml
from click.testing import CliRunner

from docgen.cli import main as cli
from docgen.word import document_text, xml_parts
from docgen.plan.files import load_plan
from docgen.document.render import render_plan

from .conftest import ROOT

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PLAN_ENDPOINTS = ["/api/render", "/api/preview", "/api/validate", "/api/export", "/api/table"]


def errors(response) -> dict[str, str]:
    return {e["path"]: e["message"] for e in response.get_json()["errors"]}


# --- /api/render -----------------------------------------------------------------


def test_render_gives_the_same_document_as_the_cli(client, sample_plans, sample_file, tmp_path):
    response = client.post("/api/render", json=sample_plans["002"])
    assert response.status_code == 200
    assert response.mimetype == DOCX
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="KH-2314-UBND-Gia-Lai-2023-08-29.docx"')
    expected = render_plan(load_plan(sample_file["002"]))
    assert xml_parts(response.data)["word/document.xml"] == xml_parts(expected)["word/document.xml"]
    assert response.data == expected

    out = tmp_path / "cli.docx"
    result = CliRunner().invoke(cli, ["render", str(sample_file["002"]), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert xml_parts(out.read_bytes())["word/document.xml"] == xml_parts(response.data)["word/document.xml"]


@pytest.mark.parametrize("number", ["000", "001", "003", "004"])
def test_render_every_sample(client, sample_plans, number):
    response = client.post("/api/render", json=sample_plans[number])
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith('.docx"')
    assert sample_plans[number]["signer"]["name"] in document_text(response.data)


needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice not installed (scripts/setup.sh installs it)")


def pdf_run(data: bytes, tmp_path, *command: str) -> str:
    path = tmp_path / "api.pdf"
    path.write_bytes(data)
    return subprocess.run([*command, str(path)] + (["-"] if command[0] == "pdftotext" else []),
                          capture_output=True, text=True, check=True).stdout


@needs_soffice
def test_render_pdf(client, sample_plans, tmp_path):
    response = client.post("/api/render?format=pdf", json=sample_plans["002"])
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="KH-2314-UBND-Gia-Lai-2023-08-29.pdf"')
    assert re.search(r"^Pages:\s+9$", pdf_run(response.data, tmp_path, "pdfinfo"), re.M)
    assert "Trương Hải Long" in pdf_run(response.data, tmp_path, "pdftotext")
    assert "pdfaid" not in pdf_run(response.data, tmp_path, "pdfinfo", "-meta")


@needs_soffice
def test_render_pdf_a(client, sample_plans, tmp_path):
    response = client.post("/api/render?format=pdf-a", json=sample_plans["001"])
    assert response.status_code == 200
    assert "<pdfaid:part>2</pdfaid:part>" in pdf_run(response.data, tmp_path, "pdfinfo", "-meta")


def test_render_unknown_format_is_400(client, sample_plans):
    response = client.post("/api/render?format=odt", json=sample_plans["002"])
    assert response.status_code == 400
    assert errors(response) == {"format": "format phải là docx, pdf hoặc pdf-a"}


def test_render_pdf_failure_is_503_with_the_reason(client, sample_plans, monkeypatch):
    from docgen import pdf

    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    response = client.post("/api/render?format=pdf", json=sample_plans["002"])
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert errors(response) == {"": "Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF; hãy tải tệp .docx."}


def test_draft_file_name(client, sample_plans):
    response = client.post("/api/render", json=sample_plans["000"])
    assert 'filename="KH-UBND-du-thao-Dak-Lak-2026-06.docx"' in response.headers["Content-Disposition"]


def test_invalid_plan_is_422_with_field_paths(client, sample_plans):
    plan = copy.deepcopy(sample_plans["002"])
    plan["header"]["date"]["month"] = 13
    plan["signer"]["name"] = ""
    plan["sections"][0]["blocks"][2]["kind"] = "nonsense"
    response = client.post("/api/render", json=plan)
    assert response.status_code == 422
    found = errors(response)
    assert found["header.date.month"] == "phải nhỏ hơn hoặc bằng 12"
    assert found["signer.name"] == "cần họ tên người ký"
    assert "loại khối 'nonsense' không có" in found["sections.0.blocks.2"]


def test_campaign_end_before_start(client, sample_plans):
    plan = copy.deepcopy(sample_plans["002"])
    plan["campaign"]["end"] = "01/8/2023"
    response = client.post("/api/validate", json=plan)
    assert errors(response) == {"campaign": "ngày kết thúc (01/8/2023) trước ngày bắt đầu (01/9/2023)"}


# --- bad input: 400, 413, 415, never 500 -----------------------------------------------


@pytest.mark.parametrize("url", PLAN_ENDPOINTS)
def test_malformed_json_is_400(client, url):
    response = client.post(url, data='{"header": ', content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["message"].startswith("JSON không hợp lệ: dòng 1")


@pytest.mark.parametrize("body", [
    b"[" * 100_000,  # nested too deep for the parser
    b'{"header": {"number": 1' + b"0" * 5000 + b"}}",  # beyond Python's int digits
    b"\xff\xfe not utf-8",
    b"[1, 2, 3]",  # JSON, but not an object
    b"null",
])
def test_hostile_json_is_400(client, body):
    response = client.post("/api/render", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["message"]


@pytest.mark.parametrize("url", PLAN_ENDPOINTS)
def test_not_json_is_415(client, url):
    response = client.post(url, data="header: x", content_type="text/plain")
    assert response.status_code == 415
    assert "application/json" in response.get_json()["errors"][0]["message"]


def test_too_large_is_413_with_a_clear_message(client):
    body = json.dumps({"subject": "x" * (5 * 1024 * 1024)})
    response = client.post("/api/render", data=body, content_type="application/json")
    assert response.status_code == 413
    assert response.get_json()["errors"] == [{
        "path": "", "label": "",
        "message": "Dữ liệu gửi lên quá lớn: tối đa 4 MB. Hãy bớt nội dung hoặc chia nhỏ tệp.",
    }]


@pytest.mark.parametrize("data", [
    {},
    {"header": "x", "subject": 5, "signer": []},
    {"header": {"issuing_body": [None], "place": "", "date": {"year": "năm", "month": 0}},
     "subject": "", "signer": {"authority": ["XYZ. GIÁM ĐỐC"], "name": "Ông A"}},
    {"header": {"issuing_body": ["A"], "place": "P", "date": {"year": 2023, "month": 1}},
     "subject": "S", "signer": {"authority": ["CHỦ TỊCH"], "name": "A"},
     "appendices": [{"title": "T", "columns": [{"key": "Bad Key", "title": "x"}], "rows": [{"y": "z"}]}]},
])
def test_wrong_shapes_are_422_never_500(client, data):
    for url in ("/api/render", "/api/preview"):
        response = client.post(url, json=data)
        assert response.status_code == 422, response.get_data(as_text=True)
        assert all(e["message"] for e in response.get_json()["errors"])


def test_unknown_api_path_and_method_are_json(client):
    missing = client.get("/api/nothing")
    assert missing.status_code == 404 and missing.get_json()["errors"][0]["message"]
    wrong = client.get("/api/render")
    assert wrong.status_code == 405 and "POST" in wrong.headers["Allow"]
    assert wrong.get_json()["errors"][0]["message"] == "Địa chỉ này không nhận phương thức GET."


# --- /api/preview, /api/validate -------------------------------------------------------------


def test_preview_is_an_html_fragment(client, sample_plans):
    response = client.post("/api/preview", json=sample_plans["002"])
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith('<article class="doc"')
    assert "<script" not in html


def test_validate(client, sample_plans):
    assert client.post("/api/validate", json=sample_plans["002"]).get_json() == {"errors": [], "notices": []}
    plan = copy.deepcopy(sample_plans["002"])
    del plan["signer"]
    response = client.post("/api/validate", json=plan)
    assert response.status_code == 200
    assert response.get_json() == {"errors": [
        {"path": "signer", "label": "Người ký", "message": "thiếu trường bắt buộc"}], "notices": []}


# --- /api/table ---------------------------------------------------------------------------------


def test_table_computes_columns_and_the_total_of_seed_002(client, sample_plans):
    plan = sample_plans["002"]
    response = client.post("/api/table", json={"appendix": plan["appendices"][0], "campaign": plan["campaign"]})
    assert response.status_code == 200
    table = response.get_json()
    assert table["rows"][0] == {"unit": "Huyện Đak Pơ", "target": "16.283", "done": "12.476",
                                "rate": "76,62%", "remaining": "3.807", "per_day": "76"}
    assert table["total"] == {"unit": "", "target": "684.037", "done": "245.576", "rate": "35,90%",
                              "remaining": "438.461", "per_day": "8.769"}
    assert table["table"]["head"][0] == "STT"
    assert table["table"]["rows"][0][:2] == ["1", "Huyện Đak Pơ"]  # sorted by rate, as printed
    assert table["table"]["total"][1] == "TỔNG"


def test_table_reads_figures_typed_the_vietnamese_way(client, sample_plans):
    appendix = copy.deepcopy(sample_plans["002"]["appendices"][0])
    appendix["rows"] = [{"unit": "Xã A", "target": "1.200", "done": "300"}]
    table = client.post("/api/table", json={"appendix": appendix, "campaign": {"days": 10}}).get_json()
    assert table["rows"][0]["rate"] == "25,00%"
    assert table["rows"][0]["per_day"] == "90"


def test_table_errors_point_into_the_appendix(client, sample_plans):
    appendix = copy.deepcopy(sample_plans["002"]["appendices"][0])
    appendix["rows"] = [{"unit": "Xã A", "target": "nhiều", "done": "3"}]
    response = client.post("/api/table", json={"appendix": appendix})
    assert response.status_code == 422
    assert errors(response) == {"appendix.rows.0.target": "'nhiều' không phải là số"}
    assert response.get_json()["errors"][0]["label"] == "Phụ lục 1, dòng 1, cột “Chỉ tiêu kích hoạt”"


def test_table_without_a_valid_campaign_leaves_daily_quota_blank(client, sample_plans):
    appendix = sample_plans["002"]["appendices"][0]
    campaign = {"start": "20/10/2023", "end": "01/9/2023"}  # still being typed
    table = client.post("/api/table", json={"appendix": appendix, "campaign": campaign}).get_json()
    assert table["rows"][0]["per_day"] == ""
    assert table["rows"][0]["rate"] == "76,62%"


# --- /api/export, /api/import ---------------------------------------------------------------------


def test_export_yaml_and_json_round_trip(client, sample_plans):
    response = client.post("/api/export?format=yaml", json=sample_plans["002"])
    assert response.status_code == 200
    assert 'filename="KH-2314-UBND-Gia-Lai-2023-08-29.yaml"' in response.headers["Content-Disposition"]
    assert response.headers["X-Plan-Valid"] == "true"
    assert yaml.safe_load(response.data)["signer"]["name"] == "Trương Hải Long"

    response = client.post("/api/export?format=json", json=sample_plans["002"])
    assert json.loads(response.data) == sample_plans["002"]


def test_export_keeps_a_draft_that_does_not_validate(client):
    draft = {"subject": "Kế hoạch đang soạn", "header": {"date": {"month": 13}}}
    response = client.post("/api/export?format=json", json=draft)
    assert response.status_code == 200
    assert response.headers["X-Plan-Valid"] == "false"
    assert 'filename="ke-hoach-ban-nhap.json"' in response.headers["Content-Disposition"]
    assert json.loads(response.data) == draft


def test_export_format_must_be_known(client, sample_plans):
    assert client.post("/api/export?format=docx", json=sample_plans["002"]).status_code == 400


def test_import_a_yaml_sample(browser_session, sample_file, sample_plans):
    with open(sample_file["002"], "rb") as handle:
        response = browser_session.post("/api/import", data={"file": (handle, "002.yaml")},
                                        content_type="multipart/form-data")
    assert response.status_code == 200
    assert response.get_json() == {"plan": sample_plans["002"], "errors": [], "warnings": [], "summary": ""}


def test_import_keeps_an_invalid_plan_with_its_errors(browser_session):
    text = "subject: Nháp\nsections:\n  - title: MỤC ĐÍCH\n    blocks: ['- gạch đầu dòng', 'đoạn văn']\n"
    response = browser_session.post("/api/import", data={"file": (_bytes(text), "nhap.yaml")},
                                    content_type="multipart/form-data")
    body = response.get_json()
    assert response.status_code == 200
    assert body["plan"]["subject"] == "Nháp"
    assert body["plan"]["sections"][0]["blocks"] == [
        {"kind": "bullet", "text": "gạch đầu dòng"}, {"kind": "paragraph", "text": "đoạn văn"}]
    assert {"path": "header", "label": "Phần đầu văn bản", "message": "thiếu trường bắt buộc"} in body["errors"]


@pytest.mark.parametrize("name, content, message", [
    ("plan.yaml", "a: [unclosed\n", "dòng 2, cột 1: không đọc được YAML/JSON"),
    ("plan.json", '{"a": ', "dòng 1, cột 7: không đọc được JSON"),
    ("plan.yaml", "a: &x [1]\nb: *x\n", "không dùng được bí danh YAML “*x”"),
    ("plan.docx", "PK", "tệp Word bị hỏng"),
    ("plan.xml", "<plan/>", "chỉ mở được tệp Word .docx, văn bản .txt hoặc tệp văn bản đã lưu"),
])
def test_import_unreadable_files_are_422(browser_session, name, content, message):
    response = browser_session.post("/api/import", data={"file": (_bytes(content), name)},
                                    content_type="multipart/form-data")
    assert response.status_code == 422
    assert message in response.get_json()["errors"][0]["message"]


def test_import_needs_a_file(browser_session):
    response = browser_session.post("/api/import", data={}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["message"] == "Chưa chọn tệp."


def _bytes(text: str):
    import io
    return io.BytesIO(text.encode("utf-8"))


# --- /api/schema, /api/samples, /api/openapi.json ------------------------------------------------


def test_schema(client):
    schema = client.get("/api/schema").get_json()
    assert {"header", "subject", "signer"} <= set(schema["required"])


def test_samples(client, sample_plans):
    listed = client.get("/api/samples").get_json()
    assert [s["id"] for s in listed][:5] == ["000", "001", "002", "003", "004"]
    assert {s["id"] for s in listed[5:]} == {p.stem for p in (ROOT / "samples" / "types").glob("*.yaml")}
    assert listed[2]["subject"].startswith("Thực hiện cao điểm “50 ngày, đêm”")
    assert client.get("/api/samples/002").get_json() == sample_plans["002"]
    assert client.get("/api/samples/999").status_code == 404


def test_openapi_describes_every_endpoint(client, app):
    document = client.get("/api/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    described = set(document["paths"])
    routed = {
        rule.rule.replace("<sample_id>", "{sample_id}")
        for rule in app.url_map.iter_rules() if rule.endpoint.startswith("api.")
    }
    assert routed <= described  # and the other blueprints' /api routes: test_openapi_contract.py
    render = document["paths"]["/api/render"]["post"]
    assert {"200", "400", "413", "415", "422"} <= set(render["responses"])
    assert "Plan" in document["components"]["schemas"]
    assert json.dumps(document).count("#/$defs/") == 0  # every reference resolves in components
