"""Small holes closed (issue 20, item 11), through the Flask client:

- every answer to a logged-in session carries Cache-Control: no-store;
- while an address is held, the login answer is the same for an account
  that logged in from it, one that did not and no account at all;
- a NUL or a lone surrogate in any text a request carries (query, form
  field, JSON, file name, path) is 400 before the database sees it, on
  SQLite and, when DOCGEN_TEST_POSTGRES_URL is set, on PostgreSQL;
- a .docm upload is refused in Vietnamese, without python-docx's English."""

from __future__ import annotations

import io
import json
import os
import re
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from docgen.web import create_app
from docgen.storage import db
from docgen.storage.models import LoginAttempt, utcnow
from docgen.storage.users import ADDRESS_FAILURE_LIMIT
from docgen.web.database import database
from tests.word.test_bad_input import CASES as BAD_WORD_FILES

from ..people import PASSWORD, add_people
from .test_drafts_api import TOKEN, User, create

# --- no-store ------------------------------------------------------------------------------

ARGUMENTS = {"sample_id": "002", "job_id": "0123456789abcdef", "entry_id": 1, "number": 1, "step": "signed"}
# Answers that make a PDF (LibreOffice, seconds each) pass through the same
# hook; they are left out to keep the test quick.
MAKES_A_PDF = {"drafts.printed_pages", "drafts.page_image", "drafts.preview_pdf", "register.download_pdf"}


@pytest.fixture
def people(app):
    with app.app_context():
        return {username: user.id for username, user in add_people(database()).items()}


def test_every_answer_to_a_logged_in_session_is_no_store(app, people, sample_plans):
    an = User(app, "an")
    draft = create(an, sample_plans["004"])
    checked = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static" or rule.endpoint in MAKES_A_PDF:
            continue
        values = {name: ARGUMENTS.get(name, draft) for name in rule.arguments}
        url = rule.build(values)[1] if rule.arguments else rule.rule
        response = an.get(url)
        assert "no-store" in response.headers.get("Cache-Control", ""), (url, response.status_code)
        checked.append(url)
    assert f"/drafts/{draft}" in checked and "/register" in checked and len(checked) >= 25
    # A static file is the same for everyone: cacheable.
    static = an.get("/static/style.css")
    assert static.status_code == 200 and "no-store" not in static.headers.get("Cache-Control", "")
    # After logout the login page is an anonymous page again.
    an.post_form("/logout")
    assert "no-store" not in an.get("/login").headers.get("Cache-Control", "")


# --- the login answer during an address hold ---------------------------------------------


def test_a_held_address_answers_alike_for_every_username(app, people):
    address = "198.51.100.23"

    def login(username: str, password: str):
        client = app.test_client()  # a new visitor each time
        token = TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
        return client.post("/login", data={"username": username, "password": password, "csrf_token": token},
                           environ_base={"REMOTE_ADDR": address})

    assert login("an", PASSWORD).status_code == 302  # an works from there
    with app.app_context():
        session = database()
        now = utcnow()
        session.add_all(LoginAttempt(username=f"ai-{n}", ip=address, at=now - timedelta(seconds=n),
                                     succeeded=False) for n in range(ADDRESS_FAILURE_LIMIT))
        session.commit()
    answers = [login(username, password) for username, password in
               (("an", "sai-mat-khau"), ("binh", "sai-mat-khau"), ("khong-co-ai", "sai-mat-khau"),
                ("binh", PASSWORD))]
    assert [answer.status_code for answer in answers] == [429] * 4
    # The same page but for the form's own values (the name typed, the CSRF token).
    pages = {re.sub(r'(value|content)="[^"]*"', "", answer.get_data(as_text=True)) for answer in answers}
    assert len(pages) == 1 and "Có quá nhiều lần đăng nhập sai từ địa chỉ này" in pages.pop()
    assert login("an", PASSWORD).status_code == 302


# --- NUL and lone surrogates ----------------------------------------------------------------


