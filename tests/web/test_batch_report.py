"""A finished batch's page says what was made honestly: the rows not made,
with their line, unit, column and reason, and each document's check
results (errors, warnings, the first message); the status API gives the
counts."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest

from ..batch.helpers import HEADER, TEMPLATE_XA, csv_bytes, unit_row
from .batch_accounts import Clerk, add_clerks
from .test_batch_pages import post_batch, wait_done

# The last section numbered IV a second time: every document has one check error.
TWICE_IV = TEMPLATE_XA.read_text(encoding="utf-8").replace(
    "- title: TỔ CHỨC THỰC HIỆN\n", "- title: TỔ CHỨC THỰC HIỆN\n  number: IV\n").encode("utf-8")
UNITS = csv_bytes([HEADER, unit_row("Xã Lộc Hòa"), unit_row("Xã Lộc Tấn", "12a", 1), unit_row("Xã Lộc Thạnh")])


@pytest.fixture
def clerk(app):
    add_clerks(app)
    return Clerk(app, "lo.an")


def _run(clerk, template: bytes) -> tuple[str, dict, str]:
    response = post_batch(clerk, template=(io.BytesIO(template), "mau-xa.yaml"),
                          units=(io.BytesIO(UNITS), "don-vi.csv"))
    assert response.status_code == 303, response.get_data(as_text=True)
    job_id = response.headers["Location"].rstrip("/").rsplit("/", 1)[1]
    status = wait_done(clerk.client, f"/api/batch/{job_id}")
    assert status["state"] == "done", status
    return job_id, status, clerk.get(f"/batch/{job_id}").get_data(as_text=True)


def _table(page: str, section: str) -> list[list[str]]:
    block = re.search(rf'<section class="card" id="{section}">(.*?)</section>', page, re.S).group(1)
    return [[unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", block, re.S) if "<td>" in row]


def test_the_job_page_lists_failed_rows_and_each_documents_checks(clerk):
    _, status, page = _run(clerk, TWICE_IV)
    assert status["state"] == "done" and (status["ok"], status["invalid"]) == (2, 1)
    assert (status["with_errors"], status["with_warnings"]) == (2, 0)
    assert status["title"] == "Đã tạo xong, có văn bản cần sửa"
    assert status["message"] == ("Đã tạo 2 văn bản; 2 văn bản có lỗi khi kiểm tra, cần sửa trước khi ban hành; "
                                 "1 dòng không tạo được (xem loi.csv trong tệp ZIP).")
    assert '<h1 id="batch-title">Đã tạo xong, có văn bản cần sửa</h1>' in page
    assert _table(page, "batch-failed") == [
        ["3", "Xã Lộc Tấn", "Chỉ tiêu", "“12a” không phải là số (vd. 1200 hoặc 1.200)"]]
    first = "Lỗi – Mục IV (tiêu đề mục) «IV. TỔ CHỨC THỰC HIỆN»: số mục IV bị lặp lại: đây là mục thứ 6"
    assert _table(page, "batch-checks") == [["Xã Lộc Hòa", "Xa-Loc-Hoa.docx", "1", "0", first],
                                            ["Xã Lộc Thạnh", "Xa-Loc-Thanh.docx", "1", "0", first]]
    assert "0 văn bản không có lỗi hay cảnh báo khi kiểm tra" in page


def test_a_clean_batch_says_so(clerk):
    _, status, page = _run(clerk, TEMPLATE_XA.read_bytes())
    assert status["title"] == "Đã tạo xong, có văn bản cần sửa"  # the refused row still needs mending
    assert _table(page, "batch-checks") == []
    assert "2 văn bản không có lỗi hay cảnh báo khi kiểm tra." in unescape(page)
    assert status["message"] == ("Đã tạo 2 văn bản; không văn bản nào có lỗi hay cảnh báo khi kiểm tra; "
                                 "1 dòng không tạo được (xem loi.csv trong tệp ZIP).")


@pytest.mark.slow
def test_the_clerk_sees_the_failed_rows_and_the_checks_in_the_browser(page, live_server, tmp_path, screens):
    from .a11y import axe_violations
    from .batch_accounts import PASSWORD, add_live_clerks

    add_live_clerks(live_server)
    template, units = tmp_path / "mau-xa.yaml", tmp_path / "don-vi.csv"
    template.write_bytes(TWICE_IV)
    units.write_bytes(UNITS)
    page.goto(page.base_url + "/batch")
    page.fill("#username", "lo.an")
    page.fill("#password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(re.compile(r"/batch$"))
    page.set_input_files("#batch-template", str(template))
    page.set_input_files("#batch-units", str(units))
    page.click("#batch-start")
    page.wait_for_selector("#batch-checks", state="visible", timeout=60_000)  # the page reloads when done
    assert page.locator("#batch-title").inner_text() == "Đã tạo xong, có văn bản cần sửa"
    assert page.locator("#batch-download").is_visible()
    failed = page.locator("#batch-failed tbody tr")
    assert failed.count() == 1 and failed.first.inner_text().split("\t")[:3] == ["3", "Xã Lộc Tấn", "Chỉ tiêu"]
    checks = page.locator("#batch-checks tbody tr")
    assert checks.count() == 2 and "số mục IV bị lặp lại" in checks.first.inner_text()
    assert axe_violations(page) == []
    page.screenshot(path=str(screens / "batch-report.png"), full_page=True)

    # the official list of a province, from the form on the batch page
    page.goto(page.base_url + "/batch")
    assert axe_violations(page) == []
    page.select_option("#official-province", "Tỉnh Đồng Tháp")
    with page.expect_download() as download:
        page.click("#official-download")
    assert download.value.suggested_filename == "don-vi-dong-thap.xlsx"
