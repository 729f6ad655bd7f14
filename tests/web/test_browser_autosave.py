"""Nothing typed is lost (issue 15, item 3), in Chromium: typing while an
older draft is offered is saved beside it, and a reload brings it back;
opening a file or a sample never offers an older draft over it; an
untouched blank plan is never saved; a drafter editing a stored draft
keeps what was typed across a reload."""

from __future__ import annotations

import re
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parents[2]
SUBJECT = "#f-subject"
OLD_WORK = "Kế hoạch cũ đang soạn dở: kích hoạt định danh điện tử"
NEW_WORK = "Việc gõ dưới thông báo bản nháp: tuyên truyền Đề án 06"
DRAFTER = "tester.binh"
PASSWORD = "mat-khau-du-dai"

ALL_DRAFTS = """() => {
  const parse = (key) => JSON.parse(localStorage.getItem(key) || 'null');
  return [parse('docgen.draft.v1'), ...(parse('docgen.draft.v1.aside') || [])].filter(Boolean);
}"""


def open_editor(page, path):
    page.goto(page.base_url + path)
    page.wait_for_selector("#preview:not([data-state=loading])", state="attached")


def saved_subjects(page) -> list[str]:
    return [draft["plan"].get("subject") for draft in page.evaluate(ALL_DRAFTS)]


def wait_saved(page, text):
    page.wait_for_function(
        "(t) => (localStorage.getItem('docgen.draft.v1') || '').includes(t)", arg=text)


def leave_old_draft(page):
    """A clerk typed into sample 002 and went away without exporting."""
    open_editor(page, "/plan/sample/002")
    page.fill(SUBJECT, OLD_WORK)
    wait_saved(page, OLD_WORK)


def test_typing_under_the_offer_is_kept_and_a_reload_brings_it_back(page, screens: Path):
    leave_old_draft(page)
    open_editor(page, "/plan/new")
    notice = page.locator("#restore-notice")
    assert notice.is_visible()
    assert "Có bản nháp chưa xong" in notice.inner_text()
    assert "Mẫu 002" in notice.inner_text()
    page.screenshot(path=str(screens / "restore-offer-1366x768.png"))

    # The clerk ignores the offer and types: it is saved, the old draft too.
    page.fill(SUBJECT, NEW_WORK)
    wait_saved(page, NEW_WORK)
    assert sorted(saved_subjects(page)) == sorted([NEW_WORK, OLD_WORK])
    assert "Đã lưu tạm" in page.inner_text("#save-status")

    page.reload()
    page.wait_for_selector("#preview:not([data-state=loading])", state="attached")
    assert page.input_value(SUBJECT) == NEW_WORK
    assert "Đã khôi phục nội dung đang soạn" in page.inner_text("#action-status")
    # The older draft is still offered, and restoring it keeps the new work.
    assert notice.is_visible()
    assert notice.locator(".restore-item").count() == 1
    assert "Mẫu 002" in notice.inner_text()
    page.click("#restore-yes")
    assert notice.is_hidden()
    assert page.input_value(SUBJECT) == OLD_WORK
    assert "vẫn được giữ" in page.inner_text("#action-status")
    assert sorted(saved_subjects(page)) == sorted([NEW_WORK, OLD_WORK])

    # Both are on the start page; "Soạn tiếp" opens exactly that one.
    page.goto(page.base_url + "/")
    card = page.locator("#unfinished-drafts")
    assert card.is_visible()
    assert card.locator(".restore-item").count() == 2
    page.screenshot(path=str(screens / "start-unfinished-1366x768.png"))
    card.locator(".restore-item", has_text="Kế hoạch mới").locator("a", has_text="Soạn tiếp").click()
    page.wait_for_selector("#preview:not([data-state=loading])", state="attached")
    assert page.input_value(SUBJECT) == NEW_WORK
    assert "#" not in page.url

    # Dropping one from the start page drops only that one.
    page.goto(page.base_url + "/")
    card.locator(".restore-item", has_text="Mẫu 002").locator("button", has_text="Bỏ bản nháp").click()
    assert card.locator(".restore-item").count() == 1
    assert saved_subjects(page) == [NEW_WORK]


