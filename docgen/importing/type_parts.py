"""The parts of a document that depend on its type, read back from its
lines (issue 23): which type it is when no title line says so (a Công văn:
"V/v …" under the number, a symbol without a type code), "Kính gửi", a
Giấy mời's meeting lines, a decision's authority line, bases, articles and
the text it issues, and the citation "Thực hiện <loại> số … của …" the
document opens with. Everything is read by the registry's data
(docgen.doctypes) and the words the layouts print
(docgen.document.context), so a type the registry adds is read the same way.

The parser (:mod:`docgen.importing.parse`) calls these at four points: the
header (:func:`letter_header`), after the subject (:func:`take_addressees`,
:func:`split_attached`), before the body (:func:`take_body_parts`) and at
the end (:func:`read_attached`). It is the one place of the importer that
knows these parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import doctypes
from ..document.context import ADDRESSEE_LABEL, MEETING_LABELS
from ..plan.model import DocumentReference
from ..plan.references import UBND, implementing_sentence
from ..sheets.table_reading import plain
from ..vietnamese import dates, vn
from .lines import Line, cut_spans, is_rule, letters_upper, markup

_NUMBER = re.compile(r"Số\s*:?\s*(?:\d+)?\s*/\s*(?P<symbol>[A-Za-zĐđ0-9]+(?:\s*-\s*[A-Za-zĐđ0-9]+)+)", re.IGNORECASE)
_DATE_LINE = re.compile(r"^[^,]{1,60},\s*ngày\b.*\bnăm\s+\d{4}\s*\.?$", re.IGNORECASE)
_ARTICLE = re.compile(r"^\s*Điều\s+(?P<number>\d+)\s*\.\s*")
_LABEL = re.compile(r"^(?P<label>\d+\.|[a-zđ]\)|\(\d+\))\s+")
_CITATION = re.compile(
    r"^Thực hiện (?P<type>.+?) số (?P<number>\d+|…)/(?P<symbol>\S+) ngày (?P<date>\S+) của (?P<issuer>.+?)"
    r"(?: về việc (?P<subject>.+?))?[.;]?$")


def symbol_case(symbol: str) -> str:
    """A symbol read back in its registered case: ``TTR-UBND`` -> ``TTr-UBND``
    (Appendix III mixes cases: TTr, QyĐ, CTr)."""
    first, dash, rest = symbol.partition("-")
    known = next((t.symbol_prefix for t in doctypes.ALL.values()
                  if t.symbol_prefix and t.symbol_prefix.casefold() == first.casefold()), None)
    return (known or first.upper()) + dash + rest.upper()


# --- the header of a document without a title line (a Công văn) ---------------------------


@dataclass
class LetterHeader:
    doc_type: doctypes.DocumentType
    end: int  # index of the first line after the header
    subject: str  # the V/v's text, without "V/v"
    subject_line: Line


def letter_header(lines: list) -> LetterHeader | None:
    """A header that holds "V/v …" under a number whose symbol names a type
    without a title line (a Công văn): that type, where the header ends (its
    date line) and the subject."""
    head = [line for line in lines[:16] if isinstance(line, Line)]
    letter_types = [t for t in doctypes.ALL.values() if not t.has_title and t.subject_prefix]
    for doc_type in letter_types:
        prefix = doc_type.subject_prefix.strip()
        subject = next((line for line in head if line.text.startswith(prefix + " ")), None)
        number = next((_NUMBER.search(line.text) for line in head if _NUMBER.search(line.text)), None)
        if subject is None or number is None:
            continue
        recognised = doctypes.recognise(None, re.sub(r"\s+", "", number.group("symbol")))
        if recognised is not doc_type:
            continue
        dated = [i for i, line in enumerate(lines[:16]) if isinstance(line, Line) and _DATE_LINE.match(line.text)]
        end = max(lines.index(subject), dated[0] if dated else 0) + 1
        return LetterHeader(doc_type, end, subject.markup()[len(prefix):].strip(), subject)
    return None


# --- Kính gửi --------------------------------------------------------------------------------


def take_addressees(parser, rest: list) -> list:
    """"Kính gửi: X" or "Kính gửi:" and its dash lines at the start of
    ``rest`` become the plan's addressees; the rest is returned."""
    at = 0
    while at < len(rest) and isinstance(rest[at], Line) and (is_rule(rest[at].text) or not rest[at].text.strip()):
        at += 1
    label = plain(ADDRESSEE_LABEL.rstrip(":"))
    if at >= len(rest) or not isinstance(rest[at], Line) or not plain(rest[at].text).startswith(label):
        return rest
    first = rest[at].text.split(":", 1)[1].strip() if ":" in rest[at].text else ""
    names = [first] if first else []
    at += 1
    while at < len(rest) and isinstance(rest[at], Line) and rest[at].text.startswith(("-", "–", "•")):
        names.append(rest[at].text.lstrip("-–• ").rstrip(";.,").strip())
        at += 1
    parser.data["addressees"] = [name.rstrip(";.,").strip() for name in names if name]
    return rest[at:]


