"""A division's lines as the plan's blocks: headings ``1.`` (set off, or a
short line without a sentence's end), a heading's run-on text (``**2.
Thời gian:** Từ ngày …``), sub-headings ``1.1.``, numbered paragraphs,
items ``a)`` ``(1)``, bullets ``-`` and ``+``, paragraphs; in a division
that gives tasks, units and their tasks (the rule of
:mod:`docgen.importing.structure.units`). Bold and italic inside a text are
kept as ``**…**`` and ``*…*``."""

from __future__ import annotations

import re

from ..vietnamese.typed_labels import leading_label
from .lines import Line, cut_spans, is_rule, markup, split_spans
from .source import SourceTable, Span
from .structure.model import Division
from .structure.units import unit_name


class _State:
    def __init__(self) -> None:
        self.top = 0
        self.sub = 0
        self.unit: dict | None = None
        self.unit_bulleted: bool | None = None

    def end_unit(self) -> None:
        unit = self.unit
        if unit is not None:
            tasks = len(unit["tasks"])
            if self.unit_bulleted and tasks == 1:
                unit["bullets"] = True
            elif self.unit_bulleted is False and tasks > 1:
                unit["bullets"] = False
        self.unit = None
        self.unit_bulleted = None


def section_blocks(division: Division, table_as_paragraphs) -> list[dict]:
    """The blocks of a division; ``table_as_paragraphs(table, blocks)``
    places a table found in it."""
    blocks: list[dict] = []
    state = _State()
    units = {id(found.lines[0]) for found in division.units}  # the structure reader's units
    for item in division.items:
        if isinstance(item, SourceTable):
            state.end_unit()
            table_as_paragraphs(item, blocks)
            continue
        if is_rule(item.text):
            continue
        _block(blocks, item, state, id(item) in units)
    state.end_unit()
    return blocks


def _shape(line: Line) -> tuple[str | None, str | None, int]:
    """(shape, mark, end) of the line's label, Word's list read by its
    format: a bullet list is a dash whatever glyph it prints."""
    label = leading_label(line.text)
    listed_format = line.listed[0]
    if listed_format == "bullet" and line.paragraph is not None and line.paragraph.label:
        mark = line.paragraph.label.strip()
        return "dash", (mark if mark in "-+–—•" else "-"), len(mark)
    return label if label else (None, None, 0)


def _block(blocks: list, line: Line, state: _State, unit_line: bool) -> None:
    text = line.text
    shape, mark, end = _shape(line)
    lead = len(line.spans[0].text) - len(line.spans[0].text.lstrip()) if line.spans else 0
    rest_spans = cut_spans(line.spans, lead + end) if shape else line.spans
    unit = state.unit
    if shape == "number" and mark.count(".") >= 2:
        state.end_unit()
        title = markup(rest_spans, drop_bold=line.emphasised)
        block = {"kind": "subheading", "title": title}
        run_on = re.match(r"([^:*]{3,80}:)\s+(\S.*)", title)
        if run_on:  # "3.1. Đối với …: text" prints a sub-heading's title and its text as one line
            block = {"kind": "subheading", "title": run_on.group(1), "text": run_on.group(2)}
        expected = f"{state.top}.{state.sub + 1}."
        state.sub += 1
        if mark != expected:
            block["number"] = mark
        blocks.append(block)
        return
    if shape in ("number", "roman"):
        state.end_unit()
        block = _numbered(line, rest_spans, unit_line)
        match = re.match(r"(\d+)\.$", mark)
        if mark != f"{state.top + 1}.":
            block["number"] = mark
        state.top = int(match.group(1)) if match else state.top + 1
        state.sub = 0
        blocks.append(block)
        if block["kind"] == "unit":
            state.unit = block
            state.unit_bulleted = None
        return
    if shape == "dash":
        body = markup(rest_spans)
        if unit is not None and mark in "-–—•" and state.unit_bulleted is not False:
            unit["tasks"].append(body)
            state.unit_bulleted = True
            return
        state.end_unit()
        blocks.append({"kind": "subbullet" if mark == "+" else "bullet", "text": body})
        return
    if shape in ("letter", "bracket"):
        state.end_unit()
        blocks.append({"kind": "item", "label": mark, "text": markup(rest_spans)})
        return
    if unit is not None and not unit.get("run_in") and state.unit_bulleted is None and not unit["tasks"]:
        unit["tasks"].append(line.markup())
        state.unit_bulleted = False
        return
    if unit is not None and state.unit_bulleted is False and not unit.get("run_in"):
        unit["tasks"].append(line.markup())
        return
    state.end_unit()
    blocks.append({"kind": "paragraph", "text": line.markup()})


def _title_shape(text: str) -> bool:
    """``Chỉ tiêu thực hiện``, ``Công an tỉnh``: short, no sentence ending."""
    return len(text) <= 90 and not re.search(r"[.;,]\s*$", text) and ": " not in text


def _unit(title: str) -> dict:
    name, requested = unit_name(title)
    unit: dict = {"kind": "unit", "name": name, "tasks": []}
    if requested:
        unit["requested"] = True
    return unit


def _numbered(line: Line, spans: list[Span], unit_line: bool) -> dict:
    """``1. …``: a heading (set off), a heading with run-on text (its
    title set off, ``2. Thời gian thực hiện:`` Từ ngày …), a unit (the
    structure reader found one on the line: an organisation's name as the
    heading), or a numbered paragraph."""
    # a short line without a sentence's end is a title even when the
    # source did not set it off (plain text; a file formatted by hand)
    whole = line.emphasised or (not any(s.bold for s in spans) and _title_shape(markup(spans)))
    if whole:
        title = markup(spans, drop_bold=True)
        if unit_line and not title.rstrip().endswith(":"):
            return _unit(title)
        return {"kind": "heading", "title": title}
    # a bold lead (the title) then plain text
    bold_chars = 0
    for span in spans:
        if span.bold or not span.text.strip():
            bold_chars += len(span.text)
            continue
        break
    head, tail = split_spans(spans, bold_chars)
    head_text = "".join(s.text for s in head).strip()
    if line.spans and line.spans[0].bold and head_text and tail:
        title = markup(head, drop_bold=True)
        text = markup(tail)
        if unit_line:
            unit = _unit(title.rstrip().rstrip(":").rstrip())
            unit["run_in"] = True
            unit["tasks"].append(text)
            return unit
        return {"kind": "heading", "title": title, "text": text}
    return {"kind": "numbered", "text": markup(spans)}
