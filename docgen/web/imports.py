"""Plans brought into the editor from outside: a plan file (.json/.yaml) as
docgen saved it, or an existing plan as a Word file (.docx), a text file
(.txt) or text pasted from an e-mail or a web page, read by the importer
(``docgen.importing``) as ``docgen import`` reads it.

Every way answers the same thing: the plan as the editor holds it, its field
errors, the import warnings (paragraph number, message, field path and the
field's label) and one sentence saying what was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Flask, request

from .. import doctypes
from ..importing.importer import import_bytes
from ..importing.parse import ImportRefused, ImportTooLarge, ImportWarning
from ..plan.labels import field_label
from ..plan.files import FieldError
from ..word.package import MAX_BYTES
from .errors import errors_json
from .plans import PLAN_FILE_TYPES, PlanFileTooLarge, PlanFileUnreadable, editable_data, editable_or_raw, read_plan_file

WORD_FILE_TYPES = (".docx", ".txt")
# A multipart upload of a Word file up to the reader's own limit (50 MB),
# with room for the form around it; a larger body is 413 before it is read.
UPLOAD_LIMIT = MAX_BYTES + 64 * 1024
# A 20-page plan is about 60 KB of text: more is not a plan pasted by hand,
# and would keep a worker busy for seconds.
MAX_TEXT_BYTES = 2 * 1024 * 1024


@dataclass
class Imported:
    plan: dict
    errors: list[FieldError] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    summary: str = ""

    def as_json(self) -> dict:
        return {"plan": self.plan, "errors": errors_json(self.errors), "warnings": self.warnings,
                "summary": self.summary}


# The routes that take a Word file or a long pasted text.
IMPORT_ENDPOINTS = {"api.import_plan", "pages.import_plan", "pages.reply_plan"}


def _import_limits() -> None:
    """This request's body may be as large as a Word file may be, and the
    pasted text (a form field) as large too, so that its own message says
    when it is too long. Set before anything reads the body (the CSRF check
    reads a form's token)."""
    if request.endpoint in IMPORT_ENDPOINTS:
        request.max_content_length = UPLOAD_LIMIT
        request.max_form_memory_size = UPLOAD_LIMIT


def init_imports(app: Flask) -> None:
    """Call before init_security: hooks run in the order they are added."""
    app.before_request(_import_limits)


def warning_json(warning: ImportWarning, data: dict) -> dict:
    path = warning.path or ""
    return {"paragraph": warning.paragraph, "message": warning.message, "path": path,
            "label": field_label(path, data) if path else ""}


def summary(plan: dict, warnings: list) -> str:
    """“Đã nhập kế hoạch: 4 mục, 1 phụ lục, 12 nơi nhận; 3 cảnh báo”."""
    counts = [(len(plan.get(key) or []), word) for key, word in
              (("sections", "mục"), ("appendices", "phụ lục"), ("recipients", "nơi nhận"))]
    parts = ", ".join(f"{count} {word}" for count, word in counts if count)
    said = f"Đã nhập {doctypes.of_data(plan).noun}{': ' + parts if parts else ''}"
    return f"{said}; {len(warnings)} cảnh báo" if warnings else f"{said}; không có cảnh báo"


def _imported(data: bytes, name: str) -> Imported:
    """The imported plan; a figure the importer could not read (``1,240``)
    goes back into its cell as written, with its field error, as the
    editor keeps a figure typed there."""
    try:
        result = import_bytes(data, name, incomplete=True)
    except ImportTooLarge as error:
        raise PlanFileTooLarge(str(error)) from None
    except ImportRefused as error:
        raise PlanFileUnreadable(str(error)) from None
    plan = editable_data(result.plan) if result.plan is not None else result.data
    errors: list[FieldError] = []
    for path, text in result.held.items():
        _, appendix, _, row, key = path.split(".")
        plan["appendices"][int(appendix)]["rows"][int(row)][key] = text
    if result.held or result.plan is None:  # a field left to fill: the editor shows what is missing
        plan, errors = editable_or_raw(plan)
    warnings = [warning_json(w, result.data) for w in result.warnings if w.path not in result.held]
    return Imported(plan, errors, warnings, summary(plan, warnings))


def import_file(filename: str, content: bytes) -> Imported:
    """An uploaded file: a plan file, else an existing plan (.docx, .txt)
    through the importer; raises PlanFileUnreadable with the clerk's message
    (PlanFileTooLarge past the reader's limits). The web runs it within
    the parsing budget (``budget.within_budget``)."""
    lower = filename.lower()
    if lower.endswith(PLAN_FILE_TYPES):
        plan, errors = read_plan_file(filename, content)
        return Imported(plan, errors, [], "")
    if not lower.endswith(WORD_FILE_TYPES) and not content.startswith(b"PK"):
        raise PlanFileUnreadable("chỉ mở được tệp Word .docx, văn bản .txt hoặc tệp văn bản đã lưu .json, .yaml, .yml")
    if not content.startswith(b"PK") and len(content) > MAX_TEXT_BYTES:
        raise PlanFileTooLarge(f"văn bản quá dài: tối đa {MAX_TEXT_BYTES // (1024 * 1024)} MB")
    return _imported(content, filename)


def import_text(text: str) -> Imported:
    """Text pasted by the clerk; raises PlanFileUnreadable."""
    if not text.strip():
        raise PlanFileUnreadable("chưa có văn bản: hãy dán nội dung văn bản vào ô rồi bấm “Nhập”")
    data = text.encode("utf-8", errors="replace")
    if len(data) > MAX_TEXT_BYTES:
        raise PlanFileTooLarge(f"văn bản quá dài: tối đa {MAX_TEXT_BYTES // (1024 * 1024)} MB")
    return _imported(data, "")
