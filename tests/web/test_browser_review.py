"""The review workflow in Chromium, with two units and three people: a
drafter of UBND xã Lộc Hòa saves sample 004 twice and submits it; the unit's
signing officer sees what changed and the checks' findings (a repeated
section numeral IV, a password), comments on a section and returns it; the
drafter renumbers section VI and resubmits; the officer sees that fix,
approves and downloads the frozen .docx, whose SHA-256 the page shows. A
signing officer of another unit gets 404 on every page, download and API
route of that draft."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

import pytest


PASSWORD = "mat-khau-du-dai"
DRAFTER, SIGNER, OUTSIDER = "tester.an", "tester.chau", "tester.giang"
TITLE_EDIT = "MỤC ĐÍCH, YÊU CẦU CHUNG"
COMMENT = "Mục Tổ chức thực hiện phải là mục VI, không phải IV."
REASON = "Sửa số mục VI và bỏ mật khẩu khỏi văn bản."


@pytest.fixture(scope="module")
def accounts(live_server):
    """The three accounts, in the live server's own database."""
    live_server.add_users((DRAFTER, "Nguyễn Văn An", "drafter", "UBND xã Lộc Hòa"),
                          (SIGNER, "Lê Minh Châu", "signer", "UBND xã Lộc Hòa"),
                          (OUTSIDER, "Đỗ Giang", "signer", "UBND xã Lộc Tấn"), password=PASSWORD)


@pytest.fixture
def open_page(browser, live_server):
    """``open_page(width, height)``: another person at another browser (a
    context of its own: own cookies and storage). Script errors fail the test."""
    contexts = []

    def open_(width: int = 1366, height: int = 768):
        context = browser.new_context(viewport={"width": width, "height": height},
                                      accept_downloads=True, locale="vi-VN")
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.script_errors = []
        page.on("pageerror", lambda error: page.script_errors.append(str(error)))
        page.base_url = live_server
        return page

    yield open_
    for context in contexts:
        for page in context.pages:
            assert page.script_errors == []
        context.close()


