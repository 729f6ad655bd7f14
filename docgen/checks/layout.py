"""Layout of a .docx against nd30.md (Decree 30/2020/NĐ-CP, Appendix I):
page, margins, fonts and sizes, the header and footer blocks, the date rule,
the signer's lines, page numbers and the appendix heading.

Page, fonts, sizes and page numbers need the Word document as
:mod:`docgen.word` reads it (formatting as Word shows it); the shape of the
number line, the date line, the recipients and the signer are read from the
view, so they hold for any document the view was read from.
"""

from __future__ import annotations

import math
import re

from ..vietnamese import dates
from .. import doctypes
from ..vietnamese.authority import SIGNER_TITLES, authority_problems
from ..vietnamese.document_number import number_text
from .document import CheckedDocument, Para
from .findings import Finding, Where, excerpt
from .page_count import more_than_one_page
from .parsing import fold, long_date

TNR = "Times New Roman"
A4 = (11906, 16838)  # twips
PAGE_TOLERANCE = 60  # twips, about 1 mm
TWIPS_PER_MM = 1440 / 25.4


def twips_range(low_mm: float, high_mm: float) -> tuple[int, int]:
    """The twips a length from ``low_mm`` to ``high_mm`` may be stored as.
    Word, LibreOffice and python-docx store whole twips, rounding down or to
    the nearest (15 mm = 850.39 twips is stored as 850), so the limits are
    rounded outwards, never inwards."""
    return math.floor(low_mm * TWIPS_PER_MM), math.ceil(high_mm * TWIPS_PER_MM)


MARGINS = {  # nd30.md, in twips as stored
    "top": (*twips_range(20, 25), "trên", "20–25 mm"),
    "bottom": (*twips_range(20, 25), "dưới", "20–25 mm"),
    "left": (*twips_range(30, 35), "trái", "30–35 mm"),
    "right": (*twips_range(15, 20), "phải", "15–20 mm"),
}
# role -> (smallest pt, largest pt, Vietnamese name of the element)
SIZES = {
    "nation": (12, 13, "quốc hiệu"),
    "motto": (13, 14, "tiêu ngữ"),
    "issuer": (12, 13, "tên cơ quan ban hành"),
    "number": (13, 13, "số, ký hiệu"),
    "date": (13, 14, "địa danh, ngày tháng"),
    "doc_type": (13, 14, "tên loại văn bản"),
    "subject": (13, 14, "trích yếu"),
    "letter_subject": (12, 13, "trích yếu (V/v) dưới số, ký hiệu"),
    "addressee": (13, 14, "phần “Kính gửi”"),
    "decider": (13, 14, "thẩm quyền ban hành"),
    "decision_line": (13, 14, "dòng trước các điều"),
    "body": (13, 14, "nội dung"),
    "recipients_label": (12, 12, "chữ “Nơi nhận”"),
    "recipient": (11, 11, "danh sách nơi nhận"),
    "authority": (13, 14, "thẩm quyền ký"),
    "signer": (13, 14, "họ tên người ký"),
}
# role -> (bold, italic) required; None = not checked
EMPHASIS = {
    "nation": (True, None),
    "motto": (True, None),
    "date": (None, True),
    "doc_type": (True, None),
    "subject": (True, None),
    "letter_subject": (False, False),
    "decider": (True, None),
    "decision_line": (True, None),
    "recipients_label": (True, True),
    "authority": (True, None),
    "signer": (True, None),
}
ROLE_PART = {
    "nation": "header", "motto": "header", "issuer": "header", "number": "header", "date": "header",
    "doc_type": "subject", "subject": "subject", "letter_subject": "subject", "addressee": "addressees",
    "decider": "decider", "decision_line": "decider", "recipients_label": "recipients",
    "recipient": "recipients", "authority": "signer", "signer": "signer",
}
_NUMBER_LINE = re.compile(r"^Số\s*:\s*(\d*)\s*/\s*(\S+)\s*$")
_ARCHIVE = re.compile(r"^[-–+•]?\s*Lưu\s*(?::|VT\b)", re.IGNORECASE)


