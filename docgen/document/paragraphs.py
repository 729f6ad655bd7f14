"""A plan's body as paragraphs the Word template and the preview print:
each with a style the template knows (``section``, ``chapter``, ``heading``,
``body``) and its runs. Numbering (I., II.; Chương I; 1., 2.; 3.1.; Điều 1.)
is computed here unless the plan gives it, so a plan can be kept exactly as
issued, wrong numbers included. Shared by the template context
(:mod:`docgen.document.context`) and the layout families
(:mod:`docgen.document.layouts`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..vietnamese import dates, vn
from .. import doctypes
from ..base.memo import short_text_cache
from ..plan.model import BLOCK_KINDS, Article, Plan, Section, Unit
from ..plan.references import implementing_sentence

BLANK = "      "  # what a draft leaves for the clerk to fill in by hand
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
    """Arabic numbering inside a section (or an article, whose clauses
    start again from 1); an explicit number resets it. ``articles`` counts
    the articles of the whole document (a Quy chế numbers them through its
    chapters)."""

    def __init__(self, articles: "ArticleCounter | None" = None) -> None:
        self.top = 0
        self.sub = 0
        self.articles = articles if articles is not None else ArticleCounter()

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


class ArticleCounter:
    """``Điều 1.``, ``Điều 2.`` … through a document; an explicit number
    sets it."""

    def __init__(self) -> None:
        self.last = 0

    def next(self, explicit: str | None) -> str:
        match = re.match(r"(\d+)\.?$", explicit.strip()) if explicit else None
        self.last = int(match.group(1)) if match else self.last + 1
        return f"Điều {match.group(1) if match else self.last}."


def _article(block: Article, counter: _Counter) -> list[BodyParagraph]:
    """A decision's article: "Điều 1." in bold, its text on the same line;
    a Quy chế's: "Điều 1. <title>" in bold, a line of its own."""
    label = counter.articles.next(block.number)
    counter.top = counter.sub = 0  # its clauses start from 1.
    if block.title:
        heading = [_paragraph("heading", (f"{label} {block.title}", False))]
        return heading + (_body(block.text) if block.text else [])
    return [_paragraph("body", (label, True), (" " + (block.text or ""), False))]


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
    "article": _article,
}
_UNPRINTED = [kind.key for kind in BLOCK_KINDS if kind.key not in _PRINTED]
if _UNPRINTED:  # a kind added to the model that the document could not print
    raise RuntimeError(f"docgen.document.context prints no block of kind {', '.join(_UNPRINTED)}")


def section_heading(section: Section, index: int, style: str = "roman") -> list[BodyParagraph]:
    """``I. MỤC ĐÍCH, YÊU CẦU``; a chapter: ``Chương I`` and its title in
    capitals, two centred lines."""
    numeral = section.number.rstrip(".") if section.number else vn.roman(index)
    if style == "chapter":
        return [_paragraph("chapter", (f"Chương {numeral}", False)),
                _paragraph("chapter", (vn.upper_vn(section.title), False))]
    return [_paragraph("section", (f"{numeral}. {vn.upper_vn(section.title)}", False))]


def printed_blocks(blocks: list, prefix: str, articles: ArticleCounter | None = None
                   ) -> list[tuple[BodyParagraph, str]]:
    """The paragraphs of a part's blocks (a section's, or a decision's
    articles and their clauses), each with the field it is printed from
    (``prefix`` is the blocks' path: ``sections.2.blocks``)."""
    out = []
    counter = _Counter(articles)
    for index, block in enumerate(blocks):
        if block.blank:
            continue  # a block added and not written yet: no stray "-" or "1."
        printed = _PRINTED[block.kind](block, counter)
        paths = _block_paths(block, f"{prefix}.{index}")
        if len(paths) != len(printed):  # printed otherwise than _block_paths knows: the block
            paths = [f"{prefix}.{index}"] * len(printed)
        out.extend(zip(printed, paths))
    return out


def _block_paths(block, at: str) -> list[str]:
    """The field each paragraph of ``block`` is printed from, in the order
    :data:`_PRINTED` prints them."""
    if block.kind == "unit":
        tasks = [f"{at}.tasks.{k}" for k, task in enumerate(block.tasks) if task.strip()]
        return [f"{at}.name"] + (tasks[1:] if block.run_in else tasks)  # a run-in task shares the name's line
    if block.kind in ("heading", "subheading"):
        return [f"{at}.text" if block.text else f"{at}.title"]
    if block.kind == "article" and block.title:
        return [f"{at}.title"] + ([f"{at}.text"] if block.text else [])
    return [f"{at}.text"]


def blocks_paragraphs(blocks: list, articles: ArticleCounter | None = None) -> list[BodyParagraph]:
    """The paragraphs of a part's blocks."""
    return [paragraph for paragraph, _ in printed_blocks(blocks, "", articles)]


def section_paragraphs(section: Section, index: int, style: str = "roman",
                       articles: ArticleCounter | None = None) -> list[BodyParagraph]:
    return section_heading(section, index, style) + blocks_paragraphs(section.blocks, articles)