# --- the text a decision issues -------------------------------------------------------------


def split_attached(parser, rest: list) -> tuple[list, list]:
    """The lines of a decision and those of the text it issues (Mẫu 1.3),
    which starts with the header again after the signature: ``(decision,
    attached)``; ``attached`` is empty for other documents."""
    if not parser.doc_type.attached:
        return rest, []
    footer = next((i for i, item in enumerate(rest) if isinstance(item, Line) and plain(item.text[:12])
                   .startswith("noi nhan")), None)
    if footer is None:
        return rest, []
    title = next((i for i in range(footer, len(rest)) if isinstance(rest[i], Line)
                  and (found := doctypes.for_title(rest[i].text)) is not None
                  and found.key in parser.doc_type.attached), None)
    if title is None:
        return rest, []
    start = title
    while start - 1 > footer and isinstance(rest[start - 1], Line) and _header_like(rest[start - 1].text):
        start -= 1
    return rest[:start], rest[start:]


def _header_like(text: str) -> bool:
    key = plain(text)
    return (letters_upper(text) or is_rule(text) or not key or key == "doc lap tu do hanh phuc"
            or key.startswith("cong hoa xa hoi chu nghia viet nam"))


def read_attached(parser, items: list) -> None:
    """The text a decision issues: its type (title line), subject, the
    "(Kèm theo … số …)" line (the decision's own citation: left), opening
    and sections."""
    if not items:
        return
    at = next(i for i, item in enumerate(items) if isinstance(item, Line) and doctypes.for_title(item.text))
    doc_type = doctypes.for_title(items[at].text)
    at += 1
    subject: list[Line] = []
    while at < len(items) and isinstance(items[at], Line):
        line = items[at]
        if plain(line.text).startswith("kem theo") or is_rule(line.text) or not line.text.strip():
            break
        subject.append(line)
        at += 1
    while at < len(items) and isinstance(items[at], Line) and (
            plain(items[at].text).startswith("kem theo") or is_rule(items[at].text) or not items[at].text.strip()):
        at += 1
    attached = {"type": doc_type.key, "subject": " ".join(line.markup() for line in subject) or "…"}
    if doc_type.section_style == "chapter":
        attached.update(_chapters([item for item in items[at:] if isinstance(item, Line)]))
    else:
        saved = {key: parser.data.pop(key) for key in ("opening", "sections") if key in parser.data}
        saved_texts, saved_sections = parser.opening_texts, parser.sections
        parser._body(items[at:])
        for key in ("opening", "sections"):
            if parser.data.get(key):
                attached[key] = parser.data[key]
        parser.data.update(saved)
        parser.opening_texts, parser.sections = saved_texts, saved_sections
    parser.data["attached"] = {key: value for key, value in attached.items() if value != []}


_CHAPTER = re.compile(r"^Chương\s+(?P<numeral>[IVXLC]+)\s*$")


