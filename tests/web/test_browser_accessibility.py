"""Accessibility in Chromium (issue 20, item 12; WCAG 2.0 is the national
recommendation): axe-core's WCAG 2 A/AA rules pass on every page state, as
an anonymous clerk and as each role; field errors are said once when they
appear; the focus ring is at least 3:1 against what it is drawn on, on the
"Mở tệp…" button too; the editor's view tabs work with the arrow keys;
a skip link leads to the form; buttons meant to be hidden stay hidden;
messages a page was loaded with are said."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docgen.storage import drafts as store
from docgen.storage import register
from docgen.storage.users import create_user

from ..batch.helpers import TEMPLATE_XA, UNITS_CSV
from .a11y import RECORD_ANNOUNCEMENTS, announcements, assert_axe_clean, focus_rings, weak_rings
from .test_browser_review import PASSWORD, log_in, open_page  # noqa: F401 (a fixture)

pytestmark = pytest.mark.slow

UNIT = "UBND phường Hội Phú"
DRAFTER, SIGNER, REGISTRAR, ADMIN = "a11y.an", "a11y.chau", "a11y.vy", "a11y.dung"


def editor_ready(page) -> None:
    page.wait_for_selector("#preview:not([data-state=loading])", state="attached")
    page.wait_for_selector("#check-panel:is([data-state=ready], [data-state=stale])", state="attached")


def test_every_page_state_of_a_clerk_without_an_account(page, screens: Path):
    seen: list[str] = []
    page.goto(page.base_url + "/")
    assert_axe_clean(page, "start", seen)
    page.click("#paste-panel > summary")
    page.fill("#paste-text", "Kính gửi các anh chị,\nchiều nay họp lúc 14 giờ.\n")
    page.click("#paste-submit")
    page.wait_for_selector("#paste-error:focus")
    assert_axe_clean(page, "start, pasted text refused", seen)

    page.goto(page.base_url + "/login")
    assert_axe_clean(page, "login", seen)
    page.fill("#username", "khong-co-ai")
    page.fill("#password", "sai-mat-khau-roi")
    page.click("#login-submit")
    page.wait_for_selector("#login-error")
    # The refusal the page was loaded with is said once the page has loaded.
    page.wait_for_function("() => document.getElementById('page-announcer').textContent.length > 0")
    assert page.inner_text("#page-announcer") == page.inner_text("#login-error")
    assert_axe_clean(page, "login refused", seen)

    # The blank plan: its three field errors on load.
    page.goto(page.base_url + "/plan/new")
    editor_ready(page)
    assert page.locator(".field-error").count() == 3
    assert_axe_clean(page, "editor, blank plan: field errors", seen)
    page.set_input_files("#import-file", files=[{"name": "hong.json", "mimeType": "application/json",
                                                 "buffer": b"{ not json"}])
    page.locator("#open-error").wait_for()
    assert_axe_clean(page, "editor, a file that did not open", seen)
    page.fill("#f-subject", "Thử")
    page.goto(page.base_url + "/plan/new")  # the restore offer
    page.locator("#restore-notice").wait_for()
    assert_axe_clean(page, "editor, restore offer", seen)

    # An imported text: the import panel and its warnings.
    page.goto(page.base_url + "/")
    page.click("#paste-panel > summary")
    page.fill("#paste-text", IMPORTED_TEXT)
    page.click("#paste-submit")
    page.wait_for_url("**/plan/import")
    page.locator("#import-panel").wait_for()
    editor_ready(page)
    assert page.locator("#check-panel li.finding").count() > 0
    assert page.locator("#plan-form .field-finding").count() > 0
    assert_axe_clean(page, "editor, after an import: warnings and check findings", seen)

    # A phone: the tabs, the folded top bar.
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    editor_ready(page)
    assert_axe_clean(page, "editor at 390 px, form tab", seen)
    preview_tab, form_tab = page.locator("#tab-preview"), page.locator("#tab-form")
    preview_tab.click()
    assert page.evaluate("() => document.body.getAttribute('aria-selected')") is None
    assert preview_tab.get_attribute("aria-selected") == "true" and page.locator("#form-pane").is_hidden()
    assert_axe_clean(page, "editor at 390 px, preview tab", seen)
    page.keyboard.press("ArrowLeft")
    assert form_tab.get_attribute("aria-selected") == "true" and page.locator("#preview-pane").is_hidden()
    assert page.evaluate("() => document.activeElement.id") == "tab-form"
    assert [form_tab.get_attribute("tabindex"), preview_tab.get_attribute("tabindex")] == ["0", "-1"]
    page.keyboard.press("End")
    assert page.evaluate("() => [document.activeElement.id, document.body.dataset.view]") == ["tab-preview",
                                                                                             "preview"]
    page.keyboard.press("ArrowRight")  # round to the first
    assert page.evaluate("() => [document.activeElement.id, document.body.dataset.view]") == ["tab-form", "form"]
    page.click(".menu-toggle")
    assert page.locator("#export-json").is_visible()
    assert_axe_clean(page, "editor at 390 px, menu open", seen)
    page.set_viewport_size({"width": 1366, "height": 768})

    page.goto(page.base_url + "/khong-co-trang-nay")
    assert_axe_clean(page, "error 404", seen)
    assert len(seen) == 12


IMPORTED_TEXT = """ỦY BAN NHÂN DÂN
XÃ IA KHA
Số: 12/KH-UBND
Ia Kha, ngày 05 tháng 3 năm 2025
KẾ HOẠCH
Tuyên truyền phòng, chống cháy rừng mùa khô năm 2025
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Nâng cao nhận thức của người dân.
II. TỔ CHỨC THỰC HIỆN
Giao Công an xã chủ trì.
Nơi nhận:
- UBND huyện;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn Bình
"""


@pytest.fixture(scope="module")
def office(live_server, sample_plans):
    """A unit with its four roles, a draft saved twice and submitted (its
    issuing body changed as a phrase: "HUYỆN HÒA THẠNH" to "TỈNH ĐỒNG THÁP"),
    and a plan approved and issued (the register has a row)."""
    first = json.loads(json.dumps(sample_plans["003"]))
    first["header"]["issuing_body"] = ["ỦY BAN NHÂN DÂN", "HUYỆN HÒA THẠNH"]
    second = json.loads(json.dumps(first))
    second["header"]["issuing_body"] = ["ỦY BAN NHÂN DÂN", "TỈNH ĐỒNG THÁP"]
    with live_server.session() as session:
        people = {login: create_user(session, login, name, role, UNIT, PASSWORD) for login, name, role in [
            (DRAFTER, "Nguyễn Thị Phương Thảo", "drafter"), (SIGNER, "Lê Minh Châu", "signer"),
            (REGISTRAR, "Trần Thị Vy", "registrar"), (ADMIN, "Phạm Dũng", "admin")]}
        reviewed = store.create_draft(session, people[DRAFTER], first)
        store.save_version(session, people[DRAFTER], reviewed.id, second, base_version=1)
        store.submit(session, people[DRAFTER], reviewed.id)
        issued = store.create_draft(session, people[DRAFTER], sample_plans["001"])
        store.submit(session, people[DRAFTER], issued.id)
        store.approve(session, people[SIGNER], issued.id, confirmed=True)
        register.issue(session, people[REGISTRAR], issued.id, confirmed=True)
        return {"reviewed": reviewed.id, "issued": issued.id}


def test_every_page_state_of_the_office(page, open_page, office, screens: Path):  # noqa: F811
    seen: list[str] = []
    log_in(page, DRAFTER)
    assert_axe_clean(page, "drafts list", seen)
    page.goto(f"{page.base_url}/drafts/{office['reviewed']}")
    assert_axe_clean(page, "draft page, submitted", seen)
    page.goto(f"{page.base_url}/drafts/{office['issued']}")
    assert_axe_clean(page, "draft page, issued", seen)
    page.goto(page.base_url + "/register")
    assert_axe_clean(page, "register", seen)
    page.goto(page.base_url + "/register?date_from=hom-qua")
    assert_axe_clean(page, "register, a search refused", seen)
    page.goto(page.base_url + "/account/password")
    assert_axe_clean(page, "password", seen)

    # A plan never saved: "Trình ký" and "Trang dự thảo" stay hidden until it is.
    page.goto(page.base_url + "/plan/new")
    editor_ready(page)
    assert page.locator("#submit-draft").is_hidden() and page.locator("#draft-link").is_hidden()
    assert_axe_clean(page, "editor with the drafter's tools", seen)
    page.fill("#f-subject", "Tuyên truyền phòng, chống cháy rừng")
    page.fill("#f-header-place", "Hội Phú")
    page.fill("#f-signer-name", "Nguyễn Văn Bình")
    page.click("#save-draft")
    page.wait_for_function("() => /Đã lưu phiên bản 1\\b/.test(document.getElementById('action-status').textContent)")
    assert page.locator("#submit-draft").is_visible() and page.locator("#draft-link").is_visible()

    page.goto(page.base_url + "/batch")
    assert_axe_clean(page, "batch", seen)
    page.click("#batch-start")  # no files chosen
    page.locator("#batch-errors").wait_for()
    assert_axe_clean(page, "batch, refused", seen)
    page.set_input_files("#batch-template", str(TEMPLATE_XA))
    page.set_input_files("#batch-units", str(UNITS_CSV))
    page.click("#batch-start")
    page.wait_for_selector("#batch-download", state="visible", timeout=60_000)
    assert_axe_clean(page, "batch job, done", seen)

    officer = open_page()
    log_in(officer, SIGNER)
    officer.goto(f"{officer.base_url}/drafts/{office['reviewed']}/review")
    assert_axe_clean(officer, "review, to decide", seen)
    # The replaced phrase reads as one deletion and one insertion.
    diff = officer.locator('#diff [data-part="header"] .diff-changed')
    assert diff.locator("del").all_inner_texts() == ["HUYỆN HÒA THẠNH"]
    assert diff.locator("ins").all_inner_texts() == ["TỈNH ĐỒNG THÁP"]
    officer.locator("#diff").screenshot(path=str(screens / "review-diff-phrase.png"))

    registrar = open_page()
    log_in(registrar, REGISTRAR)
    registrar.goto(f"{registrar.base_url}/drafts/{office['issued']}/review")
    assert_axe_clean(registrar, "review, issued", seen)

    admin = open_page()
    log_in(admin, ADMIN)
    admin.goto(admin.base_url + "/audit")
    assert_axe_clean(admin, "audit log", seen)
    assert len(seen) == 13


def test_field_errors_are_said_once_when_they_appear(page):
    """A blank plan has three field errors: they were three alerts, made
    again (and read again) on every validation pass."""
    page.add_init_script(RECORD_ANNOUNCEMENTS)
    page.goto(page.base_url + "/plan/new")
    editor_ready(page)
    page.wait_for_timeout(800)  # the notices' and checks' passes after load
    errors = [a for a in announcements(page) if "cần trích yếu" in a["text"]]
    assert len(errors) == 1, announcements(page)
    assert errors[0] == {"region": "#error-announcer", "text": (
        "Kế hoạch còn 3 lỗi: Địa danh: cần địa danh (vd. Gia Lai); Trích yếu: cần trích yếu (tên văn bản); "
        "Họ tên người ký: cần họ tên người ký.")}

    # Typing elsewhere runs the passes again: nothing new is said about errors.
    before = len(announcements(page))
    page.fill("#f-opening-0", "Căn cứ Luật Tổ chức chính quyền địa phương;")
    page.wait_for_function("() => document.getElementById('preview').dataset.state !== 'loading'")
    page.wait_for_timeout(1200)
    later = announcements(page)[before:]
    assert [a for a in later if a["region"] == "#error-announcer"] == [], later
    # Fixing one says how many remain.
    page.fill("#f-subject", "Tuyên truyền phòng, chống cháy rừng")
    page.wait_for_function("() => document.getElementById('error-announcer').textContent.includes('2 lỗi')")
    assert page.inner_text("#error-announcer") == "Kế hoạch còn 2 lỗi."
    heard = [a["text"] for a in announcements(page)]
    repeated = [text for previous, text in zip(heard, heard[1:]) if previous == text]
    assert repeated == [], heard


def test_the_focus_ring_shows_on_every_background(page, live_server, screens: Path):
    """The amber ring was 1.8:1 on white and vanished beside the amber
    buttons; "Mở tệp…" (a label for a hidden file input) showed none."""
    live_server.add_users(("a11y.ring", "Nguyễn Văn An", "drafter", "UBND xã Ia Kha"), password=PASSWORD)
    page.goto(page.base_url + "/")
    rings = focus_rings(page, 14)
    assert rings[0]["what"] == "Tới nội dung chính"  # the skip link comes first
    assert weak_rings(rings) == []
    log_in(page, "a11y.ring")
    page.goto(page.base_url + "/plan/sample/002")
    editor_ready(page)
    rings = focus_rings(page, 40)
    assert weak_rings(rings) == [], weak_rings(rings)
    stops = {ring["what"]: ring for ring in rings}
    # The amber "Tải về .docx" in the navy top bar, "Mở tệp…", a field on white.
    assert stops["download-docx"]["background"] == "rgb(20, 54, 93)" and stops["download-docx"]["contrast"] > 10
    assert stops["Mở tệp…"]["style"] == "solid" and stops["Mở tệp…"]["contrast"] > 10
    assert any(ring["what"].startswith("f-header") and ring["background"] == "rgb(255, 255, 255)" for ring in rings)
    page.locator("#f-header-place").focus()
    page.screenshot(path=str(screens / "focus-ring-field-1366.png"), clip={"x": 0, "y": 0, "width": 700, "height": 500})


def test_the_skip_link_leads_to_the_form(page):
    page.goto(page.base_url + "/plan/sample/002")
    editor_ready(page)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Tới biểu mẫu soạn thảo"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "plan-form"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "f-header-parent_body"


# --- a phone (issue 20, item 13) ----------------------------------------------------


def open_report_of_sample_002(page) -> None:
    """The report derived from sample 002, opened as a saved plan file: its
    appendix has a result column to fill, flagged row by row by the checks."""
    from docgen.plan.files import load_plan
    from docgen.reports.derive import report_from
    from docgen.web.plans import editable_data

    from .conftest import SAMPLE_FILES

    report = editable_data(report_from(load_plan(SAMPLE_FILES["002"])))
    page.goto(page.base_url + "/")
    page.set_input_files("#open-file", files=[{"name": "bao-cao.json", "mimeType": "application/json",
                                               "buffer": json.dumps(report).encode("utf-8")}])
    page.click(".open-form button[type=submit]")
    editor_ready(page)


@pytest.mark.parametrize("width,height", [(390, 844), (1366, 768)])
def test_a_check_warning_does_not_stretch_its_appendix_row(page, screens: Path, width, height):
    """Each warning was printed inside its 77 px cell: one row ~450 px tall
    at 390 px (~390 px on a desktop). Notes go under the grid, named by cell."""
    page.set_viewport_size({"width": width, "height": height})
    open_report_of_sample_002(page)
    cell = page.locator('input[data-path="appendices.0.rows.0.target_ket_qua"]')
    cell.fill("12476")  # under the target: a warning for this cell
    note = page.locator('.grid-notes .field-finding[data-for="appendices.0.rows.0.target_ket_qua"]',
                        has_text="chưa đạt chỉ tiêu")
    note.wait_for()
    assert note.text_content().startswith("Kết quả thực hiện, dòng 1: Cảnh báo kết quả 12.476 chưa đạt chỉ tiêu 16.283")
    rows = page.locator('table.grid tbody tr')
    heights = [rows.nth(i).bounding_box()["height"] for i in range(rows.count())]
    assert max(heights) < 60, heights
    assert page.locator("table.grid td .field-finding, table.grid td .field-error").count() == 0
    page.locator("table.grid").scroll_into_view_if_needed()
    page.screenshot(path=str(screens / f"appendix-grid-warning-{width}x{height}.png"))


@pytest.fixture(scope="module")
def long_named_drafter(live_server):
    live_server.add_users(("a11y.thao", "Nguyễn Thị Phương Thảo", "drafter", "UBND phường Hội Phú, tỉnh Gia Lai"),
                          password=PASSWORD)
    return "a11y.thao"


def test_the_top_bar_folds_on_a_phone(page, long_named_drafter, screens: Path):
    """The top bar took about 500 of 844 px: on a phone the tools and the
    account fold behind "Trình đơn"."""
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, long_named_drafter)
    heights = {}
    for path in ["/", "/drafts", "/register", "/batch", "/plan/sample/002"]:
        page.goto(page.base_url + path)
        heights[path] = page.locator("header.topbar").bounding_box()["height"]
    assert max(heights.values()) < 100, heights
    editor_ready(page)
    assert page.locator("#download-docx").is_visible()  # the main action stays at hand
    assert page.locator("#save-draft").is_hidden() and page.locator("#logout").is_hidden()
    page.screenshot(path=str(screens / "editor-topbar-390x844.png"))
    toggle = page.locator(".menu-toggle")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#save-draft").is_visible() and page.locator("#logout").is_visible()
    page.screenshot(path=str(screens / "editor-topbar-open-390x844.png"))
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and page.locator("#save-draft").is_hidden()
    assert page.evaluate("() => document.activeElement.classList.contains('menu-toggle')")
    # A desktop shows everything, no menu.
    page.set_viewport_size({"width": 1366, "height": 768})
    assert toggle.is_hidden() and page.locator("#save-draft").is_visible()
    page.screenshot(path=str(screens / "editor-topbar-1366x768.png"), clip={"x": 0, "y": 0, "width": 1366, "height": 160})
