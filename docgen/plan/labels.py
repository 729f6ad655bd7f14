"""What the clerk calls each field of a plan: the Vietnamese labels of the
editor's form, by path (``header.place`` -> "Địa danh").

This is the one mapping from path to label. The editor's form takes its
labels from here (the server puts them in the page), and every message a
clerk reads names fields with it: field errors (``plan_io.FieldError``) and
check findings (``checks.fields``), in the editor, the review page and the
CLI. A path that lists an item (``sections.2.blocks.0.text``) reads as the
place in the plan the clerk sees: "Mục III, khối 1 – Nội dung"; an appendix
column is named by its title as typed ("cột “Số cơ sở”"), never by its key.
"""

from __future__ import annotations

import re

from .. import doctypes
from ..vietnamese import vn

# Path patterns (list positions as ``*``) -> label. The form shows these
# labels beside its inputs; the groups' titles name the parts.
FIELD_LABELS: dict[str, str] = {
    "header": "Phần đầu văn bản",
    "header.parent_body": "Cơ quan chủ quản",
    "header.issuing_body": "Cơ quan ban hành",
    "header.issuing_body.*": "Cơ quan ban hành, dòng {n}",
    "header.issuer_name": "Tên cơ quan ban hành viết thường",
    "header.number": "Số",
    "header.symbol": "Ký hiệu",
    "header.place": "Địa danh",
    "header.date": "Ngày ban hành",
    "header.date.day": "Ngày",
    "header.date.month": "Tháng",
    "header.date.year": "Năm",
    "type": "Loại văn bản",
    "subject": "Trích yếu",
    "addressees": "Kính gửi",
    "addressees.*": "Kính gửi, dòng {n}",
    "decider": "Thẩm quyền ban hành",
    "meeting": "Cuộc họp",
    "meeting.invitees": "Kính mời",
    "meeting.event": "Tới dự",
    "meeting.chair": "Chủ trì",
    "meeting.time": "Giờ bắt đầu",
    "meeting.date": "Ngày họp",
    "meeting.place": "Địa điểm",
    "meeting.participants": "Thành phần",
    "meeting.notes": "Đề nghị, lưu ý",
    "meeting.notes.*": "Đoạn {n}",
    "opening": "Căn cứ, mở đầu",
    "opening.*": "Đoạn mở đầu {n}",
    "sections": "Nội dung",
    "sections.*": "Mục {section}",
    "sections.*.title": "Tên mục",
    "sections.*.number": "Số mục",
    "sections.*.blocks": "Các đoạn",
    "sections.*.blocks.*": "khối {n}",
    "sections.*.blocks.*.kind": "Loại khối",
    "sections.*.blocks.*.text": "Nội dung",
    "sections.*.blocks.*.title": "Tiêu đề",
    "sections.*.blocks.*.number": "Số",
    "sections.*.blocks.*.label": "Ký hiệu",
    "sections.*.blocks.*.name": "Tên đơn vị",
    "sections.*.blocks.*.requested": "Đề nghị",
    "sections.*.blocks.*.tasks": "Nhiệm vụ",
    "sections.*.blocks.*.tasks.*": "Nhiệm vụ {n}",
    "sections.*.blocks.*.bullets": "Gạch đầu dòng trước nhiệm vụ",
    "sections.*.blocks.*.run_in": "Nhiệm vụ đầu viết tiếp sau tên đơn vị",
    "closing": "Đoạn kết",
    "closing.*": "Đoạn kết {n}",
    "articles": "Các điều",
    "articles.*": "khối {n}",
    "articles.*.kind": "Loại khối",
    "articles.*.text": "Nội dung",
    "articles.*.title": "Tiêu đề",
    "articles.*.number": "Số",
    "articles.*.label": "Ký hiệu",
    "attached": "Văn bản kèm theo",
    "attached.type": "Loại văn bản kèm theo",
    "attached.subject": "Trích yếu văn bản kèm theo",
    "attached.opening": "Mở đầu văn bản kèm theo",
    "attached.opening.*": "Đoạn mở đầu {n}",
    "attached.sections": "Nội dung văn bản kèm theo",
    "campaign": "Đợt cao điểm, chiến dịch",
    "campaign.name": "Tên đợt",
    "campaign.start": "Từ ngày",
    "campaign.end": "Đến ngày",
    "campaign.days": "Số ngày",
    "campaign.area": "Địa bàn",
    "recipients": "Nơi nhận",
    "recipients.*": "Nơi nhận {n}",
    "recipients.*.name": "Tên nơi nhận",
    "recipients.*.purpose": "Để",
    "recipients.*.code": "Mã định danh",
    "archive": "Lưu",
    "signer": "Người ký",
    "signer.authority": "Thẩm quyền ký",
    "signer.authority.*": "Thẩm quyền ký, dòng {n}",
    "signer.name": "Họ tên người ký",
    "appendices": "Phụ lục",
    "appendices.*": "Phụ lục {n}",
    "appendices.*.title": "Tên phụ lục",
    "appendices.*.subtitle": "Dòng dưới tên",
    "appendices.*.columns": "Cột",
    "appendices.*.columns.*": "cột {column}",
    "appendices.*.columns.*.key": "Mã cột",
    "appendices.*.columns.*.title": "Tên cột",
    "appendices.*.columns.*.type": "Kiểu",
    "appendices.*.columns.*.compute": "Cách tính",
    "appendices.*.columns.*.of": "Tính từ cột",
    "appendices.*.columns.*.of.*": "Tính từ cột thứ {n}",
    "appendices.*.columns.*.decimals": "Số lẻ",
    "appendices.*.rows": "Bảng số liệu",
    "appendices.*.rows.*": "dòng {n}",
    "appendices.*.rows.*.#": "cột {column}",
    "appendices.*.numbered": "Có cột STT",
    "appendices.*.total": "Có dòng tổng",
    "appendices.*.total_label": "Chữ ở dòng tổng",
    "appendices.*.sort": "Sắp xếp",
    "appendices.*.sort.by": "Sắp xếp theo cột",
    "appendices.*.sort.descending": "Sắp xếp giảm dần",
    "appendices.*.orientation": "Khổ giấy",
    # --- the document it follows: "Thực hiện … số … ngày … của …" (a report's: its type's labels) ---
    "appendices.*.columns.*.target": "So với cột chỉ tiêu",
    "reference": "Văn bản được thực hiện",
    "reference.type_name": "Loại văn bản",
    "reference.number": "Số văn bản",
    "reference.symbol": "Ký hiệu văn bản",
    "reference.date": "Ngày văn bản",
    "reference.date.day": "Ngày",
    "reference.date.month": "Tháng",
    "reference.date.year": "Năm",
    "reference.issuer_name": "Cơ quan ban hành văn bản",
    "reference.subject": "Trích yếu văn bản",
    "reference.organ_id": "Mã định danh của cơ quan ban hành",
    "reference.document_id": "Mã văn bản trên trục liên thông",
    "period": "Kỳ báo cáo",
    "period.start": "Kỳ báo cáo – từ ngày",
    "period.end": "Kỳ báo cáo – đến ngày",
    # --- the marks (ô 10a, 10b) and what only a person knows (Appendix VI) ---
    "marks": "Độ mật, độ khẩn",
    "secrecy": "Độ mật",
    "urgency": "Độ khẩn",
    "reply_by": "Hạn trả lời văn bản",
}
# The text a decision issues has sections as a plan has, and a decision's
# articles are blocks as a section's are: the same labels.
FIELD_LABELS.update({f"attached.{pattern}": label for pattern, label in list(FIELD_LABELS.items())
                     if pattern.startswith("sections.")})
