"""The content of a .docx as a reader sees it: paragraphs and tables in
reading order with their effective formatting and list labels, sections with
their page setup, headers and footers.

python-docx opens the file and gives the page setup; its XML (lxml) is
walked here where python-docx has no API: runs inside hyperlinks, tracked
insertions and content controls, text boxes and shapes (:mod:`.shapes`:
their paragraphs come before the paragraph that anchors them), merged
cells, numbering, fields.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import re
from dataclasses import dataclass, field
from typing import Iterator, Union

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.parser import parse_xml
from docx.oxml.ns import qn as _qn
from lxml import etree

from .formatting import (
    ParagraphFormat,
    RunFormat,
    StyleSheet,
    paragraph_properties,
    run_properties,
    theme_fonts,
)
from .numbering import ListLabel, Numbering
from .package import PARSER, UnreadableDocument, check_package
from .shapes import text_boxes
from .shared import ReadBody, SharedParts, current as current_shared, raw_texts, skeleton

qn = functools.cache(_qn)  # Clark names of w: tags; looked up per element read

_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MAX_COLUMNS = 63  # Word's widest table
_PAGE_FIELD = re.compile(r"^\s*PAGE\b")
# Elements of a paragraph whose runs are shown (hyperlinks, insertions,
# content controls, smart tags, simple fields) and those not shown.
_RUN_CONTAINERS = {qn(t) for t in ("w:hyperlink", "w:ins", "w:smartTag", "w:customXml", "w:fldSimple",
                                   "w:moveTo", "w:dir", "w:bdo", "w:sdtContent")}
_HIDDEN = {qn(t) for t in ("w:del", "w:moveFrom", "w:pPr", "w:sdtPr", "w:sdtEndPr")}
_MATH = {f"{{{_M}}}oMathPara", f"{{{_M}}}oMath"}
_BLOCK_CONTAINERS = {qn(t) for t in ("w:sdtContent", "w:customXml")}


@dataclass(frozen=True)
class Run:
    text: str
    format: RunFormat

    def __getattr__(self, name):  # run.bold, run.font, run.size…
        return getattr(self.format, name)


@dataclass
class Paragraph:
    text: str
    runs: list[Run]
    style: str | None  # style name ("Heading 1", "DG Body")
    style_id: str | None  # style id ("Heading1", "DGBody")
    format: ParagraphFormat
    list_label: ListLabel | None = None
    page_break_before: bool = False  # a page or section break comes before it
    in_table: bool = False
    section: int = 0  # index in WordDocument.sections
    in_text_box: bool = False  # inside a text box or shape

    @property
    def label(self) -> str | None:
        """The list label Word prints before the text ("1.", "a)", "-")."""
        return self.list_label.text if self.list_label and self.list_label.text else None

    @property
    def align(self) -> str | None:
        return self.format.align

    @property
    def shown_runs(self) -> list[Run]:
        return [run for run in self.runs if run.text.strip()]


@dataclass
class Cell:
    paragraphs: list[Paragraph]
    span: int = 1  # grid columns (w:gridSpan)
    merged_above: bool = False  # continues the cell above (w:vMerge without restart)
    row: int = 0
    column: int = 0  # first grid column

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class Table:
    rows: list[list[Cell]]
    section: int = 0

    def cells(self) -> Iterator[Cell]:
        for row in self.rows:
            yield from row

    def paragraphs(self) -> Iterator[Paragraph]:
        for cell in self.cells():
            yield from cell.paragraphs


Block = Union[Paragraph, Table]


@dataclass
class HeaderFooter:
    blocks: list[Block]
    page_field: bool  # shows the page number (a PAGE field)

    def paragraphs(self) -> Iterator[Paragraph]:
        return _flatten(self.blocks)


@dataclass
class Margins:
    top: int | None  # twips
    bottom: int | None
    left: int | None
    right: int | None


@dataclass
class Section:
    page_width: int | None  # twips
    page_height: int | None
    margins: Margins
    landscape: bool
    different_first_page: bool
    page_number_start: int | None  # w:pgNumType/@w:start
    start: str  # "nextPage", "continuous", "evenPage", "oddPage"
    # header/footer as shown, inherited from an earlier section when not its own
    header: HeaderFooter | None = None
    first_page_header: HeaderFooter | None = None
    footer: HeaderFooter | None = None
    first_page_footer: HeaderFooter | None = None


@dataclass
class WordDocument:
    blocks: list[Block]
    sections: list[Section]
    styles: StyleSheet
    notes: list[str] = field(default_factory=list)  # what the reader left out ("text boxes")

    def paragraphs(self) -> Iterator[Paragraph]:
        """Every body paragraph in reading order, table cells included."""
        return _flatten(self.blocks)

    def all_paragraphs(self) -> Iterator[Paragraph]:
        """Body paragraphs, then those of each section's own headers."""
        yield from self.paragraphs()
        seen = set()
        for section in self.sections:
            for part in (section.header, section.first_page_header):
                if part is not None and id(part) not in seen:
                    seen.add(id(part))
                    yield from part.paragraphs()

    @property
    def default_font(self) -> tuple[str | None, str | None]:
        return self.styles.default_font

    @property
    def default_size(self) -> float | None:
        return self.styles.default_size


