"""Numbering series on the web: the administrator adds a shared series and
a secret one on the page "Danh bạ cơ quan" and removes one; others read
them and cannot change them; a secret document issued is on the register
page of the văn thư and the signer, not of the drafter."""

from __future__ import annotations

from docgen.storage.models import IssuedDocument, NumberingSeries
from docgen.web.database import database

from .test_drafts_api import CONFIRM, create
from .test_register_pages import approved, login, people  # noqa: F401  (fixtures)


def test_series_on_the_page_and_secret_documents_hidden(app, login, sample_plans):  # noqa: F811
    dung, an, chau, vy = login("dung"), login("an"), login("chau"), login("vy")
    response = dung.post_form("/agencies/series", {"key": "hc", "name": "Hành chính",
                                                   "types": ["ke_hoach", "thong_bao"]})
    assert response.status_code == 302
    assert dung.post_form("/agencies/series", {"key": "M", "secret": "1"}).status_code == 302
    page = an.get("/agencies").get_data(as_text=True)
    assert "Hành chính" in page and "Kế hoạch, Thông báo" in page and 'id="series-form"' not in page
    assert an.post_form("/agencies/series", {"key": "X", "types": ["ke_hoach", "bao_cao"]}).status_code == 403
    response = dung.post_form("/agencies/series", {"key": "Y", "types": ["ke_hoach", "bao_cao"]})
    assert response.status_code == 400 and "đã ở dãy số HC" in response.get_data(as_text=True)
    assert dung.post_form("/agencies/series", {"key": "M", "remove": "1"}).status_code == 302
    with app.app_context():
        assert [s.key for s in database().query(NumberingSeries).all()] == ["HC"]

    draft = create(an, {**sample_plans["001"], "subject": "Kế hoạch mật", "secrecy": "mat"})
    assert an.post_form(f"/drafts/{draft}/submit").status_code == 302
    assert chau.post_form(f"/drafts/{draft}/approve", CONFIRM).status_code == 302
    assert vy.post_form(f"/drafts/{draft}/issue", CONFIRM).status_code == 302
    with app.app_context():
        entry = database().query(IssuedDocument).one()
        assert (entry.series, entry.secret) == ("#MAT", True)
        entry_id = entry.id
    for user in (vy, chau):
        page = user.get("/register").get_data(as_text=True)
        assert "Kế hoạch mật" in page and 'class="state state-returned entry-secret">mật<' in page
    assert "Kế hoạch mật" not in an.get("/register").get_data(as_text=True)
    assert an.get(f"/register/{entry_id}/download.docx").status_code == 404
