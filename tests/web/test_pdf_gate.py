"""Issue 20, item 7: PDFs cannot starve the app. One anonymous 0.8 MB plan
held the converter 60 s while a clerk's preview waited 59 s; 8 slow PDFs
took all 8 server threads, so even a preview that needs no PDF waited.

Now every route that makes a PDF goes through the gate (web/pdf_gate.py):
a bounded number in flight, one per user, anonymous plans small; beyond
that a 503 with Retry-After at once, and the threads left serve the rest."""

from __future__ import annotations

import http.client
import json
import logging
import os
import re
import secrets
import shutil
import signal
import subprocess
import threading
from contextlib import ExitStack

import pytest
from sqlalchemy import select

from docgen.web import ConfigError, create_app, waitress_options
from docgen.pdf import Busy, warm
from docgen.storage.models import IssuedPdf
from docgen.storage.users import create_user
from docgen.web.database import database
from docgen.web.pdf_gate import PdfGate

from ..people import PASSWORD, UNIT_A, own_plan
from ..waiting import wait_until
from .test_drafts_api import CONFIRM, User, create

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice not installed (scripts/setup.sh installs it)")
TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')


# --- the gate itself ----------------------------------------------------------------


def test_the_gate_holds_a_bounded_number_and_one_per_client():
    gate = PdfGate(capacity=2, per_client=1)
    with gate.slot("user 1", anonymous=False):
        with pytest.raises(Busy, match="Bạn đã có 1 bản PDF đang được tạo") as mine:
            with gate.slot("user 1", anonymous=False):
                pass
        assert mine.value.retry_after == 10
        with gate.slot("user 2", anonymous=False):
            with pytest.raises(Busy, match="Máy chủ đang tạo nhiều bản PDF cùng lúc; hãy thử lại sau 10 giây"):
                with gate.slot("user 3", anonymous=False):
                    pass
            assert gate.in_flight == 2
    assert gate.in_flight == 0
    with gate.slot("user 3", anonymous=False):  # room again
        pass


def test_anonymous_clients_leave_a_slot_to_logged_in_users():
    gate = PdfGate(capacity=3, per_client=2)
    with ExitStack() as held:
        held.enter_context(gate.slot("address 10.0.0.1", anonymous=True))
        held.enter_context(gate.slot("address 10.0.0.2", anonymous=True))
        with pytest.raises(Busy, match="Máy chủ đang tạo nhiều bản PDF"):
            held.enter_context(gate.slot("address 10.0.0.3", anonymous=True))
        held.enter_context(gate.slot("user 7", anonymous=False))  # the kept slot
    assert gate.in_flight == 0
    alone = PdfGate(capacity=1)
    with alone.slot("address 10.0.0.1", anonymous=True):  # a single slot is shared
        pass


def test_one_document_asked_for_twice_at_once_is_converted_once():
    """The review page's printed pages and its "Xem PDF" ask for the same
    document: the second waits for the first's conversion (no second slot,
    which the per-user limit would refuse), and the next ask is kept."""
    gate = PdfGate(capacity=1, per_client=1)
    started, release, calls = threading.Event(), threading.Event(), []

    def make():
        calls.append(1)
        started.set()
        release.wait(5)
        return b"%PDF-1.7 once"

    results = []
    first = threading.Thread(target=lambda: results.append(gate.once("doc", "user 1", anonymous=False, make=make)))
    first.start()
    started.wait(5)
    second = threading.Thread(target=lambda: results.append(gate.once("doc", "user 1", anonymous=False, make=make)))
    second.start()
    wait_until(lambda: gate._waiting == 1, 5, "the second request never waited")
    with pytest.raises(Busy):  # another document of that user: its one slot is taken
        gate.once("other", "user 1", anonymous=False, make=make)
    release.set()
    first.join(5)
    second.join(5)
    assert results == [b"%PDF-1.7 once"] * 2 and len(calls) == 1
    assert gate.once("doc", "user 2", anonymous=False, make=make) == b"%PDF-1.7 once" and len(calls) == 1
    assert gate.in_flight == 0 and gate._waiting == 0


