"""The body of a type with articles (a Quyết định, Mẫu 1.3): the
authority line ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …", the registry's
``decider``), the bases ("Căn cứ …;", the opening), the line before the
articles (the type's ``decision_line``: "QUYẾT ĐỊNH:") and the articles
("Điều 1. …") with the clauses under them."""

from __future__ import annotations

import re

from ... import doctypes
from ..lines import Line, is_rule
from .model import STATED, Found, Note
from .words import fold, upper

ARTICLE = re.compile(r"^\s*Điều\s+(?P<number>\d+)\s*\.\s*")


def read(items: list, doc_type: doctypes.DocumentType, notes: list[Note]
         ) -> tuple[Found | None, list, Found | None, list]:
    """(decider, bases, decision line, articles) of ``items`` (the body up
    to the recipients)."""
    marker = fold(doc_type.decision_line or "")
    at = 0
    while at < len(items) and isinstance(items[at], Line) and (is_rule(items[at].text) or not items[at].text.strip()):
        at += 1
    decider = None
    first = items[at] if at < len(items) else None
    if doc_type.decider and isinstance(first, Line) and upper(first.text) and fold(first.text) != marker \
            and not ARTICLE.match(first.text):
        decider = Found(first.text, (first,), first.text, STATED)
        at += 1
    start = at
    while at < len(items) and not (isinstance(items[at], Line) and (
            (marker and fold(items[at].text) == marker) or ARTICLE.match(items[at].text))):
        at += 1
    bases = items[start:at]
    decision_line = None
    if at < len(items) and marker and fold(items[at].text) == marker:
        decision_line = Found(items[at].text, (items[at],), doc_type.decision_line, STATED)
        at += 1
    elif doc_type.decision_line:
        where = items[at] if at < len(items) else (items[-1] if items else None)
        notes.append(Note(where.number if isinstance(where, Line) else 0,
                          f"không thấy dòng “{doc_type.decision_line}” trước các điều", "articles"))
    return decider, bases, decision_line, items[at:]
