"""A report (Báo cáo) in the web: saved as a draft with its type, reference,
period and results columns; the live checks and the review page show the
report checks; the download is a BÁO CÁO."""

from __future__ import annotations

import io

import docx
import pytest

from docgen.plan.files import load_plan
from docgen.reports import report_from
from docgen.web.plans import editable_data

from .conftest import SAMPLE_FILES
from .test_drafts_api import CONFIRM, create, login, people  # noqa: F401 - fixtures


@pytest.fixture
def report():
    return editable_data(report_from(load_plan(SAMPLE_FILES["002"])))


def with_result(report: dict, row: int, value) -> dict:
    data = {**report, "appendices": [dict(a) for a in report["appendices"]]}
    rows = [dict(r) for r in data["appendices"][0]["rows"]]
    rows[row]["target_ket_qua"] = value
    data["appendices"][0]["rows"] = rows
    return data


def test_a_report_is_saved_with_its_type_reference_period_and_results(login, report):
    an = login("an")
    draft = create(an, report)
    filled = with_result(report, 0, 12476)
    response = an.post_json(f"/api/drafts/{draft}/versions", {"plan": filled, "base_version": 1})
    assert response.status_code == 201, response.get_json()
    stored = an.get(f"/api/drafts/{draft}").get_json()["plan"]
    assert stored["type"] == "bao_cao"
    assert stored["reference"]["number"] == 2314 and stored["reference"]["symbol"] == "KH-UBND"
    assert stored["period"] == {"start": "2023-09-01", "end": "2023-10-20"}
    results = next(c for c in stored["appendices"][0]["columns"] if c.get("target"))
    assert results["target"] == "target"
    assert stored["appendices"][0]["rows"][0]["target_ket_qua"] == 12476
    editor = an.get(f"/drafts/{draft}/edit").get_data(as_text=True)
    assert "Kết quả thực hiện Kế hoạch số 2314/KH-UBND" in editor


def test_the_live_checks_give_the_report_findings_with_their_field(client, report):
    response = client.post("/api/check", json=with_result(report, 0, 12476))
    assert response.status_code == 200
    found = {f["code"]: f for f in response.get_json()["findings"]}
    under = found["report.result_under_target"]
    assert under["path"] == "appendices.0.rows.0.target_ket_qua"
    assert under["message"] == "kết quả 12.476 chưa đạt chỉ tiêu 16.283 (đạt 76,62%)"
    assert found["content.to_fill"]["severity"] == "error" and "report.result_missing" in found


def test_a_report_is_reviewed_like_a_plan(login, report):
    an, chau = login("an"), login("chau")
    draft = create(an, with_result(report, 1, 30000))
    assert an.post_form(f"/drafts/{draft}/submit").status_code == 302
    review = chau.get(f"/drafts/{draft}/review").get_data(as_text=True)
    assert "report.result_over_target" in review and "content.to_fill" in review
    assert "BÁO CÁO" in review
    # the "…" left to fill are errors: approving asks to confirm them
    assert chau.post_form(f"/drafts/{draft}/approve").status_code == 409
    assert chau.post_form(f"/drafts/{draft}/approve", CONFIRM).status_code == 302
    downloaded = an.get(f"/drafts/{draft}/download.docx")
    assert downloaded.status_code == 200
    lines = [p.text.strip() for p in docx.Document(io.BytesIO(downloaded.data)).paragraphs]
    assert "BÁO CÁO" in lines and "II. KHÓ KHĂN, VƯỚNG MẮC" in lines