def check_layout(view: CheckedDocument) -> list[Finding]:
    """Every layout finding for a view read from a .docx."""
    findings: list[Finding] = []
    if view.docx is not None:
        findings += check_page(view)
        findings += check_fonts(view)
        findings += check_sizes(view)
        findings += check_page_numbers(view)
    if not view.appendix_only:  # an appendix issued alone has no header, body or signature
        findings += check_header_block(view)
        findings += check_recipients(view)
        findings += check_signer(view)
        findings += check_body_end(view)
    findings += check_appendix_headings(view)
    return findings


# --- page --------------------------------------------------------------------------------


def check_page(view: CheckedDocument) -> list[Finding]:
    out = []
    sections = view.docx.sections
    for number, section in enumerate(sections, start=1):
        where = Where("page", f"phần {number}" if len(sections) > 1 else None)
        width, height = section.page_width or 0, section.page_height or 0
        size = tuple(sorted((width, height)))
        if abs(size[0] - A4[0]) > PAGE_TOLERANCE or abs(size[1] - A4[1]) > PAGE_TOLERANCE:
            out.append(Finding(
                "layout.page_size", "error", where,
                f"khổ giấy {width / 56.7:.0f} × {height / 56.7:.0f} mm, không phải A4",
                "chọn khổ A4 (210 × 297 mm) trong Bố cục > Kích thước",
            ))
        if number == 1 and width > height:
            out.append(Finding(
                "layout.orientation", "error", where, "trang đầu văn bản đặt khổ ngang",
                "đặt khổ dọc; chỉ phụ lục có bảng rộng mới được đặt khổ ngang",
            ))
        wrong = []
        for side, (low, high, name, rule) in MARGINS.items():
            twips = getattr(section.margins, side) or 0
            if not low <= twips <= high:
                wrong.append(f"lề {name} {twips / TWIPS_PER_MM:.1f} mm (cần {rule})")
        if wrong:
            out.append(Finding(
                "layout.margins", "error", where, "; ".join(wrong),
                "sửa lề trang: trên 20–25 mm, dưới 20–25 mm, trái 30–35 mm, phải 15–20 mm",
            ))
    return out


def check_page_numbers(view: CheckedDocument) -> list[Finding]:
    out = []
    sections = view.docx.sections
    main = sections[0]
    where = Where("page")
    if main.header is None or not main.header.page_field:
        if not more_than_one_page(view.docx):
            return out  # one page: Decree 30 numbers pages from page 2
        out.append(Finding(
            "layout.page_numbers", "warning", where, "không có số trang (trường PAGE) ở phần đầu trang",
            "chèn số trang bằng trường PAGE, căn giữa ở lề trên, cỡ 13–14",
        ))
    else:
        first = main.first_page_header if main.different_first_page else main.header
        if first is not None and first.page_field:
            out.append(Finding(
                "layout.first_page_number", "warning", where, "trang 1 có số trang",
                "chọn “Trang đầu khác” (different first page) để trang 1 không hiện số trang",
            ))
    for number, section in enumerate(sections[1:], start=2):
        if view.appendices and section.page_number_start != 1:
            out.append(Finding(
                "layout.appendix_page_numbers", "warning", Where("page", f"phần {number}"),
                "phụ lục không đánh số trang lại từ 1", "đặt đánh số trang của phần phụ lục bắt đầu từ 1",
            ))
    return out


# --- fonts and sizes -------------------------------------------------------------------------


def _font_name(font: str | None, theme: str | None) -> str | None:
    """A font as the findings name it: a theme font the theme part does not
    name is shown by its slot."""
    return font or (f"(phông theo chủ đề {theme})" if theme else None)


