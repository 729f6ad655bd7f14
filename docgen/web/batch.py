"""Batch pages: upload a template plan and a units table, watch the job,
download the ZIP (one plan per unit).

Uploads are checked before a job starts (the template must be a plan, every
placeholder must be known, the table must have rows); when they are not
right the page comes back with the messages and the uploaded files are kept
on the server, so the clerk only replaces the one that was wrong.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict

from flask import Blueprint, Response, abort, current_app, jsonify, redirect, render_template, request, send_file, url_for

from ..jobs import JobQueue
from ..jobs.work import BatchInputError, check_inputs, example_sheet, example_template
from .errors import ApiError

bp = Blueprint("batch", __name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _queue() -> JobQueue:
    return current_app.extensions["docgen.jobs"]


STAGED_LIMIT = 64  # uploads kept for a retry, oldest dropped first


def _staged() -> OrderedDict:
    """Uploads kept between tries: token -> {"template": (name, bytes), ...}."""
    return current_app.extensions.setdefault("docgen.staged", OrderedDict())


@bp.get("/batch")
def batch_page():
    return render_template("batch.html", errors=[], kept={})


@bp.post("/batch")
def start_batch():
    staged = _staged()
    token = request.form.get("kept") or ""
    kept = dict(staged.get(token, {}))
    for kind in ("template", "units"):
        upload = request.files.get(kind)
        if upload is not None and upload.filename:
            kept[kind] = (upload.filename, upload.read())
    missing = [label for kind, label in (("template", "kế hoạch mẫu"), ("units", "bảng đơn vị"))
               if kind not in kept]
    errors = [f"Chưa chọn tệp {label}." for label in missing]
    if not errors:
        (template_name, template), (units_name, units) = kept["template"], kept["units"]
        try:
            check_inputs(template_name, template, units_name, units)
        except BatchInputError as error:
            errors = error.messages
    if errors:
        token = token if token in staged else secrets.token_urlsafe(12)
        staged[token] = kept
        staged.move_to_end(token)
        while len(staged) > STAGED_LIMIT:
            staged.popitem(last=False)
        names = {kind: name for kind, (name, _) in kept.items()}
        return render_template("batch.html", errors=errors, kept=names, kept_token=token), 422
    staged.pop(token, None)
    job = _queue().store.create(template_name, template, units_name, units)
    _queue().submit(job)
    return redirect(url_for("batch.job_page", job_id=job.id), code=303)


def _job(job_id: str):
    try:
        return _queue().status(job_id)
    except KeyError:
        abort(404)


@bp.get("/batch/<job_id>")
def job_page(job_id: str):
    return render_template("batch_job.html", job=_job(job_id))


@bp.get("/api/batch/<job_id>")
def job_status(job_id: str):
    try:
        job = _queue().status(job_id)
    except KeyError:
        raise ApiError(404, "Không có lô này (đã xóa hoặc sai địa chỉ).") from None
    return jsonify(
        state=job.state, done=job.done, total=job.total, ok=job.ok, invalid=job.invalid,
        message=job.message,
        download=url_for("batch.job_result", job_id=job.id) if job.state == "done" else None,
    )


@bp.get("/batch/<job_id>/plans.zip")
def job_result(job_id: str):
    job = _job(job_id)
    if job.state != "done":
        abort(404)
    name = f"ke-hoach-{job.template_name.rsplit('.', 1)[0]}.zip"
    return send_file(_queue().store.result_path(job), mimetype="application/zip",
                     as_attachment=True, download_name=name)


@bp.get("/batch/example/units.xlsx")
def example_units():
    response = Response(example_sheet(), mimetype=XLSX)
    response.headers["Content-Disposition"] = 'attachment; filename="bang-don-vi-mau.xlsx"'
    return response


@bp.get("/batch/example/template.yaml")
def example_plan():
    response = Response(example_template(), mimetype="application/x-yaml")
    response.headers["Content-Disposition"] = 'attachment; filename="ke-hoach-mau-cap-xa.yaml"'
    return response