def test_a_signatures_pdf_waits_for_the_users_own_and_nothing_else_does():
    """Signing while the review page still draws its printed pages: the
    signature's PDF (``wait``) waits for the officer's own PDF instead of
    failing; a second such wait of that user, any request without ``wait``
    and an anonymous client are refused at once."""
    gate = PdfGate(capacity=4, per_client=1, own_wait=30)
    first_started, release = threading.Event(), threading.Event()
    order = []

    def first():
        with gate.slot("user 1", anonymous=False):
            first_started.set()
            release.wait(5)
            order.append("pages")

    def signature():
        with gate.slot("user 1", anonymous=False, wait=True):
            order.append("signature")

    threads = [threading.Thread(target=first), threading.Thread(target=signature)]
    threads[0].start()
    first_started.wait(5)
    threads[1].start()
    wait_until(lambda: gate._own_waiters["user 1"] == 1, 5, "the signature never waited")
    for wait in (False, True):
        with pytest.raises(Busy, match="Bạn đã có 1 bản PDF đang được tạo"):
            with gate.slot("user 1", anonymous=False, wait=wait):
                pass
    with gate.slot("address 10.0.0.9", anonymous=True):
        with pytest.raises(Busy, match="Bạn đã có 1 bản PDF"):
            with gate.slot("address 10.0.0.9", anonymous=True, wait=True):
                pass
    release.set()
    for thread in threads:
        thread.join(5)
    assert order == ["pages", "signature"] and gate.in_flight == 0 and not gate._own_waiters


def test_a_failed_conversion_fails_its_waiters_too():
    gate = PdfGate(capacity=2, per_client=2)
    started, release = threading.Event(), threading.Event()

    def broken():
        started.set()
        release.wait(5)
        raise RuntimeError("soffice died")

    errors = []

    def ask():
        try:
            gate.once("doc", "user 1", anonymous=False, make=broken)
        except RuntimeError as error:
            errors.append(str(error))

    threads = [threading.Thread(target=ask)]
    threads[0].start()
    started.wait(5)
    threads.append(threading.Thread(target=ask))
    threads[1].start()
    wait_until(lambda: gate._waiting == 1, 5, "the second request never waited")
    release.set()
    for thread in threads:
        thread.join(5)
    assert errors == ["soffice died"] * 2 and gate.in_flight == 0
    assert "doc" not in gate._recent  # a failure is not kept: the next ask converts again


def test_the_gate_takes_a_quarter_of_the_server_threads(tmp_path):
    def gate(**config):
        return create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
                           **config}).extensions["docgen.pdf_gate"]

    assert gate().capacity == 2  # docgen serve's 8 threads
    assert gate(SERVER_THREADS=16).capacity == 4
    assert gate(SERVER_THREADS=3).capacity == 1
    assert gate(PDF_QUEUE="5", PDF_PER_USER="2").capacity == 5
    with pytest.raises(ConfigError, match="DOCGEN_PDF_QUEUE phải là số nguyên từ 1 đến 1000, không phải “0”"):
        gate(PDF_QUEUE="0")
    with pytest.raises(ConfigError, match="DOCGEN_PDF_ANONYMOUS_KB phải là số nguyên"):
        gate(PDF_ANONYMOUS_KB="nhiều")


# --- the routes that make PDFs --------------------------------------------------------


def test_anonymous_pdf_of_a_large_plan_needs_a_login(client, sample_plans):
    big = {**sample_plans["002"], "subject": "Kế hoạch " + "rất dài " * 6000}  # ~50 KB
    response = client.post("/api/render?format=pdf", json=big)
    assert response.status_code == 413
    assert response.get_json()["errors"][0]["message"] == (
        "Văn bản lớn hơn 40 KB chỉ tạo được bản PDF khi đã đăng nhập; hãy đăng nhập, hoặc tải tệp .docx.")
    assert client.post("/api/render?format=pdf-a", json=big).status_code == 413
    assert client.post("/api/render", json=big).status_code != 413  # the .docx is not limited


