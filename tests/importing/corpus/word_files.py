"""The corpus's Word files, typed the ways offices type them, built at test
time from :mod:`.contents` (made-up text): the header in a borderless table,
typed with tabs, in text boxes (DrawingML with its VML fallback, VML alone,
a grouped shape), in a content control; the body numbered by Word's lists
(Roman, Arabic and lettered levels; or Arabic top levels), in one table
cell, with tracked changes; a decision that issues a plan; files saved by
LibreOffice Writer (.odt, then .docx).

Each builder takes a :class:`~.contents.Content` and returns .docx bytes.
"""

from __future__ import annotations

import html
import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from .. import foreign
from .contents import MOTTO, NATION, Content

_W = nsdecls("w")
_SHAPE_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
)


# --- pieces every file shares ------------------------------------------------------------------


def _document():
    document = docx.Document()
    foreign._a4(document)
    section = document.sections[0]
    section.top_margin, section.left_margin, section.right_margin = Mm(20), Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(14)
    rpr = normal.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), "Times New Roman")
    rpr.get_or_add_rFonts().set(qn("w:cs"), "Times New Roman")
    return document


def _page_numbers(document) -> None:
    """A PAGE field centred in the header, none on page 1 (nd30.md)."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph._p.append(parse_xml(
        f'<w:fldSimple {_W} w:instr=" PAGE "><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" '
        f'w:hAnsi="Times New Roman"/><w:sz w:val="28"/></w:rPr><w:t>2</w:t></w:r></w:fldSimple>'))


def _para(container, text: str = "", **kw):
    return foreign._para(container, text, **kw)


def _body_para(container, text: str, *, bold=False, italic=False, center=False):
    paragraph = _para(container, text, bold=bold, italic=italic, center=center)
    if not center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Mm(10)
    paragraph.paragraph_format.space_after = Pt(6)
    return paragraph


def _left_lines(c: Content, with_number: bool = True) -> list[tuple[str, bool]]:
    lines = ([(c.parent, False)] if c.parent else []) + [(line, True) for line in c.issuer]
    return lines + ([(c.number_line, False)] if with_number else [])


def _header_table(document, c: Content, *, with_number: bool = True) -> None:
    table = document.add_table(rows=2 if with_number else 1, cols=2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    issuer = _left_lines(c, with_number=False)
    first = left.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foreign._run(first, issuer[0][0], bold=issuer[0][1], size=13)
    for text, bold in issuer[1:]:
        _para(left, text, bold=bold, size=13, center=True)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    foreign._run(right.paragraphs[0], NATION, bold=True, size=13)
    _para(right, MOTTO, bold=True, size=14, center=True)
    if with_number:
        number, date = table.cell(1, 0).paragraphs[0], table.cell(1, 1).paragraphs[0]
        number.alignment = date.alignment = WD_ALIGN_PARAGRAPH.CENTER
        foreign._run(number, c.number_line, size=13)
        foreign._run(date, c.date_line, italic=True, size=14)


def _type_and_subject(container, c: Content) -> None:
    _para(container, c.doc_type, bold=True, center=True)
    _para(container, c.subject, bold=True, center=True)


def _opening(container, c: Content) -> None:
    for text in c.opening:
        _body_para(container, text)


def _body(container, c: Content, number=None) -> None:
    """The body's blocks; ``number(paragraph, kind)`` numbers a paragraph by
    Word's lists and returns True when it did (its label is then not typed)."""
    for kind, label, text in c.body:
        strong = kind in ("division", "heading", "unit")
        paragraph = _body_para(container, "", bold=strong)
        numbered = number(paragraph, kind, label) if number else False
        shown = text if numbered or not label else f"{label} {text}"
        foreign._run(paragraph, shown, bold=strong)


def _footer_table(document, c: Content) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    foreign._run(left.paragraphs[0], "Nơi nhận:", bold=True, italic=True, size=12)
    for name in c.recipients:
        _para(left, f"- {name};", size=11)
    _para(left, f"- Lưu: {c.archive}.", size=11)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    foreign._run(right.paragraphs[0], c.authority[0], bold=True)
    for line in c.authority[1:]:
        _para(right, line, bold=True, center=True)
    for _ in range(3):
        _para(right, "", center=True)
    _para(right, c.signer, bold=True, center=True)


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _plain_document(c: Content, *, page_numbers=True, header=_header_table, number=None) -> bytes:
    document = _document()
    if page_numbers:
        _page_numbers(document)
    header(document, c)
    _type_and_subject(document, c)
    _opening(document, c)
    _body(document, c, number)
    _footer_table(document, c)
    return _save(document)


