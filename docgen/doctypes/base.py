"""What a document type is: the data every other module asks instead of
spelling a type's name (STYLE.md: "the core never spells a type's name").

A type gives the words Decree 30 prints for it (its name, the title line
above the trích yếu or none, the symbol rule of Appendix III), its layout
family (the Word template and the layout module that fill it), the boxes it
has (a "V/v" subject in the header, "Kính gửi", the decision's authority
line and articles, the text a decision issues, a meeting's time and place),
the parts its body is built of and the block kinds each may hold, its own
checks, the labels its editor shows, and the phrases other documents use to
refer to it ("Kèm theo Kế hoạch số …", "Thực hiện Kế hoạch số …").

A type of an existing family is one module of this package; see docs/developer.md,
"Loại văn bản".
"""

from __future__ import annotations

import types
from dataclasses import dataclass, field
from typing import Mapping

from ..vietnamese.document_number import number_text

ISSUER_ABBREVIATION = "UBND"  # the issuer part of a default symbol: KH-UBND, BC-UBND, UBND-VP

# A section a new document starts with: its title and its blocks as
# (kind, text) pairs, a heading's text being its title: ("heading", "Mục đích").
OutlineSection = tuple[str, tuple[tuple[str, str], ...]]

# The layout families (Decree 30, Appendix III): a family is one layout
# module (docgen/document/layouts/) and one Word template built from the
# template's parts (templates_docx/build_template.py).
LAYOUTS = ("titled", "letter", "decision")

# "Kính gửi" (ô 9a): a type has none, may have it, or must have it.
ADDRESSEES = ("none", "optional", "required")

# The body's parts in the order a type's layout prints them; each type names
# those it has (``parts``). "closing" is the unnumbered paragraph (or two)
# after the last section, before "Nơi nhận" and the signature: "Trên đây là
# Kế hoạch … của …; đề nghị … triển khai thực hiện./." (Đoạn kết).
PARTS = ("meeting", "opening", "sections", "articles", "closing")

# The block kinds of body parts: the articles of a decision (and the
# chapters of a Quy chế) hold articles and their clauses; sections hold
# every kind of docgen.plan.model.BLOCK_KINDS but those of articles alone.
ARTICLE_BLOCKS = ("article", "numbered", "item", "bullet", "paragraph")
ARTICLE_ONLY = ("article",)


