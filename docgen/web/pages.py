"""HTML pages: the start page and the plan editor. The editor itself is a
client-side script over the plan JSON (static/js/); these views only hand it
the plan to start from."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from .. import doctypes
from ..checks.findings import SEVERITY_WORDS
from ..vietnamese.dates import short_date, vietnam_today
from ..plan.blank import new_document
from ..plan.labels import form_labels
from ..plan.vocabulary import editor_lists, editor_type
from .auth import current_user
from .errors import errors_json
from .imports import Imported, import_file, import_text
from .budget import Busy, OverBudget, within_budget
from .plans import PlanFileTooLarge, PlanFileUnreadable, read_plan_file

bp = Blueprint("pages", __name__)


@bp.app_context_processor
def _vocabulary():
    """What the editor's scripts name and offer things with, from the
    server's one copy: field labels by path (``docgen.plan.labels``), severity
    words, and the lists of ``docgen.plan.vocabulary`` (block kinds, column types
    and formulas, section numerals); and the one short date form
    (``docgen.vietnamese.dates``) for every page."""
    return {"editor_vocabulary": lambda: {"labels": form_labels(), "severities": SEVERITY_WORDS, **editor_lists()},
            "editor_type": editor_type, "severity_words": SEVERITY_WORDS, "short_date": short_date,
            "new_types": doctypes.standalone()}


def _samples():
    return current_app.extensions["docgen.samples"]


@bp.get("/")
def start():
    return render_template("start.html", samples=_samples().values())


def _editor(plan: dict, source: str, opened: str, errors=(), status: int = 200, imported: Imported | None = None):
    """opened: "blank", "sample" or "file"; only a blank plan is offered the
    unfinished drafts kept in the browser (static/js/restore.js). imported:
    the import's warnings and summary, shown beside the fields."""
    return render_template(
        "editor.html", plan=plan, doc_type=doctypes.of_data(plan), source=source, opened=opened,
        errors=errors_json(list(errors)),
        import_warnings=imported.warnings if imported else [], import_summary=imported.summary if imported else "",
    ), status


@bp.get("/plan/new")
def new_plan():
    """A blank document of the default type, or of ``?type=`` (a key of
    docgen.doctypes a clerk starts a document of), headed by the logged-in
    clerk's own unit."""
    kind = request.args.get("type") or None
    if kind is not None and (kind not in doctypes.ALL or not doctypes.get(kind).standalone):
        abort(404)
    user = current_user()
    plan = new_document(doctypes.get(kind), vietnam_today(), user.unit.name if user else None)
    return _editor(plan, f"{doctypes.of_data(plan).name} mới", "blank")


@bp.get("/plan/sample/<sample_id>")
def from_sample(sample_id: str):
    sample = _samples().get(sample_id)
    if sample is None:
        abort(404)
    return _editor(sample.data, f"{sample.shown}: {sample.subject}", "sample")


@bp.post("/plan/open")
def open_plan():
    """The start page's "open a plan file" form (CSRF token in the form)."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return render_template("start.html", samples=_samples().values(),
                               open_error="Chưa chọn tệp văn bản (.json, .yaml)."), 400
    try:
        data, errors = within_budget(read_plan_file, upload.filename, upload.read())
    except (PlanFileUnreadable, OverBudget, Busy) as error:
        return render_template("start.html", samples=_samples().values(),
                               open_error=f"{upload.filename}: {error}"), _status(error)
    return _editor(data, f"Tệp {upload.filename}", "file", errors)


@bp.post("/plan/import")
def import_plan():
    """The start page's "Mở từ file Word" (field ``file``) and "Dán văn bản"
    (field ``text``) forms. What cannot be imported is said on the start
    page, focused, with the pasted text still in its box. Read within the
    parsing budget (``budget``): 413 past it."""
    # Its size limits are set before the CSRF check reads the form (imports.init_imports).
    text = request.form.get("text")
    upload = request.files.get("file")
    try:
        if text is not None:
            imported, source = within_budget(import_text, text), "Văn bản đã dán"
        elif upload is not None and upload.filename:
            imported = within_budget(import_file, upload.filename, upload.read())
            source = f"Tệp {upload.filename}"
        else:
            return _start(400, file_error="Chưa chọn tệp Word (.docx) hoặc văn bản (.txt).")
    except (PlanFileUnreadable, OverBudget, Busy) as error:
        said = str(error).rstrip(". ")
        if text is not None:
            return _start(_status(error), text=text, text_error=f"Không nhập được văn bản đã dán: {said}.")
        return _start(_status(error), file_error=f"Không nhập được tệp {upload.filename}: {said}.")
    return _editor(imported.plan, source, "file", imported.errors, imported=imported)


@bp.post("/plan/reply")
def reply_plan():
    """The start page's "Trả lời văn bản nhận qua trục liên thông": an
    incoming edXML package (field ``file``), read strictly within the parsing
    budget, starts the document that answers it (``docgen.edxml.reply``):
    its reference, the sender as recipient and "Kính gửi", headed by the
    clerk's own unit."""
    from ..edxml import EdxmlError
    from ..edxml.reader import read
    from ..edxml.reply import reply_parts

    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _start(400, reply_error="Chưa chọn gói edXML (.edxml, .xml) của văn bản đến.")
    try:
        incoming = within_budget(read, upload.read())
        parts = reply_parts(incoming)
    except EdxmlError as error:
        return _start(422, reply_error=f"Không đọc được gói {upload.filename}: {error}.")
    except (OverBudget, Busy) as error:
        return _start(_status(error), reply_error=f"Không đọc được gói {upload.filename}: {error}.")
    user = current_user()
    plan = {**new_document(doctypes.get(parts["type"]), vietnam_today(), user.unit.name if user else None), **parts}
    return _editor(plan, f"Trả lời {incoming.type_name} số {incoming.number_and_symbol} của {incoming.sender.name}",
                   "file")


def _status(error: Exception) -> int:
    """413 for what is too large to read, 503 while every parsing worker is
    busy, 422 for what cannot be read."""
    if isinstance(error, Busy):
        return 503
    return 413 if isinstance(error, (PlanFileTooLarge, OverBudget)) else 422


def _start(status: int, **import_state):
    return render_template("start.html", samples=_samples().values(), **import_state), status