def test_opening_a_file_or_a_sample_never_offers_an_older_draft(page, tmp_path: Path):
    leave_old_draft(page)
    notice = page.locator("#restore-notice")

    # A sample opened from the start page: no offer over it.
    open_editor(page, "/plan/sample/004")
    assert notice.is_hidden()

    # The editor's own "Mở tệp…" on a blank plan withdraws the offer.
    open_editor(page, "/plan/new")
    assert notice.is_visible()
    page.set_input_files("#import-file", str(ROOT / "samples" / "004_loc_hoa_90_ngay_dem.yaml"))
    page.wait_for_function("() => document.getElementById('action-status').textContent.startsWith('Đã mở')")
    assert notice.is_hidden()
    assert "Tệp 004_loc_hoa_90_ngay_dem.yaml" in page.inner_text(".topbar .source")
    opened = page.input_value(SUBJECT)
    assert opened and opened != OLD_WORK
    # Opening is not typing: nothing new saved; the old draft is untouched.
    page.wait_for_timeout(600)
    assert saved_subjects(page) == [OLD_WORK]
    page.fill(SUBJECT, opened + " (sửa)")
    wait_saved(page, opened + " (sửa)")
    assert sorted(saved_subjects(page)) == sorted([opened + " (sửa)", OLD_WORK])

    # The start page's "open a plan file" form: no offer over it either.
    page.goto(page.base_url + "/")
    page.set_input_files("#open-file", str(ROOT / "samples" / "002_gia_lai_50_ngay_dem.yaml"))
    page.click(".open-form button[type=submit]")
    page.wait_for_selector("#preview:not([data-state=loading])", state="attached")
    assert "Tệp 002_gia_lai_50_ngay_dem.yaml" in page.inner_text(".topbar .source")
    assert notice.is_hidden()
    assert page.input_value(SUBJECT) != OLD_WORK


def test_a_draft_restored_in_a_second_tab_is_not_written_over(page):
    leave_old_draft(page)  # the first tab stays open on it
    second = page.context.new_page()
    second.on("pageerror", lambda error: page.script_errors.append(str(error)))
    second.base_url = page.base_url
    open_editor(second, "/plan/new")
    second.click("#restore-yes")
    assert second.input_value(SUBJECT) == OLD_WORK
    # Each tab goes on in a draft of its own.
    page.fill(SUBJECT, "Tab thứ nhất gõ tiếp")
    wait_saved(page, "Tab thứ nhất gõ tiếp")
    second.fill(SUBJECT, "Tab thứ hai gõ tiếp")
    wait_saved(second, "Tab thứ hai gõ tiếp")
    page.fill(SUBJECT, "Tab thứ nhất gõ lần nữa")
    wait_saved(page, "Tab thứ nhất gõ lần nữa")
    assert sorted(saved_subjects(page)) == ["Tab thứ hai gõ tiếp", "Tab thứ nhất gõ lần nữa"]


def test_a_draft_saved_by_the_previous_version_is_offered(page):
    """Browsers hold drafts of the one-draft autosave: {plan, source, savedAt}."""
    open_editor(page, "/plan/sample/001")
    plan = page.evaluate("() => JSON.parse(document.getElementById('plan-data').textContent)")
    plan["subject"] = OLD_WORK
    page.evaluate("""(plan) => localStorage.setItem('docgen.draft.v1', JSON.stringify(
        {plan, source: 'Mẫu 001: cũ', savedAt: '2026-11-30T08:15:00Z'}))""", plan)
    open_editor(page, "/plan/new")
    assert "Mẫu 001: cũ" in page.inner_text("#restore-notice")
    page.click("#restore-yes")
    assert page.input_value(SUBJECT) == OLD_WORK
    assert saved_subjects(page) == [OLD_WORK]


def test_the_last_keystrokes_survive_an_immediate_reload(page):
    open_editor(page, "/plan/sample/003")
    page.fill(SUBJECT, NEW_WORK)  # no pause: the debounced save has not run yet
    page.reload()
    page.wait_for_selector("#preview:not([data-state=loading])", state="attached")
    assert page.input_value(SUBJECT) == NEW_WORK


