"""Signing with keys that are not on the server, in Chromium, the whole way:
the officer (Lê Minh Châu) signs with the USB token on her computer (a
SoftHSM2 token) through `docgen local-signer`, started here as its own
process: pairing code, a wrong PIN first, then hers; the văn thư seals
through the remote-signing service (the CSC test service), which this test
confirms for her phone after a delay while the page counts down. The PDF
then passes `docgen verify` and poppler's `pdfsig` with both signatures
valid, PAdES B-T with the test TSA's time, and is still PDF/A-2b. The PIN
never reaches the server."""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from playwright.sync_api import expect

from docgen import pdf
from docgen.signing.token import WRONG_PIN
from docgen.signing.verify import trusted_roots, verify_pdf

from ..conftest import CHAU_PIN
from ..pdfa import pdfa_identification
from ..people import own_plan
from .test_browser_review import PASSWORD, log_in, open_page  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parents[2]
UNIT = "UBND xã Lộc Tấn"
DRAFTER, SIGNER, REGISTRAR = "tk.an", "tk.chau", "tk.vy"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not pdf.available(), reason="LibreOffice (soffice) is not installed")]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def keys_secrets(test_ca: Path, pki, csc) -> Path:
    """The test CA's secrets file with the TSA, the CSC provider and an
    image for the officer's account."""
    text = test_ca.read_text(encoding="utf-8")
    image = tomllib.loads(text)["users"]["chau"]["image"]
    text = text.replace('trusted = ["ca.pem"]', f'trusted = ["ca.pem"]\ntsa = "{pki.tsa_url}"')
    text += (f'\n[users."{SIGNER}"]\nname = "Lê Minh Châu"\nimage = "{image}"\n'
             f'\n[csc."thu-nghiem"]\nurl = "{csc.base_url}"\nclient_id = "docgen"\n'
             'client_secret = "bi-mat"\n')
    path = test_ca.with_name("keys-anywhere.toml")
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def local_signer(live_server, tokens):
    """`docgen local-signer` on a free port for the live server's origin,
    with Lê Minh Châu's token: (URL, pairing code)."""
    token, _ = tokens["chau"]
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", "from docgen.cli import main; main()", "local-signer",
         "--module", token.module, "--token", token.label, "--allow-origin", str(live_server),
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    code = None
    for line in process.stdout:
        found = re.search(r"Mã ghép nối với trang docgen: (\d{6})", line)
        code = found.group(1) if found else code
        if "đang chạy" in line:
            break
    assert code, "the local signer showed no pairing code"
    yield f"http://127.0.0.1:{port}", code
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def methods(live_server, tokens, test_ca, pki, csc, monkeypatch):
    from docgen.storage.models import SigningSetting
    from docgen.storage.signing_methods import set_method

    live_server.add_users((DRAFTER, "Nguyễn Văn An", "drafter", UNIT),
                          (SIGNER, "Lê Minh Châu", "signer", UNIT),
                          (REGISTRAR, "Trần Thị Vy", "registrar", UNIT), password=PASSWORD)
    monkeypatch.setenv("DOCGEN_SIGNING_SECRETS", str(keys_secrets(test_ca, pki, csc)))
    with live_server.session() as session:
        set_method(session, SIGNER, "token", certificate=tokens["chau"][1][0])
        set_method(session, UNIT, "csc", provider="thu-nghiem", credential="seal-loc-tan",
                   certificate=tokens["csc"][1][0])
    yield
    with live_server.session() as session:  # the unit's other tests seal with its PKCS#12 file
        session.query(SigningSetting).filter(SigningSetting.unit_id.isnot(None)).delete()
        session.commit()


