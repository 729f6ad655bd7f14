"""Consistency of what a plan says: the campaign's length and dates, the
title against the body, deadlines against the campaign, figures in the body
against the appendix, percentages, section numbering, units given tasks
against the recipients, and the recipients' punctuation.

Runs on a :class:`~.document.CheckedDocument`, so on a plan and on any .docx.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from fractions import Fraction

from ..base.memo import short_text_cache
from ..vietnamese import dates, vn
from ..importing.structure.divisions import ordinal as division_ordinal
from .document import AppendixView, CheckedDocument, Para
from .findings import Finding, Where, excerpt
from .parsing import (
    DateRange,
    date_ranges,
    declared_days,
    deadlines,
    figures,
    fold,
    long_date,
    parse_figure,
    ratio_after,
)

REPORT_WORDS = ("báo cáo", "tổng kết", "sơ kết", "tổng hợp")
GROWTH_WORDS = ("tăng", "vượt", "gấp", "hơn")
WINDOW = 8  # words before a figure that may name what it counts


def check_consistency(view: CheckedDocument) -> list[Finding]:
    findings: list[Finding] = []
    findings += check_section_numbering(view)
    findings += check_item_numbering(view)
    findings += check_campaign(view)
    findings += check_figures_against_appendix(view)
    findings += check_percentages(view)
    findings += check_appendix_tables(view)
    findings += check_appendix_mentioned(view)
    findings += check_units_in_recipients(view)
    findings += check_recipient_punctuation(view)
    return findings


def _fmt(value: Decimal) -> str:
    return vn.format_number(value, max(0, -value.normalize().as_tuple().exponent))


# --- numbering -------------------------------------------------------------------------------


def check_section_numbering(view: CheckedDocument) -> list[Finding]:
    out = []
    seen: set[int] = set()
    for position, heading in enumerate(view.sections, start=1):
        value = division_ordinal(heading.section or "")  # "IV", "Phần thứ hai", "B": as the document marks them
        expected = vn.roman(position)
        if value == position:
            seen.add(value)
            continue
        if value in seen:
            code, what = "consistency.section_repeated", f"số mục {heading.section} bị lặp lại"
        elif value is not None and value > position:
            code, what = "consistency.section_skipped", f"số mục nhảy từ {vn.roman(position - 1) if position > 1 else '(đầu)'} sang {heading.section}"
        else:
            code, what = "consistency.section_order", f"số mục {heading.section} sai thứ tự"
        out.append(Finding(
            code, "error", heading.where(),
            f"{what}: đây là mục thứ {position}", f"đánh lại số mục này thành {expected} (và các mục sau nó)",
        ))
        if value:
            seen.add(value)
    return out


def check_item_numbering(view: CheckedDocument) -> list[Finding]:
    """Arabic numbers (``1.``, ``2.``) inside each section run 1, 2, 3…"""
    out = []
    last = 0
    for para in view.body:
        if para.heading:
            last = 0
            continue
        if para.part != "section":
            continue
        match = re.match(r"^(\d{1,2})\.\s", para.text)
        if not match:
            continue
        value = int(match.group(1))
        if value != last + 1:
            what = "bị lặp lại" if value <= last else f"nhảy từ {last} sang {value}"
            out.append(Finding(
                "consistency.item_numbering", "warning", para.where(),
                f"số thứ tự {value}. trong mục {para.section} {what}", f"đánh lại thành {last + 1}.",
            ))
        last = value
    return out


# --- campaign, dates, deadlines ------------------------------------------------------------------


def _main_range(view: CheckedDocument) -> tuple[DateRange | None, Where | None, Para | None]:
    """The campaign's dates as the plan prints them: in the title, else in
    the body's "Thời gian" paragraph (or the one after a "Thời gian" heading)."""
    ranges = date_ranges(view.subject)
    if ranges:
        return ranges[0], Where("subject", None, None, excerpt(view.subject, ranges[0].at)), None
    previous = ""
    for para in view.body:
        found = date_ranges(para.text)
        if found and ("thời gian" in fold(para.text) or "thời gian" in fold(previous)):
            return found[0], para.where(found[0].at), para
        previous = para.text
    return None, None, None


