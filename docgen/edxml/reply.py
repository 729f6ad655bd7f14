"""Start the document that answers an incoming package: the parts of a plan
that the package already says. Its reference ("Thực hiện Công văn số 15/UBND-VP
ngày 03/12/2026 của UBND tỉnh Gia Lai về việc …", with the sender's mã định
danh and the package's DocumentId, so that the reply's edXML names it in
ResponseFor), the sender as the one recipient (with its code) and as "Kính
gửi", and the reply deadline noted. The caller lays these over a blank plan
of the unit (``docgen.plan.blank.new_document``: the editor, ``docgen edxml reply``)."""

from __future__ import annotations

import re

from .. import doctypes
from . import EdxmlError
from .envelope import Envelope

_SYMBOL = re.compile(r"[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*")


def reply_parts(envelope: Envelope, doc_type: str | None = None) -> dict:
    """The plan fields a reply to ``envelope`` starts with (JSON, as a plan
    file holds them). ``doc_type``: the reply's type (default: a Công văn,
    the type that answers another body's document)."""
    kind = doctypes.get(doc_type) if doc_type else _answering_type()
    try:
        number = int(envelope.code_number)
    except ValueError:
        raise EdxmlError(f"số văn bản “{envelope.code_number}” của gói edXML không phải là số") from None
    symbol = envelope.code_notation.upper()
    if not _SYMBOL.fullmatch(symbol):
        raise EdxmlError(f"ký hiệu “{envelope.code_notation}” của gói edXML không đúng dạng chữ in hoa nối "
                         "bằng dấu gạch ngang")
    reference = {
        "type_name": envelope.type_name, "number": number, "symbol": symbol,
        "date": {"year": envelope.date.year, "month": envelope.date.month, "day": envelope.date.day},
        "issuer_name": envelope.sender.name, "subject": envelope.subject or None,
        "organ_id": envelope.sender.organ_id, "document_id": envelope.document_id,
    }
    parts = {
        "type": kind.key,
        "reference": {key: value for key, value in reference.items() if value is not None},
        "recipients": [{"name": envelope.sender.name, "code": envelope.sender.organ_id}],
    }
    if kind.addressees != "none":
        parts["addressees"] = [envelope.sender.name]
    return parts


def _answering_type() -> doctypes.DocumentType:
    """The type with no title whose subject starts ``V/v`` (a Công văn)."""
    return next(t for t in doctypes.ALL.values() if not t.has_title and t.subject_prefix and t.standalone)
