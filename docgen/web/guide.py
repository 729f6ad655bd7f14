"""The user guide (Hướng dẫn sử dụng), in Vietnamese, for chuyên viên, lãnh
đạo, văn thư and the administrator: ``GET /huong-dan``, written as HTML in
templates (guide.html and one partial per reader), autoescaped like every
page, with the screenshots the browser tests take (static/guide/).

Every page's top bar has "Hướng dẫn" (templates/_guide_link.html), which
leads to the guide's section about that page: ``GUIDE_SECTIONS`` maps each
page's endpoint to the ``id`` of its section (tests/web/test_guide.py
fails when a page has none, or a section is missing)."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for

from .. import doctypes

bp = Blueprint("guide", __name__)

# Page (endpoint) -> the id of its section in guide.html.
GUIDE_SECTIONS = {
    "pages.start": "bat-dau",
    "pages.open_plan": "bat-dau",
    "pages.new_plan": "soan-thao",
    "pages.from_sample": "soan-thao",
    "pages.import_plan": "nhap-van-ban",
    "pages.reply_plan": "gui-dien-tu",
    "drafts.edit": "luu-va-trinh",
    "drafts.drafts_list": "du-thao",
    "drafts.draft_page": "du-thao",
    "drafts.review": "duyet",
    "drafts.audit_page": "nhat-ky",
    "register.register_page": "so-van-ban",
    "agencies.agencies_page": "danh-ba",
    "agencies.import_directory": "danh-ba",
    "agencies.unit_code": "danh-ba",
    "agencies.numbering_series": "danh-ba",
    "batch.batch_page": "hang-loat",
    "batch.start_batch": "hang-loat",
    "batch.job_page": "hang-loat",
    "auth.login": "dang-nhap",
    "auth.change_password": "doi-mat-khau",
    "guide.guide": "",
}


def guide_href(endpoint: str | None = None) -> str:
    """The guide's address at the section about the page ``endpoint``
    (default: the page being made); the top of the guide for a page it does
    not describe (an error page)."""
    section = GUIDE_SECTIONS.get(endpoint if endpoint is not None else (request.endpoint or ""), "")
    return url_for("guide.guide") + (f"#{section}" if section else "")


@bp.app_context_processor
def _guide_link():
    return {"guide_href": guide_href}


@bp.get("/huong-dan")
def guide():
    # The types a clerk may start ("Văn bản mới"), from the registry: the guide
    # lists them as the start page does, and a new type appears in both.
    return render_template("guide.html", doc_types=doctypes.standalone())