def check_campaign(view: CheckedDocument) -> list[Finding]:
    out = []
    days = declared_days(view.subject)
    declared = days[0] if days else view.campaign_days
    main, where, main_para = _main_range(view)
    if main is None and view.campaign_start and view.campaign_end:
        main = DateRange(view.campaign_start, view.campaign_end, 0, "")
        where = Where("document", None, None, "thời gian của đợt (dữ liệu văn bản)")
    if declared and main and main.days != declared:
        last = main.start + dt.timedelta(days=declared - 1)
        out.append(Finding(
            "consistency.campaign_length", "warning", where,
            f"đợt “{declared} ngày, đêm” nhưng từ {dates.short_date(main.start)} đến {dates.short_date(main.end)} "
            f"là {main.days} ngày",
            f"sửa số ngày hoặc ngày kết thúc cho khớp (bắt đầu {dates.short_date(main.start)} thì "
            f"{declared} ngày kết thúc ngày {dates.short_date(last)})",
        ))
    title = date_ranges(view.subject)
    if title:
        title_range = title[0]
        for para in view.body:
            for found in date_ranges(para.text):
                same = (found.start, found.end) == (title_range.start, title_range.end)
                related = found.start == title_range.start or found.end == title_range.end or \
                    "thời gian" in fold(para.text)
                if not same and related:
                    out.append(Finding(
                        "consistency.title_dates", "error", para.where(found.at),
                        f"trích yếu ghi từ {dates.short_date(title_range.start)} đến {dates.short_date(title_range.end)}, "
                        f"đoạn này ghi từ {dates.short_date(found.start)} đến {dates.short_date(found.end)}",
                        "thống nhất thời gian thực hiện ở trích yếu và trong nội dung",
                    ))
    start = main.start if main else view.campaign_start
    end = main.end if main else view.campaign_end
    out += _campaign_before_issue(view, end, where)
    for para in view.body:
        for deadline in deadlines(para.text):
            shown = dates.short_date(deadline.date)
            if start and deadline.date < start:
                out.append(Finding(
                    "consistency.deadline_before_start", "warning", para.where(deadline.at),
                    f"hạn “{deadline.text}” trước ngày bắt đầu đợt ({dates.short_date(start)})",
                    "kiểm tra lại hạn: không thể yêu cầu hoàn thành trước khi đợt bắt đầu",
                ))
            elif end and deadline.date > end and not any(w in fold(para.text) for w in REPORT_WORDS):
                out.append(Finding(
                    "consistency.deadline_after_end", "warning", para.where(deadline.at),
                    f"hạn “{deadline.text}” sau ngày kết thúc đợt ({dates.short_date(end)})",
                    f"kiểm tra lại hạn {shown}: nhiệm vụ của đợt phải xong trong thời gian của đợt",
                ))
    return out


def _issued_on(view: CheckedDocument) -> dt.date | None:
    """The issue date of the date line; a draft's blank day counts as the
    first of its month (the earliest it can be issued)."""
    written = long_date(view.date_line or "")
    if written is None or not written.month.strip().isdigit():
        return None
    day = int(written.day) if written.day.strip().isdigit() else 1
    try:
        return dt.date(written.year, int(written.month), day)
    except ValueError:
        return None  # the date line's own check reports it


def _campaign_before_issue(view: CheckedDocument, end: dt.date | None, where: Where | None) -> list[Finding]:
    """A campaign that is over before the plan is issued: most often last
    year's plan copied with a new date line and the old campaign dates."""
    if view.doc_type is not None and not view.doc_type.looks_ahead:
        return []
    issued = _issued_on(view)
    if not (issued and end and end < issued):
        return []
    return [Finding(
        "consistency.campaign_before_issue", "warning", where or Where("document", None, None, ""),
        f"đợt kết thúc ngày {dates.short_date(end)}, trước ngày ban hành ({dates.short_date(issued)})",
        "kiểm tra lại thời gian của đợt (văn bản năm trước chép lại?) hoặc ngày ban hành",
    )]


# --- figures ---------------------------------------------------------------------------------------

_STOP = {"các", "và", "có", "của", "trên", "đã", "số", "thực", "hiện", "mức", "tổng", "cộng"}


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def _key_words(title: str) -> set[str]:
    return {w for w in _words(title) if w not in _STOP and not w.isdigit()}


def _column_totals(appendix: AppendixView) -> list[tuple[str, Decimal, bool]]:
    """(column title, total, is a percentage) of every figure in the total row."""
    out = []
    for title, cell in zip(appendix.headers, appendix.total or []):
        try:
            value, _ = parse_figure(cell)
        except ValueError:
            continue
        out.append((title, value, cell.strip().endswith("%")))
    return out


def _body_with_subject(view: CheckedDocument) -> list[tuple[str, Where | None, Para | None]]:
    items: list[tuple[str, Where | None, Para | None]] = [(view.subject, None, None)]
    return items + [(p.text, None, p) for p in view.body]


