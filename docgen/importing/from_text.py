"""Plain text -> Source: a .txt file, stdin, or text pasted from a web page.

What such text looks like, and what is made of it:

- Markdown-ish markers: ``## heading`` (the ``#`` count becomes the
  paragraph's level), ``**bold**``, ``*italic*`` and ``<b>…</b>`` become
  spans; a ``\\*`` is a literal asterisk. Emphasis may run over several lines
  (``**KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH**``).
- A Markdown pipe table (a ``|---|`` line under its first row) and lines of
  tab-separated cells become a :class:`SourceTable`.
- A header table flattened by a web page: ``ỦY BAN NHÂN DÂN | CỘNG HÒA …``
  lines give one paragraph per cell, in order; rules (``-------``,
  ``____``) are dropped.
- Sentences hard-wrapped mid-line (a PDF copied out, a fixed-width page)
  are joined back: a line that does not end a sentence runs on into the next
  when the next starts in lower case, or when the line is as long as the
  text's wrapped lines; two blank lines always end a paragraph.
- Characters are cleaned as everywhere in docgen (docgen.vietnamese.text): NFC, Windows
  line ends, control characters; non-breaking and zero-width spaces and tabs
  inside a paragraph become plain spaces.
"""

from __future__ import annotations

import re
import unicodedata

