"""Worker processes with a time limit on each item, for rendering the units
of a batch.

``multiprocessing.Pool`` cannot stop one task that runs too long. Here each
worker gets, through its own pipe, the job (``make_worker`` and its
arguments, called once in the worker) and then chunks of consecutive items
(up to CHUNK), at most PREFETCH chunks ahead so that it never waits for the
parent between items. It answers every item as soon as it is done, in
order: an item starts when the worker answers the one before it, so the
parent knows when every item started. An item that used more than
``seconds`` of CPU (on Linux, read from ``/proc``; elsewhere, of the wall
clock), or that is still not answered after ``WALL_FACTOR`` times that on
the wall clock, gets its worker killed (SIGKILL stops even a long C
routine) and :class:`ItemTimeout` raised: a unit that waits for a CPU on a
busy server is not taken for a runaway template. Starting a worker (forking, compiling the Word
template) does not count towards an item's time. Each worker's address
space may also be capped (``memory_bytes`` over what it had when the job
came), so an allocation that slipped past the template sandbox ends in
``MemoryError`` instead of swapping.

The workers can be forked before the caller reads its inputs
(:class:`Workers`, as ``docgen batch`` does): a forked worker starts with
the memory its parent has, and a 10,000-row sheet read first would be
counted three times over.

Results come back in the order of the items, whichever worker finished
first.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from multiprocessing.connection import wait
from typing import Callable, Iterator, Sequence

START_SECONDS = 120  # forking and compiling the Word template on a busy machine
CHUNK = 16  # items sent to a worker in one message
PREFETCH = 2  # chunks a worker holds: the next is sent when it finished one
WALL_FACTOR = 10  # an item still running after this many times its CPU limit on the wall clock is stopped too
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_seconds(pid: int) -> float | None:
    """The CPU time (user and system) process ``pid`` has used; None where
    /proc cannot tell."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS
    except (OSError, ValueError, IndexError):
        return None


class ItemTimeout(Exception):
    """Item ``index`` ran longer than the limit; its worker was killed."""

    def __init__(self, index: int, seconds: float):
        self.index, self.seconds = index, seconds
        super().__init__(f"item {index} ran longer than {seconds:g} s")


class ItemFailed(Exception):
    """``worker(item)`` raised; ``detail`` is the exception as text."""

    def __init__(self, index: int, detail: str):
        self.index, self.detail = index, detail
        super().__init__(f"item {index} failed: {detail}")


class WorkerDied(Exception):
    """A worker ended without answering (killed by the system, crashed)."""

    def __init__(self, index: int | None, detail: str):
        self.index, self.detail = index, detail
        super().__init__(f"worker died on item {index}: {detail}")


def _limit_memory(extra_bytes: int | None) -> None:
    if not extra_bytes:
        return
    try:
        import resource

        with open("/proc/self/statm") as statm:
            current = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = current + extra_bytes
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ImportError, OSError, ValueError):
        pass  # not Linux: the time limit still holds


def _serve(connection, warm: Callable | None = None) -> None:
    """A worker: ``warm()`` (while the parent reads its inputs), one job,
    then its items chunk by chunk until None."""
    if warm is not None:
        warm()
    try:
        job = connection.recv()
    except EOFError:
        return
    if job is None:
        return
    make_worker, args, memory_bytes = job
    _limit_memory(memory_bytes)
    work = make_worker(*args)
    connection.send(("ready", None))
    while True:
        try:
            chunk = connection.recv()
        except EOFError:
            return
        if chunk is None:
            return
        for item in chunk:
            try:
                answer = ("done", work(item))
            except Exception as error:  # noqa: BLE001 - reported to the parent, which stops
                connection.send(("error", f"{type(error).__name__}: {error}"))
                break
            connection.send(answer)


class _Worker:
    def __init__(self, context, warm: Callable | None = None) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, warm), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.pending: deque[int] = deque()  # items sent, not answered; the first is in work
        self.since = time.monotonic()  # when its job was sent (or its first pending item started)
        self.cpu_since: float | None = None  # its CPU time then

    @property
    def index(self) -> int | None:
        """The item it works on."""
        return self.pending[0] if self.pending else None

    def _started_now(self) -> None:
        self.since = time.monotonic()
        self.cpu_since = _cpu_seconds(self.process.pid)

    def start(self, make_worker: Callable, args: tuple, memory_bytes: int | None) -> None:
        self._started_now()
        self.connection.send((make_worker, args, memory_bytes))

    def give(self, start: int, items: list) -> None:
        if not self.pending:
            self._started_now()
        self.pending.extend(range(start, start + len(items)))
        self.connection.send(items)

    def answered(self) -> int:
        self._started_now()
        return self.pending.popleft()

    def over(self, seconds: float, now: float) -> bool:
        """Whether its item is over the limit (see the module)."""
        wall = now - self.since
        if wall <= seconds:
            return False
        if wall > seconds * WALL_FACTOR:
            return True
        cpu = _cpu_seconds(self.process.pid)
        if cpu is None or self.cpu_since is None:
            return True
        return cpu - self.cpu_since > seconds

    def stop(self) -> None:
        """Ask it to end (it is idle), then make sure it did."""
        if self.process.is_alive() and self.index is None:
            try:
                self.connection.send(None)
            except OSError:
                pass

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()


