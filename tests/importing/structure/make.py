"""Lines as the structure reader gets them, from short texts: one
paragraph each (numbered from 1), plain unless marked: ``**…**`` for a
bold line, ``^…`` for a centred one."""

from __future__ import annotations

from docgen.importing.lines import Line, source_lines
from docgen.importing.source import SourceParagraph, Span


def paragraph(number: int, text: str, **kwargs) -> SourceParagraph:
    bold = text.startswith("**") and text.endswith("**")
    centred = text.startswith("^")
    text = text.strip("*^") if bold or centred else text
    return SourceParagraph(number, [Span(text, bold=bold)], align="center" if centred else None, **kwargs)


def lines(*texts: str) -> list[Line]:
    out: list[Line] = []
    for number, text in enumerate(texts, start=1):
        out.extend(source_lines([paragraph(number, text)]))
    return out


def line(text: str, **kwargs) -> Line:
    return source_lines([paragraph(1, text, **kwargs)])[0]
