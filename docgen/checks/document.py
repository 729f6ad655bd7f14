"""A neutral view of a plan to check, built from a :class:`~docgen.plan.model.Plan`
or from a .docx (ours or one written by hand in Word).

The consistency and sensitive-data checks read only this view, so they work
the same on both. Paragraphs carry their section (the Roman numeral as
printed, wrong or not) and their position in it, which is what a finding
reports as its location. A view read from a .docx also keeps the Word
paragraphs of each element (``roles``) for the layout checks.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .. import doctypes
from ..vietnamese import vn
from ..document.context import (
    ADDRESSEE_LABEL,
    ArticleCounter,
    addressee_lines,
    appendix_context,
    basis_lines,
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
from .findings import Where, excerpt
from .parsing import fold, from_roman
from ..word import Paragraph, Table, UnreadableDocument, WordDocument, read_word

__all__ = ["AppendixView", "CheckedDocument", "Para", "UnitView", "UnreadableDocument", "from_docx", "from_plan"]


@dataclass(frozen=True)
class Para:
    """A paragraph of the body: the opening (``part="opening"``) or a
    section (``part="section"``, ``section`` its numeral as printed, ``index``
    0 for the section's heading line and 1.. after it)."""

    text: str
    part: str
    section: str | None
    index: int
    heading: bool = False
    path: str = ""  # the field of the plan it was printed from (plan views only)
    label: str | None = None  # Word's list label printed before the text ("1.", "a)"), docx only

    @property
    def shown(self) -> str:
        """The paragraph as a reader sees it: Word's list label, then the text."""
        return f"{self.label} {self.text}" if self.label else self.text

    def where(self, at: int = 0) -> Where:
        return Where(self.part, self.section, self.index, excerpt(self.text, at))


@dataclass(frozen=True)
class AppendixView:
    label: str
    title: str
    reference: str | None
    headers: list[str]
    rows: list[list[str]]
    total: list[str] | None
    subtitle: str | None = None  # the line under the title, e.g. "(Từ ngày … đến ngày …)"

    def where(self, text: str = "") -> Where:
        number = re.sub(r"^phụ lục", "", self.label, flags=re.IGNORECASE).strip()  # "PHỤ LỤC II" -> "II"
        return Where("appendix", number or None, None, excerpt(text))


@dataclass(frozen=True)
class UnitView:
    """A unit given tasks (phân công): its name as printed and where."""

    name: str
    para: Para


@dataclass(frozen=True)
class AttachedView:
    """The text a decision issues, as printed after it: its type (by its
    title line), subject and "(Kèm theo … số …)" line; its paragraphs are
    in the view's body (part ``attached``, and its sections')."""

    doc_type: doctypes.DocumentType | None
    subject: str
    reference: str | None


@dataclass
class CheckedDocument:
    source: str  # "plan" | "docx"
    # The document's type: the plan's, or the one whose title line the .docx
    # prints (None when it prints none); the checks expect its title and symbol.
    doc_type: doctypes.DocumentType | None = None
    header_lines: list[str] = field(default_factory=list)
    number_line: str | None = None
    date_line: str | None = None
    subject: str = ""  # as printed: a Công văn's "V/v …" included
    addressees: list[str] = field(default_factory=list)  # "Kính gửi" (ô 9a), each line as printed
    decider: str | None = None  # a decision's authority line
    decision_line: str | None = None  # "QUYẾT ĐỊNH:"
    body: list[Para] = field(default_factory=list)
    attached: AttachedView | None = None
    recipients_label: str | None = None
    recipients: list[str] = field(default_factory=list)
    authority: list[str] = field(default_factory=list)
    signer_name: str | None = None
    appendices: list[AppendixView] = field(default_factory=list)
    units: list[UnitView] = field(default_factory=list)
    # Campaign facts the plan gives as data; a .docx has only its text.
    campaign_days: int | None = None
    campaign_start: dt.date | None = None
    campaign_end: dt.date | None = None
    # Word paragraphs of each element ("nation", "motto", "number", "date",
    # "doc_type", "subject", "body", "recipients_label", "recipient",
    # "authority", "signer", "appendix_label", "appendix_reference"); docx only.
    roles: dict[str, list[Paragraph]] = field(default_factory=dict)
    docx: WordDocument | None = None  # the document as docgen.word read it, docx only

    @property
    def appendix_only(self) -> bool:
        """A .docx that is an appendix alone (its plan issued apart): no
        header, body or signature to look for."""
        return (self.source == "docx" and bool(self.appendices) and not self.body
                and not self.roles.get("doc_type") and self.recipients_label is None)

    @property
    def sections(self) -> list[Para]:
        return [p for p in self.body if p.heading]

    def text_paragraphs(self) -> list[Para]:
        """Every paragraph with text: body, then none of the header."""
        return [p for p in self.body if p.text.strip()]


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


# --- from a .docx --------------------------------------------------------------------------

_SECTION = re.compile(r"^\s*([IVXLCDM]+)\s*\.\s*(\S.*)$")
_APPENDIX_LABEL = re.compile(r"^(phụ lục)(\s+([ivxlcdm]+|\d+))?\s*$")
_NATIONAL_NAME = re.compile(r"c[ộo]ng\s+h(?:òa|oà|oa)\s+x[ãa]\s+h[ộo]i\s+ch[ủu]\s+ngh[ĩi]a\s+vi[ệe]t\s+nam")
_MOTTO = re.compile(r"độc\s+lập\s*[-–—]\s*tự\s+do\s*[-–—]\s*hạnh\s+phúc")
# "Số: 12/KH-UBND   Gia Lai, ngày …" typed on one line without a table.
_NUMBER_AND_DATE = re.compile(r"^(Số\s*:?[\d\s]*/\s*\S+)\s+(\S.*?,\s*ngày\b.*)$")
_ARCHIVE = re.compile(r"^[-–]?\s*Lưu\s*:", re.IGNORECASE)
# Words that start the name of a unit given tasks (phân công).
_UNIT_WORDS = (
    "công an", "sở", "ban", "bộ", "ủy ban", "uỷ ban", "ubnd", "phòng", "trung tâm", "báo", "đài",
    "đoàn", "tỉnh đoàn", "huyện đoàn", "hội", "mặt trận", "văn phòng", "các", "thường trực",
    "tài chính", "bđh", "bðh", "trường", "cục", "chi cục", "kho bạc", "bưu điện", "ngân hàng",
    "bảo hiểm", "liên đoàn", "hội đồng", "đảng ủy", "huyện ủy", "tỉnh ủy", "bộ phận", "tổ",
    "viễn thông", "viettel", "vnpt", "mobifone", "chi nhánh",
)
_UNIT_SECTIONS = ("nhiệm vụ", "phân công", "tổ chức thực hiện", "trách nhiệm")


def _is_national_name(text: str) -> bool:
    return vn.same_text(fold(text), "cộng hòa xã hội chủ nghĩa việt nam")


def _is_motto(text: str) -> bool:
    folded = fold(text).replace("–", "-").replace("—", "-")
    return "độc lập" in folded and "hạnh phúc" in folded


def _header_parts(text: str) -> list[str]:
    """The header's lines within one paragraph: a header typed without a
    table puts the issuing body and the national name, or the number and the
    date, on one line, apart by tabs or spaces."""
    parts = [part for part in re.split(r"\t+", text) if part.strip()]
    out = []
    for part in parts:
        folded = " ".join(part.split()).casefold()
        for pattern in (_NATIONAL_NAME, _MOTTO):
            match = pattern.search(folded)
            if match and (match.start() > 0 or match.end() < len(folded)):
                words = part.split()
                before = len(folded[:match.start()].split())
                inside = len(match.group(0).split())
                pieces = [" ".join(words[:before]), " ".join(words[before:before + inside]),
                          " ".join(words[before + inside:])]
                out.extend(piece for piece in pieces if piece)
                break
        else:
            match = _NUMBER_AND_DATE.match(part.strip())
            out.extend(match.groups() if match else [part])
    return out


def _appendix_label(paragraph: Paragraph) -> bool:
    return bool(_APPENDIX_LABEL.match(fold(paragraph.text)))


def from_docx(data: bytes) -> CheckedDocument:
    """The view of a .docx, read by :mod:`docgen.word`. Raises
    :class:`UnreadableDocument` when the bytes are not a Word document.
    The type is the one whose title line the document prints, else the one
    its symbol names when that type prints no title (a Công văn)."""
    document = read_word(data)
    view = CheckedDocument("docx", docx=document)
    roles: dict[str, list[Paragraph]] = {}

    def role(name: str, paragraph: Paragraph) -> None:
        found = roles.setdefault(name, [])
        if not found or found[-1] is not paragraph:
            found.append(paragraph)

    blocks = document.blocks
    doc_type_at = next(
        (i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and doctypes.for_title(b.text)), None
    )
    # ô 1-4: everything before the document type (a document without one: up to its header table)
    if doc_type_at is not None:
        header_blocks = blocks[:doc_type_at]
    else:
        table_at = next((i for i, b in enumerate(blocks[:3]) if isinstance(b, Table)), None)
        header_blocks = blocks[:table_at + 1] if table_at is not None else []
    letter_subject: list[str] = []
    for block in header_blocks:
        for paragraph in (block.paragraphs() if isinstance(block, Table) else [block]):
            for text in _header_parts(paragraph.text):
                text = text.strip()
                if not text:
                    continue
                if _is_national_name(text):
                    role("nation", paragraph)
                elif _is_motto(text):
                    role("motto", paragraph)
                elif re.match(r"^Số\b", text):
                    view.number_line = view.number_line or (text if text != paragraph.text.strip() else paragraph.text)
                    role("number", paragraph)
                elif re.search(r"ngày.*tháng.*năm\s+\d{4}", text) and view.date_line is None:
                    view.date_line = text if text != paragraph.text.strip() else paragraph.text
                    role("date", paragraph)
                elif _LETTER_SUBJECT.match(text) or (letter_subject and view.number_line and not letters_upper(text)):
                    letter_subject.append(text)  # ô 5b: "V/v …", over one or more lines
                    role("letter_subject", paragraph)
                else:
                    view.header_lines.append(text)
                    role("issuer", paragraph)
    at = len(header_blocks)
    if doc_type_at is not None:
        view.doc_type = doctypes.for_title(blocks[doc_type_at].text)
        role("doc_type", blocks[doc_type_at])
        at = doc_type_at + 1
        subject, at = _centred_lines(blocks, at)
        view.subject = " ".join(p.text.strip() for p in subject)
        for paragraph in subject:
            role("subject", paragraph)
    else:
        symbol = _NUMBER_LINE_SYMBOL.search(view.number_line or "")
        view.doc_type = doctypes.recognise(None, symbol.group(1) if symbol else None)
        if letter_subject and view.doc_type is None:  # "V/v …" under the number: a type without a title line
            view.doc_type = next((t for t in doctypes.ALL.values() if not t.has_title and t.subject_prefix), None)
        view.subject = " ".join(letter_subject)
    at = _read_addressees(view, blocks, at, role)
    at = _read_body(view, blocks, at, role, "opening")
    if at < len(blocks) and not _appendix_label_at(blocks, at):
        at = _read_footer(view, blocks, at, role)
    at = _read_attached(view, blocks, at, role)

    # appendices
    current: dict | None = None
    while at < len(blocks):
        block = blocks[at]
        at += 1
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if _appendix_label(block):
                if current:
                    view.appendices.append(_appendix(current))
                current = {"label": text, "title": None, "subtitle": None, "reference": None, "table": None}
                role("appendix_label", block)
            elif current and text:
                if text.startswith("(Kèm theo") or fold(text).startswith("(kèm theo"):
                    current["reference"] = text
                    role("appendix_reference", block)
                elif current["title"] is None:
                    current["title"] = text
                elif current["subtitle"] is None and current["table"] is None:
                    current["subtitle"] = text
        elif current and current["table"] is None:
            current["table"] = block
    if current:
        view.appendices.append(_appendix(current))
    view.units = _units(view.body)
    view.roles = roles
    return view


_LETTER_SUBJECT = re.compile(r"^V/v\b")
_NUMBER_LINE_SYMBOL = re.compile(r"/\s*(\S+)\s*$")
_ARTICLE = re.compile(r"^Điều\s+(\d+)\s*\.")
_CHAPTER = re.compile(r"^Chương\s+([IVXLCDM]+)\s*$")


def letters_upper(text: str) -> bool:
    """Whether the letters of ``text`` are capitals (an authority line, a
    body's name), not a sentence."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _appendix_label_at(blocks: list, at: int) -> bool:
    return isinstance(blocks[at], Paragraph) and _appendix_label(blocks[at])


def _centred_lines(blocks: list, at: int) -> tuple[list[Paragraph], int]:
    """The subject under a title line: the first line and the centred lines
    after it, up to an empty one (the rule)."""
    subject: list[Paragraph] = []
    while at < len(blocks) and isinstance(blocks[at], Paragraph):
        paragraph = blocks[at]
        if not paragraph.text.strip():
            if subject:
                break
        elif not subject or paragraph.align == "center":
            subject.append(paragraph)
        else:
            break
        at += 1
    return subject, at


def _read_addressees(view: CheckedDocument, blocks: list, at: int, role) -> int:
    """ô 9a: "Kính gửi: …" and the dash lines under it, as printed."""
    while at < len(blocks) and isinstance(blocks[at], Paragraph) and not blocks[at].text.strip():
        at += 1
    if at >= len(blocks) or not isinstance(blocks[at], Paragraph) \
            or not fold(blocks[at].text).startswith(fold(ADDRESSEE_LABEL.rstrip(":"))):
        return at
    view.addressees.append(blocks[at].text.strip())
    role("addressee", blocks[at])
    at += 1
    while at < len(blocks) and isinstance(blocks[at], Paragraph):
        paragraph = blocks[at]
        shown = _recipient_line(paragraph)
        if not shown.startswith(("-", "–", "+", "•")):
            break
        view.addressees.append(shown)
        role("addressee", paragraph)
        at += 1
    return at


def _read_body(view: CheckedDocument, blocks: list, at: int, role, part: str) -> int:
    """ô 6, up to "Nơi nhận:" (or an appendix): the opening (``part``),
    sections ("I. …", "Chương I"), a decision's authority line, bases,
    "QUYẾT ĐỊNH:" and articles ("Điều 1. …")."""
    section: str | None = None
    article: str | None = None
    index = 0
    doc_type = view.doc_type
    decision_line = fold(doc_type.decision_line) if doc_type and doc_type.decision_line and part == "opening" else None
    while at < len(blocks):
        block = blocks[at]
        if isinstance(block, Table):
            if any(fold(p.text).startswith("nơi nhận") for p in block.paragraphs()):
                return at
            at += 1
            continue
        text = block.text
        if fold(text).startswith("nơi nhận") or _appendix_label(block):
            return at
        if part == "attached" and doctypes.for_title(text):
            return at
        at += 1
        if not text.strip():
            continue
        if decision_line and fold(text.strip()) == decision_line:
            view.decision_line = text.strip()
            role("decision_line", block)
            continue
        if (doc_type and doc_type.decider and part == "opening" and view.decider is None and not view.body
                and letters_upper(text) and block.align == "center"):
            view.decider = text.strip()
            role("decider", block)
            continue
        shown = f"{block.label} {text}" if block.label else text
        match = _SECTION.match(shown)
        chapter = _CHAPTER.match(shown.strip())
        numbered = _ARTICLE.match(shown.strip())
        if chapter or (match and from_roman(match.group(1)) and vn.upper_vn(match.group(2)) == match.group(2)):
            section, index, article = (chapter or match).group(1), 0, None
            view.body.append(Para(text, "section", section, 0, heading=True, label=block.label))
        elif numbered and section is None:
            article, index = numbered.group(1), 0
            view.body.append(Para(text, "article", article, 0, label=block.label))
        else:
            index += 1
            where = "section" if section else ("article" if article else part)
            view.body.append(Para(text, where, section or article, index, label=block.label))
        role("body", block)
    return at


def _read_footer(view: CheckedDocument, blocks: list, at: int, role) -> int:
    """ô 9b and ô 7: a table, or paragraphs from "Nơi nhận:"."""
    block = blocks[at]
    if isinstance(block, Table):
        _read_footer_table(view, block, role)
        return at + 1
    return _read_footer_paragraphs(view, blocks, at, role)


def _read_attached(view: CheckedDocument, blocks: list, at: int, role) -> int:
    """The text a decision issues, after its signature: the header again
    (no number, no date), the text's title line, subject and "(Kèm theo …)"
    line, then its body."""
    start = at
    while at < len(blocks) and (isinstance(blocks[at], Table) or not blocks[at].text.strip()):
        at += 1
    if at >= len(blocks) or not doctypes.for_title(blocks[at].text):
        return start
    doc_type = doctypes.for_title(blocks[at].text)
    role("attached_type", blocks[at])
    lines, at = _centred_lines(blocks, at + 1)
    reference = next((p for p in lines if fold(p.text).startswith("(kèm theo")), None)
    subject = [p for p in lines if p is not reference]
    if reference is not None:
        role("attached_reference", reference)
    view.attached = AttachedView(doc_type, " ".join(p.text.strip() for p in subject),
                                 reference.text.strip() if reference is not None else None)
    return _read_body(view, blocks, at, role, "attached")


def _recipient_line(paragraph: Paragraph) -> str:
    """A recipient as printed: Word's bullet, if any, then the text."""
    text = paragraph.text.strip()
    return f"{paragraph.label} {text}" if paragraph.label else text


def _is_recipient(paragraph: Paragraph) -> bool:
    text = paragraph.text.strip()
    return (text.startswith(("-", "–")) or bool(_ARCHIVE.match(text))
            or (paragraph.list_label is not None and paragraph.list_label.format == "bullet"))


def _signer_lines(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The signature block's lines, without "(Đã ký)"-like notes."""
    return [p for p in paragraphs if not re.match(r"^\(.*\)$", p.text.strip())]


def _set_signer(view: CheckedDocument, signer: list[Paragraph], role) -> None:
    signer = _signer_lines(signer)
    if not signer:
        return
    *authority, name = signer
    view.authority = [p.text.strip() for p in authority]
    view.signer_name = name.text.strip()
    for paragraph in authority:
        role("authority", paragraph)
    role("signer", name)


def _read_footer_table(view: CheckedDocument, table: Table, role) -> None:
    """ô 9b and ô 7 in a table: the cell that starts with "Nơi nhận" and
    the recipients' cells under it; every other cell is the signature."""
    signer: list[Paragraph] = []
    for cell in table.cells():
        texts = [p for p in cell.paragraphs if p.text.strip()]
        if not texts or cell.merged_above:
            continue
        if fold(texts[0].text).startswith("nơi nhận"):
            view.recipients_label = texts[0].text.strip()
            role("recipients_label", texts[0])
            recipients = texts[1:]
        elif view.recipients_label is not None and all(_is_recipient(p) for p in texts):
            recipients = texts
        else:
            signer.extend(texts)
            continue
        for paragraph in recipients:
            view.recipients.append(_recipient_line(paragraph))
            role("recipient", paragraph)
    _set_signer(view, signer, role)


def _read_footer_paragraphs(view: CheckedDocument, blocks: list, at: int, role) -> int:
    """``Nơi nhận:`` written as plain paragraphs: the recipients are the
    lines starting with ``-`` (or Word's bullets) up to ``Lưu: …``, then the
    signer's lines up to an appendix."""
    label = blocks[at]
    view.recipients_label = label.text.strip()
    role("recipients_label", label)
    at += 1
    signer: list[Paragraph] = []
    archived = False
    while at < len(blocks):
        block = blocks[at]
        if isinstance(block, Table):
            if view.recipients or signer:
                break
            at += 1
            continue
        text = block.text.strip()
        if _appendix_label(block):
            break
        if not signer and not archived and text and _is_recipient(block):
            view.recipients.append(_recipient_line(block))
            role("recipient", block)
            archived = bool(_ARCHIVE.match(text))
        elif text:
            signer.append(block)
        at += 1
    _set_signer(view, signer, role)
    return at


def _appendix(found: dict) -> AppendixView:
    headers: list[str] = []
    rows: list[list[str]] = []
    total = None
    table = found["table"]
    if table is not None:
        headers, rows = _columns(table)
        if rows and any(fold(cell).startswith(("tổng", "cộng")) for cell in rows[-1]):
            total = rows.pop()
    return AppendixView(found["label"], found["title"] or "", found["reference"], headers, rows, total,
                        found["subtitle"])


def _columns(table: Table) -> tuple[list[str], list[list[str]]]:
    """An appendix table as column titles and rows of cells, one cell per
    column. The columns are where the table's cells start; a header in
    two rows (``Chỉ tiêu`` over ``Giao`` and ``Đã kích hoạt``, ``STT``
    merged down) gives one title per column, "Chỉ tiêu – Giao"."""
    rows = [row for row in table.rows if row]
    if not rows:
        return [], []
    starts = sorted({cell.column for row in rows for cell in row})

    def covers(cell, start: int) -> bool:
        return cell.column <= start < cell.column + cell.span

    def wide(cell) -> bool:
        return sum(covers(cell, start) for start in starts) > 1

    head = 1
    while head < min(len(rows), 3) and (any(c.merged_above for c in rows[head])
                                        or any(wide(c) and c.text.strip() for c in rows[head - 1])):
        head += 1
    headers = []
    for start in starts:
        titles: list[str] = []
        for row in rows[:head]:
            cell = next((c for c in row if covers(c, start)), None)
            text = cell.text.strip() if cell is not None and not cell.merged_above else ""
            if text and text not in titles:
                titles.append(text)
        headers.append(" – ".join(titles))
    body = []
    for row in rows[head:]:
        by_start = {cell.column: cell.text.strip() for cell in row}
        body.append([by_start.get(start, "") for start in starts])
    return headers, body


def _units(body: list[Para]) -> list[UnitView]:
    """Units given tasks: numbered lines ``3. [Đề nghị] <unit>`` (or
    ``<unit>: tasks…``) in a section about tasks, whose name starts like the
    name of a body (Công an, Sở, Ban, UBND, …); the number typed or Word's."""
    out = []
    in_tasks = False
    for para in body:
        if para.heading:
            in_tasks = any(word in fold(para.text) for word in _UNIT_SECTIONS)
            continue
        if not in_tasks:
            continue
        match = re.match(r"^\d+\.\s+(?:Đề nghị\s+)?(.+)$", para.shown.strip())
        if not match:
            continue
        name = match.group(1)
        head, colon, _ = name.partition(":")
        name = head if colon else name
        if len(name.split()) > 30 or name.rstrip().endswith("."):
            continue
        if not fold(name).startswith(_UNIT_WORDS):
            continue
        out.append(UnitView(name.strip(), para))
    return out