@dataclass(frozen=True, eq=False)  # one object per type: compared and hashed by identity
class DocumentType:
    key: str  # what a plan file says: ``type: bao_cao``
    name: str  # "Kế hoạch": in sentences, capitalised as Decree 30 writes it
    title: str | None  # "KẾ HOẠCH": ô 5a, the line above the trích yếu; None: no title line (Công văn)
    symbol_prefix: str | None  # "KH": the type's code in the symbol; None: no type code (Công văn)
    layout: str = "titled"  # the layout family (LAYOUTS)
    template: str | None = None  # a Word template of its own (file in templates_docx/ or a path)
    # the symbol of a type without a code: issuer + drafting unit or field (UBND-VP)
    unit_symbol: str | None = None
    standalone: bool = True  # offered as a new document ("Văn bản mới"); else only issued by a decision
    attachable: bool = False  # may be the text a decision issues (Mẫu 1.3)
    appendices: bool = True  # may carry appendices ("Phụ lục")
    campaign: bool = True  # may carry a campaign (đợt cao điểm)
    period: bool = False  # covers a period (kỳ báo cáo)
    # issued before its campaign ends: the checks warn of a campaign over before the issue date
    looks_ahead: bool = True
    addressees: str = "none"  # "Kính gửi" (ADDRESSEES)
    addressees_start: bool = False  # a new document starts with a "Kính gửi" line
    subject_prefix: str = ""  # printed before the subject: "V/v " in a Công văn's header
    subject_limit: int | None = None  # words a subject should keep to (a Công văn's V/v)
    decider: bool = False  # the authority line of a decision (CHỦ TỊCH ỦY BAN NHÂN DÂN …)
    parts: tuple[str, ...] = ("opening", "sections", "closing")  # the body's parts (PARTS)
    section_style: str = "roman"  # sections print as "I. TITLE" (roman) or "Chương I" / "TITLE" (chapter)
    attached: tuple[str, ...] = ()  # keys of the types this one may issue as an attached text
    # the opening lines end ";" and the last "." (the bases of a decision: "Căn cứ …;")
    bases: bool = False
    decision_line: str | None = None  # the line before the articles: "QUYẾT ĐỊNH:"
    executing_words: tuple[str, ...] = ()  # words of the article that names who executes it
    checks: tuple[str, ...] = ()  # the type's own checks, by name (docgen.checks.types.TYPE_CHECKS)
    labels: Mapping[str, str] = field(default_factory=dict)  # the editor's labels that differ for this type
    examples: Mapping[str, str] = field(default_factory=dict)  # the editor's examples that differ
    outline: tuple[OutlineSection, ...] = ()  # the sections a new document starts with (web editor)
    # top-level divisions other than Roman numerals kept as the document writes them ("part": a report's
    # "Phần thứ nhất"); others (A., 1.) are numbered I., II. on import
    division_marks: tuple[str, ...] = ()
    rank: int = 100  # where the type comes in lists ("Văn bản mới"): lower first

    def __post_init__(self) -> None:
        if self.layout not in LAYOUTS:
            raise ValueError(f"{self.key}: layout '{self.layout}' is none of {LAYOUTS}")
        if self.addressees not in ADDRESSEES:
            raise ValueError(f"{self.key}: addressees '{self.addressees}' is none of {ADDRESSEES}")
        unknown = [part for part in self.parts if part not in PARTS]
        if unknown:
            raise ValueError(f"{self.key}: parts {unknown} are none of {PARTS}")
        if (self.symbol_prefix is None) == (self.unit_symbol is None):
            raise ValueError(f"{self.key}: a symbol has either a type code or a drafting unit, not both")
        object.__setattr__(self, "labels", types.MappingProxyType(dict(self.labels)))
        object.__setattr__(self, "examples", types.MappingProxyType(dict(self.examples)))

    # --- the symbol (ký hiệu) ---------------------------------------------------------

    @property
    def default_symbol(self) -> str:
        """``KH-UBND``; a type without a code: ``UBND-VP``."""
        if self.symbol_prefix is None:
            return f"{ISSUER_ABBREVIATION}-{self.unit_symbol}"
        return f"{self.symbol_prefix}-{ISSUER_ABBREVIATION}"

    @property
    def symbol_start(self) -> str | None:
        """``KH-``: what a symbol of this type starts with; None for a type
        without a code (its symbol starts with the issuer)."""
        return f"{self.symbol_prefix}-" if self.symbol_prefix else None

    @property
    def symbol_pattern(self) -> str:
        """``KH-…`` or ``<cơ quan>-<đơn vị>``: the rule, as the checks' messages show it."""
        return f"{self.symbol_start}…" if self.symbol_start else "…-…"

    def sequence_of(self, symbol: str) -> str:
        """The register's counter a symbol numbers in: its own for a type with
        a code (``KH-UBND``); for a Công văn every drafting unit of one issuer
        shares one (``UBND-VX`` and ``UBND-KT`` -> ``UBND-*``)."""
        if self.symbol_prefix is None and "-" in symbol:
            return symbol.split("-", 1)[0] + "-*"
        return symbol

    # --- what the layout prints --------------------------------------------------------

    @property
    def template_name(self) -> str:
        """The Word template: the type's own, else its family's (``titled.docx``)."""
        return self.template or f"{self.layout}.docx"

    @property
    def has_title(self) -> bool:
        return self.title is not None

    def has(self, part: str) -> bool:
        """Whether the body has ``part`` (PARTS)."""
        return part in self.parts

    @property
    def block_kinds(self) -> tuple[str, ...] | None:
        """The block kinds its sections may hold: a Quy chế's chapters hold
        articles; None: every kind but :data:`ARTICLE_ONLY` (a plan's)."""
        return ARTICLE_BLOCKS if self.section_style == "chapter" else None

    # --- how other documents name it ----------------------------------------------------

    @property
    def noun(self) -> str:
        """``kế hoạch``: the name inside a sentence."""
        return self.name[:1].lower() + self.name[1:]

    def numbered(self, number_and_symbol: str) -> str:
        """``Kế hoạch số 2314/KH-UBND``."""
        return f"{self.name} số {number_and_symbol}"

    @property
    def attached_words(self) -> str:
        """``Kèm theo Kế hoạch số``: the words an appendix (or a text a
        decision issues) names it with."""
        return f"Kèm theo {self.name} số"

    @property
    def attached_prefix(self) -> str:
        """How an appendix's reference line starts: ``(Kèm theo Kế hoạch số``."""
        return f"({self.attached_words}"

    @property
    def implementing_prefix(self) -> str:
        """How a derived document names this one: ``Thực hiện Kế hoạch số``."""
        return f"Thực hiện {self.name} số"

    def example_symbol_line(self, number: int = 2314) -> str:
        """``Số: 2314/KH-UBND``: the example the checks give."""
        return f"Số: {number_text(number, self.default_symbol)}"

    # --- the editor ------------------------------------------------------------------

    @property
    def editor_groups(self) -> tuple[str, ...]:
        """The groups of the editor's form, in the order the document reads:
        what the type has and nothing else."""
        groups = ["header", "marks", "subject"]
        if self.addressees != "none":
            groups.append("addressees")
        groups.append("reference")
        if self.period:
            groups.append("period")
        if self.decider:
            groups.append("decider")
        groups += [part for part in self.parts]
        if self.attached:
            groups.append("attached")
        groups += ["recipients", "signer"]
        if self.campaign:
            groups.append("campaign")
        if self.appendices:
            groups.append("appendices")
        return tuple(groups)
