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
    appendix_context,
    date_text,
    number_line,
    opening_texts,
    plain,
    recipient_lines,
    section_paragraphs,
)
from ..plan.model import Plan
from ..plan.references import filled
from ..word import UnreadableDocument
from .docx_view import from_docx
from .view import AppendixView, CheckedDocument, Para, UnitView

__all__ = ["AppendixView", "CheckedDocument", "Para", "UnitView", "UnreadableDocument", "from_docx", "from_plan"]


# --- from a plan ------------------------------------------------------------------------


def from_plan(plan: Plan) -> CheckedDocument:
    """The view of a plan as printed (the reference's citation in place of
    its tag, as :func:`docgen.document.context.build_context` prints it)."""
    plan = filled(plan)
    view = CheckedDocument("plan", doc_type=doctypes.for_plan(plan))
    header = plan.header
    view.header_lines = ([header.parent_body] if header.parent_body else []) + list(header.issuing_body)
    view.number_line = number_line(plan)
    view.date_line = f"{header.place}, {date_text(plan)}"
    view.subject = plain(plan.subject)
    cited = 1 if plan.reference else 0  # the reference sentence printed first (a report)
    view.body = [Para(plain(text), "opening", None, i,
                      path="reference" if i <= cited else f"opening.{i - 1 - cited}")
                 for i, text in enumerate(opening_texts(plan), start=1)]
    for index, section in enumerate(plan.sections, start=1):
        paragraphs = section_paragraphs(section, index)
        numeral = section.number.rstrip(".") if section.number else vn.roman(index)
        prefix = f"sections.{index - 1}"
        view.body.append(Para(paragraphs[0].text, "section", numeral, 0, heading=True, path=f"{prefix}.title"))
        paths = _block_paths(section, prefix)
        if len(paths) != len(paragraphs) - 1:  # printed otherwise than _block_paths knows: the blocks
            paths = [f"{prefix}.blocks"] * (len(paragraphs) - 1)
        body = [Para(p.text, "section", numeral, i, path=path)
                for i, (p, path) in enumerate(zip(paragraphs[1:], paths), start=1)]
        view.body.extend(body)
        for block in section.blocks:
            if block.kind == "unit":
                para = next((p for p in body if block.name in p.text), body[0] if body else view.body[-1])
                view.units.append(UnitView(block.name, para))
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


def _block_paths(section, prefix: str) -> list[str]:
    """The field each paragraph after a section's heading is printed from,
    in the order ``context.section_paragraphs`` prints them."""
    out = []
    for j, block in enumerate(section.blocks):
        if block.blank:
            continue  # not printed (context.section_paragraphs)
        at = f"{prefix}.blocks.{j}"
        if block.kind == "unit":
            tasks = [f"{at}.tasks.{k}" for k, task in enumerate(block.tasks) if task.strip()]
            out.append(f"{at}.name")  # a run-in first task shares the name's paragraph
            out.extend(tasks[1:] if block.run_in else tasks)
        elif block.kind in ("heading", "subheading"):
            out.append(f"{at}.text" if block.text else f"{at}.title")
        else:
            out.append(f"{at}.text")
    return out