def check_fonts(view: CheckedDocument) -> list[Finding]:
    wrong: dict[str, list[str]] = {}
    for paragraph in view.docx.all_paragraphs():
        for run in paragraph.shown_runs:
            font = _font_name(run.font, run.font_theme)
            if font != TNR:
                wrong.setdefault(font or "(không đặt phông)", []).append(paragraph.text)
    return [
        Finding(
            "layout.font", "error", Where("document", None, None, excerpt(texts[0])),
            f"phông chữ “{font}” ở {len(texts)} đoạn (phải là {TNR})",
            f"chọn toàn bộ văn bản và đặt phông {TNR} (kể cả kiểu Normal)",
        )
        for font, texts in wrong.items()
    ]


def _role_where(view: CheckedDocument, role: str, position: int, paragraph) -> Where:
    if role == "body" and position < len(view.body):
        return view.body[position].where()
    return Where(ROLE_PART.get(role, "document"), None, None, excerpt(paragraph.text))


def check_sizes(view: CheckedDocument) -> list[Finding]:
    out = []
    for role, (low, high, name) in SIZES.items():
        wrong = None
        for position, paragraph in enumerate(view.roles.get(role, [])):
            for run in paragraph.shown_runs:
                points = run.size
                if not low <= points <= high:
                    wrong = wrong or (position, paragraph, points)
        if wrong:
            position, paragraph, points = wrong
            rule = f"{low}" if low == high else f"{low}–{high}"
            out.append(Finding(
                "layout.size", "error", _role_where(view, role, position, paragraph),
                f"cỡ chữ {name} là {points:g} (cần {rule})", f"đặt cỡ chữ {name} {rule}",
            ))
    for role, (bold, italic) in EMPHASIS.items():
        for position, paragraph in enumerate(view.roles.get(role, [])):
            runs = paragraph.shown_runs
            if not runs:
                continue
            problems, upright = [], []
            if bold and not all(r.bold for r in runs):
                problems.append("in đậm")
            if italic and not all(r.italic for r in runs):
                problems.append("in nghiêng")
            if bold is False and any(r.bold for r in runs):
                upright.append("in đậm")
            if italic is False and any(r.italic for r in runs):
                upright.append("in nghiêng")
            name = SIZES[role][2]
            where = _role_where(view, role, position, paragraph)
            if problems:
                out.append(Finding("layout.emphasis", "warning", where,
                                   f"{name} chưa {' và '.join(problems)}", f"{name} phải {' và '.join(problems)}"))
            if upright:
                out.append(Finding("layout.emphasis", "warning", where, f"{name} bị {' và '.join(upright)}",
                                   f"{name} viết chữ đứng, không {' và '.join(upright)}"))
            if problems or upright:
                break
    return out


# --- header block (ô 1-4) ------------------------------------------------------------------------


def check_header_block(view: CheckedDocument) -> list[Finding]:
    out = []
    where = Where("header")
    if view.source == "docx":
        if not view.roles.get("nation"):
            out.append(Finding(
                "layout.national_name", "error", where, "thiếu quốc hiệu “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”",
                "ghi quốc hiệu ở góc trên bên phải, chữ in hoa, đậm, cỡ 12–13",
            ))
        if not view.roles.get("motto"):
            out.append(Finding(
                "layout.motto", "error", where, "thiếu tiêu ngữ “Độc lập - Tự do - Hạnh phúc”",
                "ghi tiêu ngữ dưới quốc hiệu, chữ đậm, cỡ 13–14, có đường kẻ liền bên dưới",
            ))
        if not view.roles.get("doc_type") and (view.doc_type is None or view.doc_type.has_title):
            titles = ", ".join(f"“{t.title}”" for t in doctypes.ALL.values() if t.has_title)
            out.append(Finding(
                "layout.doc_type", "error", Where("subject"), f"không thấy tên loại văn bản ({titles})",
                "ghi tên loại văn bản thành một dòng riêng, chữ in hoa, đậm, căn giữa, trên trích yếu"
                + "".join(f" ({t.noun} không có tên loại: ký hiệu không có chữ viết tắt tên loại, vd. {t.default_symbol})"
                          for t in doctypes.ALL.values() if not t.has_title),
            ))
    out += check_number_line(view.number_line, view.doc_type)
    out += check_date_line(view.date_line)
    return out


