"""A cache for pure functions of short texts.

Every unit of a batch shares most of its template's text, and the editor's
preview renders the plan being typed again and again: cleaning a field,
making a paragraph's runs and its plain text give the same answer for the
same text, so each is computed once per process while it stays cached. Only
calls whose texts are short (LONGEST characters in all) are cached, so a
long-running process holds at most MAXSIZE × a few KB per function whatever
it is sent.
"""

from __future__ import annotations

import functools
from typing import Callable, TypeVar

F = TypeVar("F", bound=Callable)

MAXSIZE = 2048
LONGEST = 2000


def _length(values) -> int:
    total = 0
    for value in values:
        if isinstance(value, str):
            total += len(value)
        elif isinstance(value, tuple):
            total += _length(value)
    return total


def short_text_cache(function: F) -> F:
    """``functools.lru_cache`` (typed: ``Markup("a")`` is not ``"a"``) for
    calls whose string arguments, tuples of them included, are short."""
    cached = functools.lru_cache(maxsize=MAXSIZE, typed=True)(function)

    @functools.wraps(function)
    def call(*args, **kwargs):
        if _length(args) + _length(kwargs.values()) <= LONGEST:
            return cached(*args, **kwargs)
        return function(*args, **kwargs)

    call.cache_info = cached.cache_info  # type: ignore[attr-defined]
    return call  # type: ignore[return-value]
