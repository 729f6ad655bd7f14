"""Drafts and their review, for logged-in users of a unit: the pages (list,
draft, review, audit log), the forms that move a draft (submit, return,
approve, comment), the downloads, and the JSON API the editor saves through.

Access control is the storage's (``docgen.storage.drafts``): another unit's
draft is NotFound (404) on every route, a role that may not act is 403, a
state that does not allow it is 409. Nothing here checks a role to protect
data; the templates only hide buttons a user could not use.
"""

from __future__ import annotations

import os

from flask import (Blueprint, current_app, flash, jsonify, redirect, render_template, request,
                   send_file, url_for)

from .downloads import attachment
from .. import doctypes, pdf
from ..vietnamese.dates import vietnam_time
from ..plan.model import Plan
from ..pdf.pages import PageImages, PrintedDocument
from ..plan.files import FieldError, PlanFileError
from ..plan.references import citation
from ..storage import drafts as store
from ..storage import register as register_store
from ..storage import reports as reports_store
from ..storage import signatures
from ..storage.audit import ACTION_LABELS, audit_log, concealed
from ..storage.errors import Conflict, StateError
from .auth import client_ip, current_user, login_required
from .database import database
from .errors import ApiError
from .filenames import plan_filename
from .plans import editable_data
from .pdf_gate import pdf_of
from .requests import json_object
from .register import can_issue, confirmed, issue_concerns
from .review_page import comment_groups, issued_review, review_diff, version_review

bp = Blueprint("drafts", __name__)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _can_write(user) -> bool:
    return user.role in store.WRITERS


def _can_review(user) -> bool:
    return user.role in store.REVIEWERS


def _draft(draft_id: int):
    return store.get_draft(database(), current_user(), draft_id)


# --- pages -----------------------------------------------------------------------


@bp.get("/drafts")
@login_required
def drafts_list():
    return render_template("drafts.html", drafts=store.drafts_for(database(), current_user()),
                           vn_time=vietnam_time)


def _report_source(draft) -> str | None:
    """The noun of the draft's type ("kế hoạch") when a report can be
    derived from it; None for a report itself."""
    from ..reports.derive import REPORT

    kind = doctypes.for_plan(store.plan_of(draft.head))
    return None if kind.key == REPORT else kind.noun


def _page_context(draft) -> dict:
    """What the draft and review pages both show: the state, the issued
    document and its signatures, and for the văn thư the issue form (she
    lands on the draft page from the list)."""
    user = current_user()
    issued = draft.issued_document
    issuable = can_issue(user) and draft.approved_document is not None and issued is None
    return {
        "draft": draft, "vn_time": vietnam_time, "comment_groups": comment_groups(draft),
        "can_write": _can_write(user), "can_review": _can_review(user),
        "can_issue": can_issue(user), "pdf_available": pdf.available(),
        "may_sign": issued is not None and signatures.may_sign(user, issued),
        "signing_method": _signing_method(user, issued),
        "local_signer_url": os.environ.get("DOCGEN_LOCAL_SIGNER_URL", "http://127.0.0.1:8911"),
        "issuable": issuable,
        "concerns": issue_concerns(draft, user) if issuable else [],
        "recallable": register_store.recallable(database(), user) if issuable else [],
    }


def _signing_method(user, issued) -> str:
    """How the user signs the step they may do now (token, csc, hsm, p12);
    "" when there is none to do."""
    if issued is None:
        return ""
    from ..storage.signing_methods import setting_of

    if signatures.may_sign(user, issued):
        setting = setting_of(database(), user=user)
    elif can_issue(user):
        setting = setting_of(database(), unit=user.unit)
    else:
        return ""
    return setting.method if setting else "p12"


def _reference_update(draft) -> dict | None:
    """For a report still being written: the citation of the document it
    reports on as the register now gives it (issued since the report was
    made) beside the one the report prints; None when they agree."""
    if not draft.editable:
        return None
    plan = store.plan_of(draft.head)
    if not reports_store.is_report(plan):
        return None
    found = reports_store.register_reference(database(), current_user(), plan)
    if found is None:
        return None
    return {"register": citation(found), "report": citation(plan.reference)}