def check_number_line(line: str | None, doc_type: doctypes.DocumentType | None = None) -> list[Finding]:
    """ô 3 of a document of ``doc_type`` (the default type when the document
    shows none): its symbol starts with the type's code."""
    doc_type = doc_type or doctypes.get(None)
    pattern, example = doc_type.symbol_pattern, doc_type.example_symbol_line()
    where = Where("header", None, None, excerpt(line or ""))
    if not line:
        return [Finding(
            "layout.number_line", "error", where, f"thiếu dòng số, ký hiệu (“Số: …/{pattern}”)",
            f"ghi dưới tên cơ quan ban hành, vd. “{example}” (dự thảo: “Số:      /{doc_type.default_symbol}”)",
        )]
    match = _NUMBER_LINE.match(line.strip())
    if not match:
        return [Finding(
            "layout.number_line", "error", where, f"dòng số, ký hiệu “{line.strip()}” không đúng dạng “Số: …/{pattern}”",
            f"viết “{example}”: chữ “Số”, dấu hai chấm, số, dấu “/”, ký hiệu",
        )]
    number, symbol = match.groups()
    out = symbol_findings(symbol, doc_type, where)
    if number and int(number) < 10 and len(number) < 2:
        out.append(Finding(
            "layout.number_line", "error", where, f"số văn bản {number} nhỏ hơn 10 nhưng không có số 0 ở trước",
            f"viết “Số: {number_text(int(number), symbol)}”",
        ))
    return out


# What clerks write for a Công văn's type code that Appendix III does not give it.
_LETTER_CODES = ("CV",)


def symbol_findings(symbol: str, doc_type: doctypes.DocumentType, where: Where) -> list[Finding]:
    """The type's symbol rule (nd30-types.md, 3): a type with a code starts
    with it (``KH-``); a Công văn has none: its issuer's abbreviation, then
    the drafting unit's or the field's (``UBND-VX``, never ``CV-UBND``)."""
    start = doc_type.symbol_start
    if start is not None:
        if symbol.startswith(start):
            return []
        return [Finding(
            "layout.number_line", "warning", where,
            f"ký hiệu “{symbol}” không bắt đầu bằng “{start}” của {doc_type.noun}",
            f"ký hiệu của {doc_type.noun} là {start} và tên viết tắt cơ quan ban hành, vd. {doc_type.default_symbol}",
        )]
    groups = symbol.split("-")
    codes = {t.symbol_prefix.casefold() for t in doctypes.ALL.values() if t.symbol_prefix}
    codes |= {code.casefold() for code in _LETTER_CODES}
    if len(groups) >= 2 and groups[0].casefold() not in codes:
        return []
    return [Finding(
        "layout.number_line", "warning", where,
        f"ký hiệu “{symbol}” của {doc_type.noun} không đúng: {doc_type.noun} không có chữ viết tắt tên loại",
        f"ký hiệu của {doc_type.noun} là tên viết tắt cơ quan ban hành rồi đơn vị soạn thảo hoặc lĩnh vực, "
        f"vd. {doc_type.default_symbol}",
    )]


def check_date_line(line: str | None) -> list[Finding]:
    where = Where("header", None, None, excerpt(line or ""))
    if not line:
        return [Finding(
            "layout.date_line", "error", where, "thiếu dòng địa danh, ngày tháng (ô 4)",
            "ghi cùng dòng với số, ký hiệu, bên phải, vd. “Gia Lai, ngày 29 tháng 8 năm 2023”",
        )]
    parsed = long_date(line)
    if "," not in line.split("ngày")[0] or parsed is None:
        return [Finding(
            "layout.date_line", "error", where, f"dòng “{line.strip()}” không đúng dạng “<Địa danh>, ngày … tháng … năm …”",
            "viết đủ: “Gia Lai, ngày 29 tháng 8 năm 2023”",
        )]
    return date_rule_findings(parsed.day, parsed.month, parsed.year, where)


