"""Fixtures for the web app: ``app`` and ``client`` as in Flask's tutorial, a
browser-like client that holds a session and its CSRF token,
and for the browser tests a live waitress server and Debian's Chromium
driven by Playwright (skipped when /usr/bin/chromium is missing)."""

from __future__ import annotations

import logging
import shutil
import re
import subprocess
import threading
import os
import socket
from pathlib import Path

import pytest

from docgen.web import create_app
from docgen.plan.files import load_plan
from docgen.web.plans import editable_data

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_FILES = {p.name[:3]: p for p in sorted((ROOT / "samples").glob("*.yaml"))}
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
SCREENS = Path("/tmp/screens")


@pytest.fixture
def app(tmp_path, migrated_sqlite):
    shutil.copyfile(migrated_sqlite, tmp_path / "docgen.sqlite3")  # no migrations to run per test
    return create_app({"TESTING": True, "SECRET_KEY": "test-secret", "JOBS_DIR": tmp_path / "jobs",
                       "DATABASE_URL": f"sqlite:///{tmp_path / 'docgen.sqlite3'}",
                       "PDF_PAGES_DIR": tmp_path / "pdf-pages"})


@pytest.fixture
def client(app):
    """An API client without a browser session (a script, curl)."""
    return app.test_client()


class BrowserSession:
    """A test client that opened a page first, so it carries the session
    cookie and must send the CSRF token, as the editor's scripts do."""

    def __init__(self, client):
        self.client = client
        page = client.get("/").get_data(as_text=True)
        self.token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)

    def post(self, url, token: bool = True, **kwargs):
        headers = kwargs.pop("headers", {})
        if token:
            headers["X-CSRF-Token"] = self.token
        return self.client.post(url, headers=headers, **kwargs)


@pytest.fixture
def browser_session(app):
    return BrowserSession(app.test_client())


@pytest.fixture(scope="session")
def sample_plans() -> dict[str, dict]:
    """Sample number -> the plan JSON the editor and API exchange."""
    return {number: editable_data(load_plan(path)) for number, path in SAMPLE_FILES.items()}


@pytest.fixture
def plan(sample_plans):
    """The plan the drafts and sessions tests save: sample 004."""
    return sample_plans["004"]


@pytest.fixture(scope="session")
def sample_file():
    return SAMPLE_FILES


# --- browser tests ---------------------------------------------------------------


class LiveServer(str):
    """The server's base URL (a str, as the tests use it) that also carries
    the app, for tests that set up accounts in its database."""

    app = None

    def session(self):
        """``with live_server.session() as session:`` a database session on
        the live server's own database (migrated), committed by the caller."""
        from contextlib import contextmanager

        from docgen.storage import db

        @contextmanager
        def opened():
            engine = db.make_engine(self.app.config["DATABASE_URL"])
            db.ensure_schema(engine, auto=True)
            try:
                with db.make_sessionmaker(engine)() as session:
                    yield session
            finally:
                engine.dispose()

        return opened()

    def add_users(self, *users: tuple[str, str, str, str], password: str = "mat-khau-du-dai") -> None:
        """Accounts ``(login, full name, role, unit)`` in the live server's database."""
        from docgen.storage.users import create_user

        with self.session() as session:
            for login, name, role, unit in users:
                create_user(session, login, name, role, unit, password)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, migrated_sqlite):
    """The app under waitress, the production server, on a free loopback port."""
    from waitress import create_server

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    database = tmp_path_factory.mktemp("db") / "docgen.sqlite3"
    shutil.copyfile(migrated_sqlite, database)
    app = create_app({"JOBS_DIR": tmp_path_factory.mktemp("jobs"), "DATABASE_URL": f"sqlite:///{database}",
                      "PDF_PAGES_DIR": tmp_path_factory.mktemp("pdf-pages")})
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = LiveServer(f"http://127.0.0.1:{server.effective_port}")
    url.app = app
    yield url
    server.close()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = "Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must run the browser tests, never skip them
        pytest.skip(message)
    from playwright import sync_api
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser profile (empty localStorage) at 1366x768. Script
    errors on the page fail the test."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True,
                                  locale="vi-VN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.script_errors = []
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    page.base_url = live_server
    yield page
    context.close()
    assert page.script_errors == []


@pytest.fixture(scope="session")
def screens() -> Path:
    SCREENS.mkdir(parents=True, exist_ok=True)
    return SCREENS


# --- a PostgreSQL server of the test's own -------------------------------------------


class PrivatePostgres:
    """A PostgreSQL server (scripts/postgres-ci.sh on a free port and folder)
    that a test may stop, start again or freeze without touching any other."""

    def __init__(self, folder: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.folder, self.data = folder, folder / "data"
        self.env = {**os.environ, "PGPORT": str(port), "PGDATA_DIR": str(folder),
                    "PGDATABASE_NAME": "docgen_private"}
        self.url = self._script().stdout.strip()

    def _script(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", str(ROOT / "scripts" / "postgres-ci.sh"), *args], env=self.env,
                              check=True, capture_output=True, text=True, timeout=120)

    def _pg_ctl(self, *args: str) -> None:
        pg_ctl = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))[-1]
        owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*owner, str(pg_ctl), "-D", str(self.data), *args], check=True,
                       capture_output=True, timeout=120)

    def stop(self) -> None:
        """Stop it at once, as a crash or a power cut would (no goodbye to clients)."""
        self._pg_ctl("-m", "immediate", "stop")

    def start(self) -> None:
        """Start it again on the same data, port and socket folder."""
        self._pg_ctl("-l", str(self.folder / "server.log"), "-w", "-o",
                     f"-h 127.0.0.1 -p {self.env['PGPORT']} -k {self.folder} -F", "start")

    def close(self) -> None:
        subprocess.run(["bash", str(ROOT / "scripts" / "postgres-ci.sh"), "stop"], env=self.env,
                       capture_output=True, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def private_postgres():
    if not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed (scripts/setup.sh --tests installs it)")
        pytest.skip("PostgreSQL is not installed")
    server = PrivatePostgres(Path(f"/tmp/docgen-private-pg-{os.getpid()}"))
    try:
        yield server
    finally:
        server.close()
