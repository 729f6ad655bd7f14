"""The user guide's screenshots (docgen/web/static/guide/), taken in Chromium
in the states the guide (/huong-dan) shows, so that its pictures are the app
as it is. A server of their own (an empty database: draft 1, register number
01) and one unit, UBND tỉnh Gia Lai, whose staff work on sample 002: the
clerk's pages (start, editor, a pasted text imported, an appendix pasted from
Excel, the checks, the batch page), then the way of a document (saved and
submitted, reviewed and approved, a report derived, issued, signed by the
officer and the organisation, the register, the signed PDF's pages, the
audit log).

Each test fails unless it wrote every picture it is responsible for during
this run; tests/web/test_guide.py checks that the guide shows exactly these
pictures. After a change to a page, run this module, look at the pictures
and commit them (docs/developer.md, "The web app")."""

from __future__ import annotations

import io
import logging
import re
import subprocess
import threading
import time
from pathlib import Path

import pytest

from docgen import pdf
from docgen.web import create_app

from ..importing import foreign
from .a11y import assert_axe_clean
from .conftest import LiveServer
from .test_browser_clerk import paste

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docgen" / "web" / "static" / "guide"
# What each test writes; the guide shows these pictures and no others.
CLERK_SHOTS = ("start.png", "editor.png", "import.png", "appendix.png", "checks.png", "batch.png")
WORKFLOW_SHOTS = ("draft.png", "review.png", "issue.png", "signing.png", "register.png", "issued-document.png",
                  "report.png", "audit.png")
WIDTH, HEIGHT = 1280, 800
PASSWORD = "mat-khau-du-dai"
UNIT = "UBND tỉnh Gia Lai"
# The test CA has certificates for the login "long" (Trương Hải Long, sample 002's signer) and this unit.
STAFF = (("an", "Nguyễn Văn An", "drafter"), ("long", "Trương Hải Long", "signer"),
         ("vy", "Trần Thị Vy", "registrar"), ("dung", "Phạm Dũng", "admin"))

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not pdf.available(), reason="LibreOffice (soffice) is not installed")]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app under waitress with an empty database and the unit's staff."""
    from waitress import create_server

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    folder = tmp_path_factory.mktemp("guide")
    app = create_app({"JOBS_DIR": folder / "jobs", "DATABASE_URL": f"sqlite:///{folder / 'docgen.sqlite3'}",
                      "PDF_PAGES_DIR": folder / "pdf-pages"})
    served = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=served.run, daemon=True)
    thread.start()
    url = LiveServer(f"http://127.0.0.1:{served.effective_port}")
    url.app = app
    url.add_users(*((login, name, role, UNIT) for login, name, role in STAFF), password=PASSWORD)
    yield url
    served.close()
    thread.join(timeout=5)


@pytest.fixture
def person(browser, server):
    """``person(login)``: a browser of its own, logged in as ``login`` (or
    anonymous with None). Script errors fail the test."""
    contexts = []

    def open_(login: str | None):
        context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, accept_downloads=True,
                                      locale="vi-VN")
        context.set_default_timeout(20_000)
        contexts.append(context)
        page = context.new_page()
        page.script_errors = []
        page.on("pageerror", lambda error: page.script_errors.append(str(error)))
        page.base_url = server
        if login:
            page.goto(server + "/login")
            page.fill("#username", login)
            page.fill("#password", PASSWORD)
            page.click("#login-submit")
            page.wait_for_url(re.compile(r"/drafts$"))
        return page

    yield open_
    for context in contexts:
        for page in context.pages:
            assert page.script_errors == []
        context.close()


@pytest.fixture
def certificates(test_ca, monkeypatch):
    monkeypatch.setenv("DOCGEN_SIGNING_SECRETS", str(test_ca))
    return test_ca


class Camera:
    """Writes the guide's pictures and remembers which it wrote."""

    def __init__(self, names: tuple[str, ...]):
        self.names, self.written, self.started = set(names), set(), time.time()

    def take(self, name: str, target, **options) -> None:
        assert name in self.names, f"{name} is not one of this test's pictures"
        self.write(name, target.screenshot(animations="disabled", **options))

    def write(self, name: str, data: bytes) -> None:
        """Written whole or not at all: tests/web/test_guide.py may read the
        picture meanwhile, in another worker."""
        assert name in self.names, f"{name} is not one of this test's pictures"
        partial = SHOTS / f".{name}.part"
        partial.write_bytes(data)
        partial.replace(SHOTS / name)
        self.written.add(name)

    def check(self) -> None:
        assert self.written == self.names, f"not taken: {sorted(self.names - self.written)}"
        for name in self.names:
            assert (SHOTS / name).stat().st_mtime >= self.started - 1, f"{name} was not written by this run"