# --- 1. the header in a table (what the decree's model does) ------------------------------------


def header_table(c: Content) -> bytes:
    return _plain_document(c)


# --- 2. the header typed with tabs ----------------------------------------------------------------


def _tab_header(document, c: Content) -> None:
    """Two columns kept apart by tab stops: the issuer's lines beside the
    national name and motto, the number beside the date."""
    left = _left_lines(c, with_number=False)
    right = [(NATION, True), (MOTTO, True)]
    rows = max(len(left), len(right))
    for index in range(rows):
        paragraph = _para(document)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(95))
        if index < len(left):
            foreign._run(paragraph, left[index][0], bold=left[index][1], size=13)
        foreign._run(paragraph, "\t", size=13)
        if index < len(right):
            foreign._run(paragraph, right[index][0], bold=right[index][1], size=13)
    paragraph = _para(document)
    paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(95))
    foreign._run(paragraph, c.number_line, size=13)
    foreign._run(paragraph, "\t", size=13)
    foreign._run(paragraph, c.date_line, italic=True, size=14)


def tab_header(c: Content) -> bytes:
    return _plain_document(c, header=_tab_header, page_numbers=False)


# --- 3-5. the header in text boxes and shapes ------------------------------------------------------


def _box_paragraphs(lines: list[tuple[str, bool, bool, int]]) -> str:
    """``(text, bold, italic, size)`` lines as the paragraphs of a text box."""
    out = []
    for text, bold, italic, size in lines:
        rpr = (f'<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>'
               f'{"<w:b/>" if bold else ""}{"<w:i/>" if italic else ""}<w:sz w:val="{size * 2}"/></w:rPr>')
        out.append(f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r>{rpr}'
                   f'<w:t xml:space="preserve">{html.escape(text)}</w:t></w:r></w:p>')
    return "".join(out)


def _columns(c: Content) -> tuple[list, list]:
    left = [(text, bold, False, 13) for text, bold in _left_lines(c, with_number=False)]
    left.append((c.number_line, False, False, 13))
    right = [(NATION, True, False, 13), (MOTTO, True, False, 14), (c.date_line, False, True, 14)]
    return left, right


def _drawing_box(shape_id: int, x_emu: int, lines, *, vml: bool = True) -> str:
    """A text box as Word 2010+ writes it: DrawingML (wps) with the VML
    fallback for older readers, both holding the same paragraphs."""
    content = f"<w:txbxContent>{_box_paragraphs(lines)}</w:txbxContent>"
    drawing = (
        f'<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        f'relativeHeight="{251659264 + shape_id}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        f'<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="margin"><wp:posOffset>{x_emu}</wp:posOffset>'
        f'</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="2900000" cy="1300000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
        f'<wp:docPr id="{shape_id}" name="Text Box {shape_id}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2900000" '
        f'cy="1300000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/>'
        f'</a:ln></wps:spPr><wps:txbx>{content}</wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" '
        f'lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t" anchorCtr="0"><a:noAutofit/>'
        f'</wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>')
    if not vml:
        return drawing
    fallback = _vml_box(shape_id, x_emu / 12700, lines)
    return (f'<mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
            f'<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>')


def _vml_box(shape_id: int, x_pt: float, lines) -> str:
    return (f'<w:pict><v:shape id="Text Box {shape_id}" o:spid="_x0000_s10{shape_id:02d}" type="#_x0000_t202" '
            f'style="position:absolute;margin-left:{x_pt:.1f}pt;margin-top:0;width:228pt;height:102pt;'
            f'z-index:{shape_id}" stroked="f"><v:textbox><w:txbxContent>{_box_paragraphs(lines)}'
            f'</w:txbxContent></v:textbox><w10:wrap xmlns:w10="urn:schemas-microsoft-com:office:word" '
            f'type="topAndBottom"/></v:shape></w:pict>')


