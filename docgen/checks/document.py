"""A neutral view of a plan to check, built from a :class:`~docgen.model.Plan`
or from a .docx (ours or one written by hand in Word).

The consistency and sensitive-data checks read only this view, so they work
the same on both. Paragraphs carry their section (the Roman numeral as
printed, wrong or not) and their position in it, which is what a finding
reports as its location. A view read from a .docx also keeps the Word
paragraphs of each element (``roles``) for the layout checks.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from .. import vn
from ..context import appendix_context, date_text, number_line, plain, recipient_lines, section_paragraphs
from ..model import Plan
from .findings import Where, excerpt
from .parsing import fold, from_roman


class UnreadableDocument(Exception):
    """The bytes are not a Word document python-docx can open."""


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

    def where(self, text: str = "") -> Where:
        return Where("appendix", self.label.removeprefix("Phụ lục").strip() or None, None, excerpt(text))


@dataclass(frozen=True)
class UnitView:
    """A unit given tasks (phân công): its name as printed and where."""

    name: str
    para: Para


@dataclass
class CheckedDocument:
    source: str  # "plan" | "docx"
    header_lines: list[str] = field(default_factory=list)
    number_line: str | None = None
    date_line: str | None = None
    subject: str = ""
    body: list[Para] = field(default_factory=list)
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
    docx: object | None = None  # the python-docx Document, docx only

    @property
    def sections(self) -> list[Para]:
        return [p for p in self.body if p.heading]

    def text_paragraphs(self) -> list[Para]:
        """Every paragraph with text: body, then none of the header."""
        return [p for p in self.body if p.text.strip()]


# --- from a plan ------------------------------------------------------------------------


def from_plan(plan: Plan) -> CheckedDocument:
    view = CheckedDocument("plan")
    header = plan.header
    view.header_lines = ([header.parent_body] if header.parent_body else []) + list(header.issuing_body)
    view.number_line = number_line(plan)
    view.date_line = f"{header.place}, {date_text(plan)}"
    view.subject = plain(plan.subject)
    view.body = [Para(plain(text), "opening", None, i, path=f"opening.{i - 1}")
                 for i, text in enumerate(plan.opening, start=1)]
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
        at = f"{prefix}.blocks.{j}"
        if block.kind == "unit":
            tasks = [f"{at}.tasks.{k}" for k in range(len(block.tasks))]
            out.append(f"{at}.name")  # a run-in first task shares the name's paragraph
            out.extend(tasks[1:] if block.run_in else tasks)
        elif block.kind in ("heading", "subheading"):
            out.append(f"{at}.text" if block.text else f"{at}.title")
        else:
            out.append(f"{at}.text")
    return out


# --- from a .docx --------------------------------------------------------------------------

_SECTION = re.compile(r"^\s*([IVXLCDM]+)\s*\.\s*(\S.*)$")
_APPENDIX_LABEL = re.compile(r"^(phụ lục)(\s+([ivxlcdm]+|\d+))?\s*$")
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


def _cells(table: Table):
    """Each distinct cell (``w:tc``) of a table, row by row, as (row, column,
    paragraphs); merged cells are not repeated."""
    for r, row in enumerate(table.rows):
        for c, tc in enumerate(row._tr.tc_lst):
            yield r, c, [Paragraph(p, table) for p in tc.iterchildren("{*}p")]


def _cell_text(paragraphs: list[Paragraph]) -> str:
    return "\n".join(p.text for p in paragraphs).strip()


def from_docx(data: bytes) -> CheckedDocument:
    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UnreadableDocument(str(error)) from None
    except Exception as error:  # python-docx raises its own types for broken packages
        raise UnreadableDocument(f"{type(error).__name__}: {error}") from None
    view = CheckedDocument("docx", docx=document)
    roles: dict[str, list[Paragraph]] = {}

    def role(name: str, paragraph: Paragraph) -> None:
        roles.setdefault(name, []).append(paragraph)

    blocks = list(document.iter_inner_content())
    at = 0
    doc_type_at = next(
        (i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and fold(b.text) == "kế hoạch"), None
    )
    # ô 1-4: everything before the document type
    header_blocks = blocks[:doc_type_at] if doc_type_at is not None else (
        blocks[:1] if blocks and isinstance(blocks[0], Table) else []
    )
    for block in header_blocks:
        paragraphs = [p for _, _, ps in _cells(block) for p in ps] if isinstance(block, Table) else [block]
        for paragraph in paragraphs:
            text = paragraph.text.strip()
            if not text:
                continue
            if _is_national_name(text):
                role("nation", paragraph)
            elif _is_motto(text):
                role("motto", paragraph)
            elif re.match(r"^Số\b", text):
                view.number_line = view.number_line or paragraph.text
                role("number", paragraph)
            elif re.search(r"ngày.*tháng.*năm\s+\d{4}", text) and view.date_line is None:
                view.date_line = paragraph.text
                role("date", paragraph)
            else:
                view.header_lines.append(text)
                role("issuer", paragraph)
    at = len(header_blocks)
    if doc_type_at is not None:
        role("doc_type", blocks[doc_type_at])
        at = doc_type_at + 1
        subject: list[Paragraph] = []
        while at < len(blocks) and isinstance(blocks[at], Paragraph):
            paragraph = blocks[at]
            if not paragraph.text.strip():
                if subject:
                    break
            elif not subject or _centred(paragraph):
                subject.append(paragraph)
            else:
                break
            at += 1
        view.subject = " ".join(p.text.strip() for p in subject)
        for paragraph in subject:
            role("subject", paragraph)

    # body, up to "Nơi nhận:"
    section: str | None = None
    index = 0
    footer_found = False
    while at < len(blocks) and not footer_found:
        block = blocks[at]
        at += 1
        if isinstance(block, Table):
            for r, c, paragraphs in _cells(block):
                if any(fold(p.text).startswith("nơi nhận") for p in paragraphs):
                    footer_found = True
                    _read_footer_table(view, block, role)
                    break
            continue
        text = block.text
        if fold(text).startswith("nơi nhận"):
            footer_found = True
            at = _read_footer_paragraphs(view, blocks, at - 1, role)
            break
        if not text.strip():
            continue
        match = _SECTION.match(text)
        if match and from_roman(match.group(1)) and vn.upper_vn(match.group(2)) == match.group(2):
            section, index = match.group(1), 0
            view.body.append(Para(text, "section", section, 0, heading=True))
        else:
            index += 1
            view.body.append(Para(text, "section" if section else "opening", section, index))
        role("body", block)

    # appendices
    current: dict | None = None
    while at < len(blocks):
        block = blocks[at]
        at += 1
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if _APPENDIX_LABEL.match(fold(text)):
                if current:
                    view.appendices.append(_appendix(current))
                current = {"label": text, "title": None, "reference": None, "table": None}
                role("appendix_label", block)
            elif current and text:
                if text.startswith("(Kèm theo") or fold(text).startswith("(kèm theo"):
                    current["reference"] = text
                    role("appendix_reference", block)
                elif current["title"] is None:
                    current["title"] = text
        elif current and current["table"] is None:
            current["table"] = block
    if current:
        view.appendices.append(_appendix(current))
    view.units = _units(view.body)
    view.roles = roles
    return view


def _centred(paragraph: Paragraph) -> bool:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    alignment = paragraph.paragraph_format.alignment
    style = paragraph.style
    while alignment is None and style is not None:
        alignment = style.paragraph_format.alignment
        style = style.base_style
    return alignment == WD_ALIGN_PARAGRAPH.CENTER


def _read_footer_table(view: CheckedDocument, table: Table, role) -> None:
    for _, _, paragraphs in _cells(table):
        texts = [p for p in paragraphs if p.text.strip()]
        if not texts:
            continue
        if fold(texts[0].text).startswith("nơi nhận"):
            view.recipients_label = texts[0].text.strip()
            role("recipients_label", texts[0])
            for paragraph in texts[1:]:
                view.recipients.append(paragraph.text.strip())
                role("recipient", paragraph)
        else:
            *authority, name = texts
            view.authority = [p.text.strip() for p in authority]
            view.signer_name = name.text.strip()
            for paragraph in authority:
                role("authority", paragraph)
            role("signer", name)


def _read_footer_paragraphs(view: CheckedDocument, blocks: list, at: int, role) -> int:
    """``Nơi nhận:`` written as plain paragraphs: the recipients are the
    lines starting with ``-``, then the signer's lines up to an appendix."""
    label = blocks[at]
    view.recipients_label = label.text.strip()
    role("recipients_label", label)
    at += 1
    signer: list[Paragraph] = []
    while at < len(blocks) and isinstance(blocks[at], Paragraph):
        paragraph = blocks[at]
        text = paragraph.text.strip()
        if _APPENDIX_LABEL.match(fold(text)):
            break
        if text.startswith(("-", "–")) and not signer:
            view.recipients.append(text)
            role("recipient", paragraph)
        elif text:
            signer.append(paragraph)
        at += 1
    if signer:
        *authority, name = signer
        view.authority = [p.text.strip() for p in authority]
        view.signer_name = name.text.strip()
        for paragraph in authority:
            role("authority", paragraph)
        role("signer", name)
    return at


