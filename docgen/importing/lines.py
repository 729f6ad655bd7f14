"""The source's paragraphs as lines of spans, as the parser reads them: a
paragraph's list label put before its text, soft line breaks making lines
of their own, emphasis kept; and spans back to plan text with ``**bold**``
and ``*italic*``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ..vietnamese.text import clean_line
from .source import SourceParagraph, Span



@dataclass
class Line:
    number: int
    spans: list[Span]
    style: str | None = None
    level: int | None = None
    align: str | None = None
    paragraph: SourceParagraph | None = field(default=None, repr=False, compare=False)
    offset: int = 0  # where the line starts in its paragraph's text (a piece of a line, a soft break)

    @property
    def raw(self) -> str:
        """The spans' text as the source has it (tabs, spaces and all)."""
        return "".join(s.text for s in self.spans)

    def piece(self, start: int, end: int | None = None) -> "Line":
        """The part of the line from ``start`` to ``end`` (offsets in :attr:`raw`)."""
        _, rest = split_spans(self.spans, start)
        if end is not None:
            rest, _ = split_spans(rest, end - start)
        return Line(self.number, rest, self.style, self.level, self.align, self.paragraph, self.offset + start)

    @property
    def listed(self) -> tuple[str | None, int | None, str | None]:
        """Word's list numbering behind the line's label: (format, level, list)."""
        p = self.paragraph
        return (p.list_format, p.list_level, p.list_id) if p is not None else (None, None, None)

    @cached_property
    def text(self) -> str:
        return clean_line("".join(s.text for s in self.spans).replace("\t", " "))

    @property
    def bold(self) -> bool:
        shown = [s for s in self.spans if s.text.strip()]
        return bool(shown) and all(s.bold for s in shown)

    @property
    def italic(self) -> bool:
        shown = [s for s in self.spans if s.text.strip()]
        return bool(shown) and all(s.italic for s in shown)

    @property
    def emphasised(self) -> bool:
        """Set off as a heading: bold, a Markdown heading, a heading style."""
        style = (self.style or "").lower()
        return self.bold or self.level is not None or "heading" in style or style in ("dg section",)

    def markup(self, drop_bold: bool = False, drop_italic: bool = False) -> str:
        return markup(self.spans, drop_bold=drop_bold or self.bold, drop_italic=drop_italic or self.italic)


def markup(spans: list[Span], *, drop_bold: bool = False, drop_italic: bool = False) -> str:
    """Spans as plan text with ``**bold**`` and ``*italic*`` (a literal
    asterisk escaped); emphasis that covers the whole paragraph is left to
    the paragraph's kind. Emphasis that starts or ends inside a word ("*Nân*g",
    a character style over part of a word) cannot be written in the plan's
    markup (docgen.document.context reads "*…*" only around whole words): that span's
    text is kept, its emphasis dropped."""
    out = []
    for index, span in enumerate(spans):
        text = span.text.replace("*", "\\*")
        if span.superscript:
            text = text.translate(_SUPERSCRIPT)
        bold = span.bold and not drop_bold
        italic = span.italic and not drop_italic
        core = text.strip()
        lead = text[: len(text) - len(text.lstrip())]
        tail = text[len(text.rstrip()):]
        before = spans[index - 1].text[-1:] if index else ""
        after = spans[index + 1].text[:1] if index + 1 < len(spans) else ""
        inside_word = (not lead and before.isalnum()) or (not tail and after.isalnum())
        if not core or not (bold or italic) or inside_word:
            out.append(text)
            continue
        marker = ("**" if bold else "") + ("*" if italic else "")
        out.append(f"{lead}{marker}{core}{marker[::-1]}{tail}")
    joined = "".join(out)
    # "**a** **b**" -> "**a b**": neighbouring spans of one emphasis
    joined = re.sub(r"\*\*(\s+)\*\*(?=\S)", r"\1", joined)
    return clean_line(joined)


_SUPERSCRIPT = str.maketrans("0123456789()+-=", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾⁺⁻⁼")


def cut_spans(spans: list[Span], chars: int) -> list[Span]:
    """Spans without their first ``chars`` characters."""
    out = []
    for span in spans:
        if chars >= len(span.text):
            chars -= len(span.text)
            continue
        out.append(Span(span.text[chars:], span.bold, span.italic, span.superscript))
        chars = 0
    if out:
        out[0] = Span(out[0].text.lstrip(), out[0].bold, out[0].italic, out[0].superscript)
    return out


def split_spans(spans: list[Span], at: int) -> tuple[list[Span], list[Span]]:
    head, tail, seen = [], [], 0
    for span in spans:
        if seen + len(span.text) <= at:
            head.append(span)
        elif seen >= at:
            tail.append(span)
        else:
            cut = at - seen
            head.append(Span(span.text[:cut], span.bold, span.italic, span.superscript))
            tail.append(Span(span.text[cut:], span.bold, span.italic, span.superscript))
        seen += len(span.text)
    return head, tail


def _joined_spans(paragraph: SourceParagraph) -> list[Span]:
    spans = list(paragraph.spans)
    if paragraph.label:
        spans.insert(0, Span(paragraph.label.strip() + " ", spans[0].bold if spans else False))
    # one paragraph's text is one line: line breaks inside it become spaces
    return [Span(re.sub(r"[^\S\t]+", " ", s.text), s.bold, s.italic, s.superscript) for s in spans]


def tab_pieces(line: "Line") -> list["Line"]:
    """A header line typed as two columns apart by tabs
    (``ỦY BAN NHÂN DÂN<TAB>CỘNG HÒA …``): one line per column."""
    raw = line.raw
    if "\t" not in raw.strip():
        return [line]
    pieces, at = [], 0
    for part in re.split(r"(\t+)", raw):
        if part and not part.startswith("\t") and part.strip():
            pieces.append(line.piece(at, at + len(part)))
        at += len(part)
    return pieces


def source_lines(paragraphs: list[SourceParagraph]) -> list[Line]:
    out = []
    for p in paragraphs:
        if "\n" in p.text and not p.label:
            # a cell or paragraph holding several lines (soft breaks): one line each
            pieces: list[list[Span]] = [[]]
            for span in p.spans:
                parts = span.text.split("\n")
                for i, part in enumerate(parts):
                    if i:
                        pieces.append([])
                    if part:
                        pieces[-1].append(Span(part, span.bold, span.italic, span.superscript))
            at = 0
            for piece in pieces:
                line = Line(p.number, piece, p.style, p.level, p.align, p, at)
                at += len(line.raw) + 1
                if line.text:
                    out.append(line)
            continue
        line = Line(p.number, _joined_spans(p), p.style, p.level, p.align, p)
        if line.text:
            out.append(line)
    return out



def letters_upper(text: str, share: float = 0.8) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= share * len(letters)


def is_rule(text: str) -> bool:
    return bool(re.fullmatch(r"[-_=—–*·.\s]{3,}", text))
