"""A throwaway test CA (scripts/make-test-ca.py) and sample 002's PDF, made
once per session for the signing tests."""

from __future__ import annotations

import datetime as dt
import os
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
