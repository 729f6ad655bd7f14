"""The lists the editor offers and names things from, as the page carries
them (``#vocabulary``, read by static/js/vocabulary.js): the kinds of body
block, the column types and formulas of an appendix, and the section
numerals. Each is read here from its one table (``docgen.plan.model``,
``docgen.vietnamese.vn.roman``) when a page is made; the browser keeps no copy."""

from __future__ import annotations

from . import model
from ..vietnamese import vn

# Sections the editor names by numeral (Mục I … Mục C); a plan with more
# names the rest by their Arabic number.
SECTION_NUMERALS = 100


def editor_lists() -> dict:
    return {
        "blocks": [
            {"kind": kind.key, "name": kind.name, "fields": list(kind.fields),
             "start": {"kind": kind.key, **kind.start}, "then": kind.then or kind.key}
            for kind in model.BLOCK_KINDS
        ],
        "column_types": [{"key": kind.key, "name": kind.name} for kind in model.COLUMN_TYPES],
        "formulas": [
            {"key": formula.key, "name": formula.name, "operands": list(formula.operands),
             "shown": formula.shown, "shown_percent": formula.shown_percent or formula.shown,
             "result": formula.result}
            for formula in model.FORMULAS
        ],
        "numerals": [vn.roman(n) for n in range(1, SECTION_NUMERALS + 1)],
    }
