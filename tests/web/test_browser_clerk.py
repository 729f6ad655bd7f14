"""A clerk in Chromium: start from sample 002, change the date, add an
assignment unit with two tasks and a recipient, paste a 3-row appendix
copied from Excel, watch the preview, download the .docx and find every
change in it."""

from __future__ import annotations

from pathlib import Path

from docgen.word import document_text, paragraphs

UNIT = "Trường Chính trị tỉnh"
TASKS = [
    "Lồng ghép nội dung tuyên truyền về tài khoản định danh điện tử vào các lớp bồi dưỡng cán bộ.",
    "Tổng hợp kết quả, báo cáo UBND tỉnh (qua Công an tỉnh) trước ngày 15/10/2023.",
]
RECIPIENT = ("Trường Đại học Nông Lâm", "để thực hiện")
EXCEL_BLOCK = (
    "Đơn vị\tChỉ tiêu kích hoạt\tĐã kích hoạt (mức 1 + mức 2)\r\n"
    "Xã Ia Kha\t1.200\t300\r\n"
    "Xã Ia Bă\t800\t600\r\n"
    "Thị trấn Ia Kha\t2000\t500\r\n"
)


def preview_text(page) -> str:
    return page.locator("#preview").inner_text()


def wait_for_preview(page, *texts: str) -> None:
    """Until the preview (rebuilt from /api/preview) shows every text."""
    page.wait_for_function(
        "(texts) => texts.every((t) => document.getElementById('preview').textContent.includes(t))",
        arg=list(texts))


def paste(page, selector: str, text: str) -> None:
    """Ctrl+V of a block the clerk copied in Excel (through the real clipboard)."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=page.base_url)
    page.evaluate("(text) => navigator.clipboard.writeText(text)", text)
    page.focus(selector)
    page.keyboard.press("Control+V")


def test_clerk_edits_sample_002_and_downloads_it(page, screens: Path):
    page.goto(page.base_url + "/")
    page.click('a[data-sample="002"]')
    page.wait_for_selector("#preview[data-version]", state="attached")
    assert "Gia Lai, ngày 29 tháng 8 năm 2023" in preview_text(page)

    # The date.
    page.fill("#f-header-date-day", "05")
    page.fill("#f-header-date-month", "9")
    wait_for_preview(page, "Gia Lai, ngày 05 tháng 9 năm 2023")

    # A unit with two tasks at the end of section IV (NHIỆM VỤ CỤ THỂ).
    section = page.locator('[data-path="sections.3"]')
    assert section.locator('input[data-path="sections.3.title"]').input_value() == "NHIỆM VỤ CỤ THỂ"
    section.locator("select.new-kind").select_option("unit")
    section.locator('button[data-action="add-block"]').click()
    unit = section.locator('[data-path="sections.3.blocks"] > .list-items > .list-item').last
    unit.locator('input[data-path$=".name"]').fill(UNIT)
    unit.locator('textarea[data-path$=".tasks.0"]').fill(TASKS[0])
    unit.locator('.tasks button[data-action="add"]').click()
    unit.locator('textarea[data-path$=".tasks.1"]').fill(TASKS[1])

    # A recipient.
    recipients = page.locator('fieldset[data-path="recipients"]')
    recipients.locator('button[data-action="add"]').click()
    recipient = recipients.locator(".list-item").last
    recipient.locator('input[data-path$=".name"]').fill(RECIPIENT[0])
    recipient.locator('input[data-path$=".purpose"]').fill(RECIPIENT[1])

    # The appendix, pasted from Excel with its header line.
    paste(page, "#paste-appendices-0", EXCEL_BLOCK)
    grid = page.locator('table.grid[data-path="appendices.0.rows"]')
    page.wait_for_function(
        "() => document.querySelector('table.grid tfoot')?.textContent.includes('35,00%')")
    assert grid.locator("tbody tr").count() == 3
    assert grid.locator('input[data-path="appendices.0.rows.1.unit"]').input_value() == "Xã Ia Bă"
    assert grid.locator("tbody tr").nth(0).locator('td[data-cell="rate"]').inner_text() == "25,00%"
    assert grid.locator('tfoot td[data-total="per_day"]').inner_text() == "52"  # 2.600 / 50 days

    # Typing a figure recomputes the row and the total.
    grid.locator('input[data-path="appendices.0.rows.2.done"]').fill("1000")
    page.wait_for_function(
        "() => document.querySelector('table.grid tfoot')?.textContent.includes('47,50%')")
    assert grid.locator("tbody tr").nth(2).locator('td[data-cell="rate"]').inner_text() == "50,00%"

    wait_for_preview(page, UNIT, TASKS[1], f"- {RECIPIENT[0]} ({RECIPIENT[1]});", "Xã Ia Bă", "47,50%")
    assert "Huyện Đak Pơ" not in preview_text(page)

    page.locator("#plan-form").screenshot(path=str(screens / "clerk-form-1366.png"))
    page.screenshot(path=str(screens / "clerk-1366x768.png"))
    page.locator('fieldset[data-path="appendices"]').scroll_into_view_if_needed()
    page.screenshot(path=str(screens / "clerk-appendix-1366x768.png"))
    page.locator(".preview-pane").evaluate("(pane) => pane.scrollTo(0, pane.scrollHeight)")
    page.screenshot(path=str(screens / "clerk-preview-end-1366x768.png"))

    with page.expect_download() as download_info:
        page.click("#download-docx")
    download = download_info.value
    assert download.suggested_filename == "KH-2314-UBND-Gia-Lai-2023-09-05.docx"
    docx = Path(download.path()).read_bytes()
    text = document_text(docx)
    assert "Gia Lai, ngày 05 tháng 9 năm 2023" in text
    assert "(Kèm theo Kế hoạch số 2314/KH-UBND ngày 05 tháng 9 năm 2023" in text
    lines = [p.text for p in paragraphs(docx)]
    unit_line = next(line for line in lines if line.endswith(UNIT))
    assert unit_line.split(". ")[0].isdigit()  # numbered like the other units
    assert lines[lines.index(unit_line) + 1:lines.index(unit_line) + 3] == [f"- {t}" for t in TASKS]
    assert f"- {RECIPIENT[0]} ({RECIPIENT[1]});" in lines
    for cells in (["Xã Ia Bă", "800", "600", "75,00%", "200", "4"],
                  ["Thị trấn Ia Kha", "2.000", "1.000", "50,00%", "1.000", "20"],
                  ["Xã Ia Kha", "1.200", "300", "25,00%", "900", "18"],
                  ["TỔNG", "4.000", "1.900", "47,50%", "2.100", "42"]):
        start = lines.index(cells[0])
        assert lines[start:start + len(cells)] == cells
    assert "Huyện Đak Pơ" not in text
    assert page.locator("#action-status").inner_text() == f"Đã tải về {download.suggested_filename}."

    # The same work on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(400)  # text areas refit to the new width (debounced)
    page.locator('fieldset[data-path="sections"]').scroll_into_view_if_needed()
    page.screenshot(path=str(screens / "clerk-form-390x844.png"))
    page.click('button[data-view="preview"]')
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(screens / "clerk-preview-390x844.png"))
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    page.screenshot(path=str(screens / "clerk-preview-end-390x844.png"))
