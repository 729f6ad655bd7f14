"""Issuing and signing in Chromium, the whole way: a drafter of UBND xã Lộc
Tấn submits a plan, the signing officer named on it (Lê Minh Châu) approves
it, the văn thư issues it, the officer signs it ("Ký số", with their own
certificate), the văn thư adds the unit's signature ("Ký số cơ quan và
phát hành"), the register lists it as sent, and the signed PDF it links
passes `docgen verify` with two intact signatures. Another signing officer
of the unit is not offered "Ký số" and is refused; another unit gets 404.

The certificates are a throwaway test CA (scripts/make-test-ca.py)."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from docgen import pdf
from docgen.signing.verify import verify_pdf

from ..people import own_plan
from .test_browser_review import PASSWORD, log_in, open_page  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parents[2]
UNIT, OTHER_UNIT = "UBND xã Lộc Tấn", "UBND xã Lộc Hòa"
# The test CA has certificates for the logins chau, long and giang.
DRAFTER, SIGNER, OTHER_SIGNER, REGISTRAR, OUTSIDER = "sign.an", "chau", "long", "sign.vy", "giang"

pytestmark = pytest.mark.skipif(not pdf.available(), reason="LibreOffice (soffice) is not installed")


@pytest.fixture(scope="module")
def accounts(live_server):
    live_server.add_users((DRAFTER, "Nguyễn Văn An", "drafter", UNIT), (SIGNER, "Lê Minh Châu", "signer", UNIT),
                          (OTHER_SIGNER, "Trương Hải Long", "signer", UNIT),
                          (REGISTRAR, "Trần Thị Vy", "registrar", UNIT),
                          (OUTSIDER, "Đỗ Giang", "signer", OTHER_UNIT), password=PASSWORD)


@pytest.fixture
def certificates(test_ca, monkeypatch):
    monkeypatch.setenv("DOCGEN_SIGNING_SECRETS", str(test_ca))
    return test_ca


def post(page, url: str):
    """A form POST from ``page``'s session with its CSRF token: the status."""
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    return page.context.request.post(page.base_url + url, form={"csrf_token": token}).status


