"""CSRF rule, security headers, escaping and the size limit."""

from __future__ import annotations

import io

import pytest

from docgen.web.database import database
from docgen.web.security import CONTENT_SECURITY_POLICY

from ..people import add_people
from .batch_accounts import Clerk

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


@pytest.mark.parametrize("url", ["/", "/plan/new", "/plan/sample/002", "/api/schema", "/static/style.css",
                                 "/nowhere"])
def test_security_headers_everywhere(client, url):
    response = client.get(url)
    for name, value in HEADERS.items():
        assert response.headers[name] == value


def test_policy_forbids_inline_scripts_and_framing():
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY


DOWNLOADS = (".docx", ".pdf", ".zip", ".xlsx", ".yaml", ".json", ".png", ".edxml", ".xml")  # files, not pages
# Pages left to their own tests: a batch job's page needs a job run first
# (tests/web/test_batch_pages.py).
PAGES_ELSEWHERE = {"/batch/<job_id>"}


def _html_pages(app) -> set[str]:
    """Every GET route of the app that answers with a page."""
    return {rule.rule for rule in app.url_map.iter_rules()
            if "GET" in rule.methods and not rule.rule.startswith(("/api/", "/static/"))
            and not rule.rule.endswith(DOWNLOADS)} - PAGES_ELSEWHERE


def test_pages_have_no_inline_script_or_style(app, sample_plans):
    with app.app_context():
        add_people(database())
    drafter, signer, admin = Clerk(app, "an"), Clerk(app, "chau"), Clerk(app, "dung")
    anonymous = app.test_client()
    created = drafter.client.post("/api/drafts", json={"plan": sample_plans["004"]},
                                  headers={"X-CSRF-Token": drafter.token})
    assert created.status_code == 201, created.get_json()
    draft_id = created.get_json()["id"]
    visits = {"/": drafter, "/plan/new": drafter, "/plan/sample/<sample_id>": drafter,
              "/login": anonymous, "/account/password": drafter, "/batch": drafter,
              "/drafts": drafter, "/drafts/<id:draft_id>": drafter,
              "/drafts/<id:draft_id>/edit": drafter, "/drafts/<id:draft_id>/review": signer,
              "/audit": admin, "/register": drafter, "/agencies": admin, "/huong-dan": anonymous}
    assert set(visits) == _html_pages(app), "a page was added or removed: list it here"
    for rule, visitor in visits.items():
        url = rule.replace("<sample_id>", "002").replace("<id:draft_id>", str(draft_id))
        response = visitor.get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert response.mimetype == "text/html", url
        html = response.get_data(as_text=True)
        for tag in html.split("<script")[1:]:
            head = tag.split(">", 1)[0]
            assert 'src="' in head or 'type="application/json"' in head, (url, head)
        assert " style=" not in html and "<style" not in html, url


# --- CSRF -------------------------------------------------------------------------------


def test_browser_session_needs_the_token(browser_session, sample_plans):
    refused = browser_session.post("/api/validate", token=False, json=sample_plans["002"])
    assert refused.status_code == 403
    assert "CSRF" in refused.get_json()["errors"][0]["message"]
    wrong = browser_session.client.post("/api/validate", json=sample_plans["002"],
                                        headers={"X-CSRF-Token": "forged"})
    assert wrong.status_code == 403
    assert browser_session.post("/api/validate", json=sample_plans["002"]).status_code == 200


def test_scripts_without_a_session_may_post_json(client, sample_plans):
    assert client.post("/api/validate", json=sample_plans["002"]).status_code == 200


def test_forgeable_bodies_without_a_session_are_refused(client):
    upload = client.post("/api/appendix/rows", content_type="multipart/form-data",
                         data={"file": (io.BytesIO(b"a,b\n"), "x.csv")})
    assert upload.status_code == 403
    form = client.post("/api/render", data={"header": "x"})
    assert form.status_code == 403


def test_a_script_can_get_a_token_for_uploads(client):
    token = client.get("/api/csrf-token").get_json()["token"]
    upload = client.post("/api/appendix/rows", content_type="multipart/form-data",
                         headers={"X-CSRF-Token": token},
                         data={"file": (io.BytesIO(b"a,b\n1,2\n"), "x.csv")})
    assert upload.status_code == 200
    assert upload.get_json()["rows"] == [["a", "b"], ["1", "2"]]


def test_open_form_needs_the_hidden_field(browser_session, sample_file):
    content = sample_file["002"].read_bytes()
    refused = browser_session.client.post("/plan/open", content_type="multipart/form-data",
                                          data={"file": (io.BytesIO(content), "002.yaml")})
    assert refused.status_code == 403
    assert "CSRF" in refused.get_data(as_text=True)
    accepted = browser_session.client.post(
        "/plan/open", content_type="multipart/form-data",
        data={"file": (io.BytesIO(content), "002.yaml"), "csrf_token": browser_session.token})
    assert accepted.status_code == 200
    assert "Trương Hải Long" in accepted.get_data(as_text=True)


def test_session_cookie_flags(client):
    cookie = client.get("/").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


# --- escaping ------------------------------------------------------------------------------


HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&'


def test_user_text_is_escaped_in_the_preview(client, sample_plans):
    plan = dict(sample_plans["002"], subject=HOSTILE)
    plan["signer"] = {"authority": ["CHỦ TỊCH"], "name": "A<b>B</b>"}
    html = client.post("/api/preview", json=plan).get_data(as_text=True)
    assert "<script>" not in html and "<img" not in html and "<b>B</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "A&lt;b&gt;B&lt;/b&gt;" in html


def test_user_text_is_escaped_in_the_editor_page(browser_session):
    text = f"subject: '{HOSTILE.replace(chr(39), chr(39) * 2)}</script>'\n"
    response = browser_session.client.post(
        "/plan/open", content_type="multipart/form-data",
        data={"file": (io.BytesIO(text.encode("utf-8")), "x.yaml"), "csrf_token": browser_session.token})
    html = response.get_data(as_text=True)
    assert "<script>alert" not in html and "</script><img" not in html
    assert "\\u003cscript\\u003e" in html  # inside the JSON data block


def test_oversize_page_post_says_so_in_vietnamese(browser_session):
    big = io.BytesIO(b"x" * (5 * 1024 * 1024))
    response = browser_session.client.post("/plan/open", content_type="multipart/form-data",
                                           data={"file": (big, "x.yaml"), "csrf_token": browser_session.token})
    assert response.status_code == 413
    assert "Dữ liệu gửi lên quá lớn: tối đa 4 MB" in response.get_data(as_text=True)
