"""Effective formatting: what Word shows for a run or a paragraph once the
style inheritance is resolved.

Run properties, lowest to highest: the document defaults (``docDefaults``),
the paragraph's style and the styles it is based on (``basedOn``), the run's
character style and its bases, the run's own (direct) formatting. Paragraph
properties: defaults, the paragraph style chain, the numbering level, the
paragraph's own. Each style chain is resolved once per document
(:class:`StyleSheet` keeps them), which keeps reading a plan fast.

Properties are read with lxml from the XML python-docx has already parsed:
python-docx has no API for the merged result.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from docx.oxml.ns import qn as _qn
from docx.styles import BabelFish

qn = functools.cache(_qn)  # Clark names of w: tags; looked up per element read

_OFF = {"0", "false", "off", "none"}
_ALIGN = {"left": "left", "start": "left", "center": "center", "right": "right", "end": "right",
          "both": "both", "distribute": "both", "justify": "both"}
WORD_DEFAULT_SIZE = 10.0  # pt, what Word uses when nothing sets a size
_THEME_SLOTS = {"minorHAnsi": "minor", "minorAscii": "minor", "minorBidi": "minor", "minorEastAsia": "minor",
                "majorHAnsi": "major", "majorAscii": "major", "majorBidi": "major", "majorEastAsia": "major"}


@dataclass(frozen=True)
class RunFormat:
    bold: bool
    italic: bool
    superscript: bool
    subscript: bool
    underline: bool
    font: str | None  # the Latin font's name; a theme font resolved through the theme part
    font_theme: str | None  # the theme slot ("minorHAnsi") when the font comes from the theme
    size: float  # pt


@dataclass(frozen=True)
class ParagraphFormat:
    align: str | None  # "left" | "center" | "right" | "both"; None = not set anywhere (left)
    left_indent: int  # twips
    right_indent: int
    first_line_indent: int  # negative for a hanging indent
    space_before: int  # twips
    space_after: int
    line_spacing: int | None  # w:spacing/@w:line as stored (240 = single when auto)
    line_rule: str | None
    keep_with_next: bool
    page_break_before: bool
    outline_level: int | None  # 0-based, as w:outlineLvl (9 = body text, given as None)


def _on(element) -> bool:
    return element.get(qn("w:val"), "true").lower() not in _OFF


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value is not None else None
    except (ValueError, OverflowError):
        return None


def run_properties(rpr) -> dict:
    """The run properties set by one ``w:rPr`` (only those it sets)."""
    out: dict = {}
    if rpr is None:
        return out
    for child in rpr:
        tag = child.tag
        if tag == qn("w:b"):
            out["bold"] = _on(child)
        elif tag == qn("w:i"):
            out["italic"] = _on(child)
        elif tag == qn("w:sz"):
            half = _int(child.get(qn("w:val")))
            if half is not None:
                out["size"] = half / 2
        elif tag == qn("w:rFonts"):
            theme = child.get(qn("w:asciiTheme")) or child.get(qn("w:hAnsiTheme"))
            name = child.get(qn("w:ascii")) or child.get(qn("w:hAnsi"))
            if theme:  # a theme font wins over the name beside it
                out["font"], out["font_theme"] = None, theme
            elif name:
                out["font"], out["font_theme"] = name, None
        elif tag == qn("w:vertAlign"):
            value = child.get(qn("w:val"))
            out["superscript"], out["subscript"] = value == "superscript", value == "subscript"
        elif tag == qn("w:u"):
            out["underline"] = child.get(qn("w:val"), "single") != "none"
    return out


def paragraph_properties(ppr) -> dict:
    """The paragraph properties set by one ``w:pPr`` (numbering included as
    ``num``: (numId, ilvl))."""
    out: dict = {}
    if ppr is None:
        return out
    for child in ppr:
        tag = child.tag
        if tag == qn("w:jc"):
            align = _ALIGN.get(child.get(qn("w:val"), ""))
            if align:
                out["align"] = align
        elif tag == qn("w:ind"):
            left = child.get(qn("w:left")) or child.get(qn("w:start"))
            right = child.get(qn("w:right")) or child.get(qn("w:end"))
            if left is not None:
                out["left_indent"] = _int(left) or 0
            if right is not None:
                out["right_indent"] = _int(right) or 0
            if child.get(qn("w:hanging")) is not None:
                out["first_line_indent"] = -(_int(child.get(qn("w:hanging"))) or 0)
            elif child.get(qn("w:firstLine")) is not None:
                out["first_line_indent"] = _int(child.get(qn("w:firstLine"))) or 0
        elif tag == qn("w:spacing"):
            for attribute, key in (("before", "space_before"), ("after", "space_after"), ("line", "line_spacing")):
                value = _int(child.get(qn(f"w:{attribute}")))
                if value is not None:
                    out[key] = value
            if child.get(qn("w:lineRule")):
                out["line_rule"] = child.get(qn("w:lineRule"))
        elif tag == qn("w:keepNext"):
            out["keep_with_next"] = _on(child)
        elif tag == qn("w:pageBreakBefore"):
            out["page_break_before"] = _on(child)
        elif tag == qn("w:outlineLvl"):
            level = _int(child.get(qn("w:val")))
            out["outline_level"] = level if level is not None and level < 9 else None
        elif tag == qn("w:numPr"):
            num = child.find(qn("w:numId"))
            level = child.find(qn("w:ilvl"))
            out["num"] = (num.get(qn("w:val")) if num is not None else None,
                          _int(level.get(qn("w:val"))) if level is not None else None)
    return out


_RUN_DEFAULTS = {"bold": False, "italic": False, "superscript": False, "subscript": False,
                 "underline": False, "font": None, "font_theme": None, "size": WORD_DEFAULT_SIZE}
_PARAGRAPH_DEFAULTS = {"align": None, "left_indent": 0, "right_indent": 0, "first_line_indent": 0,
                       "space_before": 0, "space_after": 0, "line_spacing": None, "line_rule": None,
                       "keep_with_next": False, "page_break_before": False, "outline_level": None}


class StyleSheet:
    """The styles of one document, each chain resolved once."""

    def __init__(self, styles_element, theme_fonts: dict[str, str] | None = None) -> None:
        self.theme_fonts = theme_fonts or {}
        self._by_id: dict[tuple[str, str], object] = {}
        self._names: dict[tuple[str, str | None], str | None] = {}
        self._chains: dict = {}
        self._runs: dict = {}
        self._paragraphs: dict = {}
        self.default_id: dict[str, str | None] = {"paragraph": None, "character": None, "table": None}
        self.run_defaults: dict = {}
        self.paragraph_defaults: dict = {}
        if styles_element is None:
            return
        defaults = styles_element.find(qn("w:docDefaults"))
        if defaults is not None:
            self.run_defaults = run_properties(defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}"))
            self.paragraph_defaults = paragraph_properties(defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}"))
        for style in styles_element.iterchildren(qn("w:style")):
            kind, style_id = style.get(qn("w:type"), "paragraph"), style.get(qn("w:styleId"))
            self._by_id.setdefault((kind, style_id), style)
            if style.get(qn("w:default")) in ("1", "true", "on") and self.default_id.get(kind) is None:
                self.default_id[kind] = style_id

    # --- styles ----------------------------------------------------------------------------

    def style_id(self, kind: str, style_id: str | None) -> str | None:
        """The style a paragraph or run of ``kind`` really has: its own when
        it exists, else the default one (as Word does with an unknown id)."""
        if style_id is not None and (kind, style_id) in self._by_id:
            return style_id
        return self.default_id.get(kind)

    def name(self, kind: str, style_id: str | None) -> str | None:
        key = (kind, style_id)
        if key not in self._names:
            style = self._by_id.get(key)
            name = style.find(qn("w:name")) if style is not None else None
            # Word stores built-in names in lower case ("heading 1") and shows them capitalised
            self._names[key] = (BabelFish.internal2ui(name.get(qn("w:val"))) if name is not None
                                else style_id if style is not None else None)
        return self._names[key]

    def _chain(self, kind: str, style_id: str | None) -> tuple[dict, dict]:
        """(paragraph properties, run properties) a style sets, its bases
        included (the base first, the style over it)."""
        key = (kind, style_id)
        if key not in self._chains:
            elements, seen = [], set()
            while style_id is not None and (kind, style_id) in self._by_id and style_id not in seen:
                seen.add(style_id)
                element = self._by_id[(kind, style_id)]
                elements.append(element)
                based = element.find(qn("w:basedOn"))
                style_id = based.get(qn("w:val")) if based is not None else None
            ppr: dict = {}
            rpr: dict = {}
            for element in reversed(elements):
                ppr.update(paragraph_properties(element.find(qn("w:pPr"))))
                rpr.update(run_properties(element.find(qn("w:rPr"))))
            self._chains[key] = (ppr, rpr)
        return self._chains[key]

    # --- effective formatting ----------------------------------------------------------------

    def paragraph_style_properties(self, style_id: str | None) -> dict:
        """Paragraph properties from the defaults and the style chain."""
        if style_id not in self._paragraphs:
            merged = dict(_PARAGRAPH_DEFAULTS)
            merged.update(self.paragraph_defaults)
            merged.update(self._chain("paragraph", style_id)[0])
            self._paragraphs[style_id] = merged
        return self._paragraphs[style_id]

    def paragraph_format(self, style_id: str | None, numbering: dict, direct: dict) -> ParagraphFormat:
        merged = dict(self.paragraph_style_properties(style_id))
        merged.update(numbering)
        merged.update(direct)
        merged.pop("num", None)
        return ParagraphFormat(**merged)

    def run_base(self, paragraph_style: str | None, character_style: str | None) -> dict:
        """Run properties before the run's own: defaults, paragraph style
        chain, character style chain."""
        key = (paragraph_style, character_style)
        if key not in self._runs:
            merged = dict(_RUN_DEFAULTS)
            merged.update(self.run_defaults)
            merged.update(self._chain("paragraph", paragraph_style)[1])
            if character_style is not None and character_style != self.default_id.get("character"):
                merged.update(self._chain("character", character_style)[1])
            self._runs[key] = merged
        return self._runs[key]

    def run_format(self, base: dict, direct: dict) -> RunFormat:
        merged = dict(base)
        merged.update(direct)
        if merged["font_theme"]:
            slot = _THEME_SLOTS.get(merged["font_theme"])
            merged["font"] = self.theme_fonts.get(slot) if slot else None
        return RunFormat(**merged)

    @property
    def default_font(self) -> tuple[str | None, str | None]:
        """(font, theme slot) of the document defaults."""
        font, theme = self.run_defaults.get("font"), self.run_defaults.get("font_theme")
        if theme:
            font = self.theme_fonts.get(_THEME_SLOTS.get(theme, ""))
        return font, theme

    @property
    def default_size(self) -> float | None:
        return self.run_defaults.get("size")


def theme_fonts(theme_element) -> dict[str, str]:
    """The theme's Latin fonts: {"major": …, "minor": …}."""
    out = {}
    if theme_element is None:
        return out
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    for slot in ("major", "minor"):
        latin = theme_element.find(f".//{{{a}}}{slot}Font/{{{a}}}latin")
        if latin is not None and latin.get("typeface"):
            out[slot] = latin.get("typeface")
    return out
