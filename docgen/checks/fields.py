"""Which field of a plan a finding concerns, for the editor to show it
beside that field: ``header.place`` for a date line the place breaks,
``sections.2.blocks.0.text`` for a paragraph, ``recipients.3`` for a
recipient's line. Findings about the whole document (page, fonts) get no
field.

A plan's body paragraphs know the field they were printed from
(``document.from_plan``); the layout checks read the rendered .docx, whose
paragraphs are located the same way (part, section numeral, paragraph), so
they are looked up among the plan's. The rest is located by the part of the
document and, in the header, by the line the finding is about.
"""

from __future__ import annotations

from dataclasses import replace

from ..plan.labels import field_label
from ..plan.model import Plan
from .document import CheckedDocument
from .findings import Finding
from .parsing import from_roman

# Header findings by code: the field whose text makes that line.
_HEADER_FIELDS = {
    "layout.date_line": "header.place",  # the date is printed by docgen, the place is typed
    "layout.date_leading_zero": "header.date",
    "layout.number_line": "header.number",
}


def locate(findings: list[Finding], plan: Plan, view: CheckedDocument,
           rendered: CheckedDocument | None = None) -> list[Finding]:
    """``findings`` of ``plan`` (``view`` its plan view) with their field
    (``path``) and that field's label; findings of the rendered .docx's view
    (``rendered``) are matched to the plan's paragraphs by their text."""
    if not findings:
        return []
    paragraphs = {(p.part, p.section, p.index): p.path for p in view.body}
    if rendered is not None:
        paragraphs = _aligned(rendered, view)
    data = plan.model_dump(mode="json", exclude_none=True)
    out = []
    for finding in findings:
        path = _path(finding, plan, paragraphs)
        out.append(replace(finding, path=path, label=field_label(path, data) if path else ""))
    return out


def _aligned(rendered: CheckedDocument, view: CheckedDocument) -> dict:
    """The rendered document's paragraphs (by part, section, index) -> the
    plan's fields. A .docx read back numbers paragraphs without the empty
    ones, so each is matched to the next plan paragraph with its text."""
    out = {}
    pending = list(view.body)
    for para in rendered.body:
        text = " ".join(para.text.split())
        for at, candidate in enumerate(pending):
            if " ".join(candidate.text.split()) == text:
                out[(para.part, para.section, para.index)] = candidate.path
                pending = pending[at + 1:]
                break
    return out


def _path(finding: Finding, plan: Plan, paragraphs: dict) -> str:
    where = finding.where
    part = where.part
    if part in ("opening", "section", "article", "closing", "attached"):
        fallback = {"section": "sections", "article": "articles", "closing": "closing",
                    "attached": "attached"}.get(part, "opening")
        path = paragraphs.get((part, where.section, where.paragraph), fallback)
        if finding.code.startswith("consistency.section_") and path.endswith(".title"):
            index = int(path.split(".")[1])
            if plan.sections[index].number:  # a numeral typed by hand is what to fix
                path = path.removesuffix("title") + "number"
        return path
    if part == "subject":
        return "subject"
    if part == "addressees":
        count = len([a for a in plan.addressees if a])
        index = (where.paragraph or 0) - (1 if count > 1 else 0)  # several: line 1 is "Kính gửi:" alone
        return f"addressees.{index - 1}" if 1 <= index <= count else "addressees"
    if part == "decider":
        return "decider"
    if part == "header":
        path = _HEADER_FIELDS.get(finding.code, "header")
        if finding.code == "layout.number_line" and "ký hiệu" in finding.message:
            path = "header.symbol"
        return path
    if part == "recipients":
        count = len(plan.recipients)
        if where.paragraph and where.paragraph <= count:
            return f"recipients.{where.paragraph - 1}"
        return "archive" if where.paragraph == count + 1 else "recipients"
    if part == "signer":
        lines = len(plan.signer.authority)
        if finding.code == "layout.signer_name" or where.paragraph == lines + 1:
            return "signer.name"
        if where.paragraph and where.paragraph <= lines:
            return f"signer.authority.{where.paragraph - 1}"
        return "signer"
    if part == "appendix":
        return _appendix_path(where.section, len(plan.appendices))
    if part == "document" and finding.kind == "consistency" and plan.campaign:
        return "campaign"  # the campaign's data (its dates, its days)
    return ""


def _appendix_path(label: str | None, count: int) -> str:
    """``Phụ lục II`` -> ``appendices.1``; a single appendix has no numeral."""
    if not count:
        return "appendices"
    if not label:
        return "appendices.0"
    number = from_roman(label) or (int(label) if label.isdigit() else 0)
    return f"appendices.{number - 1}" if 1 <= number <= count else "appendices"
