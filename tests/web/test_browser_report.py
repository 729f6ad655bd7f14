"""In Chromium: a drafter saves sample 002 as a draft, makes its report with
"Lập báo cáo từ kế hoạch này", opens the new report draft in the editor
(the plan's reference and the period in their own fields), types a
district's result and a period end past the campaign and sees the report
checks about them in the check panel; the saved version keeps both."""

from __future__ import annotations

import re

import pytest


PASSWORD = "mat-khau-du-dai"
DRAFTER = "tester.bc"


@pytest.fixture(scope="module")
def drafter(live_server):
    live_server.add_users((DRAFTER, "Nguyễn Văn Báo", "drafter", "UBND tỉnh Gia Lai"), password=PASSWORD)


def log_in(page) -> None:
    page.goto(page.base_url + "/login")
    page.fill("#username", DRAFTER)
    page.fill("#password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(re.compile(r"/drafts$"))


def test_a_report_made_from_a_saved_plan_is_edited_and_checked(page, drafter):
    log_in(page)
    page.goto(page.base_url + "/plan/sample/002")
    page.wait_for_selector("#preview[data-version]", state="attached")
    page.click("#save-draft")
    page.wait_for_function("() => /Đã lưu phiên bản 1\\b/.test(document.getElementById('action-status').textContent)")
    plan_draft = int(re.search(r"/drafts/(\d+)/edit$", page.url).group(1))

    page.goto(f"{page.base_url}/drafts/{plan_draft}")
    page.click("#report-from-draft")
    page.wait_for_url(re.compile(rf"/drafts/(?!{plan_draft}$)\d+$"))
    report_draft = int(re.search(r"/drafts/(\d+)$", page.url).group(1))
    assert f"Đã lập dự thảo báo cáo số {report_draft} từ dự thảo số {plan_draft}" in page.inner_text(".flash")
    assert page.locator("#report-from-draft").count() == 0  # a report is not reported on
    page.click("#edit-draft")
    page.wait_for_url(re.compile(rf"/drafts/{report_draft}/edit$"))
    # the subject holds the reference's tag; the preview prints the citation from the reference
    assert page.input_value("#f-subject") == "Kết quả thực hiện {văn bản được báo cáo}"
    cited = "Kết quả thực hiện Kế hoạch số 2314/KH-UBND ngày 29/8/2023 của UBND tỉnh Gia Lai"
    page.wait_for_function("t => document.getElementById('preview').innerText.includes(t)", arg=cited)
    assert page.input_value("#f-header-symbol") == "BC-UBND"

    page.wait_for_selector("#check-panel[data-state=ready]", state="attached")
    result = page.locator('[data-path="appendices.0.rows.0.target_ket_qua"]').first
    result.fill("12476")
    page.wait_for_selector('#check-panel li.finding[data-code="report.result_under_target"]')
    under = page.inner_text('#check-panel li.finding[data-code="report.result_under_target"]')
    assert "kết quả 12.476 chưa đạt chỉ tiêu 16.283 (đạt 76,62%)" in under

    # the report's own fields: the plan reported on and the period
    assert page.input_value("#f-reference-number") == "2314"
    page.fill("#f-reference-number", "2315")  # the title follows the reference, as typed
    page.wait_for_function("t => document.getElementById('preview').innerText.includes(t)",
                           arg=cited.replace("2314", "2315"))
    page.fill("#f-reference-number", "2314")
    assert page.input_value("#f-reference-symbol") == "KH-UBND"
    assert page.input_value("#f-period-end") == "20/10/2023"
    page.fill("#f-period-end", "25/10/2023")
    page.wait_for_selector('#check-panel li.finding[data-code="report.period_outside"]')
    assert "kết thúc (25/10/2023) sau ngày kết thúc của đợt (20/10/2023)" in page.inner_text(
        '#check-panel li.finding[data-code="report.period_outside"]')

    page.click("#save-draft")
    page.wait_for_function("() => /Đã lưu phiên bản 2\\b/.test(document.getElementById('action-status').textContent)")
    stored = page.evaluate(f"fetch('/api/drafts/{report_draft}').then(r => r.json())")["plan"]
    assert stored["type"] == "bao_cao" and stored["reference"]["number"] == 2314
    assert stored["appendices"][0]["rows"][0]["target_ket_qua"] == 12476
    assert stored["period"] == {"start": "2023-09-01", "end": "2023-10-25"}
