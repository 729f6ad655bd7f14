"""Mẫu 1.5, Công văn: no title line; the subject "V/v …" (ô 5b) sits in the
header's left column under the number, 12 pt, upright; the "Kính gửi:"
block under the header."""

from __future__ import annotations

from ... import doctypes
from ...plan.model import Plan
from ..paragraphs import plain


def context(plan: Plan, doc_type: doctypes.DocumentType, common: dict) -> dict:
    header = dict(common["header"], subject_line=doc_type.subject_prefix + plain(plan.subject))
    return {"header": header, "title": None}
