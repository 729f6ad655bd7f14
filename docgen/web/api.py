"""The JSON API: the same plan JSON the editor holds goes in; a .docx, an
HTML preview, field errors or a computed appendix table come out. Errors are
described in ``errors.py``, the CSRF rule in ``security.py``."""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, jsonify, request
from pydantic import ValidationError

from .downloads import attachment
from ..plan.appendix import build_table, computed_rows, format_value, total_row
from ..checks import check_plan
from ..plan.labels import field_label
from ..plan.model import Appendix, Campaign, Plan
from ..plan.files import FieldError, PlanFileError, field_errors, label_notices, parse_plan_data, plan_to_yaml
from ..document.preview import preview_html
from ..document.render import render_plan
from .errors import ApiError, errors_json, finding_json, notices_json
from .filenames import draft_filename, plan_filename
from .openapi import openapi_document
from .pdf_gate import check_anonymous_size, pdf_of, pdf_slot
from .imports import import_file, import_text
from .budget import within_budget
from .plans import PlanFileTooLarge, PlanFileUnreadable, editable_data
from .requests import json_object, uploaded_file
from .security import csrf_token
from ..sheets.table_reading import read_grid
from ..plan.yaml_load import dump_yaml
from ..sheets.pasted import MAX_COLUMNS, MAX_ROWS, TableFileUnreadable, UnsupportedTableFile, read_table_file
from ..vietnamese.vn import format_number

bp = Blueprint("api", __name__, url_prefix="/api")

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def _plan_from_request() -> Plan:
    try:
        return parse_plan_data(json_object(), "plan")
    except PlanFileError as error:
        raise ApiError(422, error.errors) from None


RENDER_FORMATS = ("docx", "pdf", "pdf-a")


@bp.post("/render")
def render():
    """The plan as a .docx, or with ``?format=pdf`` its PDF (``pdf-a``:
    PDF/A-2b, for archiving); a PDF that LibreOffice cannot make now, or
    that the PDF gate has no room for, is a 503 with the reason and
    ``Retry-After`` (``PdfError``, see errors.py); an anonymous plan over
    ``DOCGEN_PDF_ANONYMOUS_KB`` is a 413 (pdf_gate.py)."""
    fmt = request.args.get("format", "docx")
    if fmt not in RENDER_FORMATS:
        raise ApiError(400, [FieldError("format", "format phải là docx, pdf hoặc pdf-a")])
    if fmt == "docx":
        plan = _plan_from_request()
        return attachment(render_plan(plan), DOCX, plan_filename(plan))
    check_anonymous_size()
    with pdf_slot():  # before the plan is read: a refused request costs nothing
        plan = _plan_from_request()
        document = pdf_of(render_plan(plan), archive=fmt == "pdf-a")
    return attachment(document, PDF, plan_filename(plan, "pdf"))


@bp.post("/preview")
def preview():
    plan = _plan_from_request()
    return Response(preview_html(plan), mimetype="text/html")


def checked(data) -> dict:
    """What /api/check answers for ``data``: its findings, or the field
    errors (``{"invalid": [...]}``) while it does not validate. Run in a
    parsing worker (``budget``)."""
    try:
        plan = parse_plan_data(data, "plan")
    except PlanFileError as error:
        return {"invalid": error.errors}
    findings = check_plan(plan)
    return {
        "errors": sum(f.severity == "error" for f in findings),
        "warnings": sum(f.severity == "warning" for f in findings),
        "findings": [finding_json(f) for f in findings],
    }


@bp.post("/check")
def check():
    """The findings of ``docgen check`` for the plan being typed (the same
    function, ``checks.check_plan``), each with the field it concerns; 422
    with the field errors while the plan does not validate. Anyone may ask
    (the editor needs no account), so it runs within the parsing budget."""
    answer = within_budget(checked, json_object())
    if "invalid" in answer:
        raise ApiError(422, answer["invalid"])
    return jsonify(answer)


@bp.post("/validate")
def validate():
    """Field errors, and notices of what the model changes in what was typed
    (a typed label taken off: ``{"path", "message", "value", "level":
    "info"}``), also while the plan still has errors elsewhere."""
    data = json_object()
    try:
        parse_plan_data(data, "plan")
        errors = []
    except PlanFileError as error:
        errors = error.errors
    return jsonify(errors=errors_json(errors), notices=notices_json(label_notices(data)))