def test_an_untouched_blank_plan_is_not_saved(page):
    open_editor(page, "/plan/new")
    # Typed and erased again, an empty line added: still nothing written.
    page.fill(SUBJECT, "x")
    page.fill(SUBJECT, "")
    page.locator('[data-path="opening"] > button[data-action="add"]').click()
    page.wait_for_timeout(700)
    assert page.evaluate(ALL_DRAFTS) == []
    page.reload()
    page.wait_for_selector("#preview:not([data-state=loading])", state="attached")
    assert page.locator("#restore-notice").is_hidden()
    open_editor(page, "/plan/new")
    assert page.locator("#restore-notice").is_hidden()
    page.goto(page.base_url + "/")
    assert page.locator("#unfinished-drafts").is_hidden()

    # What was typed and then put back as it was is dropped too.
    page.goto(page.base_url + "/plan/new")
    page.fill(SUBJECT, NEW_WORK)
    wait_saved(page, NEW_WORK)
    page.fill(SUBJECT, "")
    page.wait_for_function("() => localStorage.getItem('docgen.draft.v1') === null")


@pytest.fixture(scope="module")
def drafter(live_server):
    live_server.add_users((DRAFTER, "Trần Thị Bình", "drafter", "UBND xã Lộc Hưng"), password=PASSWORD)
    return DRAFTER


def test_a_drafter_keeps_typing_in_a_stored_draft(page, drafter, screens: Path):
    page.goto(page.base_url + "/login")
    page.fill("#username", drafter)
    page.fill("#password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(re.compile(r"/drafts$"))
    open_editor(page, "/plan/sample/004")
    page.click("#save-draft")
    page.wait_for_url(re.compile(r"/drafts/\d+/edit$"))
    edit_url = page.url
    # Saved on the server: nothing left to keep in the browser.
    page.wait_for_function("() => localStorage.getItem('docgen.draft.v1') === null")

    # Typing, then the tab reloads before "Lưu bản nháp": the typing is there.
    page.fill(SUBJECT, OLD_WORK)
    wait_saved(page, OLD_WORK)
    page.reload()
    page.wait_for_selector("#preview:not([data-state=loading])", state="attached")
    assert page.input_value(SUBJECT) == OLD_WORK
    assert page.locator("#restore-notice").is_hidden()

    # Another tab opens the same stored draft: its unsaved edits are offered,
    # and what this tab types under the offer is kept beside them.
    other = page.context.new_page()
    other.on("pageerror", lambda error: page.script_errors.append(str(error)))
    other.base_url = page.base_url
    other.goto(edit_url)
    other.wait_for_selector("#preview:not([data-state=loading])", state="attached")
    notice = other.locator("#restore-notice")
    assert notice.is_visible()
    assert OLD_WORK not in other.input_value(SUBJECT)
    other.screenshot(path=str(screens / "restore-offer-draft-1366x768.png"))
    other.fill(SUBJECT, NEW_WORK)
    wait_saved(other, NEW_WORK)
    other.reload()
    other.wait_for_selector("#preview:not([data-state=loading])", state="attached")
    assert other.input_value(SUBJECT) == NEW_WORK
    assert notice.is_visible()
    assert sorted(saved_subjects(other)) == sorted([NEW_WORK, OLD_WORK])

    # Saving on the server keeps it there; the other tab's edits stay offered.
    other.click("#save-draft")
    other.wait_for_function(
        "() => document.getElementById('action-status').textContent.startsWith('Đã lưu phiên bản 2')")
    other.wait_for_function("(t) => !(localStorage.getItem('docgen.draft.v1') || '').includes(t)", arg=NEW_WORK)
    assert saved_subjects(other) == [OLD_WORK]
    assert notice.is_visible()

    # Offered on a blank plan, the first tab's edits go back to their own
    # stored draft, where "Lưu bản nháp" makes a version of it.
    open_editor(other, "/plan/new")
    notice.locator(".restore-item", has_text=OLD_WORK).locator("button", has_text="Khôi phục").click()
    other.wait_for_url(edit_url)
    other.wait_for_selector("#preview:not([data-state=loading])", state="attached")
    assert other.input_value(SUBJECT) == OLD_WORK
    assert notice.is_hidden()
    # Those edits were made over version 1, and version 2 is newer: saving
    # them is a conflict (both kept on the server), never a silent overwrite.
    other.click("#save-draft")
    other.wait_for_function(
        "() => document.getElementById('action-status').textContent.includes('xung đột với phiên bản 2')")
    assert other.input_value(SUBJECT) == OLD_WORK
    other.click("#save-draft")
    other.wait_for_function(
        "() => document.getElementById('action-status').textContent.startsWith('Đã lưu phiên bản 4')")