def test_token_then_phone_make_a_b_t_pdf_a(page, open_page, live_server, methods, local_signer,  # noqa: F811
                                           csc, pki, test_ca, tmp_path, monkeypatch, screens):
    signer_url, code = local_signer
    monkeypatch.setenv("DOCGEN_LOCAL_SIGNER_URL", signer_url)
    # --- drafted, approved, issued ---------------------------------------------------
    log_in(page, DRAFTER)
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    created = page.context.request.post(page.base_url + "/api/drafts", data={"plan": own_plan()},
                                        headers={"X-CSRF-Token": token})
    draft_id = created.json()["id"]
    page.goto(f"{page.base_url}/drafts/{draft_id}")
    page.click("#submit-draft")
    page.wait_for_selector("text=Đã trình ký phiên bản 1")
    officer = open_page()
    log_in(officer, SIGNER)
    officer.goto(f"{officer.base_url}/drafts/{draft_id}/review")
    officer.check("#approve-confirm")
    officer.click("#approve")
    officer.wait_for_selector("#approved-sha256")
    clerk = open_page()
    log_in(clerk, REGISTRAR)
    clerk.goto(f"{clerk.base_url}/drafts/{draft_id}/review")
    clerk.check("#issue-confirm")
    clerk.click("#issue-submit")
    clerk.wait_for_selector("#issued-number")
    number = clerk.locator("#issued-number").inner_text()

    # --- the officer signs with her token: pairing, a wrong PIN, her PIN -------------
    sent_to_server = []
    officer.on("request", lambda request: sent_to_server.append(request.post_data or "")
               if request.url.startswith(str(live_server)) else None)
    officer.goto(f"{officer.base_url}/drafts/{draft_id}/review")
    officer.click("#sign")
    officer.wait_for_selector("#pairing-code", state="visible")
    officer.fill("#pairing-code", code)
    officer.click("#signing-continue")
    officer.wait_for_selector("#token-pin", state="visible", timeout=60_000)
    officer.fill("#token-pin", "000000")
    officer.click("#signing-continue")
    expect(officer.locator("#signing-status")).to_have_text(WRONG_PIN, timeout=30_000)
    officer.fill("#token-pin", CHAU_PIN)
    officer.click("#signing-continue")
    officer.wait_for_selector(f"text=Đã ký số văn bản số {number}", timeout=60_000)
    assert officer.locator("#signing-state").inner_text() == "lãnh đạo đã ký"
    assert not any(CHAU_PIN in data or "000000" in data for data in sent_to_server)
    assert any('"chains"' in data for data in sent_to_server)  # the certificates did go

    # --- the văn thư seals: the phone confirms after a delay ----------------------------
    clerk.goto(f"{clerk.base_url}/drafts/{draft_id}/review")
    clerk.click("#seal")
    clerk.wait_for_selector("#signing-countdown", state="visible", timeout=60_000)
    first = int(clerk.locator("#signing-seconds").inner_text())
    time.sleep(3)
    assert int(clerk.locator("#signing-seconds").inner_text()) < first  # it counts down
    clerk.screenshot(path=str(screens / "seal-waiting-for-phone.png"))
    csc.confirm(csc.pending())
    clerk.wait_for_selector(f"text=Đã ký số của cơ quan; văn bản số {number} đã phát hành.",
                            timeout=60_000)

    # --- the PDF: both valid, B-T with the TSA's time, still PDF/A-2b -------------------
    with clerk.expect_download() as info:
        clerk.click("#download-sealed-pdf")
    signed_file = tmp_path / "signed.pdf"
    info.value.save_as(signed_file)
    sealed = signed_file.read_bytes()
    reports = verify_pdf(sealed, trusted_roots([test_ca.parent / "ca.pem"]), online=True)
    now = dt.datetime.now(dt.timezone.utc)
    assert [(r.field, r.ok, r.level) for r in reports] == [
        ("ChuKyNguoiKy", True, "B-T"), ("ChuKyCoQuan", True, "B-T")], [r.problems for r in reports]
    for report in reports:
        assert report.timestamp_authority.startswith("docgen test TSA")
        assert now - dt.timedelta(minutes=10) < report.timestamp_time <= now
    result = subprocess.run([sys.executable, "-c", "from docgen.cli import main; main()", "verify",
                             "--ca", str(test_ca.parent / "ca.pem"), str(signed_file)],
                            capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("mức PAdES: B-T; dấu thời gian ") == 2
    assert result.stdout.count("của docgen test TSA") == 2 and "2 chữ ký hợp lệ" in result.stdout
    nss = tmp_path / "nss"
    nss.mkdir()
    subprocess.run(["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], check=True)
    subprocess.run(["certutil", "-A", "-d", f"sql:{nss}", "-n", "docgen-test-ca", "-t", "CT,C,C",
                    "-i", str(test_ca.parent / "ca.pem")], check=True)
    poppler = subprocess.run(["pdfsig", "-nssdir", f"sql:{nss}", str(signed_file)],
                             capture_output=True, text=True)
    assert poppler.stdout.count("Signature Validation: Signature is Valid.") == 2, poppler.stdout
    assert poppler.stdout.count("Certificate Validation: Certificate is Trusted.") == 2, poppler.stdout
    meta = subprocess.run(["pdfinfo", "-meta", str(signed_file)], capture_output=True, text=True).stdout
    assert pdfa_identification(meta) == ("2", "B")
    assert b"/OutputIntents" in sealed
