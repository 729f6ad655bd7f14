"""What the structure reader finds, as data: each landmark of a Decree-30
document with the lines it was read from (their paragraph numbers), how
sure the reading is, and, when it is an inference rather than what the
text says in its place, the note (Vietnamese) the importer passes on as a
warning."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ... import doctypes
from ..lines import Line
from ..source import SourceTable

STATED = 1.0    # read where the decree puts it, as it is written
JOINED = 0.9    # read from lines put back together (a wrapped line)
INFERRED = 0.6  # read from elsewhere in the text (a symbol, a sentence, the appendix)


@dataclass(frozen=True)
class Found:
    """One landmark: its text, the lines it was read from, its value when
    it has one (a number, a date, a type), how sure the reading is and the
    note saying what was inferred (None when the text states it)."""

    text: str
    lines: tuple[Line, ...] = ()
    value: Any = None
    confidence: float = STATED
    note: str | None = None

    @property
    def paragraph(self) -> int:
        return self.lines[0].number if self.lines else 0


@dataclass(frozen=True)
class Note:
    """Something the reader did that the clerk should know (a line joined,
    text skipped): the paragraph, the message, the plan field it concerns."""

    paragraph: int
    message: str
    path: str | None = None


@dataclass(frozen=True)
class PlaceDate:
    """ô 4: ``Gia Lai, ngày 29 tháng 8 năm 2023``; a draft's day is None."""

    place: str | None
    year: int
    month: int
    day: int | None = None


@dataclass
class Header:
    """ô 1-4 as found."""

    parent: Found | None = None     # value: the line as written
    issuing: Found | None = None    # value: the lines the header prints
    nation: Found | None = None
    motto: Found | None = None
    number: Found | None = None     # value: (number or None, symbol)
    date: Found | None = None       # value: PlaceDate
    others: list[Line] = field(default_factory=list)  # header lines that are none of these
    # ô 10a, 10b: the secrecy and urgency stamps, by field ("urgency" -> "hoa_toc")
    marks: dict[str, str] = field(default_factory=dict)

    @property
    def issuer_lines(self) -> list[Line]:
        return [line for found in (self.parent, self.issuing) if found for line in found.lines]


@dataclass
class Division:
    """A top-level division (a section): its mark as written (``I``,
    ``Phần thứ nhất``, ``A``, ``1``), the scheme of the marks
    (:mod:`.divisions`), its number in order, its title and its lines."""

    mark: str
    scheme: str
    ordinal: int
    title: Found
    items: list = field(default_factory=list)  # Line | SourceTable after the title, up to the next division
    units: list[Found] = field(default_factory=list)  # units given tasks (structure.units): value (name, asked)


@dataclass
class Appendix:
    label: Line
    title: list[Line] = field(default_factory=list)
    subtitle: Line | None = None
    reference: Found | None = None  # the "(Kèm theo … số …)" line; value: (number, symbol, date, issuer)
    table: SourceTable | None = None
    notes: list[Line] = field(default_factory=list)  # lines that are none of these


@dataclass
class Footer:
    """ô 9b and ô 7: recipients beside the signer."""

    label: Line | None = None                       # "Nơi nhận:"
    recipients: list[Found] = field(default_factory=list)  # value: (name, purpose)
    archive: Found | None = None                    # "Lưu: VT, …"; value: what follows "Lưu:"
    authority: list[Line] = field(default_factory=list)
    name: Line | None = None
    signed: list[Line] = field(default_factory=list)  # "(Đã ký)", "(ký, đóng dấu)"
    strays: list[Line] = field(default_factory=list)
    tables: list[SourceTable] = field(default_factory=list)


@dataclass
class Structure:
    """A Decree-30 document as the reader found it, top to bottom."""

    items: list                                    # the document's lines and data tables, in order
    skipped: list[Line] = field(default_factory=list)  # page chrome before the header
    header: Header = field(default_factory=Header)
    type_line: Found | None = None                 # value: the DocumentType the line names
    doc_type: Found | None = None                  # value: the DocumentType (from the line, else the symbol)
    # value: the subject without what the type prints before it (a Công văn's "V/v" in its header)
    subject: Found | None = None
    subject_at: int = 0                            # paragraph where the subject was looked for
    reference: Found | None = None                 # "(Ban hành kèm theo Quyết định số …)" under the subject
    addressees: Found | None = None                # "Kính gửi: …" and its dash lines; value: the names
    decider: Found | None = None                   # a decision's authority line (CHỦ TỊCH ỦY BAN NHÂN DÂN …)
    # Line | SourceTable before the first division; a decision's bases (Căn cứ …;)
    opening: list = field(default_factory=list)
    decision_line: Found | None = None             # "QUYẾT ĐỊNH:" before the articles
    articles: list = field(default_factory=list)   # the lines after it: "Điều 1. …" and their clauses
    meeting: list = field(default_factory=list)    # a Giấy mời's lines: who is invited, when, where
    divisions: list[Division] = field(default_factory=list)
    # the closing after the last division's content ("Trên đây là …", :mod:`.closing`), for the types with one
    closing: list = field(default_factory=list)
    footer: Footer = field(default_factory=Footer)
    appendices: list[Appendix] = field(default_factory=list)
    after: list = field(default_factory=list)      # what follows the signature and fits nothing
    attached: "Structure | None" = None            # the text this document issues (a decision's plan)
    notes: list[Note] = field(default_factory=list)

    @property
    def type(self) -> doctypes.DocumentType | None:
        return self.doc_type.value if self.doc_type else None

    def note(self, paragraph: int, message: str, path: str | None = None) -> None:
        self.notes.append(Note(paragraph, message, path))

    @property
    def last_line(self) -> Line | None:
        """The body's last line (it ends with "./." in a finished document)."""
        body = [item for item in self.body if isinstance(item, Line) and item.text.strip()]
        return body[-1] if body else None

    @property
    def body(self) -> list:
        """What the body prints, in order: a meeting's lines, the decider,
        the opening, the decision line and the articles, each division's
        title line and items, the closing."""
        out = list(self.meeting) + ([self.decider.lines[0]] if self.decider else []) + list(self.opening)
        if self.decision_line is not None:
            out.append(self.decision_line.lines[0])
        out.extend(self.articles)
        for division in self.divisions:
            out.extend(division.title.lines)
            out.extend(division.items)
        return out + list(self.closing)