def date_rule_findings(day: str, month: str, year: int, where: Where) -> list[Finding]:
    """The leading-zero rule: days 1–9 as 01–09, months 1 and 2 as 01 and 02,
    months 3–12 without a zero. A draft may leave the day blank."""
    out = []
    if not month.isdigit() or not 1 <= int(month) <= 12:
        return [Finding("layout.date_line", "error", where, f"tháng “{month}” không hợp lệ", "ghi tháng bằng số 01–12")]
    if day and (not day.isdigit() or not 1 <= int(day) <= 31):
        return [Finding("layout.date_line", "error", where, f"ngày “{day}” không hợp lệ", "ghi ngày bằng số 01–31")]
    expected_month = dates.month_text(int(month))
    expected_day = dates.day_text(int(day)) if day else ""
    problems = []
    if day and day != expected_day:
        problems.append(f"ngày “{day}” phải viết “{expected_day}”")
    if month != expected_month:
        problems.append(f"tháng “{month}” phải viết “{expected_month}”")
    if problems:
        shown_day = expected_day or "      "
        out.append(Finding(
            "layout.date_leading_zero", "error", where,
            "ngày tháng sai quy tắc số 0: " + "; ".join(problems),
            f"viết “ngày {shown_day} tháng {expected_month} năm {year}” (ngày dưới 10 và tháng 1, 2 thêm số 0; "
            "tháng 3–12 không thêm)",
        ))
    return out


# --- footer (ô 9b, ô 7) -------------------------------------------------------------------------------


def check_recipients(view: CheckedDocument) -> list[Finding]:
    if view.recipients_label is None:
        return [Finding(
            "layout.recipients", "error", Where("recipients"), "thiếu phần “Nơi nhận:”",
            "ghi “Nơi nhận:” ở góc dưới bên trái, ngang dòng đầu của thẩm quyền ký, rồi mỗi nơi nhận một dòng",
        )]
    out = []
    if view.recipients_label != "Nơi nhận:":
        out.append(Finding(
            "layout.recipients", "warning", Where("recipients", None, None, view.recipients_label),
            f"dòng “{view.recipients_label}” phải viết đúng “Nơi nhận:”", "sửa thành “Nơi nhận:” (có dấu hai chấm)",
        ))
    lines = view.recipients
    if not lines:
        return out + [Finding(
            "layout.recipients", "error", Where("recipients"), "danh sách nơi nhận trống",
            "ghi mỗi nơi nhận một dòng “- …;” và dòng cuối “- Lưu: VT, ….”",
        )]
    archives = [number for number, line in enumerate(lines, start=1) if _ARCHIVE.match(line)]
    for number, line in enumerate(lines, start=1):
        if number in archives:
            continue  # the "Lưu" line ends with "." (below), never ";"
        if number < len(lines) and not (line.startswith("- ") and line.endswith(";")):
            out.append(Finding(
                "layout.recipient_line", "warning", Where("recipients", None, number, excerpt(line)),
                "dòng nơi nhận phải bắt đầu bằng “- ” và kết thúc bằng “;”", f"viết “- {line.strip('-–;.,  ')};”",
            ))
    number = archives[-1] if archives else len(lines)
    archive = lines[number - 1]
    if not re.match(r"^- Lưu\s*:\s*VT\b.*\.$", archive):
        what = f"dòng “{archive}” không đúng dạng “- Lưu: VT, ….”" if archives else \
            f"dòng cuối của nơi nhận “{archive}” không phải dòng “- Lưu: VT, ….”"
        out.append(Finding(
            "layout.archive_line", "error", Where("recipients", None, number, excerpt(archive)), what,
            "dòng cuối ghi “- Lưu: VT, <đơn vị soạn thảo>.” (chữ “Lưu” có dấu hai chấm, kết thúc bằng dấu chấm)",
        ))
    if archives and archives[-1] != len(lines):
        out.append(Finding(
            "layout.archive_line", "warning", Where("recipients", None, number, excerpt(archive)),
            "dòng “Lưu” không ở cuối danh sách nơi nhận", "chuyển dòng “- Lưu: VT, ….” xuống cuối danh sách",
        ))
    return out


