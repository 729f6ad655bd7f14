"""The API keeps the contract its OpenAPI document states: every ``/api``
route is described; schemathesis, with every check on, finds nothing when it
drives the live app (waitress on loopback) from the document; routes behind
a login answer 401 to an anonymous client; a method a path does not serve is
405 before any CSRF check."""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from docgen.web.openapi import openapi_document

from .batch_accounts import PASSWORD, TOKEN, add_live_clerks

CONFIG = Path(__file__).with_name("schemathesis.toml")
RUN_SCHEMATHESIS = "import sys; from schemathesis.cli import schemathesis; sys.exit(schemathesis())"
IGNORED_METHODS = {"HEAD", "OPTIONS"}


def _api_routes(app) -> dict[str, set[str]]:
    """OpenAPI path -> methods, for every rule the app serves under /api."""
    routes: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
            routes.setdefault(path, set()).update(m.lower() for m in rule.methods - IGNORED_METHODS)
    return routes


def _differences(app, paths: dict) -> list[str]:
    """What the app serves under /api and the document does not say, and the reverse."""
    routes = _api_routes(app)
    found = [f"{path} is not in the OpenAPI document" for path in routes if path not in paths]
    found += [f"{path}: the app serves {sorted(methods)}, the document {sorted(paths[path])}"
              for path, methods in routes.items() if path in paths and methods != set(paths[path])]
    found += [f"{path} is in the document but the app does not serve it" for path in paths
              if path not in routes]
    return found


def test_every_api_route_is_in_the_document(app):
    assert {"/api/render", "/api/drafts", "/api/drafts/{draft_id}/versions",
            "/api/batch/{job_id}"} <= set(_api_routes(app)), "the /api routes were not found"
    assert _differences(app, openapi_document()["paths"]) == []


def test_a_route_missing_from_the_document_is_found(app):
    app.add_url_rule("/api/drafts/<id:draft_id>/undescribed", "undescribed", lambda draft_id: "",
                     methods=["POST"])
    paths = copy.deepcopy(openapi_document()["paths"])  # the document is cached: change a copy
    assert _differences(app, paths) == ["/api/drafts/{draft_id}/undescribed is not in the OpenAPI document"]
    del paths["/api/render"]
    assert "/api/render is not in the OpenAPI document" in _differences(app, paths)


def test_every_operation_declares_its_errors():
    for path, operations in openapi_document()["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "405" in responses and "Allow" in responses["405"]["headers"], (method, path)
            if "requestBody" in operation:
                assert {"400", "403", "413", "415"} <= set(responses), (method, path)
                if "PlanDraft" not in str(operation["requestBody"]):  # a draft may be anything
                    assert "422" in responses, (method, path)
            if operation.get("security"):
                assert {"401", "503"} <= set(responses), (method, path)
            if "{" in path:
                assert "404" in responses, (method, path)


def _logged_in(base: str) -> requests.Session:
    """A clerk's session, logged in through the login form."""
    session = requests.Session()
    token = TOKEN.search(session.get(f"{base}/login").text).group(1)
    answer = session.post(f"{base}/login", allow_redirects=False,
                          data={"username": "lo.an", "password": PASSWORD, "csrf_token": token})
    assert answer.status_code in (302, 303)
    session.headers["X-CSRF-Token"] = session.get(f"{base}/api/csrf-token").json()["token"]
    return session


def test_routes_behind_a_login_answer_401_to_anonymous_clients(live_server):
    for path, operations in openapi_document()["paths"].items():
        for method, operation in operations.items():
            if not operation.get("security"):
                continue
            url = live_server + path.replace("{draft_id}", "1").replace("{job_id}", "x")
            answer = requests.request(method, url, json={"plan": {}, "base_version": 1})
            assert answer.status_code == 401, (method, path)
            assert answer.json()["errors"][0]["message"] == "Cần đăng nhập để dùng chức năng này."


@pytest.mark.parametrize("path", ["/api/appendix/rows", "/api/import", "/api/render", "/api/drafts"])
def test_a_method_not_served_is_405_before_the_csrf_check(live_server, path):
    add_live_clerks(live_server)
    clerk = _logged_in(live_server)
    for client, headers in ((requests, {}), (clerk, {"X-CSRF-Token": "wrong"})):
        answer = client.put(live_server + path, data=b"x", headers=headers)
        assert answer.status_code == 405
        assert "POST" in answer.headers["Allow"]
        assert "PUT" in answer.json()["errors"][0]["message"]


def test_schemathesis_finds_nothing(live_server, tmp_path):
    """Every check of schemathesis on every operation, 15 examples each,
    a fixed seed (tests/web/schemathesis.toml); the routes behind a login
    with a clerk's session, the others without one."""
    add_live_clerks(live_server)
    clerk = _logged_in(live_server)
    environment = {
        **os.environ,
        "DOCGEN_SESSION": clerk.cookies["docgen_session"],
        "NO_COLOR": "1",
    }
    run = subprocess.run(
        [sys.executable, "-c", RUN_SCHEMATHESIS, "--config-file", str(CONFIG), "run",
         f"{live_server}/api/openapi.json", "--checks", "all",
         "-H", f"X-CSRF-Token: {clerk.headers['X-CSRF-Token']}"],
        capture_output=True, text=True, env=environment, timeout=300,
        cwd=tmp_path,  # its cache (.schemathesis/) stays out of the checkout
    )
    assert run.returncode == 0, run.stdout[-20000:] + run.stderr[-5000:]
    assert re.search(r"\d+ generated, \d+ passed", run.stdout), run.stdout[-5000:]


def test_the_documents_example_plan_validates(client):
    from docgen.web.openapi import PLAN_EXAMPLE

    answer = client.post("/api/validate", json=PLAN_EXAMPLE)
    assert answer.get_json() == {"errors": [], "notices": []}


@pytest.mark.parametrize("end", [0, 1693267200, True, 29.8])
def test_a_date_that_is_not_text_is_refused_as_the_schema_says(client, end):
    from docgen.web.openapi import PLAN_EXAMPLE

    answer = client.post("/api/render", json={**PLAN_EXAMPLE, "campaign": {"end": end}})
    assert answer.status_code == 422
    [error] = answer.get_json()["errors"]
    assert error["path"] == "campaign.end"
    assert error["message"] == "cần ngày dạng ngày/tháng/năm, vd. 01/9/2023"
