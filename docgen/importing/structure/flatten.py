"""A Source as the lines the rules read: every paragraph a line (a soft
line break makes lines of its own; Word's list label put before the text),
layout tables (the header's, the signature's, a frame around the body)
read cell by cell in reading order, tables of figures kept whole."""

from __future__ import annotations

from ...sheets.table_reading import looks_numeric
from ..lines import source_lines
from ..source import Source, SourceTable
from .appendices import is_label


def flatten(source: Source) -> list:
    items: list = []
    in_appendix = False
    for block in source.blocks:
        if isinstance(block, SourceTable):
            if in_appendix or data_table(block):
                items.append(block)
                continue
            for row in block.rows:
                for cell in row:
                    if not cell.merged_above:
                        items.extend(source_lines(cell.paragraphs))
            continue
        for line in source_lines([block]):
            if is_label(line):
                in_appendix = True
            items.append(line)
    return items


def data_table(table: SourceTable) -> bool:
    """A table of figures (an appendix's), not a layout table (header, signature)."""
    cells = [cell.text for row in table.rows for cell in row]
    return len(table.rows) >= 3 and sum(looks_numeric(c) for c in cells) >= len(table.rows)
