"""Issue 15, item 8: what an attacker found with plain HTTP requests, replayed
against the app under waitress (real sockets, real cookies, raw request
targets as the attacker typed them).

- a cookie saved before logout / a password change / deactivation still read
  and wrote drafts for 8 hours;
- ``GET /login?next=/%09/evil.com`` answered ``Location: //evil.com``;
- ``/drafts/99999999999999999999999`` was a 500;
- a one-character secret key was accepted;
- behind a reverse proxy every client had the proxy's address, so five bad
  passwords locked a colleague out.
"""

from __future__ import annotations

import http.client
import itertools
import json
import logging
import re
import secrets
import threading
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner

from docgen.web import ConfigError, create_app, waitress_options
from docgen.cli import main as cli
from sqlalchemy import select

from docgen.storage.models import MAX_ID, AuditEvent
from docgen.storage.users import ADDRESS_FAILURE_LIMIT, FAILURE_LIMIT, create_user
from docgen.web.database import database
from docgen.web.routing import DatabaseId

PASSWORD = "mat-khau-du-dai"
HIDDEN_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
HUGE = "99999999999999999999999"
_numbers = itertools.count(1)


def fresh(prefix: str) -> str:
    """A username no other test uses (the servers live for the module)."""
    return f"{prefix}{next(_numbers)}"


# --- a live app behind one (simulated) reverse proxy ------------------------------


class Server:
    def __init__(self, app, port: int):
        self.app, self.port = app, port
        self.database_url = app.config["DATABASE_URL"]

    def add_user(self, username: str) -> str:
        """A drafter alone in a unit of their own (their drafts are theirs)."""
        with self.app.app_context():
            create_user(database(), username, username.title(), "drafter", f"UBND xã {username}",
                        PASSWORD)
        return username

    def audit(self, username: str) -> list[AuditEvent]:
        """The account's audit rows, oldest first."""
        with self.app.app_context():
            return list(database().scalars(select(AuditEvent).where(AuditEvent.username == username)
                                           .order_by(AuditEvent.id)))


def _serve(tmp_path_factory, **config):
    from waitress import create_server

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    folder = tmp_path_factory.mktemp("sessions")
    app = create_app({"JOBS_DIR": folder / "jobs", "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
                      "SECRET_KEY": secrets.token_hex(32), **config})
    # As `docgen serve` starts it.
    server = create_server(app, host="127.0.0.1", port=0, threads=4, **waitress_options(app))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    return Server(app, server.effective_port), server, thread


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    """The app as behind one reverse proxy (DOCGEN_PROXIES=1): each test's
    client sends its own X-Forwarded-For, as the proxy would."""
    live, server, thread = _serve(tmp_path_factory, PROXIES="1")
    yield live
    server.close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def direct(tmp_path_factory):
    """The app with the default DOCGEN_PROXIES=0."""
    live, server, thread = _serve(tmp_path_factory)
    yield live
    server.close()
    thread.join(timeout=5)


class Reply:
    def __init__(self, response: http.client.HTTPResponse):
        self.status = response.status
        self.headers = response.headers
        self.text = response.read().decode("utf-8", "replace")

    @property
    def location(self) -> str | None:
        return self.headers.get("Location")

    def json(self):
        return json.loads(self.text)


