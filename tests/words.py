"""Word-level comparison of a rendered plan with its seed text."""

from __future__ import annotations

import difflib
import re

_MARKUP = re.compile(r"</?b>|[*#]")
_EDGE = re.compile(r"^[^\w%]+|[^\w%]+$")


def words(text: str) -> list[str]:
    text = _MARKUP.sub(" ", text)
    out = []
    for token in text.split():
        token = _EDGE.sub("", token)
        if token:
            out.append(token.casefold())
    return out


def coverage(seed: str, produced: str) -> float:
    """Share of the seed's words that appear in the produced text, in order."""
    a, b = words(seed), words(produced)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched / len(a)
