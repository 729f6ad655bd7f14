"""A real Redis server for the queue tests: the one CI started
(DOCGEN_TEST_REDIS_URL), else a private redis-server on a free loopback
port; skipped only outside CI when redis-server is not installed."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

from ..waiting import wait_until


def redis_server(port: int, folder: Path) -> subprocess.Popen:
    """A throwaway redis-server on loopback, answering when this returns."""
    binary = shutil.which("redis-server")
    if binary is None:
        message = "redis-server is not installed (apt-get install -y redis-server)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(folder)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    from redis import Redis

    def answers() -> bool:
        try:
            return Redis(port=port).ping()
        except Exception:
            return False

    wait_until(answers, 10, "redis-server did not start")
    return process


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    url = os.environ.get("DOCGEN_TEST_REDIS_URL")
    if url:
        # Parallel workers (pytest-xdist: gw0, gw1 …) share the server, not a
        # database: each flushes its own.
        worker = os.environ.get("PYTEST_XDIST_WORKER", "gw-1")
        yield f"{url.rsplit('/', 1)[0]}/{int(worker.removeprefix('gw')) + 1}"
        return
    port = free_port()
    process = redis_server(port, tmp_path_factory.mktemp("redis"))
    url = f"redis://127.0.0.1:{port}/0"
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def redis(redis_url):
    from redis import Redis

    connection = Redis.from_url(redis_url)
    connection.flushdb()
    yield connection
    connection.flushdb()