class Browser:
    """One computer: its address (as the proxy reports it) and its session
    cookie, sent back as a browser would; ``request`` sends the target
    exactly as written (no re-encoding)."""

    def __init__(self, server: Server, address: str = "127.0.0.1"):
        self.server, self.address = server, address
        self.cookie: str | None = None
        self.token: str | None = None

    def request(self, method: str, target: str, *, body: bytes | None = None,
                headers: dict | None = None, cookie: str | None = "mine") -> Reply:
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
        sent = {"X-Forwarded-For": self.address, **(headers or {})}
        cookie = self.cookie if cookie == "mine" else cookie
        if cookie:
            sent["Cookie"] = f"docgen_session={cookie}"
        try:
            connection.request(method, target, body=body, headers=sent)
            reply = Reply(connection.getresponse())
        finally:
            connection.close()
        for header in reply.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            if name == "docgen_session":
                value = rest.split(";", 1)[0]
                self.cookie = value or None
        return reply

    def get(self, target: str, **kwargs) -> Reply:
        return self.request("GET", target, **kwargs)

    def post_form(self, target: str, fields: dict, **kwargs) -> Reply:
        return self.request("POST", target, body=urlencode(fields).encode(), headers={
            "Content-Type": "application/x-www-form-urlencoded"}, **kwargs)

    def post_json(self, target: str, data, *, token: str | None = None, **kwargs) -> Reply:
        return self.request("POST", target, body=json.dumps(data).encode(), headers={
            "Content-Type": "application/json", "X-CSRF-Token": token or self.token or ""}, **kwargs)

    def form_token(self, target: str = "/login") -> str:
        return HIDDEN_TOKEN.search(self.get(target).text).group(1)

    def login(self, username: str, password: str = PASSWORD, **extra) -> Reply:
        reply = self.post_form("/login", {"username": username, "password": password,
                                          "csrf_token": self.form_token(), **extra})
        if reply.status == 302:
            self.token = self.form_token("/account/password")
        return reply


def logged_in(server: Server, username: str, address: str = "127.0.0.1") -> Browser:
    browser = Browser(server, address)
    reply = browser.login(username)
    assert reply.status == 302, reply.text
    return browser


# --- logout, password change and deactivation end every session ----------------


def test_a_cookie_saved_before_logout_no_longer_reads_or_writes(proxied, plan):
    proxied.add_user("an")
    an = logged_in(proxied, "an", "10.0.1.1")
    other_computer = logged_in(proxied, "an", "10.0.1.2")
    saved_cookie, saved_token = an.cookie, an.token
    # What the attacker saw: the saved cookie reads and writes.
    assert an.get("/api/drafts", cookie=saved_cookie).status == 200
    assert an.post_json("/api/drafts", {"plan": plan}, cookie=saved_cookie).status == 201

    assert an.post_form("/logout", {"csrf_token": an.token}).status == 302
    replay = an.get("/api/drafts", cookie=saved_cookie)
    assert replay.status == 401
    assert replay.json()["errors"][0]["message"] == "Cần đăng nhập để dùng chức năng này."
    write = an.post_json("/api/drafts", {"plan": plan}, token=saved_token, cookie=saved_cookie)
    assert write.status == 401
    page = an.get("/drafts", cookie=saved_cookie)
    assert page.status == 302 and page.location.startswith("/login?next=")
    # Logout ends the account's other sessions too.
    assert other_computer.get("/api/drafts").status == 401
    # Nothing was written after the logout.
    assert len(logged_in(proxied, "an", "10.0.1.1").get("/api/drafts").json()["drafts"]) == 1
    assert "logout" in [e.action for e in proxied.audit("an")]


def test_a_password_change_ends_every_other_session(proxied, plan):
    proxied.add_user("binh")
    binh = logged_in(proxied, "binh", "10.0.2.1")
    elsewhere = logged_in(proxied, "binh", "10.0.2.2")
    saved_cookie, saved_token = binh.cookie, binh.token
    form = binh.get("/account/password")
    assert form.status == 200 and "Đổi mật khẩu" in form.text and "Mật khẩu hiện tại" in form.text

    reply = binh.post_form("/account/password", {
        "csrf_token": binh.token, "current_password": PASSWORD,
        "new_password": "mat-khau-moi-cua-binh", "new_password_again": "mat-khau-moi-cua-binh"})
    assert reply.status == 302 and reply.location == "/drafts"
    assert binh.cookie != saved_cookie
    # This browser goes on under its new cookie; the saved one and the other computer are out.
    assert binh.get("/api/drafts").status == 200
    assert binh.get("/drafts").text.count("Đã đổi mật khẩu.") == 1
    assert binh.get("/api/drafts", cookie=saved_cookie).status == 401
    assert binh.post_json("/api/drafts", {"plan": plan}, token=saved_token,
                          cookie=saved_cookie).status == 401
    assert elsewhere.get("/api/drafts").status == 401
    # The new password logs in, the old one does not.
    assert Browser(proxied, "10.0.2.3").login("binh", "mat-khau-moi-cua-binh").status == 302
    assert Browser(proxied, "10.0.2.3").login("binh").status == 401


