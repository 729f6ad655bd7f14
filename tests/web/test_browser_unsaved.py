"""Unsaved typing in Chromium (issue 20, item 13): a drafter who leaves the
editor with edits not saved on the server is asked first; if she leaves
anyway, the draft page says that this browser keeps edits newer than the
saved version, which "Trình ký phiên bản N" would not include, and opens
them to be saved."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .test_browser_review import PASSWORD, log_in

pytestmark = pytest.mark.slow

DRAFTER = "unsaved.an"


@pytest.fixture(scope="module")
def drafter(live_server):
    live_server.add_users((DRAFTER, "Nguyễn Văn An", "drafter", "UBND xã Ia Kha"), password=PASSWORD)


def saved(page, version: int) -> None:
    page.wait_for_function(
        f"() => /Đã lưu phiên bản {version}\\b/.test(document.getElementById('action-status').textContent)")


def test_leaving_with_unsaved_typing_asks_and_the_draft_page_says_so(page, drafter, screens: Path):
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        if len(dialogs) == 1:
            dialog.dismiss()  # stay
        else:
            dialog.accept()  # leave anyway

    page.on("dialog", answer)
    log_in(page, DRAFTER)
    page.goto(page.base_url + "/plan/sample/003")
    page.wait_for_selector("#preview[data-version]", state="attached")
    page.click("#save-draft")
    saved(page, 1)
    draft_id = int(re.search(r"/drafts/(\d+)/edit$", page.url).group(1))

    # Saved: the page is left without a question.
    page.click("#draft-link")
    page.wait_for_url(re.compile(rf"/drafts/{draft_id}$"))
    assert dialogs == [] and page.locator("#local-edits").is_hidden()

    page.goto(f"{page.base_url}/drafts/{draft_id}/edit")
    page.wait_for_selector("#preview[data-version]", state="attached")
    page.click("#f-subject")
    page.keyboard.press("End")
    page.keyboard.type(" năm 2025")
    page.wait_for_function("() => (localStorage.getItem('docgen.draft.v1') || '').includes(' năm 2025')")
    page.click("#draft-link")  # asked, and stays
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"]
    assert page.url.endswith(f"/drafts/{draft_id}/edit")
    page.click("#draft-link")  # asked again, leaves anyway
    page.wait_for_url(re.compile(rf"/drafts/{draft_id}$"))
    assert dialogs == ["beforeunload", "beforeunload"]

    # The draft page says the typing is kept here, not in version 1.
    notice = page.locator("#local-edits")
    notice.wait_for()
    text = notice.inner_text()
    assert "Máy này còn nội dung sửa chưa lưu" in text
    assert "“Trình ký phiên bản 1” trình bản đã lưu, không gồm nội dung đó." in text
    page.wait_for_function("() => document.getElementById('page-announcer').textContent.includes('chưa lưu')")
    page.screenshot(path=str(screens / "draft-local-edits-1366.png"))

    # Opened again, saved: the notice goes, and leaving asks nothing.
    page.click("#open-local-edits")
    page.wait_for_url(re.compile(rf"/drafts/{draft_id}/edit$"))
    page.wait_for_function("() => document.getElementById('f-subject').value.endsWith(' năm 2025')")
    page.click("#save-draft")
    saved(page, 2)
    page.click("#draft-link")
    page.wait_for_url(re.compile(rf"/drafts/{draft_id}$"))
    assert page.locator("#head-version").inner_text() == "2"
    page.wait_for_timeout(300)
    assert page.locator("#local-edits").is_hidden() and len(dialogs) == 2


def test_without_an_account_the_browser_keeps_the_typing_and_asks_nothing(page):
    """Nothing to save on a server: the autosave keeps it; leaving is free."""
    page.on("dialog", lambda dialog: pytest.fail(f"asked on leaving: {dialog.type}"))
    page.goto(page.base_url + "/plan/new")
    page.click("#f-subject")
    page.keyboard.type("Kế hoạch thử")
    page.wait_for_function("() => (localStorage.getItem('docgen.draft.v1') || '').includes('Kế hoạch thử')")
    page.click(".brand")
    page.wait_for_url(page.base_url + "/")