def opening_texts(plan: Plan) -> list[str]:
    """The opening as printed: a document that follows another (a report)
    starts with "Thực hiện Kế hoạch số … của …", from ``plan.reference``.
    A decision's opening is its bases, printed apart (:func:`basis_lines`)."""
    if doctypes.for_plan(plan).bases:
        return []
    cited = [implementing_sentence(plan.reference)] if plan.reference else []
    return cited + list(plan.opening)


def basis_lines(plan: Plan) -> list[str]:
    """A decision's bases, each ending ";" and the last "." (nd30-types.md,
    5.2: "Căn cứ …;" … "Theo đề nghị của …."); none for other types."""
    if not doctypes.for_plan(plan).bases:
        return []
    texts = ([implementing_sentence(plan.reference).rstrip(".")] if plan.reference else []) + \
        [text for text in plan.opening if text.strip()]
    return [text + (";" if index < len(texts) - 1 else ".") for index, text in enumerate(texts)]


def addressee_lines(plan: Plan) -> list[str]:
    """ô 9a: ``Kính gửi: Bộ Nội vụ`` for one; for several ``Kính gửi:`` then
    ``- Bộ Nội vụ;`` … ``- Bộ Tài chính.`` (nd30-types.md, 5.7)."""
    names = [name for name in plan.addressees if name]
    if not names:
        return []
    if len(names) == 1:
        return [f"{ADDRESSEE_LABEL} {names[0]}"]
    return [ADDRESSEE_LABEL] + [f"- {name}" + (";" if i < len(names) - 1 else ".") for i, name in enumerate(names)]


ADDRESSEE_LABEL = "Kính gửi:"
MEETING_LABELS = {"invitees": "trân trọng kính mời:", "event": "Tới dự:", "chair": "Chủ trì:",
                  "time": "Thời gian:", "place": "Địa điểm:", "participants": "Thành phần:"}


def meeting_time(meeting) -> str:
    """``07 giờ 30 phút, thứ Bảy, ngày 15/3/2025``; "…" for what a draft
    has not given yet."""
    hours, _, minutes = (meeting.time or "").partition(":")
    clock = f"{hours} giờ {minutes} phút" if meeting.time else None
    day = f"{dates.weekday(meeting.date)}, ngày {dates.short_date(meeting.date)}" if meeting.date else None
    return ", ".join(part for part in (clock, day) if part) or "…"


def meeting_lines(plan: Plan) -> list[tuple[str, str]]:
    """A Giấy mời's lines (Mẫu 1.7) as ``(field, text)``: who invites whom,
    to what, who chairs, when, where, who takes part, then the notes."""
    meeting = plan.meeting
    if meeting is None:
        return []
    issuer = plan.header.full_issuer_name()
    out = [("invitees", f"{issuer} {MEETING_LABELS['invitees']} {meeting.invitees}"),
           ("event", f"{MEETING_LABELS['event']} {meeting.event}")]
    if meeting.chair:
        out.append(("chair", f"{MEETING_LABELS['chair']} {meeting.chair}"))
    out.append(("time", f"{MEETING_LABELS['time']} {meeting_time(meeting)}"))
    out.append(("place", f"{MEETING_LABELS['place']} {meeting.place or '…'}"))
    if meeting.participants:
        out.append(("participants", f"{MEETING_LABELS['participants']} {meeting.participants}"))
    out += [(f"notes.{i}", note) for i, note in enumerate(meeting.notes) if note.strip()]
    return out


def closing_texts(plan: Plan) -> list[tuple[str, str]]:
    """The closing (Đoạn kết) as printed, ``(field, text)``: its paragraphs
    with text, after the last section and before "Nơi nhận"; none for a
    type without a closing (the model refuses one there)."""
    if not doctypes.for_plan(plan).has("closing"):
        return []
    return [(f"closing.{index}", text) for index, text in enumerate(plan.closing) if text.strip()]


def closing_paragraphs(plan: Plan) -> list[BodyParagraph]:
    """The closing's paragraphs: body paragraphs as the opening's are."""
    return [_paragraph("body", (text, False)) for _, text in closing_texts(plan)]


def body_paragraphs(plan: Plan) -> list[BodyParagraph]:
    """The body (ô 6) in the order the type's parts print: a meeting's
    lines, the opening, the sections, the articles, the closing."""
    doc_type = doctypes.for_plan(plan)
    out = [_paragraph("body", (text, False)) for _, text in meeting_lines(plan)]
    out += [_paragraph("body", (text, False)) for text in opening_texts(plan)]
    articles = ArticleCounter()
    for index, section in enumerate(plan.sections, start=1):
        out.extend(section_paragraphs(section, index, doc_type.section_style, articles))
    out.extend(blocks_paragraphs(plan.articles, articles))
    out.extend(closing_paragraphs(plan))
    return out


def attached_paragraphs(plan: Plan) -> list[BodyParagraph]:
    """The body of the text a decision issues: its opening, then its
    sections (a plan's) or chapters (a Quy chế's, articles numbered through)."""
    attached = plan.attached
    if attached is None:
        return []
    style = doctypes.get(attached.type).section_style
    out = [_paragraph("body", (text, False)) for text in attached.opening if text.strip()]
    articles = ArticleCounter()
    for index, section in enumerate(attached.sections, start=1):
        out.extend(section_paragraphs(section, index, style, articles))
    return out
