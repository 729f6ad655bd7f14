"""How one document cites another in its body: "Kế hoạch số 2314/KH-UBND
ngày 29/8/2023 của UBND tỉnh Gia Lai" (a report's opening names the plan it
reports on this way). Pure formatting over :class:`~docgen.plan.model.DocumentReference`.

The citation is printed from the reference's fields wherever the document
names the document it follows: the opening line ("Thực hiện …") is made
from them, and any other text (the trích yếu, the closing "Trên đây là báo
cáo … về kết quả thực hiện …", an appendix's subtitle) holds :data:`TAG`,
which :func:`filled` replaces with the citation when the document is
rendered or checked. A text keeps no copy of the number or the day, so
typing them into the reference (or taking them from the register) changes
every place at once.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..vietnamese import dates
from ..vietnamese.document_number import UNKNOWN, number_text
from ..vietnamese.names import running_name

if TYPE_CHECKING:  # the model's validator calls tagged_fields: no import of the model at run time
    from .model import DocumentReference, Plan

# Where a text prints the citation of ``plan.reference``; the clerk may write
# around it, and may move it. Braces never occur in an official text.
TAG = "{văn bản được báo cáo}"
# Fields whose text is not printed as written, or not text: left alone.
_NOT_TEXT = frozenset({"kind", "reference", "rows", "columns", "header", "campaign", "period", "sort"})


def lower_first(text: str) -> str:
    """``Thực hiện cao điểm`` -> ``thực hiện cao điểm``; acronyms (``VNeID``,
    ``UBND``) stay."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def reference_number(reference: DocumentReference) -> str:
    """``2314/KH-UBND``; ``…/KH-UBND`` when the number is not known."""
    return number_text(reference.number, reference.symbol, UNKNOWN)


def date_text(reference: DocumentReference) -> str:
    """``29/8/2023`` by the Decree-30 zero rule; ``…/3/2025`` without a day."""
    date = reference.date
    if date.day:
        return dates.short_date(date.as_date())
    return f"{UNKNOWN}/{dates.month_text(date.month)}/{date.year}"


def citation(reference: DocumentReference) -> str:
    """``Kế hoạch số 2314/KH-UBND ngày 29/8/2023 của UBND tỉnh Gia Lai``."""
    return (f"{reference.type_name} số {reference_number(reference)} ngày {date_text(reference)} "
            f"của {running_name(reference.issuer_name)}")


def long_date_text(reference: DocumentReference) -> str:
    """``ngày 29 tháng 8 năm 2023``; a draft's blank day as the header leaves it."""
    date = reference.date
    return dates.date_line("", date.year, date.month, date.day)


def attached_line(reference: DocumentReference, blank: str = UNKNOWN) -> str:
    """The line under an appendix's title, or under the title of a text a
    decision issues: ``(Kèm theo Quyết định số 15/QĐ-UBND ngày 03 tháng 3
    năm 2025 của Ủy ban nhân dân xã Lộc Hòa)``; ``blank`` where a draft has
    no number or day yet."""
    return (f"(Kèm theo {reference.type_name} số {number_text(reference.number, reference.symbol, blank)} "
            f"{long_date_text(reference)} của {reference.issuer_name})")


def implementing_sentence(reference: DocumentReference) -> str:
    """The opening line of a document that follows another: ``Thực hiện Kế
    hoạch số 2314/KH-UBND ngày 29/8/2023 của UBND tỉnh Gia Lai về việc …``."""
    subject = (reference.subject or "").strip().rstrip(".")
    about = f" về việc {lower_first(subject)}" if subject else ""
    return f"Thực hiện {citation(reference)}{about}."


# --- the citation inside texts --------------------------------------------------------


def _mapped(value: Any, change) -> Any:
    """``value`` with ``change`` applied to every text in it (models and
    lists walked, the fields of :data:`_NOT_TEXT` left alone); the same
    object where nothing changed."""
    kind = type(value)
    if kind is str:
        return change(value)
    if kind is list:
        new = [_mapped(item, change) for item in value]
        return new if any(a is not b for a, b in zip(new, value)) else value
    if isinstance(value, BaseModel):
        changes = _changed_fields(value, change)
        return value.model_copy(update=changes) if changes else value
    return value


def _changed_fields(model: BaseModel, change) -> dict[str, Any]:
    changes = {}
    for name, old in model.__dict__.items():  # a pydantic model's fields, as set
        kind = type(old)
        if kind is str:
            new = change(old) if name not in _NOT_TEXT else old
        elif kind is list or isinstance(old, BaseModel):
            new = _mapped(old, change) if name not in _NOT_TEXT else old
        else:
            continue  # None, a number, a flag, a date
        if new is not old:
            changes[name] = new
    return changes


def filled(plan: Plan) -> Plan:
    """The plan as printed: :data:`TAG` in any text replaced by the citation
    of ``plan.reference`` ("…" when the plan names no document, which the
    checks flag as left to fill). The same object when no text holds it."""
    shown = citation(plan.reference) if plan.reference is not None else UNKNOWN

    def fill(text: str) -> str:
        return text.replace(TAG, shown) if TAG in text else text

    return _mapped(plan, fill)


def _copies(reference: DocumentReference) -> re.Pattern:
    """A citation of ``reference`` written into a text as plain words, as
    ``docgen report-from`` wrote it before :data:`TAG`: with this number
    and day, or with "…" where the cited document had none yet."""
    numbers = [r"…", r"\.\.\."] + ([rf"0*{reference.number}"] if reference.number is not None else [])
    days = [r"(?:…|\.\.\.)\s*/\s*\d{1,2}\s*/\s*\d{4}"]
    if reference.date.day:
        days.append(re.escape(date_text(reference)))
    return re.compile(
        rf"{re.escape(reference.type_name)}\s+số\s+(?:{'|'.join(numbers)})\s*/\s*{re.escape(reference.symbol)}"
        rf"\s+ngày\s+(?:{'|'.join(days)})\s+của\s+{re.escape(running_name(reference.issuer_name))}")


def tagged_fields(plan: Plan) -> dict[str, Any]:
    """The fields of ``plan`` whose texts copy the citation of its
    reference as plain words (a report saved before :data:`TAG`), with the
    copy replaced by the tag: the field name -> its new value. Empty when
    the plan has no reference or no such copy. A citation of another
    document (another number or day) is not touched."""
    if plan.reference is None:
        return {}
    pattern = _copies(plan.reference)

    def tag(text: str) -> str:
        return pattern.sub(TAG, text) if plan.reference.symbol in text else text

    return _changed_fields(plan, tag)
