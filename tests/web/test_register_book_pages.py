"""The register page for Decree 30's book: the văn thư records a hand-over
(ngày chuyển, ký nhận) on the document's row; anyone of the unit downloads
the year's book as a PDF; a year that cannot be one is said on the page."""

from __future__ import annotations

from docgen.storage.models import AuditEvent, IssuedDocument
from docgen.web import register as register_web
from docgen.web.database import database

from ..storage.test_edxml_export import a_pdf
from .test_drafts_api import CONFIRM
from .test_register_pages import approved, login, people  # noqa: F401  (fixtures)


def test_record_the_hand_over_and_download_the_book(app, approved, login, monkeypatch):  # noqa: F811
    vy, an = login("vy"), login("an")
    vy.post_form(f"/drafts/{approved('Kế hoạch chuyển tay')}/issue", CONFIRM)
    with app.app_context():
        entry_id = database().query(IssuedDocument).one().id
    page = vy.get("/register").get_data(as_text=True)
    assert "Ghi chuyển văn bản" in page and 'id="book"' in page and "In sổ đăng ký văn bản đi" in page
    assert "Ghi chuyển văn bản" not in an.get("/register").get_data(as_text=True)  # the văn thư's form
    assert an.post_form(f"/register/{entry_id}/sent", {"receiver": "Chị Hoa"}).status_code == 403
    response = vy.post_form(f"/register/{entry_id}/sent", {"receiver": "Chị Hoa (Sở Nội vụ)", "sent_on": ""})
    assert response.status_code == 302
    assert "Đã chuyển" in vy.get("/register").get_data(as_text=True)
    assert "Chị Hoa (Sở Nội vụ)" in vy.get("/register").get_data(as_text=True)

    made = []
    monkeypatch.setattr(register_web, "pdf_of", lambda docx, archive=False: made.append(docx) or a_pdf(4))
    response = an.get("/register/book.pdf?year=2026&paper=A3&volume=02")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == 'attachment; filename="so-dang-ky-van-ban-di-2026.pdf"'
    assert made and made[0][:2] == b"PK"
    response = an.get("/register/book.pdf?year=abc")
    assert response.status_code == 302
    assert "không hợp lệ" in an.get(response.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        assert database().query(AuditEvent).filter_by(action="register_book").count() == 1
        assert database().query(AuditEvent).filter_by(action="dispatch").count() == 1