def _anchor_paragraph(document, runs: list[str]) -> None:
    """An empty paragraph holding the shapes (where Word anchors them)."""
    paragraph = document.add_paragraph()
    for run in runs:
        paragraph._p.append(parse_xml(f"<w:r {_SHAPE_NS}>{run}</w:r>"))


def _text_box_header(document, c: Content) -> None:
    left, right = _columns(c)
    # Word keeps the shapes in the order they were drawn: the right one first here
    _anchor_paragraph(document, [_drawing_box(2, 3100000, right), _drawing_box(1, 0, left)])


def text_box_header(c: Content) -> bytes:
    return _plain_document(c, header=_text_box_header)


def _vml_header(document, c: Content) -> None:
    left, right = _columns(c)
    _anchor_paragraph(document, [_vml_box(1, 0, left), _vml_box(2, 240, right)])


def vml_text_box_header(c: Content) -> bytes:
    """Text boxes as Word 2003 wrote them (VML only), as a file converted
    from .doc still has them."""
    return _plain_document(c, header=_vml_header, page_numbers=False)


def _group_header(document, c: Content) -> None:
    left, right = _columns(c)

    def shape(x: int, lines) -> str:
        return (f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="{x}" y="0"/><a:ext cx="2900000" '
                f'cy="1300000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx>'
                f'<w:txbxContent>{_box_paragraphs(lines)}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>')

    group = (
        '<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="6000000" cy="1300000"/>'
        '<wp:docPr id="7" name="Group 7"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"><wpg:wgp><wpg:cNvGrpSpPr/>'
        '<wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="6000000" cy="1300000"/><a:chOff x="0" y="0"/>'
        '<a:chExt cx="6000000" cy="1300000"/></a:xfrm></wpg:grpSpPr>'
        f'{shape(3100000, right)}{shape(0, left)}</wpg:wgp></a:graphicData></a:graphic></wp:inline></w:drawing>')
    _anchor_paragraph(document, [group])


def group_shape_header(c: Content) -> bytes:
    """The two header columns drawn as one grouped shape of two text boxes."""
    return _plain_document(c, header=_group_header)


# --- 6. the header in a content control ---------------------------------------------------------


def content_control_header(c: Content) -> bytes:
    """The header table inside a block content control (a template's
    "Tiêu đề" part), the date in a date picker."""
    document = _document()
    _page_numbers(document)
    _header_table(document, c)
    header = document.tables[0]
    date = header.cell(1, 1).paragraphs[0]._p
    table = header._tbl
    sdt = parse_xml(f'<w:sdt {_W}><w:sdtPr><w:alias w:val="Phần đầu"/></w:sdtPr><w:sdtContent/></w:sdt>')
    table.addprevious(sdt)
    sdt.find(qn("w:sdtContent")).append(table)
    runs = date.findall(qn("w:r"))
    picker = parse_xml(f'<w:sdt {_W}><w:sdtPr><w:date/></w:sdtPr><w:sdtContent/></w:sdt>')
    runs[0].addprevious(picker)
    for run in runs:
        picker.find(qn("w:sdtContent")).append(run)
    _type_and_subject(document, c)
    _opening(document, c)
    _body(document, c)
    _footer_table(document, c)
    return _save(document)


def page_header_block(c: Content) -> bytes:
    """The header block (ô 1-4) typed in the first page's page header, as a
    template some offices copy keeps it; the body starts with the type line."""
    document = _document()
    _page_numbers(document)
    part = document.sections[0].first_page_header
    part.is_linked_to_previous = False

    class _Header:  # _header_table adds its table to whatever it is given
        def add_table(self, rows, cols):
            return part.add_table(rows, cols, Mm(165))

    _header_table(_Header(), c)
    first = part.paragraphs[0]
    first._p.getparent().remove(first._p)  # the empty paragraph python-docx starts a header with
    _type_and_subject(document, c)
    _opening(document, c)
    _body(document, c)
    _footer_table(document, c)
    return _save(document)


# --- 7, 8. Word's list numbering ------------------------------------------------------------------


