"""The header's issuing body (ô 2) as the plan keeps it: the two lines the
header prints, and the issuer's name written out for the appendix's
"(Kèm theo … số …)" line."""

from __future__ import annotations

import re

from ..vietnamese import vn
from ..vietnamese.names import LEVELS

LEVEL_RE = "|".join(LEVELS)


def split_issuer(text: str) -> list[str]:
    """``ỦY BAN NHÂN DÂN TỈNH GIA LAI`` -> the two lines the header prints."""
    match = re.match(rf"(ỦY BAN NHÂN DÂN)\s+((?:{LEVEL_RE})\b.*)", text, re.IGNORECASE)
    if match:
        return [match.group(1), match.group(2)]
    return [text]


def issuer_name(lines: list[str], place: str) -> str:
    """``ỦY BAN NHÂN DÂN`` / ``TỈNH GIA LAI`` -> ``Ủy ban nhân dân tỉnh Gia Lai``."""
    def sentence(text: str) -> str:
        lower = text.lower()
        return lower[:1].upper() + lower[1:]

    head = sentence(lines[0])
    if len(lines) < 2:
        return head
    second = lines[1]
    if vn.same_text(second, vn.upper_vn(place), casefold=True):
        return f"{head} {place}"
    for level in LEVELS:
        if second.lower().startswith(level + " "):
            name = second[len(level):].strip()
            if vn.same_text(name, place, casefold=True):
                name = place
            else:
                name = " ".join(word[:1] + word[1:].lower() for word in name.split())
            return f"{head} {level} {name}"
    return f"{head} {sentence(second).lower()}"
