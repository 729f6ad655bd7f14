"""Issuing in Chromium: a drafter of UBND phường Hoa Lư saves sample 002
and submits it, the signing officer approves it, the unit's văn thư issues
it from the review page ("Ban hành và cấp số"), the register lists it, and
the .docx downloaded from the register carries the number and today's date
(Vietnam) in its header and no DỰ THẢO mark. Only the văn thư is offered
the action; the văn thư then recalls it with a reason. A văn thư of
another unit sees an empty register and gets 404 on the download."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import docx as python_docx
import pytest

from docgen.vietnamese.dates import short_date, vietnam_today

from .test_browser_review import PASSWORD, log_in, open_page  # noqa: F401 (a fixture)

UNIT, OTHER_UNIT = "UBND phường Hoa Lư", "UBND xã Ia Grai"
DRAFTER, SIGNER, REGISTRAR, OUTSIDER = "issue.an", "issue.chau", "issue.vy", "issue.xuan"


@pytest.fixture(scope="module")
def accounts(live_server):
    live_server.add_users((DRAFTER, "Nguyễn Văn An", "drafter", UNIT), (SIGNER, "Lê Minh Châu", "signer", UNIT),
                          (REGISTRAR, "Trần Thị Vy", "registrar", UNIT),
                          (OUTSIDER, "Lê Xuân", "registrar", OTHER_UNIT), password=PASSWORD)


def header_cells(docx: bytes) -> str:
    """The text of the document's header table (ô 1-4: issuer, number, motto, date)."""
    document = python_docx.Document(io.BytesIO(docx))
    return " | ".join(cell.text for cell in document.tables[0]._cells)


def test_clerk_officer_and_registrar_issue_a_plan(page, open_page, accounts, screens: Path):
    # --- the drafter saves sample 002 and submits it --------------------------------
    log_in(page, DRAFTER)
    page.goto(page.base_url + "/plan/sample/002")
    page.wait_for_selector("#preview[data-version]", state="attached")
    page.click("#save-draft")
    page.wait_for_function("() => /Đã lưu phiên bản 1\\b/.test(document.getElementById('action-status').textContent)")
    draft_id = int(re.search(r"/drafts/(\d+)/edit$", page.url).group(1))
    page.click("#submit-draft")
    page.wait_for_url(re.compile(rf"/drafts/{draft_id}$"))
    assert page.locator("#draft-state").inner_text() == "chờ duyệt"

    # --- the signing officer approves; no "Ban hành" for them ------------------------
    officer = open_page()
    log_in(officer, SIGNER)
    officer.goto(f"{officer.base_url}/drafts/{draft_id}/review")
    # Sample 002's figures disagree (an error of the checks): approving asks to confirm it.
    officer.click("#approve")
    assert officer.locator("#approve-confirm:invalid").count() == 1  # the browser held the form
    officer.check("#approve-confirm")
    officer.click("#approve")
    officer.wait_for_selector("#approved-sha256")
    assert officer.locator("#issue-submit").count() == 0
    page.goto(f"{page.base_url}/drafts/{draft_id}/review")
    assert page.locator("#issue-submit").count() == 0

    # --- the văn thư issues it from the review page ----------------------------------
    clerk = open_page()
    log_in(clerk, REGISTRAR)
    assert "văn thư" in clerk.locator("#who").inner_text()
    clerk.goto(f"{clerk.base_url}/drafts/{draft_id}/review")
    assert "KH-UBND" in clerk.locator("#issue").inner_text()
    # Sample 002 is headed for UBND tỉnh Gia Lai, not this ward: the văn thư is told so.
    concerns = clerk.locator("#issue-concerns").inner_text()
    assert "“ỦY BAN NHÂN DÂN TỈNH GIA LAI”, không phải UBND phường Hoa Lư" in concerns
    assert "lỗi chưa sửa" in concerns
    clerk.locator("#issue").screenshot(path=str(screens / "issue-form.png"))
    clerk.check("#issue-confirm")
    clerk.click("#issue-submit")
    clerk.wait_for_selector("#issued-number")
    today = vietnam_today()
    assert clerk.locator("#issued-number").inner_text() == "01/KH-UBND"
    assert f"Đã ban hành văn bản số 01/KH-UBND ngày {short_date(today)}" in clerk.locator(".flash-ok").first.inner_text()
    assert clerk.locator("#draft-state").inner_text() == "đã ban hành"
    assert clerk.locator("#issue-submit").count() == 0
    sha = clerk.locator("#issued-sha256").inner_text().strip()

    # --- the register lists it; its .docx has the number and the date ----------------
    clerk.click("#register-link")
    clerk.wait_for_url(re.compile(r"/register$"))
    row = clerk.locator('#register tr[data-number="01/KH-UBND"]')
    assert "01/KH-UBND" in row.inner_text() and short_date(today) in row.inner_text()
    assert "Thực hiện cao điểm “50 ngày, đêm”" in row.inner_text()
    clerk.fill("#search-subject", "ngay dem")
    clerk.click("#search-submit")
    clerk.wait_for_url(re.compile(r"/register\?"))
    assert clerk.locator("#register tbody tr").count() == 1
    clerk.screenshot(path=str(screens / "register-1366.png"), full_page=True)
    with clerk.expect_download() as info:
        row.locator(".download-issued").click()
    assert re.fullmatch(r"KH-01-UBND-Gia-Lai-\d{4}-\d\d-\d\d\.docx", info.value.suggested_filename)
    docx = Path(info.value.path()).read_bytes()
    assert hashlib.sha256(docx).hexdigest() == sha
    header = header_cells(docx)
    assert "Số: 01/KH-UBND" in header
    assert f"Gia Lai, ngày {today.day:02d} tháng" in header and f"năm {today.year}" in header
    assert "DỰ THẢO" not in "".join(p.text for p in python_docx.Document(io.BytesIO(docx)).paragraphs)
    with clerk.expect_download() as info:
        clerk.click("#export-xlsx")
    assert info.value.suggested_filename.startswith("so-van-ban-di-")

    # --- the drafter downloads the same file from the draft page ---------------------
    page.goto(f"{page.base_url}/drafts/{draft_id}")
    with page.expect_download() as info:
        page.click("#download-issued")
    assert hashlib.sha256(Path(info.value.path()).read_bytes()).hexdigest() == sha

    # --- the văn thư recalls it: it keeps its number ---------------------------------
    clerk.goto(f"{clerk.base_url}/register")
    row = clerk.locator('#register tr[data-number="01/KH-UBND"]')
    row.locator("details.recall summary").click()
    row.locator("textarea").fill("Ghi sai thời gian thực hiện")
    row.locator("button.danger").click()
    clerk.wait_for_selector("text=Đã thu hồi văn bản số 01/KH-UBND")
    row = clerk.locator('#register tr[data-number="01/KH-UBND"]')
    assert "đã thu hồi" in row.inner_text() and "Ghi sai thời gian thực hiện" in row.inner_text()

    # --- another unit's văn thư: nothing ---------------------------------------------
    outsider = open_page()
    log_in(outsider, OUTSIDER)
    outsider.goto(f"{outsider.base_url}/register")
    assert outsider.locator("#register").count() == 0
    entry = re.search(r"/register/(\d+)/", row.locator(".download-issued").get_attribute("href")).group(1)
    assert outsider.context.request.get(f"{outsider.base_url}/register/{entry}/download.docx").status == 404
    assert outsider.goto(f"{outsider.base_url}/drafts/{draft_id}/review").status == 404