@pytest.mark.parametrize("fields,message", [
    ({"current_password": "sai-roi-nhe", "new_password": "mat-khau-moi-1",
      "new_password_again": "mat-khau-moi-1"}, "Mật khẩu hiện tại không đúng."),
    ({"current_password": PASSWORD, "new_password": "mat-khau-moi-1",
      "new_password_again": "mat-khau-moi-2"}, "Hai lần nhập mật khẩu mới không giống nhau."),
    ({"current_password": PASSWORD, "new_password": "ngan", "new_password_again": "ngan"},
     "Mật khẩu cần ít nhất 8 ký tự."),
])
def test_a_refused_password_change_says_why_and_keeps_the_session(proxied, fields, message):
    username = proxied.add_user(fresh("doi"))
    browser = logged_in(proxied, username, "10.0.3.1")
    cookie = browser.cookie
    reply = browser.post_form("/account/password", {"csrf_token": browser.token, **fields})
    assert reply.status in (400, 401)
    assert message in reply.text
    assert browser.get("/api/drafts", cookie=cookie).status == 200


def test_password_change_needs_the_csrf_token(proxied):
    proxied.add_user("cuong")
    cuong = logged_in(proxied, "cuong", "10.0.4.1")
    reply = cuong.post_form("/account/password", {
        "current_password": PASSWORD, "new_password": "mat-khau-moi-1",
        "new_password_again": "mat-khau-moi-1"})
    assert reply.status == 403
    assert cuong.get("/api/drafts").status == 200


def test_deactivation_ends_every_session_at_once(proxied, plan):
    proxied.add_user("dao")
    dao = logged_in(proxied, "dao", "10.0.5.1")
    assert dao.get("/api/drafts").status == 200
    result = CliRunner().invoke(cli, ["users", "deactivate", "dao", "--database-url",
                                      proxied.database_url])
    assert result.exit_code == 0, result.output
    assert dao.get("/api/drafts").status == 401
    assert dao.post_json("/api/drafts", {"plan": plan}).status == 401
    assert Browser(proxied, "10.0.5.1").login("dao").status == 401
    # Reactivated, the old cookie still stays dead; a new login works.
    assert CliRunner().invoke(cli, ["users", "activate", "dao", "--database-url",
                                    proxied.database_url]).exit_code == 0
    assert dao.get("/api/drafts").status == 401
    assert logged_in(proxied, "dao", "10.0.5.1").get("/api/drafts").status == 200


def test_cli_passwd_ends_every_session(proxied):
    proxied.add_user("giao")
    giao = logged_in(proxied, "giao", "10.0.6.1")
    result = CliRunner().invoke(cli, ["users", "passwd", "giao", "--password-stdin", "--database-url",
                                      proxied.database_url], input="mat-khau-cap-lai-1\n")
    assert result.exit_code == 0, result.output
    assert giao.get("/api/drafts").status == 401


# --- next: a page of this site, nothing else ---------------------------------------


