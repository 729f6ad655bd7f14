"""Plan -> template context: what the Word template needs, nothing more.

The body's paragraphs come from :mod:`docgen.document.paragraphs`; the
header, the recipients and signer and the appendices are made here; what a
layout family adds (a Công văn's V/v in the header, a decision's authority
line, bases and attached text) comes from its layout module
(:mod:`docgen.document.layouts`).
"""

from __future__ import annotations

from ..vietnamese import dates, vn
from ..vietnamese.document_number import number_text
from .. import doctypes
from ..plan import marks as plan_marks
from ..plan.appendix import build_table
from ..plan.model import Appendix, DocumentReference, Plan
from ..plan.references import attached_line, filled
from .layouts import layout_context
from .paragraphs import (  # noqa: F401  (the body's paragraphs, as the context's users import them)
    ADDRESSEE_LABEL,
    BLANK,
    MEETING_LABELS,
    ArticleCounter,
    BodyParagraph,
    addressee_lines,
    attached_paragraphs,
    basis_lines,
    blocks_paragraphs,
    body_paragraphs,
    closing_paragraphs,
    closing_texts,
    inline_spans,
    meeting_lines,
    meeting_time,
    opening_texts,
    plain,
    printed_blocks,
    runs,
    section_heading,
    section_paragraphs,
)

APPENDIX_GRID = 40  # grid columns of the template's appendix tables
LANDSCAPE_FROM_COLUMNS = 7

# --- header, footer ------------------------------------------------------------


def number_line(plan: Plan) -> str:
    """ô 3: ``Số: 2314/KH-UBND``; numbers below 10 get a leading zero; a
    draft leaves the number blank."""
    number = plan.header.number
    return f"Số: {number_text(number, plan.header.symbol)}" if number is not None \
        else f"Số:{number_text(None, plan.header.symbol, BLANK)}"


def date_text(plan: Plan) -> str:
    """``ngày 29 tháng 8 năm 2023``, the day blank in a draft."""
    date = plan.header.date
    return dates.date_line("", date.year, date.month, date.day)


def recipient_lines(plan: Plan) -> list[str]:
    lines = [
        f"- {r.name}" + (f" ({r.purpose})" if r.purpose else "") + ";"
        for r in plan.recipients
    ]
    return lines + [f"- Lưu: {plan.archive}."]


# --- appendix --------------------------------------------------------------------


def _spans(weights: list[float], total: int = APPENDIX_GRID) -> list[int]:
    """Split ``total`` grid columns in proportion to ``weights`` (largest
    remainder), at least one each."""
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    spans = [max(1, int(r)) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - int(raw[i]), reverse=True)
    i = 0
    while sum(spans) < total:
        spans[order[i % len(order)]] += 1
        i += 1
    while sum(spans) > total:
        widest = max(range(len(spans)), key=lambda j: spans[j])
        spans[widest] -= 1
    return spans


def appendix_context(plan: Plan, appendix: Appendix, index: int) -> dict:
    days = plan.campaign.quota_days if plan.campaign else None
    table = build_table(appendix, days)
    weights = [1.2 if appendix.numbered and i == 0 else (5.0 if not numeric else 3.0)
               for i, numeric in enumerate(table.numeric_columns)]
    spans = _spans(weights)

    def cells(line):
        return [
            {"text": cell.text, "numeric": cell.numeric, "centred": cell.centred, "span": spans[i]}
            for i, cell in enumerate(line)
        ]

    several = len(plan.appendices) > 1
    landscape = appendix.orientation == "landscape" or (
        appendix.orientation == "auto" and len(table.headers) >= LANDSCAPE_FROM_COLUMNS
    )
    return {
        "label": f"Phụ lục {vn.roman(index)}" if several else "PHỤ LỤC",
        "title": vn.upper_vn(appendix.title),
        "subtitle": appendix.subtitle,
        "reference": reference_line(plan),
        "landscape": landscape,
        "head": [{"text": h, "numeric": False, "centred": True, "span": spans[i]} for i, h in enumerate(table.headers)],
        "rows": [cells(row) for row in table.rows],
        "total": cells(table.total) if table.total else [],
    }


def reference_line(plan: Plan) -> str:
    """``(Kèm theo Kế hoạch số 2314/KH-UBND ngày 29 tháng 8 năm 2023 của Ủy
    ban nhân dân tỉnh Gia Lai)``: the document's own citation
    (:func:`docgen.plan.references.attached_line`), under an appendix's
    title and a decision's attached text's; a draft leaves number and day blank."""
    return attached_line(DocumentReference.of(plan), BLANK)


# --- the context -----------------------------------------------------------------


def subject_line(plan: Plan) -> str:
    """The subject as printed, plain: a Công văn's ``V/v …`` (the type's prefix)."""
    return doctypes.for_plan(plan).subject_prefix + plain(plan.subject)


def stamps(plan: Plan) -> dict:
    """ô 10a and 10b: the words of the secrecy and urgency stamps (None:
    no stamp) and the urgency frame's width in mm, which picks its style."""
    secrecy, urgency = plan_marks.secrecy(plan.secrecy), plan_marks.urgency(plan.urgency)
    return {"secrecy": secrecy.printed if secrecy else None, "urgency": urgency.printed if urgency else None,
            "urgency_width": urgency.width_mm if urgency else 0}


def build_context(plan: Plan, *, draft_mark: bool = False) -> dict:
    """``draft_mark`` puts the boxed "DỰ THẢO" on page 1 (a draft under review
    that is not approved). The reference's citation is printed wherever a
    text holds its tag (:func:`docgen.plan.references.filled`). The common
    parts come from here, what the type's layout family adds (a Công văn's
    V/v in the header, a decision's authority line, bases and attached
    text) from its layout module (:mod:`docgen.document.layouts`)."""
    plan = filled(plan)
    header = plan.header
    doc_type = doctypes.for_plan(plan)
    context = {
        "draft_mark": draft_mark,
        "marks": stamps(plan),
        "header": {
            "parent_body": vn.upper_vn(header.parent_body) if header.parent_body else None,
            "issuing_body": [vn.upper_vn(line) for line in header.issuing_body],
            "number_line": number_line(plan),
            "date_line": dates.date_line(header.place, header.date.year, header.date.month, header.date.day),
            "subject_line": None,  # a Công văn's V/v (layouts.letter)
        },
        # what a family adds (docgen.document.layouts); none by default
        "title": None, "subject": "", "decider": None, "bases": [], "decision_line": None, "attached": None,
        "subject_text": subject_line(plan),
        "addressees": addressee_lines(plan),
        "body": body_paragraphs(plan),  # the closing's paragraphs last
        "closing": closing_paragraphs(plan),
        "recipients": recipient_lines(plan),
        "signer": {
            "authority": [vn.upper_vn(line) for line in plan.signer.authority],
            "name": plan.signer.name,
        },
        "appendices": [
            appendix_context(plan, appendix, index)
            for index, appendix in enumerate(plan.appendices, start=1)
        ],
    }
    context.update(layout_context(plan, doc_type, context))
    return context
