"""Mẫu 1.2 and 1.3, Quyết định: the title and subject, the issuing
authority in capitals on its own line, the bases in italics ("Căn cứ …;",
"Theo đề nghị của …."), "QUYẾT ĐỊNH:", then the articles (the body). A
decision that issues a text (Mẫu 1.3) is followed, on a new page of the
same file, by that text: the header without number and date, its title, its
subject, "(Kèm theo Quyết định số … ngày … của …)", a rule and its body."""

from __future__ import annotations

from ... import doctypes
from ...plan.model import DocumentReference, Plan
from ...plan.references import attached_line
from ...vietnamese import vn
from ..paragraphs import BLANK, attached_paragraphs, basis_lines, runs


def context(plan: Plan, doc_type: doctypes.DocumentType, common: dict) -> dict:
    attached = None
    if plan.attached is not None:
        attached = {
            "title": doctypes.get(plan.attached.type).title,
            "subject": runs(plan.attached.subject),
            "reference": attached_line(DocumentReference.of(plan), BLANK),
            "body": attached_paragraphs(plan),
        }
    return {
        "title": doc_type.title,
        "subject": runs(plan.subject),
        "decider": vn.upper_vn(plan.decider) if plan.decider else None,
        "bases": basis_lines(plan),
        "decision_line": doc_type.decision_line,
        "attached": attached,
    }
