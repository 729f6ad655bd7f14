"""How one document cites another in its body: "Kế hoạch số 2314/KH-UBND
ngày 29/8/2023 của UBND tỉnh Gia Lai" (a report's opening names the plan it
reports on this way). Pure formatting over :class:`~docgen.plan.model.DocumentReference`.
"""

from __future__ import annotations

from ..vietnamese import dates
from .model import DocumentReference

UBND = "Ủy ban nhân dân"
UNKNOWN = "…"  # a number or day the cited document has not got yet (a draft)


def running_name(issuer: str) -> str:
    """``Ủy ban nhân dân tỉnh Gia Lai`` -> ``UBND tỉnh Gia Lai`` (as body text
    writes the issuer of another document)."""
    if issuer[: len(UBND)].casefold() == UBND.casefold():
        return "UBND" + issuer[len(UBND):]
    return issuer


def lower_first(text: str) -> str:
    """``Thực hiện cao điểm`` -> ``thực hiện cao điểm``; acronyms (``VNeID``,
    ``UBND``) stay."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def number_text(reference: DocumentReference) -> str:
    """``2314/KH-UBND``; ``…/KH-UBND`` when the number is not known."""
    number = UNKNOWN if reference.number is None else f"{reference.number:02d}"
    return f"{number}/{reference.symbol}"


def date_text(reference: DocumentReference) -> str:
    """``29/8/2023`` by the Decree-30 zero rule; ``…/3/2025`` without a day."""
    date = reference.date
    if date.day:
        return dates.short_date(date.as_date())
    return f"{UNKNOWN}/{dates.month_text(date.month)}/{date.year}"


def citation(reference: DocumentReference) -> str:
    """``Kế hoạch số 2314/KH-UBND ngày 29/8/2023 của UBND tỉnh Gia Lai``."""
    return (f"{reference.type_name} số {number_text(reference)} ngày {date_text(reference)} "
            f"của {running_name(reference.issuer_name)}")


def implementing_sentence(reference: DocumentReference) -> str:
    """The opening line of a document that follows another: ``Thực hiện Kế
    hoạch số 2314/KH-UBND ngày 29/8/2023 của UBND tỉnh Gia Lai về việc …``."""
    subject = (reference.subject or "").strip().rstrip(".")
    about = f" về việc {lower_first(subject)}" if subject else ""
    return f"Thực hiện {citation(reference)}{about}."
