"""The OpenAPI 3.1 description of the JSON API (``GET /api/openapi.json``).
The plan's schema is the model's own JSON Schema."""

from __future__ import annotations

import functools

from .. import doctypes
from ..plan.model import Appendix, Campaign, Plan
from .security import CONTENT_SECURITY_POLICY, HEADER

REF = "#/components/schemas/{model}"


def _schemas() -> dict:
    schemas: dict = {}
    for model in (Plan, Appendix, Campaign):
        schema = model.model_json_schema(ref_template=REF)
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
    schemas["FieldError"] = {
        "type": "object",
        "required": ["path", "message"],
        "properties": {
            "path": {"type": "string", "description": "vd. header.date.month, sections.0.blocks.2.text; rỗng: cả yêu cầu"},
            "label": {"type": "string", "description": "Tên trường như trên biểu mẫu, vd. “Ngày ban hành – Tháng”"},
            "message": {"type": "string", "description": "Nội dung tiếng Việt"},
        },
    }
    schemas["Finding"] = {
        "type": "object",
        "required": ["path", "label", "severity", "code", "message", "advice", "where"],
        "properties": {
            "path": {"type": "string", "description": "Trường của văn bản, vd. header.place; rỗng: cả văn bản"},
            "label": {"type": "string", "description": "Tên trường như trên biểu mẫu, vd. “Địa danh”; rỗng: cả văn bản"},
            "severity": {"enum": ["error", "warning", "info"]},
            "code": {"type": "string", "description": "vd. layout.date_line, consistency.figure_mismatch"},
            "message": {"type": "string", "description": "Điều chưa đúng (tiếng Việt)"},
            "advice": {"type": "string", "description": "Cách sửa (tiếng Việt)"},
            "where": {"type": "string", "description": "Vị trí trong văn bản in ra, vd. “Mục III, đoạn 3 «…»”"},
        },
    }
    schemas["Findings"] = {
        "type": "object",
        "required": ["findings", "errors", "warnings"],
        "properties": {
            "findings": {"type": "array", "items": {"$ref": REF.format(model="Finding")}},
            "errors": {"type": "integer"},
            "warnings": {"type": "integer"},
        },
    }
    schemas["Errors"] = {
        "type": "object",
        "required": ["errors"],
        "properties": {"errors": {"type": "array", "items": {"$ref": REF.format(model="FieldError")}}},
    }
    schemas["FieldNotice"] = {
        "type": "object",
        "required": ["path", "message", "value", "level"],
        "description": "Điều văn bản đã tự sửa (không phải lỗi), vd. bỏ số “1.” gõ ở đầu tiêu đề",
        "properties": {
            "path": {"type": "string", "description": "vd. sections.0.blocks.1.title"},
            "message": {"type": "string", "description": "Nội dung tiếng Việt"},
            "value": {"type": "string", "description": "Nội dung văn bản giữ lại ở trường này"},
            "level": {"const": "info"},
        },
    }
    schemas["Validation"] = {
        "type": "object",
        "required": ["errors", "notices"],
        "properties": {"errors": {"type": "array", "items": {"$ref": REF.format(model="FieldError")}},
                       "notices": {"type": "array", "items": {"$ref": REF.format(model="FieldNotice")}}},
    }
    schemas["TableRequest"] = {
        "type": "object",
        "required": ["appendix"],
        "properties": {
            "appendix": {"$ref": REF.format(model="Appendix")},
            "campaign": {"anyOf": [{"$ref": REF.format(model="Campaign")}, {"type": "null"}]},
        },
    }
    schemas["ComputedTable"] = {
        "type": "object",
        "description": "Các ô đã định dạng (1.248.912, 35,90%).",
        "properties": {
            "rows": {"type": "array", "description": "Theo thứ tự nhập; mỗi dòng: mã cột -> ô",
                     "items": {"type": "object", "additionalProperties": {"type": "string"}}},
            "total": {"type": ["object", "null"], "additionalProperties": {"type": "string"}},
            "entered": {"type": "array", "description": "Số liệu đã nhập, theo thứ tự nhập, như đã đọc: mã cột -> số "
                                                        "(cột tỷ lệ: phân số, 0,7143 là 71,43%)",
                        "items": {"type": "object", "additionalProperties": {"type": "number"}}},
            "table": {"type": "object", "description": "Bảng như in trong phụ lục (đã sắp xếp)",
                      "properties": {"head": {"type": "array", "items": {"type": "string"}},
                                     "rows": {"type": "array", "items": {"type": "array", "items": {"type": "string"}}},
                                     "total": {"type": ["array", "null"], "items": {"type": "string"}}}},
        },
    }
    schemas["ImportText"] = {
        "type": "object", "required": ["text"],
        "properties": {"text": {"type": "string", "description": "Văn bản đã dán (chép từ e-mail, "
                                                                 "trang văn bản pháp luật, tệp Word); tối đa 2 MB"}},
    }
    schemas["ImportWarning"] = {
        "type": "object", "required": ["paragraph", "message", "path", "label"],
        "description": "Điều không xếp được vào đúng chỗ hoặc phải suy ra khi nhập",
        "properties": {
            "paragraph": {"type": "integer", "description": "Số thứ tự đoạn trong văn bản gốc (từ 1; 0: cả văn bản)"},
            "message": {"type": "string", "description": "Nội dung tiếng Việt"},
            "path": {"type": "string", "description": "Trường liên quan, vd. signer.name; rỗng: cả văn bản"},
            "label": {"type": "string", "description": "Tên trường như trên biểu mẫu, vd. “Người ký – Họ tên”"},
        },
    }
    schemas["Imported"] = {
        "type": "object", "required": ["plan", "errors", "warnings", "summary"],
        "properties": {
            "plan": {"$ref": REF.format(model="PlanDraft")},
            "errors": {"type": "array", "items": {"$ref": REF.format(model="FieldError")},
                       "description": "Lỗi theo trường (tệp văn bản chưa hợp lệ; văn bản nhập từ Word luôn hợp lệ)"},
            "warnings": {"type": "array", "items": {"$ref": REF.format(model="ImportWarning")}},
            "summary": {"type": "string", "description": "vd. “Đã nhập văn bản: 3 mục, 1 phụ lục, 9 nơi nhận; "
                                                         "2 cảnh báo”; rỗng cho tệp văn bản"},
        },
    }
    schemas["PlanDraft"] = {
        "type": "object",
        "description": "Văn bản đang soạn, có thể chưa hợp lệ (cùng dạng với Plan, trường nào cũng có thể thiếu)",
    }
    draft = {
        "id": {"type": "integer", "minimum": 1},
        "title": {"type": "string"},
        "state": {"enum": ["draft", "submitted", "returned", "approved"]},
        "state_label": {"type": "string", "description": "vd. “Đang soạn”"},
        "head_version": {"type": "integer"},
        "reviewed_version": {"type": ["integer", "null"]},
        "updated_at": {"type": "string", "description": "Giờ Việt Nam, vd. 14:05 ngày 29/8/2023"},
        "author": {"type": "string"},
        "url": {"type": "string"}, "edit_url": {"type": "string"}, "submit_url": {"type": "string"},
        "approved_sha256": {"type": "string", "description": "Chỉ có khi đã duyệt"},
    }
    draft_required = ["id", "title", "state", "state_label", "head_version", "reviewed_version",
                      "updated_at", "author", "url", "edit_url", "submit_url"]
    schemas["Draft"] = {"type": "object", "required": draft_required, "properties": draft}
    schemas["DraftWithPlan"] = {"type": "object", "required": [*draft_required, "plan"],
                                "properties": {**draft, "plan": {"$ref": REF.format(model="PlanDraft")}}}
    schemas["SavedDraft"] = {"type": "object", "required": [*draft_required, "version"],
                             "properties": {**draft, "version": {"type": "integer", "minimum": 1}}}
    schemas["DraftList"] = {"type": "object", "required": ["drafts"],
                            "properties": {"drafts": {"type": "array", "items": {"$ref": REF.format(model="Draft")}}}}
    schemas["NewDraft"] = {"type": "object", "required": ["plan"],
                           "properties": {"plan": {"$ref": REF.format(model="PlanDraft")}}}
    schemas["NewVersion"] = {
        "type": "object", "required": ["plan", "base_version"],
        "properties": {"plan": {"$ref": REF.format(model="PlanDraft")},
                       "base_version": {"type": "integer", "description": "Số phiên bản bắt đầu sửa"}}}
    schemas["SaveConflict"] = {
        "type": "object", "required": ["errors", "latest", "copy"],
        "description": "Người khác đã lưu phiên bản mới hơn: bản của họ là phiên bản mới nhất, "
                       "bản gửi lên được giữ thành bản xung đột",
        "properties": {
            "errors": {"type": "array", "items": {"$ref": REF.format(model="FieldError")}},
            "latest": {"type": "object", "required": ["version", "author", "saved_at", "plan"],
                       "properties": {"version": {"type": "integer"}, "author": {"type": "string"},
                                      "saved_at": {"type": "string"},
                                      "plan": {"$ref": REF.format(model="PlanDraft")}}},
            "copy": {"type": "object", "required": ["version"], "properties": {"version": {"type": "integer"}}},
        },
    }
    schemas["BatchJob"] = {
        "type": "object",
        "required": ["state", "done", "total", "ok", "invalid", "message", "expires", "notice", "download"],
        "properties": {
            "state": {"enum": ["queued", "running", "done", "failed"]},
            "done": {"type": "integer"}, "total": {"type": "integer"},
            "ok": {"type": "integer"}, "invalid": {"type": "integer"},
            "message": {"type": ["string", "null"]},
            "expires": {"type": ["string", "null"], "description": "Khi các tệp của lô bị xóa; null khi đang chạy"},
            "notice": {"type": ["string", "null"],
                       "description": "Khi lô phải chờ việc chỉ quản trị viên làm được (không có máy tạo "
                                      "văn bản nào đang chạy, hàng đợi không trả lời); null khi không có"},
            "download": {"type": ["string", "null"], "description": "Địa chỉ tệp ZIP khi xong"},
        },
    }
    return schemas


