"""A block of cells pasted from Excel or read from a .xlsx/.csv file, read
into an appendix the way the clerk means it.

- The first line is a header when it names the table's columns, or when it
  has no figures while the next line has. A header cell "STT" is the table's
  own numbering and is not a column.
- A last line whose first filled cell says Tổng / Cộng / Tổng cộng (any case,
  diacritics or colon) is Excel's total row: not data. Its figures are
  compared with the ones the table computes, and a difference is reported
  with the column's title and both figures.
- A new column is a percent column when its title says so ("Tỷ lệ", "%") or
  its figures carry ``%``. Figures are read by the one reader of figures
  (:func:`docgen.vietnamese.vn.read_figure`) with the block's convention: when every
  figure of the block that reads one way only is written the same way
  (``1,234.5``: English), the figures that read two ways (``1,240``) follow
  it, and a notice says which convention was used; otherwise ``1,240`` is
  left as pasted and the model refuses it with both readings. The rows come
  back with each figure read (a number; a percent as its fraction), so the
  editor shows what was computed; a cell that cannot be read keeps its text.
- A pasted column that equals, row by row and within the rounding it was
  printed with, a ratio or a difference of two columns to its left or a
  per-day share of one, is offered as that computed column; nothing changes
  until the clerk accepts.

The editor (paste box, paste into a cell) and ``POST /api/appendix/rows``
(uploads) both read through :func:`read_grid`; the batch units table uses
:func:`is_total_row` and :func:`convention_notes`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from fractions import Fraction

from ..vietnamese import vn
from ..plan.appendix import apply_formula, format_value
from ..plan.model import Column, read_cell

Cell = str | int | float

_TYPES = ("text", "number", "percent")
_TOTAL_LABELS = {"tong", "cong", "tong cong", "tong so"}
_NUMBERING_TITLES = {"stt", "tt", "so tt", "so thu tu"}
_FIGURE = re.compile(r"\s*(?=[\d.,\s]*\d)[\d.,\s]+%?\s*")


def plain(text) -> str:
    """Lower case words without diacritics or punctuation, for comparing
    what clerks type: ``Tổng cộng:`` -> ``tong cong``."""
    return vn.slug(str(text if text is not None else "")).lower().replace("-", " ")


def is_total_label(cell) -> bool:
    """``Tổng``, ``TỔNG CỘNG:``, ``Cộng``, ``tong cong`` …"""
    if not isinstance(cell, str):
        return False
    return plain(cell) in _TOTAL_LABELS


def is_total_row(cells: list[Cell]) -> bool:
    """A row whose first filled cell is a total label."""
    first = next((c for c in cells if str(c).strip() != ""), None)
    return is_total_label(first)


def looks_numeric(cell) -> bool:
    """``16.283``, ``76,62%``, ``12 476``, a number cell; not ``Xã 5``."""
    if isinstance(cell, bool):
        return False
    if isinstance(cell, (int, float)):
        return True
    return isinstance(cell, str) and _FIGURE.fullmatch(cell) is not None


def _filled(cell) -> bool:
    return str(cell if cell is not None else "").strip() != ""


def column_key(title: str, taken: list[str]) -> str:
    """A key the model accepts (``[a-z][a-z0-9_]*``), unique in the table:
    ``Đã kích hoạt (mức 1)`` -> ``da_kich_hoat_muc_1``."""
    base = plain(title).replace(" ", "_")
    if not re.match(r"[a-z]", base):
        base = f"cot_{base}" if base else "cot"
    base = base[:30]
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def _percent_title(title: str) -> bool:
    return "%" in str(title) or "ty le" in plain(title)


def _inferred_type(title: str, values: list[Cell]) -> str:
    filled = [v for v in values if _filled(v)]
    if not filled or not all(looks_numeric(v) for v in filled):
        return "text"
    if _percent_title(title) or any(str(v).strip().endswith("%") for v in filled):
        return "percent"
    return "number"


# --- figures --------------------------------------------------------------------


def _figure(column: dict, cell, convention: str | None = None) -> Fraction | None:
    """The cell's value (a fraction for a percent column), or None when blank
    or not a figure (the model reports those when the table is computed)."""
    try:
        value = read_cell(_typed(column), cell, convention)
    except ValueError:
        return None
    return None if value is None else Fraction(Decimal(repr(value)) if isinstance(value, float) else value)


_CELL_KINDS = {kind: Column(key="cell", title="cell", type=kind) for kind in _TYPES}


def _typed(column: dict) -> Column:
    return _CELL_KINDS.get(column.get("type"), _CELL_KINDS["text"])


def _written(cell, convention: str | None) -> Decimal | None:
    """The figure as written, with the decimals it was written with."""
    try:
        return vn.read_figure(str(cell).strip().removesuffix("%"), convention)
    except ValueError:
        return None


def _decimals(cell, convention: str | None) -> int:
    written = _written(cell, convention) if isinstance(cell, str) else None
    return max(0, -written.as_tuple().exponent) if written is not None else 0


def _tolerance(column: dict, cell, convention: str | None = None) -> Fraction:
    """Half a unit of the last digit the cell was printed with."""
    percent = column.get("type") == "percent"
    if isinstance(cell, (int, float)):
        return Fraction(1, 20000) if percent else Fraction(1, 200)
    half = Fraction(1, 2 * 10**_decimals(cell, convention))
    if percent:
        points = str(cell).strip().endswith("%") or (_figure({"type": "number"}, cell, convention) or 0) > 1
        if points:
            half /= 100
    return half + Fraction(1, 10**9)


def _read_figures(columns: list[dict], rows: list[dict[str, Cell]],
                  convention: str | None) -> list[dict[str, Cell]]:
    """Rows with every figure read (a number; a percent as its fraction);
    a cell that cannot be read keeps its text for the model to refuse."""
    kinds = {c["key"]: _typed(c) for c in columns if c.get("type") in ("number", "percent")}
    out = []
    for row in rows:
        read = dict(row)
        for key, cell in row.items():
            if key in kinds and _filled(cell):
                try:
                    read[key] = read_cell(kinds[key], cell, convention)
                except ValueError:
                    pass
        out.append(read)
    return out


def _as_read(text: str, convention: str) -> str:
    """``1,240`` read in ``convention``, in the Vietnamese form: ``1.240``."""
    return vn.figure_text(vn.read_figure(text.removesuffix("%"), convention)) + ("%" if text.endswith("%") else "")


def convention_notes(block: vn.BlockConvention, figures: str = "Các số đã dán") -> tuple[list[str], list[str]]:
    """(notices, warnings) on how the block's ``figures`` were read."""
    notices, warnings = [], []
    commas = [text for text in block.two_ways if "," in text]
    names = vn.CONVENTION_NAMES
    if block.convention == vn.ENGLISH:
        read = f"; “{block.two_ways[0]}” là {_as_read(block.two_ways[0], vn.ENGLISH)}" if block.two_ways else ""
        notices.append(f"{figures} viết {names[vn.ENGLISH]} (vd. “{block.examples[vn.ENGLISH]}”): đã đọc dấu "
                       f"phẩy là dấu ngăn cách hàng nghìn, dấu chấm là dấu thập phân{read}.")
    elif block.convention == vn.VIETNAMESE and commas:
        notices.append(f"{figures} viết {names[vn.VIETNAMESE]} (vd. “{block.examples[vn.VIETNAMESE]}”): "
                       f"“{commas[0]}” đã đọc là {_as_read(commas[0], vn.VIETNAMESE)} (dấu phẩy thập phân).")
    elif commas:
        mixed = (f" vì khối ô có cả số viết {names[vn.VIETNAMESE]} (vd. “{block.examples[vn.VIETNAMESE]}”) lẫn "
                 f"{names[vn.ENGLISH]} (vd. “{block.examples[vn.ENGLISH]}”)") if block.mixed else ""
        warnings.append(f"{len(commas)} ô chưa rõ là số nào, vd. “{commas[0]}” là {_as_read(commas[0], vn.ENGLISH)} "
                        f"hay {_as_read(commas[0], vn.VIETNAMESE)}{mixed}: các ô này giữ nguyên như đã viết và "
                        "được đánh dấu; hãy sửa từng ô.")
    return notices, warnings


