"""Word's automatic numbering (``w:numPr`` + ``numbering.xml``) as the labels
a reader sees: "1.", "a)", "1.2.", "I.", "-", "•".

Counters run in reading order. A list (``w:num``) shares its counters with
every list of the same abstract numbering, as Word does, unless it restarts
them (``w:lvlOverride/w:startOverride``); numbering a level resets the
levels below it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from docx.oxml.ns import qn as _qn

from ..vietnamese import vn

qn = functools.cache(_qn)  # Clark names of w: tags; looked up per element read

# Symbol/Wingdings bullets are private-use characters; what they look like.
_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf076": "❖", "\uf0fc": "✓", "\uf02d": "-",
            "\uf0a8": "▫", "\uf06e": "■", "\uf0e0": "➔", "\uf0be": "—", "\uf0ad": "-", "\uf02b": "+"}


@dataclass(frozen=True)
class Level:
    start: int
    format: str  # w:numFmt: decimal, lowerLetter, upperRoman, bullet, none…
    text: str  # w:lvlText: "%1.", "%1.%2.", "-"
    legal: bool  # w:isLgl: every number decimal
    properties: dict  # the level's w:pPr (indents)


@dataclass(frozen=True)
class ListLabel:
    text: str  # "1.", "a)", "-"; "" when the level prints nothing
    format: str
    level: int
    list: str = ""  # the abstract numbering it counts in: labels of one list share it


def _number(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _letters(n: int, upper: bool) -> str:
    if not 0 < n <= 780:  # Word's letters stop at 780 (30 z's)
        return str(n)
    letter = chr(ord("A" if upper else "a") + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)  # Word: z, aa, bb…


def format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(n, fmt == "upperLetter")
    if fmt in ("lowerRoman", "upperRoman"):
        roman = vn.roman(n) if 0 < n < 4000 else str(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class Numbering:
    def __init__(self, numbering_element, paragraph_properties) -> None:
        self._levels: dict[str, dict[int, Level]] = {}  # abstractNumId -> levels
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self._counters: dict[object, dict[int, int]] = {}
        self._started: set[str] = set()
        if numbering_element is None:
            return
        for abstract in numbering_element.iterchildren(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.iterchildren(qn("w:lvl")):
                levels[_number(lvl.get(qn("w:ilvl")) or "0", -1)] = self._level(lvl, paragraph_properties)
            self._levels[abstract.get(qn("w:abstractNumId"))] = levels
        for num in numbering_element.iterchildren(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is None:
                continue
            overrides = {}
            for override in num.iterchildren(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    overrides[_number(override.get(qn("w:ilvl")), 0)] = _number(start.get(qn("w:val")), 1)
            self._nums[num.get(qn("w:numId"))] = (ref.get(qn("w:val")), overrides)

    @staticmethod
    def _level(lvl, paragraph_properties) -> Level:
        def value(tag: str, default: str) -> str:
            node = lvl.find(qn(tag))
            return node.get(qn("w:val"), default) if node is not None else default

        legal = lvl.find(qn("w:isLgl"))
        return Level(
            start=_number(value("w:start", "1"), 1),
            format=value("w:numFmt", "decimal"),
            text=value("w:lvlText", ""),
            legal=legal is not None and legal.get(qn("w:val"), "true") not in ("0", "false"),
            properties=paragraph_properties(lvl.find(qn("w:pPr"))),
        )

    def level(self, num_id: str | None, level: int) -> Level | None:
        if num_id is None or num_id not in self._nums:
            return None
        abstract, _ = self._nums[num_id]
        return self._levels.get(abstract, {}).get(level)

    def next_label(self, num_id: str | None, level: int) -> ListLabel | None:
        """The label of the next paragraph numbered ``num_id`` at ``level``
        (counting it)."""
        found = self.level(num_id, level)
        if found is None:
            return None
        abstract, overrides = self._nums[num_id]
        levels = self._levels[abstract]
        key = num_id if overrides else abstract
        counters = self._counters.setdefault(key, {})
        if overrides and num_id not in self._started:
            self._started.add(num_id)
            counters.clear()
            for ilvl, start in overrides.items():
                counters[ilvl] = start - 1
        counters[level] = counters.get(level, found.start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        if found.format == "bullet":
            text = found.text[:1]
            return ListLabel(_BULLETS.get(text, text) if text else "•", "bullet", level, abstract)
        return ListLabel(_fill(found.text, levels, counters, found.legal), found.format, level, abstract)


def _fill(text: str, levels: dict[int, Level], counters: dict[int, int], legal: bool) -> str:
    out = text
    for k in range(9, 0, -1):
        marker = f"%{k}"
        if marker not in out:
            continue
        spec = levels.get(k - 1)
        n = counters.get(k - 1, spec.start if spec else 1)
        fmt = "decimal" if legal or spec is None else spec.format
        out = out.replace(marker, format_number(n, fmt))
    return out
