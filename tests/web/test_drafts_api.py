"""Login, drafts, review and the audit log through the Flask client: what a
drafter, a signing officer and an admin may do, and that a user of another
unit gets 404 on every draft URL and API route."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import struct
import zipfile
from pathlib import Path

import pytest
from docgen.storage.audit import audit_log
from docgen.storage.users import FAILURE_LIMIT
from docgen.web.database import database

from ..people import PASSWORD, add_people

# The box a signer or văn thư ticks to approve or issue despite the checks' errors.
CONFIRM = {"confirm": "1"}
TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')


@pytest.fixture
def people(app):
    """The staff of tests/people.py: username -> user id."""
    with app.app_context():
        return {username: user.id for username, user in add_people(database()).items()}


class User:
    """A browser of one logged-in user: a client with a session, and the
    CSRF token of that session (renewed by the login)."""

    def __init__(self, app, username: str):
        self.client = app.test_client()
        self.token = self._token("/login")
        response = self.client.post("/login", data={
            "username": username, "password": PASSWORD, "csrf_token": self.token})
        assert response.status_code == 302, response.get_data(as_text=True)
        self.token = self._token("/drafts")

    def _token(self, url: str) -> str:
        return TOKEN.search(self.client.get(url).get_data(as_text=True)).group(1)

    def get(self, url, **kwargs):
        return self.client.get(url, **kwargs)

    def post_json(self, url, body):
        return self.client.post(url, json=body, headers={"X-CSRF-Token": self.token})

    def post_form(self, url, data=None):
        return self.client.post(url, data={"csrf_token": self.token, **(data or {})})


@pytest.fixture
def login(app, people):
    return lambda username: User(app, username)


def create(user: User, plan: dict) -> int:
    response = user.post_json("/api/drafts", {"plan": plan})
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["version"] == 1
    return response.get_json()["id"]


# --- login ----------------------------------------------------------------------------


def test_login_page_is_vietnamese_with_csrf(client):
    html = client.get("/login").get_data(as_text=True)
    assert "Đăng nhập" in html and "Mật khẩu" in html and 'name="csrf_token"' in html


def test_login_form_needs_the_csrf_token(client, people):
    response = client.post("/login", data={"username": "an", "password": PASSWORD})
    assert response.status_code == 403


def test_wrong_password_then_lockout_429(app, people):
    client = app.test_client()
    token = TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
    for _ in range(FAILURE_LIMIT - 1):
        response = client.post("/login", data={"username": "an", "password": "sai", "csrf_token": token})
        assert response.status_code == 401
        assert "Sai tên đăng nhập hoặc mật khẩu." in response.get_data(as_text=True)
    response = client.post("/login", data={"username": "an", "password": "sai", "csrf_token": token})
    assert response.status_code == 429 and "tạm khóa" in response.get_data(as_text=True)
    # Locked even with the right password.
    response = client.post("/login", data={"username": "an", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 429 and response.headers["Retry-After"]


def test_login_renews_the_session_and_token(app, people):
    client = app.test_client()
    before = TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
    client.post("/login", data={"username": "an", "password": PASSWORD, "csrf_token": before})
    after = TOKEN.search(client.get("/drafts").get_data(as_text=True)).group(1)
    assert after != before
    # The old token no longer works.
    assert client.post("/api/drafts", json={}, headers={"X-CSRF-Token": before}).status_code == 403


def test_login_goes_back_to_a_local_page_only(app, people):
    client = app.test_client()
    token = TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
    response = client.post("/login", data={"username": "an", "password": PASSWORD, "csrf_token": token,
                                           "next": "//evil.example/x"})
    assert response.headers["Location"] == "/drafts"


def test_pages_need_login_and_the_api_answers_401(client):
    response = client.get("/drafts/1/review")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")
    response = client.get("/api/drafts")
    assert response.status_code == 401 and response.get_json()["errors"][0]["message"]


def test_editor_stays_open_without_login(client):
    html = client.get("/plan/sample/004").get_data(as_text=True)
    assert "Tải về .docx" in html and "Lưu bản nháp" not in html


def test_logout(login):
    an = login("an")
    assert an.post_form("/logout").status_code == 302
    assert an.get("/drafts").status_code == 302


def test_editor_shows_save_for_a_drafter_only(login):
    assert "Lưu bản nháp" in login("an").get("/plan/sample/004").get_data(as_text=True)
    assert "Lưu bản nháp" not in login("chau").get("/plan/sample/004").get_data(as_text=True)


# --- saving ---------------------------------------------------------------------------


def test_create_save_and_conflict_keeps_both(login, plan):
    an, dung = login("an"), login("dung")
    draft = create(an, plan)
    mine = {**plan, "subject": plan["subject"] + " (bản của An)"}
    theirs = {**plan, "subject": plan["subject"] + " (bản của Dũng)"}
    assert dung.post_json(f"/api/drafts/{draft}/versions", {"plan": theirs, "base_version": 1}).status_code == 201
    response = an.post_json(f"/api/drafts/{draft}/versions", {"plan": mine, "base_version": 1})
    assert response.status_code == 409
    body = response.get_json()
    assert "không bị mất" in body["errors"][0]["message"]
    assert body["latest"]["version"] == 2 and body["latest"]["plan"]["subject"] == theirs["subject"]
    assert body["copy"]["version"] == 3
    # Both texts are stored: the head is Dũng's, the copy An's.
    assert an.get(f"/api/drafts/{draft}").get_json()["plan"]["subject"] == theirs["subject"]
    page = an.get(f"/drafts/{draft}").get_data(as_text=True)
    assert "Bản xung đột" in page
    # Saving again on top of the newest version works.
    response = an.post_json(f"/api/drafts/{draft}/versions", {"plan": mine, "base_version": 2})
    assert response.status_code == 201 and response.get_json()["version"] == 4


def test_invalid_plan_is_422_with_field_paths(login, plan):
    an = login("an")
    bad = {**plan, "header": {**plan["header"], "date": {**plan["header"]["date"], "month": 13}}}
    response = an.post_json("/api/drafts", {"plan": bad})
    assert response.status_code == 422
    assert "header.date.month" in [e["path"] for e in response.get_json()["errors"]]
    draft = create(an, plan)
    response = an.post_json(f"/api/drafts/{draft}/versions", {"plan": bad, "base_version": 1})
    assert response.status_code == 422
    assert an.post_json(f"/api/drafts/{draft}/versions", {"plan": plan}).status_code == 422


def test_signer_cannot_save(login, plan):
    assert login("chau").post_json("/api/drafts", {"plan": plan}).status_code == 403


def test_edit_page_loads_the_head_version(login, plan):
    an = login("an")
    draft = create(an, plan)
    html = an.get(f"/drafts/{draft}/edit").get_data(as_text=True)
    assert f'data-draft-id="{draft}"' in html and 'data-base-version="1"' in html
    assert "Trình ký" in html and plan["subject"] in html


# --- the workflow ---------------------------------------------------------------------


def test_submit_return_resubmit_approve(login, plan):
    an, chau = login("an"), login("chau")
    draft = create(an, plan)
    # Only a signer returns or approves, only a drafter submits.
    assert chau.post_form(f"/drafts/{draft}/submit").status_code == 403
    assert an.post_form(f"/drafts/{draft}/submit").status_code == 302
    assert an.post_form(f"/drafts/{draft}/approve").status_code == 403
    assert an.post_form(f"/drafts/{draft}/return", {"reason": "x"}).status_code == 403
    # A submitted draft is not edited.
    assert an.post_json(f"/api/drafts/{draft}/versions", {"plan": plan, "base_version": 1}).status_code == 409

    review = chau.get(f"/drafts/{draft}/review").get_data(as_text=True)
    assert "section_repeated" in review and "sensitive.password" in review
    assert "phiên bản đầu tiên" in review
    assert chau.post_form(f"/drafts/{draft}/comments", {"section": "5", "text": "Mục VI bị đánh số IV.",
                                                        "back": "review"}).status_code == 302
    assert chau.post_form(f"/drafts/{draft}/return", {"reason": ""}).status_code == 409
    assert chau.post_form(f"/drafts/{draft}/return", {"reason": "Sửa số mục."}).status_code == 302

    page = an.get(f"/drafts/{draft}").get_data(as_text=True)
    assert "trả lại" in page and "Sửa số mục." in page and "Mục VI bị đánh số IV." in page
    fixed = {**plan, "sections": [*plan["sections"][:5], {**plan["sections"][5], "number": "VI"}]}
    response = an.post_json(f"/api/drafts/{draft}/versions", {"plan": fixed, "base_version": 1})
    assert response.status_code == 201 and response.get_json()["version"] == 2
    an.post_form(f"/drafts/{draft}/submit")

    review = chau.get(f"/drafts/{draft}/review").get_data(as_text=True)
    assert "so với phiên bản 1" in review
    assert "<del>IV.</del>" in review and "<ins>VI.</ins>" in review
    assert "section_repeated" not in review
    # Errors still open (the leaked password, the title's dates): approving asks for a confirmation.
    assert 'id="approve-confirm"' in review
    refused = chau.post_form(f"/drafts/{draft}/approve")
    assert refused.status_code == 409
    assert "lỗi chưa sửa" in refused.get_data(as_text=True) and "ô xác nhận" in refused.get_data(as_text=True)
    assert an.get(f"/api/drafts/{draft}").get_json()["state"] == "submitted"
    assert chau.post_form(f"/drafts/{draft}/approve", CONFIRM).status_code == 302
    assert an.get(f"/api/drafts/{draft}").get_json()["state"] == "approved"
    assert an.post_json(f"/api/drafts/{draft}/versions", {"plan": fixed, "base_version": 2}).status_code == 409


def has_draft_mark(docx: bytes) -> bool:
    """The boxed "DỰ THẢO" of page 1 (a text box in the body)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return "DỰ THẢO" in archive.read("word/document.xml").decode("utf-8")