# --- the reading ------------------------------------------------------------------


@dataclass
class Suggestion:
    """A pasted column that is in fact computed: ``compute`` of ``of``."""

    column: str
    compute: str
    of: list[str]
    formula: str  # as the editor shows it: “Tỷ lệ” = “Đã làm” / “Chỉ tiêu” × 100
    message: str


@dataclass
class GridReading:
    columns: list[dict]                # the table's columns, new ones appended
    rows: list[dict[str, Cell]]        # data rows, by column key, cells as pasted
    header: bool                       # line 1 was the column titles
    total_line: int | None = None      # 1-based line of the pasted total row
    total: dict[str, Cell] | None = None
    computed: list[str] = field(default_factory=list)  # titles of pasted columns the table computes
    suggestions: list[Suggestion] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)   # how the figures were read
    convention: str | None = None      # "vi"/"en": the block's, when its figures agree
    decimals: dict[str, int] = field(default_factory=dict)  # most decimals written, per percent column

    def as_json(self) -> dict:
        return asdict(self)


def formula_text(column: dict, columns: list[dict]) -> str:
    """``“Tỷ lệ” = “Đã kích hoạt” / “Chỉ tiêu” × 100``: operands by title."""
    titles = {c["key"]: c.get("title") or c["key"] for c in columns}
    name = lambda key: f"“{titles.get(key, key)}”"  # noqa: E731
    of = list(column.get("of") or [])
    left = name(column["key"])
    if column.get("compute") == "ratio" and len(of) == 2:
        times = " × 100" if column.get("type") == "percent" else ""
        return f"{left} = {name(of[0])} / {name(of[1])}{times}"
    if column.get("compute") == "difference" and len(of) == 2:
        return f"{left} = {name(of[0])} − {name(of[1])}"
    if column.get("compute") == "per_day" and len(of) == 1:
        return f"{left} = {name(of[0])} / số ngày của đợt"
    return ""


