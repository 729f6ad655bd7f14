"""Word files made the ways other producers make them, built at test time
from made-up text in the seeds' shape (never copied from real documents):
python-docx with direct formatting and no styles, a header typed as
paragraphs, LibreOffice conversions of .txt and .html, Word's own list
numbering, other fonts, styles based on styles, an appendix table with
merged header cells, a file that is only an appendix, a signature table in
two rows, tracked changes and content controls, a sample re-saved by
LibreOffice.

Each builder returns the .docx bytes; :data:`FACTS` is what every one of
them says (the importer's tests compare against it too). :data:`BUILDERS`
lists them by name.
"""

from __future__ import annotations

import functools
import html
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from docgen.pdf import soffice_environment

ISSUER = ["ỦY BAN NHÂN DÂN", "XÃ HÒA AN"]
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NUMBER = "Số: 15/KH-UBND"
DATE = "Hòa An, ngày 05 tháng 3 năm 2026"
DOC_TYPE = "KẾ HOẠCH"
SUBJECT = ("Triển khai cao điểm “30 ngày, đêm” hướng dẫn người dân kích hoạt tài khoản "
           "định danh điện tử trên địa bàn xã Hòa An")
OPENING = ("Thực hiện Kế hoạch số 264/KH-UBND ngày 02/02/2026 của UBND huyện về thực hiện Đề án 06, "
           "UBND xã Hòa An ban hành Kế hoạch như sau:")
# (kind, label as typed, text); kinds: section, heading, item, bullet, plus, paragraph
BODY = [
    ("section", "I.", "MỤC ĐÍCH, YÊU CẦU"),
    ("heading", "1.", "Mục đích"),
    ("bullet", "-", "Nâng cao tỷ lệ người dân kích hoạt tài khoản định danh điện tử mức 2."),
    ("bullet", "-", "Đẩy mạnh sử dụng các tiện ích trên ứng dụng VNeID."),
    ("heading", "2.", "Yêu cầu"),
    ("item", "a)", "Triển khai đồng bộ, đúng tiến độ."),
    ("item", "b)", "Bảo đảm an toàn thông tin của công dân."),
    ("section", "II.", "NỘI DUNG"),
    ("heading", "1.", "Tuyên truyền"),
    ("plus", "+", "Phát thanh trên loa truyền thanh xã mỗi ngày hai lần."),
    ("heading", "2.", "Hướng dẫn kích hoạt"),
    ("paragraph", None, "Tổ chức các điểm hướng dẫn tại nhà văn hóa thôn từ ngày 09/3/2026 đến ngày 07/4/2026."),
    ("section", "III.", "TỔ CHỨC THỰC HIỆN"),
    ("heading", "1.", "Công an xã"),
    ("paragraph", None, "Chủ trì, hướng dẫn người dân kích hoạt tài khoản; tổng hợp kết quả hằng tuần."),
    ("heading", "2.", "Văn phòng UBND xã"),
    ("paragraph", None, "Theo dõi, đôn đốc việc thực hiện Kế hoạch này./."),
]
RECIPIENTS_LABEL = "Nơi nhận:"
RECIPIENTS = ["- UBND huyện;", "- Công an xã;", "- Văn phòng UBND xã;", "- Lưu: VT, VP."]
AUTHORITY = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
SIGNER = "Nguyễn Văn An"
APPENDIX_LABEL = "PHỤ LỤC"
APPENDIX_TITLE = "CHỈ TIÊU KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ"
APPENDIX_REFERENCE = "(Kèm theo Kế hoạch số 15/KH-UBND ngày 05/3/2026 của UBND xã Hòa An)"
APPENDIX_ROWS = [
    ["1", "Thôn 1", "1.250", "830"],
    ["2", "Thôn 2", "980", "415"],
    ["3", "Thôn Đông", "1.105", "1.002"],
]
APPENDIX_TOTAL = ["", "Tổng cộng", "3.335", "2.247"]

FACTS = {
    "issuer": ISSUER, "number": NUMBER, "date": DATE, "subject": SUBJECT, "signer": SIGNER,
    "sections": ["I", "II", "III"], "recipients": RECIPIENTS,
}


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _a4(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)


def _run(paragraph, text: str, *, bold=False, italic=False, size=14, font="Times New Roman"):
    run = paragraph.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    run.font.size = Pt(size)
    if font:
        run.font.name = font
    return run


def _para(container, text: str = "", *, bold=False, italic=False, size=14, center=False, font="Times New Roman"):
    paragraph = container.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if text:
        _run(paragraph, text, bold=bold, italic=italic, size=size, font=font)
    return paragraph