FIELD_LABELS.update({"articles." + pattern.removeprefix("sections.*.blocks."): label
                     for pattern, label in list(FIELD_LABELS.items())
                     if pattern.startswith("sections.*.blocks.*.") and "articles." + pattern.removeprefix(
                         "sections.*.blocks.") not in FIELD_LABELS})


def _document_label(data) -> str:
    """The whole document's label: its type's name ("Kế hoạch", "Báo cáo")."""
    return doctypes.of_data(data).name


# Labels of list items that open a new place ("Mục III", "Phụ lục 1"): the
# fields under them are joined with a dash, places with a comma.
_PLACES = {"sections.*", "sections.*.blocks.*", "sections.*.blocks.*.tasks.*", "opening.*", "articles.*",
           "attached.sections.*", "attached.sections.*.blocks.*", "attached.sections.*.blocks.*.tasks.*",
           "attached.opening.*", "closing.*", "addressees.*", "meeting.notes.*", "articles.*.tasks.*",
           "recipients.*", "appendices.*", "appendices.*.columns.*", "appendices.*.rows.*",
           "appendices.*.rows.*.#", "header.issuing_body.*", "signer.authority.*"}


def _pattern(parts: list[str]) -> str:
    return ".".join("*" if part.isdigit() else part for part in parts)