REFUSED_NEXT = [
    "/%09/evil.com",                   # the reported one: tab dropped by the browser
    "/%0a/evil.com", "/%0d/evil.com", "/%0D%0A/evil.com", "%09/evil.com",
    "//evil.com", "///evil.com", "////evil.com/drafts",
    "/\\evil.com", "/%5Cevil.com", "%5C%5Cevil.com", "\\\\evil.com",
    "/%2Fevil.com", "%2F%2Fevil.com", "/%252Fevil.com", "%252F%252Fevil.com",
    "https://evil.com/drafts", "http:evil.com", "javascript:alert(1)", "JaVaScRiPt%3Aalert(1)",
    "data:text/html,x", "evil.com", "drafts",
    "%20//evil.com", "/%20/evil.com", "/%E2%80%8B/evil.com", "/%00/evil.com", "/%7F/evil.com",
    "/%C2%A0/evil.com", "/drafts%0d%0aSet-Cookie:x=1",
    "/no-such-page", "/logout", "",
]
ACCEPTED_NEXT = [
    ("/drafts", "/drafts"),
    ("/drafts/12/review", "/drafts/12/review"),
    ("%2Fdrafts%2F12%2Freview", "/drafts/12/review"),  # an encoded local path is still local
    ("/audit", "/audit"),
    ("/plan/new", "/plan/new"),
    ("/drafts?trang=2", "/drafts?trang=2"),
]


def _shapes():
    return [pytest.param(raw, "/drafts", id=f"refused:{raw}") for raw in REFUSED_NEXT] + [
        pytest.param(raw, target, id=f"kept:{raw}") for raw, target in ACCEPTED_NEXT]


@pytest.fixture(scope="module")
def logged_in_viewer(proxied):
    proxied.add_user("xem")
    return logged_in(proxied, "xem", "10.0.8.1")


@pytest.mark.parametrize("raw,expected", _shapes())
def test_next_after_login_stays_on_this_site(proxied, logged_in_viewer, raw, expected):
    # Logged in already: GET /login?next=… redirects at once (the reported request).
    reply = logged_in_viewer.get(f"/login?next={raw}")
    if "%00" in raw:  # a NUL in any input is refused before anything (requests.refuse_invalid_text)
        assert reply.status == 400 and reply.location is None
        return
    assert reply.status == 302
    assert reply.location == expected


@pytest.mark.parametrize("raw", ["/%09/evil.com", "//evil.com", "/\\evil.com", "https://evil.com"])
def test_next_on_the_login_form_is_checked_too(proxied, raw):
    browser = Browser(proxied, "10.0.8.2")
    page = browser.get(f"/login?next={raw}")
    assert 'name="next"' not in page.text  # the form does not carry a refused target on
    username = proxied.add_user(fresh("next"))
    reply = browser.login(username, next=raw.replace("%09", "\t"))
    assert reply.status == 302 and reply.location == "/drafts"


def test_login_keeps_a_local_next(proxied):
    proxied.add_user("nhu")
    browser = Browser(proxied, "10.0.8.3")
    page = browser.get("/drafts/5/review")
    assert page.status == 302 and page.location.startswith("/login?next=")
    assert 'name="next" value="/drafts/5/review"' in browser.get(page.location).text
    reply = browser.login("nhu", next="/drafts/5/review")
    assert reply.status == 302 and reply.location == "/drafts/5/review"


# --- ids out of range are 404, never 500 ---------------------------------------------


def _id_routes(app) -> list[tuple[str, str]]:
    """(method, URL with a huge id) for every rule with an id in its path."""
    routes = []
    for rule in app.url_map.iter_rules():
        ids = [name for name, converter in rule._converters.items() if isinstance(converter, DatabaseId)]
        if not ids:
            continue
        url = rule.rule
        for name in ids:
            url = url.replace(f"<id:{name}>", HUGE)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append((method, url))
    return routes


def test_every_numeric_path_part_is_a_database_id(proxied):
    from werkzeug.routing.converters import NumberConverter

    for rule in proxied.app.url_map.iter_rules():
        for name, converter in rule._converters.items():
            if isinstance(converter, NumberConverter):
                assert isinstance(converter, DatabaseId), (rule.rule, name)
    assert len(_id_routes(proxied.app)) >= 11


