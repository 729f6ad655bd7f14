"""Batch pages: upload a template plan (a plan file or a Word plan) and a
units table, watch the job, see each document's checks and the rows not
made, download the ZIP (one plan per unit); download a province's official
units list.

Every page and API route needs a login. A job belongs to the unit of the
user who started it: another unit's job answers 404 on its page, its status
and its ZIP, as if it did not exist (as the drafts do).

Uploads are checked before a job starts (the template must be a plan, every
placeholder must be known, the table must have rows); when they are not
right the page comes back with the messages and the uploaded files are kept
on the server, so the clerk only replaces the one that was wrong. The parent
plan (optional) and a plan given as units source may be Word files: the
import's warnings are kept with the job and shown on its page.
"""

from __future__ import annotations

import errno
import secrets
from collections import OrderedDict
from datetime import datetime, timezone

from flask import Blueprint, abort, current_app, jsonify, make_response, redirect, render_template, request, send_file, url_for

from .downloads import attachment
from .. import doctypes
from ..batch.example import province_sheet
from ..batch.limits import seconds_text
from ..batch.official_units import UnknownProvince, province_named_in, provinces
from ..batch.runner import STATUS_OK
from ..jobs import Job, JobQueue
from ..jobs.queues import QueueUnavailable
from ..jobs.expiry import expires_at
from ..jobs.work import BatchInputError, check_inputs, example_sheet, example_template, example_templates
from ..vietnamese.dates import vietnam_time
from ..vietnamese.vn import slug
from .auth import current_user, login_required
from .errors import ApiError

