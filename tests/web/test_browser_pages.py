"""The review page shows the draft's printed pages: Chromium opens the review
of sample 002 as the signing officer, and the section "Trang in" fills with
one image per page of the PDF LibreOffice makes of the draft (marked DỰ
THẢO), A4 portrait and the appendix landscape."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from docgen.pdf import docx_to_pdf
from docgen.document.render import render_plan
from docgen.storage import drafts as store
from docgen.storage.users import create_user

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None,
                                reason="LibreOffice not installed (scripts/setup.sh installs it)")

PASSWORD = "mat-khau-du-dai"
DRAFTER, SIGNER = "pages.an", "pages.chau"


@pytest.fixture(scope="module")
def draft_id(live_server, sample_plans_module):
    """A draft of sample 002 in the live server's database, and its signer."""
    with live_server.session() as session:
        drafter = create_user(session, DRAFTER, "Nguyễn Văn An", "drafter", "UBND tỉnh Gia Lai", PASSWORD)
        create_user(session, SIGNER, "Lê Minh Châu", "signer", "UBND tỉnh Gia Lai", PASSWORD)
        draft = store.create_draft(session, drafter, sample_plans_module["002"], ip="127.0.0.1")
        number = draft.id
        expected = _pages(docx_to_pdf(render_plan(store.plan_of(draft.head), draft_mark=True)))
    return number, expected


@pytest.fixture(scope="module")
def sample_plans_module():
    from docgen.plan.files import load_plan
    from docgen.web.plans import editable_data

    root = Path(__file__).resolve().parents[2]
    return {p.name[:3]: editable_data(load_plan(p)) for p in sorted((root / "samples").glob("*.yaml"))}


def _pages(document: bytes) -> int:
    out = subprocess.run(["pdfinfo", "-"], input=document, capture_output=True, check=True).stdout.decode()
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def test_review_page_shows_the_printed_pages(page, draft_id, screens: Path):
    number, expected = draft_id
    assert expected == 9
    page.goto(page.base_url + "/login")
    page.fill("#username", SIGNER)
    page.fill("#password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(re.compile(r"/drafts$"))
    page.goto(f"{page.base_url}/drafts/{number}/review")
    section = page.locator("#pages")
    page.wait_for_selector('#pages[data-state="ready"]', timeout=60_000)
    assert f"{expected} trang" in page.locator("#pages-status").inner_text()
    images = section.locator("img")
    assert images.count() == expected
    sizes = []
    for index in range(expected):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle())
        sizes.append(image.evaluate("(img) => [img.naturalWidth, img.naturalHeight]"))
        assert image.get_attribute("alt") == f"Trang {index + 1}/{expected}"
    assert sizes[0] == [794, 1123]  # A4 portrait at 96 dpi
    assert sizes[-1] == [1123, 794]  # the appendix, landscape
    page.locator("#pages img").first.scroll_into_view_if_needed()
    section.screenshot(path=str(screens / "review-pages.png"))
