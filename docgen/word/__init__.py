"""The one reader of Word content. Everything that reads a .docx (the
checks, the importer, the tests) reads it through here:

- :func:`read_word`: paragraphs and tables in reading order with their
  effective formatting (document defaults, paragraph style chain, character
  style, direct formatting: bold, italic, superscript, font, size,
  alignment, indents, spacing), Word's list numbering as the labels a reader
  sees ("1.", "a)", "I.", "-"), tables with merged cells, sections with page
  size, orientation and margins in twips, headers and footers (page-number
  fields);
- :func:`check_package` refuses, before anything is parsed, what is not a
  .docx safe to read (old .doc, encrypted, .docm, zip bomb, DTD, over 50 MB,
  more cells, paragraphs or text than :class:`ContentLimits` allow);
- :func:`docgen.word.shared.sharing`: a batch's documents, rendered from one
  Word template, read with what they share opened once;
- :func:`paragraphs`, :func:`document_text`, :func:`xml_parts`,
  :func:`malformed_parts` for tests.

No module outside this package reads a document's XML.
"""

from __future__ import annotations

from .content import (
    Block,
    Cell,
    HeaderFooter,
    Margins,
    Paragraph,
    Run,
    Section,
    Table,
    WordDocument,
    read_word,
)
from .formatting import ParagraphFormat, RunFormat
from .numbering import ListLabel
from .package import (
    ContentLimits, DocumentTooLarge, UnreadableDocument, check_package, malformed_parts, xml_parts,
)

__all__ = [
    "Block", "Cell", "ContentLimits", "DocumentTooLarge", "HeaderFooter", "ListLabel", "Margins", "Paragraph", "ParagraphFormat", "Run",
    "RunFormat", "Section", "Table", "UnreadableDocument", "WordDocument", "check_package",
    "document_text", "malformed_parts", "paragraphs", "read_word", "xml_parts",
]


def paragraphs(docx: bytes) -> list[Paragraph]:
    """Body paragraphs in reading order, table cells included."""
    return list(read_word(docx).paragraphs())


def document_text(docx: bytes) -> str:
    return "\n".join(p.text for p in paragraphs(docx))
