"""The editor's appendix upload (``POST /api/appendix/rows``): a spreadsheet
read by the core's reader (``docgen.sheets.spreadsheet``), as the grid of cells
the editor places like a block pasted from Excel."""

from __future__ import annotations

from .spreadsheet import (  # noqa: F401 (the API's names for the reader's limits and errors)
    MAX_COLUMNS,
    MAX_ROWS,
    Cell,
    TableFileUnreadable,
    UncomputedFormula,
    UnsupportedTableFile,
    read_sheet_rows,
)


def read_table_file(filename: str, content: bytes) -> list[list[Cell]]:
    """The grid of cells, blank rows dropped (a formula with no saved value
    reads as a blank, as Excel would show it before recalculating; a
    percentage as Excel shows it, ``71,43%``)."""
    return [
        ["" if isinstance(cell, UncomputedFormula) else cell for cell in row.cells]
        for row in read_sheet_rows(filename, content, percent_as_shown=True)
    ]
