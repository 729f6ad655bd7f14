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


# Fixtures that start a browser, a server, LibreOffice or a subprocess: a
# test that uses one is slow whether or not it says so (the fast subset,
# -m "not slow", is what to run before each commit).
SLOW_FIXTURES = frozenset({"browser", "page", "open_page", "live_server", "sample_pdfs", "rendered_pdfs",
                           "redis_url", "redis", "postgres_url", "frozen_postgres", "private_postgres",
                           "pki", "tokens", "csc_service", "local_signer"})


# Modules that time servers, benches or LibreOffice throughout.
SLOW_MODULES = frozenset({"test_pdf.py", "test_pdf_warm.py", "test_serve_workers.py", "test_ooxml_valid.py",
                          "test_batch_short.py", "test_load_short.py", "test_database_frozen.py",
                          "test_redis_restart.py", "test_faults.py"})


def _slow(item) -> bool:
    if item.path.name.startswith("test_browser_") or item.path.name in SLOW_MODULES:
        return True
    if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    callspec = getattr(item, "callspec", None)
    if callspec is not None and "postgresql" in callspec.params.values():  # a server of its own
        return True
    return any(mark.name == "skipif" and any(word in str(mark.kwargs.get("reason", ""))
                                             for word in ("LibreOffice", "soffice", "Chromium"))
               for mark in item.iter_markers())


def pytest_collection_modifyitems(config, items):
    slow_modules = set()
    for item in items:
        if _slow(item):
            item.add_marker(pytest.mark.slow)
            slow_modules.add(item.path)
    # Modules with slow tests first, each module's tests in their order: the
    # parallel workers (pytest-xdist, one module at a time) end on short
    # modules instead of one worker finishing a long one alone.
    items.sort(key=lambda item: item.path not in slow_modules)


def pytest_make_parametrize_id(config, val, argname):
    """Bytes (a generated .xlsx holds the time it was made, so even its length varies) get a short,
    stable id: parallel workers (pytest-xdist) must collect the same ids."""
    if isinstance(val, (bytes, bytearray)):
        return f"{argname}-bytes"
    return None


# --- keys anywhere: the CA online, SoftHSM tokens, the CSC service -----------------

CHAU_PIN, GIANG_PIN, HSM_PIN, CSC_PIN = "123456", "654321", "hsm-9876", "csc-5555"
CHAU_SERIAL = "CCCD:079090000001"  # the subject serialNumber of Lê Minh Châu's token certificate


@pytest.fixture(scope="session")
def pki(test_ca):
    """The test CA's TSA, CRL and OCSP on 127.0.0.1 (docgen.signing.demo_services)."""
    from docgen.signing.demo_ca import open_demo
    from docgen.signing.demo_services import DemoPKI

    service = DemoPKI(open_demo(test_ca))
    yield service
    service.close()


@pytest.fixture(scope="session")
def tokens(pki, tmp_path_factory):
    """SoftHSM2 tokens with keys of the test CA (their certificates name
    the CA's CRL and OCSP): ``chau`` (Lê Minh Châu's USB token), ``giang``
    (Đỗ Giang's), ``hsm`` (the seal of UBND xã Lộc Tấn on the server's HSM),
    ``csc`` (the seal of UBND xã Lộc Tấn at the remote-signing provider).
    A dict label -> (SoftToken, certificate DER chain)."""
    from cryptography.hazmat.primitives.serialization import Encoding

    from docgen.signing.demo_services import softhsm_module, softhsm_tokens

    try:
        softhsm_module()
    except FileNotFoundError as error:
        if os.environ.get("CI"):
            pytest.fail(str(error))
        pytest.skip(str(error))
    made = {"chau": pki.issue("Lê Minh Châu", subject_serial=CHAU_SERIAL),
            "giang": pki.issue("Đỗ Giang"),
            "hsm": pki.issue("Ủy ban nhân dân xã Lộc Tấn", "UBND xã Lộc Tấn"),
            "csc": pki.issue("Ủy ban nhân dân xã Lộc Tấn", "UBND xã Lộc Tấn")}
    pins = {"chau": CHAU_PIN, "giang": GIANG_PIN, "hsm": HSM_PIN, "csc": CSC_PIN}
    ca = pki.ca.cert
    soft = softhsm_tokens(tmp_path_factory.mktemp("softhsm"), {
        label: (pins[label], [(b"\x01", label, key, [cert, ca])]) for label, (key, cert) in made.items()})
    return {label: (soft[label], (cert.public_bytes(Encoding.DER), ca.public_bytes(Encoding.DER)))
            for label, (_, cert) in made.items()}


@pytest.fixture(scope="session")
def csc(tokens):
    """The CSC test service: client "docgen" (secret "bi-mat"), user "vy.loctan"
    with the seal of UBND xã Lộc Tấn (credential "seal-loc-tan")."""
    from docgen.signing.demo_services import DemoCSC

    token, chain = tokens["csc"]
    service = DemoCSC({"docgen": "bi-mat"},
                      {"seal-loc-tan": ("vy.loctan", token, b"\x01", chain)}, expires_in=60)
    yield service
    service.close()
