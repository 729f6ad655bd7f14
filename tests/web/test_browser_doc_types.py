"""A clerk in Chromium starts a Báo cáo from the start page (/plan/new?type=bao_cao): the form,
the preview and the downloaded .docx say Báo cáo, not Kế hoạch."""

from __future__ import annotations

from pathlib import Path

from docgen.word import paragraphs


def test_a_new_report_previews_and_downloads_as_a_report(page, tmp_path: Path):
    page.goto(page.base_url + "/")
    page.click("#new-report")  # the start page offers it beside "Kế hoạch mới"
    page.wait_for_url("**/plan/new?type=bao_cao")
    assert page.title().startswith("Soạn báo cáo")
    assert "(tên báo cáo, viết hoa chữ đầu)" in page.locator('label[for="f-subject"]').inner_text()
    page.fill("#f-header-issuing_body-1", "XÃ IA KDĂM")
    page.fill("#f-header-place", "Ia Kdăm")
    page.fill("#f-subject", "Kết quả cấp tài khoản định danh điện tử quý IV")
    page.fill("#f-signer-name", "Rơ Lan Hiếu")
    page.wait_for_function("() => document.getElementById('preview').textContent.includes('Rơ Lan Hiếu')")
    preview = page.locator("#preview").inner_text()
    assert "BÁO CÁO" in preview and "/BC-UBND" in preview and "KẾ HOẠCH" not in preview
    assert "I. KẾT QUẢ THỰC HIỆN" in preview

    with page.expect_download() as download_info:
        page.click("#download-docx")
    download = download_info.value
    assert download.suggested_filename.startswith("BC-UBND-du-thao-Ia-Kdam")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    texts = [p.text.strip() for p in paragraphs(saved.read_bytes())]
    assert "BÁO CÁO" in texts and "KẾ HOẠCH" not in texts
