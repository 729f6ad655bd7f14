"""Mẫu 1.4 (and 1.7, Giấy mời): the type's title line (ô 5a) and the
subject centred under the header, a short rule under them; "Kính gửi" under
the rule when the document has it."""

from __future__ import annotations

from ... import doctypes
from ...plan.model import Plan
from ..paragraphs import runs


def context(plan: Plan, doc_type: doctypes.DocumentType, common: dict) -> dict:
    return {"title": doc_type.title, "subject": runs(plan.subject)}