def _error(description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": REF.format(model="Errors")}}}}


_DEFAULT = doctypes.get(None)  # the examples are of the default type

# A short plan that validates: the example request of the operations that
# take a plan (schemathesis sends it first; a client can copy it).
PLAN_EXAMPLE = {
    "header": {"issuing_body": ["ỦY BAN NHÂN DÂN", "XÃ CÁT HẢI"], "place": "Cát Hải",
               "date": {"day": 29, "month": 8, "year": 2023}, "symbol": _DEFAULT.default_symbol},
    "subject": "Triển khai Chiến dịch mùa hè số trên địa bàn xã",
    "sections": [{"title": "MỤC ĐÍCH, YÊU CẦU",
                  "blocks": [{"kind": "paragraph", "text": "Nâng cao kỹ năng số cho Nhân dân."}]}],
    "recipients": [{"name": "UBND huyện", "purpose": "để báo cáo"}],
    "signer": {"authority": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "name": "Nguyễn Văn An"},
}
# Pasted text as a clerk copies it from a web page (the header flattened).
TEXT_EXAMPLE = (
    "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ CÁT HẢI | Độc lập - Tự do - Hạnh phúc\n"
    f"{_DEFAULT.example_symbol_line(15)} | Cát Hải, ngày 29 tháng 8 năm 2023\n\n{_DEFAULT.title}\n"
    "Triển khai Chiến dịch mùa hè số trên địa bàn xã\n\nI. MỤC ĐÍCH, YÊU CẦU\n"
    "Nâng cao kỹ năng số cho Nhân dân.\n\nNơi nhận:\n- UBND huyện (để báo cáo);\n- Lưu: VT.\n\n"
    "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An\n")
EXAMPLES = {
    "Plan": PLAN_EXAMPLE, "PlanDraft": PLAN_EXAMPLE,
    "NewDraft": {"plan": PLAN_EXAMPLE},
    "NewVersion": {"plan": PLAN_EXAMPLE, "base_version": 1},
}


def _json_body(model: str) -> dict:
    media = {"schema": {"$ref": REF.format(model=model)}}
    if model in EXAMPLES:
        media["example"] = EXAMPLES[model]
    return {"required": True, "content": {"application/json": media}}


def _upload_body(description: str) -> dict:
    return {"required": True, "content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["file"],
        "properties": {"file": {"type": "string", "format": "binary", "description": description}}}}}}


