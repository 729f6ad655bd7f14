"""A neutral view of a plan to check (:mod:`.view`), built from a
:class:`~docgen.plan.model.Plan` (here) or from a .docx, ours or one
written by hand in Word (:mod:`.docx_view`, through the one reader of the
Decree-30 structure, docgen.importing.structure).

The consistency and sensitive-data checks read only this view, so they work
the same on both.
"""

from __future__ import annotations

from .. import doctypes
from ..vietnamese import vn
from ..document.context import (
    ArticleCounter,
    addressee_lines,
    appendix_context,
    basis_lines,
    closing_texts,
    date_text,
    meeting_lines,
    number_line,
    opening_texts,
    plain,
    printed_blocks,
    recipient_lines,
    reference_line,
    section_heading,
    subject_line,
)
from ..plan.model import Plan
from ..plan.references import filled
from ..word import UnreadableDocument
from .docx_view import from_docx
from .view import AppendixView, AttachedView, CheckedDocument, Para, UnitView

__all__ = ["AppendixView", "AttachedView", "CheckedDocument", "Para", "UnitView", "UnreadableDocument", "from_docx",
           "from_plan"]


# --- from a plan ------------------------------------------------------------------------


def from_plan(plan: Plan) -> CheckedDocument:
    """The view of a plan as printed (the reference's citation in place of
    its tag, as :func:`docgen.document.context.build_context` prints it),
    each body paragraph with the field it is printed from."""
    plan = filled(plan)
    doc_type = doctypes.for_plan(plan)
    view = CheckedDocument("plan", doc_type=doc_type)
    header = plan.header
    view.header_lines = ([header.parent_body] if header.parent_body else []) + list(header.issuing_body)
    view.number_line = number_line(plan)
    view.date_line = f"{header.place}, {date_text(plan)}"
    view.subject = subject_line(plan)
    view.addressees = addressee_lines(plan)
    view.decider = vn.upper_vn(plan.decider) if plan.decider else None
    view.decision_line = doc_type.decision_line
    cited = 1 if plan.reference else 0  # the reference sentence printed first (a report)
    opening = [(f"meeting.{name}", text) for name, text in meeting_lines(plan)]
    texts = basis_lines(plan) if doc_type.bases else opening_texts(plan)
    opening += [("reference" if i < cited else f"opening.{i - cited}", text) for i, text in enumerate(texts)]
    view.body = [Para(plain(text), "opening", None, i, path=path) for i, (path, text) in enumerate(opening, start=1)]
    articles = ArticleCounter()
    _sections_view(view, plan.sections, "sections", doc_type.section_style, articles)
    article, index = None, 0
    for paragraph, path in printed_blocks(plan.articles, "articles", articles):
        if paragraph.text.startswith("Điều "):
            article, index = paragraph.text.split(".", 1)[0].removeprefix("Điều ").strip(), 0
        else:
            index += 1
        view.body.append(Para(paragraph.text, "article", article, index, path=path))
    view.body += [Para(plain(text), "closing", None, index, path=path)
                  for index, (path, text) in enumerate(closing_texts(plan), start=1)]
    if plan.attached is not None:
        attached_type = doctypes.get(plan.attached.type)
        view.attached = AttachedView(attached_type, plain(plan.attached.subject), reference_line(plan))
        view.body += [Para(plain(text), "attached", None, i, path=f"attached.opening.{i - 1}")
                      for i, text in enumerate(plan.attached.opening, start=1) if text.strip()]
        _sections_view(view, plan.attached.sections, "attached.sections", attached_type.section_style,
                       ArticleCounter())
    view.recipients_label = "Nơi nhận:"
    view.recipients = recipient_lines(plan)
    view.authority = [vn.upper_vn(line) for line in plan.signer.authority]
    view.signer_name = plan.signer.name
    for index, appendix in enumerate(plan.appendices, start=1):
        context = appendix_context(plan, appendix, index)
        view.appendices.append(AppendixView(
            context["label"], context["title"], context["reference"],
            [cell["text"] for cell in context["head"]],
            [[cell["text"] for cell in row] for row in context["rows"]],
            [cell["text"] for cell in context["total"]] or None,
            context["subtitle"],
        ))
    if plan.campaign:
        view.campaign_days = plan.campaign.days
        view.campaign_start = plan.campaign.start
        view.campaign_end = plan.campaign.end
    return view


def _sections_view(view: CheckedDocument, sections, prefix: str, style: str, articles: ArticleCounter) -> None:
    """The paragraphs of ``sections`` (a plan's, or the attached text's),
    each section's first line its heading (index 0)."""
    for index, section in enumerate(sections, start=1):
        numeral = section.number.rstrip(".") if section.number else vn.roman(index)
        at = f"{prefix}.{index - 1}"
        heading = section_heading(section, index, style)
        view.body.append(Para(heading[0].text, "section", numeral, 0, heading=True, path=f"{at}.title"))
        body = [Para(p.text, "section", numeral, i, path=f"{at}.title")
                for i, p in enumerate(heading[1:], start=1)]
        body += [Para(p.text, "section", numeral, i, path=path)
                 for i, (p, path) in enumerate(printed_blocks(section.blocks, f"{at}.blocks", articles),
                                               start=len(heading))]
        view.body.extend(body)
        for block in section.blocks:
            if block.kind == "unit":
                para = next((p for p in body if block.name in p.text), body[0] if body else view.body[-1])
                view.units.append(UnitView(block.name, para))
