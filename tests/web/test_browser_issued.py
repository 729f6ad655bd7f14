"""The văn thư in Chromium: from the list she lands on after logging in she
opens an approved plan's draft page, which carries "Ban hành và cấp số";
after issuing, the page shows the document as issued (its number and date
in the header) with one primary download, the issued file, and the
approved unnumbered file only as a plain link."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from docgen.vietnamese.dates import date_line
from docgen.storage import drafts
from docgen.storage.models import IssuedDocument, User

from ..people import own_plan
from .test_browser_review import PASSWORD, log_in

pytestmark = pytest.mark.slow

UNIT = "UBND xã Tân Lập"
DRAFTER, SIGNER, REGISTRAR = "issued.an", "issued.chau", "issued.vy"


@pytest.fixture(scope="module")
def approved(live_server) -> int:
    """A plan of UBND xã Tân Lập, saved, submitted and approved: its draft id."""
    live_server.add_users((DRAFTER, "Nguyễn Văn An", "drafter", UNIT), (SIGNER, "Lê Minh Châu", "signer", UNIT),
                          (REGISTRAR, "Trần Thị Vy", "registrar", UNIT), password=PASSWORD)
    plan = own_plan()
    plan["header"] = {**plan["header"], "issuing_body": ["ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP"],
                      "issuer_name": "Ủy ban nhân dân xã Tân Lập", "place": "Tân Lập"}
    plan["subject"] = "Kế hoạch tuyên truyền chuyển đổi số năm 2027"
    with live_server.session() as session:
        users = {u.username: u for u in session.scalars(select(User).where(
            User.username.in_([DRAFTER, SIGNER]))).all()}
        draft = drafts.create_draft(session, users[DRAFTER], plan)
        drafts.submit(session, users[DRAFTER], draft.id)
        drafts.approve(session, users[SIGNER], draft.id, confirmed=True)
        return draft.id


def primary_downloads(page) -> list[str]:
    return page.locator('a.button.primary[id^="download"]').evaluate_all("links => links.map(a => a.id)")


def test_the_registrar_issues_from_her_landing_page_and_sees_the_issued_document(
        page, live_server, approved, screens: Path):
    log_in(page, REGISTRAR)  # she lands on the list of the unit's drafts
    page.click(f'#drafts tr[data-draft="{approved}"] a')
    page.wait_for_url(re.compile(rf"/drafts/{approved}$"))
    issue = page.locator("#issue")
    assert issue.is_visible() and "KH-UBND" in issue.inner_text()
    page.screenshot(path=str(screens / "issue-on-draft-page.png"), full_page=True)
    if page.locator("#issue-confirm").count():
        page.check("#issue-confirm")
    page.click("#issue-submit")
    page.wait_for_selector("#issued-number")

    with live_server.session() as session:
        issued_on = session.scalars(select(IssuedDocument.issued_on)
                                    .where(IssuedDocument.draft_id == approved)).one()
    assert page.locator("#issued-number").inner_text() == "01/KH-UBND"
    document = page.locator("#document")
    shown = " ".join(document.inner_text().split())
    assert "Số: 01/KH-UBND" in shown and date_line("Tân Lập", issued_on) in shown
    assert "Số: /KH-UBND" not in shown and "DỰ THẢO" not in shown
    assert primary_downloads(page) == ["download-issued"]
    assert page.locator("#download-issued").inner_text() == "Tải văn bản đã ban hành số 01/KH-UBND (.docx)"
    assert "button" not in (page.locator("#download-docx").get_attribute("class") or "")
    page.screenshot(path=str(screens / "issued-review-1366.png"), full_page=False)

    # "Xem PDF bản đã ban hành": the issued file's PDF, number and all
    shown = page.context.request.get(live_server + page.locator("#preview-pdf").get_attribute("href"))
    assert shown.status == 200 and "KH-01-UBND-Tan-Lap-" in shown.headers["content-disposition"]
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=shown.body(), capture_output=True,
                          check=True).stdout.decode("utf-8")
    assert "Số: 01/KH-UBND" in text and f"ngày {issued_on.day:02d} tháng" in text

    page.goto(f"{live_server}/drafts/{approved}")
    assert primary_downloads(page) == ["download-issued"] and page.locator("#issue").count() == 0
    with page.expect_download() as download:
        page.click("#download-issued")
    assert download.value.suggested_filename.startswith("KH-01-UBND-Tan-Lap-")
    page.screenshot(path=str(screens / "issued-draft-page.png"), full_page=True)