@bp.get("/drafts/<id:draft_id>")
@login_required
def draft_page(draft_id: int):
    draft = _draft(draft_id)
    return render_template("draft.html", **_page_context(draft), report_source=_report_source(draft),
                           reference_update=_reference_update(draft))


@bp.get("/drafts/<id:draft_id>/edit")
@login_required
def edit(draft_id: int):
    """The editor over the head version; the next save is based on it."""
    draft = _draft(draft_id)
    if not _can_write(current_user()):
        flash("Chỉ chuyên viên hoặc quản trị của đơn vị mới được sửa dự thảo.", "error")
        return redirect(url_for(".draft_page", draft_id=draft.id))
    if not draft.editable:
        flash(f"Dự thảo đang ở trạng thái “{draft.state_label}” nên chưa sửa được.", "error")
        return redirect(url_for(".draft_page", draft_id=draft.id))
    plan = editable_data(store.plan_of(draft.head))
    return render_template("editor.html", plan=plan, doc_type=doctypes.of_data(plan), errors=[], draft=draft,
                           source=f"Dự thảo số {draft.id}: {draft.title}")


@bp.get("/drafts/<id:draft_id>/review")
@login_required
def review(draft_id: int):
    draft = _draft(draft_id)
    head = draft.head
    if draft.issued_document is not None:  # the document as issued: number and date
        seen = issued_review(draft.issued_document)
    else:
        approved = store.approved_document(draft, head)  # checked as stored; else rendered unmarked
        seen = version_review(head, approved.docx if approved is not None else None)
    return render_template(
        "review.html", **_page_context(draft), head=head,
        preview=seen.preview, diff=review_diff(draft), findings=list(seen.findings),
        sections=list(enumerate(seen.sections)), errors_count=seen.errors_count)


# --- the printed pages (review) -------------------------------------------------
# The review page asks for them after it loads (static/js/printed_pages.js),
# so its own answer never waits for LibreOffice.


def _shown_docx(draft) -> bytes:
    """The Word document the pages show: the issued one once issued (number
    and date), else the head version (:func:`store.version_docx`)."""
    issued = draft.issued_document
    return issued.docx if issued is not None else store.version_docx(draft, draft.head).docx


def _printed(draft) -> PrintedDocument:
    """The shown document's printed pages: its PDF, cached by content, made
    through the PDF gate when it is not cached (PdfError: 503)."""
    return _page_images().document(_shown_docx(draft))


def _page_images() -> PageImages:
    return PageImages(current_app.config["PDF_PAGES_DIR"], convert=pdf_of)


@bp.get("/drafts/<id:draft_id>/pages.json")
@login_required
def printed_pages(draft_id: int):
    """``{"pages": N, "images": [url of page 1, …]}``; 503 ``{"errors": […]}``
    with the reason when LibreOffice cannot make the PDF."""
    draft = _draft(draft_id)
    try:
        printed = _printed(draft)
    except pdf.PdfError as error:
        current_app.logger.warning("no printed pages for draft %s: %s", draft.id, error)
        return jsonify(errors=[{"path": "", "message": str(error)}]), 503
    images = [url_for(".page_image", draft_id=draft.id, number=n, v=printed.key[:16])
              for n in range(1, printed.pages + 1)]
    response = jsonify(pages=printed.pages, version=draft.head_number, images=images)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/drafts/<id:draft_id>/pages/<id:number>.png")
@login_required
def page_image(draft_id: int, number: int):
    """Page ``number`` of the head as printed (``?v=`` is the document's
    SHA-256: a changed document has another address). Like every answer to
    a logged-in user it is not stored by the browser (``auth``): a shared
    computer keeps no image of a draft after its clerk logs out."""
    draft = _draft(draft_id)
    printed = _printed(draft)  # a PdfError is a 503 (errors.py)
    if not 1 <= number <= printed.pages:
        raise ApiError(404, f"Văn bản chỉ có {printed.pages} trang.")
    response = send_file(_page_images().page(printed, number),
                         mimetype="image/png")
    return response


