"""After issue the pages show the issued document (its number and date) and
offer one primary download, the issued file; the văn thư issues from the
draft page she lands on from the list; a report made from an issued plan
cites it as the register has it, and a report made before the issue takes
the number and date from the register in one step."""

from __future__ import annotations

import io
import re

import docx
import pytest
from sqlalchemy import select

from docgen.vietnamese.dates import date_line, short_date
from docgen.storage.models import IssuedDocument
from docgen.web.database import database

from ..people import own_plan
from .test_drafts_api import CONFIRM, create
from .test_register_pages import login, people  # noqa: F401 (fixtures)

DOWNLOAD_LINK = re.compile(r'<a class="([^"]*)" id="(download-[\w-]+)"')


@pytest.fixture
def approved(login):
    """A plan of unit A headed for unit A (sample 001), submitted and approved: its id."""
    an, chau = login("an"), login("chau")
    draft = create(an, own_plan())
    assert an.post_form(f"/drafts/{draft}/submit").status_code == 302
    assert chau.post_form(f"/drafts/{draft}/approve", CONFIRM).status_code == 302
    return draft


def issued_on(app):
    with app.app_context():
        return database().scalars(select(IssuedDocument.issued_on)).one()


def lines_of(body: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(body))
    return [p.text.strip() for p in document.paragraphs if p.text.strip()]


def primary_downloads(page: str) -> list[str]:
    return [name for classes, name in DOWNLOAD_LINK.findall(page) if "primary" in classes.split()]


def test_the_registrar_issues_from_the_draft_page_she_lands_on(login, approved):
    vy = login("vy")
    listed = vy.get("/drafts").get_data(as_text=True)
    assert f'href="/drafts/{approved}"' in listed  # the list leads to the draft page
    page = vy.get(f"/drafts/{approved}").get_data(as_text=True)
    assert 'id="issue-form"' in page and "Ban hành và cấp số" in page
    assert f'action="/drafts/{approved}/issue"' in page
    for name in ("an", "chau"):
        assert 'id="issue-form"' not in login(name).get(f"/drafts/{approved}").get_data(as_text=True)
    response = vy.post_form(f"/drafts/{approved}/issue", CONFIRM)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/drafts/{approved}/review")
    assert 'id="issue-form"' not in vy.get(f"/drafts/{approved}").get_data(as_text=True)


def test_after_issue_the_pages_show_the_issued_document_and_one_primary_download(app, login, approved):
    vy = login("vy")
    before = vy.get(f"/drafts/{approved}/review").get_data(as_text=True)
    assert "Số:      /KH-UBND" in before  # approved, not numbered yet
    assert vy.post_form(f"/drafts/{approved}/issue", CONFIRM).status_code == 302
    day = issued_on(app)
    review = vy.get(f"/drafts/{approved}/review").get_data(as_text=True)
    assert "Số: 01/KH-UBND" in review and "Số:      /KH-UBND" not in review
    assert date_line("Lộc Tấn", day) in review
    assert 'aria-label="Văn bản đã ban hành số 01/KH-UBND"' in review
    for page in (review, vy.get(f"/drafts/{approved}").get_data(as_text=True)):
        assert primary_downloads(page) == ["download-issued"]
        # the approved, unnumbered file only as a plain link for comparison
        assert re.search(r'<a id="download-docx" href="/drafts/\d+/download.docx">tải .docx</a>', page)
    assert 'id="download-issued" href="/register/1/download.docx">Tải văn bản đã ban hành số 01/KH-UBND' in review


def test_a_report_on_an_issued_plan_cites_the_register(app, login, approved):
    vy, an = login("vy"), login("an")
    assert vy.post_form(f"/drafts/{approved}/issue", CONFIRM).status_code == 302
    cited = f"Kế hoạch số 01/KH-UBND ngày {short_date(issued_on(app))} của UBND xã Lộc Tấn"
    response = an.post_form(f"/drafts/{approved}/report")
    assert response.status_code == 302
    report = int(re.search(r"/drafts/(\d+)$", response.headers["Location"]).group(1))
    assert cited in an.get(f"/drafts/{report}").get_data(as_text=True)  # the flash says so
    reference = an.get(f"/api/drafts/{report}").get_json()["plan"]["reference"]
    assert (reference["number"], reference["symbol"]) == (1, "KH-UBND")
    assert reference["date"]["day"] == issued_on(app).day
    lines = lines_of(an.get(f"/drafts/{report}/download.docx").data)
    title = lines.index("BÁO CÁO") + 1
    assert lines[title] == f"Kết quả thực hiện {cited}"
    assert lines[title + 1].startswith(f"Thực hiện {cited} về việc")
    assert any(line.endswith(f"về kết quả thực hiện {cited}./.") for line in lines)


def test_a_gap_left_in_a_report_holds_its_issue_until_confirmed(login, approved):
    an, chau, vy = login("an"), login("chau"), login("vy")
    assert vy.post_form(f"/drafts/{approved}/issue", CONFIRM).status_code == 302
    report = int(re.search(r"/drafts/(\d+)$", an.post_form(f"/drafts/{approved}/report")
                           .headers["Location"]).group(1))
    assert an.post_form(f"/drafts/{report}/submit").status_code == 302
    assert chau.post_form(f"/drafts/{report}/approve").status_code == 409  # "Kết quả: …" and the like
    assert chau.post_form(f"/drafts/{report}/approve", CONFIRM).status_code == 302
    page = vy.get(f"/drafts/{report}").get_data(as_text=True)
    assert 'id="issue-confirm"' in page and "lỗi chưa sửa" in page
    refused = vy.post_form(f"/drafts/{report}/issue")
    assert refused.status_code == 409 and "lỗi chưa sửa" in refused.get_data(as_text=True)


def test_a_report_made_before_the_issue_takes_the_registers_number(app, login, approved):
    vy, an = login("vy"), login("an")
    report = int(re.search(r"/drafts/(\d+)$", an.post_form(f"/drafts/{approved}/report")
                           .headers["Location"]).group(1))
    assert 'id="take-reference"' not in an.get(f"/drafts/{report}").get_data(as_text=True)
    assert "Kế hoạch số …/KH-UBND" in " ".join(lines_of(an.get(f"/drafts/{report}/download.docx").data))

    assert vy.post_form(f"/drafts/{approved}/issue", CONFIRM).status_code == 302
    cited = f"Kế hoạch số 01/KH-UBND ngày {short_date(issued_on(app))} của UBND xã Lộc Tấn"
    page = an.get(f"/drafts/{report}").get_data(as_text=True)
    assert f'id="reference-register">{cited}<' in page and 'id="take-reference"' in page
    assert 'id="take-reference"' not in login("chau").get(f"/drafts/{report}").get_data(as_text=True)
    assert login("chau").post_form(f"/drafts/{report}/reference").status_code == 403

    response = an.post_form(f"/drafts/{report}/reference")
    assert response.status_code == 302
    page = an.get(f"/drafts/{report}").get_data(as_text=True)
    assert "Đã lưu phiên bản 2" in page and 'id="take-reference"' not in page
    text = " ".join(lines_of(an.get(f"/drafts/{report}/download.docx").data))
    assert "…/KH-UBND" not in text and text.count(cited) == 3  # title, opening, closing