def read_grid(grid: list[list[Cell]], columns: list[dict], *, start_column: int = 0,
              fresh: bool = False, days: int | None = None, figures: str = "Các số đã dán") -> GridReading:
    """Fit ``grid`` (lines of cells) to an appendix's ``columns``; ``fresh``:
    the table has no figures yet, so a header that names none of its columns
    renames them; ``start_column``: the entered column a paste starts at;
    ``figures``: what the notices call the grid's figures."""
    grid = [list(line) for line in grid if any(_filled(c) for c in line)]
    all_columns = [{**c, "type": c.get("type") if c.get("type") in _TYPES else "text"} for c in columns]
    entered = [c for c in all_columns if not c.get("compute")]
    if not grid:
        return GridReading(all_columns, [], False)
    first = grid[0]
    by_title = [next((c for c in all_columns if plain(c.get("title")) == plain(cell) or c["key"] == str(cell).strip()),
                     None) if _filled(cell) else None for cell in first]
    matches = sum(1 for c in by_title if c)
    first_has_figures = any(looks_numeric(c) for c in first)
    second_has_figures = len(grid) > 1 and any(looks_numeric(c) for c in grid[1])
    header = len(grid) > 1 and not first_has_figures and (matches > 0 or second_has_figures)
    data = grid[1:] if header else grid
    total_cells, total_line = None, None
    if data and is_total_row(data[-1]) and (len(data) > 1 or header):
        total_cells = data.pop()
        total_line = len(grid)

    width = max(len(line) for line in grid)
    taken = [c["key"] for c in all_columns]
    keys: list[str | None] = []
    computed_at: dict[int, str] = {}  # pasted columns the table computes itself
    next_entered = start_column
    for j in range(width):
        title = str(first[j]).strip() if header and j < len(first) and _filled(first[j]) else ""
        values = [line[j] if j < len(line) else "" for line in data]
        if header and plain(title) in _NUMBERING_TITLES and not by_title[j]:
            keys.append(None)  # the table numbers its rows itself
            continue
        if header and matches > 0:
            column = by_title[j] if j < len(by_title) else None
            if column is not None and column.get("compute"):
                keys.append(None)  # computed by the table; only its pasted total is compared
                computed_at[j] = column["key"]
                continue
        else:
            column = entered[next_entered] if next_entered < len(entered) else None
            next_entered += 1
        if column is not None and header and matches == 0 and fresh and title:
            column["title"] = title
            column["type"] = _inferred_type(title, values)
        if column is None:
            title = title or f"Cột {len(all_columns) + 1}"
            column = {"key": column_key(title, taken), "title": title, "type": _inferred_type(title, values)}
            taken.append(column["key"])
            all_columns.append(column)
        keys.append(column["key"])

    percent = {c["key"] for c in all_columns if c.get("type") == "percent"}

    def by_key(line: list[Cell]) -> dict[str, Cell]:
        row: dict[str, Cell] = {}
        for j, key in enumerate(keys):
            if key is not None:
                value = line[j] if j < len(line) else ""
                if key in percent and isinstance(value, (int, float)) and not isinstance(value, bool) and value > 1:
                    # A plain number under "Tỷ lệ (%)" is read as typed: 71,43
                    # is 71,43%, 0,7143 too (a percent-formatted cell already
                    # came as its text, 71,43%).
                    value = float(Decimal(repr(value)) / 100)
                row[key] = "" if value is None else value
        return row

    pasted_rows = [by_key(line) for line in data]
    total = None
    if total_cells is not None:
        total = by_key(total_cells)
        total.update({key: total_cells[j] for j, key in computed_at.items() if j < len(total_cells)})
    figure_keys = [c["key"] for c in all_columns if c.get("type") in ("number", "percent")]
    block = vn.block_convention(row.get(key) for row in pasted_rows + ([total] if total else [])
                                for key in figure_keys)
    convention = block.convention
    reading = GridReading(all_columns, _read_figures(all_columns, pasted_rows, convention), header,
                          computed=[c.get("title") or c["key"] for c in all_columns if c["key"] in computed_at.values()],
                          convention=convention)
    reading.notices, reading.warnings = convention_notes(block, figures)
    reading.decimals = {c["key"]: max((_decimals(row.get(c["key"]), convention) for row in pasted_rows), default=0)
                        for c in all_columns if c.get("type") == "percent"}
    pasted = [c for c in all_columns if c["key"] in keys]
    reading.suggestions = _suggestions(pasted, all_columns, reading.rows, pasted_rows, days, convention)
    if total is not None:
        reading.total_line = total_line
        reading.total = total
        reading.warnings += _total_differences(all_columns, reading.rows, total, reading.suggestions, days,
                                               convention)
    return reading