from ..vietnamese.text import clean_text
from ..vietnamese.typed_labels import leading_label
from .source import Source, SourceCell, SourceParagraph, SourceTable, Span

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \u00a0\u2007\u202f\u3000]+")
_RULE = re.compile(r"\s*(?:[-_=—–*·.]\s*){3,}\s*")
_HEADING = re.compile(r"\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_PIPE_ROW = re.compile(r"\s*\|?.*\|.*")
_PIPE_RULE = re.compile(r"\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*")
_SENTENCE_END = re.compile(r"(?:[.;:!?…]|\./\.|[.;:!?…][”\"’)\]]+)\s*$")
_HTML_TAG = re.compile(r"</?(?:b|strong|i|em)>", re.IGNORECASE)


def read_text(text: str) -> Source:
    """Text as a Source; paragraphs numbered from 1 in reading order."""
    lines = _clean(text).split("\n")
    builder = _Builder()
    index = 0
    while index < len(lines):
        line = lines[index]
        if _is_blank(line):
            builder.blank()
            index += 1
            continue
        table_end = _pipe_table_end(lines, index)
        if table_end:
            builder.table([_pipe_cells(row) for row in lines[index:table_end] if not _PIPE_RULE.fullmatch(row)])
            index = table_end
            continue
        table_end = _tab_table_end(lines, index)
        if table_end:
            builder.table([row.split("\t") for row in lines[index:table_end]])
            index = table_end
            continue
        if _RULE.fullmatch(line):
            builder.rule()
        elif "|" in line:
            # A flattened header or signature table: one paragraph per cell.
            for cell in line.split("|"):
                if cell.strip() and not _RULE.fullmatch(cell):
                    builder.line(cell, cell_of_flattened=True)
            builder.rule()
        else:
            builder.line(line)
        index += 1
    return Source(builder.finish(), "text")


def _clean(text: str) -> str:
    text = clean_text(unicodedata.normalize("NFC", text))
    return _INVISIBLE.sub("", text)


def _is_blank(line: str) -> bool:
    return not _SPACES.sub("", line).strip()


def _pipe_cells(row: str) -> list[str]:
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|"):
        row = row[:-1]
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", row)]


def _pipe_table_end(lines: list[str], start: int) -> int:
    """End (exclusive) of a Markdown pipe table starting at ``start``, or 0."""
    if start + 1 >= len(lines) or "|" not in lines[start] or not _PIPE_RULE.fullmatch(lines[start + 1]):
        return 0
    if "-" not in lines[start + 1]:
        return 0
    end = start + 2
    while end < len(lines) and "|" in lines[end] and not _is_blank(lines[end]):
        end += 1
    return end


def _tab_table_end(lines: list[str], start: int) -> int:
    """End of a block of lines with tab-separated cells (copied from a
    spreadsheet or a flattened Word table): two lines or more, two tabs or
    more in each."""
    end = start
    while end < len(lines) and lines[end].count("\t") >= 2 and not _is_blank(lines[end]):
        end += 1
    return end if end - start >= 2 else 0


class _Builder:
    """Collects lines into paragraphs (joining hard-wrapped ones) and tables."""

    def __init__(self) -> None:
        self.items: list = []  # ("line", text, blanks_before, level, flattened) | ("table", rows)
        self.blanks = 0

    def blank(self) -> None:
        self.blanks += 1

    def rule(self) -> None:
        self.items.append(("break",))
        self.blanks = 0

    def line(self, text: str, cell_of_flattened: bool = False) -> None:
        text = _SPACES.sub(" ", text.replace("\t", " "))
        hard_break = text.endswith("  ") or text.endswith("\\")
        text = text.rstrip("\\").strip()
        level = None
        heading = _HEADING.fullmatch(text)
        if heading:
            level, text = len(heading.group(1)), heading.group(2)
        self.items.append(("line", text, self.blanks, level, cell_of_flattened, hard_break))
        self.blanks = 0

    def table(self, rows: list[list[str]]) -> None:
        self.items.append(("table", rows))
        self.blanks = 0

    def finish(self) -> list:
        lines = [item for item in self.items if item[0] == "line"]
        wrap = _wrap_width([len(item[1]) for item in lines])
        paragraphs: list[list] = []  # [text, level, kind, rows, blanks]
        previous = None  # the last line of the paragraph that may run on
        for item in self.items:
            if item[0] == "break":
                previous = None
                continue
            if item[0] == "table":
                paragraphs.append([None, None, "table", item[1], 0])
                previous = None
                continue
            _, text, blanks, level, flattened, hard_break = item
            if previous is not None and not flattened and _runs_on(previous, text, blanks, level, wrap):
                paragraphs[-1][0] += " " + text
            else:
                paragraphs.append([text, level, "paragraph", None, blanks])
            previous = None if (flattened or level or hard_break) else text
        return _numbered_blocks(paragraphs)


def _wrap_width(lengths: list[int]) -> int:
    """The width the text was hard-wrapped at, or a huge number: a wrapped
    text has many lines close to its longest ones; a text of whole
    paragraphs, or of short lines of varied length, has not."""
    if len(lengths) < 10:
        return 10**6
    ordered = sorted(lengths, reverse=True)
    width = ordered[len(ordered) // 10]
    near = sum(1 for n in lengths if n >= 0.85 * width)
    return width if 40 <= width < 200 and near >= 0.3 * len(lengths) else 10**6


_RECIPIENTS = re.compile(r"\W*N[ơo]i\s+nh[ậa]n\b", re.IGNORECASE)
_OPENING_WORDS = re.compile(r"(?:Căn cứ|Thực hiện|Nhằm|Để|Ngày|Trong|Theo)\b")


def _runs_on(previous: str, text: str, blanks: int, level, wrap: int) -> bool:
    """Whether line ``text`` continues the paragraph ending with ``previous``."""
    if blanks >= 2 or level:
        return False
    if leading_label(text) is not None or text.startswith(("**", "(", "*")):
        return False
    if previous.rstrip().endswith("./.") or _RECIPIENTS.match(text):
        return False  # the body's end, the recipients' label: never the rest of a wrapped line
    if _upper_line(previous) or _upper_line(text):
        return False
    if wrap < 200 and len(previous) >= 0.9 * wrap and not previous.endswith(":") \
            and not (text[0].isupper() and _OPENING_WORDS.match(text)):
        return True  # a line as long as the wrapped ones was wrapped, whatever it ends with
    if _SENTENCE_END.search(previous):
        return False
    return text[0].islower()


def _upper_line(text: str) -> bool:
    letters = [c for c in _HTML_TAG.sub("", text) if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


# --- spans ---------------------------------------------------------------------

_MARKER = re.compile(r"\\\*|\*\*\*|\*\*|\*|<b>|</b>|<strong>|</strong>|<i>|</i>|<em>|</em>", re.IGNORECASE)


class _Emphasis:
    """Bold/italic state that runs over line ends (reset by a blank line)."""

    def __init__(self) -> None:
        self.bold = False
        self.italic = False

    def spans(self, text: str) -> list[Span]:
        out: list[Span] = []
        at = 0
        pending = ""
        for match in _MARKER.finditer(text):
            marker = match.group(0).lower()
            before = text[match.start() - 1] if match.start() > 0 else " "
            after = text[match.end()] if match.end() < len(text) else " "
            pending += text[at:match.start()]
            at = match.end()
            if marker == "\\*":
                pending += "*"
                continue
            if marker.startswith("<"):
                opening = not marker.startswith("</")
                toggles = ("bold",) if marker in ("<b>", "</b>", "<strong>", "</strong>") else ("italic",)
                self._flush(out, pending)
                pending = ""
                for name in toggles:
                    setattr(self, name, opening)
                continue
            names = {"***": ("bold", "italic"), "**": ("bold",), "*": ("italic",)}[marker]
            closes = all(getattr(self, name) for name in names) and not before.isspace()
            opens = not any(getattr(self, name) for name in names) and not after.isspace()
            if not (closes or opens):
                pending += match.group(0)  # "5 * 3", a lone star
                continue
            self._flush(out, pending)
            pending = ""
            for name in names:
                setattr(self, name, not closes)
        self._flush(out, pending + text[at:])
        return out

    def _flush(self, out: list[Span], text: str) -> None:
        if not text:
            return
        if out and out[-1].bold == self.bold and out[-1].italic == self.italic:
            out[-1] = Span(out[-1].text + text, self.bold, self.italic)
        else:
            out.append(Span(text, self.bold, self.italic))


def _numbered_blocks(paragraphs: list[list]) -> list:
    blocks = []
    number = 0
    emphasis = _Emphasis()
    for text, level, kind, rows, blanks in paragraphs:
        if blanks:
            emphasis = _Emphasis()  # emphasis never runs over a blank line
        if kind == "table":
            first = number + 1
            table_rows = []
            for row in rows:
                cells = []
                for cell in row:
                    number += 1
                    cells.append(SourceCell([SourceParagraph(number, _Emphasis().spans(cell.strip()))]))
                table_rows.append(cells)
            blocks.append(SourceTable(first, table_rows))
            emphasis = _Emphasis()
            continue
        spans = [Span(s.text, s.bold, s.italic) for s in emphasis.spans(text) if s.text]
        spans = _trimmed(spans)
        if not spans:
            continue
        number += 1
        blocks.append(SourceParagraph(number, spans, level=level, style=f"Heading {level}" if level else None))
    return blocks


def _trimmed(spans: list[Span]) -> list[Span]:
    """Spans without leading and trailing spaces, and without blank ones at the ends."""
    while spans and not spans[0].text.strip():
        spans = spans[1:]
    while spans and not spans[-1].text.strip():
        spans = spans[:-1]
    if not spans:
        return []
    spans = list(spans)
    spans[0] = Span(spans[0].text.lstrip(), spans[0].bold, spans[0].italic)
    spans[-1] = Span(spans[-1].text.rstrip(), spans[-1].bold, spans[-1].italic)
    return spans
