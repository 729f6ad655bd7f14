"""The checks of a type's own rules (nd30-types.md), by the names the types
give (``DocumentType.checks``): a Công văn's V/v, the "Kính gửi" block, a
decision's articles, a Giấy mời's time and place. Each reads the view, so it
holds for a plan and for a .docx alike (a .docx is checked by the type it
prints: its title line, else its symbol).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Callable

from ..document.context import ADDRESSEE_LABEL, MEETING_LABELS
from ..vietnamese import dates
from .consistency import _issued_on
from .document import CheckedDocument, Para
from .findings import Finding, Where, excerpt
from .parsing import fold


def check_letter_subject(view: CheckedDocument) -> list[Finding]:
    """ô 5b: a Công văn's subject "V/v …" under its number, one short line
    of what the letter is about."""
    doc_type = view.doc_type
    prefix = doc_type.subject_prefix.strip()
    subject = view.subject.strip()
    about = subject[len(prefix):].strip() if subject.startswith(prefix) else ""
    if not about:
        return [Finding(
            "type.letter_subject", "error", Where("subject"),
            f"{doc_type.noun} thiếu trích yếu “{prefix} …” dưới số, ký hiệu",
            f"ghi “{prefix} <nội dung {doc_type.noun}>” dưới dòng số, ký hiệu, vd. “{prefix} báo cáo số liệu đợt cao điểm”",
        )]
    words = len(about.split())
    if doc_type.subject_limit and words > doc_type.subject_limit:
        return [Finding(
            "type.letter_subject", "warning", Where("subject", None, None, excerpt(subject)),
            f"trích yếu “{prefix} …” dài {words} chữ (nên không quá {doc_type.subject_limit})",
            f"viết ngắn gọn việc {doc_type.noun} đề cập; nội dung chi tiết để ở thân {doc_type.noun}",
        )]
    return []


def check_addressees(view: CheckedDocument) -> list[Finding]:
    """ô 9a, "Kính gửi": required where the type requires it; one recipient
    on the label's line, several as dash lines each ending ";" and the last
    "." (nd30-types.md, 5.7)."""
    doc_type = view.doc_type
    lines = view.addressees
    if not lines:
        if doc_type.addressees == "required":
            return [Finding(
                "type.addressees", "error", Where("addressees"), f"{doc_type.noun} thiếu phần “{ADDRESSEE_LABEL}”",
                f"ghi “{ADDRESSEE_LABEL}” và cơ quan, đơn vị phải xử lý {doc_type.noun} dưới phần đầu",
            )]
        return []
    out = []
    label = lines[0]
    items = lines[1:]
    named = label[len(ADDRESSEE_LABEL):].strip() if fold(label).startswith(fold(ADDRESSEE_LABEL)) else label
    if items and named:
        out.append(Finding(
            "type.addressees", "warning", Where("addressees", None, 1, excerpt(label)),
            "có nhiều nơi nhận nhưng dòng “Kính gửi:” còn ghi thêm tên",
            "để “Kính gửi:” một mình, mỗi nơi nhận một dòng “- …;” bên dưới",
        ))
    if not items:
        if named.endswith((";", ".", ",")):
            out.append(Finding(
                "type.addressee_punctuation", "warning", Where("addressees", None, 1, excerpt(label)),
                "một nơi nhận ghi cùng dòng “Kính gửi:” thì không có dấu ở cuối",
                f"viết “{ADDRESSEE_LABEL} {named.rstrip(';.,').strip()}”",
            ))
        return out
    for number, line in enumerate(items, start=2):
        last = number == len(lines)
        end = "." if last else ";"
        name = line.lstrip("-–•+ ").rstrip(";.,").strip()
        if not (line.startswith("- ") and line.endswith(end)) or line.rstrip(";.,").endswith((";", ".", ",")):
            out.append(Finding(
                "type.addressee_punctuation", "warning", Where("addressees", None, number, excerpt(line)),
                f"dòng “Kính gửi” phải bắt đầu bằng “- ” và kết thúc bằng “{end}”"
                + (" (dòng cuối)" if last else ""),
                f"viết “- {name}{end}”",
            ))
    return out


_ARTICLE = re.compile(r"^Điều\s+(\d+)\s*\.")
_AS_ARTICLE = re.compile(r"^-?\s*Như\s+Điều\s+(\d+)", re.IGNORECASE)


def check_articles(view: CheckedDocument) -> list[Finding]:
    """A decision's articles: "Điều 1.", "Điều 2." … in order; one of them
    names who executes it ("… chịu trách nhiệm thi hành Quyết định này"),
    by the type's words; the last ends "./."; a recipient "Như Điều N"
    names an article the decision has; "QUYẾT ĐỊNH:" stands before them."""
    doc_type = view.doc_type
    articles: list[tuple[int, Para]] = []
    for para in view.body:
        match = _ARTICLE.match(para.shown.strip()) if para.part == "article" and para.index == 0 else None
        if match:
            articles.append((int(match.group(1)), para))
    if not articles:
        return [Finding(
            "type.articles", "error", Where("document"), f"{doc_type.noun} không có điều nào (“Điều 1. …”)",
            f"ghi nội dung {doc_type.noun} thành các điều: “Điều 1. …”, “Điều 2. …”, điều cuối ghi trách nhiệm thi hành",
        )]
    out = []
    if doc_type.decision_line and view.decision_line is None:
        out.append(Finding(
            "type.decision_line", "error", articles[0][1].where(),
            f"thiếu dòng “{doc_type.decision_line}” trước các điều",
            f"ghi “{doc_type.decision_line}” (chữ in hoa, đậm, căn giữa) sau phần căn cứ",
        ))
    for position, (number, para) in enumerate(articles, start=1):
        if number != position:
            out.append(Finding(
                "type.article_numbering", "error", para.where(),
                f"điều số {number} không đúng thứ tự: đây là điều thứ {position}",
                f"đánh lại thành “Điều {position}.” (và các điều sau nó)",
            ))
    texts = {number: " ".join(p.text for p in view.body if p.part == "article" and p.section == str(number))
             for number, _ in articles}
    words = [fold(word) for word in doc_type.executing_words]
    executing = [number for number, text in texts.items() if any(word in fold(text) for word in words)]
    if words and not executing:
        out.append(Finding(
            "type.executing_article", "error", articles[-1][1].where(),
            f"không có điều nào giao trách nhiệm thi hành (“… chịu trách nhiệm {doc_type.executing_words[0]}”)",
            f"điều cuối ghi các cơ quan, đơn vị, cá nhân “chịu trách nhiệm {doc_type.executing_words[0]}./.”",
        ))
    last = [p for p in view.body if p.part == "article"][-1]
    if not last.text.rstrip().endswith("./."):
        out.append(Finding(
            "type.articles_end", "warning", last.where(len(last.text)), "điều cuối không kết thúc bằng “./.”",
            "thêm “./.” sau câu cuối của điều cuối",
        ))
    numbers = {number for number, _ in articles}
    for line_number, line in enumerate(view.recipients, start=1):
        match = _AS_ARTICLE.match(line.strip())
        if match and int(match.group(1)) not in numbers:
            out.append(Finding(
                "type.as_article", "error", Where("recipients", None, line_number, excerpt(line)),
                f"nơi nhận “Như Điều {match.group(1)}” nhưng {doc_type.noun} không có Điều {match.group(1)}",
                f"ghi “- Như Điều {executing[-1] if executing else max(numbers)};” (điều giao trách nhiệm thi hành)",
            ))
    return out


def _meeting_line(view: CheckedDocument, field: str) -> Para | None:
    label = fold(MEETING_LABELS[field])
    return next((p for p in view.body if fold(p.text.strip()).startswith(label)), None)


_LONG_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")


def _meeting_date(text: str) -> dt.date | None:
    short = re.search(dates.SHORT_DATE_PATTERN, text)
    try:
        if short:
            return dates.read_date(short.group())
        long = _LONG_DATE.search(text)
        return dt.date(int(long.group(3)), int(long.group(2)), int(long.group(1))) if long else None
    except ValueError:
        return None


def check_meeting(view: CheckedDocument) -> list[Finding]:
    """A Giấy mời says when and where (Mẫu 1.7): "Thời gian: …" with a day
    not before the issue date, "Địa điểm: …"."""
    out = []
    for field, what in (("time", "thời gian"), ("place", "địa điểm")):
        para = _meeting_line(view, field)
        said = para.text.strip()[len(MEETING_LABELS[field]):].strip(" .…") if para else ""
        if not said:
            out.append(Finding(
                f"type.meeting_{field}", "error", para.where() if para else Where("opening"),
                f"{view.doc_type.noun} chưa ghi {what}", f"ghi “{MEETING_LABELS[field]} …” đầy đủ"
                + (" (giờ, thứ, ngày)" if field == "time" else ""),
            ))
    time = _meeting_line(view, "time")
    held = _meeting_date(time.text) if time else None
    issued = _issued_on(view)
    if time and held is None and "…" not in time.text:
        out.append(Finding("type.meeting_time", "error", time.where(), "thời gian họp không ghi ngày",
                           f"ghi ngày họp, vd. “{MEETING_LABELS['time']} 07 giờ 30 phút, thứ Bảy, ngày 15/3/2025”"))
    if held and issued and held < issued:
        out.append(Finding(
            "type.meeting_before_issue", "error", time.where(),
            f"ngày họp {dates.short_date(held)} trước ngày ban hành {view.doc_type.noun} ({dates.short_date(issued)})",
            f"kiểm tra lại ngày họp hoặc ngày ban hành ({view.doc_type.noun} phải gửi trước ngày họp)",
        ))
    return out


# The checks a type names in ``DocumentType.checks``.
TYPE_CHECKS: dict[str, Callable[[CheckedDocument], list[Finding]]] = {
    "letter_subject": check_letter_subject,
    "addressees": check_addressees,
    "articles": check_articles,
    "meeting": check_meeting,
}


def check_type(view: CheckedDocument) -> list[Finding]:
    """The findings of the view's type's own checks (none for a document of
    no known type)."""
    if view.doc_type is None or view.appendix_only:
        return []
    return [finding for name in view.doc_type.checks for finding in TYPE_CHECKS[name](view)]
