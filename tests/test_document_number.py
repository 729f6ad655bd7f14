"""The one formatter of a document's number and symbol (Decree 30, Appendix I:
numbers below 10 take a leading zero), and the places that print it."""

from __future__ import annotations

import pytest

from docgen.document.context import number_line, reference_line
from docgen.vietnamese.document_number import number_digits, number_text


@pytest.mark.parametrize("number, symbol, unknown, expected", [
    (5, "KH-UBND", "…", "05/KH-UBND"),
    (10, "BC-UBND", "…", "10/BC-UBND"),
    (2314, "KH-UBND", "…", "2314/KH-UBND"),
    (None, "KH-UBND", "…", "…/KH-UBND"),
    (None, "KH-UBND", "      ", "      /KH-UBND"),
])
def test_number_text(number, symbol, unknown, expected):
    assert number_text(number, symbol, unknown) == expected


def test_number_digits():
    assert [number_digits(n) for n in (1, 9, 10, 99, 100)] == ["01", "09", "10", "99", "100"]


def test_the_header_and_the_appendix_line_print_it(plans):
    plan = plans["002"]
    numbered = plan.model_copy(update={"header": plan.header.model_copy(update={"number": 7})})
    assert number_line(numbered) == "Số: 07/KH-UBND"
    assert "số 07/KH-UBND ngày" in reference_line(numbered)
    draft = plan.model_copy(update={"header": plan.header.model_copy(update={"number": None})})
    assert number_line(draft) == "Số:      /KH-UBND"
