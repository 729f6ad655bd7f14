"""The e-office systems: a system registered for a unit with a token (kept
as its SHA-256) pulls the unit's documents since a time, never the secret
ones nor another unit's; issuing, recalling and replacing queue one signed
webhook per system with an address, sent by ``send_due``, retried after a
failure with growing waits and given up after the last; a secret document
is announced to nobody. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.jobs import webhooks
from docgen.storage import eoffice, register
from docgen.storage.errors import NotFound, UserError
from docgen.storage.models import ApiSystem, AuditEvent, WebhookDelivery

from .test_edxml_export import issue, office  # noqa: F401  (fixtures)

UNIT = "UBND xã Lộc Tấn"


class Receiver:
    """A webhook receiver that answers the given statuses in turn."""

    def __init__(self, *statuses):
        self.statuses, self.received = list(statuses), []

    def __call__(self, url, body, headers):
        self.received.append((url, body, headers))
        status = self.statuses.pop(0) if self.statuses else 200
        if isinstance(status, Exception):
            raise status
        return status


def test_a_system_pulls_the_units_documents_but_not_the_secret_ones(session, office, issue):
    system, token = eoffice.add_system(session, UNIT, "iOffice")
    assert token.startswith("dg_") and system.token_sha256 == hashlib.sha256(token.encode()).hexdigest()
    assert eoffice.authenticate(session, token).id == system.id
    assert eoffice.authenticate(session, "dg_wrong") is None and eoffice.authenticate(session, None) is None
    with pytest.raises(UserError, match="đã có hệ thống"):
        eoffice.add_system(session, UNIT, "iOffice")
    first = issue()
    secret = issue(subject="Kế hoạch mật", secrecy="mat")
    second = issue(subject="Kế hoạch hai")
    later = second.issued_at + eoffice.SETTLE
    assert [e.id for e in eoffice.documents_since(session, system, None, now=later)] == [first.id, second.id]
    assert [e.id for e in eoffice.documents_since(session, system, first.issued_at, now=later)] == [second.id]
    with pytest.raises(NotFound):
        eoffice.get_document(session, system, secret.id)
    other, _ = eoffice.add_system(session, "UBND xã Lộc Hòa", "VOffice")
    assert eoffice.documents_since(session, other, None, now=later) == []
    with pytest.raises(NotFound):
        eoffice.get_document(session, other, first.id)
    eoffice.set_active(session, system.id, False)
    assert eoffice.authenticate(session, token) is None


def test_issue_recall_and_replace_are_posted_signed_and_retried(session, office, issue):
    system, _ = eoffice.add_system(session, UNIT, "iOffice", webhook_url="https://eoffice.example/hook")
    eoffice.add_system(session, UNIT, "Chỉ lấy về")  # no webhook: nothing queued for it
    old = issue()
    issue(subject="Kế hoạch mật", secrecy="mat")  # announced to nobody
    register.recall(session, office["vy"], old.id, "Sai số liệu")
    new = issue(replaces=old.id, subject="Kế hoạch đã sửa")
    deliveries = session.query(WebhookDelivery).order_by(WebhookDelivery.id).all()
    assert [(d.event, d.document_id) for d in deliveries] == [("issue", old.id), ("recall", old.id),
                                                              ("replace", new.id)]
    assert json.loads(deliveries[2].payload)["document"]["replaces"] == {"id": old.id, "number": old.number_text}
    assert json.loads(deliveries[1].payload)["document"]["recall"]["reason"] == "Sai số liệu"

    receiver = Receiver(200, 500, OSError("connection refused"))
    assert webhooks.send_due(session, sender=receiver) == (1, 2)
    url, body, headers = receiver.received[0]
    assert url == "https://eoffice.example/hook" and headers["X-Docgen-Event"] == "issue"
    expected = hmac.new(system.webhook_secret.encode(), f"{headers['X-Docgen-Timestamp']}.".encode() + body,
                        hashlib.sha256).hexdigest()
    assert headers["X-Docgen-Signature"] == f"sha256={expected}"
    session.expire_all()
    failed = session.get(WebhookDelivery, deliveries[1].id)
    assert (failed.attempts, failed.last_error, failed.delivered_at) == (1, "HTTP 500", None)
    assert failed.next_attempt_at > dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert webhooks.send_due(session, sender=receiver) == (0, 0)  # not due yet
    for attempt in range(len(eoffice.RETRY_MINUTES)):
        eoffice.attempted(session, failed, "HTTP 503")
    assert failed.next_attempt_at is None and failed.delivered_at is None  # given up
    assert session.get(WebhookDelivery, deliveries[0].id).delivered_at is not None


def test_systems_and_webhooks_from_the_command_line(migrated_url, session, office, issue):
    runner = CliRunner()
    env = {"DATABASE_URL": migrated_url}
    result = runner.invoke(main, ["systems", "add", UNIT, "iOffice", "--webhook", "https://x.example/h"], env=env)
    assert result.exit_code == 0 and "token: dg_" in result.output and "webhook secret: " in result.output
    assert runner.invoke(main, ["systems", "add", UNIT, "X", "--webhook", "ftp://x"], env=env).exit_code == 2
    result = runner.invoke(main, ["systems", "list"], env=env)
    assert result.output.startswith("1\tUBND xã Lộc Tấn\tiOffice\thttps://x.example/h\tđang dùng")
    issue()
    result = runner.invoke(main, ["webhooks", "list", "--pending"], env=env)
    assert result.output.startswith("1\tiOffice\tissue\t") and result.output.endswith("\t0\tchờ gửi\n")
    assert runner.invoke(main, ["systems", "disable", "1"], env=env).exit_code == 0
    result = runner.invoke(main, ["webhooks", "send"], env=env)
    assert result.exit_code == 0 and result.output == "đã gửi 0, lỗi 1\n"
    assert session.query(ApiSystem).one().active is False
    assert session.query(AuditEvent).filter_by(action="api_pull").count() == 0


def test_a_receiver_answering_garbage_is_a_failed_attempt_and_the_others_are_sent(session, office, issue):
    """A receiver that does not speak HTTP (http.client's own errors) is one
    failed attempt, recorded: the round goes on to the next delivery."""
    import http.client

    eoffice.add_system(session, UNIT, "iOffice", webhook_url="https://eoffice.example/hook")
    issue()
    issue(subject="Kế hoạch hai")
    receiver = Receiver(http.client.BadStatusLine("xin chào"), 200)
    assert webhooks.send_due(session, sender=receiver) == (1, 1)
    session.expire_all()
    first = session.query(WebhookDelivery).order_by(WebhookDelivery.id).first()
    assert first.attempts == 1 and first.last_error.startswith("không gửi được") and first.next_attempt_at


class _Hook(BaseHTTPRequestHandler):
    """``/redirect`` answers 302 to ``/landed``; ``/slow`` trickles its
    answer one byte every 0.2 s; else 204. Every path asked is noted."""

    asked: ClassVar[list[str]] = []

    def log_message(self, *args):
        pass

    def do_POST(self):
        self.asked.append(self.path)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path == "/slow":
            for byte in b"HTTP/1.1 200 OK\r\nX-A: " + b"a" * 100:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.2)
            return
        self.send_response(302 if self.path == "/redirect" else 204)
        if self.path == "/redirect":
            self.send_header("Location", "/landed")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST


@pytest.fixture
def hook_server():
    _Hook.asked = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/hook", "http://localhost/hook", "http://[::1]/hook",
                                 "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0/hook",
                                 "http://[::ffff:127.0.0.1]/hook"])
def test_a_webhook_never_reaches_loopback_or_metadata_addresses_unless_allowed(url, monkeypatch):
    """The address is checked where the connection is made (after the name
    is resolved): loopback, link-local (the cloud's metadata service),
    unspecified and multicast addresses are refused unless the operator
    sets DOCGEN_WEBHOOK_ALLOW_LOCAL=1; the office's own network is not."""
    monkeypatch.delenv("DOCGEN_WEBHOOK_ALLOW_LOCAL", raising=False)
    with pytest.raises(ValueError, match="không gửi webhook tới địa chỉ"):
        webhooks.post(url, b"{}", {})
    with pytest.raises(UserError, match="DOCGEN_WEBHOOK_ALLOW_LOCAL"):
        eoffice.check_webhook_url(url)
    eoffice.check_webhook_url("http://10.1.2.3/hook")  # the office's network: fine


def test_a_webhook_follows_no_redirect_and_a_trickling_receiver_is_cut_off(hook_server, monkeypatch):
    monkeypatch.setenv("DOCGEN_WEBHOOK_ALLOW_LOCAL", "1")
    assert webhooks.post(f"{hook_server}/hook", b"{}", {}) == 204
    assert webhooks.post(f"{hook_server}/redirect", b"{}", {}) == 302
    assert _Hook.asked == ["/hook", "/redirect"]  # /landed never asked
    started = time.monotonic()
    with pytest.raises(OSError):
        webhooks.post(f"{hook_server}/slow", b"{}", {}, timeout=1.0)
    assert time.monotonic() - started < 3


def test_a_systems_calls_are_on_its_units_audit_page_only(session, office, issue):
    """Every call, the list too (no document, so no draft), is in the log
    its unit's administrator reads, not in another unit's, even when both
    units named their systems alike."""
    from docgen.storage.audit import audit_log
    from docgen.storage.users import create_user

    from .conftest import PASSWORD

    mine, _ = eoffice.add_system(session, UNIT, "iOffice")
    theirs, _ = eoffice.add_system(session, "UBND xã Lộc Hòa", "iOffice")
    entry = issue()
    eoffice.record(session, mine, "danh sách từ đầu: 1 văn bản")
    eoffice.record(session, mine, "văn bản", draft=entry.draft_id)
    eoffice.record(session, theirs, "danh sách từ đầu: 0 văn bản")
    other_admin = create_user(session, "hoa", "Lê Hòa", "admin", "UBND xã Lộc Hòa", PASSWORD)
    seen = [(e.username, e.detail) for e in audit_log(session, office["dung"]) if e.action == "api_pull"]
    assert [detail for _, detail in seen] == ["văn bản", "danh sách từ đầu: 1 văn bản"]
    assert all("iOffice" in username for username, _ in seen)
    seen = [e.detail for e in audit_log(session, other_admin) if e.action == "api_pull"]
    assert seen == ["danh sách từ đầu: 0 văn bản"]


def test_a_webhook_address_longer_than_its_column_is_refused_with_the_reason(session, office):
    for malformed in ("http://[::1", "http://x:abc/", "ftp://x"):
        with pytest.raises(UserError, match="phải bắt đầu bằng https://"):
            eoffice.add_system(session, UNIT, "iOffice", webhook_url=malformed)
    with pytest.raises(UserError, match="tối đa 500"):
        eoffice.add_system(session, UNIT, "iOffice", webhook_url="https://eoffice.example/" + "a" * 500)


def test_the_list_waits_until_no_issue_in_flight_can_land_behind_its_cursor(session, office, issue):
    """Issues of different series commit in any order on PostgreSQL: one
    stamped earlier may commit after a later one was listed, behind the
    system's ``since``, and never be pulled. The list gives what was issued
    ``SETTLE`` ago or earlier, so its last time is past every issue in flight."""
    system, _ = eoffice.add_system(session, UNIT, "iOffice")
    first = issue()
    second = issue(subject="Kế hoạch hai")
    just_after = second.issued_at + dt.timedelta(seconds=1)
    assert eoffice.documents_since(session, system, None, now=just_after) == []
    settled = second.issued_at + eoffice.SETTLE
    assert [e.id for e in eoffice.documents_since(session, system, None, now=settled)] == [first.id, second.id]
    assert eoffice.SETTLE >= dt.timedelta(seconds=30)
