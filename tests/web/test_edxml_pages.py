"""edXML on the web: the văn thư issues an urgent Công văn to two agencies of
the directory, downloads its package from the register (valid, the two
codes as To), recalls it and downloads the revocation; what cannot be sent
says why on the register; a package from another agency, opened on the
start page, starts the reply with its reference and recipient filled in."""

from __future__ import annotations

import io
import json
import re

import pytest

from docgen.edxml import envelope as edxml
from docgen.edxml.reader import read
from docgen.sheets.agencies import AgencyRow
from docgen.storage import agencies, signatures
from docgen.storage.models import IssuedDocument
from docgen.web.database import database

from ..edxml.test_package import FOREIGN
from ..storage.test_edxml_export import TWO_AGENCIES, a_pdf
from .test_drafts_api import CONFIRM, create
from .test_register_pages import approved, login, people  # noqa: F401  (fixtures)


@pytest.fixture
def coded(app, people):  # noqa: F811
    with app.app_context():
        session = database()
        agencies.set_unit_code(session, "UBND xã Lộc Tấn", "000.00.31.H41")
        agencies.import_directory(session, [AgencyRow(r["code"], r["name"]) for r in TWO_AGENCIES[:2]])


def test_issue_download_recall_download_the_revocation(app, coded, login, sample_plans):  # noqa: F811
    an, chau, vy = login("an"), login("chau"), login("vy")
    found = an.get("/api/agencies?q=Sở").get_json()
    recipients = [{"name": agency["name"], "code": agency["code"]} for agency in found]
    draft = create(an, {**sample_plans["001"], "urgency": "khan", "recipients": recipients})
    assert an.post_form(f"/drafts/{draft}/submit").status_code == 302
    assert chau.post_form(f"/drafts/{draft}/approve", CONFIRM).status_code == 302
    assert vy.post_form(f"/drafts/{draft}/issue", CONFIRM).status_code == 302
    with app.app_context():
        session = database()
        entry = session.query(IssuedDocument).one()
        signatures.issued_pdf(session, session.merge(entry.issued_by), entry.id,
                              convert=lambda docx, archive: a_pdf(1))
        entry_id = entry.id
    page = vy.get("/register").get_data(as_text=True)
    assert f'/register/{entry_id}/goi-tin.edxml' in page
    assert 'class="state state-returned entry-urgency">khẩn<' in page  # its độ khẩn, beside the number
    response = vy.get(f"/register/{entry_id}/goi-tin.edxml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    assert response.headers["Content-Disposition"].endswith('.edxml"')
    package = read(response.data)
    assert [o.organ_id for o in package.recipients] == ["000.00.01.H41", "000.00.02.H41"]
    assert package.priority == 1 and package.business == edxml.NEW

    assert vy.post_form(f"/register/{entry_id}/recall", {"reason": "Gửi nhầm số liệu"}).status_code == 302
    page = vy.get("/register").get_data(as_text=True)
    assert f'/register/{entry_id}/thu-hoi.edxml' in page and f'/register/{entry_id}/goi-tin.edxml' not in page
    revocation = read(vy.get(f"/register/{entry_id}/thu-hoi.edxml").data)
    assert (revocation.business, revocation.business_reason) == (edxml.REVOKE, "Gửi nhầm số liệu")
    assert vy.get(f"/register/{entry_id}/khac.edxml").status_code == 404


def test_a_document_that_cannot_be_sent_says_why(app, people, login, approved):  # noqa: F811
    draft = approved()
    vy = login("vy")
    assert vy.post_form(f"/drafts/{draft}/issue", CONFIRM).status_code == 302
    with app.app_context():
        entry_id = database().query(IssuedDocument).one().id
    response = vy.get(f"/register/{entry_id}/goi-tin.edxml", follow_redirects=True)
    assert "chưa có mã định danh" in response.get_data(as_text=True)
    assert login("xuan").get(f"/register/{entry_id}/goi-tin.edxml").status_code == 404


def test_a_package_from_another_agency_starts_the_reply(client):
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/").get_data(as_text=True)).group(1)
    response = client.post("/plan/reply", data={"csrf_token": token, "file": (io.BytesIO(FOREIGN), "cv15.edxml")},
                           content_type="multipart/form-data")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    plan = json.loads(re.search(r'<script type="application/json" id="plan-data">(.*?)</script>', html, re.S)
                      .group(1))
    assert plan["type"] == "cong_van"
    assert plan["reference"]["number"] == 15 and plan["reference"]["organ_id"] == "000.00.00.H41"
    assert plan["recipients"] == [{"name": "Ủy ban nhân dân tỉnh Gia Lai", "code": "000.00.00.H41"}]
    assert "Trả lời Công văn số 15/UBND-VP của Ủy ban nhân dân tỉnh Gia Lai" in html
    bad = client.post("/plan/reply", data={"csrf_token": token, "file": (io.BytesIO(b"<x/>"), "x.edxml")},
                      content_type="multipart/form-data")
    assert bad.status_code == 422 and "không phải gói edXML" in bad.get_data(as_text=True)
