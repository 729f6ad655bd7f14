"""Typed labels through the JSON API: /api/validate names the fields whose
label is taken off (info notices, also while the plan has errors), and
/api/render and /api/preview print each label once."""

from __future__ import annotations

import copy

from docgen.word import paragraphs


def labelled(plan: dict) -> dict:
    """Sample 002 as a clerk might type it: labels in front of titles and items."""
    plan = copy.deepcopy(plan)
    first = plan["sections"][0]
    first["title"] = "I. " + first["title"]
    first["blocks"][0]["text"] = "1. " + first["blocks"][0]["text"]
    first["blocks"].insert(1, {"kind": "heading", "title": "1. Mục đích"})
    first["blocks"].insert(2, {"kind": "bullet", "text": "- - Tuyên truyền rộng rãi"})
    first["blocks"].insert(3, {"kind": "bullet", "text": ""})
    first["blocks"].insert(4, {"kind": "numbered", "text": "1.000 hộ dân được hướng dẫn"})
    return plan


def test_validate_reports_each_label_taken_off(client, sample_plans):
    response = client.post("/api/validate", json=labelled(sample_plans["002"]))
    assert response.status_code == 200
    body = response.get_json()
    assert body["errors"] == []
    notices = {n["path"]: n for n in body["notices"]}
    assert list(notices) == ["sections.0.title", "sections.0.blocks.0.text", "sections.0.blocks.1.title",
                             "sections.0.blocks.2.text"]
    assert notices["sections.0.title"] == {
        "path": "sections.0.title", "level": "info", "value": "MỤC ĐÍCH, YÊU CẦU",
        "message": "“I.” gõ ở đầu không được in: văn bản tự in số mục (I, II, …), in thêm sẽ thành hai lần"}
    assert notices["sections.0.blocks.1.title"]["value"] == "Mục đích"
    assert notices["sections.0.blocks.2.text"]["message"].startswith("“- -” gõ ở đầu không được in")


def test_validate_reports_labels_while_the_plan_has_errors(client, sample_plans):
    plan = labelled(sample_plans["002"])
    plan["signer"]["name"] = ""
    body = client.post("/api/validate", json=plan).get_json()
    assert body["errors"] == [{"path": "signer.name", "label": "Họ tên người ký", "message": "cần họ tên người ký"}]
    assert [n["path"] for n in body["notices"]][:2] == ["sections.0.title", "sections.0.blocks.0.text"]


def test_render_prints_each_label_once(client, sample_plans):
    response = client.post("/api/render", json=labelled(sample_plans["002"]))
    assert response.status_code == 200
    texts = [p.text for p in paragraphs(response.data)]
    assert texts.count("I. MỤC ĐÍCH, YÊU CẦU") == 1
    assert not any(t.startswith(("I. I.", "1. 1.", "- -")) for t in texts)
    at = texts.index("I. MỤC ĐÍCH, YÊU CẦU")
    assert texts[at + 1].startswith("1. Đẩy mạnh tuyên truyền về định danh điện tử")
    assert texts[at + 2:at + 5] == ["2. Mục đích", "- Tuyên truyền rộng rãi", "3. 1.000 hộ dân được hướng dẫn"]
    assert texts[at + 5].startswith("4. Huy động sự tham gia")


def test_preview_prints_each_label_once(client, sample_plans):
    response = client.post("/api/preview", json=labelled(sample_plans["002"]))
    html = response.get_data(as_text=True)
    assert html.count("MỤC ĐÍCH, YÊU CẦU") == 1
    assert "I. MỤC ĐÍCH, YÊU CẦU" in html and "I. I." not in html
    assert "2. Mục đích" in html and "1. 1." not in html


def test_export_stores_the_text_without_the_label(client, sample_plans):
    response = client.post("/api/export?format=json", json=labelled(sample_plans["002"]))
    data = response.get_json()
    assert data["sections"][0]["title"] == "MỤC ĐÍCH, YÊU CẦU"
    assert data["sections"][0]["blocks"][1] == {"kind": "heading", "title": "Mục đích"}
    assert client.post("/api/validate", json=data).get_json() == {"errors": [], "notices": []}


def test_openapi_describes_the_notices(client):
    schemas = client.get("/api/openapi.json").get_json()["components"]["schemas"]
    assert set(schemas["Validation"]["properties"]) == {"errors", "notices"}
    assert schemas["FieldNotice"]["required"] == ["path", "message", "value", "level"]