def _chapters(lines: list[Line]) -> dict:
    """A Quy chế's body: "Chương I" and its title line, "Điều 1. <tên>" and
    the first plain paragraph under it (its text), the clauses "1.", "a)", "-"."""
    opening: list[str] = []
    sections: list[dict] = []
    article: dict | None = None
    at = 0
    while at < len(lines):
        line = lines[at]
        text = line.text.strip()
        at += 1
        if not text or is_rule(text):
            continue
        chapter = _CHAPTER.match(text)
        if chapter:
            title = lines[at].text.strip() if at < len(lines) else "…"
            at += 1
            sections.append({"title": vn.upper_vn(title), "blocks": []})
            article = None
            continue
        if not sections:
            opening.append(line.markup())
            continue
        blocks = sections[-1]["blocks"]
        numbered = _ARTICLE.match(text)
        if numbered:
            article = {"kind": "article", "title": text[numbered.end():].strip()}
            blocks.append(article)
            continue
        label = _LABEL.match(text)
        if label and label.group("label").endswith("."):
            blocks.append({"kind": "numbered", "text": text[label.end():]})
        elif label:
            blocks.append({"kind": "item", "label": label.group("label"), "text": text[label.end():]})
        elif text.startswith(("- ", "– ")):
            blocks.append({"kind": "bullet", "text": text[2:]})
        elif article is not None and blocks and blocks[-1] is article and "text" not in article:
            article["text"] = line.markup()
        else:
            blocks.append({"kind": "paragraph", "text": line.markup()})
    return {"opening": opening, "sections": sections}


# --- a decision's parts, a meeting's lines ------------------------------------------------------


def take_body_parts(parser, items: list) -> list:
    """The parts of the body that are not sections, by what the type has:
    a meeting's lines (a Giấy mời), a decision's authority line, bases and
    articles; the body left for the sections is returned. The first
    opening paragraph that is the printed citation of a document becomes
    the plan's reference."""
    doc_type = parser.doc_type
    if doc_type.has("meeting"):
        items = _take_meeting(parser, items)
    if doc_type.has("articles"):
        items = _take_decision(parser, items)
    else:
        _take_citation(parser, items)
    return items


def _take_citation(parser, items: list) -> None:
    """"Thực hiện Kế hoạch số 35/KH-UBND ngày 05/3/2025 của UBND xã … về
    việc …." printed from a reference becomes that reference again, when
    printing it gives back the same words."""
    first = next((item for item in items if isinstance(item, Line) and item.text.strip()), None)
    reference = _citation(first.text) if first is not None else None
    if reference is None:
        return
    parser.data["reference"] = reference
    parser.cited_line = first


def _citation(text: str) -> dict | None:
    match = _CITATION.match(text.strip())
    if not match:
        return None
    try:
        day = dates.read_date(match.group("date"))
    except ValueError:
        return None
    issuer = match.group("issuer")
    type_name = match.group("type")
    names = {t.name for t in doctypes.ALL.values()}
    if type_name not in names and (len(type_name.split()) > 4 or re.search(r"[\d;,]", type_name)):
        return None  # "Chỉ thị số 11-CT/TU …; Kế hoạch": a sentence that cites several documents
    if ";" in issuer or not re.fullmatch(r"[A-ZĐ0-9][A-ZĐa-zđ0-9]*(?:-[A-ZĐ0-9][A-ZĐa-zđ0-9]*)+", match.group("symbol")):
        return None
    if issuer.startswith("UBND "):
        issuer = UBND + issuer[len("UBND"):]
    subject = match.group("subject")
    data = {"type_name": match.group("type"), "symbol": match.group("symbol"),
            "date": {"year": day.year, "month": day.month, "day": day.day}, "issuer_name": issuer}
    if match.group("number") != "…":
        data["number"] = int(match.group("number"))
    if subject:
        data["subject"] = subject[:1].upper() + subject[1:]
    try:
        reference = DocumentReference.model_validate(data)
    except ValueError:
        return None
    return data if implementing_sentence(reference) == text.strip() else None


