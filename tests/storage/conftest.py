"""Every storage test runs twice: on a fresh SQLite file and on a fresh
PostgreSQL schema, both built by the migrations.

PostgreSQL is the server CI started (DOCGEN_TEST_POSTGRES_URL, see
scripts/postgres-ci.sh), else a private one started here from Debian's
binaries on a free loopback port; its tests are skipped only outside CI when
the binaries are missing."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest
from sqlalchemy import make_url, text

from docgen.plan.files import load_plan
from docgen.storage import db

from ..people import PASSWORD, add_people  # noqa: F401 (PASSWORD: for the tests here)

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


@pytest.fixture(scope="session")
def postgres_url():
    url = os.environ.get("DOCGEN_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    initdb, pg_ctl = _postgres_bin("initdb"), _postgres_bin("pg_ctl")
    if not (initdb and pg_ctl):
        message = "PostgreSQL is not installed (apt-get install -y postgresql)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # PostgreSQL refuses to run as root: as root, run it as the postgres user.
    as_owner: list[str] = []
    data = Path(tempfile.mkdtemp(prefix="docgen-test-pg-"))
    if os.geteuid() == 0:
        as_owner = ["runuser", "-u", "postgres", "--"]
        shutil.chown(data, "postgres", "postgres")
    port = _free_port()
    subprocess.run([*as_owner, initdb, "-D", str(data / "data"), "-U", "postgres",
                    "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
                   check=True, capture_output=True)
    subprocess.run([*as_owner, pg_ctl, "-D", str(data / "data"), "-l", str(data / "log"), "-w",
                    "-o", f"-h 127.0.0.1 -p {port} -k {data} -F", "start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_owner, pg_ctl, "-D", str(data / "data"), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):
    """The URL of an empty database: a new SQLite file, or a new PostgreSQL
    schema of its own (chosen through the URL, dropped afterwards)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'docgen.sqlite3'}"
        return
    url = request.getfixturevalue("postgres_url")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = db.make_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in url else "?"
    yield f"{url}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture(scope="session")
def postgres_template(postgres_url):
    """A PostgreSQL database migrated once per test run, copied by each test
    that needs a migrated database (CREATE DATABASE … TEMPLATE: a file copy
    on the server, instead of running the migrations again)."""
    name = f"docgen_template_{uuid.uuid4().hex[:12]}"
    admin = db.make_engine(url_of_database(postgres_url, "postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    template = db.make_engine(url_of_database(postgres_url, name))
    db.upgrade(template)
    template.dispose()
    yield name
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


def url_of_database(url: str, database: str) -> str:
    return make_url(url).set(database=database).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def migrated_url(request, tmp_path, migrated_sqlite):
    """The URL of a database migrated to the newest revision, with no rows:
    a copy of the SQLite file migrated once per run, or a PostgreSQL
    database made from the migrated template."""
    if request.param == "sqlite":
        path = tmp_path / "docgen.sqlite3"
        shutil.copyfile(migrated_sqlite, path)
        yield f"sqlite:///{path}"
        return
    url = request.getfixturevalue("postgres_url")
    template = request.getfixturevalue("postgres_template")
    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = db.make_engine(url_of_database(url, "postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
    yield url_of_database(url, name)
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def engine(migrated_url):
    """A database migrated to the newest revision, with no rows."""
    engine = db.make_engine(migrated_url)
    yield engine
    engine.dispose()


@pytest.fixture
def make_session(engine):
    """Open more sessions (two clerks at two desks)."""
    factory = db.make_sessionmaker(engine)
    opened = []

    def make():
        opened.append(factory())
        return opened[-1]

    yield make
    for session in opened:
        session.close()


@pytest.fixture
def session(make_session):
    return make_session()


@pytest.fixture
def people(session):
    """The staff of tests/people.py: username -> User."""
    return add_people(session)


@pytest.fixture(scope="session")
def plan_data() -> dict:
    """A real plan (sample 001) as the form would send it."""
    plan = load_plan(ROOT / "samples" / "001_cat_hai_mua_he_so.yaml")
    return plan.model_dump(mode="json", exclude_none=True)


@pytest.fixture
def edited(plan_data):
    """``edited(text)``: the plan with its subject changed."""
    def edit(subject: str) -> dict:
        return {**plan_data, "subject": subject}
    return edit