@pytest.fixture
def people(app):
    """Unit A: drafters an and binh, signer chau, văn thư vy."""
    with app.app_context():
        for username, name, role in [("an", "Nguyễn Văn An", "drafter"), ("binh", "Trần Thị Bình", "drafter"),
                                     ("chau", "Lê Minh Châu", "signer"), ("vy", "Trần Thị Vy", "registrar")]:
            create_user(database(), username, name, role, UNIT_A, PASSWORD)


@pytest.fixture
def login(app, people):
    return lambda username: User(app, username)


@pytest.fixture
def full_gate(app):
    """The app's gate with every slot held by other users."""
    gate = app.extensions["docgen.pdf_gate"]
    with ExitStack() as held:
        for number in range(gate.capacity):
            held.enter_context(gate.slot(f"user {1000 + number}", anonymous=False))
        yield gate


def busy(response) -> str:
    assert response.status_code == 503 and response.headers["Retry-After"] == "10"
    return response.get_data(as_text=True)


@needs_soffice
def test_every_route_that_converts_goes_through_the_gate(app, login, full_gate, test_ca, monkeypatch):
    """Draft PDF, printed pages, the issued PDF (download and signing) and
    the API: each answers 503 at once when the gate is full."""
    monkeypatch.setenv("DOCGEN_SIGNING_SECRETS", str(test_ca))
    an, chau, vy = login("an"), login("chau"), login("vy")
    draft = create(an, own_plan())
    assert "Máy chủ đang tạo nhiều bản PDF cùng lúc" in busy(an.get(f"/drafts/{draft}/preview.pdf"))
    pages = an.get(f"/drafts/{draft}/pages.json")
    assert pages.status_code == 503 and "Máy chủ đang tạo nhiều bản PDF" in pages.get_json()["errors"][0]["message"]
    assert "Máy chủ đang tạo nhiều bản PDF" in busy(an.post_json("/api/render?format=pdf", own_plan()))
    # Refused before the plan is even read (reading and rendering a large one is work too).
    assert "Máy chủ đang tạo nhiều bản PDF" in busy(an.post_json("/api/render?format=pdf", {"subject": 1}))

    assert an.post_form(f"/drafts/{draft}/submit").status_code == 302
    assert chau.post_form(f"/drafts/{draft}/approve", CONFIRM).status_code == 302
    assert vy.post_form(f"/drafts/{draft}/issue", CONFIRM).status_code == 302
    entry = int(re.search(r"/register/(\d+)/download\.docx",
                          vy.get(f"/drafts/{draft}/review").get_data(as_text=True)).group(1))
    assert "Máy chủ đang tạo nhiều bản PDF" in busy(vy.get(f"/register/{entry}/issued.pdf"))
    assert "Máy chủ đang tạo nhiều bản PDF" in busy(chau.post_form(f"/register/{entry}/sign"))
    with app.app_context():
        assert database().scalars(select(IssuedPdf)).all() == []  # nothing made, nothing signed
    # What needs no PDF answers as ever.
    assert an.get(f"/drafts/{draft}/review").status_code == 200
    assert an.post_json("/api/preview", own_plan()).status_code == 200


# --- under waitress: PDFs held, the rest served ------------------------------------


