"""The plan's parts that depend on its type, made from the landmarks the
structure reader found for that type (:mod:`docgen.importing.structure`:
``letter``, ``addressees``, ``decision``, the ``chapter`` divisions, the
attached text): a Giấy mời's meeting, a decision's articles and bases, a
Quy chế's chapters, and the citation "Thực hiện <loại> số … của …" an
opening starts with, read back as the plan's reference. Everything is read
by the registry's data (docgen.doctypes) and the words the layouts print
(docgen.document.context), so a type the registry adds is read the same
way. The importer (:mod:`docgen.importing.parse`) calls these.
"""

from __future__ import annotations

import re

from .. import doctypes
from ..document.context import MEETING_LABELS
from ..plan.model import DocumentReference
from ..plan.references import UBND, implementing_sentence
from ..sheets.table_reading import plain
from ..vietnamese import dates, vn
from .lines import Line, cut_spans, is_rule, markup
from .source import SourceTable
from .structure.decision import ARTICLE
from .structure.model import Division

_LABEL = re.compile(r"^(?P<label>\d+\.|[a-zđ]\)|\(\d+\))\s+")
_CITATION = re.compile(
    r"^Thực hiện (?P<type>.+?) số (?P<number>\d+|…)/(?P<symbol>\S+) ngày (?P<date>\S+) của (?P<issuer>.+?)"
    r"(?: về việc (?P<subject>.+?))?[.;]?$")


# --- the citation an opening starts with --------------------------------------------------


def citation(text: str) -> dict | None:
    """"Thực hiện Kế hoạch số 35/KH-UBND ngày 05/3/2025 của UBND xã … về
    việc …." printed from a reference: that reference again (as data), when
    printing it gives back the same words; None for any other sentence."""
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
    data = {"type_name": type_name, "symbol": match.group("symbol"),
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


def first_text(items: list) -> Line | None:
    return next((item for item in items if isinstance(item, Line) and item.text.strip()
                 and not is_rule(item.text)), None)


# --- a decision: bases and articles --------------------------------------------------------


def bases(items: list, cited: Line | None) -> list[str]:
    """A decision's bases as stored: without the end mark the layout prints."""
    return [item.markup(drop_italic=True).rstrip(";.").rstrip() for item in items
            if isinstance(item, Line) and item.text.strip() and not is_rule(item.text) and item is not cited]


def articles(items: list) -> list[dict]:
    """The articles "Điều 1. …" and the clauses under them, as blocks."""
    out: list[dict] = []
    for line in items:
        if not isinstance(line, Line) or not line.text.strip() or is_rule(line.text):
            continue
        article = ARTICLE.match(line.text)
        if article:
            offset = len(line.spans[0].text) - len(line.spans[0].text.lstrip()) + article.end()
            out.append({"kind": "article", "text": markup(cut_spans(line.spans, offset))})
            continue
        out.append(_clause(line))
    return out


def _clause(line: Line) -> dict:
    label = _LABEL.match(line.text)
    text = line.text[label.end():] if label else line.text
    if label and label.group("label").endswith("."):
        return {"kind": "numbered", "text": text}
    if label:
        return {"kind": "item", "label": label.group("label"), "text": text}
    if line.text.startswith(("- ", "– ")):
        return {"kind": "bullet", "text": line.text[2:]}
    return {"kind": "paragraph", "text": line.markup()}


# --- a Quy chế's chapters --------------------------------------------------------------------


def chapter_blocks(division: Division) -> list[dict]:
    """A chapter's articles "Điều 1. <tên>", each with the first plain
    paragraph under it as its text, and the clauses "1.", "a)", "-"."""
    blocks: list[dict] = []
    article: dict | None = None
    for line in division.items:
        if isinstance(line, SourceTable) or not line.text.strip() or is_rule(line.text):
            continue
        text = line.text.strip()
        numbered = ARTICLE.match(text)
        if numbered:
            article = {"kind": "article", "title": text[numbered.end():].strip()}
            blocks.append(article)
            continue
        clause = _clause(line)
        if clause["kind"] == "paragraph" and article is not None and blocks and blocks[-1] is article \
                and "text" not in article:
            article["text"] = clause["text"]
        else:
            blocks.append(clause)
    return blocks


def chapter_title(division: Division) -> str:
    return vn.upper_vn(division.title.text)


# --- a meeting ---------------------------------------------------------------------------------


def meeting(items: list) -> dict:
    """A Giấy mời's lines (Mẫu 1.7): "<cơ quan> trân trọng kính mời: …",
    "Tới dự: …", "Chủ trì: …", "Thời gian: …", "Địa điểm: …", "Thành
    phần: …", then the notes."""
    found: dict = {"notes": []}
    labels = {field: plain(label) for field, label in MEETING_LABELS.items()}
    for item in items:
        if not isinstance(item, Line) or not item.text.strip() or is_rule(item.text):
            continue
        key = plain(item.text)
        field = next((f for f, label in labels.items() if key.startswith(label)
                      or (f == "invitees" and label in key)), None)
        if field is None or field in found:
            found["notes"].append(item.markup())
            continue
        said = item.text.split(":", 1)[1].strip() if ":" in item.text else ""
        if field == "time":
            found.update(_meeting_time(said))
        elif said and said != "…":
            found[field] = said
    if not found["notes"]:
        del found["notes"]
    found.setdefault("invitees", "…")
    found.setdefault("event", "…")
    return found


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
