"""A PostgreSQL server frozen with SIGSTOP (it accepts nothing and answers
nothing, so no server-side timeout can help) costs the requests that need it,
never the app: stuck queries hold at most DOCGEN_DB_POOL of waitress's
threads, the other requests that need the database get a 503 with a message
after DOCGEN_DB_TIMEOUT, and the editor, preview and render keep answering.
A server of its own (``private_postgres``), so that freezing it touches no
other test."""

from __future__ import annotations

import http.client
import json
import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path

import pytest

from docgen.web import create_app
from docgen.storage import db
from docgen.storage.users import create_user

from ..waiting import wait_until

def _cluster_pids(data_dir: Path) -> list[int]:
    """The postmaster and every process it started."""
    postmaster = int((data_dir / "postmaster.pid").read_text().split()[0])
    pids = [postmaster]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == postmaster:
                pids.append(int(entry.name))
    return pids


@pytest.fixture
def frozen_postgres(private_postgres):
    try:
        yield private_postgres.url, private_postgres.data
    finally:  # thawed, so that it can be stopped
        for pid in _cluster_pids(private_postgres.data):
            try:
                os.kill(pid, signal.SIGCONT)
            except ProcessLookupError:
                pass


def test_a_frozen_database_costs_requests_never_the_app(frozen_postgres, monkeypatch, tmp_path, sample_plans):
    url, data_dir = frozen_postgres
    monkeypatch.setenv("DOCGEN_DB_TIMEOUT", "2")
    monkeypatch.setenv("DOCGEN_DB_POOL", "3")
    engine = db.make_engine(url)
    db.upgrade(engine)
    with db.make_sessionmaker(engine)() as session:
        create_user(session, "an", "Nguyễn Văn An", "drafter", "UBND xã Lộc Tấn", "mat-khau-cua-an-1")
    engine.dispose()

    from waitress import create_server

    app = create_app({"SECRET_KEY": "s" * 40, "JOBS_DIR": tmp_path / "jobs", "DATABASE_URL": url})
    server = create_server(app, host="127.0.0.1", port=0, threads=8)
    threading.Thread(target=server.run, daemon=True).start()
    port = server.effective_port

    def call(method, path, body=None, headers=None, timeout=30):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read(), response

    # a logged-in clerk's session (cookie and CSRF token)
    status, page, response = call("GET", "/login")
    cookie = response.getheader("Set-Cookie").split(";")[0]
    token = page.decode().split('name="csrf_token" value="')[1].split('"')[0]
    status, _, response = call("POST", "/login", f"username=an&password=mat-khau-cua-an-1&csrf_token={token}",
                               {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    assert status == 302
    cookie = response.getheader("Set-Cookie").split(";")[0]
    assert call("GET", "/api/drafts", headers={"Cookie": cookie})[0] == 200

    pids = _cluster_pids(data_dir)
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    clients = ThreadPoolExecutor(10)
    try:
        started = time.monotonic()
        drafts = [clients.submit(call, "GET", "/api/drafts", None, {"Cookie": cookie}, 60) for _ in range(10)]
        # until the stuck requests hold every connection of the pool
        pool = app.extensions["docgen.db"].kw["bind"].pool
        wait_until(lambda: pool.checkedout() >= 3, 20, "the requests did not reach the database")
        # the app still answers what needs no database, promptly
        began = time.monotonic()
        status, page, _ = call("GET", "/", headers={"Cookie": cookie}, timeout=30)
        assert status == 200, page[:300]  # the logged-in clerk's editor opens
        assert time.monotonic() - began < 10
        plan = json.dumps(sample_plans["002"]).encode()
        for method, path, body in (("GET", "/", None), ("POST", "/api/render", plan),
                                   ("POST", "/api/preview", plan), ("GET", "/api/samples", None)):
            began = time.monotonic()
            status, data, _ = call(method, path, body, {"Content-Type": "application/json"}, timeout=15)
            assert status == 200, (path, data[:300])
            assert time.monotonic() - began < 5, path
        # the requests that need it: those beyond the pool get a 503 after the timeout
        done, _ = wait(drafts, timeout=max(0.1, started + 20 - time.monotonic()))
        refused = [data for status, data, _ in (future.result() for future in done) if status == 503]
        assert len(refused) >= 10 - 3, f"{len(refused)} of 10 answered 503 within 20 s"
        assert all("Cơ sở dữ liệu đang không trả lời" in data.decode() for data in refused)
    finally:
        for pid in pids:
            try:
                os.kill(pid, signal.SIGCONT)
            except ProcessLookupError:
                pass
        clients.shutdown(wait=True)  # the requests held by the frozen database end once it runs again
    # once the server runs again, so does the app
    wait_until(lambda: call("GET", "/api/drafts", headers={"Cookie": cookie}, timeout=30)[0] == 200,
               30, "the app did not recover with the database")
    server.close()