@bp.get("/audit")
@login_required
def audit_page():
    user = current_user()
    from ..storage.signing_methods import all_settings

    settings = [setting for setting in all_settings(database())
                if (setting.user or setting).unit_id == user.unit_id]
    events = audit_log(database(), user)
    return render_template("audit.html", events=events, vn_time=vietnam_time, labels=ACTION_LABELS,
                           signing_settings=settings, concealed=concealed(database(), user, events))


# --- forms that change a draft ---------------------------------------------------


@bp.post("/drafts/<id:draft_id>/submit")
@login_required
def submit(draft_id: int):
    change = store.submit(database(), current_user(), draft_id, ip=client_ip())
    flash(f"Đã trình ký phiên bản {change.version_number}.", "ok")
    return redirect(url_for(".draft_page", draft_id=draft_id))


@bp.post("/drafts/<id:draft_id>/report")
@login_required
def report_from_draft(draft_id: int):
    """A new draft of the user's unit: the report (Báo cáo) on this draft,
    as issued (number and date from the register) or its head version, as
    ``docgen report-from`` derives it; its page says what is left to fill in."""
    draft = _draft(draft_id)
    if _report_source(draft) is None:
        flash("Dự thảo này đã là báo cáo.", "error")
        return redirect(url_for(".draft_page", draft_id=draft.id))
    report = reports_store.create_report(database(), current_user(), draft.id, ip=client_ip())
    cited = citation(store.plan_of(report.head).reference)
    flash(f"Đã lập dự thảo báo cáo số {report.id} từ dự thảo số {draft.id} (báo cáo về {cited}): điền "
          "kết quả, khó khăn, đề xuất vào các chỗ “…” rồi lưu.", "ok")
    return redirect(url_for(".draft_page", draft_id=report.id))


@bp.post("/drafts/<id:draft_id>/reference")
@login_required
def take_reference(draft_id: int):
    """A report takes the number and date of the document it reports on
    from the register (a new version)."""
    version = reports_store.take_reference(database(), current_user(), draft_id, ip=client_ip())
    cited = citation(store.plan_of(version).reference)
    flash(f"Đã lấy số, ngày từ sổ văn bản đi: {cited}. Đã lưu phiên bản {version.number}.", "ok")
    return redirect(url_for(".draft_page", draft_id=draft_id))


@bp.post("/drafts/<id:draft_id>/return")
@login_required
def return_draft(draft_id: int):
    change = store.return_draft(database(), current_user(), draft_id,
                                request.form.get("reason", ""), ip=client_ip())
    flash(f"Đã trả lại phiên bản {change.version_number} kèm ý kiến.", "ok")
    return redirect(url_for(".review", draft_id=draft_id))


@bp.post("/drafts/<id:draft_id>/approve")
@login_required
def approve(draft_id: int):
    draft = _draft(draft_id)
    errors = None
    if _can_review(current_user()) and draft.state == store.SUBMITTED:
        errors = version_review(draft.head).errors_count  # the page's cached count
    document = store.approve(database(), current_user(), draft_id, ip=client_ip(),
                             confirmed=confirmed(), errors=errors)
    flash(f"Đã duyệt phiên bản {document.version.number}. Tệp .docx đã được lưu cố định.", "ok")
    return redirect(url_for(".review", draft_id=draft_id))


@bp.post("/drafts/<id:draft_id>/comments")
@login_required
def add_comment(draft_id: int):
    draft = _draft(draft_id)
    try:
        section = int(request.form.get("section", ""))
        version = int(request.form.get("version", draft.head_number))
    except ValueError:
        raise ApiError(400, "Hãy chọn mục để góp ý.") from None
    try:
        store.add_comment(database(), current_user(), draft_id, version, section,
                          request.form.get("text", ""), ip=client_ip())
        flash("Đã ghi ý kiến.", "ok")
    except StateError as error:  # an empty comment: say so on the same page
        flash(error.message, "error")
    back = ".review" if request.form.get("back") == "review" else ".draft_page"
    return redirect(url_for(back, draft_id=draft_id, _anchor="comments"))


# --- downloads -------------------------------------------------------------------


