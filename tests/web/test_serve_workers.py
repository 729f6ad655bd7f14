"""`docgen serve --workers N`: N waitress processes on one port, a worker
that dies is started again, SIGTERM stops them all, and a configuration the
workers refuse stops the server with the reason."""

from __future__ import annotations

import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from docgen.plan.files import load_plan
from docgen.web.plans import editable_data

from ..waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "002_gia_lai_50_ngay_dem.yaml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry))
    return found


def two_workers_of(pid: int) -> set[int] | None:
    now = children(pid)
    return now if len(now) == 2 else None


def wait_for(condition, seconds: float = 30.0):
    return wait_until(condition, seconds, "timed out")


def answers(port: int) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", "/api/samples")
        return connection.getresponse().status == 200
    except OSError:
        return False


def serve(tmp_path, workers: int, **env) -> tuple[subprocess.Popen, int]:
    port = free_port()
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "DOCGEN_SECRET_KEY": secrets.token_hex(32),
               "DATABASE_URL": f"sqlite:///{tmp_path / 'docgen.sqlite3'}",
               "DOCGEN_JOBS_DIR": str(tmp_path / "jobs"), **env}
    server = subprocess.Popen([sys.executable, "-m", "docgen.cli", "serve", "--port", str(port),
                               "--workers", str(workers), "--threads", "2"],
                              env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return server, port


@pytest.fixture
def two_workers(tmp_path):
    server, port = serve(tmp_path, 2)
    try:
        wait_for(lambda: answers(port) or server.poll() is not None)
        assert server.poll() is None, server.stderr.read()
        yield server, port
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=10)


def preview(port: int, body: bytes) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("POST", "/api/preview", body=body, headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    return response.status, response.read().decode("utf-8")


def test_workers_serve_one_port_and_sigterm_stops_them_all(two_workers):
    server, port = two_workers
    workers = wait_for(lambda: two_workers_of(server.pid))
    plan = editable_data(load_plan(SAMPLE))
    body = json.dumps(plan, ensure_ascii=False).encode("utf-8")
    for _ in range(6):
        status, html = preview(port, body)
        assert status == 200
        assert "KẾ HOẠCH" in html and "tài khoản định danh" in html
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=20) == 0
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)
    assert not answers(port)


def test_a_worker_that_dies_is_started_again(two_workers):
    server, port = two_workers
    first = wait_for(lambda: two_workers_of(server.pid))
    victim = min(first)
    os.kill(victim, signal.SIGKILL)

    def replaced():
        now = children(server.pid)
        return now if len(now) == 2 and victim not in now else None

    again = wait_for(replaced)
    assert len(again - first) == 1
    assert answers(port)
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=20)
    assert "worker" in server.stderr.read()  # the restart is logged


def test_a_configuration_the_workers_refuse_stops_the_server(tmp_path):
    server, _ = serve(tmp_path, 2, DOCGEN_PROXIES="nhiều")
    try:
        assert server.wait(timeout=60) == 2
        assert "DOCGEN_PROXIES" in server.stderr.read()
    finally:
        if server.poll() is None:
            server.kill()