def test_downloads_unapproved_marked_approved_stored(app, login, plan):
    an, chau = login("an"), login("chau")
    draft = create(an, plan)
    response = an.get(f"/drafts/{draft}/download.docx")
    assert response.status_code == 200 and response.mimetype.endswith("wordprocessingml.document")
    assert has_draft_mark(response.data)
    an.post_form(f"/drafts/{draft}/submit")
    chau.post_form(f"/drafts/{draft}/approve", CONFIRM)
    response = chau.get(f"/drafts/{draft}/download.docx")
    assert not has_draft_mark(response.data)
    sha = hashlib.sha256(response.data).hexdigest()
    assert response.headers["X-Docx-SHA256"] == sha
    assert an.get(f"/api/drafts/{draft}").get_json()["approved_sha256"] == sha
    assert sha in chau.get(f"/drafts/{draft}/review").get_data(as_text=True)
    with app.app_context():
        from docgen.storage.models import ApprovedDocument
        assert database().query(ApprovedDocument).one().docx == response.data


def test_pdf_preview_404_without_libreoffice(login, plan, monkeypatch):
    from docgen import pdf

    an = login("an")
    draft = create(an, plan)
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    response = an.get(f"/drafts/{draft}/preview.pdf")
    assert response.status_code == 404 and "LibreOffice" in response.get_data(as_text=True)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_pdf_preview_with_libreoffice(login, plan):
    an = login("an")
    draft = create(an, plan)
    response = an.get(f"/drafts/{draft}/preview.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_printed_pages_of_the_review(login, sample_plans, app):
    """The review page's printed pages: the head's PDF (marked DỰ THẢO) as
    one PNG per page, converted once and then served from the cache."""
    an = login("an")
    draft = create(an, sample_plans["002"])
    response = an.get(f"/drafts/{draft}/pages.json")
    assert response.status_code == 200
    body = response.get_json()
    assert body["pages"] == 9 and body["version"] == 1 and len(body["images"]) == 9
    image = an.get(body["images"][0])
    assert image.status_code == 200 and image.mimetype == "image/png"
    width, height = struct.unpack(">II", image.data[16:24])  # the PNG's IHDR
    assert (width, height) == (794, 1123)  # A4 at 96 dpi
    last = an.get(body["images"][-1])
    assert struct.unpack(">II", last.data[16:24]) == (1123, 794)  # the appendix is landscape
    cached = list(Path(app.config["PDF_PAGES_DIR"]).iterdir())
    assert len(cached) == 1 and (cached[0] / "document.pdf").exists()
    assert an.get(f"/drafts/{draft}/pages.json").get_json() == body  # the same document, the same key
    assert an.get(f"/drafts/{draft}/pages/10.png").status_code == 404


def test_printed_pages_without_libreoffice_say_why(login, plan, monkeypatch):
    from docgen import pdf

    an = login("an")
    draft = create(an, plan)
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    response = an.get(f"/drafts/{draft}/pages.json")
    assert response.status_code == 503
    assert "chưa cài LibreOffice" in response.get_json()["errors"][0]["message"]
    assert an.get(f"/drafts/{draft}/pages/1.png").status_code == 503
    assert 'id="pages"' not in an.get(f"/drafts/{draft}/review").get_data(as_text=True)


# --- units ----------------------------------------------------------------------------


def test_another_unit_gets_404_everywhere(login, plan):
    an = login("an")
    draft = create(an, plan)
    an.post_form(f"/drafts/{draft}/submit")
    for username in ("giang", "em"):
        other = login(username)
        for url in (f"/drafts/{draft}", f"/drafts/{draft}/review", f"/drafts/{draft}/edit",
                    f"/drafts/{draft}/download.docx", f"/drafts/{draft}/preview.pdf",
                    f"/drafts/{draft}/pages.json", f"/drafts/{draft}/pages/1.png",
                    f"/api/drafts/{draft}"):
            assert other.get(url).status_code == 404, url
        for url, data in ((f"/drafts/{draft}/submit", {}), (f"/drafts/{draft}/approve", {}),
                          (f"/drafts/{draft}/return", {"reason": "x"}),
                          (f"/drafts/{draft}/comments", {"section": "0", "text": "x"})):
            assert other.post_form(url, data).status_code == 404, url
        response = other.post_json(f"/api/drafts/{draft}/versions", {"plan": plan, "base_version": 1})
        assert response.status_code == 404
        assert response.get_json()["errors"][0]["message"] == f"Không tìm thấy dự thảo số {draft}."
        assert other.get("/api/drafts").get_json()["drafts"] == []
        assert plan["subject"] not in other.get("/drafts").get_data(as_text=True)
    assert an.get(f"/api/drafts/{draft}").get_json()["state"] == "submitted"


# --- the audit log --------------------------------------------------------------------


def test_audit_rows_and_page(app, login, plan, people):
    an, chau = login("an"), login("chau")
    draft = create(an, plan)
    an.post_json(f"/api/drafts/{draft}/versions", {"plan": plan, "base_version": 1})
    an.post_form(f"/drafts/{draft}/submit")
    chau.post_form(f"/drafts/{draft}/approve", CONFIRM)
    chau.get(f"/drafts/{draft}/download.docx")
    with app.app_context():
        from docgen.storage.users import get_user
        admin = get_user(database(), people["dung"])
        actions = [e.action for e in reversed(audit_log(database(), admin))]
    for action in ("login", "create", "save", "submit", "approve", "download"):
        assert action in actions, actions
    assert an.get("/audit").status_code == 403
    dung = login("dung")
    html = dung.get("/audit").get_data(as_text=True)
    assert "Nhật ký" in html and "tải về" in html and "duyệt" in html


def test_the_audit_page_hides_what_it_says_of_a_secret_draft(app, login, plan):
    """The administrator sees who acted on a secret draft and when, not the
    reviewer's comment nor a link to the draft."""
    an, chau = login("an"), login("chau")
    draft = create(an, {**plan, "secrecy": "mat"})
    an.post_form(f"/drafts/{draft}/submit")
    chau.post_form(f"/drafts/{draft}/return", {"reason": "Bổ sung phương án sơ tán bí mật"})
    html = login("dung").get("/audit").get_data(as_text=True)
    assert "trả lại" in html and "(văn bản mật)" in html
    assert "phương án sơ tán" not in html and f"/drafts/{draft}\"" not in html


def test_secret_key_is_required_in_production(monkeypatch):
    from click.testing import CliRunner

    from docgen import cli

    monkeypatch.delenv("DOCGEN_SECRET_KEY", raising=False)
    started = []
    monkeypatch.setattr("waitress.serve", lambda *a, **k: started.append(k))
    result = CliRunner().invoke(cli.main, ["serve"])
    assert result.exit_code == 2 and not started
    assert "DOCGEN_SECRET_KEY" in result.output and "khóa bí mật" in result.output


def test_production_config_secure_cookies():
    from docgen.web import production_config

    key = "k" * 32
    assert production_config({"DOCGEN_SECRET_KEY": key}) == {"SECRET_KEY": key, "SESSION_COOKIE_SECURE": True}
    assert production_config({"DOCGEN_SECRET_KEY": key, "DOCGEN_INSECURE_COOKIES": "1"})[
        "SESSION_COOKIE_SECURE"] is False


def test_draft_pages_have_no_inline_script_or_style(login, plan):
    an = login("an")
    draft = create(an, plan)
    for url in ("/drafts", f"/drafts/{draft}", f"/drafts/{draft}/review", f"/drafts/{draft}/edit", "/login"):
        html = an.get(url).get_data(as_text=True)
        for tag in html.split("<script")[1:]:
            head = tag.split(">", 1)[0]
            assert 'src="' in head or 'type="application/json"' in head, (url, head)
        assert " style=" not in html and "<style" not in html, url
        for form in re.findall(r"<form[^>]*method=\"post\".*?</form>", html, re.S):
            assert 'name="csrf_token"' in form, (url, form[:80])


def test_a_plan_past_the_print_limits_is_a_field_error_before_save(client, login, plan):
    """10,000 recipients: the editor's validation names the field and the
    limit; a save and a render (.docx) are refused with the same error."""
    too_many = {**plan, "recipients": [{"name": f"UBND xã số {n}"} for n in range(10_000)]}
    [error] = client.post("/api/validate", json=too_many).get_json()["errors"]
    assert error["path"] == "recipients" and error["label"] == "Nơi nhận"
    assert error["message"].startswith("có 10.000 nơi nhận, quá giới hạn 1.000 nơi nhận của một văn bản")
    response = login("an").post_json("/api/drafts", {"plan": too_many})
    assert response.status_code == 422 and response.get_json()["errors"] == [error]
    assert client.post("/api/render", json=too_many).get_json()["errors"] == [error]
