"""Issuing and the register of issued documents (sổ đăng ký văn bản đi),
for logged-in users of a unit: the register page with its search and .xlsx
export, the issued .docx and its PDFs (unsigned, signed by the signer,
with the organisation's signature), the văn thư's forms that issue an
approved draft, add the organisation's signature and recall an issued
document, and the signer's form that signs it.

Access control is the storage's (``docgen.storage.register``): another
unit's document is NotFound (404), a role that may not act is 403; the
templates only hide the forms a user could not use.
"""

from __future__ import annotations

import base64
import binascii
from functools import partial

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for

from .. import doctypes
from ..vietnamese.dates import short_date, vietnam_time, vietnam_today
from ..plan import marks
from ..plan.model import Plan
from ..sheets.register_sheet import note, register_xlsx
from ..storage import drafts as drafts_store
from ..storage import register as store
from ..storage import signatures
from ..storage.audit import audit
from ..storage.errors import StateError, StorageError
from ..storage.models import ISSUED_PDF, SEALED_PDF, SIGNED_PDF
from .auth import client_ip, current_user, login_required
from .database import database
from .downloads import attachment
from .filenames import plan_filename
from .pdf_gate import pdf_of
from .review_page import version_review

bp = Blueprint("register", __name__)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
# The PDF downloads: step -> what the file name adds to the document's name.
PDF_FILES = {ISSUED_PDF: "", SIGNED_PDF: "-da-ky-so", SEALED_PDF: "-da-phat-hanh"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SEARCH_FIELDS = store.SEARCH_LABELS


def can_issue(user) -> bool:
    return user is not None and user.role in store.ISSUERS


class _Search:
    """The register's search form as typed, read into filters; ``errors``
    maps a field to what is wrong with it."""

    def __init__(self, args):
        self.values = {name: (args.get(name) or "").strip()[:200] for name in SEARCH_FIELDS}
        self.errors: dict[str, str] = {}
        self.dates = {}
        for name in ("date_from", "date_to"):
            try:
                self.dates[name] = store.search_date(self.values[name], name)
            except store.SearchError as error:
                self.errors[name] = error.message

    def entries(self):
        if self.errors:
            return []
        try:
            return store.entries(database(), current_user(), number=self.values["number"],
                                 subject=self.values["subject"], **self.dates)
        except store.SearchError as error:
            self.errors[error.field] = error.message
            return []

    def description(self) -> str:
        """What was searched, for the sheet's second line."""
        return "; ".join(f"{SEARCH_FIELDS[name]}: "
                         + (short_date(self.dates[name]) if self.dates.get(name) else value)
                         for name, value in self.values.items() if value)

    def query(self) -> dict:
        return {name: value for name, value in self.values.items() if value}


@bp.get("/register")
@login_required
def register_page():
    search = _Search(request.args)
    entries = search.entries()
    status = 400 if search.errors else 200
    return render_template("register.html", entries=list(reversed(entries)), search=search,
                           fields=SEARCH_FIELDS, can_issue=can_issue(current_user()),
                           vn_time=vietnam_time, note=note, this_year=vietnam_today().year,
                           today=vietnam_today().isoformat(),
                           example_symbol=doctypes.get(None).default_symbol, urgency=_urgency), status


def _urgency(entry) -> str | None:
    """The entry's độ khẩn as the register shows it (``Hỏa tốc``), or None."""
    mark = marks.urgency((entry.plan or {}).get("urgency"))
    return mark.name if mark else None


@bp.get("/register.xlsx")
@login_required
def export():
    search = _Search(request.args)
    entries = search.entries()
    if search.errors:
        return register_page()
    user = current_user()
    body = register_xlsx(user.unit.name, entries, searched=search.description())
    session = database()
    audit(session, user, "register_export", ip=client_ip(),
          detail=f"{len(entries)} văn bản" + (f"; {search.description()}" if search.query() else ""))
    session.commit()
    today = vietnam_today()
    return attachment(body, XLSX, f"so-van-ban-di-{today:%Y-%m-%d}.xlsx", private=True)


@bp.get("/register/book.pdf")
@login_required
def book():
    """The year's register as Decree 30's book (Appendix IV), to print and bind."""
    from ..storage.book import book_file

    try:
        year = int(request.args.get("year") or vietnam_today().year)
    except ValueError:
        year = 0  # refused below with the reason
    try:
        _, data = book_file(database(), current_user(), year, volume=request.args.get("volume", "01")[:20],
                            paper=request.args.get("paper", "A3"), ip=client_ip(), convert=pdf_of)
    except StateError as error:
        flash(error.message, "error")
        return redirect(url_for(".register_page", _anchor="book"))
    return attachment(data, PDF, f"so-dang-ky-van-ban-di-{year}.pdf", private=True)


@bp.post("/register/<id:entry_id>/sent")
@login_required
def sent(entry_id: int):
    """The văn thư records the hand-over: ngày chuyển and ký nhận (Appendix IV, columns 8 and 9)."""
    from ..vietnamese.dates import read_date

    text = (request.form.get("sent_on") or "").strip()
    try:
        day = read_date(text) if text else None
        dispatch = store.mark_sent(database(), current_user(), entry_id, request.form.get("receiver", "")[:300],
                                   sent_on=day, ip=client_ip())
        flash(f"Đã ghi chuyển văn bản số {dispatch.document.number_text} ngày {short_date(dispatch.sent_on)}, "
              f"ký nhận: {dispatch.receiver}.", "ok")
    except ValueError as error:
        flash(f"Ngày chuyển: {error}; gõ như 04/12/2026.", "error")
    except StateError as error:
        flash(error.message, "error")
    return redirect(url_for(".register_page", _anchor=f"entry-{entry_id}"))


@bp.get("/register/<id:entry_id>/download.docx")
@login_required
def download(entry_id: int):
    entry = store.download(database(), current_user(), entry_id, ip=client_ip())
    response = attachment(entry.docx, DOCX, plan_filename(Plan.model_validate(entry.plan)), private=True)
    response.headers["X-Docx-SHA256"] = entry.sha256
    return response


def _asked_pdf(docx: bytes, *, archive: bool = False) -> bytes:
    """A PDF the user asked for with a button of the register or the review
    page (a signature, the issued PDF, an edXML package, the metadata),
    through the gate: it waits for the user's own PDF in flight (the review
    page's printed pages) rather than being refused (``pdf_of(wait=True)``)."""
    return pdf_of(docx, archive=archive, wait=True)


@bp.get("/register/<id:entry_id>/<step>.pdf")
@login_required
def download_pdf(entry_id: int, step: str):
    """The PDF of the issued document (``issued``), signed by the signer
    (``signer``) or with the organisation's signature too (``organisation``)."""
    stored = signatures.download_pdf(database(), current_user(), entry_id, step, ip=client_ip(),
                                     convert=_asked_pdf)
    name = plan_filename(Plan.model_validate(stored.document.plan)).removesuffix(".docx")
    response = attachment(stored.pdf, PDF, f"{name}{PDF_FILES[step]}.pdf", private=True)
    response.headers["X-PDF-SHA256"] = stored.sha256
    return response


EDXML = "application/xml"


@bp.get("/register/<id:entry_id>/<message>.edxml")
@login_required
def download_edxml(entry_id: int, message: str):
    """The edXML package of the issued document (``goi-tin``: new, or the
    replacement of a recalled one) or its revocation (``thu-hoi``)."""
    from ..edxml.envelope import NEW, REVOKE
    from ..storage import outgoing

    kinds = {"goi-tin": NEW, "thu-hoi": REVOKE}
    if message not in kinds:
        abort(404)
    try:
        entry, data = outgoing.export(database(), current_user(), entry_id, message=kinds[message], ip=client_ip(),
                                      convert=_asked_pdf)
    except StateError as error:
        flash(error.message, "error")
        return redirect(url_for(".register_page", _anchor=f"entry-{entry_id}"))
    name = plan_filename(Plan.model_validate(entry.plan)).removesuffix(".docx")
    return attachment(data, EDXML, f'{name}{"-thu-hoi" if message == "thu-hoi" else ""}.edxml', private=True)


@bp.get("/register/<id:entry_id>/metadata.xml")
@login_required
def download_metadata(entry_id: int):
    """The Decree 30 metadata (Appendix VI) of the issued document, the XML
    file that goes beside its PDF."""
    from ..storage import outgoing

    entry, data = outgoing.metadata_file(database(), current_user(), entry_id, ip=client_ip(), convert=_asked_pdf)
    name = plan_filename(Plan.model_validate(entry.plan)).removesuffix(".docx")
    return attachment(data, EDXML, f"{name}-sieu-du-lieu.xml", private=True)


def issue_concerns(draft, user) -> list[str]:
    """What the văn thư confirms before issuing the approved draft (the
    core's rule, storage.register.issuing_concerns), for the page to show
    beside the form; the errors counted by the page's cached review."""
    approved = draft.approved_document
    errors = version_review(approved.version, approved.docx).errors_count
    return store.issuing_concerns(drafts_store.plan_of(approved.version), user.unit.name, errors)


def confirmed() -> bool:
    """The form's check box "Tôi đã đọc và vẫn …" (``confirm=1``)."""
    return request.form.get("confirm") == "1"


@bp.post("/drafts/<id:draft_id>/issue")
@login_required
def issue(draft_id: int):
    user = current_user()
    draft = drafts_store.get_draft(database(), user, draft_id)
    errors = None
    if can_issue(user) and draft.approved_document is not None and draft.issued_document is None:
        approved = draft.approved_document
        errors = version_review(approved.version, approved.docx).errors_count  # the page's cached count
    replaces = request.form.get("replaces", "")
    try:
        replaces_id = int(replaces) if replaces else None
    except ValueError:
        replaces_id = -1  # no such document: NotFound says so
    try:
        details = store.issue_details(**{name: request.form.get(name, "")[:300] for name in store.DETAIL_LABELS})
    except store.SearchError as error:  # said above the form, nothing issued
        flash(error.message, "error")
        return redirect(url_for("drafts.review", draft_id=draft_id, _anchor="issue"))
    entry = store.issue(database(), user, draft_id, replaces=replaces_id, ip=client_ip(),
                        confirmed=confirmed(), errors=errors, details=details)
    flash(f"Đã ban hành văn bản số {entry.number_text} ngày {short_date(entry.issued_on)}; "
          "đã ghi vào sổ văn bản đi.", "ok")
    return redirect(url_for("drafts.review", draft_id=draft_id))




@bp.post("/register/<id:entry_id>/sign")
@login_required
def sign(entry_id: int):
    """Ký số: the signer named on the document, with their own certificate
    (chosen from the login, never from the form)."""
    return _signing_step(entry_id, partial(signatures.sign, convert=_asked_pdf),  # the PDF through the gate
                         "Đã ký số văn bản số {number}. Văn thư sẽ ký số của cơ quan và phát hành.")


@bp.post("/register/<id:entry_id>/seal")
@login_required
def seal(entry_id: int):
    """Ký số cơ quan và phát hành: the văn thư, with the unit's certificate."""
    return _signing_step(entry_id, signatures.seal,
                         "Đã ký số của cơ quan; văn bản số {number} đã phát hành.")


def _signing_step(entry_id: int, step, done: str):
    """One signature (``signatures.sign`` or ``.seal``) by the logged-in
    user; what happened is flashed on the review page's signing box."""
    entry = store.get_entry(database(), current_user(), entry_id)
    try:
        step(database(), current_user(), entry_id, ip=client_ip())
        flash(done.format(number=entry.number_text), "ok")
    except signatures.SigningUnavailable as error:
        flash(error.message, "error")
    return redirect(url_for("drafts.review", draft_id=entry.draft_id, _anchor="signing"))


# --- signing in two steps, from the page's script (static/js/signing.js) ----------

SIGNED_MESSAGE = "Đã ký số văn bản số {number}. Văn thư sẽ ký số của cơ quan và phát hành."
SEALED_MESSAGE = "Đã ký số của cơ quan; văn bản số {number} đã phát hành."


def _json_error(error: StorageError):
    from .errors import storage_status

    return jsonify(state="error", message=error.message), storage_status(error)


def _done(stored) -> dict:
    message = SIGNED_MESSAGE if stored.step == SIGNED_PDF else SEALED_MESSAGE
    flash(message.format(number=stored.document.number_text), "ok")
    return {"state": "done", "message": message.format(number=stored.document.number_text)}


def _bytes(value) -> bytes:
    try:
        return base64.b64decode(str(value), validate=True)
    except (binascii.Error, ValueError):
        raise StateError("Dữ liệu gửi lên không đúng định dạng base64.") from None


@bp.post("/register/<id:entry_id>/signing/<step>")
@login_required
def signing_start(entry_id: int, step: str):
    """Begins a signature: done at once (a key on the server), or the
    digest for the officer's token, or a wait for the phone (CSC)."""
    data = request.get_json(silent=True) or {}
    try:
        chains = [tuple(_bytes(cert) for cert in chain) for chain in data.get("chains", [])][:20]
        started = signatures.start(database(), current_user(), entry_id, step, chains=chains,
                                   ip=client_ip(), convert=_asked_pdf)  # the issued PDF through the gate
    except StorageError as error:
        return _json_error(error)
    if started.stored is not None:
        return jsonify(_done(started.stored))
    entry = store.get_entry(database(), current_user(), entry_id)
    return jsonify(state="waiting", method=started.method, request=started.request_id,
                   digest=base64.b64encode(started.digest).decode(), algorithm=started.algorithm,
                   seconds=started.seconds, certificate=started.certificate,
                   document=f"văn bản số {entry.number_text}")


@bp.post("/signing/<request_id>/signature")
@login_required
def signing_signature(request_id: str):
    """The token's signature (base64, raw or CMS) for a waiting request."""
    data = request.get_json(silent=True) or {}
    try:
        stored = signatures.finish_with(database(), current_user(), request_id,
                                        _bytes(data.get("signature", "")), ip=client_ip())
    except StorageError as error:
        return _json_error(error)
    return jsonify(_done(stored))


@bp.post("/signing/<request_id>/poll")
@login_required
def signing_poll(request_id: str):
    """Where a remote signature is: waiting (seconds left), done, refused, expired."""
    try:
        progress = signatures.poll(database(), current_user(), request_id, ip=client_ip())
    except StorageError as error:
        return _json_error(error)
    if progress.stored is not None:
        return jsonify(_done(progress.stored))
    return jsonify(state=progress.state, seconds=progress.seconds, message=progress.message)


@bp.post("/signing/<request_id>/cancel")
@login_required
def signing_cancel(request_id: str):
    try:
        signatures.cancel(database(), current_user(), request_id)
    except StorageError as error:
        return _json_error(error)
    return jsonify(state="cancelled", message="Đã hủy yêu cầu ký số; văn bản chưa được ký.")


@bp.post("/register/<id:entry_id>/recall")
@login_required
def recall(entry_id: int):
    try:
        withdrawal = store.recall(database(), current_user(), entry_id,
                                  request.form.get("reason", ""), ip=client_ip())
        flash(f"Đã thu hồi văn bản số {withdrawal.document.number_text}; số này được giữ, "
              "không cấp lại.", "ok")
    except StateError as error:  # no reason, or recalled already: say so on the register
        flash(error.message, "error")
    return redirect(url_for(".register_page", _anchor=f"entry-{entry_id}"))
