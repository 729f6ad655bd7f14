"""Waiting for a condition instead of sleeping a guessed time: the one place
the tests poll."""

from __future__ import annotations

import time
from typing import Callable, TypeVar

T = TypeVar("T")


def wait_until(condition: Callable[[], T], seconds: float, failure: str | Callable[[], str],
               every: float = 0.02) -> T:
    """Call ``condition`` until it returns something true, and return that;
    AssertionError with ``failure`` (or what it returns) once ``seconds``
    have passed. The time limit is a bound on a hang, never a measurement."""
    deadline = time.monotonic() + seconds
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() >= deadline:
            raise AssertionError(failure() if callable(failure) else failure)
        time.sleep(every)
