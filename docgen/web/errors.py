"""Errors the clerk or an API client can act on.

Every API error is JSON: ``{"errors": [{"path": "header.date.month",
"label": "Ngày ban hành – Tháng", "message": "phải nhỏ hơn hoặc bằng 12"}]}``,
``path`` empty when the whole request is concerned; ``label`` is how the
form names the field (``docgen.plan.labels``), what the clerk is shown. Statuses: 400 malformed JSON, 401 not logged in, 403
missing CSRF token or a role that may not do this, 404/405 (another unit's
draft is 404 too), 409 a draft's state or a save conflict, 413 too large,
415 not JSON (or a file type not read), 422 an invalid plan, 429 login
locked, 503 the database or LibreOffice (a PDF) not answering, or every
parsing worker busy (``budget``). Bad input never gives a 500.
"""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException

from ..pdf import PdfError
from ..plan.files import FieldError, FieldNotice
from ..storage.db import SchemaNotReady
from ..storage.errors import (
    Conflict, Forbidden, LoginError, NeedsConfirmation, NotFound, StateError, StorageError, UserError,
)
from .database import discard_session
from .budget import RETRY_AFTER, Busy, OverBudget

MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    401: "Cần đăng nhập để dùng chức năng này.",
    403: "Yêu cầu bị từ chối.",
    404: "Không tìm thấy trang hoặc địa chỉ API này.",
    405: "Địa chỉ này không nhận phương thức {method}.",
    413: "Dữ liệu gửi lên quá lớn: tối đa {limit}. Hãy bớt nội dung hoặc chia nhỏ tệp.",
    415: "Kiểu dữ liệu không được hỗ trợ.",
    500: "Lỗi máy chủ; nội dung đã nhập vẫn được giữ trong trình duyệt. Hãy thử lại.",
    "database": "Cơ sở dữ liệu đang không trả lời nên chưa mở hay lưu được dự thảo, tài khoản. "
                "Trình soạn thảo vẫn dùng được và nội dung đã nhập được giữ trong trình duyệt; "
                "hãy thử lại sau ít phút.",
}


# What the storage refuses, as HTTP statuses (see docgen/storage/errors.py).
STORAGE_STATUS = ((NotFound, 404), (Forbidden, 403), (Conflict, 409), (StateError, 409),
                  (LoginError, 401), (UserError, 400))


def storage_status(error: StorageError) -> int:
    if isinstance(error, LoginError) and error.locked_until is not None:
        return 429
    return next((status for kind, status in STORAGE_STATUS if isinstance(error, kind)), 400)


class ApiError(Exception):
    """An error answer: a status and the field errors to show."""

    def __init__(self, status: int, errors: list[FieldError] | str):
        if isinstance(errors, str):
            errors = [FieldError("", errors)]
        self.status = status
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


def errors_json(errors: list[FieldError]) -> list[dict]:
    return [{"path": e.path, "label": e.label, "message": e.message} for e in errors]


def finding_json(finding) -> dict:
    """A check finding (``checks.Finding``) as the API gives it: the field
    (``path``, ``label``; empty for the whole document), ``severity``
    (error, warning, info), what is wrong, what to do, where it prints."""
    return {
        "path": finding.path, "label": finding.label, "severity": finding.severity,
        "code": finding.code, "message": finding.message, "advice": finding.advice,
        "where": str(finding.where),
    }


def notices_json(notices: list[FieldNotice]) -> list[dict]:
    return [{"path": n.path, "message": n.message, "value": n.value, "level": n.level} for n in notices]


def error_response(status: int, errors: list[FieldError]):
    response = jsonify(errors=errors_json(errors))
    response.status_code = status
    return response


def _size_limit(app: Flask) -> str:
    # A route may allow more than the app's default (a Word file to import).
    limit = request.max_content_length or app.config.get("MAX_CONTENT_LENGTH") or 0
    return f"{limit / (1024 * 1024):.0f} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


def message_for(app: Flask, status: int) -> str:
    return MESSAGES.get(status, MESSAGES[400]).format(
        limit=_size_limit(app), method=request.method
    )


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def api_error(error: ApiError):
        if _wants_json():
            return error_response(error.status, error.errors)
        message = " ".join(e.message for e in error.errors)
        return render_template("error.html", status=error.status, message=message), error.status

    @app.errorhandler(StorageError)
    def storage_error(error: StorageError):
        return api_error(ApiError(storage_status(error), error.message))

    @app.errorhandler(OverBudget)
    def over_budget(error: OverBudget):
        return api_error(ApiError(413, error.message))

    @app.errorhandler(Busy)
    def busy(error: Busy):
        response = app.make_response(api_error(ApiError(503, error.message)))
        response.headers["Retry-After"] = str(RETRY_AFTER)
        return response

    @app.errorhandler(NeedsConfirmation)
    def needs_confirmation(error: NeedsConfirmation):
        # The core's concerns, asked for as the page asks: its check box.
        return api_error(ApiError(409, " ".join(error.concerns)
                                  + f" Hãy đọc lại và đánh dấu ô xác nhận nếu vẫn {error.action}."))

    @app.errorhandler(SchemaNotReady)
    def schema_not_ready(error: SchemaNotReady):
        return api_error(ApiError(503, str(error)))

    @app.errorhandler(PdfError)
    def pdf_error(error: PdfError):
        # LibreOffice missing, failing, too slow or busy (Busy: the PDF gate
        # or the converters are full): a service problem, not the request's;
        # the message says to retry or take the .docx.
        app.logger.warning("PDF not made on %s: %s", request.path, error)
        response = app.make_response(api_error(ApiError(503, str(error))))
        response.headers["Retry-After"] = str(getattr(error, "retry_after", 30))
        return response

    @app.errorhandler(SQLAlchemyError)
    def database_error(error: SQLAlchemyError):
        # The database is down, frozen (statement timeout) or refusing: the
        # request fails alone, with a message, and its session is dropped.
        app.logger.warning("database error on %s: %s", request.path, error.__class__.__name__)
        discard_session()
        response = api_error(ApiError(503, MESSAGES["database"]))
        response = app.make_response(response)
        response.headers["Retry-After"] = "30"
        return response

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        message = message_for(app, status)
        if _wants_json():
            response = error_response(status, [FieldError("", message)])
        else:
            response = app.make_response(
                (render_template("error.html", status=status, message=message), status)
            )
        if status == 405 and hasattr(error, "valid_methods") and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        if isinstance(error, HTTPException):
            return http_error(error)
        app.logger.exception("unexpected error on %s", request.path)
        if _wants_json():
            return error_response(500, [FieldError("", MESSAGES[500])])
        return render_template("error.html", status=500, message=MESSAGES[500]), 500