def _flatten(blocks: list[Block]) -> Iterator[Paragraph]:
    for block in blocks:
        if isinstance(block, Table):
            yield from block.paragraphs()
        else:
            yield block


def _open(data: bytes):
    check_package(data)
    try:
        return Document(io.BytesIO(data))
    except UnreadableDocument:
        raise
    except Exception:  # noqa: BLE001 - python-docx raises its own types for broken packages
        # Their words are English and name memory addresses: of no use to a clerk.
        raise UnreadableDocument("tệp Word bị hỏng hoặc không phải văn bản Word, không mở được; "
                                 "hãy mở trong Word và lưu lại thành “Tài liệu Word (.docx)”") from None


def read_word(data: bytes) -> WordDocument:
    """Read a .docx. Raises :class:`UnreadableDocument` (message in
    Vietnamese) when the bytes are not a Word document safe to read. Inside
    :func:`docgen.word.shared.sharing` (docgen's own documents), what a
    batch's documents share is read once (see :mod:`docgen.word.shared`)."""
    shared = current_shared()
    try:
        if shared is not None:
            return _read_shared(shared, data)
        document = _open(data)
        return _Reader(document, _styles(document)).read()
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError):
        # a value no producer writes (a level "x", a span "-1"): the file is not Office Open XML
        raise UnreadableDocument(
            "tệp Word có nội dung không đúng chuẩn Office Open XML (tệp không do Word hay "
            "LibreOffice lưu); hãy mở trong Word và lưu lại thành .docx") from None


def _read_shared(shared: SharedParts, data: bytes) -> WordDocument:
    body = shared.body_if_same_package(data)
    if body is None:
        document = _open(data)
        shared.part, shared.styles = document.part, _styles(document)
        body = shared.body_if_same_package(data)  # this package's, now known
    shape = skeleton(body)
    known = shared.bodies.get(shape)
    texts = raw_texts(body) if known is not None and known.raw else None
    root = None
    if texts is None:
        root = parse_xml(body)
        texts = [element.text or "" for element in root.iter(_T)]
    if known is not None and known.blank == tuple(not text.strip() for text in texts):
        return _with_texts(known, texts)
    root = parse_xml(body) if root is None else root
    elements = list(root.iter(_T))  # held: their proxies stay the ones the reader meets
    reader = _Reader(DocxDocument(root, shared.part), shared.styles, {e: i for i, e in enumerate(elements)})
    document = reader.read()
    shared.remember(shape, ReadBody(document, reader.recipes, texts, raw_texts(body) == texts))
    return document


