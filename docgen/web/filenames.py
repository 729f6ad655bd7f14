"""File names for a document's downloads, ASCII only so every browser, mail
client and file share keeps them: ``KH-2314-UBND-Gia-Lai-2023-08-29.docx``;
a draft without a number: ``KH-UBND-du-thao-Dak-Lak-2026-06.docx``; a type
without a code (a Công văn): ``112-UBND-VP-Loc-Hoa-2025-04-14.docx``."""

from __future__ import annotations

from .. import doctypes
from ..plan.model import Plan
from ..vietnamese.document_number import number_digits
from ..vietnamese.vn import slug



def draft_filename(data, extension: str) -> str:
    """``ke-hoach-ban-nhap.json``: a document that does not validate yet,
    named by the type it says it is (else the default type)."""
    return f"{slug(doctypes.of_data(data).name).lower()}-ban-nhap.{extension}"


def plan_filename(plan: Plan, extension: str = "docx") -> str:
    """Type code, number, issuer code (the symbol split around the number),
    place and issue date; a draft says ``du-thao`` where the number goes."""
    header = plan.header
    kind, _, issuer = slug(header.symbol).partition("-")
    number = "du-thao" if header.number is None else number_digits(header.number)
    date = header.date
    when = f"{date.year:04d}-{date.month:02d}" + (f"-{date.day:02d}" if date.day else "")
    if header.number is None:
        parts = [kind, issuer, number]
    elif doctypes.for_plan(plan).symbol_prefix is None:
        parts = [number, kind, issuer]  # no type code: 112-UBND-VP-… (a Công văn)
    else:
        parts = [kind, number, issuer]
    parts += [slug(header.place), when]
    return "-".join(part for part in parts if part) + f".{extension}"