@bp.get("/drafts/<id:draft_id>/download.docx")
@login_required
def download(draft_id: int):
    result = store.download(database(), current_user(), draft_id, ip=client_ip())
    body = result.docx  # the stored bytes once approved, else marked "DỰ THẢO"
    name = plan_filename(store.plan_of(result.version))
    if not result.approved:
        name = name.removesuffix(".docx") + f"-du-thao-v{result.version.number}.docx"
    response = attachment(body, DOCX, name, private=True)
    if result.approved:
        response.headers["X-Docx-SHA256"] = result.sha256
    return response


@bp.get("/drafts/<id:draft_id>/preview.pdf")
@login_required
def preview_pdf(draft_id: int):
    draft = _draft(draft_id)
    if not pdf.available():
        raise ApiError(404, "Máy chủ chưa cài LibreOffice nên chưa xem được bản PDF; "
                            "hãy dùng bản xem trước hoặc tải tệp .docx.")
    document = pdf_of(_shown_docx(draft))  # through the PDF gate; a PdfError is a 503 (errors.py)
    issued = draft.issued_document
    name = (plan_filename(Plan.model_validate(issued.plan), "pdf") if issued is not None
            else f"du-thao-{draft.id}.pdf")
    return attachment(document, "application/pdf", name, private=True, inline=True)


# --- JSON API --------------------------------------------------------------------


def _draft_json(draft, *, plan: bool = False) -> dict:
    head = draft.head
    data = {
        "id": draft.id, "title": draft.title, "state": draft.state,
        "state_label": draft.state_label, "head_version": draft.head_number,
        "reviewed_version": draft.reviewed_number,
        "updated_at": vietnam_time(draft.updated_at),
        "author": head.author.full_name,
        "url": url_for(".draft_page", draft_id=draft.id),
        "edit_url": url_for(".edit", draft_id=draft.id),
        "submit_url": url_for(".submit", draft_id=draft.id),
    }
    if draft.approved_document is not None:
        data["approved_sha256"] = draft.approved_document.sha256
    if plan:
        data["plan"] = editable_data(store.plan_of(head))
    return data


def _plan_body() -> tuple[dict, dict]:
    body = json_object()
    plan = body.get("plan")
    if not isinstance(plan, dict):
        raise ApiError(422, [FieldError("plan", "Cần trường “plan”: văn bản dạng JSON như trình soạn thảo gửi.")])
    return body, plan


@bp.get("/api/drafts")
@login_required
def api_list():
    return jsonify(drafts=[_draft_json(d) for d in store.drafts_for(database(), current_user())])


@bp.get("/api/drafts/<id:draft_id>")
@login_required
def api_draft(draft_id: int):
    return jsonify(_draft_json(_draft(draft_id), plan=True))


@bp.post("/api/drafts")
@login_required
def api_create():
    _, plan = _plan_body()
    try:
        draft = store.create_draft(database(), current_user(), plan, ip=client_ip())
    except PlanFileError as error:
        raise ApiError(422, error.errors) from None
    return jsonify({**_draft_json(draft), "version": draft.head_number}), 201


@bp.post("/api/drafts/<id:draft_id>/versions")
@login_required
def api_save(draft_id: int):
    body, plan = _plan_body()
    base = body.get("base_version")
    if not isinstance(base, int) or isinstance(base, bool):
        raise ApiError(422, [FieldError("base_version", "Cần “base_version”: số phiên bản bạn bắt đầu sửa.")])
    try:
        version = store.save_version(database(), current_user(), draft_id, plan, base,
                                     ip=client_ip())
    except PlanFileError as error:
        raise ApiError(422, error.errors) from None
    except Conflict as conflict:
        # Both texts survive: the other person's as the head, the caller's as
        # a conflict copy; the editor keeps showing the caller's.
        latest = conflict.latest
        return jsonify(
            errors=[{"path": "", "message": conflict.message}],
            latest={"version": latest.number, "author": latest.author.full_name,
                    "saved_at": vietnam_time(latest.created_at),
                    "plan": editable_data(store.plan_of(latest))},
            copy={"version": conflict.copy.number},
        ), 409
    return jsonify({**_draft_json(version.draft), "version": version.number}), 201