def test_signer_and_registrar_sign_and_send(page, open_page, accounts, certificates, screens: Path,
                                            tmp_path):
    # --- the drafter saves the plan and submits it -----------------------------------
    log_in(page, DRAFTER)
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    created = page.context.request.post(page.base_url + "/api/drafts", data={"plan": own_plan()},
                                        headers={"X-CSRF-Token": token})
    assert created.status == 201, created.text()
    draft_id = created.json()["id"]
    page.goto(f"{page.base_url}/drafts/{draft_id}")
    page.click("#submit-draft")
    page.wait_for_selector("text=Đã trình ký phiên bản 1")

    # --- the signing officer approves (one error open: confirmed) ---------------------
    officer = open_page()
    log_in(officer, SIGNER)
    officer.goto(f"{officer.base_url}/drafts/{draft_id}/review")
    officer.check("#approve-confirm")
    officer.click("#approve")
    officer.wait_for_selector("#approved-sha256")
    assert officer.locator("#sign").count() == 0  # nothing to sign before the number

    # --- the văn thư issues: the header is the unit's, only the error is to confirm ----
    clerk = open_page()
    log_in(clerk, REGISTRAR)
    clerk.goto(f"{clerk.base_url}/drafts/{draft_id}/review")
    concerns = clerk.locator("#issue-concerns").inner_text()
    assert "lỗi chưa sửa" in concerns and "Cơ quan ban hành" not in concerns
    clerk.check("#issue-confirm")
    clerk.click("#issue-submit")
    clerk.wait_for_selector("#issued-number")
    assert clerk.locator("#signing-state").inner_text() == "đã cấp số"
    # The unit's series is shared with the other browser tests of this server: the number is the register's.
    number = clerk.locator("#issued-number").inner_text().strip()
    assert re.fullmatch(r"\d{2,}/KH-UBND", number), number
    assert clerk.locator("#seal").count() == 0 and clerk.locator("#sign").count() == 0
    entry = re.search(r"/register/(\d+)/", clerk.locator("#download-issued").get_attribute("href")).group(1)

    # --- another signing officer of the unit: not offered, refused --------------------
    other = open_page()
    log_in(other, OTHER_SIGNER)
    other.goto(f"{other.base_url}/drafts/{draft_id}/review")
    assert other.locator("#signing").count() == 1 and other.locator("#sign").count() == 0
    assert post(other, f"/register/{entry}/sign") == 403

    # --- the officer signs with their own certificate ---------------------------------
    officer.goto(f"{officer.base_url}/drafts/{draft_id}/review")
    assert "bằng chứng thư số của Lê Minh Châu" in officer.locator("#sign-form").inner_text()
    officer.click("#sign")
    officer.wait_for_selector(f"text=Đã ký số văn bản số {number}")
    assert officer.locator("#signing-state").inner_text() == "lãnh đạo đã ký"
    assert officer.locator("#sign").count() == 0 and officer.locator("#seal").count() == 0
    signed_sha = officer.locator("#signed-sha256").inner_text().strip()
    with officer.expect_download() as info:
        officer.click("#download-signed-pdf")
    signed = Path(info.value.path()).read_bytes()
    assert hashlib.sha256(signed).hexdigest() == signed_sha
    assert [(r.field, r.intact, r.whole_file) for r in verify_pdf(signed)] == [("ChuKyNguoiKy", True, True)]

    # --- the văn thư adds the unit's signature: sent --------------------------------
    clerk.goto(f"{clerk.base_url}/drafts/{draft_id}/review")
    assert "bằng chứng thư số của UBND xã Lộc Tấn" in clerk.locator("#seal-form").inner_text()
    clerk.click("#seal")
    clerk.wait_for_selector(f"text=Đã ký số của cơ quan; văn bản số {number} đã phát hành.")
    assert clerk.locator("#signing-state").inner_text() == "đã ký số cơ quan (đã phát hành)"
    assert clerk.locator("#seal").count() == 0
    assert "Trần Thị Vy" in clerk.locator("#seal-step").inner_text()
    sealed_sha = clerk.locator("#sealed-sha256").inner_text().strip()
    clerk.screenshot(path=str(screens / "review-signed.png"), full_page=True)

    # --- the register lists it as sent; its signed PDF verifies ----------------------
    clerk.click("#register-link")
    clerk.wait_for_url(re.compile(r"/register$"))
    row = clerk.locator(f'#register tr[data-number="{number}"]')
    assert "đã ký số cơ quan (đã phát hành)" in row.locator(".signing-state").inner_text()
    with clerk.expect_download() as info:
        row.locator(".download-sealed-pdf").click()
    assert re.fullmatch(rf"KH-{number.split('/')[0]}-UBND-Loc-Tan-\d{{4}}-\d\d-\d\d-da-phat-hanh\.pdf",
                        info.value.suggested_filename)
    signed_file = tmp_path / info.value.suggested_filename
    info.value.save_as(signed_file)
    sealed = signed_file.read_bytes()
    assert hashlib.sha256(sealed).hexdigest() == sealed_sha != signed_sha
    reports = verify_pdf(sealed)
    assert [(r.field, r.intact, r.changes_allowed) for r in reports] == [
        ("ChuKyNguoiKy", True, True), ("ChuKyCoQuan", True, True)]
    assert reports[-1].whole_file
    # `docgen verify` as a clerk would run it, in a process of its own
    result = subprocess.run([sys.executable, "-c", "from docgen.cli import main; main()", "verify",
                             str(signed_file)], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 chữ ký hợp lệ" in result.stdout and "nguyên vẹn: có" in result.stdout
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(signed_file),
                    str(screens / "signed-pdf")], check=False)

    # --- the drafter downloads the .docx and both PDFs from the draft page -----------
    page.goto(f"{page.base_url}/drafts/{draft_id}")
    for link in ("#download-issued", "#download-issued-pdf", "#download-sealed-pdf"):
        with page.expect_download() as info:
            page.click(link)
        assert Path(info.value.path()).stat().st_size > 0
    assert hashlib.sha256(Path(info.value.path()).read_bytes()).hexdigest() == sealed_sha

    # --- another unit: nothing -------------------------------------------------------
    outsider = open_page()
    log_in(outsider, OUTSIDER)
    outsider.goto(f"{outsider.base_url}/register")
    assert outsider.locator("#register").count() == 0
    for step in ("issued", "signer", "organisation"):
        response = outsider.context.request.get(f"{outsider.base_url}/register/{entry}/{step}.pdf")
        assert response.status == 404
    assert post(outsider, f"/register/{entry}/sign") == 404
    assert post(outsider, f"/register/{entry}/seal") == 404
