"""A throwaway test CA (scripts/make-test-ca.py) and sample 002's PDF, made
once per session for the signing tests."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from docgen.plan.files import load_plan
from docgen.signing.identities import for_unit, for_user, load_secrets
from docgen.signing.sign import sign_pdf

from ..conftest import SAMPLES, make_test_ca, sample_id

ROOT = Path(__file__).resolve().parents[2]
needs_office = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                                  reason="LibreOffice and poppler not installed (scripts/setup.sh)")


@pytest.fixture(scope="session")
def ca_folder(test_ca) -> Path:
    return test_ca.parent


@pytest.fixture(scope="session")
def foreign_ca(tmp_path_factory) -> Path:
    """Another throwaway CA, of the same name, that issued none of the test
    CA's certificates: its secrets file."""
    return make_test_ca(tmp_path_factory.mktemp("foreign-ca"))


@pytest.fixture(scope="session")
def secrets(ca_folder):
    return load_secrets(ca_folder / "signing.toml")


@pytest.fixture
def secrets_env(ca_folder, monkeypatch):
    """DOCGEN_SIGNING_SECRETS set to the test CA's secrets file."""
    monkeypatch.setenv("DOCGEN_SIGNING_SECRETS", str(ca_folder / "signing.toml"))
    return ca_folder / "signing.toml"


@pytest.fixture(scope="session")
def sample_pdfs(rendered) -> dict[str, bytes]:
    """Sample number -> its PDF (samples 000 and 002: two and three-line signer blocks)."""
    from docgen.pdf import docx_to_pdf

    return {number: docx_to_pdf(rendered[number]) for number in ("000", "002")}


@pytest.fixture(scope="session")
def signers():
    return {sample_id(path): load_plan(path).signer for path in SAMPLES}


WHEN = dt.datetime(2026, 12, 3, 9, 30, 15, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.fixture(scope="session")
def signed(sample_pdfs, secrets, signers):
    """Sample 002 signed by its signer (``WHEN``), then by its organisation
    five minutes later: (once signed, twice signed)."""
    first = sign_pdf(sample_pdfs["002"], for_user("long", secrets), "signer", WHEN,
                     authority=signers["002"].authority)
    second = sign_pdf(first, for_unit("UBND tỉnh Gia Lai", secrets), "organisation",
                      WHEN + dt.timedelta(minutes=5))
    return first, second

