"""What an importer reads: a document's body as paragraphs and tables in reading order.

Word files and pasted text are both turned into this by their readers
(docgen/importing/from_docx.py, docgen/importing/from_text.py); the parser
(docgen/importing/parse.py) turns it into a Plan.
"""
from __future__ import annotations
from dataclasses import dataclass, field
from typing import Any, Literal, Union

Align = Literal["left", "center", "right", "both"]

@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    superscript: bool = False

@dataclass
class SourceParagraph:
    number: int                 # 1-based paragraph number in the source, as warnings cite it
    spans: list[Span]
    label: str | None = None    # a list label the reader sees but that is not in the text (Word numbering: "1.", "a)", "-", "+")
    align: Align | None = None
    style: str | None = None    # style name when the source has one ("DG Heading 1", "Heading 2", "List Bullet"); a hint only
    level: int | None = None    # outline/heading level hint (Markdown '#' count, Word outline level)
    page_break_before: bool = False
    # Word's list numbering behind ``label``: its format ("upperRoman", "decimal", "bullet"), its level
    # (0 = the list's top) and the list it counts in; None when the label was typed or there is none
    list_format: str | None = None
    list_level: int | None = None
    list_id: str | None = None
    origin: Any = field(default=None, repr=False, compare=False)  # the docgen.word Paragraph it was read from

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    @property
    def bold(self) -> bool:
        """Every non-blank span bold."""
        shown = [span for span in self.spans if span.text.strip()]
        return bool(shown) and all(span.bold for span in shown)

    @property
    def italic(self) -> bool:
        shown = [span for span in self.spans if span.text.strip()]
        return bool(shown) and all(span.italic for span in shown)

@dataclass
class SourceCell:
    paragraphs: list[SourceParagraph]
    span: int = 1               # grid columns this cell covers (gridSpan / colspan)
    merged_above: bool = False  # vertical merge continuation (vMerge without restart)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

@dataclass
class SourceTable:
    number: int                 # paragraph number of its first cell; paragraph numbering continues through cells
    rows: list[list[SourceCell]]
    landscape: bool = False     # the table sits in a landscape section
    origin: Any = field(default=None, repr=False, compare=False)  # the docgen.word Table it was read from

Block = Union[SourceParagraph, SourceTable]

@dataclass
class Source:
    blocks: list[Block]
    kind: Literal["docx", "text"]
    notes: list[str] = field(default_factory=list)   # reader-level remarks (e.g. "text boxes ignored")