def _numbering(document, levels_by_list: dict[str, list[tuple[str, str]]]) -> None:
    numbering = document.part.numbering_part.element
    for abstract_id, levels in reversed(list(levels_by_list.items())):
        lvls = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr></w:lvl>'
            for i, (fmt, text) in enumerate(levels))
        numbering.insert(0, parse_xml(
            f'<w:abstractNum {_W} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'))
    for abstract_id in levels_by_list:
        numbering.append(parse_xml(
            f'<w:num {_W} w:numId="{abstract_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))


def _numbered(paragraph, num_id: str, level: int) -> None:
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {_W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def list_numbering(c: Content) -> bytes:
    """Divisions, headings and units numbered by one Word list (I., 1.),
    bullets by another; only the text is typed. The headings sit at the
    list's second level: their "1." restarts under each division."""
    document = _document()
    _page_numbers(document)
    _numbering(document, {"41": [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")],
                          "42": [("bullet", "-")]})
    levels = {"division": ("41", 0), "heading": ("41", 1), "unit": ("41", 1), "bullet": ("42", 0)}

    def number(paragraph, kind, label) -> bool:
        if kind in levels:
            _numbered(paragraph, *levels[kind])
            return True
        return False

    _header_table(document, c)
    _type_and_subject(document, c)
    _opening(document, c)
    _body(document, c, number)
    _footer_table(document, c)
    return _save(document)


def decimal_list_numbering(c: Content) -> bytes:
    """Top-level divisions numbered "1." by Word, their headings "1.1.",
    "2.1." at the second level (a police unit's habit)."""
    document = _document()
    _numbering(document, {"51": [("decimal", "%1."), ("decimal", "%1.%2.")], "52": [("bullet", "-")]})
    levels = {"division": ("51", 0), "heading": ("51", 1), "unit": ("51", 1), "bullet": ("52", 0)}

    def number(paragraph, kind, label) -> bool:
        if kind in levels:
            _numbered(paragraph, *levels[kind])
            return True
        return False

    _header_table(document, c)
    _type_and_subject(document, c)
    _opening(document, c)
    _body(document, c, number)
    _footer_table(document, c)
    return _save(document)


# --- 9. the body in one table cell -----------------------------------------------------------------


def one_cell_body(c: Content) -> bytes:
    """The header table, then everything else inside a single bordered
    table cell (a frame some offices draw around the text)."""
    document = _document()
    _page_numbers(document)
    _header_table(document, c)
    frame = document.add_table(rows=1, cols=1)
    frame.style = "Table Grid"
    cell = frame.cell(0, 0)
    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    foreign._run(cell.paragraphs[0], c.doc_type, bold=True)
    _para(cell, c.subject, bold=True, center=True)
    _opening(cell, c)
    _body(cell, c)
    _para(cell, "Nơi nhận:", bold=True, italic=True, size=12)
    for name in c.recipients:
        _para(cell, f"- {name};", size=11)
    _para(cell, f"- Lưu: {c.archive}.", size=11)
    for line in c.authority:
        _para(cell, line, bold=True, center=True)
    _para(cell, c.signer, bold=True, center=True)
    return _save(document)


# --- 10. tracked changes ---------------------------------------------------------------------------


def tracked_changes(c: Content) -> bytes:
    """The subject revised with tracked changes (a word deleted, one
    inserted), a division title with a deleted word, an inserted bullet."""
    document = docx.Document(io.BytesIO(header_table(c)))
    rpr = ('<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:b/>'
           '<w:sz w:val="28"/></w:rPr>')
    subject = next(p for p in document.paragraphs if p.text == c.subject)
    head, _, tail = c.subject.partition(" ")
    for run in list(subject.runs):
        subject._p.remove(run._r)
    subject._p.append(parse_xml(f'<w:r {_W}>{rpr}<w:t xml:space="preserve">{html.escape(head)} </w:t></w:r>'))
    subject._p.append(parse_xml(
        f'<w:del {_W} w:id="11" w:author="Văn thư" w:date="2025-08-01T08:00:00Z"><w:r>{rpr}'
        f'<w:delText xml:space="preserve">nhanh chóng </w:delText></w:r></w:del>'))
    subject._p.append(parse_xml(
        f'<w:ins {_W} w:id="12" w:author="Văn thư" w:date="2025-08-01T08:00:00Z"><w:r>{rpr}'
        f'<w:t xml:space="preserve">{html.escape(tail)}</w:t></w:r></w:ins>'))
    division = next(p for p in document.paragraphs if p.text.endswith(c.divisions[1]))
    division._p.append(parse_xml(
        f'<w:del {_W} w:id="13" w:author="Văn thư" w:date="2025-08-01T08:00:00Z"><w:r>{rpr}'
        f'<w:delText xml:space="preserve"> CHÍNH</w:delText></w:r></w:del>'))
    bullet = next(p for p in document.paragraphs if p.text.startswith("- "))
    inserted = parse_xml(
        f'<w:p {_W}><w:pPr><w:jc w:val="both"/><w:rPr><w:ins w:id="14" w:author="Văn thư" '
        f'w:date="2025-08-01T08:00:00Z"/></w:rPr></w:pPr><w:ins w:id="15" w:author="Văn thư" '
        f'w:date="2025-08-01T08:00:00Z"><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" '
        f'w:hAnsi="Times New Roman"/><w:sz w:val="28"/></w:rPr><w:t>- Bổ sung nội dung theo góp ý của '
        f'các ngành.</w:t></w:r></w:ins></w:p>')
    bullet._p.addnext(inserted)
    return _save(document)


# --- 11. a decision that issues the plan -----------------------------------------------------------


def decision_issuing(c: Content) -> bytes:
    """Mẫu 1.3: the decision (its header, "QUYẾT ĐỊNH", the subject, the
    deciding authority, bases, "QUYẾT ĐỊNH:", articles, recipients and
    signer), then on a new page the plan it issues: its header without a
    number or date, "KẾ HOẠCH", subject, the "(Ban hành kèm theo …)" line."""
    decision = c.decision
    document = _document()
    _page_numbers(document)
    header = Content(**{**c.__dict__, "number": decision.number, "symbol": decision.symbol})
    _header_table(document, header)
    _para(document, "QUYẾT ĐỊNH", bold=True, center=True)
    _para(document, decision.subject, bold=True, center=True)
    _para(document, decision.authority_line, bold=True, center=True)
    for basis in decision.bases:
        _body_para(document, basis, italic=True)
    _para(document, "QUYẾT ĐỊNH:", bold=True, center=True)
    for article in decision.articles:
        head, _, rest = article.partition(". ")
        paragraph = _body_para(document, "")
        foreign._run(paragraph, head + ". ", bold=True)
        foreign._run(paragraph, rest)
    _footer_table(document, c)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _header_table(document, c, with_number=False)
    _type_and_subject(document, c)
    _para(document, decision.attached_line, italic=True, center=True)
    _opening(document, c)
    _body(document, c)
    return _save(document)


# --- 12, 13. files saved by LibreOffice Writer ---------------------------------------------------------


def through_odt(data: bytes) -> bytes:
    """``data`` opened in LibreOffice, saved as .odt, that .odt opened and
    saved as .docx (what a Writer user sends)."""
    odt = foreign.convert(data, ".docx", target="odt")
    return foreign.convert(odt, ".odt")


def libreoffice_header_table(c: Content) -> bytes:
    return through_odt(header_table(c))


def libreoffice_text_frames(c: Content) -> bytes:
    """The text-box header after a round through Writer: its frames saved
    back as Writer writes shapes in .docx."""
    return through_odt(text_box_header(c))


BUILDERS = {
    "header_table": header_table,
    "tab_header": tab_header,
    "text_box_header": text_box_header,
    "vml_text_box_header": vml_text_box_header,
    "group_shape_header": group_shape_header,
    "content_control_header": content_control_header,
    "page_header_block": page_header_block,
    "list_numbering": list_numbering,
    "decimal_list_numbering": decimal_list_numbering,
    "one_cell_body": one_cell_body,
    "tracked_changes": tracked_changes,
    "decision_issuing": decision_issuing,
    "libreoffice_header_table": libreoffice_header_table,
    "libreoffice_text_frames": libreoffice_text_frames,
}
NEEDS_LIBREOFFICE = {"libreoffice_header_table", "libreoffice_text_frames"}
