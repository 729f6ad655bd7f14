"""Work on what anyone may send, within a budget.

The editor needs no account, so its import (a Word file, a text, a plan
file), its appendix upload (a spreadsheet) and its check of a plan parse
what any visitor sends. Each of those runs in a worker process, the batch's
time-limited workers (``docgen.batch.pool``), killed past the budget:

- ``DOCGEN_PARSE_SECONDS`` (default 10): CPU seconds of one request's work
  (the process gets SIGXCPU past them; three times as many seconds of wall
  clock and it is killed);
- ``DOCGEN_PARSE_MEMORY_MB`` (default 512): memory it may take on top of
  what it starts with (past it, an allocation fails and the work stops);
- ``DOCGEN_PARSE_WORKERS`` (default: half the CPUs, at least 1): such
  workers at once per server process; twice as many requests may wait for
  one (for at most the CPU seconds above), and a request beyond that is
  answered 503 at once (Retry-After), so uploads hold at most three times
  that many of the server's threads (of the 8 of ``docgen serve``).

What is cheap to refuse is refused inside the worker before anything is
built: a Word file's parts are counted as they stream out of the ZIP
(``docgen.word.package.ContentLimits``). Past the budget the answer is 413
with a Vietnamese message naming it (:class:`OverBudget`).

A worker is forked from the web process as the batch's are: it starts in
milliseconds with every reader already imported. A lock another thread held
at the fork stays held in the child; the work done there (parsing, no
database, no logging) takes none that a request holds for long, and a child
that waited on one anyway would be killed at the time limit.
"""

from __future__ import annotations

import math
import os
import pickle
import threading
from dataclasses import dataclass
from typing import Callable

from flask import Flask, current_app

from ..vietnamese import vn
from ..batch.limits import positive_setting, seconds_text
from ..batch.pool import ItemFailed, ItemTimeout, WorkerDied, limited_map

MB = 1024 * 1024
WALL_FACTOR = 3  # wall-clock seconds per CPU second: a busy machine shares its cores
WAITING = 2  # requests that may wait, per worker
RETRY_AFTER = 5  # seconds, when every worker is busy


@dataclass(frozen=True)
class ParseBudget:
    seconds: float = 10.0
    memory_bytes: int = 512 * MB
    workers: int = max(1, (os.cpu_count() or 2) // 2)

    @classmethod
    def from_env(cls, environ=os.environ) -> ParseBudget:
        return cls(
            seconds=positive_setting(environ, "DOCGEN_PARSE_SECONDS", cls.seconds),
            memory_bytes=int(positive_setting(environ, "DOCGEN_PARSE_MEMORY_MB", cls.memory_bytes / MB) * MB),
            workers=max(1, int(positive_setting(environ, "DOCGEN_PARSE_WORKERS", cls.workers))),
        )

    @property
    def described(self) -> str:
        """``10 giây xử lý và 512 MB bộ nhớ``."""
        return (f"{seconds_text(self.seconds)} giây xử lý và "
                f"{vn.format_number(self.memory_bytes // MB)} MB bộ nhớ")


class OverBudget(Exception):
    """The work went past the budget and its worker was stopped (413)."""

    def __init__(self, budget: ParseBudget):
        self.message = (f"tệp hoặc văn bản quá lớn, quá phức tạp để đọc: vượt giới hạn {budget.described} "
                        "của một lần đọc; hãy bỏ bớt nội dung hoặc chia thành nhiều tệp")
        super().__init__(self.message)


class Busy(Exception):
    """Every worker is taken and enough requests wait for one (503)."""

    message = ("Máy chủ đang bận đọc các tệp khác; hãy thử lại sau ít giây. "
               "Nội dung đã nhập vẫn được giữ trong trình duyệt.")

    def __init__(self):
        super().__init__(self.message)


# --- in the worker -------------------------------------------------------------------


def _limit_cpu(seconds: float) -> None:
    try:
        import resource

        soft = max(1, math.ceil(seconds))
        resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 1))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # SIGXCPU leaves no core file
    except (ImportError, OSError, ValueError):
        pass  # not Linux: the wall-clock limit still holds


def _worker(seconds: float) -> Callable:
    """Called once in the worker process: its CPU limit, then the job."""
    _limit_cpu(seconds)
    return _call


def _call(job) -> tuple:
    function, args = job
    try:
        return "ok", function(*args)
    except MemoryError:
        return "memory", None
    except Exception as error:  # noqa: BLE001 - raised again in the web process when it can be
        try:
            pickle.loads(pickle.dumps(error))
        except Exception:  # noqa: BLE001 - an exception that does not survive the pipe
            return "failed", f"{type(error).__name__}: {error}"
        return "raised", error


# --- in the web process ----------------------------------------------------------------


class ParseWorkers:
    """The budget and the gate of one server process."""

    def __init__(self, budget: ParseBudget) -> None:
        self.budget = budget
        self._slots = threading.BoundedSemaphore(budget.workers)
        self._lock = threading.Lock()
        self._admitted = 0  # requests running or waiting

    def run(self, function: Callable, *args):
        """``function(*args)`` in a worker process: its result, or what it
        raised raised again here; :class:`OverBudget`, :class:`Busy`.
        ``function`` is module-level (the worker imports it by name)."""
        with self._lock:
            if self._admitted >= (1 + WAITING) * self.budget.workers:
                raise Busy()
            self._admitted += 1
        try:
            if not self._slots.acquire(timeout=self.budget.seconds):
                raise Busy()
            try:
                return self._in_worker(function, args)
            finally:
                self._slots.release()
        finally:
            with self._lock:
                self._admitted -= 1

    def _in_worker(self, function: Callable, args: tuple):
        budget = self.budget
        try:
            [(kind, value)] = list(limited_map(
                _worker, (budget.seconds,), [(function, args)], processes=1,
                seconds=budget.seconds * WALL_FACTOR, memory_bytes=budget.memory_bytes))
        except (ItemTimeout, WorkerDied):
            raise OverBudget(budget) from None  # killed at the wall clock, SIGXCPU, or by the system
        except ItemFailed as error:
            if error.detail.startswith("MemoryError"):
                raise OverBudget(budget) from None
            raise RuntimeError(f"parse worker failed: {error.detail}") from None
        if kind == "ok":
            return value
        if kind == "memory":
            raise OverBudget(budget)
        if kind == "raised":
            raise value
        raise RuntimeError(f"parse worker failed: {value}")


def parse_workers() -> ParseWorkers:
    return current_app.extensions["docgen.parse_workers"]


def within_budget(function: Callable, *args):
    """``function(*args)`` within this app's budget (:meth:`ParseWorkers.run`)."""
    return parse_workers().run(function, *args)


def init_budget(app: Flask) -> None:
    budget = app.config.get("PARSE_BUDGET") or ParseBudget.from_env()
    app.extensions["docgen.parse_workers"] = ParseWorkers(budget)