def _with_texts(known: ReadBody, texts: list[str]) -> WordDocument:
    """The body read before, with this body's texts in its runs: the
    paragraphs whose texts changed are made again, the others shared."""
    uses = known.runs_of_text
    dirty = set().union(*(uses.get(i, ()) for i, (new, old) in enumerate(zip(texts, known.texts)) if new != old))
    document = known.document
    if not dirty:
        return WordDocument(list(document.blocks), document.sections, document.styles, list(document.notes))

    def run(old: Run) -> Run:
        if id(old) not in dirty:
            return old
        recipe = known.recipes[id(old)]
        return Run("".join(texts[item] if isinstance(item, int) else item for item in recipe), old.format)

    paragraph_of = known.paragraph_of_run
    dirty_paragraphs = {paragraph_of[r] for r in dirty}

    def paragraph(old: Paragraph) -> Paragraph:
        if id(old) not in dirty_paragraphs:
            return old
        runs = [run(r) for r in old.runs]
        return dataclasses.replace(old, text="".join(r.text for r in runs), runs=runs)  # in_text_box … kept

    def block(old: Block) -> Block:
        if isinstance(old, Table):
            rows = [[_cell(cell, [paragraph(p) for p in cell.paragraphs]) for cell in row] for row in old.rows]
            if all(new is cell for row, old_row in zip(rows, old.rows) for new, cell in zip(row, old_row)):
                return old
            return Table(rows, old.section)
        return paragraph(old)

    return WordDocument([block(b) for b in document.blocks], document.sections, document.styles,
                        list(document.notes))


def _cell(old: Cell, paragraphs: list[Paragraph]) -> Cell:
    if all(new is p for new, p in zip(paragraphs, old.paragraphs)):
        return old
    return Cell(paragraphs, old.span, old.merged_above, old.row, old.column)


def _styles(document) -> StyleSheet:
    theme = None
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/theme") and not rel.is_external:
            theme = etree.fromstring(rel.target_part.blob, PARSER)
    return StyleSheet(document.styles.element, theme_fonts(theme))


