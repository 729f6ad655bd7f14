"""A document's number and symbol as Decree 30 writes them: ``05/KH-UBND``
(numbers below 10 take a leading zero, Appendix I), ``…/KH-UBND`` or a blank
where a draft has no number yet. The one formatter of "number/symbol" for the
header, the citations, the register, the checks' advice and the file names."""

from __future__ import annotations

UNKNOWN = "…"  # a number the cited document has not got yet


def number_digits(number: int) -> str:
    """``5`` -> ``05``; ``2314`` -> ``2314``."""
    return f"{number:02d}"


def number_text(number: int | None, symbol: str, unknown: str = UNKNOWN) -> str:
    """``05/KH-UBND``; ``unknown`` (``…``, or the blank of a draft's header)
    in place of a number not given yet."""
    return f"{unknown if number is None else number_digits(number)}/{symbol}"
