"""The web app keeps a document's type: a new Báo cáo from /plan/new?type=,
its preview, its .docx and its file names, and a draft saved, reopened and
downloaded as a Báo cáo."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import docx

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
    doc_type = re.search(r'<script type="application/json" id="doc-type">(.*?)</script>', html).group(1)
    assert json.loads(doc_type) == {"name": "Báo cáo", "noun": "báo cáo"}  # the editor's words (vocabulary.js)
    plain = client.get("/plan/new").get_data(as_text=True)
    assert "<title>Soạn kế hoạch" in plain and editor_plan(plain)["header"]["symbol"] == "KH-UBND"
    assert client.get("/plan/new?type=quyet_dinh").status_code == 404


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