def _validated_appendix(data) -> Appendix:
    """An appendix sent alone; its errors are named as in a plan's first
    appendix ("Phụ lục 1, dòng 2, cột “Chỉ tiêu”"), their paths under
    ``appendix``."""
    try:
        return Appendix.model_validate(data)
    except ValidationError as error:
        raise ApiError(422, [
            FieldError(f"appendix.{e.path}" if e.path else "appendix", e.message,
                       field_label(f"appendices.0.{e.path}".rstrip("."), {"appendices": [data]}))
            for e in field_errors(error)
        ]) from None


def _campaign_days(data) -> int | None:
    """Days of the campaign for per-day quotas. A campaign still being typed
    (end before start, say) counts as none: its own errors are reported by
    /api/validate, and the table should keep updating meanwhile."""
    if not data:
        return None
    try:
        return Campaign.model_validate(data).quota_days
    except ValidationError:
        return None


@bp.post("/table")
def table():
    """An appendix with its computed columns and total row, rows in the
    order they were entered (``rows``, ``total``: column key -> printed
    cell), as printed (``table``: sorted, with STT), and the figures the
    clerk entered as they were read (``entered``: column key -> number, a
    percent as its fraction), for the editor to show what was computed."""
    body = json_object()
    appendix = _validated_appendix(body.get("appendix"))
    days = _campaign_days(body.get("campaign"))
    rows = computed_rows(appendix, days)
    columns = appendix.columns

    def printed(row):
        return {c.key: format_value(c, row.get(c.key)) for c in columns}

    printed_table = build_table(appendix, days)
    figures = [c.key for c in columns if c.type != "text" and not c.compute]
    return jsonify(
        rows=[printed(row) for row in rows],
        entered=[{key: row[key] for key in figures if row.get(key) is not None} for row in appendix.rows],
        total=printed(total_row(appendix, rows, days)) if appendix.total else None,
        table={
            "head": printed_table.headers,
            "rows": [[cell.text for cell in row] for row in printed_table.rows],
            "total": [cell.text for cell in printed_table.total] if printed_table.total else None,
        },
    )


@bp.post("/export")
def export():
    """The plan as a file to keep: normalised when it validates, else the
    draft exactly as typed (``X-Plan-Valid: false``)."""
    data = json_object()
    fmt = request.args.get("format", "json")
    if fmt not in ("json", "yaml"):
        raise ApiError(400, "format phải là json hoặc yaml")
    try:
        plan = parse_plan_data(data, "plan")
    except PlanFileError:
        plan = None
    if plan is None:
        name = draft_filename(data, fmt)
    else:
        name = plan_filename(plan, fmt)
        data = editable_data(plan)
    if fmt == "yaml":
        text = plan_to_yaml(plan) if plan else dump_yaml(data)
        response = attachment(text, "application/yaml", name)
    else:
        response = attachment(json.dumps(data, ensure_ascii=False, indent=2), "application/json", name)
    response.headers["X-Plan-Valid"] = "true" if plan else "false"
    return response


@bp.post("/import")
def import_plan():
    """A plan file (.json/.yaml), a Word file (.docx) or a text file (.txt)
    as multipart field ``file``, or pasted text as JSON ``{"text": …}`` ->
    the plan for the editor, its field errors and the import warnings.
    Read within the parsing budget (``budget``); 413 past it."""
    try:
        if request.mimetype == "multipart/form-data":
            upload = uploaded_file()
            imported = within_budget(import_file, upload.filename, upload.read())
        else:
            text = json_object().get("text")
            if not isinstance(text, str):
                raise ApiError(422, [FieldError("text", "cần văn bản đã dán (chuỗi ký tự)")])
            imported = within_budget(import_text, text)
    except PlanFileTooLarge as error:
        raise ApiError(413, str(error)) from None
    except PlanFileUnreadable as error:
        raise ApiError(422, str(error)) from None
    return jsonify(imported.as_json())


