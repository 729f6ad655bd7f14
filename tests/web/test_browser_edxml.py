"""edXML in Chromium, the whole way (issue 25): a drafter of UBND xã Ia Hrú
starts a Công văn from "Văn bản mới", marks it "Khẩn" in the "Độ mật, độ
khẩn" group, chooses two recipients from the directory of agencies (typing
part of a name, taking the suggestion: the mã định danh fills itself) and
submits it; the preview shows the KHẨN stamp. The signing officer approves,
the văn thư issues it, makes its PDF, downloads the edXML package from the
register (QCVN 102: the two agencies' codes as To, priority Khẩn, the unit's
code as From, DocumentId ``{code},{YYYY/MM/DD},{number}/{symbol}``, a new
document, the PDF attached), recalls it with a reason and downloads the
revocation message for the same DocumentId."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from docgen import pdf
from docgen.edxml import envelope as edxml
from docgen.edxml.reader import read
from docgen.edxml.schema_check import validated
from docgen.plan import marks
from docgen.sheets.agencies import AgencyRow
from docgen.storage import agencies
from docgen.storage.register import ELECTRONIC_RECEIVER
from docgen.vietnamese.dates import short_date, vietnam_today
from docgen.web.database import database

from .test_browser_review import PASSWORD, log_in, open_page  # noqa: F401 (a fixture)

UNIT, UNIT_CODE = "UBND xã Ia Hrú", "000.25.07.H41"
DRAFTER, SIGNER, REGISTRAR = "edxml.an", "edxml.chau", "edxml.vy"
# The province's directory; the clerk picks the first two by part of their names.
DIRECTORY = [AgencyRow("000.25.01.H41", "Sở Nội vụ tỉnh Gia Lai", "UBND tỉnh Gia Lai"),
             AgencyRow("000.25.02.H41", "Sở Tài chính tỉnh Gia Lai", "UBND tỉnh Gia Lai"),
             AgencyRow("000.25.03.H41", "Sở Tư pháp tỉnh Gia Lai", "UBND tỉnh Gia Lai")]
CHOSEN = [("nội vụ", DIRECTORY[0]), ("tài chính", DIRECTORY[1])]
SUBJECT = "báo cáo số liệu định danh điện tử đợt cao điểm"
BODY = "Đề nghị các sở tổng hợp số liệu định danh điện tử trên địa bàn xã trước ngày 20/12./."
REASON = "Gửi nhầm số liệu tháng 11"

pytestmark = pytest.mark.skipif(not pdf.available(), reason="LibreOffice (soffice) is not installed")


@pytest.fixture(scope="module")
def unit(live_server):
    """The three accounts, the unit's mã định danh and the directory, in the
    live server's own database."""
    live_server.add_users((DRAFTER, "Nguyễn Văn An", "drafter", UNIT), (SIGNER, "Ksor Minh Châu", "signer", UNIT),
                          (REGISTRAR, "Trần Thị Vy", "registrar", UNIT), password=PASSWORD)
    with live_server.app.app_context():
        session = database()
        agencies.set_unit_code(session, UNIT, UNIT_CODE)
        agencies.import_directory(session, DIRECTORY, source="test")


def choose_agency(page, index: int, typed: str, agency: AgencyRow) -> None:
    """Recipient ``index``: type part of the agency's name, wait for the
    directory's suggestion and take it (choosing a datalist option puts its
    value in the field and fires ``input``, which ``fill`` does too)."""
    name = page.locator(f"#f-recipients-{index}-name")
    name.fill(typed)
    option = page.locator(f'#agency-names option[value="{agency.name}"]')
    option.wait_for(state="attached")
    assert option.get_attribute("label") == f"{agency.name} ({agency.code})"
    name.fill(option.get_attribute("value"))
    page.wait_for_function(
        "([id, code]) => document.getElementById(id).value === code",
        arg=[f"f-recipients-{index}-code", agency.code])


