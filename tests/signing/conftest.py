"""A throwaway test CA (scripts/make-test-ca.py) and sample 002's PDF, made
once per session for the signing tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docgen.plan.files import load_plan
from docgen.signing.identities import load_secrets

from ..conftest import SAMPLES, sample_id

ROOT = Path(__file__).resolve().parents[2]
needs_office = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                                  reason="LibreOffice and poppler not installed (scripts/setup.sh)")


@pytest.fixture(scope="session")
def ca_folder(test_ca) -> Path:
    return test_ca.parent


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