def _postgres_url():
    url = os.environ.get("DOCGEN_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("DOCGEN_TEST_POSTGRES_URL is not set")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def any_app(request, tmp_path):
    """The app on SQLite, and on a fresh PostgreSQL schema when
    DOCGEN_TEST_POSTGRES_URL names a server."""
    config = {"TESTING": True, "SECRET_KEY": "test-secret", "JOBS_DIR": tmp_path / "jobs",
              "PDF_PAGES_DIR": tmp_path / "pdf-pages"}
    if request.param == "sqlite":
        yield create_app({**config, "DATABASE_URL": f"sqlite:///{tmp_path / 'docgen.sqlite3'}"})
        return
    url = _postgres_url()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = db.make_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    scoped = f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    engine = db.make_engine(scoped)
    db.upgrade(engine)
    engine.dispose()
    yield create_app({**config, "DATABASE_URL": scoped})
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


NUL, SURROGATE = "\x00", "\ud800"


def _inputs(app, sample_plans):
    """(name, send(bad)) for every kind of text input: ``bad`` is placed in it."""
    with app.app_context():
        add_people(database())
    an = User(app, "an")
    draft = create(an, sample_plans["004"])
    anonymous = app.test_client()

    def login_form(bad):
        token = TOKEN.search(anonymous.get("/login").get_data(as_text=True)).group(1)
        return anonymous.post("/login", data={"username": f"an{bad}", "password": PASSWORD, "csrf_token": token})

    def post_json(url: str, body: dict):
        # As a browser's JSON.stringify sends it: "\u0000", "\ud800" escaped.
        return an.client.post(url, data=json.dumps(body, ensure_ascii=True), content_type="application/json",
                              headers={"X-CSRF-Token": an.token})

    return {
        "login name": login_form,
        "comment": lambda bad: an.post_form(f"/drafts/{draft}/comments", {"section": "0", "text": f"Sửa{bad} lại"}),
        "return reason": lambda bad: an.post_form(f"/drafts/{draft}/return", {"reason": f"Trả{bad} lại"}),
        "recall reason": lambda bad: an.post_form("/register/1/recall", {"reason": f"Thu{bad} hồi"}),
        "register search": lambda bad: an.get("/register", query_string={"subject": f"tiêm{bad}"}),
        "query of the API": lambda bad: an.get("/api/drafts", query_string={"q": bad}),
        "name of a query field": lambda bad: an.get("/api/samples", query_string={f"q{bad}": "1"}),
        "name of a form field": lambda bad: an.post_form(f"/drafts/{draft}/comments", {f"te{bad}xt": "Sửa"}),
        "plan saved (JSON)": lambda bad: post_json("/api/drafts",
                                                  {"plan": {**sample_plans["004"], "subject": f"Kế{bad}"}}),
        "JSON key": lambda bad: post_json("/api/validate", {f"sub{bad}ject": "x"}),
        "pasted text (JSON)": lambda bad: post_json("/api/import", {"text": f"KẾ HOẠCH{bad}"}),
        "file name": lambda bad: an.client.post("/api/import", content_type="multipart/form-data",
                                                headers={"X-CSRF-Token": an.token},
                                                data={"file": (io.BytesIO(b"KE HOACH"), f"kh{bad}.txt")}),
        "address": lambda bad: an.get(f"/api/samples/00{bad}2"),
    }


@pytest.mark.parametrize("bad", [NUL, SURROGATE], ids=["nul", "lone_surrogate"])
def test_an_invalid_character_in_any_text_input_is_400_before_the_database(any_app, sample_plans, bad):
    inputs = _inputs(any_app, sample_plans)
    # A form, a query, a file name or a path cannot carry a lone surrogate (UTF-8): JSON can.
    tried = {name: send for name, send in inputs.items() if bad == NUL or "JSON" in name}
    for name, send in tried.items():
        response = send(bad)
        assert response.status_code == 400, (name, response.status_code, response.get_data(as_text=True)[:300])
        assert f"ký tự không hợp lệ (mã U+{ord(bad):04X})" in response.get_data(as_text=True), name
    # Nothing of it reached the database; the same inputs without it work.
    with any_app.app_context():
        session = database()
        assert session.scalars(select(LoginAttempt.username)).all() == ["an"]  # the test's own login
    assert inputs["register search"]("").status_code == 200
    assert inputs["plan saved (JSON)"]("").status_code == 201


# --- .docm --------------------------------------------------------------------------------


def test_a_docm_upload_is_refused_in_vietnamese(browser_session):
    build, _ = BAD_WORD_FILES["macro_enabled_docm"]
    response = browser_session.post("/api/import", content_type="multipart/form-data",
                                    data={"file": (io.BytesIO(build()), "ke-hoach.docm")})
    assert response.status_code == 422
    [error] = response.get_json()["errors"]
    assert error["message"].startswith("tệp Word có macro (.docm) không được đọc")
    assert not re.search(r"0x[0-9a-f]+|BytesIO|is not a Word file|content type", error["message"])


@pytest.mark.parametrize("name, content", [
    ("bang.xlsx", lambda: BAD_WORD_FILES["xxe"][0]()),  # a ZIP, but a Word file: openpyxl's KeyError
    ("bang.csv", lambda: ("Đơn vị,Chỉ tiêu\n\"" + "x" * 200_000 + "\",1\n").encode("utf-8")),  # csv's field limit
])
def test_a_sheet_that_cannot_be_read_is_said_in_vietnamese(browser_session, name, content):
    response = browser_session.post("/api/appendix/rows", content_type="multipart/form-data",
                                    data={"file": (io.BytesIO(content()), name)})
    assert response.status_code == 422
    [error] = response.get_json()["errors"]
    assert error["message"].startswith(("không đọc được tệp Excel (.xlsx): tệp bị hỏng",
                                        "không đọc được tệp CSV: có ô quá dài"))
    assert not re.search(r"[A-Z][a-z]+Error|Exception|field larger|KeyError|limit \(", error["message"])