def check_figures_against_appendix(view: CheckedDocument) -> list[Finding]:
    out = []
    for appendix in view.appendices:
        totals = _column_totals(appendix)
        if not totals:
            continue
        all_totals = {value for _, value, _ in totals}
        for text, _, para in _body_with_subject(view):
            mentions_appendix = "phụ lục" in fold(text)
            for figure in figures(text):
                if figure.value in all_totals or (not figure.percent and figure.value < 100):
                    continue
                before = set(_words(text[:figure.start])[-WINDOW:])
                for title, total, percent in totals:
                    if percent != figure.percent:
                        continue
                    keys = _key_words(title)
                    named = len(keys) >= 2 and keys <= before
                    close = (mentions_appendix and not percent and total >= 1000
                             and abs(figure.value - total) <= total * Decimal("0.02"))
                    if named or close:
                        where = para.where(figure.start) if para else Where("subject", None, None, excerpt(text, figure.start))
                        shown_total = _fmt(total) + ("%" if percent else "")
                        out.append(Finding(
                            "consistency.figure_mismatch", "error", where,
                            f"nội dung ghi {figure.text}{'%' if percent else ''} ({title.lower()}), "
                            f"nhưng dòng tổng của {appendix.label.lower()} là {shown_total}",
                            "thống nhất số liệu: sửa nội dung hoặc số liệu phụ lục để cùng là một con số",
                        ))
                        break
    return out


def check_percentages(view: CheckedDocument) -> list[Finding]:
    out = []
    for text, _, para in _body_with_subject(view):
        for figure in figures(text):
            if not figure.percent:
                continue
            where = para.where(figure.start) if para else Where("subject", None, None, excerpt(text, figure.start))
            shown = figure.text + "%"
            if figure.decimal_point:
                out.append(Finding(
                    "consistency.decimal_point", "warning", where,
                    f"“{shown}” dùng dấu chấm thập phân", f"viết “{figure.text.replace('.', ',')}%” (dấu phẩy thập phân)",
                ))
            before = _words(text[:figure.start])[-4:]
            if figure.value > 100 and not any(w in GROWTH_WORDS for w in before):
                out.append(Finding(
                    "consistency.percent_over_100", "error", where, f"tỷ lệ {shown} lớn hơn 100%",
                    "kiểm tra lại số liệu: một tỷ lệ hoàn thành không vượt quá 100%",
                ))
            ratio = ratio_after(text, figure.end)
            if ratio and ratio[1]:
                numerator, denominator = ratio
                computed = vn.format_percent(Fraction(int(numerator), int(denominator)), figure.decimals)
                if parse_figure(computed)[0] != figure.value:
                    out.append(Finding(
                        "consistency.percent_mismatch", "warning", where,
                        f"ghi {shown} nhưng {_fmt(numerator)}/{_fmt(denominator)} = {computed}",
                        f"sửa tỷ lệ thành {computed} hoặc sửa lại số liệu",
                    ))
    return out


_NOT_SUMMED = ("tỷ lệ", "%", "trong ngày", "bình quân", "trung bình", "mỗi ngày", "stt")


def check_appendix_tables(view: CheckedDocument) -> list[Finding]:
    """Inside an appendix: the total row adds up, no decimal points, no
    share above 100%."""
    out = []
    for appendix in view.appendices:
        points = [cell for row in appendix.rows + [appendix.total or []] for cell in row
                  if re.fullmatch(r"\d+\.\d{1,2}\s?%", cell.strip())]
        if points:
            out.append(Finding(
                "consistency.decimal_point", "warning", appendix.where(points[0]),
                f"{len(points)} ô tỷ lệ dùng dấu chấm thập phân (vd. “{points[0]}”)",
                "dùng dấu phẩy thập phân: “76,62%”",
            ))
        shares = _share_columns(appendix)
        over = [row[column] for row in appendix.rows for column in shares
                if column < len(row) and row[column].strip().endswith("%")
                and _value(row[column]) is not None and _value(row[column]) > 100]
        if over:
            out.append(Finding(
                "consistency.percent_over_100", "error", appendix.where(over[0]),
                f"{len(over)} ô tỷ lệ lớn hơn 100% (vd. “{over[0]}”)", "kiểm tra lại số liệu của các ô này",
            ))
        out += _negative_cells(appendix)
        if not appendix.total:
            continue
        for column, title in enumerate(appendix.headers):
            if any(word in fold(title) for word in _NOT_SUMMED):
                continue
            total = _value(appendix.total[column]) if column < len(appendix.total) else None
            cells = [_value(row[column]) for row in appendix.rows if column < len(row)]
            if total is None or not cells or any(c is None for c in cells):
                continue
            if sum(cells) != total:
                out.append(Finding(
                    "consistency.appendix_total", "error", appendix.where(appendix.total[column]),
                    f"cột “{title}”: dòng tổng ghi {appendix.total[column]}, cộng các dòng được {_fmt(sum(cells))}",
                    "sửa dòng tổng hoặc số liệu các dòng cho khớp",
                ))
    return out