def log_in(page, username: str) -> None:
    page.goto(page.base_url + "/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(re.compile(r"/drafts$"))


def words(diff, tag: str) -> list[str]:
    """The words the diff marks as added (ins) or removed (del)."""
    return [text.strip() for text in diff.locator(f".diff-lines {tag}").all_inner_texts()]


def has_draft_mark(docx: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return "DỰ THẢO" in archive.read("word/document.xml").decode("utf-8")


def test_drafter_and_officer_review_a_plan(page, open_page, accounts, screens: Path):
    # --- the drafter: sample 004, saved twice, submitted -------------------------
    log_in(page, DRAFTER)
    page.goto(page.base_url + "/plan/sample/004")
    page.wait_for_selector("#preview[data-version]", state="attached")
    page.click("#save-draft")
    page.wait_for_function("() => /Đã lưu phiên bản 1\\b/.test(document.getElementById('action-status').textContent)")
    draft_id = int(re.search(r"/drafts/(\d+)/edit$", page.url).group(1))
    page.fill("#f-sections-0-title", TITLE_EDIT)
    page.click("#save-draft")
    page.wait_for_function("() => /Đã lưu phiên bản 2\\b/.test(document.getElementById('action-status').textContent)")
    page.click("#submit-draft")
    page.wait_for_url(re.compile(rf"/drafts/{draft_id}$"))
    assert page.locator("#draft-state").inner_text() == "chờ duyệt"
    assert "Đã trình ký phiên bản 2." in page.locator(".flash").inner_text()

    # --- the officer: diff, findings, a comment, return --------------------------
    officer = open_page()
    log_in(officer, SIGNER)
    officer.click(f'tr[data-draft="{draft_id}"] a')
    officer.click("#review-link")
    officer.wait_for_url(re.compile(rf"/drafts/{draft_id}/review$"))
    diff = officer.locator("#diff")
    assert "so với phiên bản 1" in diff.inner_text()
    assert "CHUNG" in words(diff, "ins")
    findings = officer.locator("#findings")
    repeated = findings.locator('[data-code="consistency.section_repeated"]')
    assert "số mục IV bị lặp lại" in repeated.inner_text() and "Mục IV" in repeated.inner_text()
    assert "mật khẩu" in findings.locator('[data-code="sensitive.password"]').inner_text()
    assert "DỰ THẢO" in officer.locator(".draft-mark").inner_text()
    assert "KẾ HOẠCH" in officer.locator("#document").inner_text()

    officer.select_option("#comment-section", "5")
    officer.fill("#comment-text", COMMENT)
    officer.click("#comment-submit")
    officer.wait_for_selector('.comment-group[data-section="5"]')
    assert COMMENT in officer.locator('.comment-group[data-section="5"]').inner_text()
    assert "IV. TỔ CHỨC THỰC HIỆN" in officer.locator('.comment-group[data-section="5"] h3').inner_text()
    officer.goto(f"{officer.base_url}/drafts/{draft_id}/review")
    officer.screenshot(path=str(screens / "review-1366.png"))
    narrow = open_page(390, 844)
    log_in(narrow, SIGNER)
    narrow.goto(f"{narrow.base_url}/drafts/{draft_id}/review")
    narrow.screenshot(path=str(screens / "review-390.png"))
    narrow.locator("#diff").screenshot(path=str(screens / "review-390-diff.png"))
    narrow.locator("#findings").screenshot(path=str(screens / "review-390-findings.png"))

    officer.fill("#return-reason", REASON)
    officer.click("#return")
    officer.wait_for_selector("text=Đã trả lại phiên bản 2 kèm ý kiến.")
    assert officer.locator("#draft-state").inner_text() == "trả lại"
    assert officer.locator("#approve").count() == 0

    # --- the drafter: reads the comment, renumbers section VI, resubmits ---------
    page.goto(f"{page.base_url}/drafts/{draft_id}")
    assert page.locator("#draft-state").inner_text() == "trả lại"
    assert REASON in page.locator("#return-reason").inner_text()
    assert COMMENT in page.locator("#comments").inner_text()
    page.screenshot(path=str(screens / "draft-1366.png"), full_page=True)
    page.click("#edit-draft")
    page.wait_for_url(re.compile(rf"/drafts/{draft_id}/edit$"))
    page.wait_for_selector("#preview[data-version]", state="attached")
    assert page.locator("#restore-notice").is_hidden()
    page.fill("#f-sections-5-number", "VI")
    page.screenshot(path=str(screens / "editor-draft-1366.png"))
    page.click("#submit-draft")  # saves version 3 first, then submits it
    page.wait_for_url(re.compile(rf"/drafts/{draft_id}$"))
    assert page.locator("#draft-state").inner_text() == "chờ duyệt"
    assert page.locator("#head-version").inner_text() == "3"

    # --- the officer: the fix, approval, the frozen .docx ------------------------
    officer.goto(f"{officer.base_url}/drafts/{draft_id}/review")
    diff = officer.locator("#diff")
    assert "Phiên bản 3 so với phiên bản 2 (đã xem lần trước)" in diff.inner_text()
    assert "IV." in words(diff, "del") and "VI." in words(diff, "ins")
    assert officer.locator('[data-code="consistency.section_repeated"]').count() == 0
    # Errors remain (the title's dates disagree with section III): approving asks to confirm.
    assert officer.locator('[data-code="consistency.title_dates"]').count() == 1
    officer.check("#approve-confirm")
    officer.click("#approve")
    officer.wait_for_selector("#approved-sha256")
    assert officer.locator("#draft-state").inner_text() == "đã duyệt"
    assert officer.locator(".draft-mark").count() == 0
    sha = officer.locator("#approved-sha256").inner_text().strip()
    with officer.expect_download() as info:
        officer.click("#download-docx")
    docx = Path(info.value.path()).read_bytes()
    assert hashlib.sha256(docx).hexdigest() == sha
    assert not has_draft_mark(docx)

    # --- an officer of another unit: 404 everywhere ------------------------------
    outsider = open_page()
    log_in(outsider, OUTSIDER)
    assert outsider.locator(f'tr[data-draft="{draft_id}"]').count() == 0
    for path in ("", "/review", "/edit"):
        response = outsider.goto(f"{outsider.base_url}/drafts/{draft_id}{path}")
        assert response.status == 404, path
        assert "Không tìm thấy dự thảo" in outsider.locator("main").inner_text()
    request = outsider.context.request
    token = outsider.locator('meta[name="csrf-token"]').get_attribute("content")
    assert request.get(f"{outsider.base_url}/drafts/{draft_id}/download.docx").status == 404
    assert request.get(f"{outsider.base_url}/api/drafts/{draft_id}").status == 404
    response = request.post(f"{outsider.base_url}/api/drafts/{draft_id}/versions",
                            headers={"X-CSRF-Token": token},
                            data={"plan": {}, "base_version": 3})
    assert response.status == 404
    assert request.post(f"{outsider.base_url}/drafts/{draft_id}/approve",
                        form={"csrf_token": token}).status == 404
    # Other browser tests share this server and the outsider's unit: only this draft must be absent.
    listed = request.get(f"{outsider.base_url}/api/drafts").json()["drafts"]
    assert draft_id not in [draft["id"] for draft in listed]