# --- computed columns hidden among the pasted ones ----------------------------------


# Cells compared at most while looking for computed columns: a pasted block
# is at most 5.000 lines, and a wide one must not keep the server busy.
SEARCH_BUDGET = 400_000


def computed_columns(columns: list[Column], rows: list[dict], days: int | None) -> list[Suggestion]:
    """The entered columns of a table whose figures are in fact computed from
    other columns (a difference, a ratio, a per-day share), found as for a
    pasted block: what a table imported from Word or Excel holds as plain
    figures ("Chỉ tiêu còn lại" = target − done)."""
    plain = [c.model_dump(exclude_none=True) for c in columns]
    return _suggestions(plain, plain, rows, rows, days, None)


def _value(cell) -> Fraction | None:
    """A cell of the rows as read: its figure, or None (blank, or left as
    written because it could not be read)."""
    if isinstance(cell, bool) or not isinstance(cell, (int, float)):
        return None
    return Fraction(Decimal(repr(cell))) if isinstance(cell, float) else Fraction(cell)


def _suggestions(pasted: list[dict], columns: list[dict], rows: list[dict], written: list[dict],
                 days: int | None, convention: str | None) -> list[Suggestion]:
    """``rows`` as read, ``written`` as pasted (for the rounding each
    figure was printed with)."""
    figures = [c for c in pasted if c.get("type") == "number" and not c.get("compute")]
    values = {c["key"]: [_value(row.get(c["key"])) for row in rows] for c in figures}
    nonzero = {key: any(values[key]) for key in values}
    budget = SEARCH_BUDGET
    found: list[Suggestion] = []

    for column in pasted:
        if column.get("compute") or column.get("type") == "text":
            continue
        key = column["key"]
        own = [(i, _value(row.get(key))) for i, row in enumerate(rows)]
        own = [(i, value, _tolerance(column, written[i].get(key), convention))
               for i, value in own if value is not None]
        if not any(value for _, value, _ in own):
            continue  # blank or all zero: nothing to recognise
        # Excel computes to the right of the figures it uses: only columns
        # further left are operands (so "done" is never "target − remaining"),
        # and a column of zeros is no operand (a − 0 is a copy of a).
        operands = [c["key"] for c in figures if pasted.index(c) < pasted.index(column) and nonzero[c["key"]]]
        if column["type"] == "percent":
            candidates = [("ratio", [a, b]) for a in operands for b in operands if a != b]
        else:
            candidates = [("difference", [a, b]) for a in operands for b in operands if a != b]
            if days:
                candidates += [("per_day", [a]) for a in operands]
        for compute, of in candidates:
            if budget <= 0:
                return found
            budget -= len(own)
            probe = _probe(column, compute, of)
            # A per-day share may have been rounded up or down in Excel.
            slack = Fraction(1) if compute == "per_day" else Fraction(0)
            if _matches(probe, own, values, days, slack):
                proposed = {**column, "compute": compute, "of": of}
                formula = formula_text(proposed, columns)
                found.append(Suggestion(key, compute, of, formula,
                                        f"Số liệu cột “{column.get('title') or key}” khớp ở mọi dòng với "
                                        f"công thức {formula}: có thể để chương trình tự tính."))
                break
    return found