class Client:
    """One browser against the live server: its session cookie and CSRF token."""

    def __init__(self, port: int, username: str | None = None):
        self.port, self.cookie = port, None
        self.token = TOKEN.search(self.request("GET", "/").text).group(1)
        if username:
            form = re.search(r'name="csrf_token" value="([^"]+)"', self.request("GET", "/login").text).group(1)
            body = f"username={username}&password={PASSWORD}&csrf_token={form}".encode()
            reply = self.request("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded"})
            assert reply.status == 302, reply.text
            self.token = TOKEN.search(self.request("GET", "/drafts").text).group(1)

    def request(self, method: str, target: str, body: bytes | None = None, headers: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        sent = dict(headers or {})
        if self.cookie:
            sent["Cookie"] = f"docgen_session={self.cookie}"
        try:
            connection.request(method, target, body=body, headers=sent)
            response = connection.getresponse()
            response.body = response.read()
            response.text = response.body.decode("utf-8", "replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            if name == "docgen_session":
                self.cookie = rest.split(";", 1)[0] or None
        return response

    def post_json(self, target: str, data):
        return self.request("POST", target, json.dumps(data).encode(),
                            {"Content-Type": "application/json", "X-CSRF-Token": self.token})


class Pending(threading.Thread):
    """A request sent in the background; ``reply`` once it is answered."""

    def __init__(self, send):
        super().__init__(daemon=True)
        self.send, self.reply = send, None
        self.start()

    def run(self):
        self.reply = self.send()


@pytest.fixture
def server(tmp_path, monkeypatch):
    """The app under waitress with 4 threads and 2 PDF slots, its own
    shared converter (started by the first PDF)."""
    from waitress import create_server

    monkeypatch.setenv("DOCGEN_PDF_TIMEOUT", "300")
    monkeypatch.setenv("DOCGEN_PDF_PROFILES", str(tmp_path / "profiles"))
    warm.shutdown()
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    app = create_app({"JOBS_DIR": tmp_path / "jobs", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
                      "PDF_PAGES_DIR": tmp_path / "pages", "SECRET_KEY": secrets.token_hex(32),
                      "SERVER_THREADS": 4, "PDF_QUEUE": 2})
    with app.app_context():
        for username in ("an", "binh", "em"):
            create_user(database(), username, username.title(), "drafter", UNIT_A, PASSWORD)
    waitress = create_server(app, host="127.0.0.1", port=0, threads=4, **waitress_options(app))
    thread = threading.Thread(target=waitress.run, daemon=True)
    thread.start()
    yield app, waitress.effective_port
    waitress.close()
    thread.join(timeout=10)
    warm.shutdown()


def pdf_pages(document: bytes, tmp_path) -> int:
    path = tmp_path / "out.pdf"
    path.write_bytes(document)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


@pytest.mark.slow
@needs_soffice
def test_pdfs_held_by_a_frozen_converter_leave_the_app_serving(server, tmp_path):
    """The converter frozen (its soffice stopped) while two users' PDFs
    are in flight: a third user's PDF, the first user's second one and an
    anonymous one are refused at once (503, Retry-After), while the
    editor's preview and pages answer; the two PDFs complete once the
    converter runs again."""
    app, port = server
    gate = app.extensions["docgen.pdf_gate"]
    plan = own_plan()
    an, binh, em, anonymous = Client(port, "an"), Client(port, "binh"), Client(port, "em"), Client(port)
    first = an.post_json("/api/render?format=pdf", plan)  # starts the shared converter
    assert first.status == 200 and pdf_pages(first.body, tmp_path) == 5
    [office] = warm.shared_pool().converters[0].office_pids()
    os.kill(office, signal.SIGSTOP)
    try:
        held = [Pending(lambda: an.post_json("/api/render?format=pdf", plan))]
        wait_until(lambda: gate.in_flight == 1, 30, "an's PDF did not reach the converter")
        held.append(Pending(lambda: binh.post_json("/api/render?format=pdf", plan)))
        wait_until(lambda: gate.in_flight == 2, 30, "binh's PDF did not reach the gate")

        for refused, message in [(an, "Bạn đã có 1 bản PDF đang được tạo"),
                                 (em, "Máy chủ đang tạo nhiều bản PDF cùng lúc"),
                                 (anonymous, "Máy chủ đang tạo nhiều bản PDF cùng lúc")]:
            reply = refused.post_json("/api/render?format=pdf", plan)
            assert reply.status == 503 and reply.headers["Retry-After"] == "10"
            assert message in json.loads(reply.text)["errors"][0]["message"]

        preview = anonymous.post_json("/api/preview", plan)
        assert preview.status == 200 and "Lê Minh Châu" in preview.text
        assert em.request("GET", "/").status == 200
        assert all(p.is_alive() and p.reply is None for p in held)  # still waiting on the converter
    finally:
        os.kill(office, signal.SIGCONT)
    for pending in held:
        pending.join(300)
        assert pending.reply.status == 200 and pdf_pages(pending.reply.body, tmp_path) == 5
    assert gate.in_flight == 0