def _get(data, parts):
    for part in parts:
        if isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        elif isinstance(data, dict) and not part.isdigit():
            data = data.get(part)
        else:
            return None
    return data


def _column_title(data, appendix: list[str], key: str | None = None, index: str | None = None) -> str:
    columns = _get(data, appendix + ["columns"])
    columns = columns if isinstance(columns, list) else []
    column = None
    if index is not None and int(index) < len(columns):
        column = columns[int(index)]
    elif key is not None:
        column = next((c for c in columns if isinstance(c, dict) and c.get("key") == key), None)
    title = column.get("title") if isinstance(column, dict) else None
    if isinstance(title, str) and title.strip():
        return f"“{title.strip()}”"
    return f"thứ {int(index) + 1}" if index is not None else f"“{key}” (không có trong phụ lục)"


def field_label(path: str, data=None) -> str:
    """The label of ``path`` as the clerk reads it; ``data`` (the plan as
    typed, valid or not) gives sections' numerals and columns' titles.
    A key the form does not have is quoted after the nearest part it has."""
    if not path:
        return _document_label(data)
    parts = [p for p in str(path).split(".") if p != ""]
    labels = doctypes.of_data(data).labels  # what the type calls its own fields
    top = None
    places: list[str] = []
    fields: list[str] = []
    for end in range(1, len(parts) + 1):
        part = parts[end - 1]
        pattern = _pattern(parts[:end])
        if pattern.startswith("appendices.*.rows.*.") and end == 5:
            pattern = "appendices.*.rows.*.#"
        label = labels.get(pattern, FIELD_LABELS.get(pattern))
        if label is None:
            if top and not places and not fields:
                fields.append(top)
            fields.append(f"trường “{part}”")
            break
        n = int(part) + 1 if part.isdigit() else None
        if "{section}" in label:
            number = _get(data, parts[:end] + ["number"])
            numeral = number.strip().rstrip(".") if isinstance(number, str) and number.strip() else vn.roman(n)
            label = label.format(section=numeral)
        elif "{column}" in label:
            by_key = pattern.endswith(".#")
            label = label.format(column=_column_title(
                data, parts[:2], key=part if by_key else None, index=None if by_key else part))
        elif "{n}" in label:
            label = label.format(n=n)
        if end == 1:
            top = label
        elif pattern in _PLACES:
            places.append(label)
            fields = []
        else:
            fields.append(label)
    if places:
        place = ", ".join([places[0][0].upper() + places[0][1:]] + [p[0].lower() + p[1:] for p in places[1:]])
        return " – ".join([place] + fields)
    return " – ".join(fields) if fields else top or _document_label(data)


def form_labels(doc_type: doctypes.DocumentType | None = None) -> dict[str, str]:
    """The labels by path pattern, for the editor's page (its form takes its
    labels from them; ``{n}`` is an item's number), as ``doc_type`` names
    its own fields."""
    return {**FIELD_LABELS, **(doc_type.labels if doc_type else {})}


_PATH_WORD = re.compile(
    r"\b(?:header|subject|opening|sections|campaign|recipients|archive|signer|appendices|appendix|addressees|"
    r"decider|meeting|articles|closing|attached|reference|period)"
    r"(?:\.[a-z_0-9]+)+\b"
)


def looks_like_path(text: str) -> bool:
    """Whether ``text`` shows an internal path (``header.place``): messages
    for clerks never should."""
    return bool(_PATH_WORD.search(text))
