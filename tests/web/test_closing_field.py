"""The editor's "Đoạn kết" (issue 20): the form of a type with a closing has
its group right after the sections, its labels come from the server, a new
document starts with one empty paragraph, and the API's errors, findings
and preview point to it and print it where the document does."""

from __future__ import annotations

import copy
import json
import re

from docgen import doctypes
from docgen.plan.files import load_plan
from docgen.web.plans import editable_data

from .conftest import ROOT

VOCABULARY = re.compile(r'<script type="application/json" id="vocabulary">(.*?)</script>', re.S)
PLAN_DATA = re.compile(r'<script type="application/json" id="plan-data">(.*?)</script>', re.S)
CLOSING = "Trên đây là Kế hoạch của UBND tỉnh Gia Lai; đề nghị các cơ quan, đơn vị triển khai thực hiện./."


def test_the_form_of_each_type_has_the_closing_group_after_the_sections(client):
    for kind in doctypes.standalone():
        html = client.get(f"/plan/new?type={kind.key}").get_data(as_text=True)
        vocabulary = json.loads(VOCABULARY.search(html).group(1))
        groups = vocabulary["doc_types"][kind.key]["groups"]
        plan = json.loads(PLAN_DATA.search(html).group(1))
        if kind.has("closing"):
            assert groups[groups.index("sections") + 1] == "closing", kind.key
            assert plan["closing"] == [""], kind.key  # one empty paragraph to write in
        else:
            assert "closing" not in groups and not plan.get("closing"), kind.key
        assert (vocabulary["labels"]["closing"], vocabulary["labels"]["closing.*"]) == ("Đoạn kết", "Đoạn kết {n}")


def test_errors_point_to_the_closing_paragraph(client, sample_plans):
    plan = copy.deepcopy(sample_plans["002"])
    plan["closing"] = [CLOSING, "x" * 20_001]
    [error] = client.post("/api/validate", json=plan).get_json()["errors"]
    assert (error["path"], error["label"]) == ("closing.1", "Đoạn kết 2")
    letter = editable_data(load_plan(next((ROOT / "samples" / "types").glob("cong_van_*.yaml"))))
    letter["closing"] = [CLOSING]
    [error] = client.post("/api/validate", json=letter).get_json()["errors"]
    assert (error["path"], error["label"]) == ("closing", "Đoạn kết")
    assert "không có phần “đoạn kết”" in error["message"]
    letter["closing"] = []  # what the form sends for a type without one
    assert client.post("/api/validate", json=letter).get_json()["errors"] == []


def test_findings_point_to_the_closing(client, sample_plans):
    plan = copy.deepcopy(sample_plans["002"])
    plan["closing"] = ["Trên đây là Kế hoạch số …/KH-UBND của UBND tỉnh Gia Lai./."]
    findings = client.post("/api/check", json=plan).get_json()["findings"]
    [gap] = [f for f in findings if f["code"] == "content.to_fill"]
    assert (gap["path"], gap["label"]) == ("closing.0", "Đoạn kết 1")


def test_the_preview_prints_it_after_the_sections(client, sample_plans):
    plan = copy.deepcopy(sample_plans["002"])
    plan["closing"] = [CLOSING]
    plan["sections"].append({"title": "KINH PHÍ", "blocks": [{"kind": "paragraph", "text": "Ngân sách tỉnh."}]})
    html = client.post("/api/preview", json=plan).get_data(as_text=True)
    assert html.index("KINH PHÍ") < html.index("Ngân sách tỉnh.") < html.index("Trên đây là Kế hoạch của UBND")
    assert html.index("Trên đây là Kế hoạch của UBND") < html.index('class="doc-footer"')