_NEGATIVE = re.compile(r"\s*[-−–]\s*(\d[\d.,]*)\s*%?\s*")


# A rate of achievement ("Tỷ lệ đạt", "% so với chỉ tiêu", "hoàn thành") may pass 100%
# when a unit does more than its target; a share ("Tỷ lệ % công dân đã kích hoạt") may not.
_ACHIEVEMENT = re.compile(r"\b(?:đạt|so với|hoàn thành|vượt)\b")


def _share_columns(appendix: AppendixView) -> list[int]:
    return [column for column, title in enumerate(appendix.headers)
            if not _ACHIEVEMENT.search(title.lower())]


def _negative_cells(appendix: AppendixView) -> list[Finding]:
    """A count below zero (``-1.234`` in "Chỉ tiêu còn lại") means a unit
    did more than its target, or a figure was typed in the wrong column:
    one warning per column, naming the first such cell."""
    out = []
    for column, title in enumerate(appendix.headers):
        cells = [row[column] for row in appendix.rows + [appendix.total or []]
                 if column < len(row) and _NEGATIVE.fullmatch(row[column])
                 and _value(_NEGATIVE.fullmatch(row[column]).group(1)) is not None]
        if cells:
            out.append(Finding(
                "consistency.negative_figure", "warning", appendix.where(cells[0]),
                f"cột “{title}”: {len(cells)} ô là số âm (vd. “{cells[0].strip()}”)",
                "số đã thực hiện vượt chỉ tiêu hoặc số liệu nhập nhầm cột: kiểm tra lại, "
                "ghi 0 nếu đã hoàn thành",
            ))
    return out


def _value(cell: str) -> Decimal | None:
    try:
        return parse_figure(cell)[0]
    except ValueError:
        return None


def check_appendix_mentioned(view: CheckedDocument) -> list[Finding]:
    mentions = [p for p in view.body if "phụ lục" in fold(p.text)]
    if mentions and not view.appendices:
        para = mentions[0]
        return [Finding(
            "consistency.appendix_missing", "warning", para.where(fold(para.text).find("phụ lục")),
            "nội dung nhắc đến phụ lục nhưng văn bản không có phụ lục",
            "thêm phụ lục (sau phần ký, trang riêng) hoặc bỏ câu nhắc đến phụ lục",
        )]
    if view.appendices and view.body and not mentions:  # an appendix alone has no body
        return [Finding(
            "consistency.appendix_not_mentioned", "warning", view.appendices[0].where(),
            "có phụ lục nhưng nội dung không nhắc đến", "ghi trong nội dung “(có Phụ lục … kèm theo)”",
        )]
    return []


# --- units and recipients -------------------------------------------------------------------------

