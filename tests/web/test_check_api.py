"""POST /api/check: the findings of ``docgen check`` for the plan sent, with
the field each concerns, named as the form names it."""

from __future__ import annotations

import copy
import json

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.plan.labels import looks_like_path


def cli_findings(tmp_path, plan: dict) -> list[dict]:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)["findings"]


def same_shape(finding: dict) -> tuple:
    where = finding["where"]
    return (finding["code"], finding["severity"], finding["message"], finding["advice"],
            finding["path"], finding["label"], where if isinstance(where, str) else where["text"])


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_check_gives_what_the_cli_gives(client, sample_plans, tmp_path, number):
    plan = sample_plans[number]
    response = client.post("/api/check", json=plan)
    assert response.status_code == 200
    body = response.get_json()
    api = [same_shape(f) for f in body["findings"]]
    assert api == [same_shape(f) for f in cli_findings(tmp_path, plan)]
    assert api  # every seed has findings
    assert body["errors"] == sum(f["severity"] == "error" for f in body["findings"])


def test_a_date_line_broken_by_the_place_points_at_the_place(client, sample_plans):
    plan = copy.deepcopy(sample_plans["002"])
    plan["header"]["place"] = "Gia Lai ngày 29 tháng 8 năm 2023"
    findings = client.post("/api/check", json=plan).get_json()["findings"]
    [date] = [f for f in findings if f["code"] == "layout.date_line"]
    assert (date["path"], date["label"], date["severity"]) == ("header.place", "Địa danh", "error")


def test_findings_point_at_their_fields(client, sample_plans):
    findings = client.post("/api/check", json=sample_plans["004"]).get_json()["findings"]
    by_code = {f["code"]: f for f in findings}
    assert by_code["consistency.section_repeated"]["path"] == "sections.5.number"  # typed "IV" by hand
    assert by_code["consistency.section_repeated"]["label"] == "Mục IV – Số mục"
    assert by_code["consistency.campaign_length"]["path"] == "subject"
    assert by_code["sensitive.password"]["label"] == "Mục V, khối 5 – Nội dung"
    assert [f["path"] for f in findings if f["code"] == "consistency.recipient_punctuation"] == [
        "recipients.1", "recipients.5"]
    plan = copy.deepcopy(sample_plans["002"])
    plan["header"]["symbol"] = "CV-UBND"
    findings = client.post("/api/check", json=plan).get_json()["findings"]
    assert [f["path"] for f in findings if f["code"] == "layout.number_line"] == ["header.symbol"]


def test_no_finding_shows_a_path(client, sample_plans):
    for plan in sample_plans.values():
        for finding in client.post("/api/check", json=plan).get_json()["findings"]:
            shown = " ".join(str(finding[k]) for k in ("label", "message", "advice", "where"))
            assert not looks_like_path(shown), shown


def test_invalid_plan_is_422_with_labelled_errors(client, sample_plans):
    plan = copy.deepcopy(sample_plans["002"])
    plan["header"]["date"]["month"] = 13
    response = client.post("/api/check", json=plan)
    assert response.status_code == 422
    assert response.get_json()["errors"] == [
        {"path": "header.date.month", "label": "Ngày ban hành – Tháng", "message": "phải nhỏ hơn hoặc bằng 12"}]


def test_check_needs_the_csrf_token_in_a_browser_session(browser_session, sample_plans):
    assert browser_session.post("/api/check", json=sample_plans["002"], token=False).status_code == 403
    assert browser_session.post("/api/check", json=sample_plans["002"]).status_code == 200


def test_openapi_documents_check(client):
    document = client.get("/api/openapi.json").get_json()
    check = document["paths"]["/api/check"]["post"]
    assert check["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/Findings")
    finding = document["components"]["schemas"]["Finding"]
    assert {"path", "label", "severity", "message"} <= set(finding["required"])


# --- the review page shows the same findings, named the same way -------------------------

from .test_drafts_api import create, login, people  # noqa: E402,F401  (fixtures)


def test_review_page_names_each_findings_field(login, sample_plans):
    import html
    import re

    from docgen.checks import check_plan
    from docgen.plan.files import parse_plan_data

    draft = create(login("an"), sample_plans["004"])
    page = login("chau").get(f"/drafts/{draft}/review").get_data(as_text=True)
    section = html.unescape(re.search(r'<section class="card" id="findings".*?</section>', page, re.S).group(0))
    text = re.sub(r"<[^>]+>", " ", section)
    findings = check_plan(parse_plan_data(sample_plans["004"]))
    for finding in findings:
        assert f"({finding.label})" in text
        assert finding.message in text
    assert "(Mục IV – Số mục)" in text and "Lỗi" in text and "Cảnh báo" in text
    assert not looks_like_path(text)


def test_layout_findings_skip_empty_paragraphs_to_find_their_field(client):
    """A .docx read back has no empty paragraphs: "đoạn 1" of section III is
    the second block when the first is still blank."""
    import datetime as dt

    from docgen import doctypes
    from docgen.plan.blank import new_document

    plan = new_document(doctypes.get(None), dt.date(2026, 3, 2))
    plan["header"]["issuing_body"][1] = "XÃ IA KHA"
    plan["header"]["place"] = "Ia Kha"
    plan["subject"] = "Thử nghiệm"
    plan["signer"]["name"] = "Nguyễn Văn A"
    plan["sections"][2]["blocks"] = [{"kind": "paragraph", "text": ""},
                                     {"kind": "paragraph", "text": "Giao Công an xã thực hiện"}]
    findings = client.post("/api/check", json=plan).get_json()["findings"]
    [end] = [f for f in findings if f["code"] == "layout.body_end"]
    assert (end["path"], end["label"]) == ("sections.2.blocks.1.text", "Mục III, khối 2 – Nội dung")