def _body_line(kind: str, label: str | None, text: str) -> str:
    return f"{label} {text}" if label else text


# --- 1. python-docx, direct formatting, no styles -------------------------------------------------


def direct_formatting(font: str = "Times New Roman") -> bytes:
    """Every paragraph Normal, every run formatted by hand; the header and
    the signature in borderless tables, as a clerk builds them."""
    document = docx.Document()
    _a4(document)
    header = document.add_table(rows=1, cols=2)
    left, right = header.cell(0, 0), header.cell(0, 1)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(left.paragraphs[0], ISSUER[0], size=13, font=font)
    _para(left, ISSUER[1], bold=True, size=13, center=True, font=font)
    _para(left, NUMBER, size=13, center=True, font=font)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(right.paragraphs[0], NATION, bold=True, size=13, font=font)
    _para(right, MOTTO, bold=True, size=14, center=True, font=font)
    _para(right, DATE, italic=True, size=14, center=True, font=font)
    _para(document, DOC_TYPE, bold=True, center=True, font=font)
    _para(document, SUBJECT, bold=True, center=True, font=font)
    _para(document, OPENING, font=font)
    for kind, label, text in BODY:
        _para(document, _body_line(kind, label, text), bold=kind in ("section", "heading"), font=font)
    _signature_table(document, font=font)
    return _save(document)


def _signature_table(document, font="Times New Roman") -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    _run(left.paragraphs[0], RECIPIENTS_LABEL, bold=True, italic=True, size=12, font=font)
    for line in RECIPIENTS:
        _para(left, line, size=11, font=font)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(right.paragraphs[0], AUTHORITY[0], bold=True, font=font)
    for line in AUTHORITY[1:] + [SIGNER]:
        _para(right, line, bold=True, center=True, font=font)


# --- 2. header typed as paragraphs ----------------------------------------------------------------


def header_as_paragraphs() -> bytes:
    """No table: issuer and national name on one line apart by tabs, the
    number and the date likewise; "Nơi nhận" as paragraphs, its last line
    typed without the dash."""
    document = docx.Document()
    _a4(document)
    _para(document, f"{ISSUER[0]}\t{NATION}", bold=True, size=13)
    _para(document, f"{ISSUER[1]}\t{MOTTO}", bold=True, size=13)
    _para(document, f"{NUMBER}\t{DATE}", size=13)
    _para(document, DOC_TYPE, bold=True, center=True)
    _para(document, SUBJECT, bold=True, center=True)
    _para(document, OPENING)
    for kind, label, text in BODY:
        _para(document, _body_line(kind, label, text), bold=kind == "section")
    _para(document, RECIPIENTS_LABEL, bold=True, italic=True, size=12)
    for line in RECIPIENTS[:-1]:
        _para(document, line, size=11)
    _para(document, RECIPIENTS[-1].removeprefix("- "), size=11)  # "Lưu: VT, VP."
    for line in AUTHORITY + [SIGNER]:
        _para(document, line, bold=True, center=True)
    return _save(document)


# --- 3, 4. LibreOffice conversions -----------------------------------------------------------------


def libreoffice_available() -> bool:
    return shutil.which("soffice") is not None


@functools.cache
def _profile() -> Path:
    return Path(tempfile.mkdtemp(prefix="docgen-foreign-lo-"))


def convert(data: bytes, suffix: str, target: str = "docx:MS Word 2007 XML", infilter: str | None = None) -> bytes:
    """``data`` (a file ending in ``suffix``) converted by LibreOffice."""
    with tempfile.TemporaryDirectory(prefix="docgen-foreign-") as folder:
        work = Path(folder)
        source = work / f"ke-hoach{suffix}"
        source.write_bytes(data)
        command = ["soffice", f"-env:UserInstallation={_profile().as_uri()}", "--headless", "--norestore"]
        if infilter:
            command.append(f"--infilter={infilter}")
        command += ["--convert-to", target, "--outdir", str(work / "out"), str(source)]
        subprocess.run(command, check=True, capture_output=True, timeout=180, env=soffice_environment())
        return (work / "out" / f"ke-hoach.{target.split(':')[0]}").read_bytes()


def plan_text() -> str:
    """The plan as text, one paragraph a line, the header flattened."""
    lines = ISSUER + [NATION, MOTTO, NUMBER, DATE, DOC_TYPE, SUBJECT, OPENING]
    lines += [_body_line(*block) for block in BODY]
    lines += [RECIPIENTS_LABEL] + RECIPIENTS + AUTHORITY + [SIGNER]
    return "\n".join(lines) + "\n"