@pytest.mark.parametrize("number", [HUGE, str(MAX_ID + 1), "2147483648", "0", "-1", "1e9", "00"])
def test_out_of_range_ids_are_404_everywhere(proxied, number):
    lan = logged_in(proxied, proxied.add_user(fresh("lan")), "10.0.9.1")
    for method, url in _id_routes(proxied.app):
        url = url.replace(HUGE, number)
        if method == "GET":
            reply = lan.get(url)
        elif url.startswith("/api/"):
            reply = lan.post_json(url, {"plan": {}, "base_version": 1})
        else:
            reply = lan.post_form(url, {"csrf_token": lan.token, "section": "0", "version": "1"})
        assert reply.status == 404, (method, url, reply.status, reply.text[:200])
        if url.startswith("/api/"):
            assert reply.json()["errors"][0]["message"]
        else:
            assert "Không tìm thấy" in reply.text


def test_the_largest_id_is_an_ordinary_not_found(proxied):
    proxied.add_user("mai")
    mai = logged_in(proxied, "mai", "10.0.9.2")
    reply = mai.get(f"/api/drafts/{MAX_ID}")
    assert reply.status == 404
    assert reply.json()["errors"][0]["message"] == f"Không tìm thấy dự thảo số {MAX_ID}."
    reply = mai.post_form(f"/drafts/{MAX_ID}/comments",
                          {"csrf_token": mai.token, "section": HUGE, "version": HUGE})
    assert reply.status == 404


@pytest.mark.parametrize("target", [f"/batch/{HUGE}", f"/api/batch/{HUGE}", f"/batch/{HUGE}/plans.zip",
                                    "/batch/..%2F..%2Fetc", f"/api/samples/{HUGE}",
                                    f"/plan/sample/{HUGE}"])
def test_other_ids_in_urls_are_404(proxied, target):
    """Batch pages need a login (issue 15, item 9): a logged-in clerk gets the 404."""
    quang = logged_in(proxied, proxied.add_user(fresh("quang")), "10.0.9.3")
    assert quang.get(target).status == 404


def test_a_huge_version_in_a_save_is_404(proxied, plan):
    proxied.add_user("ngoc")
    ngoc = logged_in(proxied, "ngoc", "10.0.9.4")
    draft = ngoc.post_json("/api/drafts", {"plan": plan}).json()["id"]
    reply = ngoc.post_json(f"/api/drafts/{draft}/versions", {"plan": plan, "base_version": 10**30})
    assert reply.status == 404


# --- the secret key ---------------------------------------------------------------


def _config(tmp_path, **config) -> dict:
    return {"JOBS_DIR": tmp_path / "jobs", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            **config}


@pytest.mark.parametrize("key", ["x", "k" * 31, "  " + "k" * 20 + "  ", "ắ" * 10])
def test_a_short_secret_key_is_refused_at_start(tmp_path, key):
    with pytest.raises(ConfigError) as error:
        create_app(_config(tmp_path, SECRET_KEY=key))
    assert "quá ngắn" in str(error.value) and "ít nhất 32 byte" in str(error.value)
    assert "secrets.token_hex(32)" in str(error.value)


def test_docgen_serve_refuses_a_short_key(monkeypatch):
    monkeypatch.setenv("DOCGEN_SECRET_KEY", "x")
    started = []
    monkeypatch.setattr("waitress.serve", lambda *a, **k: started.append(k))
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 2 and not started
    assert "DOCGEN_SECRET_KEY quá ngắn: 1 byte, cần ít nhất 32 byte" in result.output
    assert "python3 -c \"import secrets; print(secrets.token_hex(32))\"" in result.output


def test_keys_of_32_bytes_start_and_tests_may_use_a_short_one(tmp_path):
    assert create_app(_config(tmp_path, SECRET_KEY="k" * 32)).secret_key == "k" * 32
    assert create_app(_config(tmp_path, SECRET_KEY="ắ" * 11))  # 33 bytes in UTF-8
    assert create_app(_config(tmp_path, TESTING=True, SECRET_KEY="x"))


