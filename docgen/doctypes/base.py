"""What a document type is: the data every other module asks instead of
spelling a type's name (STYLE.md: "the core never spells a type's name").

A type gives the words Decree 30 prints for it (its name, the title line
above the trích yếu, the symbol family of Appendix III), the Word template
it is rendered with, the parts it may have and the phrases other documents
use to refer to it ("Kèm theo Kế hoạch số …", "Thực hiện Kế hoạch số …").
"""

from __future__ import annotations

from dataclasses import dataclass

from ..vietnamese.document_number import number_text

ISSUER_ABBREVIATION = "UBND"  # the issuer part of a default symbol: KH-UBND, BC-UBND

# A section a new document starts with: its title and its blocks as
# (kind, text) pairs, a heading's text being its title: ("heading", "Mục đích").
OutlineSection = tuple[str, tuple[tuple[str, str], ...]]


@dataclass(frozen=True)
class DocumentType:
    key: str  # what a plan file says: ``type: bao_cao``
    name: str  # "Kế hoạch": in sentences, capitalised as Decree 30 writes it
    title: str  # "KẾ HOẠCH": ô 5a, the line above the trích yếu
    symbol_prefix: str  # "KH": the type's code in the symbol (nd30.md, Appendix III)
    template: str  # file name in templates_docx/
    appendices: bool = True  # may carry appendices ("Phụ lục")
    campaign: bool = True  # may carry a campaign (đợt cao điểm)
    # issued before its campaign ends: the checks warn of a campaign over before the issue date
    looks_ahead: bool = True
    outline: tuple[OutlineSection, ...] = ()  # the sections a new document starts with (web editor)

    @property
    def default_symbol(self) -> str:
        """``KH-UBND``: what a new document of this type is numbered under."""
        return f"{self.symbol_prefix}-{ISSUER_ABBREVIATION}"

    @property
    def symbol_start(self) -> str:
        """``KH-``: what the checks expect a symbol of this type to start with."""
        return f"{self.symbol_prefix}-"

    @property
    def noun(self) -> str:
        """``kế hoạch``: the name inside a sentence."""
        return self.name[:1].lower() + self.name[1:]

    def numbered(self, number_and_symbol: str) -> str:
        """``Kế hoạch số 2314/KH-UBND``."""
        return f"{self.name} số {number_and_symbol}"

    def attached_to(self, number_and_symbol: str, dated: str, issuer: str) -> str:
        """An appendix's reference line: ``(Kèm theo Kế hoạch số 2314/KH-UBND
        ngày 29 tháng 8 năm 2023 của Ủy ban nhân dân tỉnh Gia Lai)``."""
        return f"({self.attached_words} {number_and_symbol} {dated} của {issuer})"

    @property
    def attached_words(self) -> str:
        """``Kèm theo Kế hoạch số``: the words an appendix names it with."""
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