def check_signer(view: CheckedDocument) -> list[Finding]:
    out = []
    lines = view.authority
    if not lines and not view.signer_name:
        return [Finding(
            "layout.signer", "error", Where("signer"), "không thấy thẩm quyền ký và họ tên người ký",
            "ghi thẩm quyền ký (vd. TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH) và họ tên người ký ở góc dưới bên phải",
        )]
    problems = {problem.line: problem for problem in authority_problems(lines)}
    for number, line in enumerate(lines, start=1):
        where = Where("signer", None, number, excerpt(line))
        if number in problems:
            out.append(Finding("layout.signer_prefix", "error", where, problems[number].message, problems[number].hint))
        if line != line.upper():
            out.append(Finding("layout.signer", "warning", where, "thẩm quyền ký chưa viết in hoa",
                               f"viết “{line.upper()}”"))
    name = view.signer_name or ""
    if not name:
        out.append(Finding("layout.signer", "error", Where("signer"), "thiếu họ tên người ký",
                           "ghi họ tên người ký dưới chỗ ký và đóng dấu"))
    elif SIGNER_TITLES.match(name):
        out.append(Finding(
            "layout.signer_name", "error", Where("signer", None, len(lines) + 1, excerpt(name)),
            f"họ tên người ký “{name}” có học hàm, học vị hoặc danh xưng",
            "chỉ ghi họ và tên, không ghi ông/bà, học hàm, học vị, cấp bậc",
        ))
    return out


# --- appendix and body end ---------------------------------------------------------------------------


def check_appendix_headings(view: CheckedDocument) -> list[Finding]:
    """Each appendix names the document it is attached to, by that
    document's type (an appendix issued alone: any registered type)."""
    out = []
    doc_type = view.doc_type or doctypes.get(None)
    expected = [view.doc_type] if view.doc_type else list(doctypes.ALL.values())
    prefix = doc_type.attached_prefix
    full = f"{prefix} …/{doc_type.symbol_pattern} ngày … tháng … năm … của …)"
    for appendix in view.appendices:
        where = appendix.where(appendix.label)
        if appendix.reference is None:
            out.append(Finding(
                "layout.appendix_reference", "error", where, f"phụ lục thiếu dòng “{prefix} …)”",
                f"thêm dưới tên phụ lục, in nghiêng: “{full}”",
            ))
        elif not any(fold(appendix.reference).startswith(fold(t.attached_prefix)) for t in expected):
            out.append(Finding(
                "layout.appendix_reference", "warning", appendix.where(appendix.reference),
                f"dòng tham chiếu của phụ lục không bắt đầu bằng “{prefix}”",
                f"viết “{full}”",
            ))
        if not appendix.title:
            out.append(Finding("layout.appendix_title", "error", where, "phụ lục thiếu tên",
                               "ghi tên phụ lục (chữ in hoa, đậm) dưới chữ “PHỤ LỤC”"))
    return out


def check_body_end(view: CheckedDocument) -> list[Finding]:
    texts: list[Para] = [p for p in view.body if p.text.strip() and not p.heading]
    if not texts or texts[-1].text.rstrip().endswith("./."):
        return []
    last = texts[-1]
    return [Finding(
        "layout.body_end", "warning", last.where(len(last.text)), "nội dung không kết thúc bằng “./.”",
        "thêm “./.” sau câu cuối của phần nội dung",
    )]
