"""Checks while typing, in Chromium: the findings of ``docgen check`` appear
beside the field they concern without saving or clicking, the panel lists
the same findings as the CLI, an older answer never replaces a newer one, and
a file that cannot be opened is explained where the clerk is looking."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from click.testing import CliRunner

from docgen.cli import main
from docgen.plan.labels import looks_like_path

PLACE = "#f-header-place"
TYPED_PLACE = "Gia Lai ngày 29 tháng 8 năm 2023"  # the date typed into the place: breaks ô 4's layout


def open_sample(page, number="002"):
    page.goto(f"{page.base_url}/plan/sample/{number}")
    page.wait_for_selector("#check-panel[data-state=ready]", state="attached")


def panel_findings(page) -> list[tuple]:
    return page.eval_on_selector_all("#check-panel li.finding", """items => items.map(li => [
        li.dataset.code, li.className.replace('finding finding-', ''), li.dataset.fieldPath,
        li.querySelector('.finding-message').textContent, li.querySelector('.finding-advice').textContent])""")


def cli_findings(tmp_path, plan) -> list[tuple]:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--json"])
    return [[f["code"], f["severity"], f["path"], f["message"], f["advice"]]
            for f in json.loads(result.output)["findings"]]


def test_a_finding_appears_beside_the_field_while_typing(page, sample_plans, tmp_path, screens: Path):
    open_sample(page)
    before = page.get_attribute("#check-panel", "data-version")
    assert not page.locator('[data-field="header.place"] > .field-finding').count()
    page.click(PLACE)
    page.keyboard.press("End")
    page.keyboard.type(" ngày 29 tháng 8 năm 2023", delay=20)  # no save, no click afterwards
    note = page.locator('[data-field="header.place"] > .field-finding[data-code="layout.date_line"]')
    note.wait_for()
    assert "finding-error" in note.get_attribute("class")
    assert note.locator(".severity").inner_text().lower() == "lỗi"
    assert f"“{TYPED_PLACE}, ngày 29 tháng 8 năm 2023” không đúng dạng" in note.inner_text()
    # Beside means beside: right under the place field.
    field_box = page.locator(PLACE).bounding_box()
    note_box = note.bounding_box()
    assert 0 <= note_box["y"] - (field_box["y"] + field_box["height"]) < 40
    # Typing was debounced: one answer for the whole word, not one per key.
    assert int(page.get_attribute("#check-panel", "data-version")) - int(before or 0) <= 3
    page.screenshot(path=str(screens / "live-check.png"))

    # The panel lists the same findings as `docgen check` on the same plan.
    plan = copy.deepcopy(sample_plans["002"])
    plan["header"]["place"] = TYPED_PLACE
    expected = cli_findings(tmp_path, plan)
    assert panel_findings(page) == expected
    errors = sum(f[1] == "error" for f in expected)
    assert page.inner_text("#check-panel .check-status") == (
        f"{len(expected)} vấn đề: {errors} lỗi, {len(expected) - errors} cảnh báo.")
    # Warnings look different from errors and say so in Vietnamese.
    warning = page.locator("#check-panel li.finding-warning").first
    assert warning.locator(".severity").inner_text().lower() == "cảnh báo"
    assert warning.evaluate("n => getComputedStyle(n).borderLeftColor") != page.locator(
        "#check-panel li.finding-error").first.evaluate("n => getComputedStyle(n).borderLeftColor")
    # Names of fields, never paths.
    panel_text = page.inner_text("#check-panel")
    assert "Địa danh" in panel_text and not looks_like_path(panel_text)

    # Correcting the place removes the finding, again without any click.
    page.fill(PLACE, "Gia Lai")
    note.wait_for(state="detached")
    assert "layout.date_line" not in [f[0] for f in panel_findings(page)]


def test_the_panel_leads_to_the_field(page):
    open_sample(page, "004")
    item = page.locator('#check-panel li.finding[data-code="sensitive.password"]')
    assert item.locator("button.link").inner_text() == "Mục V, khối 5 – Nội dung"
    item.locator("button.link").click()
    focused = page.evaluate("document.activeElement.dataset.path")
    assert focused == item.get_attribute("data-field-path") == "sections.4.blocks.4.text"
    assert page.locator(f'#plan-form [data-path="{focused}"]').evaluate(
        "n => n.closest('.field').querySelector('.field-finding') !== null")


def test_an_older_answer_never_replaces_a_newer_one(page):
    held = []

    def hold_first(route):
        if not held:
            held.append(route)  # answered only after the newer request
        else:
            route.continue_()

    open_sample(page)
    page.route("**/api/check", hold_first)
    page.fill(PLACE, TYPED_PLACE)  # request 1, held
    for _ in range(300):  # until the debounced request reaches the route (Playwright dispatches while waiting)
        if held:
            break
        page.wait_for_timeout(50)
    assert held
    page.fill(PLACE, "Gia Lai")  # request 2, answered
    page.wait_for_selector("#check-panel[data-state=ready]", state="attached")
    version = page.get_attribute("#check-panel", "data-version")
    try:
        held[0].continue_()  # the old answer arrives last
    except Exception:
        pass  # the browser had already given up that request
    page.wait_for_timeout(800)
    assert page.get_attribute("#check-panel", "data-version") == version
    assert "layout.date_line" not in [f[0] for f in panel_findings(page)]
    assert not page.locator(".field-finding[data-code='layout.date_line']").count()


def test_field_errors_are_named_by_their_labels(page):
    open_sample(page)
    page.fill("#f-header-date-month", "13")
    entry = page.locator("#error-summary li").first
    entry.wait_for()
    assert entry.inner_text() == "Ngày ban hành – Tháng: phải nhỏ hơn hoặc bằng 12"
    assert not looks_like_path(page.inner_text("#error-summary"))
    # A plan that does not validate has no findings to trust; the panel says why.
    page.wait_for_selector("#check-panel[data-state=stale]")
    assert "lỗi nhập liệu" in page.inner_text("#check-panel .check-status")


BAD_FILES = [
    ("hong.yaml", "application/yaml", "header: [chưa đóng\n  - x: :".encode(), "dòng 2, cột 6: không đọc được YAML/JSON"),
    ("hong.json", "application/json", b'{"header": {', "dòng 1, cột 13: không đọc được JSON: sai cú pháp"),
    ("ke-hoach.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     b"PK\x03\x04 not really", "tệp Word bị hỏng, không giải nén được"),
]


def test_a_file_that_cannot_be_opened_is_explained_in_view(page, screens: Path):
    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        open_sample(page)
        subject = page.input_value("#f-subject")
        for name, mime, content, message in BAD_FILES:
            # The clerk is far down the form when choosing the file.
            page.evaluate("""() => { document.querySelector('.form-pane').scrollTop = 1e6;
                                     window.scrollTo(0, document.body.scrollHeight); }""")
            page.set_input_files("#import-file", files=[{"name": name, "mimeType": mime, "buffer": content}])
            alert = page.locator("#open-error")
            alert.wait_for(state="visible")
            page.wait_for_selector("#open-error:focus")
            text = alert.inner_text()
            assert f"Không mở được tệp “{name}”" in text and message in text, text
            assert "Kế hoạch đang soạn vẫn giữ nguyên." in text
            assert "expected" not in text.lower() and "expecting" not in text.lower()  # no parser English
            box = alert.bounding_box()
            viewport = page.viewport_size
            assert 0 <= box["y"] and box["y"] + box["height"] <= viewport["height"], (width, box)
            # Nothing on screen changed.
            assert page.input_value("#f-subject") == subject
            assert page.locator("#error-summary").is_hidden()
        if width == 390:
            page.screenshot(path=str(screens / "open-error-narrow.png"))
            # The panel is behind the "Xem trước" tab here: the tab says how many findings wait.
            count = int(page.get_attribute("#check-panel", "data-count"))
            assert count and page.inner_text('button[data-view="preview"]') == f"Xem trước · {count}"
        page.click("#open-error-close")
        assert page.locator("#open-error").is_hidden()


def test_the_form_labels_its_fields_with_the_servers_labels(page):
    """One mapping from path to label: what the form shows beside a field is
    what messages call it (docgen/plan/labels.py, sent in the page)."""
    from docgen.plan.labels import field_label

    open_sample(page)
    for path in ("header.place", "header.symbol", "header.date.month", "header.issuer_name",
                 "signer.name", "recipients.0.name", "archive", "campaign.end", "opening.0",
                 "header.issuing_body.1", "signer.authority.0"):
        element_id = "f-" + path.replace(".", "-")
        shown = page.inner_text(f'label[for="{element_id}"]')
        expected = field_label(path, {})
        assert shown == expected or shown.endswith(expected.rsplit(" – ", 1)[-1]), (path, shown, expected)


def test_the_start_pages_open_error_is_in_view_and_focused(page):
    page.set_viewport_size({"width": 1366, "height": 600})
    page.goto(f"{page.base_url}/")
    page.set_input_files("#open-file", files=[{"name": "hong.json", "mimeType": "application/json",
                                                "buffer": b'{"header": '}])
    page.click(".open-form button[type=submit]")
    error = page.locator("#open-error")
    error.wait_for()
    assert "hong.json: dòng 1, cột 12: không đọc được JSON" in error.inner_text()
    page.wait_for_selector("#open-file:focus")
    box = error.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 600, box


def test_a_short_fields_finding_takes_the_rows_width(page):
    open_sample(page)
    page.fill("#f-header-symbol", "CV-UBND")  # the symbol of a plan starts with KH-
    note = page.locator('.field-finding[data-for="header.symbol"][data-code="layout.number_line"]')
    note.wait_for()
    assert note.locator(".severity").inner_text().lower() == "cảnh báo"
    assert "finding-warning" in note.get_attribute("class")
    row = page.locator('[data-field="header.symbol"]').locator("xpath=..")
    row_box, note_box = row.bounding_box(), note.bounding_box()
    assert note_box["width"] >= 0.9 * row_box["width"]
    assert 0 <= note_box["y"] - (row_box["y"] + row_box["height"]) < 20


def test_what_an_appendix_needs_is_said_at_that_field(page):
    open_sample(page)  # seed 002 has an appendix
    page.fill("#f-header-issuer_name", "")
    note = page.locator('[data-field="header.issuer_name"] > .field-error')
    note.wait_for()
    assert note.inner_text().startswith("có phụ lục nên cần tên này")
    assert page.locator("#error-summary li").first.inner_text().startswith("Tên cơ quan ban hành viết thường: ")


def test_a_busy_server_keeps_the_findings_and_checks_again(page, live_server):
    """503 (every parsing worker busy): the findings shown stay, the panel
    says the server is busy, and the check runs again after Retry-After."""
    from docgen.web.budget import Busy

    open_sample(page)
    shown = panel_findings(page)
    workers = live_server.app.extensions["docgen.parse_workers"]
    real, refused = workers.run, []

    def busy_once(*args):
        if not refused:
            refused.append(True)
            raise Busy()
        return real(*args)

    workers.run = busy_once
    try:
        page.click(PLACE)
        page.keyboard.type(" ", delay=20)
        page.wait_for_selector("#check-panel[data-state=stale]", state="attached")
        assert "Máy chủ đang bận; sẽ kiểm tra lại sau ít giây." in page.inner_text("#check-panel")
        assert panel_findings(page) == shown
        page.wait_for_selector("#check-panel[data-state=ready]", state="attached", timeout=20_000)
    finally:
        workers.run = real
    assert refused == [True]
