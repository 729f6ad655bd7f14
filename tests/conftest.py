"""Shared fixtures: the sample plans, rendered once per test session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from docgen.plan.files import load_plan
from docgen.document.render import render_plan

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
SEEDS = Path(os.environ.get("DOCGEN_SEEDS", ROOT.parent / "shared" / "seeds"))


# Every test certificate is valid in this fixed window, which holds every fixed
# signing moment of the tests and today's date a year either way (CI runs the
# signing and register tests under faketime +/-365 days).
TEST_CA_WINDOW = ("2020-01-01", "2045-01-01")


def make_test_ca(folder: Path, *options: str) -> Path:
    """A throwaway test CA (scripts/make-test-ca.py) in ``folder``: its secrets file."""
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make-test-ca.py"), str(folder),
                    "--valid-from", TEST_CA_WINDOW[0], "--valid-until", TEST_CA_WINDOW[1], *options],
                   check=True, capture_output=True)
    return folder / "signing.toml"


@pytest.fixture(scope="session")
def test_ca(tmp_path_factory) -> Path:
    """The secrets file of the test CA made once per test run (users chau,
    giang, long and het.han whose certificate has expired; units Lộc Tấn,
    Lộc Hòa, Gia Lai). Read-only: a test that needs another CA makes its own."""
    return make_test_ca(tmp_path_factory.mktemp("test-ca"), "--expired", "het.han")


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashes():
    """Passwords hashed at a low cost in the test process (scrypt with N=1024
    instead of the production 32768, 50 times faster): the tests check who
    may log in and when, not the hash's strength. The hashes are scrypt all
    the same, checked as in production; tests/storage/test_users.py checks
    that a fresh process hashes at the production cost."""
    from werkzeug.security import generate_password_hash

    from docgen.storage import users

    quick = "scrypt:1024:8:1"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(users, "HASH_METHOD", quick)
        patch.setattr(users, "_DUMMY_HASH", generate_password_hash("docgen-no-such-user", method=quick))
        yield


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """An SQLite database file migrated to the newest revision once per test
    run; a test copies it instead of running the migrations again."""
    from docgen.storage import db

    path = tmp_path_factory.mktemp("migrated") / "docgen.sqlite3"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    engine.dispose()
    return path


def sample_id(path: Path) -> str:
    return path.name[:3]


@pytest.fixture(scope="session")
def rendered() -> dict[str, bytes]:
    """Seed number ("002") -> rendered .docx bytes of its sample."""
    return {sample_id(p): render_plan(load_plan(p)) for p in SAMPLES}


@pytest.fixture(scope="session")
def plans():
    return {sample_id(p): load_plan(p) for p in SAMPLES}


def seed_text(number: str) -> str:
    matches = sorted(SEEDS.glob(f"{number}_*.txt"))
    if not matches:
        message = f"seed {number} not found under {SEEDS} (set DOCGEN_SEEDS)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must compare with the seeds, never skip them
        pytest.skip(message)
    return matches[0].read_text(encoding="utf-8")


def pytest_make_parametrize_id(config, val, argname):
    """Bytes (a generated .xlsx holds the time it was made, so even its length varies) get a short,
    stable id: parallel workers (pytest-xdist) must collect the same ids."""
    if isinstance(val, (bytes, bytearray)):
        return f"{argname}-bytes"
    return None