def _grid_reading(grid, appendix, campaign, start_column: int = 0, figures: str = "Các số đã dán") -> dict:
    """``grid`` read into ``appendix`` (columns and rows as the editor holds
    them, possibly half typed: only their shape is used)."""
    appendix = appendix if isinstance(appendix, dict) else {}
    columns = [c for c in appendix.get("columns") or [] if isinstance(c, dict) and isinstance(c.get("key"), str)]
    rows = appendix.get("rows") if isinstance(appendix.get("rows"), list) else []
    fresh = not any(str(v if v is not None else "").strip()
                    for row in rows if isinstance(row, dict) for v in row.values())
    if len(grid) > MAX_ROWS or any(isinstance(line, list) and len(line) > MAX_COLUMNS for line in grid):
        raise ApiError(422, f"Khối ô quá lớn: tối đa {format_number(MAX_ROWS)} dòng và {MAX_COLUMNS} cột.")
    cells = [[c if isinstance(c, (int, float)) and not isinstance(c, bool) else str(c if c is not None else "")
              for c in line] for line in grid if isinstance(line, list)]
    reading = read_grid(cells, columns, start_column=start_column, fresh=fresh,
                        days=_campaign_days(campaign), figures=figures)
    return reading.as_json()


@bp.post("/appendix/paste")
def appendix_paste():
    """A block of cells pasted in the editor, read into the appendix: its
    columns, data rows, the pasted total row, computed columns to offer and
    the differences between the pasted totals and the computed ones."""
    body = json_object()
    cells = body.get("cells")
    if not isinstance(cells, list) or not all(isinstance(line, list) for line in cells):
        raise ApiError(422, [FieldError("cells", "cần các dòng ô đã dán: một mảng các dòng, mỗi dòng một mảng ô")])
    start = body.get("start_column", 0)
    if isinstance(start, float) and start.is_integer():
        start = int(start)  # JSON has one kind of number: 2.0 is the integer 2
    if not isinstance(start, int) or isinstance(start, bool) or start < 0:
        raise ApiError(422, [FieldError("start_column", "cần số thứ tự cột bắt đầu dán: số nguyên từ 0")])
    for name in ("appendix", "campaign"):
        if not isinstance(body.get(name), (dict, type(None))):
            raise ApiError(422, [FieldError(name, "cần một đối tượng JSON { … } hoặc null")])
    return jsonify(_grid_reading(cells, body.get("appendix"), body.get("campaign"), start))


def _form_json(name: str):
    try:
        return json.loads(request.form.get(name) or "null")
    except ValueError:
        raise ApiError(400, f"Trường '{name}' không phải JSON hợp lệ.") from None


@bp.post("/appendix/rows")
def appendix_rows():
    """A spreadsheet's lines (``rows``, Excel's own total row left out, in
    ``total_row``) and the same reading as a paste (``table``), into the
    appendix sent in the optional form field ``appendix``."""
    upload = uploaded_file()
    try:
        grid = within_budget(read_table_file, upload.filename, upload.read())
    except UnsupportedTableFile as error:
        raise ApiError(415, str(error)) from None
    except TableFileUnreadable as error:
        raise ApiError(422, str(error)) from None
    reading = _grid_reading(grid, _form_json("appendix"), _form_json("campaign"), figures="Các số trong tệp")
    line = reading["total_line"]
    return jsonify(
        rows=[cells for number, cells in enumerate(grid, start=1) if number != line],
        total_row=grid[line - 1] if line else None,
        warnings=reading["warnings"],
        notices=reading["notices"],
        table=reading,
    )


@bp.get("/schema")
def schema():
    return jsonify(Plan.model_json_schema())


@bp.get("/samples")
def samples():
    return jsonify([
        {"id": s.id, "name": s.name, "subject": s.subject}
        for s in current_app.extensions["docgen.samples"].values()
    ])


@bp.get("/samples/<sample_id>")
def sample(sample_id: str):
    found = current_app.extensions["docgen.samples"].get(sample_id)
    if found is None:
        raise ApiError(404, f"Không có văn bản mẫu '{sample_id}'.")
    return jsonify(found.data)


@bp.get("/csrf-token")
def csrf():
    return jsonify(token=csrf_token())


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document())
