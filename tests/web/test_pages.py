"""The HTML pages: start page, editor, open-a-file form; `docgen serve`."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

from click.testing import CliRunner

from docgen.cli import main as cli
from docgen.vietnamese.dates import vietnam_today

from .conftest import ROOT


def data_block(html: str, name: str):
    match = re.search(rf'<script type="application/json" id="{name}">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_start_page_lists_the_samples_with_their_subjects(client, sample_plans):
    html = client.get("/").get_data(as_text=True)
    # "Văn bản mới": every type a clerk starts a document of, its type chosen first
    from docgen import doctypes

    for kind in doctypes.standalone():
        assert f'href="/plan/new?type={kind.key}"' in html and f">{kind.name}</a>" in html
    assert "/plan/new?type=quy_che" not in html  # a Quy chế comes with the decision that issues it
    for number, plan in sample_plans.items():
        assert f'href="/plan/sample/{number}"' in html
        assert plan["subject"].split("“")[0].strip() in html
    for path in sorted((ROOT / "samples" / "types").glob("*.yaml")):  # a sample of each type, by its name
        assert f'href="/plan/sample/{path.stem}"' in html
    assert 'name="csrf_token"' in html


def test_editor_starts_from_a_sample(client, sample_plans):
    html = client.get("/plan/sample/002").get_data(as_text=True)
    assert data_block(html, "plan-data") == sample_plans["002"]
    assert data_block(html, "plan-errors") == []
    assert 'src="/static/js/editor.js"' in html
    assert 'name="csrf-token"' in html


def test_blank_plan_has_the_defaults(client):
    plan = data_block(client.get("/plan/new").get_data(as_text=True), "plan-data")
    assert plan["header"]["symbol"] == "KH-UBND"
    today = vietnam_today()  # this month in Vietnam, not in the server's zone
    assert plan["header"]["date"] == {"year": today.year, "month": today.month}
    assert plan["archive"] == "VT"
    assert plan["signer"]["authority"] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def test_a_new_plan_is_headed_by_the_clerks_own_unit(app, client):
    """Logged in, a new plan (or report) starts with the clerk's unit as
    issuing body, its name in sentences and its place; without a login the
    lines are left to fill."""
    from docgen.storage.users import create_user
    from docgen.web.database import database

    from .test_drafts_api import User

    with app.app_context():
        create_user(database(), "an", "Nguyễn Văn An", "drafter", "UBND xã Lộc Tấn", "mat-khau-du-dai")
    an = User(app, "an")
    for url in ("/plan/new", "/plan/new?type=bao_cao"):
        header = data_block(an.get(url).get_data(as_text=True), "plan-data")["header"]
        assert header["issuing_body"] == ["ỦY BAN NHÂN DÂN", "XÃ LỘC TẤN"]
        assert (header["issuer_name"], header["place"]) == ("Ủy ban nhân dân xã Lộc Tấn", "Lộc Tấn")
    header = data_block(client.get("/plan/new").get_data(as_text=True), "plan-data")["header"]
    assert header["issuing_body"] == ["ỦY BAN NHÂN DÂN", ""] and header["place"] == ""


def test_unknown_sample_is_a_vietnamese_404(client):
    response = client.get("/plan/sample/999")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.get_data(as_text=True)


def test_open_a_broken_file_stays_on_the_start_page(browser_session):
    response = browser_session.client.post(
        "/plan/open", content_type="multipart/form-data",
        data={"file": (io.BytesIO(b"a: [\n"), "x.yaml"), "csrf_token": browser_session.token})
    assert response.status_code == 422
    assert "không đọc được YAML/JSON" in response.get_data(as_text=True)


def test_static_scripts_are_modules_without_eval(client):
    for name in ("editor", "form", "blocks", "appendix", "fields", "paste", "preview", "autosave",
                 "errors", "api", "dom", "paths", "store", "drafts"):
        source = client.get(f"/static/js/{name}.js").get_data(as_text=True)
        assert "innerHTML" not in source and "eval(" not in source and "outerHTML" not in source, name


def test_serve_command_runs_waitress_on_loopback(monkeypatch):
    calls = {}

    def fake_serve(app, **options):
        calls.update(options, app=app)

    monkeypatch.setattr("waitress.serve", fake_serve)
    monkeypatch.setenv("DOCGEN_SECRET_KEY", "a-fixed-production-key-of-32-bytes-or-more")
    monkeypatch.delenv("DOCGEN_INSECURE_COOKIES", raising=False)
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 0, result.output
    assert (calls["host"], calls["port"]) == ("127.0.0.1", 8000)
    assert calls["app"].name == "docgen.web"
    assert calls["app"].config["SECRET_KEY"] == "a-fixed-production-key-of-32-bytes-or-more"
    assert calls["app"].config["SESSION_COOKIE_SECURE"] is True
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--port", "9000"])
    assert (calls["host"], calls["port"]) == ("0.0.0.0", 9000)


def test_flask_cli_finds_the_factory():
    """`flask --app docgen.web run --debug` is the development server."""
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "docgen.web", "routes"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "/api/render" in done.stdout and "pages.start" in done.stdout