def _appendix(found: dict) -> AppendixView:
    headers: list[str] = []
    rows: list[list[str]] = []
    total = None
    table = found["table"]
    if table is not None:
        lines: dict[int, list[str]] = {}
        for r, _, paragraphs in _cells(table):
            lines.setdefault(r, []).append(_cell_text(paragraphs))
        ordered = [lines[r] for r in sorted(lines)]
        if ordered:
            headers, rows = ordered[0], ordered[1:]
        if rows and any(fold(cell).startswith(("tổng", "cộng")) for cell in rows[-1]):
            total = rows.pop()
    return AppendixView(found["label"], found["title"] or "", found["reference"], headers, rows, total)


def _units(body: list[Para]) -> list[UnitView]:
    """Units given tasks: numbered lines ``3. [Đề nghị] <unit>`` (or
    ``<unit>: tasks…``) in a section about tasks, whose name starts like the
    name of a body (Công an, Sở, Ban, UBND, …)."""
    out = []
    in_tasks = False
    for para in body:
        if para.heading:
            in_tasks = any(word in fold(para.text) for word in _UNIT_SECTIONS)
            continue
        if not in_tasks:
            continue
        match = re.match(r"^\d+\.\s+(?:Đề nghị\s+)?(.+)$", para.text.strip())
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
