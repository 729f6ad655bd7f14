"""The view of a .docx (ours or one typed by hand in Word) that the checks
read, made by the one reader of the Decree-30 structure
(:mod:`docgen.importing.structure`), the importer's: header items found in
a table, typed with tabs, in text boxes or shapes; the type line; the
subject (a Công văn's "V/v" in the header); "Kính gửi"; the body's parts
by its type (a meeting's lines, a decision's authority line, bases, "QUYẾT
ĐỊNH:" and articles, divisions however they are marked); the text a
decision issues; recipients and signer in a table or as paragraphs;
appendices. Each element keeps the Word
paragraphs it was read from (``roles``); a piece of a paragraph (the date
after a tab on the number's line) keeps only its own runs, so that its
formatting is judged on what it prints.
"""

from __future__ import annotations

import dataclasses
import re

from ..importing.from_docx import source_of
from ..importing.lines import Line
from ..importing.structure import Structure, read_structure
from ..importing.structure.decision import ARTICLE
from ..word import Paragraph, Table, read_word
from .parsing import fold
from .view import AppendixView, AttachedView, CheckedDocument, Para, UnitView


def from_docx(data: bytes) -> CheckedDocument:
    """The view of a .docx, read by :mod:`docgen.word`. Raises
    :class:`~docgen.word.UnreadableDocument` when the bytes are not a Word
    document."""
    document = read_word(data)
    structure = read_structure(source_of(document))
    view = CheckedDocument("docx", docx=document)
    roles: dict[str, list[Paragraph]] = {}

    def role(name: str, line: Line) -> None:
        paragraph = word_paragraph(line)
        found = roles.setdefault(name, [])
        if paragraph is not None and not any(p is paragraph or _same_piece(p, paragraph) for p in found[-1:]):
            found.append(paragraph)

    # a decision that issues a plan is checked as the decision (what is signed), the text it issues with it
    signed = structure
    issued = structure.attached
    view.doc_type = signed.type
    paras: dict[int, Para] = {}  # id(line) -> its paragraph in the view
    _header(view, signed, role)
    _addressees(view, signed, role)
    _body(view, signed, roles, paras, role)
    if issued is not None:
        _attached(view, issued, roles, paras, role)
    _footer(view, signed, role)
    _appendices(view, signed if signed.appendices or issued is None else issued, role)
    view.units = [UnitView(found.value[0], paras[id(found.lines[0])])
                  for document in (signed, issued) if document is not None
                  for division in document.divisions for found in division.units if id(found.lines[0]) in paras]
    view.roles = roles
    return view


# A header line that means to be ô 4 although the reader did not take it
# for one (no comma after the place, two dates …): checked as the date line,
# so that the finding quotes it ("không đúng dạng") instead of calling it missing.
_DATE_LIKE = re.compile(r"\bngày\b.*\btháng\b.*\bnăm\s+\d{4}", re.IGNORECASE)


def _date_like(lines) -> str | None:
    return next((line.text for line in lines if _DATE_LIKE.search(line.text)), None)


def _header(view: CheckedDocument, s: Structure, role) -> None:
    h = s.header
    for name, found in (("nation", h.nation), ("motto", h.motto), ("number", h.number), ("date", h.date)):
        if found is not None:
            for line in found.lines:
                role(name, line)
    view.number_line = h.number.text if h.number else None
    view.date_line = h.date.text if h.date else _date_like(h.others)
    for line in h.issuer_lines:
        view.header_lines.append(line.text)
        role("issuer", line)
    if s.type_line is not None:
        role("doc_type", s.type_line.lines[0])
    if s.subject is not None:
        view.subject = " ".join(line.text for line in s.subject.lines)
        for line in s.subject.lines:
            # a type without a title line prints its subject in the header ("V/v …" under the number)
            role("letter_subject" if s.type is not None and not s.type.has_title else "subject", line)


def _addressees(view: CheckedDocument, s: Structure, role) -> None:
    """ô 9a as printed: the label line, then each dash line (Word's bullet first)."""
    if s.addressees is None:
        return
    for line in s.addressees.lines:
        view.addressees.append(_shown(line))
        role("addressee", line)


def _shown(line: Line) -> str:
    origin = line.paragraph.origin if line.paragraph is not None else None
    whole = origin is not None and line.offset == 0 and _one_line(line)
    return f"{origin.label} {origin.text.strip()}" if whole and origin.label else line.text


def _attached(view: CheckedDocument, s: Structure, roles: dict, paras: dict, role) -> None:
    """The text a decision issues: its type line, subject and "(Kèm theo …)"
    line; its opening (part ``attached``) and divisions."""
    if s.type_line is not None:
        role("attached_type", s.type_line.lines[0])
    if s.reference is not None:
        role("attached_reference", s.reference.lines[0])
    view.attached = AttachedView(s.type, " ".join(line.text for line in s.subject.lines) if s.subject else "",
                                 s.reference.text if s.reference else None)
    _body(view, s, roles, paras, role, opening="attached")