def test_a_short_key_in_the_environment_is_refused_by_the_factory(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_SECRET_KEY", "short")
    with pytest.raises(ConfigError, match="quá ngắn: 5 byte"):
        create_app(_config(tmp_path))


# --- DOCGEN_PROXIES and the lockout rule ------------------------------------------


def test_without_proxies_a_forwarded_address_is_not_believed(direct):
    direct.add_user("phuong")
    browser = Browser(direct, "203.0.113.50")  # a header anyone can send
    assert browser.login("phuong").status == 302
    assert [e.ip for e in direct.audit("phuong") if e.action == "login"] == ["127.0.0.1"]


def test_behind_a_proxy_the_client_address_is_the_forwarded_one(proxied):
    proxied.add_user("quang")
    assert Browser(proxied, "192.0.2.10").login("quang").status == 302
    # A client that adds its own X-Forwarded-For in front: only the proxy's entry counts.
    browser = Browser(proxied, "6.6.6.6, 192.0.2.11")
    assert browser.login("quang").status == 302
    assert [e.ip for e in proxied.audit("quang") if e.action == "login"] == ["192.0.2.10", "192.0.2.11"]


@pytest.mark.parametrize("value,wrapped", [("0", False), ("", False), ("1", True), ("2", True)])
def test_docgen_proxies_wraps_the_app(tmp_path, monkeypatch, value, wrapped):
    from werkzeug.middleware.proxy_fix import ProxyFix

    monkeypatch.setenv("DOCGEN_PROXIES", value)
    app = create_app(_config(tmp_path, TESTING=True))
    assert isinstance(app.wsgi_app, ProxyFix) is wrapped
    if wrapped:
        assert (app.wsgi_app.x_for, app.wsgi_app.x_proto) == (int(value), int(value))
        assert (app.wsgi_app.x_host, app.wsgi_app.x_port) == (0, 0)


@pytest.mark.parametrize("value", ["yes", "-1", "1.5", "99"])
def test_a_bad_docgen_proxies_is_refused(tmp_path, monkeypatch, value):
    monkeypatch.setenv("DOCGEN_PROXIES", value)
    with pytest.raises(ConfigError, match="DOCGEN_PROXIES phải là số proxy"):
        create_app(_config(tmp_path, TESTING=True))


def test_five_bad_passwords_lock_only_that_account_from_that_address(proxied):
    proxied.add_user("son")
    proxied.add_user("tam")
    office = Browser(proxied, "198.18.0.1")
    for _ in range(FAILURE_LIMIT - 1):
        assert office.login("son", "sai-mat-khau").status == 401
    locked = office.login("son", "sai-mat-khau")
    assert locked.status == 429 and "tạm khóa đăng nhập từ máy này" in locked.text
    assert 0 < int(locked.headers["Retry-After"]) <= 900
    assert office.login("son").status == 429
    # A colleague at the same address logs in; son from his own computer too.
    assert Browser(proxied, "198.18.0.1").login("tam").status == 302
    assert Browser(proxied, "198.18.0.2").login("son").status == 302


def test_spraying_from_one_address_is_held_but_its_clerks_keep_working(proxied):
    proxied.add_user("uyen")
    proxied.add_user("vinh")
    address = "198.18.1.1"
    assert Browser(proxied, address).login("uyen").status == 302  # uyen works there
    sprayer = Browser(proxied, address)
    for attempt in range(ADDRESS_FAILURE_LIMIT - 1):
        assert sprayer.login(f"ai-{attempt}", "123456").status == 401
    held = sprayer.login("ai-cuoi", "123456")
    assert held.status == 429 and "quá nhiều lần đăng nhập sai từ địa chỉ này" in held.text
    # vinh never logged in from there: held; uyen did: not held; elsewhere: nobody is.
    assert Browser(proxied, address).login("vinh").status == 429
    assert Browser(proxied, address).login("uyen").status == 302
    assert Browser(proxied, "198.18.1.2").login("vinh").status == 302


def test_the_address_is_not_spoofable_from_the_client_side(proxied):
    """With one proxy, a locked client cannot pretend to be another by adding
    X-Forwarded-For entries: the proxy appends the real one last."""
    proxied.add_user("xuan")
    for _ in range(FAILURE_LIMIT):
        Browser(proxied, "198.18.2.1").login("xuan", "sai-mat-khau")
    assert Browser(proxied, "10.10.10.10, 198.18.2.1").login("xuan").status == 429


@pytest.mark.parametrize("proxies,cleared", [("0", True), ("1", False)])
def test_docgen_serve_keeps_forwarded_headers_only_behind_proxies(monkeypatch, proxies, cleared):
    """waitress drops X-Forwarded-* by default; `docgen serve` keeps them for
    ProxyFix only when DOCGEN_PROXIES says a proxy writes them."""
    calls = {}
    monkeypatch.setenv("DOCGEN_SECRET_KEY", secrets.token_hex(32))
    monkeypatch.setenv("DOCGEN_PROXIES", proxies)
    monkeypatch.setattr("waitress.serve", lambda app, **options: calls.update(options, app=app))
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 0, result.output
    assert calls["clear_untrusted_proxy_headers"] is cleared
    assert calls["app"].config["PROXIES"] == int(proxies)


# --- in the browser ---------------------------------------------------------------


def _browser_login(page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("#login-submit")
    page.wait_for_url(f"{base}/drafts")


def test_in_the_browser_a_password_change_and_a_logout_end_the_other_computer(
        page, browser, live_server, screens):
    username = fresh("trinh")
    with live_server.app.app_context():
        create_user(database(), username, "Lý Thị Trinh", "admin", f"UBND xã {username}", PASSWORD)
    other = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    other_page = other.new_page()
    try:
        _browser_login(page, live_server, username)
        _browser_login(other_page, live_server, username)
        page.click("#password-link")
        page.fill("#current_password", "khong-phai-mat-khau")
        page.fill("#new_password", "mat-khau-moi-cua-trinh")
        page.fill("#new_password_again", "mat-khau-moi-cua-trinh")
        page.click("#password-submit")
        assert page.inner_text("#password-error") == "Mật khẩu hiện tại không đúng."
        page.fill("#current_password", PASSWORD)
        page.fill("#new_password", "mat-khau-moi-cua-trinh")
        page.fill("#new_password_again", "mat-khau-moi-cua-trinh")
        page.click("#password-submit")
        page.wait_for_url(f"{live_server}/drafts")
        assert "Đã đổi mật khẩu." in page.inner_text("main")
        page.screenshot(path=str(screens / "sessions-password-changed.png"))
        # The other computer is logged out; its next click lands on the login page.
        other_page.goto(f"{live_server}/drafts")
        assert other_page.url.startswith(f"{live_server}/login")
        _browser_login(other_page, live_server, username, "mat-khau-moi-cua-trinh")
        # A logout here ends the other computer's new session as well.
        page.click("#logout")
        page.wait_for_url(f"{live_server}/login")
        other_page.goto(f"{live_server}/drafts")
        assert other_page.url.startswith(f"{live_server}/login")
        with live_server.app.app_context():
            actions = [e.action for e in database().scalars(
                select(AuditEvent).where(AuditEvent.username == username).order_by(AuditEvent.id))]
        assert actions[1:] == ["login", "login", "login_failed", "password", "login", "logout"]
    finally:
        other.close()


def test_a_session_from_before_session_versions_is_logged_out(app):
    """A cookie made before the upgrade has the user's id and no version."""
    with app.app_context():
        user_id = create_user(database(), "cu", "Người Cũ", "drafter", "UBND xã A", PASSWORD).id
    client = app.test_client()
    with client.session_transaction() as session:
        session["user_id"] = user_id
    assert client.get("/api/drafts").status_code == 401
    with client.session_transaction() as session:
        assert "user_id" not in session  # and the cookie forgets the login
        session["user_id"], session["session_version"] = user_id, 1
    assert client.get("/api/drafts").status_code == 200
