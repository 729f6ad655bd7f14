"""Plan -> template context: what the Word template needs, nothing more.

The body is flattened into a list of paragraphs, each with a style name the
template knows (``section``, ``heading``, ``body``) and its runs. Numbering
(I., II.; 1., 2.; 3.1.) is computed here unless the plan gives it, so a plan
can be kept exactly as issued, wrong numbers included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..vietnamese import dates, vn
from ..vietnamese.document_number import number_text
from .. import doctypes
from ..plan.appendix import build_table
from ..base.memo import short_text_cache
from ..plan.model import BLOCK_KINDS, Appendix, Plan, Section, Unit
from ..plan.references import filled, implementing_sentence

BLANK = "      "  # what a draft leaves for the clerk to fill in by hand
APPENDIX_GRID = 40  # grid columns of the template's appendix tables
LANDSCAPE_FROM_COLUMNS = 7

# --- runs ----------------------------------------------------------------------

# Inline emphasis: **bold** and *italic*, the marker hugging its text (no space
# inside) and not inside a word, so "7*7", "5 * 3" and a lone "*" stay as
# typed; "\\*" is always a literal asterisk.
_EMPHASIS = re.compile(
    r"(?<![\w*\\])(\*\*|\*)(?=[^\s*])((?:\\\*|[^*])+?)(?<!\s)\1(?![\w*])", re.S
)
_BREAKS = re.compile(r"(\n|\t)")
# Superscript characters pasted from Word ("⁽¹⁾" for a note's number) are
# written as ordinary characters in a superscript run, as Word itself does:
# the body font (Times New Roman, Liberation Serif on Linux) lacks ⁽ ⁾, which
# would otherwise be drawn in another family.
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾⁺⁻⁼", "0123456789()+-=")
_SUPERSCRIPTS = re.compile("([⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾⁺⁻⁼]+)")


def inline_spans(text: str) -> list[tuple[str, bool, bool]]:
    """``(text, bold, italic)`` pieces of a text with light inline markup."""
    out: list[tuple[str, bool, bool]] = []
    at = 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > at:
            out.append((text[at:match.start()].replace("\\*", "*"), False, False))
        marker, inner = match.groups()
        out.append((inner.replace("\\*", "*"), marker == "**", marker == "*"))
        at = match.end()
    if at < len(text):
        out.append((text[at:].replace("\\*", "*"), False, False))
    return out


# Runs, plain texts and paragraphs depend on their texts alone (and are
# immutable): each is made once while it stays cached (docgen.base.memo).
@short_text_cache
def runs(text: str, *, bold: bool = False, italic: bool = False) -> Markup:
    """WordprocessingML runs for a text with light inline markup (see
    :func:`inline_spans`), line breaks and tabs. The text itself is escaped;
    nothing in it is interpreted."""
    out: list[str] = []
    for piece, strong, emphasis in inline_spans(text):
        props = ("<w:b/><w:bCs/>" if bold or strong else "") + (
            "<w:i/><w:iCs/>" if italic or emphasis else ""
        )
        for token in _BREAKS.split(piece):
            if token == "\n":
                out.append("<w:r><w:br/></w:r>")
            elif token == "\t":
                out.append("<w:r><w:tab/></w:r>")
            elif token:
                out.extend(_text_runs(token, props))
    return Markup("".join(out))


def _text_runs(text: str, props: str) -> list[str]:
    out = []
    for index, chunk in enumerate(_SUPERSCRIPTS.split(text)):
        if not chunk:
            continue
        chunk_props = props
        if index % 2:  # a run of superscript characters
            chunk, chunk_props = chunk.translate(_SUPERSCRIPT), props + '<w:vertAlign w:val="superscript"/>'
        rpr = f"<w:rPr>{chunk_props}</w:rPr>" if chunk_props else ""
        out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(chunk)}</w:t></w:r>')
    return out


@short_text_cache
def plain(text: str) -> str:
    """The text a reader sees, as the document's text reads: markup removed,
    superscript characters as the plain ones their run raises."""
    return "".join(piece for piece, _, _ in inline_spans(text)).translate(_SUPERSCRIPT)


@dataclass(frozen=True)
class BodyParagraph:
    style: str  # "section" | "heading" | "body"
    runs: Markup
    text: str  # plain text, for previews and checks


@short_text_cache(size=lambda style, *parts: sum(len(text) for text, _ in parts))
def _paragraph(style: str, *parts: tuple[str, bool]) -> BodyParagraph:
    """A paragraph from (text, bold) parts."""
    markup = Markup("").join(runs(text, bold=bold) for text, bold in parts if text)
    return BodyParagraph(style, markup, "".join(plain(text) for text, _ in parts))


def _label(number: str) -> str:
    number = number.strip()
    return number if number.endswith((".", ")")) else number + "."


class _Counter:
    """Arabic numbering inside a section; an explicit number resets it."""

    def __init__(self) -> None:
        self.top = 0
        self.sub = 0

    def next_top(self, explicit: str | None) -> str:
        self.sub = 0
        if explicit:
            match = re.match(r"(\d+)\.?$", explicit.strip())
            if match:
                self.top = int(match.group(1))
            return _label(explicit)
        self.top += 1
        return f"{self.top}."

    def next_sub(self, explicit: str | None) -> str:
        self.sub += 1
        return _label(explicit) if explicit else f"{self.top}.{self.sub}."


def _unit_paragraphs(unit: Unit, label: str) -> list[BodyParagraph]:
    name = f"{label} " + ("Đề nghị " if unit.requested else "") + unit.name
    tasks = unit.printed_tasks
    out = []
    bullets = unit.bullets if unit.bullets is not None else len(tasks) > 1
    if unit.run_in and tasks:
        out.append(_paragraph("body", (name + ":", True), (" " + tasks.pop(0), False)))
    else:
        out.append(_paragraph("heading", (name, False)))
    out.extend(_paragraph("body", (("- " if bullets else "") + task, False)) for task in tasks)
    return out


def _titled(block, counter: _Counter) -> list[BodyParagraph]:
    label = counter.next_top(block.number)
    if block.text:
        return [_paragraph("body", (f"{label} {block.title}", True), (" " + block.text, False))]
    return [_paragraph("heading", (f"{label} {block.title}", False))]


def _sub_titled(block, counter: _Counter) -> list[BodyParagraph]:
    tail = (" " + block.text) if block.text else ""
    return [_paragraph("body", (f"{counter.next_sub(block.number)} {block.title}{tail}", False))]


def _body(text: str) -> list[BodyParagraph]:
    return [_paragraph("body", (text, False))]


# How each kind of block prints, by its key in the one list of kinds
# (docgen.plan.model.BLOCK_KINDS): the block and the section's numbering give its
# paragraphs.
_PRINTED = {
    "paragraph": lambda block, counter: _body(block.text),
    "heading": _titled,
    "subheading": _sub_titled,
    "numbered": lambda block, counter: _body(f"{counter.next_top(block.number)} {block.text}"),
    "item": lambda block, counter: _body(f"{block.label} {block.text}"),
    "bullet": lambda block, counter: _body(f"- {block.text}"),
    "subbullet": lambda block, counter: _body(f"+ {block.text}"),
    "unit": lambda block, counter: _unit_paragraphs(block, counter.next_top(block.number)),
}
_UNPRINTED = [kind.key for kind in BLOCK_KINDS if kind.key not in _PRINTED]
if _UNPRINTED:  # a kind added to the model that the document could not print
    raise RuntimeError(f"docgen.document.context prints no block of kind {', '.join(_UNPRINTED)}")


def section_paragraphs(section: Section, index: int) -> list[BodyParagraph]:
    numeral = section.number.rstrip(".") if section.number else vn.roman(index)
    out = [_paragraph("section", (f"{numeral}. {vn.upper_vn(section.title)}", False))]
    counter = _Counter()
    for block in section.blocks:
        if block.blank:
            continue  # a block added and not written yet: no stray "-" or "1."
        out.extend(_PRINTED[block.kind](block, counter))
    return out


def opening_texts(plan: Plan) -> list[str]:
    """The opening as printed: a document that follows another (a report)
    starts with "Thực hiện Kế hoạch số … của …", from ``plan.reference``."""
    cited = [implementing_sentence(plan.reference)] if plan.reference else []
    return cited + list(plan.opening)


def body_paragraphs(plan: Plan) -> list[BodyParagraph]:
    out = [_paragraph("body", (text, False)) for text in opening_texts(plan)]
    for index, section in enumerate(plan.sections, start=1):
        out.extend(section_paragraphs(section, index))
    return out


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
    ban nhân dân tỉnh Gia Lai)``: the words are the plan's type's."""
    header = plan.header
    return doctypes.for_plan(plan).attached_to(number_text(header.number, header.symbol, BLANK),
                                               date_text(plan), header.issuer_name)


# --- the context -----------------------------------------------------------------


def build_context(plan: Plan, *, draft_mark: bool = False) -> dict:
    """``draft_mark`` puts the boxed "DỰ THẢO" on page 1 (a draft under review
    that is not approved). The reference's citation is printed wherever a
    text holds its tag (:func:`docgen.plan.references.filled`)."""
    plan = filled(plan)
    header = plan.header
    return {
        "draft_mark": draft_mark,
        "header": {
            "parent_body": vn.upper_vn(header.parent_body) if header.parent_body else None,
            "issuing_body": [vn.upper_vn(line) for line in header.issuing_body],
            "number_line": number_line(plan),
            "date_line": dates.date_line(header.place, header.date.year, header.date.month, header.date.day),
        },
        "doc_type": doctypes.for_plan(plan).title,
        "subject": runs(plan.subject),
        "subject_text": plain(plan.subject),
        "body": body_paragraphs(plan),
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
