"""Issuing and the register through the Flask client: only the unit's văn
thư sees and uses "Ban hành" and "Thu hồi" (others 403), the register page
searches by number, dates and subject, exports .xlsx, downloads the issued
.docx, and a user of another unit gets 404 on every document URL."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from docgen.storage.models import AuditEvent
from docgen.vietnamese.dates import excel_date_format, short_date, vietnam_today
from docgen.storage.users import create_user
from docgen.web.database import database

from ..people import PASSWORD, UNIT_A, UNIT_B
from .test_drafts_api import CONFIRM, User, create


@pytest.fixture
def people(app):
    """Unit A: drafter an, signer chau, admin dung, văn thư vy; unit B: văn thư xuan."""
    with app.app_context():
        session = database()
        for username, name, role, unit in [
            ("an", "Nguyễn Văn An", "drafter", UNIT_A), ("chau", "Lê Minh Châu", "signer", UNIT_A),
            ("dung", "Phạm Dũng", "admin", UNIT_A), ("vy", "Trần Thị Vy", "registrar", UNIT_A),
            ("xuan", "Lê Xuân", "registrar", UNIT_B),
        ]:
            create_user(session, username, name, role, unit, PASSWORD)


@pytest.fixture
def login(app, people):
    return lambda username: User(app, username)


@pytest.fixture
def approved(login, sample_plans):
    """``approved(subject)``: a draft of unit A (sample 001), submitted and approved."""
    an, chau = login("an"), login("chau")

    def make(subject: str = "Kế hoạch thử") -> int:
        draft = create(an, {**sample_plans["001"], "subject": subject})
        assert an.post_form(f"/drafts/{draft}/submit").status_code == 302
        assert chau.post_form(f"/drafts/{draft}/approve", CONFIRM).status_code == 302
        return draft
    return make


def header_text(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def test_only_the_registrar_is_offered_and_may_issue(login, approved):
    draft = approved()
    vy = login("vy")
    for name in ("an", "chau", "dung"):
        person = login(name)
        assert "Ban hành và cấp số" not in person.get(f"/drafts/{draft}/review").get_data(as_text=True)
        assert person.post_form(f"/drafts/{draft}/issue", CONFIRM).status_code == 403
    page = vy.get(f"/drafts/{draft}/review").get_data(as_text=True)
    assert "Ban hành và cấp số" in page and "ký hiệu <strong>KH-UBND</strong>" in page
    assert login("xuan").post_form(f"/drafts/{draft}/issue", CONFIRM).status_code == 404

    # Sample 001 is headed for the Cát Hải special zone, not unit A, and its checks have an
    # error: the page says both, and issuing without ticking the confirmation is refused.
    assert 'id="issue-confirm"' in page
    assert f"“ỦY BAN NHÂN DÂN ĐẶC KHU CÁT HẢI”, không phải {UNIT_A}" in page
    refused = vy.post_form(f"/drafts/{draft}/issue")
    assert refused.status_code == 409
    message = refused.get_data(as_text=True)
    assert "ĐẶC KHU CÁT HẢI" in message and "lỗi chưa sửa" in message and "ô xác nhận" in message
    assert "Ban hành và cấp số" in vy.get(f"/drafts/{draft}/review").get_data(as_text=True)

    response = vy.post_form(f"/drafts/{draft}/issue", CONFIRM)
    assert response.status_code == 302
    today = vietnam_today()
    page = vy.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Đã ban hành văn bản số 01/KH-UBND ngày {short_date(today)}" in page
    assert "Ban hành và cấp số" not in page and 'id="issued-number">01/KH-UBND<' in page
    assert "đã ban hành" in login("an").get("/drafts").get_data(as_text=True)
    assert vy.post_form(f"/drafts/{draft}/issue", CONFIRM).status_code == 409


def test_issue_needs_an_approved_draft(login, sample_plans):
    an, vy = login("an"), login("vy")
    draft = create(an, sample_plans["001"])
    assert "Ban hành và cấp số" not in vy.get(f"/drafts/{draft}/review").get_data(as_text=True)
    response = vy.post_form(f"/drafts/{draft}/issue", CONFIRM)
    assert response.status_code == 409 and "đã duyệt" in response.get_data(as_text=True)


def test_register_lists_searches_and_downloads(app, login, approved):
    vy, an = login("vy"), login("an")
    ids = [approved(subject) for subject in ("Kế hoạch phòng chống lụt bão",
                                             "Kế hoạch tiêm chủng", "Kế hoạch phòng cháy")]
    for draft in ids:
        vy.post_form(f"/drafts/{draft}/issue", CONFIRM)
    page = an.get("/register").get_data(as_text=True)
    # one date form in the book: the day of issue and the time of issue alike
    table = page[page.index('id="register"'):]
    assert set(re.findall(r"(?<![\d/])\d{1,2}/\d{1,2}/\d{4}", table)) == {short_date(vietnam_today())}
    assert len(re.findall(r"\d\d:\d\d ngày " + re.escape(short_date(vietnam_today())), table)) == 3
    assert f"Sổ đăng ký văn bản đi của {UNIT_A}" in page and "3 văn bản đã ban hành" in page
    assert page.index("03/KH-UBND") < page.index("01/KH-UBND")  # newest first
    assert "Thu hồi" not in page  # the drafter only reads

    found = an.get("/register?subject=PHONG").get_data(as_text=True)
    assert "Kết quả: 2 văn bản" in found and "tiêm chủng" not in found
    found = an.get("/register?number=02/KH-UBND").get_data(as_text=True)
    assert "Kết quả: 1 văn bản" in found and "tiêm chủng" in found
    today = vietnam_today()
    later = (today + dt.timedelta(days=1)).isoformat()
    assert "Kết quả: 3 văn bản" in an.get(f"/register?date_from={today.isoformat()}&date_to={today:%d/%m/%Y}").get_data(as_text=True)
    assert "Không có văn bản nào khớp" in an.get(f"/register?date_from={later}").get_data(as_text=True)
    bad = an.get("/register?date_from=31/02/2026&number=abc")
    assert bad.status_code == 400
    text = bad.get_data(as_text=True)
    assert "Từ ngày: ngày “31/02/2026” không có trong lịch: tháng 2/2026 có ngày 1 đến 28; gõ như 03/12/2026." in text

    entry = re.search(r'href="/register/(\d+)/download.docx"', page).group(1)
    response = an.get(f"/register/{entry}/download.docx")
    assert response.status_code == 200
    assert re.search(r'filename="KH-\d\d-UBND-.*\.docx"', response.headers["Content-Disposition"])
    body = header_text(response.data)
    assert "Số: 0" in body and f"ngày {today.day:02d} tháng" in body and "DỰ THẢO" not in body
    with app.app_context():
        details = database().scalars(select(AuditEvent.detail).where(
            AuditEvent.action == "download")).all()
    assert any(detail.startswith("issued ") for detail in details)


def test_another_unit_sees_nothing(login, approved):
    vy, xuan = login("vy"), login("xuan")
    draft = approved()
    vy.post_form(f"/drafts/{draft}/issue", CONFIRM)
    entry = re.search(r'/register/(\d+)/download.docx', vy.get("/register").get_data(as_text=True)).group(1)
    page = xuan.get("/register").get_data(as_text=True)
    assert "Sổ chưa có văn bản nào" in page and "Kế hoạch thử" not in page
    assert xuan.get(f"/register/{entry}/download.docx").status_code == 404
    assert xuan.post_form(f"/register/{entry}/recall", {"reason": "x"}).status_code == 404
    sheet = load_workbook(io.BytesIO(xuan.get("/register.xlsx").data)).active
    assert sheet.max_row == 3  # title, search line, column titles: no row of unit A


def test_recall_keeps_the_number_and_a_correction_replaces_it(login, approved):
    vy, chau = login("vy"), login("chau")
    wrong = approved("Kế hoạch ghi sai ngày")
    vy.post_form(f"/drafts/{wrong}/issue", CONFIRM)
    page = vy.get("/register").get_data(as_text=True)
    entry = re.search(r'/register/(\d+)/recall', page).group(1)
    assert chau.post_form(f"/register/{entry}/recall", {"reason": "Sai"}).status_code == 403
    response = vy.post_form(f"/register/{entry}/recall", {"reason": ""})
    assert "Cần ghi lý do thu hồi" in vy.get(response.headers["Location"]).get_data(as_text=True)
    response = vy.post_form(f"/register/{entry}/recall", {"reason": "Ghi sai ngày thực hiện"})
    page = vy.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã thu hồi văn bản số 01/KH-UBND; số này được giữ" in page
    assert "đã thu hồi" in page and "Ghi sai ngày thực hiện" in page

    fixed = approved("Kế hoạch ghi đúng ngày")
    review = vy.get(f"/drafts/{fixed}/review").get_data(as_text=True)
    assert "Thay thế văn bản đã thu hồi" in review and f'<option value="{entry}">Số 01/KH-UBND' in review
    vy.post_form(f"/drafts/{fixed}/issue", {"replaces": entry, **CONFIRM})
    page = vy.get("/register").get_data(as_text=True)
    assert "Thay thế văn bản số 01/KH-UBND" in page and "Được thay thế bằng văn bản số 02/KH-UBND" in page
    assert "thu hồi" in login("an").get(f"/drafts/{wrong}").get_data(as_text=True)


def test_export_xlsx_has_every_column_and_the_search(app, login, approved):
    vy = login("vy")
    for subject in ("=HYPERLINK(\"http://x\")", "Kế hoạch tiêm chủng"):
        vy.post_form(f"/drafts/{approved(subject)}/issue", CONFIRM)
    response = vy.get("/register.xlsx?subject=tiem")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith('attachment; filename="so-van-ban-di-')
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet["A1"].value == f"SỔ ĐĂNG KÝ VĂN BẢN ĐI – {UNIT_A}"
    assert sheet["A2"].value == "Trích yếu: tiem"
    titles = [cell.value for cell in sheet[3]]
    assert titles[:9] == ["Số", "Ký hiệu", "Số, ký hiệu", "Ngày ban hành", "Tên loại", "Trích yếu nội dung",
                          "Người ký", "Số nơi nhận", "Văn thư"]
    row = [cell.value for cell in sheet[4]]
    assert row[:3] == [2, "KH-UBND", "02/KH-UBND"] and row[4] == "Kế hoạch" and row[5] == "Kế hoạch tiêm chủng"
    assert row[3].date() == vietnam_today() and row[8] == "Trần Thị Vy" and len(row[10]) == 64
    assert sheet.max_row == 4
    assert sheet["D4"].number_format == excel_date_format(row[3])  # shows as short_date writes it
    assert row[9].endswith(f" ngày {short_date(vietnam_today())}")
    whole = load_workbook(io.BytesIO(vy.get("/register.xlsx").data)).active
    formula = whole["F4"]
    assert formula.value == "=HYPERLINK(\"http://x\")" and formula.data_type == "s"
    assert formula.quotePrefix  # Excel's ': editing the cell keeps it text
    with app.app_context():
        assert database().scalars(select(AuditEvent.detail).where(
            AuditEvent.action == "register_export")).all() == [
            "1 văn bản; Trích yếu: tiem", "2 văn bản"]
    # a date picker sends ISO; the sheet says what was searched in the one date form
    searched = load_workbook(io.BytesIO(vy.get(f"/register.xlsx?date_from={vietnam_today().isoformat()}").data))
    assert searched.active["A2"].value == f"Từ ngày: {short_date(vietnam_today())}"
