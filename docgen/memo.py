"""Small bounded caches for pure functions, shared by a server's threads.

- :func:`short_texts`: a function of a text (and flags) keeps its last
  answers for texts up to ``limit`` characters. The editor sends the whole
  plan on every keystroke and only one field changed, so most paragraphs
  are the ones just turned into runs or HTML; longer texts are never kept,
  so a client cannot fill the memory with them.
- :class:`Recent`: the last few values computed, by key (an LRU).
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict


def short_texts(maxsize: int = 2048, limit: int = 1000):
    def decorate(function):
        cached = functools.lru_cache(maxsize)(function)

        @functools.wraps(function)
        def call(text, *args, **kwargs):
            if len(text) <= limit:
                return cached(text, *args, **kwargs)
            return function(text, *args, **kwargs)

        call.cache_clear = cached.cache_clear
        return call

    return decorate


class Recent:
    """The last ``size`` values computed, by key; ``compute`` runs outside the
    lock (two threads may compute the same value once each)."""

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
