"""A clerk in Chromium types the numbers the document prints itself: "I."
before a section title, "1." before a heading. The field keeps what was
typed, a notice beside it says the number is not printed, the preview and
the downloaded .docx print each label once, and the blank plan's empty
bullets print no stray "-"."""

from __future__ import annotations

from pathlib import Path

from docgen.word import paragraphs

SECTION = "#f-sections-0-title"
HEADING = "#f-sections-0-blocks-0-title"


def preview_lines(page) -> list[str]:
    return [line.strip() for line in page.locator("#preview").inner_text().splitlines() if line.strip()]


def fill_required(page):
    """What the blank plan needs before it previews."""
    page.fill("#f-header-issuing_body-1", "XÃ IA KHA")
    page.fill("#f-header-place", "Ia Kha")
    page.fill("#f-subject", "Kế hoạch tuyên truyền định danh điện tử")
    page.fill("#f-signer-name", "Nguyễn Văn An")
    page.wait_for_selector("#preview[data-version]", state="attached")
    page.wait_for_function("() => document.getElementById('preview').textContent.includes('Nguyễn Văn An')")


def test_typed_heading_number_is_noticed_and_printed_once(page, screens: Path):
    page.goto(page.base_url + "/plan/new")
    fill_required(page)
    lines = preview_lines(page)
    assert "1. Mục đích" in lines and "2. Yêu cầu" in lines
    assert not {"-", "1.", "+"} & set(lines)  # the blank plan's empty bullets print nothing

    page.fill(SECTION, "I. MỤC ĐÍCH, YÊU CẦU")
    page.fill(HEADING, "1. Mục đích")
    notice = page.locator('.field-notice[data-notice-for="sections.0.blocks.0.title"]')
    notice.wait_for()
    assert notice.inner_text().startswith(
        "ℹ “1.” gõ ở đầu không được in: văn bản tự in số thứ tự (1., 2., …), in thêm sẽ thành hai lần.")
    section_notice = page.locator('.field-notice[data-notice-for="sections.0.title"]')
    assert "“I.” gõ ở đầu không được in: văn bản tự in số mục (I, II, …)" in section_notice.inner_text()
    # Beside the field it concerns, and the field keeps what was typed.
    assert page.locator('[data-field="sections.0.blocks.0.title"] > .field-notice').count() == 1
    heading_box = page.locator(HEADING).bounding_box()
    assert 0 <= notice.bounding_box()["y"] - (heading_box["y"] + heading_box["height"]) < 40
    assert page.input_value(HEADING) == "1. Mục đích"
    assert page.input_value(SECTION) == "I. MỤC ĐÍCH, YÊU CẦU"

    page.wait_for_function("() => document.getElementById('preview').dataset.state === 'ready'")
    lines = preview_lines(page)
    assert lines.count("I. MỤC ĐÍCH, YÊU CẦU") == 1 and lines.count("1. Mục đích") == 1
    assert not any(line.startswith(("I. I.", "1. 1.")) for line in lines)
    page.locator(HEADING).scroll_into_view_if_needed()
    page.screenshot(path=str(screens / "typed-label-notice-1366x768.png"))

    with page.expect_download() as download_info:
        page.click("#download-docx")
    texts = [p.text for p in paragraphs(Path(download_info.value.path()).read_bytes())]
    assert texts.count("I. MỤC ĐÍCH, YÊU CẦU") == 1 and texts.count("1. Mục đích") == 1
    assert not {"-", "1."} & {t.strip() for t in texts}

    # "Xóa khỏi ô" takes the number out of the field; the notice goes.
    notice.locator('button[data-action="apply-notice"]').click()
    assert page.input_value(HEADING) == "Mục đích"
    page.wait_for_selector('.field-notice[data-notice-for="sections.0.blocks.0.title"]', state="detached")
    assert section_notice.count() == 1


def test_a_figure_is_not_taken_for_a_number(page):
    page.goto(f"{page.base_url}/plan/sample/002")
    page.wait_for_selector("#preview[data-version]", state="attached")
    page.fill("#f-sections-0-blocks-0-text", "1.000 hộ dân được hướng dẫn cài đặt VNeID.")
    page.wait_for_function(
        "() => document.getElementById('preview').textContent.includes('1. 1.000 hộ dân được hướng dẫn')")
    page.wait_for_timeout(900)  # the notices' answer (debounced like the preview) has come
    assert page.locator(".field-notice").count() == 0
