"""POST /api/import and the start page's POST /plan/import with an existing
plan: a Word file (.docx), a text file (.txt) or pasted text (JSON {text}).
The plan comes back as the editor holds it, with the import warnings and
their field labels; what cannot be read is 4xx with a Vietnamese message,
never 500 (the bad files are the Word reader's own, tests/word)."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pytest

from docgen.plan.model import Plan
from docgen.document.render import render_plan
from docgen.web.imports import UPLOAD_LIMIT
from tests.importing import foreign
from tests.word.test_bad_input import CASES as BAD_WORD_FILES

from .test_pages import data_block

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def seed_text(number: str) -> str:
    [path] = SEEDS.glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


def upload(session, content: bytes, name: str):
    return session.post("/api/import", data={"file": (io.BytesIO(content), name)},
                        content_type="multipart/form-data")


@pytest.fixture(scope="module")
def rendered_002(sample_plans) -> bytes:
    return render_plan(Plan.model_validate(sample_plans["002"]))


def test_a_rendered_sample_comes_back_as_its_plan(browser_session, sample_plans, rendered_002):
    response = upload(browser_session, rendered_002, "KH-2314-UBND.docx")
    assert response.status_code == 200
    body = response.get_json()
    plan = sample_plans["002"]
    assert body["errors"] == []
    assert body["plan"]["subject"] == plan["subject"]
    assert [s["title"] for s in body["plan"]["sections"]] == [s["title"] for s in plan["sections"]]
    assert body["plan"]["signer"]["name"] == plan["signer"]["name"]
    assert body["summary"].startswith(f"Đã nhập kế hoạch: {len(plan['sections'])} mục")
    for warning in body["warnings"]:
        assert set(warning) == {"paragraph", "message", "path", "label"}


def test_a_seed_as_text_file_and_as_pasted_text_gives_the_same_plan(browser_session, client):
    text = seed_text("001")
    from_file = upload(browser_session, text.encode("utf-8"), "ke-hoach.txt").get_json()
    pasted = client.post("/api/import", json={"text": text})  # a script: JSON needs no session
    assert pasted.status_code == 200
    assert pasted.get_json() == from_file
    assert from_file["plan"]["signer"]["name"] == "Vũ Hữu Vững"
    assert "number" not in from_file["plan"]["header"]  # the blank draft form "Số:      /KH-UBND"
    assert from_file["plan"]["header"]["date"] == {"year": 2026, "month": 6}
    [warning] = [w for w in from_file["warnings"] if w["path"] == "header.issuing_body"]
    assert warning["label"] == "Cơ quan ban hành"
    assert warning["paragraph"] > 0 and "suy ra" in warning["message"]
    assert from_file["summary"].endswith(f"; {len(from_file['warnings'])} cảnh báo")


def test_every_seed_imports_through_the_api(client):
    for path in sorted(SEEDS.glob("*.txt")):
        response = client.post("/api/import", json={"text": path.read_text(encoding="utf-8")})
        assert response.status_code == 200, (path.name, response.get_json())
        assert response.get_json()["plan"]["signer"]["name"], path.name


def test_a_plan_without_a_date_opens_with_the_date_left_to_fill(client):
    text = ("ỦY BAN NHÂN DÂN\nXÃ HÒA AN\nSố: 3/KH-UBND\n\nKẾ HOẠCH\nVề một việc\n\nI. MỤC ĐÍCH\n\nNội dung.\n"
            "\nNơi nhận:\n- Lưu: VT.\n\nCHỦ TỊCH\n\nLê Văn An\n")
    body = client.post("/api/import", json={"text": text}).get_json()
    assert "date" not in body["plan"]["header"] and body["plan"]["header"]["number"] == 3
    assert [e["path"] for e in body["errors"]] == ["header.date"]
    assert any(w["path"] == "header.date" for w in body["warnings"])


def test_a_foreign_word_file_imports(browser_session):
    body = upload(browser_session, foreign.header_as_paragraphs(), "kh.docx").get_json()
    assert body["plan"]["header"]["issuing_body"][0].upper().startswith("ỦY BAN NHÂN DÂN")
    assert body["plan"]["signer"]["name"]


@pytest.mark.parametrize("case", sorted(BAD_WORD_FILES))
def test_a_bad_word_file_is_422_with_the_readers_message(browser_session, case):
    build, message = BAD_WORD_FILES[case]
    response = upload(browser_session, build(), "ke-hoach.docx")
    assert response.status_code == 422, response.get_json()
    [error] = response.get_json()["errors"]
    if case in ("old_doc", "encrypted"):  # the importer names both: the bytes look the same
        message = r"tệp Word cũ \(\.doc\) hoặc tệp \.docx có mật khẩu"
    assert error["path"] == "" and re.search(message, error["message"]), error


def test_a_body_over_the_word_limit_is_413_in_vietnamese(browser_session):
    response = upload(browser_session, b"PK" + b"\0" * UPLOAD_LIMIT, "lon.docx")
    assert response.status_code == 413
    assert response.get_json()["errors"][0]["message"] == (
        "Dữ liệu gửi lên quá lớn: tối đa 50 MB. Hãy bớt nội dung hoặc chia nhỏ tệp.")


def test_other_routes_keep_the_small_limit(browser_session):
    response = browser_session.post("/api/appendix/rows", content_type="multipart/form-data",
                                     data={"file": (io.BytesIO(b"\0" * (5 * 1024 * 1024)), "a.xlsx")})
    assert response.status_code == 413
    assert "tối đa 4 MB" in response.get_json()["errors"][0]["message"]


@pytest.mark.parametrize("name, content, message", [
    ("anh.png", b"\x89PNG\r\n\x1a\n\0\0", "chỉ mở được tệp Word .docx, văn bản .txt"),
    ("ke-hoach.txt", b"\xff\xfe\x00K\x00H", "không phải văn bản UTF-8"),
    ("ke-hoach.txt", b"   \n\t\n", "tệp trống"),
    ("ke-hoach.txt", "Xin chào, đây là thư mời họp.".encode("utf-8"), "không nhận ra kế hoạch"),
    ("bang.xlsx", b"PK\x03\x04 not a whole zip", "bị hỏng"),
])
def test_files_that_hold_no_plan_are_422(browser_session, name, content, message):
    response = upload(browser_session, content, name)
    assert response.status_code == 422
    assert message in response.get_json()["errors"][0]["message"]


@pytest.mark.parametrize("body, status, message", [
    ({"text": ""}, 422, "chưa có văn bản"),
    ({"text": " \n\u00a0\t"}, 422, "chưa có văn bản"),
    ({"text": "Kính gửi anh chị, hẹn gặp lại."}, 422, "không nhận ra kế hoạch"),
    ({"text": "KẾ HOẠCH\x00"}, 400, "ký tự không hợp lệ (mã U+0000) ở trường “text”"),
    ({"text": 15}, 422, "cần văn bản đã dán"),
    ({}, 422, "cần văn bản đã dán"),
    ({"text": "x" * (2 * 1024 * 1024 + 1)}, 413, "văn bản quá dài: tối đa 2 MB"),
])
def test_pasted_text_that_holds_no_plan(client, body, status, message):
    response = client.post("/api/import", json=body)
    assert response.status_code == status
    assert message in response.get_json()["errors"][0]["message"]


def test_a_body_that_is_neither_a_file_nor_json_is_415(client):
    response = client.post("/api/import", data="KẾ HOẠCH", content_type="text/plain")
    assert response.status_code == 415


# --- the start page's forms ------------------------------------------------------------


def test_the_start_page_offers_word_and_pasted_text(client):
    html = client.get("/").get_data(as_text=True)
    assert "Mở từ file Word" in html and 'accept=".docx,.txt"' in html
    assert "Dán văn bản" in html and 'name="text"' in html and ">Nhập</button>" in html


def test_a_word_file_opens_the_editor_with_its_warnings(browser_session, sample_plans, rendered_002):
    response = browser_session.client.post(
        "/plan/import", content_type="multipart/form-data",
        data={"file": (io.BytesIO(rendered_002), "kh.docx"), "csrf_token": browser_session.token})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert data_block(html, "plan-data")["subject"] == sample_plans["002"]["subject"]
    assert isinstance(data_block(html, "import-warnings"), list)
    assert "Đã nhập kế hoạch: " in html


def test_pasted_text_opens_the_editor(browser_session):
    response = browser_session.client.post(
        "/plan/import", data={"text": seed_text("001"), "csrf_token": browser_session.token})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert data_block(html, "plan-data")["signer"]["name"] == "Vũ Hữu Vững"
    assert [w["label"] for w in data_block(html, "import-warnings")] == ["Cơ quan ban hành"]
    assert "Văn bản đã dán" in html


def test_pasted_text_that_fails_stays_in_its_box(browser_session):
    text = "Ghi chú <b>không</b> phải kế hoạch & vài dòng"
    response = browser_session.client.post("/plan/import", data={"text": text, "csrf_token": browser_session.token})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Ghi chú &lt;b&gt;không&lt;/b&gt; phải kế hoạch &amp; vài dòng</textarea>" in html
    assert 'id="paste-error" role="alert" tabindex="-1" autofocus>Không nhập được văn bản đã dán: không nhận ra' in html
    assert '<details id="paste-panel" open>' in html


def test_a_bad_word_file_stays_on_the_start_page(browser_session):
    build, _ = BAD_WORD_FILES["xxe"]
    response = browser_session.client.post(
        "/plan/import", content_type="multipart/form-data",
        data={"file": (io.BytesIO(build()), "kh.docx"), "csrf_token": browser_session.token})
    assert response.status_code == 422
    assert "Không nhập được tệp kh.docx: " in response.get_data(as_text=True)


def test_the_start_page_form_needs_a_file_or_text(browser_session):
    response = browser_session.client.post("/plan/import", data={"csrf_token": browser_session.token})
    assert response.status_code == 400
    assert "Chưa chọn tệp Word" in response.get_data(as_text=True)


def test_long_pasted_text_is_refused_and_kept(browser_session):
    text = "KẾ HOẠCH\n" + "Nội dung dài. " * 160_000  # 2.2 MB: past the 500 KB of an ordinary form field
    response = browser_session.client.post("/plan/import", data={"text": text, "csrf_token": browser_session.token})
    html = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "văn bản quá dài: tối đa 2 MB" in html
    assert text.rstrip() in html


def test_the_start_page_form_needs_the_csrf_token(browser_session):
    response = browser_session.client.post("/plan/import", data={"text": seed_text("001")})
    assert response.status_code == 403


def with_picture(megabytes: int) -> bytes:
    """A foreign Word plan carrying a picture's worth of bytes (stored)."""
    out = io.BytesIO(foreign.direct_formatting())
    with zipfile.ZipFile(out, "a", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/media/image1.png", os.urandom(megabytes * 1024 * 1024))
    return out.getvalue()


def test_a_word_file_larger_than_other_uploads_opens_from_the_start_page(browser_session):
    response = browser_session.client.post(
        "/plan/import", content_type="multipart/form-data",
        data={"file": (io.BytesIO(with_picture(6)), "co-hinh.docx"), "csrf_token": browser_session.token})
    assert response.status_code == 200
    assert data_block(response.get_data(as_text=True), "plan-data")["signer"]["name"]


def test_a_word_file_over_50_mb_is_explained_on_the_start_page(browser_session):
    build, _ = BAD_WORD_FILES["over_50_mb"]
    response = browser_session.client.post(
        "/plan/import", content_type="multipart/form-data",
        data={"file": (io.BytesIO(build()), "lon.docx"), "csrf_token": browser_session.token})
    assert response.status_code == 422
    assert "quá giới hạn 50,0 MB" in response.get_data(as_text=True)


def test_a_word_table_figure_that_reads_two_ways_stays_as_written_with_both_readings(browser_session):
    """Issue 20: "1,240" in a Word table is neither 1,24 nor dropped: the
    imported cell holds it as written and its error offers both readings."""
    rows = [["1", "Thôn 1", "1,240", "830"], ["2", "Thôn 2", "980", "415"], ["3", "Thôn 3", "1.105", "12,500"]]
    body = upload(browser_session, foreign.plan_with_appendix_rows(rows), "kh.docx").get_json()
    appendix = body["plan"]["appendices"][0]
    giao, done = (c["key"] for c in appendix["columns"][1:3])
    assert [(row.get(giao), row.get(done)) for row in appendix["rows"]] == [
        ("1,240", 830), (980, 415), (1105, "12,500")]
    assert [(e["path"], e["label"], e["message"]) for e in body["errors"]] == [
        (f"appendices.0.rows.0.{giao}", "Phụ lục 1, dòng 1, cột “Chỉ tiêu - Giao”",
         "“1,240” chưa rõ là số nào: viết 1.240 nếu là một nghìn hai trăm bốn mươi, "
         "hoặc 1,24 nếu là một phẩy hai mươi tư"),
        (f"appendices.0.rows.2.{done}", "Phụ lục 1, dòng 3, cột “Chỉ tiêu - Đã kích hoạt”",
         "“12,500” chưa rõ là số nào: viết 12.500 nếu là mười hai nghìn năm trăm, "
         "hoặc 12,5 nếu là mười hai phẩy năm"),
    ]


def test_a_word_table_in_english_figures_is_read_so_and_says_so(browser_session):
    rows = [["1", "Thôn 1", "1,240", "830.5"], ["2", "Thôn 2", "2,480,000", "415"], ["", "Tổng cộng", "2,481,240", "1,245.5"]]
    body = upload(browser_session, foreign.plan_with_appendix_rows(rows), "kh.docx").get_json()
    appendix = body["plan"]["appendices"][0]
    giao, done = (c["key"] for c in appendix["columns"][1:3])
    assert body["errors"] == []
    assert [(row[giao], row[done]) for row in appendix["rows"]] == [(1240, 830.5), (2480000, 415)]
    assert ("Các số trong bảng viết kiểu tiếng Anh (vd. “2,480,000”): đã đọc dấu phẩy là dấu ngăn cách hàng nghìn, "
            "dấu chấm là dấu thập phân; “1,240” là 1.240.") in [w["message"] for w in body["warnings"]]
