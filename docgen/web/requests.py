"""Reading requests: JSON objects and uploaded files, with errors the client
can act on (400 malformed, 413 too large, 415 not JSON), and the one guard
on every text a request carries (:func:`refuse_invalid_text`)."""

from __future__ import annotations

import json
import re

from flask import Flask, g, request
from werkzeug.datastructures import FileStorage

from ..plan.files import FieldError
from .errors import ApiError

# What no text field may hold: NUL (PostgreSQL cannot store it; it cuts C
# strings) and UTF-16 surrogates on their own (JSON's "\ud800": no UTF-8
# encodes them). Other control characters are cleaned by the plan model.
INVALID_TEXT = re.compile("[\x00\ud800-\udfff]")


def _is_json() -> bool:
    return request.mimetype == "application/json" or request.mimetype.endswith("+json")


def _decoded_json() -> tuple[object, ApiError | None]:
    """The JSON body and the error reading it, read once per request."""
    if "json_body" not in g:
        raw = request.get_data(cache=True)  # 413 is raised here when too large
        try:
            g.json_body = json.loads(raw.decode("utf-8-sig")), None
        except UnicodeDecodeError:
            g.json_body = None, ApiError(400, "Dữ liệu JSON phải mã hóa UTF-8.")
        except json.JSONDecodeError as error:
            g.json_body = None, ApiError(
                400, f"JSON không hợp lệ: dòng {error.lineno}, cột {error.colno}: {error.msg}.")
        except (ValueError, RecursionError):
            g.json_body = None, ApiError(400, "JSON không hợp lệ: lồng nhau quá sâu hoặc số quá dài.")
    return g.json_body


def json_object() -> dict:
    """The request body as a JSON object."""
    if not _is_json():
        raise ApiError(415, "Cần gửi dữ liệu JSON với Content-Type: application/json.")
    data, error = _decoded_json()
    if error is not None:
        raise error
    if not isinstance(data, dict):
        raise ApiError(400, "Dữ liệu JSON phải là một đối tượng { … }.")
    return data


def _invalid_in_json(data) -> tuple[str, str] | None:
    """(path, text) of the first key or string of ``data`` holding an
    invalid character."""
    pending = [("", data)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, str):
            if INVALID_TEXT.search(value):
                return path, value
        elif isinstance(value, dict):
            for key, item in value.items():
                inner = f"{path}.{key}" if path else str(key)
                if INVALID_TEXT.search(str(key)):
                    return inner, str(key)
                pending.append((inner, item))
        elif isinstance(value, list):
            pending.extend((f"{path}.{index}" if path else str(index), item) for index, item in enumerate(value))
    return None


def _invalid_text() -> tuple[str, str] | None:
    """(field, text) of the first text of the request holding an invalid
    character: its path, query, form fields, file names, JSON body."""
    if INVALID_TEXT.search(request.path):
        return "", request.path
    places = [request.args]
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        places.append(request.form)
    for values in places:
        for key, value in values.items(multi=True):
            for text in (key, value):
                if INVALID_TEXT.search(text):
                    return key, text
    if request.mimetype == "multipart/form-data":
        for key, upload in request.files.items(multi=True):
            if upload.filename and INVALID_TEXT.search(upload.filename):
                return key, upload.filename
    if _is_json() and request.method in ("POST", "PUT", "PATCH"):
        data, error = _decoded_json()
        if error is None:
            return _invalid_in_json(data)
    return None


def refuse_invalid_text() -> None:
    """400 before anything (the database above all) sees a text with a NUL
    or a lone surrogate, wherever the request carries it."""
    found = _invalid_text()
    if found is None:
        return
    field, text = found
    character = INVALID_TEXT.search(text).group(0)
    field = INVALID_TEXT.sub("\ufffd", field)  # the answer names the field, never carries the character
    where = f"trường “{field}”" if field else "địa chỉ"
    raise ApiError(400, [FieldError(field, (
        f"Dữ liệu gửi lên có ký tự không hợp lệ (mã U+{ord(character):04X}) ở {where}, "
        f"vị trí {INVALID_TEXT.search(text).start() + 1}; hãy xóa ký tự đó rồi gửi lại."))])


def init_requests(app: Flask) -> None:
    """Call after init_security: a forged request is refused (403) first."""
    app.before_request(refuse_invalid_text)


def uploaded_file(field: str = "file") -> FileStorage:
    """The one file of a multipart upload."""
    if request.mimetype != "multipart/form-data":
        raise ApiError(415, "Cần gửi tệp dạng multipart/form-data (trường 'file').")
    upload = request.files.get(field)
    if upload is None or not upload.filename:
        raise ApiError(400, "Chưa chọn tệp.")
    return upload