def editor_ready(page) -> None:
    page.wait_for_selector("#preview[data-state=ready]", state="attached")
    page.wait_for_selector("#check-panel[data-state=ready]", state="attached")


def region(page, first, last) -> dict:
    """The clip of the screen from ``first`` down to ``last`` (scrolled to
    the top of the screen, below the top bar), as wide as its column."""
    first.evaluate("(element) => element.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(200)
    top, bottom = first.bounding_box(), last.bounding_box()
    pane = first.evaluate("(element) => { const r = element.closest('section, main').getBoundingClientRect();"
                          " return {x: r.x, width: r.width}; }")
    y = max(0, top["y"] - 10)
    return {"x": pane["x"], "y": y, "width": pane["width"],
            "height": min(HEIGHT - y, bottom["y"] + bottom["height"] + 10 - y)}


def flash(page, text: str) -> None:
    page.wait_for_selector(f".flash >> text={text}")


def pages_settled(page) -> None:
    """The review page's printed pages (#pages) have come, or said why not.
    Fetching them converts a PDF, which holds the person's one PDF slot
    (DOCGEN_PDF_PER_USER) while it runs: signing or opening the page again
    before it is done is refused ("Bạn đã có 1 bản PDF đang được tạo…"), and
    a picture taken meanwhile shows "Đang dàn trang…". So each step waits."""
    if page.locator("#pages").count():
        page.wait_for_selector("#pages[data-state]", state="attached", timeout=60_000)


def test_clerk_pages(person):
    camera = Camera(CLERK_SHOTS)
    SHOTS.mkdir(parents=True, exist_ok=True)
    clerk = person("an")

    clerk.goto(clerk.base_url + "/")
    assert clerk.locator("#guide-link").get_attribute("href") == "/huong-dan#bat-dau"
    camera.take("start.png", clerk)

    # Sample 002 in the editor: the form, the preview and the checks beside it.
    clerk.click('a[data-sample="002"]')
    editor_ready(clerk)
    assert clerk.locator("#guide-link").get_attribute("href") == "/huong-dan#soan-thao"
    camera.take("editor.png", clerk)

    # A plan pasted from a web page, its header lost in copying: the import's warnings.
    text = "\n".join(foreign.plan_text().splitlines()[6:])
    clerk.goto(clerk.base_url + "/")
    clerk.click("#paste-panel summary")
    clerk.fill("#paste-text", text)
    clerk.click("#paste-submit")
    editor_ready(clerk)
    panel = clerk.locator("#import-panel")
    assert "Đã nhập" in panel.inner_text() and "suy ra" in panel.inner_text()
    camera.take("import.png", clerk)

    # An appendix pasted from Excel, with Excel's total row and a rate column offered as computed.
    clerk.goto(clerk.base_url + "/plan/sample/004")
    editor_ready(clerk)
    clerk.locator('fieldset[data-path="appendices"] > .list > button[data-action="add"]').click()
    index = clerk.locator('fieldset[data-path="appendices"] .appendix').count() - 1
    clerk.fill(f"#f-appendices-{index}-title", "Kết quả kích hoạt tài khoản định danh điện tử")
    paste(clerk, f"#paste-appendices-{index}",
          "Đơn vị\tChỉ tiêu\tĐã kích hoạt\tTỷ lệ (%)\r\nThôn 1\t350\t250\t71,43%\r\n"
          "Thôn 2\t400\t300\t75,00%\r\nThôn 3\t200\t180\t90,00%\r\nTổng\t950\t730\t76,84%\r\n")
    box = clerk.locator('fieldset[data-path="appendices"] .appendix').nth(index)
    box.locator(".paste-report li.suggestion").wait_for()
    clerk.evaluate("() => document.activeElement.blur()")
    camera.take("appendix.png", clerk, clip=region(clerk, box.locator("h3.list-title", has_text="Số liệu"),
                                                   box.locator(".paste-box")))

    # The checks of sample 004 as issued: a repeated section numeral, a password.
    clerk.goto(clerk.base_url + "/plan/sample/004")
    editor_ready(clerk)
    checks = clerk.locator("#check-panel")
    assert checks.locator("text=mật khẩu").count() >= 1
    camera.take("checks.png", checks)

    clerk.goto(clerk.base_url + "/batch")
    assert clerk.locator("#guide-link").get_attribute("href") == "/huong-dan#hang-loat"
    camera.take("batch.png", clerk)

    # The guide itself, opened from a page's top bar: its pictures load, and it passes axe.
    clerk.click("#guide-link")
    clerk.wait_for_url(re.compile(r"/huong-dan#hang-loat$"))
    assert clerk.locator("#hang-loat h3").inner_text() == "Tạo hàng loạt cho các xã, phường"
    # The guide's pictures are loading="lazy": scrolling one into view starts its
    # load but does not wait for it, so a check right after may see it still
    # loading. Each is made eager and awaited (decode() settles once the picture
    # is loaded and decoded, and fails if it cannot be), then measured.
    images = clerk.locator("main img")
    assert images.count() == len(CLERK_SHOTS + WORKFLOW_SHOTS)
    for index in range(images.count()):
        width = images.nth(index).evaluate("""async (image) => {
            image.loading = "eager";
            try { await image.decode(); } catch (error) { return `${image.src}: ${error}`; }
            return image.naturalWidth;
        }""")
        assert isinstance(width, int) and width > 0, width
    assert_axe_clean(clerk, "the user guide", [])
    camera.check()


def workflow_plan() -> dict:
    """Sample 002 as a draft of its unit: no number, no day yet."""
    from docgen.plan.files import load_plan
    from docgen.web.plans import editable_data

    plan = editable_data(load_plan(ROOT / "samples" / "002_gia_lai_50_ngay_dem.yaml"))
    plan["header"].pop("number", None)
    plan["header"]["date"].pop("day", None)
    return plan


def pdf_pages(data: bytes, folder: Path) -> list[str]:
    """Each page's text (pdftotext)."""
    source = folder / "document.pdf"
    source.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(source), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")


def two_pages(data: bytes, first: int, second: int, folder: Path) -> bytes:
    """Pages ``first`` and ``second`` of a PDF side by side, as one PNG."""
    from PIL import Image

    source = folder / "document.pdf"
    source.write_bytes(data)
    images = []
    for number in (first, second):
        prefix = folder / f"page-{number}"
        subprocess.run(["pdftoppm", "-r", "72", "-f", str(number), "-l", str(number), "-png", "-singlefile",
                        str(source), str(prefix)], check=True)
        images.append(Image.open(f"{prefix}.png").convert("RGB"))
    gap = 24
    width = sum(image.width for image in images) + gap * 3
    height = max(image.height for image in images) + gap * 2
    sheet = Image.new("RGB", (width, height), (231, 234, 240))
    x = gap
    for image in images:
        sheet.paste(image, (x, gap))
        x += image.width + gap
    out = io.BytesIO()
    sheet.save(out, format="PNG", optimize=True)
    return out.getvalue()


def test_the_way_of_a_document(person, certificates, tmp_path):
    camera = Camera(WORKFLOW_SHOTS)
    SHOTS.mkdir(parents=True, exist_ok=True)

    # --- the drafter saves sample 002 twice and submits it --------------------------
    clerk = person("an")
    token = clerk.locator('meta[name="csrf-token"]').get_attribute("content")
    plan = workflow_plan()
    created = clerk.context.request.post(clerk.base_url + "/api/drafts", data={"plan": plan},
                                         headers={"X-CSRF-Token": token})
    assert created.status == 201, created.text()
    draft = created.json()["id"]
    clerk.goto(f"{clerk.base_url}/drafts/{draft}/edit")
    editor_ready(clerk)
    # The body's target, 687.034 in the seed, made the appendix's total (684.037).
    field = clerk.evaluate("""() => [...document.querySelectorAll('#plan-form textarea, #plan-form input')]
                                .find((input) => input.value.includes('687.034')).id""")
    clerk.fill(f"#{field}", clerk.input_value(f"#{field}").replace("687.034", "684.037"))
    clerk.click("#save-draft")
    clerk.wait_for_function("() => /Đã lưu phiên bản 2\\b/.test(document.getElementById('action-status').textContent)")
    clerk.goto(f"{clerk.base_url}/drafts/{draft}")
    clerk.click("#submit-draft")
    flash(clerk, "Đã trình ký phiên bản 2.")
    camera.take("draft.png", clerk)

    # --- the signing officer: what changed, the checks, a comment, approval -----------
    officer = person("long")
    officer.goto(f"{officer.base_url}/drafts/{draft}/review")
    pages_settled(officer)
    officer.select_option("#comment-section", index=1)
    officer.fill("#comment-text", "Bổ sung thời hạn báo cáo kết quả của các huyện.")
    officer.click("#comment-submit")
    flash(officer, "Đã ghi ý kiến.")
    pages_settled(officer)
    officer.goto(f"{officer.base_url}/drafts/{draft}/review")
    pages_settled(officer)
    assert officer.locator("#diff ins").count() >= 1
    camera.take("review.png", officer)
    if officer.locator("#approve-confirm").count():  # errors left open: the officer confirms
        officer.check("#approve-confirm")
    officer.click("#approve")
    officer.wait_for_selector("#approved-sha256")
    pages_settled(officer)

    # --- the văn thư issues it: number and date from the register ----------------------
    registrar = person("vy")
    registrar.goto(f"{registrar.base_url}/drafts/{draft}/review")
    pages_settled(registrar)
    issue = registrar.locator("#issue")
    issue.scroll_into_view_if_needed()
    camera.take("issue.png", issue)
    if registrar.locator("#issue-confirm").count():
        registrar.check("#issue-confirm")
    registrar.click("#issue-submit")
    registrar.wait_for_selector("#issued-number")
    pages_settled(registrar)
    assert registrar.locator("#issued-number").inner_text() == "01/KH-UBND"

    # --- the officer signs, the văn thư adds the organisation's signature -------------
    officer.goto(f"{officer.base_url}/drafts/{draft}/review")
    pages_settled(officer)
    signing = officer.locator("#signing")
    assert signing.locator("#sign").count() == 1
    officer.click("#sign")
    officer.wait_for_selector("text=Đã ký số văn bản số 01/KH-UBND")
    registrar.goto(f"{registrar.base_url}/drafts/{draft}/review")
    pages_settled(registrar)
    registrar.locator("#seal-form").scroll_into_view_if_needed()
    camera.take("signing.png", registrar.locator("section.review-head"))
    registrar.click("#seal")
    registrar.wait_for_selector("text=Đã ký số của cơ quan; văn bản số 01/KH-UBND đã phát hành.")

    registrar.click("#register-link")
    registrar.wait_for_url(re.compile(r"/register$"))
    row = registrar.locator('#register tr[data-number="01/KH-UBND"]')
    assert "đã phát hành" in row.locator(".signing-state").inner_text()
    camera.take("register.png", registrar)
    with registrar.expect_download() as info:
        row.locator(".download-sealed-pdf").click()
    sealed = Path(info.value.path()).read_bytes()
    pages = pdf_pages(sealed, tmp_path)
    assert "01/KH-UBND" in pages[0]
    signature_page = next(number for number, text in enumerate(pages, start=1) if "Trương Hải Long" in text)
    camera.write("issued-document.png", two_pages(sealed, 1, signature_page, tmp_path))

    # --- the drafter derives the report on the plan, cited as the register has it -----
    clerk.goto(f"{clerk.base_url}/drafts/{draft}")
    clerk.click("#report-from-draft")
    flash(clerk, "Đã lập dự thảo báo cáo")
    clerk.click("#edit-draft")
    editor_ready(clerk)
    reference = clerk.locator('fieldset[data-path="reference"]')
    reference.scroll_into_view_if_needed()
    assert clerk.input_value("#f-reference-number") == "1"  # 01/KH-UBND, from the register
    camera.take("report.png", clerk)

    # --- the administrator's audit log ------------------------------------------------
    admin = person("dung")
    admin.goto(f"{admin.base_url}/audit")
    assert admin.locator('#audit tr[data-action="org_sign"]').count() == 1
    camera.take("audit.png", admin)
    camera.check()