bp = Blueprint("batch", __name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _queue() -> JobQueue:
    return current_app.extensions["docgen.jobs"]


STAGED_LIMIT = 64  # uploads kept for a retry, oldest dropped first
RECENT_JOBS = 20  # jobs of the unit listed on the batch page


def _staged() -> OrderedDict:
    """Uploads kept between tries: (unit id, token) -> {"template": (name, bytes), ...}."""
    return current_app.extensions.setdefault("docgen.staged", OrderedDict())


def _when(timestamp: float) -> str:
    """A Unix time as Vietnam reads it: ``14:05 ngày 29/8/2023``."""
    return vietnam_time(datetime.fromtimestamp(timestamp, timezone.utc))


def _expiry(job: Job) -> str | None:
    """When the job's files are deleted; None while it runs."""
    until = expires_at(job, current_app.config["JOBS_DAYS"])
    return None if until is None else _when(until)


def _batch_page(errors: list[str], kept: dict, kept_token: str | None = None):
    unit_id = current_user().unit_id
    jobs = [job for job in _queue().store.jobs() if job.unit_id == unit_id][:RECENT_JOBS]
    examples = [doctypes.get(key) for key, _ in example_templates()]
    return render_template("batch.html", errors=errors, kept=kept, kept_token=kept_token, jobs=jobs,
                           expiry=_expiry, when=_when, days=seconds_text(current_app.config["JOBS_DAYS"]),
                           examples=examples, provinces=provinces(),
                           province=request.args.get("province") or province_named_in(current_user().unit.name))


@bp.get("/batch")
@login_required
def batch_page():
    return _batch_page([], {})


@bp.post("/batch")
@login_required
def start_batch():
    user = current_user()
    staged = _staged()
    token = request.form.get("kept") or ""
    kept = dict(staged.get((user.unit_id, token), {}))
    for kind in ("template", "units", "parent"):
        upload = request.files.get(kind)
        if upload is not None and upload.filename:
            kept[kind] = (upload.filename, upload.read())
    missing = [label for kind, label in (("template", "văn bản mẫu"), ("units", "bảng đơn vị"))
               if kind not in kept]
    errors = [f"Chưa chọn tệp {label}." for label in missing]
    warnings: tuple[str, ...] = ()
    if not errors:
        (template_name, template), (units_name, units) = kept["template"], kept["units"]
        try:
            warnings = check_inputs(template_name, template, units_name, units, kept.get("parent")).warnings
        except BatchInputError as error:
            errors = error.messages
    if errors:
        return _keep_uploads(kept, token, errors, 422)
    queue = _queue()
    try:
        job = queue.store.create(template_name, template, units_name, units,
                                 unit_id=user.unit_id, user=user.username, parent=kept.get("parent"),
                                 warnings=list(warnings))
    except OSError as error:
        current_app.logger.error("batch upload not stored in %s: %s", queue.store.root, error)
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return _keep_uploads(kept, token, [DISK_FULL], 507)
        return _keep_uploads(kept, token, [JOBS_UNWRITABLE], 503)
    try:
        queue.submit(job)
    except QueueUnavailable as error:
        current_app.logger.error("batch job not queued: %s", error)
        queue.store.discard(job.id)  # no job that would never run
        return _keep_uploads(kept, token, [QUEUE_DOWN], 503)
    _staged().pop((user.unit_id, token), None)
    return redirect(url_for("batch.job_page", job_id=job.id), code=303)


# Why a checked upload could not become a job; the uploads stay for a retry.
DISK_FULL = ("Máy chủ đã hết chỗ lưu nên chưa tạo được lô. Các tệp đã tải lên vẫn được giữ: "
             "hãy báo quản trị viên giải phóng dung lượng rồi bấm “Tạo các văn bản” lại.")
JOBS_UNWRITABLE = ("Máy chủ không ghi được vào thư mục lưu lô nên chưa tạo được lô. Các tệp đã tải "
                   "lên vẫn được giữ: hãy báo quản trị viên kiểm tra thư mục lưu lô rồi bấm “Tạo các văn bản” lại.")
QUEUE_DOWN = ("Hàng đợi tạo văn bản (Redis) đang không trả lời nên chưa tạo được lô. Các tệp đã "
              "tải lên vẫn được giữ: hãy bấm “Tạo các văn bản” lại sau ít phút.")


def _keep_uploads(kept: dict, token: str, errors: list[str], status: int):
    """The batch page with ``errors``, the uploads kept on the server under a
    token so that the clerk only sends again what was wrong."""
    unit_id = current_user().unit_id
    staged = _staged()
    token = token if (unit_id, token) in staged else secrets.token_urlsafe(12)
    staged[(unit_id, token)] = kept
    staged.move_to_end((unit_id, token))
    while len(staged) > STAGED_LIMIT:
        staged.popitem(last=False)
    names = {kind: name for kind, (name, _) in kept.items()}
    response = make_response(_batch_page(errors, names, token), status)
    if status == 503:
        response.headers["Retry-After"] = "60"
    return response


def _unit_job(job_id: str) -> Job | None:
    """The job if it exists and belongs to the user's unit, else None."""
    try:
        job = _queue().status(job_id)
    except KeyError:
        return None
    return job if job.unit_id is not None and job.unit_id == current_user().unit_id else None


def _job(job_id: str) -> Job:
    job = _unit_job(job_id)
    if job is None:
        abort(404)
    return job


REPORT_ROWS = 300  # rows of each list on a job's page; manifest.csv and loi.csv have them all


def _report(job: Job) -> dict | None:
    """What a finished job's page lists: the rows not made (each problem),
    the documents whose checks found errors (first) or warnings, with their
    counts and first message, and how many were clean."""
    report = _queue().store.report(job) if job.state == "done" else None
    if report is None:
        return None
    made = [e for e in report["entries"] if e["status"] == STATUS_OK]
    flagged = sorted((e for e in made if e.get("errors") or e.get("warnings")),
                     key=lambda e: not e.get("errors"))
    failed = report["errors"]
    return {"failed": failed[:REPORT_ROWS], "failed_more": max(0, len(failed) - REPORT_ROWS),
            "flagged": flagged[:REPORT_ROWS], "flagged_more": max(0, len(flagged) - REPORT_ROWS),
            "clean": len(made) - len(flagged)}


def job_title(job: Job) -> str:
    if job.state == "failed":
        return "Không tạo được lô văn bản"
    if job.state != "done":
        return "Đang tạo các văn bản"
    if job.with_errors or job.invalid:
        return "Đã tạo xong, có văn bản cần sửa"
    return "Đã tạo xong các văn bản"


@bp.get("/batch/<job_id>")
@login_required
def job_page(job_id: str):
    job = _job(job_id)
    return render_template("batch_job.html", job=job, expiry=_expiry(job), notice=_queue().waiting_notice(job),
                           report=_report(job), title=job_title(job))


@bp.get("/api/batch/<job_id>")
@login_required
def job_status(job_id: str):
    job = _unit_job(job_id)
    if job is None:
        raise ApiError(404, "Không có lô này (đã xóa hoặc sai địa chỉ).")
    return jsonify(
        state=job.state, done=job.done, total=job.total, ok=job.ok, invalid=job.invalid,
        with_errors=job.with_errors, with_warnings=job.with_warnings, title=job_title(job),
        message=job.message, expires=_expiry(job), notice=_queue().waiting_notice(job) or None,
        download=url_for("batch.job_result", job_id=job.id) if job.state == "done" else None,
    )


@bp.get("/batch/<job_id>/plans.zip")
@login_required
def job_result(job_id: str):
    job = _job(job_id)
    if job.state != "done":
        abort(404)
    name = f"van-ban-{job.template_name.rsplit('.', 1)[0]}.zip"
    return send_file(_queue().store.result_path(job), mimetype="application/zip",
                     as_attachment=True, download_name=name)


@bp.get("/batch/example/units.xlsx")
@login_required
def example_units():
    return attachment(example_sheet(), XLSX, "bang-don-vi-mau.xlsx")


@bp.get("/batch/official-units.xlsx")
@login_required
def official_units():
    """A province's official units list (after the 07/2025 reform), as
    ``docgen batch-example --province`` writes it."""
    query = request.args.get("province", "")
    try:
        province, _, sheet = province_sheet(query)
    except UnknownProvince as error:
        return make_response(_batch_page([f"Chưa tải được danh sách đơn vị: {error}."], {}), 422)
    name = slug(province.removeprefix("Thành phố ").removeprefix("Tỉnh ")).lower()
    return attachment(sheet, XLSX, f"don-vi-{name}.xlsx")


@bp.get("/batch/example/template.yaml")
@login_required
def example_plan():
    """The example template of ``?type=`` (a document type's key; the default type's without it)."""
    kind = request.args.get("type") or None
    template = example_template(kind)
    if template is None:
        abort(404)
    name = slug(doctypes.get(kind).name).lower()
    return attachment(template, "application/x-yaml", f"{name}-mau-cap-xa.yaml")