def _body(view: CheckedDocument, s: Structure, roles: dict, paras: dict, role, opening: str = "opening") -> None:
    def add(line: Line, part: str, section: str | None, index: int, heading: bool = False) -> None:
        origin = line.paragraph.origin if line.paragraph is not None else None
        whole = origin is not None and line.offset == 0 and _one_line(line)
        text = origin.text if whole else line.text
        label = origin.label if whole else None
        paras[id(line)] = Para(text, part, section, index, heading=heading, label=label)
        view.body.append(paras[id(line)])
        paragraph = word_paragraph(line)
        if paragraph is not None:
            roles.setdefault("body", []).append(paragraph)

    # the closing ("Trên đây là …") is a part of its own; the text a decision issues has none: there the
    # closing's lines are its last section's (or its opening's), as the importer reads them
    own = opening == "opening"
    closing = list(s.closing) if own else []
    index = 0
    if s.decider is not None:
        view.decider = s.decider.text
        role("decider", s.decider.lines[0])
    for item in list(s.meeting) + list(s.opening) + ([] if own or s.divisions else list(s.closing)):
        if isinstance(item, Line) and item.text.strip():
            index += 1
            add(item, opening, None, index)
    if s.decision_line is not None:
        view.decision_line = s.decision_line.text
        role("decision_line", s.decision_line.lines[0])
    article, index = None, 0
    for item in s.articles:
        if not isinstance(item, Line) or not item.text.strip():
            continue
        numbered = ARTICLE.match(item.text)
        if numbered:
            article, index = numbered.group("number"), 0
        else:
            index += 1
        add(item, "article", article, index)
    for division in s.divisions:
        title, *rest = division.title.lines
        add(title, "section", division.mark, 0, heading=True)
        index = 0
        kept = list(s.closing) if division is s.divisions[-1] and not own else []
        for item in list(rest) + list(division.items) + kept:
            if isinstance(item, Line) and item.text.strip():
                index += 1
                add(item, "section", division.mark, index)
    index = 0
    for item in closing:
        if isinstance(item, Line) and item.text.strip():
            index += 1
            add(item, "closing", None, index)


def _one_line(line: Line) -> bool:
    paragraph = line.paragraph
    return paragraph is not None and "\n" not in paragraph.text


def _footer(view: CheckedDocument, s: Structure, role) -> None:
    footer = s.footer
    if footer.label is not None:
        view.recipients_label = footer.label.text
        role("recipients_label", footer.label)
    listed = [found.lines[0] for found in footer.recipients] + ([footer.archive.lines[0]] if footer.archive else [])
    for line in sorted(listed, key=lambda l: (l.number, l.offset)):
        origin = line.paragraph.origin if line.paragraph is not None else None
        whole = origin is not None and line.offset == 0 and _one_line(line)
        shown = f"{origin.label} {origin.text.strip()}" if whole and origin.label else line.text
        view.recipients.append(shown)  # as printed: Word's bullet, then the text
        role("recipient", line)
    view.authority = [line.text for line in footer.authority]
    for line in footer.authority:
        role("authority", line)
    if footer.name is not None:
        view.signer_name = footer.name.text
        role("signer", footer.name)


def _appendices(view: CheckedDocument, s: Structure, role) -> None:
    for appendix in s.appendices:
        role("appendix_label", appendix.label)
        if appendix.reference is not None:
            role("appendix_reference", appendix.reference.lines[0])
        headers: list[str] = []
        rows: list[list[str]] = []
        total = None
        table = appendix.table.origin if appendix.table is not None else None
        if isinstance(table, Table):
            headers, rows = columns(table)
            if rows and any(fold(cell).startswith(("tổng", "cộng")) for cell in rows[-1]):
                total = rows.pop()
        view.appendices.append(AppendixView(
            appendix.label.text, " ".join(line.text for line in appendix.title),
            appendix.reference.text if appendix.reference else None, headers, rows, total,
            appendix.subtitle.text if appendix.subtitle else None))


# --- the Word paragraphs behind a line --------------------------------------------------------


def word_paragraph(line: Line) -> Paragraph | None:
    """The Word paragraph a line was read from; for a piece of a paragraph
    (a column of a header line), a copy holding only the piece's runs."""
    origin = line.paragraph.origin if line.paragraph is not None else None
    if origin is None:
        return None
    text = origin.text
    piece = line.raw.strip()
    if not piece or (line.offset == 0 and len(piece) >= len(text.strip())) or origin.label:
        return origin
    pattern = r"\s*".join(re.escape(word) for word in piece.split())
    match = re.compile(pattern).search(text, max(0, line.offset - 8)) or re.compile(pattern).search(text)
    if match is None or (match.start() == 0 and match.end() >= len(text.rstrip())):
        return origin
    runs, at = [], 0
    for run in origin.runs:
        end = at + len(run.text)
        if end > match.start() and at < match.end():
            runs.append(run)
        at = end
    return dataclasses.replace(origin, text=match.group(0), runs=runs)


def _same_piece(a: Paragraph, b: Paragraph) -> bool:
    return a.text == b.text and a.runs == b.runs


# --- appendix tables -----------------------------------------------------------------------------


def columns(table: Table) -> tuple[list[str], list[list[str]]]:
    """An appendix table as column titles and rows of cells, one cell per
    column. The columns are where the table's cells start; a header in
    two rows (``Chỉ tiêu`` over ``Giao`` and ``Đã kích hoạt``, ``STT``
    merged down) gives one title per column, "Chỉ tiêu – Giao"."""
    rows = [row for row in table.rows if row]
    if not rows:
        return [], []
    starts = sorted({cell.column for row in rows for cell in row})

    def covers(cell, start: int) -> bool:
        return cell.column <= start < cell.column + cell.span

    def wide(cell) -> bool:
        return sum(covers(cell, start) for start in starts) > 1

    head = 1
    while head < min(len(rows), 3) and (any(c.merged_above for c in rows[head])
                                        or any(wide(c) and c.text.strip() for c in rows[head - 1])):
        head += 1
    headers = []
    for start in starts:
        titles: list[str] = []
        for row in rows[:head]:
            cell = next((c for c in row if covers(c, start)), None)
            text = cell.text.strip() if cell is not None and not cell.merged_above else ""
            if text and text not in titles:
                titles.append(text)
        headers.append(" – ".join(titles))
    body = []
    for row in rows[head:]:
        by_start = {cell.column: cell.text.strip() for cell in row}
        body.append([by_start.get(start, "") for start in starts])
    return headers, body
