"""The batch pages: login, upload, kept uploads after an error, progress,
download; a job is its unit's only."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from docgen.word import document_text

from ..batch.helpers import TEMPLATE_XA, UNITS_CSV
from .batch_accounts import PASSWORD, Clerk, add_clerks, add_live_clerks
from ..waiting import wait_until

BAD_TEMPLATE = TEMPLATE_XA.read_text(encoding="utf-8").replace(
    "{{ chi_tieu }}", "{{ chi_tieu_nam }}", 1).encode("utf-8")


@pytest.fixture
def clerk(app):
    """A logged-in drafter of unit A; ``clerk.of(username)`` another clerk."""
    add_clerks(app)
    an = Clerk(app, "lo.an")
    an.of = lambda username: Clerk(app, username)
    return an


def post_batch(session, **files):
    data = {"csrf_token": session.token}
    for field, value in files.items():
        data[field] = value
    return session.client.post("/batch", data=data, content_type="multipart/form-data")


def wait_done(client, job_url: str) -> dict:
    return wait_until(lambda: (status := client.get(job_url).get_json())["state"] in ("done", "failed")
                      and status, 60, "batch did not finish")


def test_batch_needs_a_login(client):
    response = client.get("/batch")
    assert response.status_code == 302 and response.headers["Location"] == "/login?next=/batch"
    assert client.get("/batch/example/units.xlsx").status_code == 302
    response = client.get("/api/batch/" + "x" * 24)
    assert response.status_code == 401
    assert response.get_json()["errors"][0]["message"] == "Cần đăng nhập để dùng chức năng này."


def test_page_offers_the_examples(clerk):
    client = clerk.client
    page = client.get("/batch").get_data(as_text=True)
    assert "Tạo văn bản hàng loạt" in page and 'name="template"' in page and 'name="units"' in page
    sheet = client.get("/batch/example/units.xlsx")
    assert sheet.status_code == 200 and "attachment" in sheet.headers["Content-Disposition"]
    header = [c.value for c in next(load_workbook(io.BytesIO(sheet.data)).active.iter_rows())]
    assert "Tên đơn vị" in header
    template = client.get("/batch/example/template.yaml")
    assert template.data == TEMPLATE_XA.read_bytes()


def test_missing_files_are_named(clerk):
    response = post_batch(clerk)
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Chưa chọn tệp văn bản mẫu." in text and "Chưa chọn tệp bảng đơn vị." in text


def test_batch_form_needs_the_csrf_token(clerk):
    response = clerk.client.post(
        "/batch", data={"units": (io.BytesIO(b"x"), "a.csv")}, content_type="multipart/form-data")
    assert response.status_code == 403


def test_unknown_placeholder_is_reported_and_uploads_are_kept(clerk):
    client = clerk.client
    response = post_batch(clerk,
                          template=(io.BytesIO(BAD_TEMPLATE), "mau-xa.yaml"),
                          units=(io.BytesIO(UNITS_CSV.read_bytes()), "don-vi.csv"))
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "chi_tieu_nam" in text and "các tên có thể dùng" in text and "ten_don_vi" in text
    assert "Đã giữ tệp: mau-xa.yaml" in text and "Đã giữ tệp: don-vi.csv" in text
    kept = re.search(r'name="kept" value="([^"]+)"', text).group(1)

    # Only the template is chosen again; the units table was kept.
    # Another unit cannot use the kept files.
    giang = clerk.of("lo.giang")
    response = post_batch(giang, kept=kept)
    assert response.status_code == 422 and "Chưa chọn tệp bảng đơn vị." in response.get_data(as_text=True)

    response = post_batch(clerk, kept=kept,
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


def test_unknown_job_is_404(clerk):
    client = clerk.client
    assert client.get("/api/batch/" + "x" * 24).status_code == 404
    assert client.get("/batch/" + "x" * 24).status_code == 404
    assert client.get("/batch/../../etc").status_code == 404


def test_clerk_runs_a_batch_in_the_browser(page, live_server, tmp_path: Path):
    add_live_clerks(live_server)
    page.goto(page.base_url + "/")
    page.click("#batch-link")
    page.fill("#username", "lo.an")  # the login page, then back to /batch
    page.fill("#password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(re.compile(r"/batch$"))
    page.set_input_files("#batch-template", str(TEMPLATE_XA))
    page.set_input_files("#batch-units", str(UNITS_CSV))
    page.click("#batch-start")
    page.wait_for_selector("#batch-download", state="visible", timeout=60_000)
    assert page.locator("#batch-progress").get_attribute("value") == "4"
    assert page.locator("#batch-status").inner_text() == ("Đã tạo 4 văn bản; không văn bản nào có lỗi "
                                                           "hay cảnh báo khi kiểm tra.")
    assert page.locator("#batch-title").inner_text() == "Đã tạo xong các văn bản"
    with page.expect_download() as download_info:
        page.click("#batch-download")
    archive = zipfile.ZipFile(download_info.value.path())
    assert sorted(n for n in archive.namelist() if n.endswith(".docx")) == [
        "Thi-tran-Loc-Ninh.docx", "Xa-Loc-Hoa.docx", "Xa-Loc-Tan.docx", "Xa-Loc-Thanh.docx"]


def test_a_job_is_seen_by_its_unit_only(app, clerk):
    response = post_batch(clerk, template=(io.BytesIO(TEMPLATE_XA.read_bytes()), "mau-xa.yaml"),
                          units=(io.BytesIO(UNITS_CSV.read_bytes()), "don-vi.csv"))
    job_page = response.headers["Location"]
    job_id = job_page.rsplit("/", 1)[1]
    status = wait_done(clerk.client, f"/api/batch/{job_id}")
    assert status["state"] == "done" and status["expires"]  # "… ngày …", 7 days on
    urls = [job_page, f"/api/batch/{job_id}", status["download"]]

    chau = clerk.of("lo.chau")  # same unit, another role
    assert [chau.get(url).status_code for url in urls] == [200, 200, 200]
    assert "mau-xa.yaml × don-vi.csv" in chau.get("/batch").get_data(as_text=True)

    giang = clerk.of("lo.giang")  # another unit: as if there were no such job
    assert [giang.get(url).status_code for url in urls] == [404, 404, 404]
    assert "mau-xa.yaml" not in giang.get("/batch").get_data(as_text=True)

    anonymous = app.test_client()
    page, api, zip_file = (anonymous.get(url) for url in urls)
    assert page.status_code == 302 and page.headers["Location"] == f"/login?next={job_page}"
    assert api.status_code == 401
    assert zip_file.status_code == 302 and zip_file.headers["Location"].startswith("/login?next=")


def test_a_job_started_outside_the_web_belongs_to_no_unit(app, clerk):
    job = app.extensions["docgen.jobs"].store.create("a.yaml", b"x", "b.csv", b"y")
    assert clerk.get(f"/batch/{job.id}").status_code == 404
    assert clerk.get(f"/api/batch/{job.id}").status_code == 404
