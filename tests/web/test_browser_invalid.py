"""Invalid input in Chromium: the Vietnamese messages appear beside the
fields, every typed value stays, a reload keeps the autosaved work and a
blank plan offers it back."""

from __future__ import annotations

from pathlib import Path

MONTH = "#f-header-date-month"
SIGNER = "#f-signer-name"
CAMPAIGN_END = "#f-campaign-end"
SUBJECT = "#f-subject"
NEW_SUBJECT = "Kế hoạch thử: <b>không</b> phải thẻ HTML & “ngoặc kép”"

MESSAGES = {
    '[data-field="header.date.month"]': "phải nhỏ hơn hoặc bằng 12",
    '[data-field="signer.name"]': "cần họ tên người ký",
    "#group-campaign": "ngày kết thúc (01/8/2023) trước ngày bắt đầu (01/9/2023)",
}


def open_sample(page, number="002"):
    page.goto(f"{page.base_url}/plan/sample/{number}")
    page.wait_for_selector("#preview[data-version]", state="attached")


def type_invalid_values(page):
    page.fill(MONTH, "13")
    page.fill(SIGNER, "")
    page.fill(CAMPAIGN_END, "01/8/2023")
    page.fill(SUBJECT, NEW_SUBJECT)


def assert_values_kept(page):
    assert page.input_value(MONTH) == "13"
    assert page.input_value(SIGNER) == ""
    assert page.input_value(CAMPAIGN_END) == "01/8/2023"
    assert page.input_value(SUBJECT) == NEW_SUBJECT
    assert page.input_value("#f-header-date-day") == "29"


def assert_messages_beside_fields(page):
    for where, message in MESSAGES.items():
        note = page.locator(f"{where} > .field-error").first
        note.wait_for()
        assert note.inner_text() == message
    month = page.locator(MONTH)
    assert month.get_attribute("aria-invalid") == "true"
    described = month.get_attribute("aria-describedby")
    assert page.locator(f"#{described}").inner_text() == MESSAGES['[data-field="header.date.month"]']
    # Beside means beside: the month's message sits right under the month field.
    field_box = month.bounding_box()
    note_box = page.locator('[data-field="header.date.month"] > .field-error').bounding_box()
    assert 0 <= note_box["y"] - (field_box["y"] + field_box["height"]) < 40
    assert abs(note_box["x"] - field_box["x"]) < 20


def test_invalid_input_keeps_every_value_and_explains_in_vietnamese(page, screens: Path):
    open_sample(page)
    type_invalid_values(page)
    assert_messages_beside_fields(page)
    assert_values_kept(page)
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert summary.locator(".count").inner_text() == "3"
    assert "Bản xem trước chưa cập nhật: kế hoạch còn 3 lỗi" in page.inner_text("#preview-status")
    assert page.get_attribute("#preview", "data-state") == "stale"

    # Downloading refuses with the same messages and loses nothing.
    page.click("#download-docx")
    page.wait_for_function(
        "() => document.getElementById('action-status').textContent.startsWith('Chưa tải về được')")
    assert "còn 3 lỗi" in page.inner_text("#action-status")
    assert_values_kept(page)

    # A summary entry takes the clerk to the field.
    summary.locator("button", has_text="Họ tên người ký").click()
    assert page.evaluate("() => document.activeElement.id") == "f-signer-name"

    page.locator(MONTH).scroll_into_view_if_needed()
    page.screenshot(path=str(screens / "invalid-header-1366x768.png"))
    page.locator("#group-campaign").scroll_into_view_if_needed()
    page.screenshot(path=str(screens / "invalid-signer-campaign-1366x768.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator(MONTH).scroll_into_view_if_needed()
    page.screenshot(path=str(screens / "invalid-header-390x844.png"))
    page.set_viewport_size({"width": 1366, "height": 768})

    # Correcting the values clears the messages and the preview follows.
    page.fill(MONTH, "9")
    page.fill(SIGNER, "Trương Hải Long")
    page.fill(CAMPAIGN_END, "20/10/2023")
    page.wait_for_function("() => document.getElementById('preview').dataset.state === 'ready'")
    assert page.locator(".field-error").count() == 0
    assert not summary.is_visible()
    assert "Gia Lai, ngày 29 tháng 9 năm 2023" in page.inner_text("#preview")
    assert "Kế hoạch thử: <b>không</b> phải thẻ HTML & “ngoặc kép”" in page.inner_text("#preview")


def test_reload_keeps_the_autosaved_work(page, screens: Path):
    open_sample(page)
    type_invalid_values(page)
    page.wait_for_function(
        "() => (localStorage.getItem('docgen.draft.v1') || '').includes('01/8/2023')")
    # A reload of the tab brings its own work back, errors and all.
    page.reload()
    assert_values_kept(page)
    assert_messages_beside_fields(page)
    assert "Đã khôi phục nội dung đang soạn" in page.inner_text("#action-status")
    assert page.locator("#restore-notice").is_hidden()

    # Closing the tab and opening a blank plan offers it back.
    page.goto(page.base_url + "/plan/new")
    notice = page.locator("#restore-notice")
    notice.wait_for()
    assert "Có bản nháp chưa xong" in notice.inner_text()
    assert "Mẫu 002" in notice.inner_text()
    assert page.input_value(MONTH) != "13"  # the blank plan, until the clerk chooses
    page.screenshot(path=str(screens / "restore-notice-1366x768.png"))
    page.click("#restore-yes")
    assert notice.is_hidden()
    assert_values_kept(page)

    # Discarding drops the draft for good; the plan on screen stays.
    page.goto(page.base_url + "/plan/new")
    page.click("#restore-no")
    assert page.input_value(SUBJECT) == ""
    assert notice.is_hidden()
    assert page.evaluate("() => localStorage.getItem('docgen.draft.v1')") is None
    page.reload()
    page.wait_for_selector("#preview:not([data-state=loading])", state="attached")
    assert page.locator("#restore-notice").is_hidden()