@functools.cache
def libreoffice_from_text() -> bytes:
    return convert(plan_text().encode("utf-8"), ".txt", infilter="Text (encoded):UTF8,LF,,,")


def plan_html() -> str:
    e = html.escape
    rows = "".join(f"<tr>{''.join(f'<td>{e(c)}</td>' for c in row)}</tr>" for row in APPENDIX_ROWS + [APPENDIX_TOTAL])
    body = []
    for kind, label, text in BODY:
        if kind == "section":
            body.append(f"<p><b>{e(label)} {e(text)}</b></p>")
        elif kind == "heading":
            body.append(f"<p><b>{e(label)} {e(text)}</b></p>")
        else:
            body.append(f"<p>{e(_body_line(kind, label, text))}</p>")
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Kế hoạch</title></head>
<body style="font-family: 'Times New Roman'; font-size: 14pt">
<table><tr><td><p align="center">{e(ISSUER[0])}</p><p align="center"><b>{e(ISSUER[1])}</b></p>
<p align="center">{e(NUMBER)}</p></td>
<td><p align="center"><b>{e(NATION)}</b></p><p align="center"><b>{e(MOTTO)}</b></p>
<p align="center"><i>{e(DATE)}</i></p></td></tr></table>
<p align="center"><b>{e(DOC_TYPE)}</b></p><p align="center"><b>{e(SUBJECT)}</b></p>
<p>{e(OPENING)}</p>{''.join(body)}
<table><tr><td><p><b><i>{e(RECIPIENTS_LABEL)}</i></b></p>{''.join(f'<p>{e(r)}</p>' for r in RECIPIENTS)}</td>
<td>{''.join(f'<p align="center"><b>{e(a)}</b></p>' for a in AUTHORITY)}<p align="center"><b>{e(SIGNER)}</b></p></td></tr></table>
<p style="page-break-before: always" align="center"><b>{e(APPENDIX_LABEL)}</b></p>
<p align="center"><b>{e(APPENDIX_TITLE)}</b></p><p align="center"><i>{e(APPENDIX_REFERENCE)}</i></p>
<table border="1"><tr><th rowspan="2">STT</th><th rowspan="2">Đơn vị</th><th colspan="2">Chỉ tiêu</th></tr>
<tr><th>Giao</th><th>Đã kích hoạt</th></tr>{rows}</table>
</body></html>"""


@functools.cache
def libreoffice_from_html() -> bytes:
    return convert(plan_html().encode("utf-8"), ".html", infilter="HTML (StarWriter)")


# --- 5. Word's list numbering -------------------------------------------------------------------------


_NUMBERING = {
    # abstractNumId: [(numFmt, lvlText)] per level
    "71": [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")],
    "72": [("bullet", "-")],
    "73": [("bullet", "+")],
}
_KIND_NUM = {"section": ("171", 0), "heading": ("171", 1), "item": ("171", 2), "bullet": ("172", 0),
             "plus": ("173", 0)}


def _add_numbering(document) -> None:
    numbering = document.part.numbering_part.element
    for abstract_id, levels in reversed(_NUMBERING.items()):
        lvls = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            f'<w:pPr><w:ind w:left="{360 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
            for i, (fmt, text) in enumerate(levels))
        numbering.insert(0, parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'))
    for abstract_id in _NUMBERING:
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="1{abstract_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))


def _number(paragraph, num_id: str, level: int) -> None:
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def word_numbering() -> bytes:
    """Sections, headings, items and bullets numbered by Word (numPr), the
    labels not typed; the recipients a "-" list too."""
    document = docx.Document()
    _a4(document)
    _add_numbering(document)
    _header_table(document)
    _para(document, DOC_TYPE, bold=True, center=True)
    _para(document, SUBJECT, bold=True, center=True)
    _para(document, OPENING)
    for kind, label, text in BODY:
        paragraph = _para(document, text, bold=kind in ("section", "heading"))
        if kind in _KIND_NUM:
            _number(paragraph, *_KIND_NUM[kind])
    table = document.add_table(rows=1, cols=2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    _run(left.paragraphs[0], RECIPIENTS_LABEL, bold=True, italic=True, size=12)
    for line in RECIPIENTS:
        _number(_para(left, line.removeprefix("- "), size=11), "172", 0)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(right.paragraphs[0], AUTHORITY[0], bold=True)
    for line in AUTHORITY[1:] + [SIGNER]:
        _para(right, line, bold=True, center=True)
    return _save(document)


def _header_table(document, font="Times New Roman") -> None:
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(header.cell(0, 0).paragraphs[0], ISSUER[0], size=13, font=font)
    _para(header.cell(0, 0), ISSUER[1], bold=True, size=13, center=True, font=font)
    header.cell(0, 1).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(header.cell(0, 1).paragraphs[0], NATION, bold=True, size=13, font=font)
    _para(header.cell(0, 1), MOTTO, bold=True, center=True, font=font)
    _run(header.cell(1, 0).paragraphs[0], NUMBER, size=13, font=font)
    _run(header.cell(1, 1).paragraphs[0], DATE, italic=True, font=font)


# --- 6. other fonts ----------------------------------------------------------------------------------


def other_fonts() -> bytes:
    """Arial set by hand, the rest left to the theme (Calibri): what Word
    users who never changed the font send."""
    document = docx.Document()
    _a4(document)
    _header_table(document, font="Arial")
    _para(document, DOC_TYPE, bold=True, center=True, font=None)
    _para(document, SUBJECT, bold=True, center=True, font=None)
    _para(document, OPENING, font="Arial")
    for kind, label, text in BODY:
        _para(document, _body_line(kind, label, text), bold=kind == "section", font=None)
    _signature_table(document, font="Arial")
    return _save(document)


# --- 7, 8. appendices ---------------------------------------------------------------------------------


def _appendix(document, *, landscape: bool, rows: list[list[str]] | None = None) -> None:
    rows = rows or APPENDIX_ROWS + [APPENDIX_TOTAL]
    if landscape:
        section = document.add_section()
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    _para(document, APPENDIX_LABEL, bold=True, center=True)
    _para(document, APPENDIX_TITLE, bold=True, center=True)
    _para(document, APPENDIX_REFERENCE, italic=True, center=True)
    table = document.add_table(rows=2 + len(rows), cols=4)
    table.style = "Table Grid"
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(0, 2).text = "STT", "Đơn vị", "Chỉ tiêu"
    table.cell(1, 2).text, table.cell(1, 3).text = "Giao", "Đã kích hoạt"
    table.cell(0, 2).merge(table.cell(0, 3))  # gridSpan
    table.cell(0, 0).merge(table.cell(1, 0))  # vMerge
    table.cell(0, 1).merge(table.cell(1, 1))
    for r, row in enumerate(rows, start=2):
        for c, text in enumerate(row):
            table.cell(r, c).text = text


def appendix_merged_header() -> bytes:
    """The plan and its appendix on a landscape page, the table's header in
    two rows with merged cells (gridSpan, vMerge)."""
    document = docx.Document(io.BytesIO(direct_formatting()))
    _appendix(document, landscape=True)
    return _save(document)


def plan_with_appendix_rows(rows: list[list[str]]) -> bytes:
    """The plan of :func:`direct_formatting` and an appendix with these
    rows (STT, Đơn vị, Giao, Đã kích hoạt), e.g. figures an English-locale
    Excel pasted into Word."""
    document = docx.Document(io.BytesIO(direct_formatting()))
    _appendix(document, landscape=False, rows=rows)
    return _save(document)


def appendix_only() -> bytes:
    """A file that is itself an appendix, sent apart from its plan."""
    document = docx.Document()
    _a4(document)
    _appendix(document, landscape=False)
    return _save(document)


# --- 9. styles based on styles -------------------------------------------------------------------


def style_inheritance() -> bytes:
    """Formatting only in styles: "KH Nội dung" (Times New Roman 14,
    justified) based on Normal, "KH Mục" (bold) based on "KH Nội dung", "KH
    Tiêu đề" based on "KH Mục" (centred), a character style for italics,
    and Normal set in Times New Roman 14."""
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    _a4(document)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(14)
    body = document.styles.add_style("KH Nội dung", WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.first_line_indent = Mm(10)
    section = document.styles.add_style("KH Mục", WD_STYLE_TYPE.PARAGRAPH)
    section.base_style = body
    section.font.bold = True
    title = document.styles.add_style("KH Tiêu đề", WD_STYLE_TYPE.PARAGRAPH)
    title.base_style = section
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    emphasis = document.styles.add_style("KH Nhấn mạnh", WD_STYLE_TYPE.CHARACTER)
    emphasis.font.italic = True
    _header_table(document)
    document.add_paragraph(DOC_TYPE, style="KH Tiêu đề")
    document.add_paragraph(SUBJECT, style="KH Tiêu đề")
    document.add_paragraph(OPENING, style="KH Nội dung")
    for kind, label, text in BODY:
        line = _body_line(kind, label, text)
        if kind in ("section", "heading"):
            document.add_paragraph(line, style="KH Mục")
        else:
            paragraph = document.add_paragraph(style="KH Nội dung")
            paragraph.add_run(line[:5], style="KH Nhấn mạnh")
            paragraph.add_run(line[5:])
    _signature_table(document)
    return _save(document)


# --- 10. the signature table in two rows -------------------------------------------------------------


def signature_in_two_rows() -> bytes:
    """"Nơi nhận:" beside the authority, the recipients beside the name,
    and "Lưu: VT, VP." without its dash."""
    document = docx.Document(io.BytesIO(direct_formatting()))
    body = document.element.body
    body.remove(document.tables[-1]._tbl)
    table = document.add_table(rows=2, cols=2)
    _run(table.cell(0, 0).paragraphs[0], RECIPIENTS_LABEL, bold=True, italic=True, size=12)
    _run(table.cell(0, 1).paragraphs[0], AUTHORITY[0], bold=True)
    _para(table.cell(0, 1), AUTHORITY[1], bold=True, center=True)
    _run(table.cell(1, 0).paragraphs[0], RECIPIENTS[0], size=11)
    for line in RECIPIENTS[1:-1]:
        _para(table.cell(1, 0), line, size=11)
    _para(table.cell(1, 0), RECIPIENTS[-1].removeprefix("- "), size=11)
    _run(table.cell(1, 1).paragraphs[0], "(Đã ký)", italic=True)
    _para(table.cell(1, 1), SIGNER, bold=True, center=True)
    return _save(document)


# --- 11. tracked changes, hyperlinks, content controls ---------------------------------------------


def tracked_changes() -> bytes:
    """The opening with a tracked insertion and a deletion, a hyperlink in
    it, and the subject inside a content control (w:sdt)."""
    document = docx.Document(io.BytesIO(direct_formatting()))
    opening = next(p for p in document.paragraphs if p.text == OPENING)
    head, tail = OPENING.split("Đề án 06", 1)
    for run in list(opening.runs):
        opening._p.remove(run._r)
    w = nsdecls("w")
    rpr = '<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/></w:rPr>'
    opening._p.append(parse_xml(f'<w:r {w}>{rpr}<w:t xml:space="preserve">{html.escape(head)}</w:t></w:r>'))
    opening._p.append(parse_xml(
        f'<w:del {w} w:id="1" w:author="A" w:date="2026-03-01T00:00:00Z"><w:r>{rpr}<w:delText>Đề án cũ </w:delText></w:r></w:del>'))
    opening._p.append(parse_xml(
        f'<w:ins {w} w:id="2" w:author="A" w:date="2026-03-01T00:00:00Z"><w:r>{rpr}<w:t>Đề án</w:t></w:r></w:ins>'))
    opening._p.append(parse_xml(
        f'<w:hyperlink {w} w:anchor="x"><w:r>{rpr}<w:t xml:space="preserve"> 06</w:t></w:r></w:hyperlink>'))
    opening._p.append(parse_xml(f'<w:r {w}>{rpr}<w:t xml:space="preserve">{html.escape(tail)}</w:t></w:r>'))
    subject = next(p for p in document.paragraphs if p.text == SUBJECT)
    sdt = parse_xml(f'<w:sdt {w}><w:sdtPr><w:alias w:val="Trích yếu"/></w:sdtPr><w:sdtContent/></w:sdt>')
    subject._p.addprevious(sdt)
    sdt.find(qn("w:sdtContent")).append(subject._p)
    return _save(document)


# --- 12. a sample re-saved by LibreOffice ---------------------------------------------------------------


@functools.cache
def libreoffice_resaved(sample: str = "002") -> bytes:
    """docgen's rendering of a sample, opened and saved again by LibreOffice."""
    from docgen.plan.files import load_plan
    from docgen.document.render import render_plan

    root = Path(__file__).resolve().parents[2]
    path = next((root / "samples").glob(f"{sample}_*.yaml"))
    return convert(render_plan(load_plan(path)), ".docx")


BUILDERS = {
    "direct_formatting": direct_formatting,
    "header_as_paragraphs": header_as_paragraphs,
    "libreoffice_from_text": libreoffice_from_text,
    "libreoffice_from_html": libreoffice_from_html,
    "word_numbering": word_numbering,
    "other_fonts": other_fonts,
    "appendix_merged_header": appendix_merged_header,
    "appendix_only": appendix_only,
    "style_inheritance": style_inheritance,
    "signature_in_two_rows": signature_in_two_rows,
    "tracked_changes": tracked_changes,
    "libreoffice_resaved": libreoffice_resaved,
}
NEEDS_LIBREOFFICE = {"libreoffice_from_text", "libreoffice_from_html", "libreoffice_resaved"}
