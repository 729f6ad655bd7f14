"""A new document of a type, as the clerk starts it ("Văn bản mới" in the
editor, ``docgen new``): the type's symbol, the parts the type has and
nothing else (a "Kính gửi" line, the decision's authority line and three
articles, a meeting's lines, the sections its outline names), "Lưu: VT", TM.
Ủy ban nhân dân, dated this month. Data, not yet a valid plan: the clerk
fills it in."""

from __future__ import annotations

import datetime as dt

from .. import doctypes
from ..vietnamese.names import unit_header


def unit_heading(unit: str | None, blank: str = "") -> dict:
    """The header's issuing body, issuer's name and place for the clerk's
    own unit (``UBND xã Ia Kha``); without a unit, an Ủy ban nhân dân with
    ``blank`` where its name and place go."""
    if unit and unit.strip():
        own = unit_header(unit)
        return {"issuing_body": own.issuing_body, "issuer_name": own.issuer_name, "place": own.place}
    return {"issuing_body": ["ỦY BAN NHÂN DÂN", blank], "place": blank}


def new_document(doc_type: doctypes.DocumentType, today: dt.date, unit: str | None = None,
                 blank: str = "") -> dict:
    """A new document of ``doc_type`` headed by ``unit`` (:func:`unit_heading`)
    and dated ``today``'s month."""
    header = unit_heading(unit, blank)
    plan: dict = {
        "type": doc_type.key,
        "header": {**header, "symbol": doc_type.default_symbol, "date": {"year": today.year, "month": today.month}},
        "subject": "",
    }
    if doc_type.addressees_start:
        plan["addressees"] = [""]
    if doc_type.decider:
        plan["decider"] = ""
    if doc_type.has("meeting"):
        plan["meeting"] = {"invitees": "", "event": "", "notes": [""]}
    if doc_type.has("opening"):
        plan["opening"] = [""]
    if doc_type.has("sections"):
        plan["sections"] = [
            {"title": title, "blocks": [{"kind": kind, ("title" if kind == "heading" else "text"): text}
                                        for kind, text in blocks]}
            for title, blocks in doc_type.outline
        ]
    if doc_type.has("articles"):
        plan["articles"] = [{"kind": "article", "text": ""} for _ in range(3)]
    if doc_type.has("closing"):
        plan["closing"] = [""]
    plan.update({"recipients": [], "archive": "VT",
                 "signer": {"authority": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "name": ""}})
    if doc_type.appendices:
        plan["appendices"] = []
    return plan