def _context():
    return multiprocessing.get_context("fork" if os.name == "posix" else "spawn")


class Workers:
    """``processes`` worker processes started now, for one
    :func:`limited_map` later (``with Workers(2) as workers: …``). Each
    calls ``warm()`` at once (what every job needs, e.g. compiling the Word
    template). Those it does not use, and all of them when it is not called,
    are stopped on leaving the block."""

    def __init__(self, processes: int, warm: Callable | None = None) -> None:
        context = _context()
        self._workers = [_Worker(context, warm) for _ in range(max(1, processes))]

    def take(self, count: int) -> list[_Worker]:
        taken, self._workers = self._workers[:count], self._workers[count:]
        self.close()
        return taken

    def close(self) -> None:
        _stop(self._workers)
        self._workers = []

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _stop(workers: list[_Worker]) -> None:
    for worker in workers:
        worker.stop()
    for worker in workers:
        worker.process.join(timeout=0.5)
        worker.kill()


def limited_map(make_worker: Callable, args: tuple, items: Sequence, *, processes: int,
                seconds: float, memory_bytes: int | None = None,
                workers: Workers | None = None) -> Iterator:
    """``make_worker(*args)`` once in each of ``processes`` worker processes
    (``workers`` started beforehand, else forked now), then ``worker(item)``
    for every item; yields the results in order. Raises
    :class:`ItemTimeout` when an item takes longer than ``seconds``,
    :class:`ItemFailed` when ``worker(item)`` raises, :class:`WorkerDied`
    when a worker dies; every worker is stopped when the generator ends,
    early or not."""
    count = max(1, min(processes, len(items)))
    pool = workers.take(count) if workers is not None else []
    if items and not pool:  # none started beforehand (or all taken already)
        context = _context()
        pool = [_Worker(context) for _ in range(count)]
    if not items:
        _stop(pool)
        return
    # Small batches go in chunks of one item, so that every worker gets some.
    chunk = max(1, min(CHUNK, len(items) // (len(pool) * PREFETCH * 2)))
    results: dict[int, object] = {}
    next_item = next_result = 0
    try:
        for worker in pool:
            try:
                worker.start(make_worker, args, memory_bytes)
            except OSError:
                raise WorkerDied(None, "did not start") from None
        while next_result < len(items):
            for worker in pool:
                while worker.ready and len(worker.pending) <= (PREFETCH - 1) * chunk and next_item < len(items):
                    stop = min(next_item + chunk, len(items))
                    try:
                        worker.give(next_item, list(items[next_item:stop]))
                    except OSError:  # it died on the item it had
                        worker.process.join(timeout=1)
                        raise WorkerDied(worker.index, f"exit code {worker.process.exitcode}") from None
                    next_item = stop
            now = time.monotonic()
            deadlines = [w.since + (seconds if w.ready else START_SECONDS) - now
                         for w in pool if not w.ready or w.index is not None]
            # past a deadline on the wall clock but not over in CPU: look again shortly
            timeout = max(0.05, min(deadlines)) if deadlines else 0.0
            for connection in wait([w.connection for w in pool], timeout):
                worker = next(w for w in pool if w.connection is connection)
                try:
                    kind, value = connection.recv()
                except (EOFError, OSError):
                    raise WorkerDied(worker.index, f"exit code {worker.process.exitcode}") from None
                if kind == "ready":
                    worker.ready = True
                elif kind == "error":
                    raise ItemFailed(worker.index, value)
                else:
                    results[worker.answered()] = value
            now = time.monotonic()
            late = [w for w in pool if w.ready and w.index is not None and w.over(seconds, now)]
            if late:  # name the first unit past the limit on the wall clock (one template: all would be)
                due = [w for w in pool if w.ready and w.index is not None and now - w.since > seconds]
                worker = min(due, key=lambda w: w.index)
                worker.kill()
                raise ItemTimeout(worker.index, seconds)
            if any(not w.ready and now - w.since > START_SECONDS for w in pool):
                raise WorkerDied(None, "did not start")
            while next_result in results:
                yield results.pop(next_result)
                next_result += 1
    finally:
        _stop(pool)
