"""A cache for pure functions of short texts.

Every unit of a batch shares most of its template's text, and the editor's
preview renders the plan being typed again and again: cleaning a field,
making a paragraph's runs and its plain text give the same answer for the
same text, so each is computed once per process while it stays cached. Only
calls whose text is short (LONGEST characters) are cached, so a
long-running process holds at most MAXSIZE such texts per function whatever
it is sent. :class:`Recent` keeps the last few values of a costlier
computation by key (the review page of a version).
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from typing import Callable, TypeVar

F = TypeVar("F", bound=Callable)

MAXSIZE = 2048
LONGEST = 2000


def short_text_cache(function: F | None = None, *, size: Callable[..., int] | None = None):
    """``functools.lru_cache`` (typed: ``Markup("a")`` is not ``"a"``) for
    the calls whose text is at most LONGEST characters long; ``size(*args)``
    measures it (default: the length of the first argument)."""

    def decorate(function: F) -> F:
        cached = functools.lru_cache(maxsize=MAXSIZE, typed=True)(function)

        if size is None:
            @functools.wraps(function)
            def call(text, *args, **kwargs):
                if len(text) <= LONGEST:
                    return cached(text, *args, **kwargs)
                return function(text, *args, **kwargs)
        else:
            @functools.wraps(function)
            def call(*args, **kwargs):
                if size(*args) <= LONGEST:
                    return cached(*args, **kwargs)
                return function(*args, **kwargs)

        call.cache_info = cached.cache_info  # type: ignore[attr-defined]
        return call  # type: ignore[return-value]

    return decorate(function) if function is not None else decorate


class Recent:
    """The last ``size`` values computed, by key (an LRU shared by a server's
    threads); ``compute`` runs outside the lock (two threads may compute the
    same value once each)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, compute):
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = compute()
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value
