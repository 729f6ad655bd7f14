"""The batch pages: upload, kept uploads after an error, progress, download."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from docgen.docx_read import document_text

from ..batch.helpers import TEMPLATE_XA, UNITS_CSV

BAD_TEMPLATE = TEMPLATE_XA.read_text(encoding="utf-8").replace(
    "{{ chi_tieu }}", "{{ chi_tieu_nam }}", 1).encode("utf-8")


def post_batch(session, **files):
    data = {"csrf_token": session.token}
    for field, value in files.items():
        data[field] = value
    return session.client.post("/batch", data=data, content_type="multipart/form-data")


def wait_done(client, job_url: str) -> dict:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        status = client.get(job_url).get_json()
        if status["state"] in ("done", "failed"):
            return status
        time.sleep(0.05)
    raise AssertionError("batch did not finish")


def test_page_offers_the_examples(client):
    page = client.get("/batch").get_data(as_text=True)
    assert "Tạo kế hoạch hàng loạt" in page and 'name="template"' in page and 'name="units"' in page
    sheet = client.get("/batch/example/units.xlsx")
    assert sheet.status_code == 200 and "attachment" in sheet.headers["Content-Disposition"]
    header = [c.value for c in next(load_workbook(io.BytesIO(sheet.data)).active.iter_rows())]
    assert "Tên đơn vị" in header
    template = client.get("/batch/example/template.yaml")
    assert template.data == TEMPLATE_XA.read_bytes()


def test_missing_files_are_named(browser_session):
    response = post_batch(browser_session)
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Chưa chọn tệp kế hoạch mẫu." in text and "Chưa chọn tệp bảng đơn vị." in text


def test_batch_form_needs_the_csrf_token(browser_session):
    response = browser_session.client.post(
        "/batch", data={"units": (io.BytesIO(b"x"), "a.csv")}, content_type="multipart/form-data")
    assert response.status_code == 403


def test_unknown_placeholder_is_reported_and_uploads_are_kept(browser_session):
    client = browser_session.client
    response = post_batch(browser_session,
                          template=(io.BytesIO(BAD_TEMPLATE), "mau-xa.yaml"),
                          units=(io.BytesIO(UNITS_CSV.read_bytes()), "don-vi.csv"))
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "chi_tieu_nam" in text and "các tên có thể dùng" in text and "ten_don_vi" in text
    assert "Đã giữ tệp: mau-xa.yaml" in text and "Đã giữ tệp: don-vi.csv" in text
    kept = re.search(r'name="kept" value="([^"]+)"', text).group(1)

    # Only the template is chosen again; the units table was kept.
    response = post_batch(browser_session, kept=kept,
                          template=(io.BytesIO(TEMPLATE_XA.read_bytes()), "mau-xa.yaml"))
    assert response.status_code == 303
    job_page = response.headers["Location"]
    job_id = job_page.rstrip("/").rsplit("/", 1)[1]
    assert "batch-progress" in client.get(job_page).get_data(as_text=True)
    status = wait_done(client, f"/api/batch/{job_id}")
    assert status["state"] == "done" and status["ok"] == status["total"] == 4
    archive = zipfile.ZipFile(io.BytesIO(client.get(status["download"]).data))
    names = archive.namelist()
    assert "manifest.csv" in names and sum(n.endswith(".docx") for n in names) == 4
    assert "Nguyễn Công Thành" in document_text(archive.read("Xa-Loc-Hoa.docx"))


def test_unknown_job_is_404(client):
    assert client.get("/api/batch/" + "x" * 24).status_code == 404
    assert client.get("/batch/" + "x" * 24).status_code == 404
    assert client.get("/batch/../../etc").status_code == 404


def test_clerk_runs_a_batch_in_the_browser(page, tmp_path: Path):
    page.goto(page.base_url + "/")
    page.click("#batch-link")
    page.set_input_files("#batch-template", str(TEMPLATE_XA))
    page.set_input_files("#batch-units", str(UNITS_CSV))
    page.click("#batch-start")
    page.wait_for_selector("#batch-download", state="visible", timeout=60_000)
    assert page.locator("#batch-progress").get_attribute("value") == "4"
    assert page.locator("#batch-status").inner_text().startswith("Xong: 4 kế hoạch")
    assert page.locator("#batch-title").inner_text() == "Đã tạo xong các kế hoạch"
    with page.expect_download() as download_info:
        page.click("#batch-download")
    archive = zipfile.ZipFile(download_info.value.path())
    assert sorted(n for n in archive.namelist() if n.endswith(".docx")) == [
        "Thi-tran-Loc-Ninh.docx", "Xa-Loc-Hoa.docx", "Xa-Loc-Tan.docx", "Xa-Loc-Thanh.docx"]
