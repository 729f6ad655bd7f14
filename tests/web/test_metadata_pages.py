"""Decree 30's metadata on the web: the văn thư gives the case file, the
copies and the reply deadline on the issue form; the register offers the
XML file of the 16 fields, which carries them; a number of copies that
cannot be read is said on the page and nothing is issued."""

from __future__ import annotations

import datetime as dt

from docgen.metadata.xml import from_xml
from docgen.storage import signatures
from docgen.storage.models import IssuedDocument
from docgen.web.database import database

from ..storage.test_edxml_export import a_pdf
from .test_drafts_api import CONFIRM
from .test_register_pages import approved, login, people  # noqa: F401  (fixtures)


def test_the_issue_form_fills_the_metadata_file(app, approved, login):  # noqa: F811
    draft = approved("Kế hoạch có hồ sơ")
    vy = login("vy")
    page = vy.get(f"/drafts/{draft}/review").get_data(as_text=True)
    assert 'name="file_notation"' in page and 'name="copies"' in page and "Hạn trả lời" in page
    response = vy.post_form(f"/drafts/{draft}/issue", {**CONFIRM, "copies": "nhiều"})
    assert response.status_code == 302
    assert "Số lượng bản: gõ một số từ 1 đến 999" in vy.get(response.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        assert database().query(IssuedDocument).count() == 0
    response = vy.post_form(f"/drafts/{draft}/issue", {**CONFIRM, "file_notation": "HS 07", "copies": "6",
                                                       "reply_by": "2027-01-10", "keeper": "Văn phòng"})
    assert response.status_code == 302
    with app.app_context():
        session = database()
        entry = session.query(IssuedDocument).one()
        signatures.issued_pdf(session, session.merge(entry.issued_by), entry.id,
                              convert=lambda docx, archive: a_pdf(2))
        entry_id = entry.id
    assert f"/register/{entry_id}/metadata.xml" in vy.get("/register").get_data(as_text=True)
    response = login("an").get(f"/register/{entry_id}/metadata.xml")
    assert response.status_code == 200 and response.headers["Content-Disposition"].endswith('-sieu-du-lieu.xml"')
    fields = from_xml(response.data)
    assert (fields.file_notation, fields.doc_ordinal, fields.issued_amount, fields.due_date, fields.page_amount) == (
        "HS 07", 1, 6, dt.date(2027, 1, 10), 2)
    assert login("xuan").get(f"/register/{entry_id}/metadata.xml").status_code == 404