class _Reader:
    def __init__(self, document, styles: StyleSheet, text_order: dict | None = None) -> None:
        self.document = document
        part = document.part
        self.styles = styles
        # With ``text_order`` (the body's <w:t> elements: their index), how
        # each run's text is made from them: see docgen.word.shared.
        self.text_order = text_order
        self.recipes: dict[int, tuple] = {}
        try:
            numbering = part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None
        self.numbering = Numbering(numbering, paragraph_properties)
        self.notes: list[str] = []
        self.section = 0
        self.starts: list[str] = []
        self.break_pending = False

    def read(self) -> WordDocument:
        sections = [self._section(s) for s in self.document.sections]
        self.starts = [section.start for section in sections]
        blocks = self._blocks(self.document.element.body, in_table=False, body=True)
        for index, section in enumerate(self.document.sections):
            self._headers(sections, index, section)
        return WordDocument(blocks, sections, self.styles, sorted(set(self.notes)))

    # --- sections, headers, footers ------------------------------------------------------------

    def _section(self, section) -> Section:
        def twips(length):
            return length.twips if length is not None else None

        sect_pr = section._sectPr
        pg_num = sect_pr.find(qn("w:pgNumType"))
        start = pg_num.get(qn("w:start")) if pg_num is not None else None
        kind = sect_pr.find(qn("w:type"))
        width, height = twips(section.page_width), twips(section.page_height)
        orient = sect_pr.find(qn("w:pgSz"))
        landscape = (width or 0) > (height or 0) or (
            orient is not None and orient.get(qn("w:orient")) == "landscape")
        return Section(
            page_width=width, page_height=height,
            margins=Margins(twips(section.top_margin), twips(section.bottom_margin),
                            twips(section.left_margin), twips(section.right_margin)),
            landscape=landscape,
            different_first_page=section.different_first_page_header_footer,
            page_number_start=int(start) if start and start.lstrip("-").isdigit() else None,
            start=kind.get(qn("w:val"), "nextPage") if kind is not None else "nextPage",
        )

    def _headers(self, sections: list[Section], index: int, section) -> None:
        target = sections[index]
        previous = sections[index - 1] if index else None
        for name, proxy in (("header", section.header), ("first_page_header", section.first_page_header),
                            ("footer", section.footer), ("first_page_footer", section.first_page_footer)):
            if proxy.is_linked_to_previous:  # no definition of its own: the previous section's
                setattr(target, name, getattr(previous, name) if previous else None)
                continue
            root = proxy.part.element
            part = HeaderFooter(self._blocks(root, in_table=False, body=False), _has_page_field(root))
            for paragraph in part.paragraphs():
                paragraph.section = index
            setattr(target, name, part)

    # --- blocks ------------------------------------------------------------------------------

    def _blocks(self, container, in_table: bool, body: bool) -> list[Block]:
        out: list[Block] = []
        for child in container.iterchildren():
            tag = child.tag
            if tag == qn("w:p"):
                for box in text_boxes(child):
                    for block in self._blocks(box, in_table, body=False):
                        for paragraph in ([block] if isinstance(block, Paragraph) else block.paragraphs()):
                            paragraph.in_text_box = True
                        out.append(block)
                out.append(self._paragraph(child, in_table, body))
            elif tag == qn("w:tbl"):
                out.append(self._table(child, body))
            elif tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    out.extend(self._blocks(content, in_table, body))
            elif tag in _BLOCK_CONTAINERS:
                out.extend(self._blocks(child, in_table, body))
        return out

    def _table(self, tbl, body: bool) -> Table:
        table = Table([], self.section)
        for r, tr in enumerate(tbl.iterchildren(qn("w:tr"))):
            row: list[Cell] = []
            column = 0
            tr_pr = tr.find(qn("w:trPr"))
            before = tr_pr.find(qn("w:gridBefore")) if tr_pr is not None else None
            if before is not None:
                column = min(MAX_COLUMNS, max(0, int(before.get(qn("w:val"), "0") or 0)))
            for tc in _cells_of(tr):
                tc_pr = tc.find(qn("w:tcPr"))
                span, merged = 1, False
                if tc_pr is not None:
                    grid_span = tc_pr.find(qn("w:gridSpan"))
                    if grid_span is not None:
                        span = min(MAX_COLUMNS, max(1, int(grid_span.get(qn("w:val"), "1") or 1)))
                    v_merge = tc_pr.find(qn("w:vMerge"))
                    merged = v_merge is not None and v_merge.get(qn("w:val"), "continue") == "continue"
                paragraphs = [p for p in _flatten(self._blocks(tc, in_table=True, body=body))]
                row.append(Cell(paragraphs, span, merged, r, column))
                column += span
            table.rows.append(row)
        return table

    def _paragraph(self, p, in_table: bool, body: bool) -> Paragraph:
        ppr = p.find(qn("w:pPr"))
        direct = paragraph_properties(ppr)
        style_node = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style_id = self.styles.style_id("paragraph", style_node.get(qn("w:val")) if style_node is not None else None)
        num = direct.get("num") or self.styles.paragraph_style_properties(style_id).get("num")
        label, level_properties = None, {}
        if num is not None and num[0] not in (None, "0"):
            level = num[1] or 0
            spec = self.numbering.level(num[0], level)
            if spec is not None:
                label = self.numbering.next_label(num[0], level)
                level_properties = spec.properties
        paragraph_format = self.styles.paragraph_format(style_id, level_properties, direct)
        runs: list[Run] = []
        page_break = False
        if body:
            page_break, self.break_pending = self.break_pending, False
        base = None
        text_seen = break_before_text = trailing_break = False
        for r in _runs_of(p, self.notes):
            rpr = r.find(qn("w:rPr"))
            char_style = rpr.find(qn("w:rStyle")) if rpr is not None else None
            char_id = char_style.get(qn("w:val")) if char_style is not None else None
            if base is None or char_id is not None:
                run_base = self.styles.run_base(style_id, char_id)
            else:
                run_base = base
            if char_id is None:
                base = run_base
            elements: list | None = [] if self.text_order is not None else None
            pieces = _run_pieces(r, elements)
            for piece in pieces:
                if piece is None:  # a page break
                    break_before_text = break_before_text or not text_seen
                    trailing_break = True
                elif piece.strip():
                    text_seen, trailing_break = True, False
            text = "".join(piece for piece in pieces if piece is not None)
            runs.append(Run(text, self.styles.run_format(run_base, run_properties(rpr))))
            if elements is not None:
                self.recipes[id(runs[-1])] = tuple(
                    self.text_order.get(element, piece) if element is not None else piece
                    for piece, element in zip(pieces, elements) if piece is not None)
        if body and trailing_break:  # nothing shown after the break: the next paragraph starts the page
            self.break_pending = True
            break_before_text = break_before_text and text_seen
        page_break = page_break or break_before_text
        if body and ppr is not None and ppr.find(qn("w:sectPr")) is not None:
            self.section += 1
            # how the next section starts (its own w:type) tells whether the page breaks here
            following = self.starts[self.section] if self.section < len(self.starts) else "nextPage"
            if following != "continuous":
                self.break_pending = True
            section = self.section - 1
        else:
            section = self.section
        return Paragraph(
            text="".join(run.text for run in runs),
            runs=runs,
            style=self.styles.name("paragraph", style_id),
            style_id=style_id,
            format=paragraph_format,
            list_label=label,
            page_break_before=page_break or paragraph_format.page_break_before,
            in_table=in_table,
            section=section,
        )