_ABBREVIATIONS = [
    (r"\bubmttq\s*vn\b", "ủy ban mặt trận tổ quốc việt nam"),
    (r"\bubmttqvn\b", "ủy ban mặt trận tổ quốc việt nam"),
    (r"\bubmttq\b", "ủy ban mặt trận tổ quốc"),
    (r"\bmttqvn\b", "mặt trận tổ quốc việt nam"),
    (r"\bmttq\b", "mặt trận tổ quốc"),
    (r"\bubnd\b", "ủy ban nhân dân"),
    (r"\bhđnd\b", "hội đồng nhân dân"),
    (r"\bbch\b", "bộ chỉ huy"),
    (r"\bpt\s*-\s*th\b", "phát thanh truyền hình"),
    (r"\btt\b\.?", "thường trực"),
    (r"\bvp\b", "văn phòng"),
    (r"\bđvsn\b", "đơn vị sự nghiệp"),
    (r"\bbđh\b", "ban điều hành"),
    (r"\btu\b", "tỉnh ủy"),
    (r"\bhu\b", "huyện ủy"),
]
_TONES = {"uỷ": "ủy", "uý": "úy", "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "ð": "đ"}
_UNIT_STOP = {"các", "và", "có", "liên", "quan", "của", "trên", "địa", "bàn", "thuộc", "cấp", "đề", "nghị"}
# A recipient line naming a kind of body ("Các sở, ban, ngành tỉnh") stands
# for every unit of that kind: phrase in the recipient -> how such a unit's
# name starts (None: any unit).
_GENERIC = {
    "ngành": None,
    "cơ quan chuyên môn": ("phòng", "văn phòng", "sở"),
    "đơn vị sự nghiệp": ("trung tâm", "ban quản lý", "trường", "đài"),
    "đoàn thể": ("đoàn", "hội", "ủy ban mặt trận", "mặt trận", "tỉnh đoàn", "huyện đoàn"),
    "sở": ("sở",),
    "ban": ("ban",),
    "phòng": ("phòng",),
    "trường": ("trường",),
    "hội": ("hội",),
}


@short_text_cache  # the same recipients and units in every document of a batch
def _normalised(name: str) -> str:
    text = fold(name)
    for old, new in _TONES.items():
        text = text.replace(old, new)
    for pattern, expansion in _ABBREVIATIONS:
        text = re.sub(pattern, " " + expansion + " ", text)
    return " ".join(re.findall(r"\w+", text))


def _unit_words(name: str) -> set[str]:
    return {w for w in _normalised(name).split() if w not in _UNIT_STOP}


def _covered(unit: str, recipients: list[str]) -> bool:
    words = _unit_words(unit)
    if not words:
        return True
    unit_text = _normalised(unit).removeprefix("các ")
    for recipient in recipients:
        if len(words & _unit_words(recipient)) >= 0.75 * len(words):
            return True
        text = _normalised(recipient)
        if not text.startswith("các"):
            continue
        for phrase, starts in _GENERIC.items():
            if re.search(rf"\b{phrase}\b", text) and (starts is None or unit_text.startswith(starts)):
                return True
    return False


def _articles_named(view: CheckedDocument, recipients: list[str]) -> list[str]:
    """A decision's "- Như Điều 3;" sends it to those its article 3 names:
    the article's text, as one more recipient line."""
    out = []
    for recipient in recipients:
        match = re.match(r"Như\s+Điều\s+(\d+)\b", recipient, re.IGNORECASE)
        if match:
            out += [para.text for para in view.body if re.match(rf"Điều\s+{match.group(1)}\.", para.text)]
    return [part.strip() for text in out for part in re.split(r"[,;]|\bvà\b", text) if part.strip()]


def check_units_in_recipients(view: CheckedDocument) -> list[Finding]:
    if not view.recipients:
        return []
    names = [line.strip("-–;. ") for line in view.recipients[:-1]]
    names += _articles_named(view, names)
    out = []
    for unit in view.units:
        if not _covered(unit.name, names):
            out.append(Finding(
                "consistency.unit_not_recipient", "warning", unit.para.where(),
                f"“{unit.name}” được giao nhiệm vụ nhưng không có trong Nơi nhận",
                f"thêm “- {unit.name};” vào Nơi nhận (hoặc một dòng chung bao gồm đơn vị này)",
            ))
    return out


def check_recipient_punctuation(view: CheckedDocument) -> list[Finding]:
    out = []
    lines = view.recipients
    for number, line in enumerate(lines[:-1], start=1):
        body = line.strip().removeprefix("-").strip().rstrip(";").strip()
        where = Where("recipients", None, number, excerpt(line))
        if ";" in body:
            out.append(Finding(
                "consistency.recipient_punctuation", "warning", where, "hai nơi nhận trên cùng một dòng",
                "mỗi nơi nhận một dòng riêng “- …;”",
            ))
        if re.search(r"\bCác\s*,", body):
            fixed = re.sub(r"Các\s*,\s*", "Các ", body)
            out.append(Finding(
                "consistency.recipient_punctuation", "warning", where, "dấu phẩy thừa sau chữ “Các”",
                f"viết “{fixed}”",
            ))
        if re.search(r"[.,:]$", body):
            out.append(Finding(
                "consistency.recipient_punctuation", "warning", where, f"dòng nơi nhận kết thúc bằng “{body[-1]}” trước dấu “;”",
                "bỏ dấu câu thừa, kết thúc bằng “;”",
            ))
    if lines:
        last = lines[-1]
        match = re.match(r"^-\s*Lưu\s*:?\s*(.*?)\.?$", last.strip())
        if match:
            archive = match.group(1)
            problems = []
            if re.search(r",\S", archive):
                problems.append("thiếu dấu cách sau dấu phẩy")
            odd = sorted(set(re.sub(r"[\w\s.,()/\-–]", "", archive)))
            if odd:
                problems.append("có ký tự lạ " + " ".join(f"“{c}”" for c in odd))
            if problems:
                out.append(Finding(
                    "consistency.archive_line", "warning", Where("recipients", None, len(lines), excerpt(last)),
                    "dòng “Lưu” " + "; ".join(problems), "viết “- Lưu: VT, <đơn vị soạn thảo>.”, vd. “- Lưu: VT, CA.”",
                ))
    return out
