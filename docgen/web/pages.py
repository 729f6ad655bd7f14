"""HTML pages: the start page and the plan editor. The editor itself is a
client-side script over the plan JSON (static/js/); these views only hand it
the plan to start from."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from ..checks.findings import SEVERITY_WORDS
from ..labels import form_labels
from .errors import errors_json
from .plans import PlanFileUnreadable, blank_plan, read_plan_file

bp = Blueprint("pages", __name__)


@bp.app_context_processor
def _vocabulary():
    """What the editor's scripts name things with, from the server's one
    copy: field labels by path (``docgen.labels``) and severity words."""
    return {"editor_vocabulary": lambda: {"labels": form_labels(), "severities": SEVERITY_WORDS},
            "severity_words": SEVERITY_WORDS}


def _samples():
    return current_app.extensions["docgen.samples"]


@bp.get("/")
def start():
    return render_template("start.html", samples=_samples().values())


def _editor(plan: dict, source: str, opened: str, errors=(), status: int = 200):
    """opened: "blank", "sample" or "file"; only a blank plan is offered the
    unfinished drafts kept in the browser (static/js/restore.js)."""
    return render_template(
        "editor.html", plan=plan, source=source, opened=opened, errors=errors_json(list(errors))
    ), status


@bp.get("/plan/new")
def new_plan():
    return _editor(blank_plan(), "Kế hoạch mới", "blank")


@bp.get("/plan/sample/<sample_id>")
def from_sample(sample_id: str):
    sample = _samples().get(sample_id)
    if sample is None:
        abort(404)
    return _editor(sample.data, f"Mẫu {sample.id}: {sample.subject}", "sample")


@bp.post("/plan/open")
def open_plan():
    """The start page's "open a plan file" form (CSRF token in the form)."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return render_template("start.html", samples=_samples().values(),
                               open_error="Chưa chọn tệp kế hoạch."), 400
    try:
        data, errors = read_plan_file(upload.filename, upload.read())
    except PlanFileUnreadable as error:
        return render_template("start.html", samples=_samples().values(),
                               open_error=f"{upload.filename}: {error}"), 422
    return _editor(data, f"Tệp {upload.filename}", "file", errors)
