"""Reading request bodies: JSON objects and uploaded files, with errors the
client can act on (400 malformed, 413 too large, 415 not JSON)."""

from __future__ import annotations

import json

from flask import request
from werkzeug.datastructures import FileStorage

from .errors import ApiError


def json_object() -> dict:
    """The request body as a JSON object."""
    if request.mimetype != "application/json" and not request.mimetype.endswith("+json"):
        raise ApiError(415, "Cần gửi dữ liệu JSON với Content-Type: application/json.")
    raw = request.get_data(cache=True)  # 413 is raised here when too large
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ApiError(400, "Dữ liệu JSON phải mã hóa UTF-8.") from None
    except json.JSONDecodeError as error:
        raise ApiError(
            400, f"JSON không hợp lệ: dòng {error.lineno}, cột {error.colno}: {error.msg}."
        ) from None
    except (ValueError, RecursionError):
        raise ApiError(400, "JSON không hợp lệ: lồng nhau quá sâu hoặc số quá dài.") from None
    if not isinstance(data, dict):
        raise ApiError(400, "Dữ liệu JSON phải là một đối tượng { … }.")
    return data


def uploaded_file(field: str = "file") -> FileStorage:
    """The one file of a multipart upload."""
    if request.mimetype != "multipart/form-data":
        raise ApiError(415, "Cần gửi tệp dạng multipart/form-data (trường 'file').")
    upload = request.files.get(field)
    if upload is None or not upload.filename:
        raise ApiError(400, "Chưa chọn tệp.")
    return upload