def _take_meeting(parser, items: list) -> list:
    """A Giấy mời's lines (Mẫu 1.7): "<cơ quan> trân trọng kính mời: …",
    "Tới dự: …", "Chủ trì: …", "Thời gian: …", "Địa điểm: …", "Thành
    phần: …", then the notes."""
    meeting: dict = {"notes": []}
    labels = {field: plain(label) for field, label in MEETING_LABELS.items()}
    for item in items:
        if not isinstance(item, Line) or not item.text.strip():
            continue
        key = plain(item.text)
        field = next((f for f, label in labels.items() if key.startswith(label)
                      or (f == "invitees" and label in key)), None)
        if field is None or field in meeting:
            meeting["notes"].append(item.markup())
            continue
        said = item.text.split(":", 1)[1].strip() if ":" in item.text else ""
        if field == "time":
            meeting.update(_meeting_time(said))
        elif said and said != "…":
            meeting[field] = said
    if not meeting["notes"]:
        del meeting["notes"]
    meeting.setdefault("invitees", "…")
    meeting.setdefault("event", "…")
    parser.data["meeting"] = meeting
    return []


_CLOCK = re.compile(r"(\d{1,2})\s*giờ\s*(\d{1,2})?\s*(?:phút)?")


def _meeting_time(text: str) -> dict:
    out = {}
    clock = _CLOCK.search(text)
    if clock:
        out["time"] = f"{int(clock.group(1)):02d}:{int(clock.group(2) or 0):02d}"
    day = re.search(dates.SHORT_DATE_PATTERN, text)
    if day:
        try:
            out["date"] = dates.short_date(dates.read_date(day.group()))
        except ValueError:
            pass
    return out


def _take_decision(parser, items: list) -> list:
    """A decision's authority line, its bases up to "QUYẾT ĐỊNH:", and its
    articles "Điều 1. …" with the clauses under them."""
    doc_type = parser.doc_type
    lines = [item for item in items if isinstance(item, Line) and item.text.strip() and not is_rule(item.text)]
    at = 0
    if lines and letters_upper(lines[0].text) and plain(lines[0].text) != plain(doc_type.decision_line or ""):
        parser.data["decider"] = vn.upper_vn(lines[0].text)
        at = 1
    marker = plain(doc_type.decision_line or "")
    bases = []
    while at < len(lines) and plain(lines[at].text) != marker and not _ARTICLE.match(lines[at].text):
        bases.append(lines[at])
        at += 1
    if at < len(lines) and plain(lines[at].text) == marker:
        at += 1
    else:
        parser.warn(lines[at].number if at < len(lines) else 0, f"không thấy dòng “{doc_type.decision_line}”",
                    "articles")
    _take_citation(parser, bases)
    cited = getattr(parser, "cited_line", None)
    parser.data["opening"] = [line.markup(drop_italic=True).rstrip(";.").rstrip()
                              for line in bases if line is not cited]
    articles: list[dict] = []
    for line in lines[at:]:
        article = _ARTICLE.match(line.text)
        if article:
            offset = len(line.spans[0].text) - len(line.spans[0].text.lstrip()) + article.end()
            articles.append({"kind": "article", "text": markup(cut_spans(line.spans, offset))})
            continue
        label = _LABEL.match(line.text)
        text = line.text[label.end():] if label else line.text
        if label and label.group("label").endswith("."):
            articles.append({"kind": "numbered", "text": text})
        elif label:
            articles.append({"kind": "item", "label": label.group("label"), "text": text})
        elif line.text.startswith(("- ", "– ")):
            articles.append({"kind": "bullet", "text": line.text[2:]})
        else:
            articles.append({"kind": "paragraph", "text": line.markup()})
    parser.data["articles"] = articles
    parser.sections_expected = False
    return []


def drop_cited(parser) -> None:
    """The citation line read as the reference is not an opening paragraph too."""
    cited = getattr(parser, "cited_line", None)
    if cited is None or "reference" not in parser.data or parser.doc_type.bases:
        return
    opening = parser.data.get("opening") or []
    text = cited.markup()
    if opening and opening[0] == text:
        parser.data["opening"] = opening[1:]
        parser.opening_texts = parser.opening_texts[1:]

