"""A database that is down costs the requests that need it a 503 with a
Vietnamese message, never a 500, and never the pages that need no database."""

from __future__ import annotations

import socket
import time

import pytest

from docgen.web import create_app


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once closed


@pytest.fixture
def down_app(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_DB_TIMEOUT", "1")
    url = f"postgresql://docgen@127.0.0.1:{closed_port()}/docgen"
    return create_app({"TESTING": True, "SECRET_KEY": "k" * 40, "JOBS_DIR": tmp_path / "jobs",
                       "DATABASE_URL": url})


def test_login_and_drafts_answer_503_with_a_message(down_app):
    client = down_app.test_client()
    page = client.get("/login")
    assert page.status_code == 200
    token = page.get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    started = time.monotonic()
    answer = client.post("/login", data={"username": "an", "password": "x" * 12, "csrf_token": token})
    assert time.monotonic() - started < 10
    assert answer.status_code == 503
    assert "Cơ sở dữ liệu đang không trả lời" in answer.get_data(as_text=True)
    assert answer.headers["Retry-After"] == "30"
    api = down_app.test_client().get("/api/drafts")
    assert api.status_code in (401, 503)


def test_editor_preview_and_render_work_without_the_database(down_app, sample_plans):
    assert down_app.test_client().get("/").status_code == 200
    assert down_app.test_client().get("/batch").status_code in (200, 302)
    script = down_app.test_client()  # a script without a browser session
    assert script.post("/api/render", json=sample_plans["002"]).status_code == 200
    assert script.post("/api/preview", json=sample_plans["002"]).status_code == 200
