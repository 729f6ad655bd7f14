"""The neutral view of a document the checks read: a plan as printed
(:mod:`.document`, ``from_plan``) or a .docx read back (:mod:`.docx_view`).
Paragraphs carry their section (the division's mark as printed, wrong or
not) and their position in it, which is what a finding reports as its
location. A view read from a .docx also keeps the Word paragraphs of each
element (``roles``) for the layout checks."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .. import doctypes
from ..word import Paragraph, WordDocument
from .findings import Where, excerpt


@dataclass(frozen=True)
class Para:
    """A paragraph of the body: the opening (``part="opening"``), a
    section (``part="section"``, ``section`` its numeral as printed, ``index``
    0 for the section's heading line and 1.. after it) or the closing after
    the last section (``part="closing"``, "Trên đây là …")."""

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
    # "doc_type", "subject", "letter_subject", "addressee", "decider",
    # "decision_line", "body", "attached_type", "attached_reference",
    # "recipients_label", "recipient", "authority", "signer", "appendix_label",
    # "appendix_reference"); docx only.
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
