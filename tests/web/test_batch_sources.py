"""What the batch page takes and offers besides a hand-written template: a
plan saved from the editor (.yaml/.json, "Xuất YAML"/"Xuất JSON") or a
Word plan (.docx) as the template, with Vietnamese messages for files that
cannot be one; and a province's official units list (.xlsx)."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import load_workbook

from docgen.batch.official_units import units_of
from docgen.word import document_text

from ..batch.helpers import ROOT, UNITS_CSV, read_csv_member
from .batch_accounts import PASSWORD, Clerk, add_clerks
from .test_batch_pages import post_batch, wait_done

SAMPLE_004 = ROOT / "samples" / "004_loc_hoa_90_ngay_dem.yaml"  # UBND xã Lộc Hòa's own plan


@pytest.fixture
def clerk(app):
    add_clerks(app)
    return Clerk(app, "lo.an")


def _editor_plan(clerk) -> dict:
    """Sample 004 as the editor holds it (what "Mở tệp…" loads)."""
    response = clerk.client.post("/api/import", headers={"X-CSRF-Token": clerk.token},
                                 data={"file": (io.BytesIO(SAMPLE_004.read_bytes()), SAMPLE_004.name)},
                                 content_type="multipart/form-data")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["plan"]


def _saved(clerk, how: str) -> tuple[str, bytes]:
    """The plan as the editor saves it: "Xuất YAML", "Xuất JSON" or "Tải về .docx"."""
    url = "/api/render" if how == "docx" else f"/api/export?format={how}"
    response = clerk.client.post(url, json=_editor_plan(clerk), headers={"X-CSRF-Token": clerk.token})
    assert response.status_code == 200, response.get_data(as_text=True)
    return f"ke-hoach-loc-hoa.{how}", response.data


def _batch(clerk, template: tuple[str, bytes]):
    response = post_batch(clerk, template=(io.BytesIO(template[1]), template[0]),
                          units=(io.BytesIO(UNITS_CSV.read_bytes()), "don-vi.csv"))
    assert response.status_code == 303, response.get_data(as_text=True)
    job_page = response.headers["Location"]
    status = wait_done(clerk.client, "/api/batch/" + job_page.rstrip("/").rsplit("/", 1)[1])
    assert status["state"] == "done", status
    return status, clerk.get(job_page).get_data(as_text=True), zipfile.ZipFile(
        io.BytesIO(clerk.get(status["download"]).data))


@pytest.mark.parametrize("how", ["yaml", "json", "docx"])
def test_a_plan_saved_from_the_editor_is_a_template(clerk, how):
    status, page, archive = _batch(clerk, _saved(clerk, how))
    assert status["ok"] == 4 and status["invalid"] == 0
    tan = document_text(archive.read("Xa-Loc-Tan.docx"))
    assert "XÃ LỘC TẤN" in tan and "Lê Văn Tâm" in tan  # the unit's header and signer
    # the plan's own unit in its running text became each unit's name
    assert "tạo tiền đề quan trọng để xã Lộc Tấn trở thành" in tan
    assert "xã Lộc Hòa" not in tan and "XÃ LỘC HÒA" not in tan
    assert "văn bản mẫu là văn bản của xã Lộc Hòa, không có chỗ điền: đã thay tên “xã Lộc Hòa”" in page
    # sample 004 is a real plan with real mistakes: the checks say so for every unit
    manifest = read_csv_member(archive, "manifest.csv")
    assert all(int(row[5]) > 0 for row in manifest[1:]), manifest
    assert status["with_errors"] == 4


@pytest.mark.parametrize("name, content, message", [
    ("don-vi.xlsx", b"PK\x03\x04...", "don-vi.xlsx: đây là bảng tính, không phải văn bản mẫu."),
    ("mau.docx", b"PK\x03\x04 not a package", "mau.docx: không đọc được tệp Word làm văn bản mẫu:"),
    ("mau.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64,
     "mau.doc: không đọc được tệp Word làm văn bản mẫu: tệp Word cũ (.doc)"),
    ("mau.yaml", b"header: [a\nsubject: b", "mau.yaml: dòng 2, cột 8: không đọc được YAML/JSON: sai cú pháp"),
    ("mau.pdf", b"%PDF-1.4", "mau.pdf: không dùng được tệp này làm văn bản mẫu"),
], ids=["sheet", "broken-docx", "old-doc", "bad-yaml", "pdf"])
def test_a_file_that_cannot_be_a_template_is_said_in_vietnamese_and_kept(clerk, name, content, message):
    response = post_batch(clerk, template=(io.BytesIO(content), name),
                          units=(io.BytesIO(UNITS_CSV.read_bytes()), "don-vi.csv"))
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert message in text, text
    assert "Đã giữ tệp: don-vi.csv" in text


def test_the_page_offers_every_provinces_official_list(clerk):
    page = clerk.get("/batch").get_data(as_text=True)
    assert page.count('<option value="') == 34 and '<option value="Tỉnh Đồng Tháp">' in page
    response = clerk.get("/batch/official-units.xlsx?province=Tỉnh Đồng Tháp")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="don-vi-dong-thap.xlsx"'
    rows = list(load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True))
    header = rows[0]
    assert [row[0] for row in rows[1:]] == [u.name for u in units_of("Đồng Tháp")]
    assert {row[header.index("Cơ quan chủ quản")] for row in rows[1:]} == {"UBND TỈNH ĐỒNG THÁP"}
    assert [row[header.index("Mã đơn vị hành chính")] for row in rows[1:]] == [u.code for u in units_of("Đồng Tháp")]


def test_the_clerks_own_province_is_chosen_first(app, clerk):
    from docgen.storage.users import create_user
    from docgen.web.database import database

    assert 'selected' not in clerk.get("/batch").get_data(as_text=True)  # UBND huyện Lộc Ninh: no province
    with app.app_context():
        create_user(database(), "dt.binh", "Trần Thị Bình", "drafter", "UBND tỉnh Đồng Tháp", PASSWORD)
    page = Clerk(app, "dt.binh").get("/batch").get_data(as_text=True)
    assert '<option value="Tỉnh Đồng Tháp" selected>' in page and page.count(" selected>") == 1


def test_an_unknown_province_is_said_on_the_page(clerk):
    response = clerk.get("/batch/official-units.xlsx?province=Hà Tây")
    assert response.status_code == 422
    assert "Chưa tải được danh sách đơn vị: không có tỉnh, thành phố “Hà Tây”" in response.get_data(as_text=True)


def test_the_official_list_needs_a_login(client):
    response = client.get("/batch/official-units.xlsx?province=Gia Lai")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