def _json(schema: str, description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": REF.format(model=schema)}}}}


BAD_INPUT = {
    "400": _error("JSON không hợp lệ"),
    "403": _error("Thiếu mã CSRF (yêu cầu có cookie phiên hoặc gửi dạng form)"),
    "413": _error("Dữ liệu quá lớn"),
    "415": _error("Không phải JSON"),
}
INVALID_PLAN = {"422": _error("Văn bản không hợp lệ: lỗi theo từng trường, kể cả các quy tắc "
                              "mà JSON Schema không diễn tả được (vd. ngày có trong lịch, mã cột không trùng)")}
LOGIN = {"401": _error("Chưa đăng nhập"),
         "503": {**_error("Cơ sở dữ liệu không trả lời; thử lại sau"),
                 "headers": {"Retry-After": {"schema": {"type": "string"}}}}}
# Import, the appendix upload and the check run in a worker within a budget (docgen.web.budget).
BUDGET = {"413": _error("Quá giới hạn đọc: tệp quá lớn (50 MB), quá nhiều ô bảng, đoạn hay chữ, hoặc vượt "
                        "số giây xử lý, bộ nhớ của một lần đọc"),
          "503": {**_error("Máy chủ đang bận đọc các tệp khác; thử lại sau"),
                  "headers": {"Retry-After": {"schema": {"type": "string"}}}}}
NOT_ALLOWED = {"405": {**_error("Địa chỉ này không nhận phương thức đó"),
                       "headers": {"Allow": {"schema": {"type": "string"},
                                             "description": "Các phương thức địa chỉ này nhận"}}}}
DRAFT_ID = [{"name": "draft_id", "in": "path", "required": True,
             "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}}]
SESSION = [{"session": []}]
DRAFT_LINKS = {  # what a client does next with the draft it created
    "GetDraft": {"operationId": "getDraft", "parameters": {"draft_id": "$response.body#/id"}},
    "SaveVersion": {"operationId": "saveVersion", "parameters": {"draft_id": "$response.body#/id"},
                    "requestBody": {"plan": "$request.body#/plan", "base_version": "$response.body#/version"}},
}


def _with_method_errors(paths: dict) -> dict:
    """Every operation also answers 405 (with Allow) to a method its path
    does not serve; the status is declared once here."""
    for operations in paths.values():
        for operation in operations.values():
            operation["responses"].update(NOT_ALLOWED)
    return paths


@functools.lru_cache(maxsize=1)
def openapi_document() -> dict:
    plan_body = _json_body("Plan")
    draft_body = _json_body("PlanDraft")  # these two take a plan still being typed
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "docgen API",
            "version": "1",
            "description": (
                "Văn bản (các loại ở docgen.doctypes) theo Nghị định 30/2020/NĐ-CP: kiểm tra, xem trước, tạo .docx. "
                f"CSRF: a request carrying the browser session cookie must send the token in {HEADER}; "
                "requests without a session may POST application/json; multipart uploads always need "
                "a token (GET /api/csrf-token). "
                f"Responses carry Content-Security-Policy: {CONTENT_SECURITY_POLICY}."
            ),
        },
        "paths": _with_method_errors({
            "/api/render": {"post": {
                "summary": "Văn bản -> tệp .docx, hoặc PDF (format=pdf; pdf-a: PDF/A-2b để lưu trữ)",
                "parameters": [{"name": "format", "in": "query",
                                "schema": {"enum": ["docx", "pdf", "pdf-a"], "default": "docx"}}],
                "requestBody": plan_body,
                "responses": {
                    "200": {"description": "Tệp Word hoặc PDF; Content-Disposition mang tên tệp, "
                                           f"vd. {_DEFAULT.symbol_prefix}-2314-UBND-Gia-Lai-2023-08-29.docx (.pdf)",
                            "content": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
                                "schema": {"type": "string", "format": "binary"}},
                                "application/pdf": {"schema": {"type": "string", "format": "binary"}}}},
                    **BAD_INPUT, **INVALID_PLAN,
                    "413": _error("Dữ liệu quá lớn; PDF khi chưa đăng nhập chỉ cho văn bản đến "
                                  "DOCGEN_PDF_ANONYMOUS_KB (40 KB)"),
                    "503": {**_error("Chưa tạo được PDF (LibreOffice chưa cài, lỗi hoặc quá thời gian; hoặc "
                                     "đang có quá nhiều bản PDF được tạo cùng lúc); thử lại sau Retry-After "
                                     "giây hoặc lấy tệp .docx"),
                            "headers": {"Retry-After": {"schema": {"type": "string"}}}}}}},
            "/api/preview": {"post": {
                "summary": "Văn bản -> bản xem trước HTML (một đoạn HTML)",
                "requestBody": plan_body,
                "responses": {"200": {"description": "Đoạn HTML", "content": {"text/html": {"schema": {"type": "string"}}}},
                              **BAD_INPUT, **INVALID_PLAN}}},
            "/api/validate": {"post": {
                "summary": "Kiểm tra văn bản; errors rỗng khi hợp lệ",
                "requestBody": draft_body,
                "responses": {"200": {"description": "Các lỗi theo trường, và các điều đã tự sửa (notices)",
                                      "content": {"application/json": {"schema": {"$ref": REF.format(model="Validation")}}}},
                              **BAD_INPUT}}},
            "/api/check": {"post": {
                "summary": "Kiểm tra thể thức (Nghị định 30), tính nhất quán, dữ liệu nhạy cảm: "
                           "đúng các phát hiện của `docgen check` cho văn bản này, kèm trường liên quan",
                "requestBody": plan_body,
                "responses": {"200": {"description": "Các phát hiện",
                                      "content": {"application/json": {"schema": {"$ref": REF.format(model="Findings")}}}},
                              **BAD_INPUT, **INVALID_PLAN, **BUDGET}}},
            "/api/table": {"post": {
                "summary": "Phụ lục -> bảng đã tính (cột tính toán, dòng tổng)",
                "requestBody": _json_body("TableRequest"),
                "responses": {"200": {"description": "Bảng đã tính",
                                      "content": {"application/json": {"schema": {"$ref": REF.format(model="ComputedTable")}}}},
                              **BAD_INPUT, **INVALID_PLAN}}},
            "/api/export": {"post": {
                "summary": "Văn bản -> tệp JSON hoặc YAML để lưu, mở lại sau",
                "parameters": [{"name": "format", "in": "query", "schema": {"enum": ["json", "yaml"], "default": "json"}}],
                "requestBody": draft_body,
                "responses": {"200": {"description": "Tệp văn bản (bản nháp chưa hợp lệ vẫn xuất được)"}, **BAD_INPUT}}},
            "/api/import": {"post": {
                "summary": "Văn bản có sẵn -> dữ liệu cho trình soạn thảo, các lỗi và cảnh báo khi nhập: "
                           "tệp Word .docx, văn bản .txt, tệp văn bản .json/.yaml (multipart, trường file) "
                           "hoặc văn bản đã dán (JSON {text}); như lệnh `docgen import`",
                "requestBody": {"required": True, "content": {
                    **_upload_body("Tệp .docx, .txt (UTF-8), .json, .yaml hoặc .yml; tối đa 50 MB")["content"],
                    "application/json": {"schema": {"$ref": REF.format(model="ImportText")},
                                         "example": {"text": TEXT_EXAMPLE}}}},
                "responses": {"200": _json("Imported", "Văn bản đã nhập"),
                              **BAD_INPUT, **BUDGET,
                              "415": _error("Không phải multipart/form-data hay JSON"),
                              "422": _error("Không nhập được: không phải tệp Word .docx hay văn bản, "
                                            "tệp .doc cũ, có mật khẩu, có macro (.docm), tệp nén bất thường, có DTD/ENTITY, "
                                            "văn bản trống, không nhận ra văn bản")}}},
            "/api/appendix/rows": {"post": {
                "summary": "Tệp bảng tính .xlsx/.csv -> các dòng của phụ lục (dòng Tổng của Excel tách riêng)",
                "requestBody": _upload_body("Tệp .xlsx hoặc .csv (UTF-8); trường tùy chọn appendix, campaign (JSON)"),
                "responses": {"200": {"description": "{rows: [[ô, …], …], total_row, warnings, notices, table: như /api/appendix/paste}"},
                              **BAD_INPUT, **BUDGET, "422": _error("Tệp không đọc được")}}},
            "/api/appendix/paste": {"post": {
                "summary": "Khối ô dán từ Excel -> cột, dòng, dòng tổng đã dán, cột tự tính đề xuất, cảnh báo",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["cells"],
                    "properties": {"cells": {"type": "array", "items": {"type": "array"}},
                                   "appendix": {"type": ["object", "null"]}, "campaign": {"type": ["object", "null"]},
                                   "start_column": {"type": "integer", "minimum": 0}}}}}},
                "responses": {"200": {"description": "{columns, rows (số liệu đã đọc: số; ô chưa đọc được giữ nguyên), header, total_line, total, computed, "
                                                    "suggestions, warnings, notices (đã đọc số theo kiểu nào), convention, decimals}"},
                              **BAD_INPUT, "422": _error("Thiếu cells, hoặc một trường sai kiểu; khối ô quá lớn")}}},
            "/api/schema": {"get": {"summary": "JSON Schema của văn bản",
                                    "responses": {"200": {"description": "JSON Schema"}}}},
            "/api/samples": {"get": {"summary": "Các văn bản mẫu", "responses": {"200": {"description": "[{id, name, subject}]"}}}},
            "/api/samples/{sample_id}": {"get": {
                "summary": "Một văn bản mẫu",
                "parameters": [{"name": "sample_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "Văn bản", "content": {"application/json": {"schema": {"$ref": REF.format(model="Plan")}}}},
                              "404": _error("Không có mẫu này")}}},
            "/api/csrf-token": {"get": {"summary": "Mã CSRF của phiên (đặt cookie phiên)",
                                        "responses": {"200": {"description": "{token}"}}}},
            "/api/openapi.json": {"get": {"summary": "Tài liệu này", "responses": {"200": {"description": "OpenAPI"}}}},
            "/api/drafts": {
                "get": {"summary": "Các dự thảo của đơn vị (cần đăng nhập)", "security": SESSION,
                        "responses": {"200": _json("DraftList", "Dự thảo, mới sửa trước"), **LOGIN}},
                "post": {"summary": "Tạo dự thảo từ văn bản (phiên bản 1)", "security": SESSION,
                         "requestBody": _json_body("NewDraft"),
                         "responses": {"201": {**_json("SavedDraft", "Đã tạo"), "links": DRAFT_LINKS},
                                       **BAD_INPUT, **LOGIN,
                                       "403": _error("Thiếu mã CSRF, hoặc vai trò không được tạo dự thảo"),
                                       "422": _error("Thiếu plan, hoặc văn bản không hợp lệ: lỗi theo từng trường")}}},
            "/api/drafts/{draft_id}": {"get": {
                "operationId": "getDraft", "summary": "Một dự thảo, kèm văn bản của phiên bản mới nhất", "security": SESSION,
                "parameters": DRAFT_ID,
                "responses": {"200": _json("DraftWithPlan", "Dự thảo"), **LOGIN,
                              "404": _error("Không có dự thảo này trong đơn vị")}}},
            "/api/drafts/{draft_id}/versions": {"post": {
                "operationId": "saveVersion", "summary": "Lưu phiên bản mới, dựa trên phiên bản base_version", "security": SESSION,
                "parameters": DRAFT_ID, "requestBody": _json_body("NewVersion"),
                "responses": {"201": _json("SavedDraft", "Đã lưu"), **BAD_INPUT, **LOGIN,
                              "403": _error("Thiếu mã CSRF, hoặc vai trò không được sửa dự thảo"),
                              "404": _error("Không có dự thảo này trong đơn vị"),
                              "409": _json("SaveConflict", "Xung đột: người khác đã lưu trước, "
                                                           "hoặc dự thảo đang ở trạng thái không sửa được"),
                              "422": _error("Thiếu plan hoặc base_version, hoặc văn bản không hợp lệ")}}},
            "/api/agencies": {"get": {
                "summary": "Tìm cơ quan trong danh bạ theo tên hoặc mã định danh (cần đăng nhập)", "security": SESSION,
                "parameters": [{"name": "q", "in": "query", "required": False, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "[{code, name, in_charge}], tối đa 30"}, **LOGIN}}},
            "/api/batch/{job_id}": {"get": {
                "summary": "Tiến độ một lô tạo văn bản (cần đăng nhập)", "security": SESSION,
                "parameters": [{"name": "job_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": _json("BatchJob", "Trạng thái, số đã xong, địa chỉ tải ZIP"), **LOGIN,
                              "404": _error("Không có lô này trong đơn vị")}}},
        }),
        "components": {
            "schemas": _schemas(),
            "securitySchemes": {"session": {
                "type": "apiKey", "in": "cookie", "name": "docgen_session",
                "description": "Cookie phiên sau khi đăng nhập (POST /login); mọi POST kèm "
                               f"phiên phải gửi mã CSRF trong {HEADER}"}},
        },
    }
