"""The e-office pull API: without a valid token every answer is 401 (JSON,
not cached); with one, the unit's documents since a time with their
metadata and file links, each file (PDF, edXML, the revocation of a
recalled one, the metadata XML) readable back, secret documents and
another unit's absent; every call is in the audit log under the system."""

from __future__ import annotations

import datetime as dt

from docgen.edxml import envelope as edxml
from docgen.edxml.reader import read
from docgen.metadata.xml import from_xml
from docgen.storage import agencies, eoffice, signatures
from docgen.storage.models import AuditEvent, IssuedDocument
from docgen.web.database import database

from ..storage.test_edxml_export import TWO_AGENCIES, a_pdf
from .test_drafts_api import CONFIRM, create
from .test_register_pages import login, people  # noqa: F401  (fixtures)


def test_a_system_pulls_documents_and_files(app, login, sample_plans, monkeypatch):  # noqa: F811
    monkeypatch.setattr(eoffice, "SETTLE", dt.timedelta(0))  # listed at once (the wait: tests/storage)
    an, chau, vy = login("an"), login("chau"), login("vy")
    with app.app_context():
        session = database()
        agencies.set_unit_code(session, "UBND xã Lộc Tấn", "000.00.31.H41")
        _, token = eoffice.add_system(session, "UBND xã Lộc Tấn", "iOffice")
        _, other = eoffice.add_system(session, "UBND xã Lộc Hòa", "VOffice")
    for subject, secrecy in (("Kế hoạch gửi hệ thống", None), ("Kế hoạch mật", "mat")):
        data = {**sample_plans["001"], "subject": subject, "recipients": TWO_AGENCIES, "urgency": "khan",
                **({"secrecy": secrecy} if secrecy else {})}
        draft = create(an, data)
        an.post_form(f"/drafts/{draft}/submit")
        chau.post_form(f"/drafts/{draft}/approve", CONFIRM)
        vy.post_form(f"/drafts/{draft}/issue", CONFIRM)
    with app.app_context():
        session = database()
        entry = session.query(IssuedDocument).filter_by(secret=False).one()
        signatures.issued_pdf(session, session.merge(entry.issued_by), entry.id, convert=lambda d, archive: a_pdf(2))
        entry_id = entry.id
    client = app.test_client()
    bearer = {"Authorization": f"Bearer {token}"}

    response = client.get("/eoffice/v1/documents.json")
    assert response.status_code == 401 and response.get_json()["error"].startswith("Cần mã truy cập")
    assert response.headers["Cache-Control"] == "no-store" and "Bearer" in response.headers["WWW-Authenticate"]
    assert client.get("/eoffice/v1/documents.json", headers={"Authorization": "Bearer dg_x"}).status_code == 401

    response = client.get("/eoffice/v1/documents.json?since=2000-01-01T00:00:00Z", headers=bearer)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    listing = response.get_json()
    assert listing["unit"] == {"name": "UBND xã Lộc Tấn", "code": "000.00.31.H41"}
    [document] = listing["documents"]  # the secret one is not there
    assert document["id"] == entry_id and document["metadata"]["page_amount"] == 2
    assert document["metadata"]["to"][0] == {"organ_id": "000.00.01.H41", "name": "Sở Nội vụ tỉnh Gia Lai"}
    assert document["metadata"]["priority"] == 1 and listing["more"] is False
    later = client.get(f"/eoffice/v1/documents.json?since={listing['next_since']}", headers=bearer).get_json()
    assert later["documents"] == []
    assert client.get("/eoffice/v1/documents.json?since=hôm qua", headers=bearer).status_code == 400
    assert client.get("/eoffice/v1/documents.json?since=2026-12-01T00:00:00", headers=bearer).status_code == 400

    assert client.get(document["files"]["pdf"], headers=bearer).data.startswith(b"%PDF")
    package = read(client.get(document["files"]["edxml"], headers=bearer).data)
    assert package.business == edxml.NEW and package.staff.name == "iOffice"
    fields = from_xml(client.get(document["files"]["metadata"], headers=bearer).data)
    assert fields.code_number == document["number"].split("/")[0] and fields.issued_date <= dt.date.today()
    assert client.get(f"/eoffice/v1/documents/{entry_id}/revocation.edxml", headers=bearer).status_code == 409

    vy.post_form(f"/register/{entry_id}/recall", {"reason": "Sai số liệu"})
    one = client.get(f"/eoffice/v1/documents/{entry_id}.json", headers=bearer).get_json()
    assert one["recall"]["reason"] == "Sai số liệu" and one["files"]["revocation"]
    assert read(client.get(one["files"]["revocation"], headers=bearer).data).business == edxml.REVOKE
    with app.app_context():
        secret_id = database().query(IssuedDocument).filter_by(secret=True).one().id
    assert client.get(f"/eoffice/v1/documents/{secret_id}.json", headers=bearer).status_code == 404
    assert client.get(f"/eoffice/v1/documents/{entry_id}.json",
                      headers={"Authorization": f"Bearer {other}"}).status_code == 404
    with app.app_context():
        pulls = database().query(AuditEvent).filter_by(action="api_pull").all()
        assert {event.username for event in pulls} == {"system:1:iOffice"} and len(pulls) >= 8
        assert all(event.user_id is None for event in pulls)
