"""The web app keeps a document's type: a new Báo cáo from /plan/new?type=,
its preview, its .docx and its file names, and a draft saved, reopened and
downloaded as a Báo cáo; every type's sample rendered, checked and imported
through the API, and a blank document of each type in the editor."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import docx
import pytest

from docgen import doctypes

from docgen.plan.files import load_plan
from docgen.web.plans import editable_data

from .test_drafts_api import create, login, people  # noqa: F401 (fixtures)

REPORT = Path(__file__).resolve().parent.parent / "doctypes" / "bao_cao.yaml"
PLAN_DATA = re.compile(r'<script type="application/json" id="plan-data">(.*?)</script>', re.S)


def report() -> dict:
    return editable_data(load_plan(REPORT))


def docx_texts(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    cells = [p for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    return [p.text.strip() for p in list(document.paragraphs) + cells if p.text.strip()]


def editor_plan(html: str) -> dict:
    return json.loads(PLAN_DATA.search(html).group(1))


def test_a_new_report_starts_as_a_report(client):
    html = client.get("/plan/new?type=bao_cao").get_data(as_text=True)
    assert "<title>Soạn báo cáo" in html
    plan = editor_plan(html)
    assert plan["type"] == "bao_cao" and plan["header"]["symbol"] == "BC-UBND"
    assert [s["title"] for s in plan["sections"]] == ["KẾT QUẢ THỰC HIỆN", "KHÓ KHĂN, VƯỚNG MẮC", "ĐỀ XUẤT, KIẾN NGHỊ"]
    vocabulary = re.search(r'<script type="application/json" id="vocabulary">(.*?)</script>', html).group(1)
    served = json.loads(vocabulary)["doc_types"]["bao_cao"]  # the editor's words and groups (vocabulary.js)
    assert (served["name"], served["noun"]) == ("Báo cáo", "báo cáo") and "period" in served["groups"]
    plain = client.get("/plan/new").get_data(as_text=True)
    assert "<title>Soạn kế hoạch" in plain and editor_plan(plain)["header"]["symbol"] == "KH-UBND"
    assert client.get("/plan/new?type=bien_ban").status_code == 404
    assert client.get("/plan/new?type=quy_che").status_code == 404  # issued only by a decision


def test_preview_and_docx_of_a_report(client):
    preview = client.post("/api/preview", json=report())
    assert preview.status_code == 200 and "BÁO CÁO" in preview.get_data(as_text=True)
    assert "KẾ HOẠCH" not in preview.get_data(as_text=True)
    rendered = client.post("/api/render", json=report())
    assert rendered.status_code == 200
    assert 'filename="BC-07-UBND-Ia-Kdam-2023-10-20.docx"' in rendered.headers["Content-Disposition"]
    lines = docx_texts(rendered.data)
    assert "BÁO CÁO" in lines and "Số: 07/BC-UBND" in lines


def test_an_unfinished_report_exports_under_its_type(client):
    unfinished = {"type": "bao_cao", "subject": "Kết quả", "header": {"date": {"month": 13}}}
    response = client.post("/api/export?format=json", json=unfinished)
    assert 'filename="bao-cao-ban-nhap.json"' in response.headers["Content-Disposition"]
    assert response.get_json()["type"] == "bao_cao"


def test_a_report_draft_stays_a_report(login):  # noqa: F811
    an = login("an")
    draft = create(an, report())
    assert an.get(f"/api/drafts/{draft}").get_json()["plan"]["type"] == "bao_cao"
    edited = {**report(), "subject": "Kết quả cấp tài khoản định danh điện tử quý IV"}
    assert an.post_json(f"/api/drafts/{draft}/versions", {"plan": edited, "base_version": 1}).status_code == 201
    saved = an.get(f"/api/drafts/{draft}").get_json()["plan"]
    assert saved["type"] == "bao_cao" and saved["header"]["symbol"] == "BC-UBND"
    page = an.get(f"/drafts/{draft}/edit").get_data(as_text=True)
    assert "<title>Soạn báo cáo" in page and editor_plan(page)["type"] == "bao_cao"
    download = an.get(f"/drafts/{draft}/download.docx")
    assert download.status_code == 200
    lines = docx_texts(download.data)
    assert "BÁO CÁO" in lines and "DỰ THẢO" in lines and "Số: 07/BC-UBND" in lines


# --- every type, in the API and the editor ------------------------------------------------------

TYPE_SAMPLES = sorted((Path(__file__).resolve().parents[2] / "samples" / "types").glob("*.yaml"))
NEW_TYPES = [kind.key for kind in doctypes.standalone()]


@pytest.mark.parametrize("path", TYPE_SAMPLES, ids=lambda p: p.stem)
def test_api_renders_checks_and_imports_each_type(client, browser_session, path):
    plan = editable_data(load_plan(path))
    rendered = client.post("/api/render", json=plan)
    assert rendered.status_code == 200
    kind = doctypes.get(plan["type"])
    lines = docx_texts(rendered.data)
    assert (kind.title in lines) if kind.title else not any(t.title in lines for t in doctypes.ALL.values() if t.title)
    checked = client.post("/api/check", json=plan).get_json()
    assert checked["findings"] == []
    imported = browser_session.post("/api/import", data={"file": (io.BytesIO(rendered.data), "van-ban.docx")},
                                    content_type="multipart/form-data").get_json()
    assert imported["plan"]["type"] == plan["type"] and imported["errors"] == []


@pytest.mark.parametrize("key", NEW_TYPES)
def test_the_editor_opens_a_blank_document_of_each_type(client, key):
    html = client.get(f"/plan/new?type={key}").get_data(as_text=True)
    kind = doctypes.get(key)
    assert f"<title>Soạn {kind.noun}" in html
    assert f'"type": "{key}"' in html or f'"type":"{key}"' in html