def _cells_of(tr) -> Iterator:
    for child in tr.iterchildren():
        if child.tag == qn("w:tc"):
            yield child
        elif child.tag in (qn("w:sdt"), qn("w:customXml")):
            content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
            if content is not None:
                yield from _cells_of(content)


def _runs_of(container, notes: list[str]) -> Iterator:
    """The runs (``w:r``) shown in a paragraph, in order."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == qn("w:r"):
            yield child
        elif tag in _RUN_CONTAINERS:
            yield from _runs_of(child, notes)
        elif tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _runs_of(content, notes)
        elif tag in _MATH:
            notes.append("công thức toán (Equation) bị bỏ qua")


_T = qn("w:t")
_TEXT_TAGS = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:cr"): "\n",
              qn("w:noBreakHyphen"): "-", qn("w:softHyphen"): ""}


def _run_pieces(r, elements: list | None = None) -> list[str | None]:
    """A run's text in pieces (tabs and line breaks as ``\t``/``\n``),
    ``None`` where it breaks the page. ``elements`` gets, beside each
    piece, the ``<w:t>`` element it is the text of (else None)."""
    out: list[str | None] = []
    for child in r.iterchildren():
        tag = child.tag
        if tag in _TEXT_TAGS:
            out.append(child.text or "" if _TEXT_TAGS[tag] is None else _TEXT_TAGS[tag])
        elif tag == qn("w:br"):
            kind = child.get(qn("w:type"), "textWrapping")
            if kind == "page":
                out.append(None)
            elif kind == "textWrapping":
                out.append("\n")
            else:
                continue
        else:
            continue
        if elements is not None:
            elements.append(child if tag == _T else None)
    return out


def _has_page_field(root) -> bool:
    for node in root.iter(qn("w:instrText"), qn("w:fldSimple")):
        instruction = node.text if node.tag == qn("w:instrText") else node.get(qn("w:instr"))
        if instruction and _PAGE_FIELD.match(instruction):
            return True
    return False