def printed_pages_drawn(page) -> None:
    """Wait until the review page's printed pages are drawn: they hold the
    user's one PDF slot (web/pdf_gate.py) while LibreOffice makes them, and
    a PDF asked for meanwhile is refused ("Bạn đã có 1 bản PDF đang được tạo")."""
    page.locator('#pages[data-state="ready"]').wait_for(state="attached", timeout=180_000)


def download(page, link, timeout: float = 15_000) -> tuple[str, bytes]:
    with page.expect_download(timeout=timeout) as info:
        link.click()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


def test_registrar_sends_an_urgent_letter_to_two_agencies(page, open_page, unit, screens: Path):  # noqa: F811
    # --- the drafter: a new Công văn, Khẩn, two recipients from the directory --------
    log_in(page, DRAFTER)
    page.goto(page.base_url + "/")
    page.click("#new-document #new-cong_van")
    page.wait_for_url("**/plan/new?type=cong_van")
    assert page.locator("#f-header-issuer_name").input_value() == "Ủy ban nhân dân xã Ia Hrú"
    page.fill("#f-subject", SUBJECT)
    page.fill("#f-addressees-0", "Sở Nội vụ tỉnh Gia Lai")
    page.locator('#group-addressees .list[data-path="addressees"] > button[data-action="add"]').click()
    page.fill("#f-addressees-1", "Sở Tài chính tỉnh Gia Lai")
    page.fill("#f-opening-0", BODY)
    page.fill("#f-signer-name", "Ksor Minh Châu")

    marks_group = page.locator("fieldset.group", has=page.locator("legend", has_text="Độ mật, độ khẩn"))
    marks_group.get_by_label("Độ khẩn", exact=True).select_option(label="Khẩn")

    recipients = page.locator("#group-recipients")
    for index, (typed, agency) in enumerate(CHOSEN):
        recipients.locator('.list[data-path="recipients"] > button[data-action="add"]').click()
        choose_agency(page, index, typed, agency)
    page.fill("#f-recipients-0-purpose", "để báo cáo")

    # The preview: the KHẨN stamp under the number, both recipients under "Nơi nhận".
    stamp = page.locator("#preview .doc-stamp")
    stamp.wait_for()
    assert stamp.inner_text() == "KHẨN"
    page.wait_for_function("() => document.getElementById('preview').textContent.includes('(để báo cáo)')")
    preview = " ".join(page.locator("#preview").inner_text().split())
    for line in (f"V/v {SUBJECT}", "- Sở Nội vụ tỉnh Gia Lai (để báo cáo);", "- Sở Tài chính tỉnh Gia Lai;"):
        assert line in preview, (line, preview)

    page.click("#save-draft")
    page.wait_for_function("() => /Đã lưu phiên bản 1\\b/.test(document.getElementById('action-status').textContent)")
    draft_id = int(re.search(r"/drafts/(\d+)/edit$", page.url).group(1))
    page.click("#submit-draft")
    page.wait_for_url(re.compile(rf"/drafts/{draft_id}$"))
    assert page.locator("#draft-state").inner_text() == "chờ duyệt"

    # --- the signing officer approves (confirming the checks' errors, if any) -------
    officer = open_page()
    log_in(officer, SIGNER)
    officer.goto(f"{officer.base_url}/drafts/{draft_id}/review")
    officer.locator("#approve").wait_for()
    if officer.locator("#approve-confirm").count():
        officer.check("#approve-confirm")
    officer.click("#approve")
    officer.wait_for_selector("#approved-sha256")

    # --- the văn thư issues it and makes its PDF ------------------------------------
    clerk = open_page()
    log_in(clerk, REGISTRAR)
    clerk.goto(f"{clerk.base_url}/drafts/{draft_id}/review")
    clerk.locator("#issue-submit").wait_for()
    printed_pages_drawn(clerk)
    if clerk.locator("#issue-confirm").count():
        clerk.check("#issue-confirm")
    clerk.click("#issue-submit")
    clerk.wait_for_selector("#issued-number")
    printed_pages_drawn(clerk)  # the issued document's pages
    today = vietnam_today()
    number = clerk.locator("#issued-number").inner_text().strip()
    assert re.fullmatch(r"\d{2,}/UBND-VP", number), number

    # --- the edXML package from the register, at once: it makes the issued PDF it carries
    clerk.click("#register-link")
    clerk.wait_for_url(re.compile(r"/register$"))
    row = clerk.locator(f'#register tr[data-number="{number}"]')
    assert row.locator(".download-edxml").inner_text() == "Tải gói edXML"
    assert row.locator(".entry-urgency").inner_text() == "khẩn"
    assert row.locator(".download-edxml-revoke").count() == 0
    name, data = download(clerk, row.locator(".download-edxml"), timeout=180_000)  # LibreOffice
    assert name.endswith(".edxml") and not name.endswith("-thu-hoi.edxml"), name
    assert validated(data) == data  # the repository's XSD (read() validates too)
    package = read(data)
    assert package.business == edxml.NEW
    assert [(organ.organ_id, organ.name) for organ in package.recipients] == [
        (agency.code, agency.name) for _, agency in CHOSEN]
    assert package.priority == marks.urgency("khan").code and marks.urgency_of_code(package.priority) == "khan"
    assert package.sender.organ_id == UNIT_CODE and package.sender.name == "Ủy ban nhân dân xã Ia Hrú"
    document_id = f"{UNIT_CODE},{today:%Y/%m/%d},{number}"
    assert package.document_id == document_id
    assert re.fullmatch(r"[0-9A-Za-z.\-]+,\d{4}/\d{2}/\d{2},\d{2,}/UBND-VP", package.document_id)
    assert edxml.read_document_id(package.document_id) == (UNIT_CODE, today, number)
    assert (package.number_and_symbol, package.date, package.type_name) == (number, today, "Công văn")
    assert package.subject == SUBJECT
    assert package.signer.full_name == "Ksor Minh Châu"
    assert package.sent_at is not None and package.sent_at.date() >= today - dt.timedelta(days=1)
    [attachment] = package.attachments
    assert attachment.content_type == "application/pdf"
    clerk.goto(f"{clerk.base_url}/drafts/{draft_id}/review")  # the same PDF, from the review page
    _, issued_pdf = download(clerk, clerk.locator("#download-issued-pdf"))
    assert issued_pdf.startswith(b"%PDF") and attachment.data == issued_pdf
    assert package.pages >= 1

    # The văn thư's package counts as sent electronically (the register's ngày chuyển).
    clerk.click("#register-link")
    clerk.wait_for_url(re.compile(r"/register$"))
    row = clerk.locator(f'#register tr[data-number="{number}"]')
    assert f"Đã chuyển {short_date(today)}; ký nhận: {ELECTRONIC_RECEIVER}" in row.inner_text()

    # --- the recall, then the revocation message ------------------------------------
    row.locator("details.recall summary").click()
    row.locator("textarea").fill(REASON)
    row.locator("button.danger").click()
    clerk.wait_for_selector(f"text=Đã thu hồi văn bản số {number}")
    row = clerk.locator(f'#register tr[data-number="{number}"]')
    assert "đã thu hồi" in row.inner_text() and REASON in row.inner_text()
    assert row.locator(".download-edxml").count() == 0
    revoke = row.locator(".download-edxml-revoke")
    assert revoke.inner_text() == "Tải gói edXML thu hồi"
    clerk.screenshot(path=str(screens / "register-edxml.png"), full_page=True)
    name, data = download(clerk, revoke)
    assert name.endswith("-thu-hoi.edxml"), name
    assert validated(data) == data
    revocation = read(data)
    assert revocation.business == edxml.REVOKE
    assert revocation.business_reason == REASON
    assert revocation.document_id == revocation.business_document_id == document_id
    assert [organ.organ_id for organ in revocation.recipients] == [agency.code for _, agency in CHOSEN]
    assert revocation.sender.organ_id == UNIT_CODE and revocation.attachments == ()