def _matches(probe: Column, own, values, days, slack: Fraction) -> bool:
    """Every row that has the column's figure agrees with the formula, within
    the rounding it was printed with (a ratio over 0 must be 0)."""
    for row, value, tolerance in own:
        result = apply_formula(probe, {key: values[key][row] for key in probe.of}, days)
        if result is None:
            if value != 0:
                return False
            continue
        if abs(value - Fraction(result)) > max(tolerance, slack):
            return False
    return True


def _probe(column: dict, compute, of) -> Column | None:
    """A column with ``compute`` of ``of``, for appendix.apply_formula (the
    column's own key and title, typed by the clerk, play no part); None when
    the formula is not one the model knows (a table still being edited)."""
    try:
        return Column(key="probe", title="probe", type=column["type"], compute=compute,
                      of=[str(k) for k in of] if isinstance(of, list) else [])
    except ValueError:
        return None


# --- the pasted total row ---------------------------------------------------------


def _total_differences(columns: list[dict], rows: list[dict], pasted: dict[str, Cell],
                       suggestions: list[Suggestion], days: int | None, convention: str | None) -> list[str]:
    """One message per column whose pasted total differs from the one
    computed from ``rows`` (as read)."""
    formulas = {s.column: s for s in suggestions}
    totals: dict[str, Fraction | None] = {}
    for column in columns:
        if column.get("type") == "number" and not column.get("compute") and column["key"] not in formulas:
            figures = [_value(row.get(column["key"])) for row in rows]
            figures = [f for f in figures if f is not None]
            totals[column["key"]] = sum(figures, Fraction(0)) if figures else None
    for column in columns:
        formula = formulas.get(column["key"]) or (column if column.get("compute") else None)
        if formula is None or column.get("type") == "text":
            continue
        compute = formula.compute if isinstance(formula, Suggestion) else formula["compute"]
        of = formula.of if isinstance(formula, Suggestion) else formula.get("of")
        probe = _probe(column, compute, of)
        if probe is None:
            continue
        result = apply_formula(probe, totals, days)
        totals[column["key"]] = None if result is None else Fraction(result)

    messages = []
    for column in columns:
        key = column["key"]
        cell = pasted.get(key)
        if column.get("type") == "text" or not _filled(cell) or key not in totals:
            continue
        given, computed = _figure(column, cell, convention), totals[key]
        if given is None or computed is None:
            continue
        if abs(given - computed) > _tolerance(column, cell, convention):
            decimals = column.get("decimals")
            printed = Column(key="shown", title="shown", type=column["type"],
                             decimals=decimals if isinstance(decimals, int) and 0 <= decimals <= 6 else 2)
            messages.append(
                f"Dòng tổng đã dán ghi cột “{column.get('title') or key}” là {str(cell).strip()}, "
                f"nhưng tính từ các dòng được {format_value(printed, computed)}; "
                "bảng dùng số tính được.")
    return messages
