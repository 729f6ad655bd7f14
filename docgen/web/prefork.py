"""``docgen serve --workers N``: several waitress processes on one socket.

One Python process runs one thread at a time, however many threads waitress
has; rendering and checking plans is CPU work, so a machine with several
cores serves more with several processes. The parent opens the listening
socket, forks N workers that each build their own app (after the fork: no
thread, database connection or queue is shared) and serve that socket with
waitress, and starts a worker again when one dies. SIGTERM or SIGINT stops
them all.

Batch jobs on the in-process queue run in the worker that took the upload
(their status is in the jobs folder, so any worker answers for them); only
the first worker, once, queues again the jobs a previous run left unfinished
and deletes expired ones (``housekeeping``), so no job runs twice. With
several workers, RQ (``REDIS_URL``) is the better home for batches.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import time
from typing import Callable

from waitress import serve as waitress_serve

RESTART_PAUSE = 1.0  # seconds before starting a worker again
QUICK_DEATH = 5.0  # a worker dying this soon after its start, every time, means it cannot start


def listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    sock.setblocking(False)
    return sock


def serve_workers(make_app: Callable[[bool], tuple[object, dict]], host: str, port: int,
                  workers: int, threads: int) -> int:
    """Serve ``make_app(housekeeping)`` (the app and waitress's options) in
    ``workers`` processes; returns the exit status (0 after SIGTERM/SIGINT, else the status of a worker that
    could not start)."""
    sock = listening_socket(host, port)
    children: dict[int, tuple[int, float]] = {}  # pid -> (worker index, start time)
    stopping = False

    def start(index: int, housekeeping: bool) -> None:
        pid = os.fork()
        if pid == 0:  # the worker
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            status = 0
            try:
                app, options = make_app(housekeeping)
                waitress_serve(app, sockets=[sock], threads=threads, **options)
            except SystemExit as exit_:
                status = exit_.code if isinstance(exit_.code, int) else 1
            except BaseException:  # noqa: BLE001 - shown, then the parent decides
                import traceback

                traceback.print_exc()
                status = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)
        children[pid] = (index, time.monotonic())

    def stop(_signum, _frame) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for index in range(workers):
        start(index, housekeeping=index == 0)
    status = 0
    while children:
        try:
            pid, wait_status = os.wait()
        except ChildProcessError:
            break
        except InterruptedError:
            continue
        index, started = children.pop(pid, (None, 0.0))
        if index is None or stopping:
            continue
        code = os.waitstatus_to_exitcode(wait_status)
        if time.monotonic() - started < QUICK_DEATH and code > 0:
            # It could not start (port, configuration): starting it again would not help.
            status = code
            stop(None, None)
            continue
        print(f"docgen: worker {index} (pid {pid}) ended with status {code}; starting it again",
              file=sys.stderr, flush=True)
        time.sleep(RESTART_PAUSE)
        start(index, housekeeping=False)
    sock.close()
    return status
