"""The warm path: soffice processes kept running and driven over UNO, so a
conversion costs the loading and export of the document only (about 0.17 s
for sample 002, against 1.3-1.6 s for a cold ``soffice --convert-to``).

Debian's ``python3-uno`` gives the ``uno`` module to the system Python only,
not to docgen's virtual environment; so each converter is a pair of
processes: a ``soffice`` listening on a named pipe, and
``/usr/bin/python3 uno_bridge.py`` connected to it, to which this module
sends one JSON line per conversion over the bridge's stdin and waits, with a
timeout, for the answer on its stdout (:mod:`docgen.pdf.uno_bridge`).

A :class:`WarmPool` owns every soffice of the process: ``DOCGEN_PDF_POOL``
(default 1) is the most that run at once, warm converters and cold
conversions together. A request takes an idle converter or waits for one,
so parallel requests never share a soffice. Converters start on first use.
A conversion still running after ``DOCGEN_PDF_TIMEOUT`` seconds (default 60)
is killed with its soffice and fails; the next request starts a new one. A
soffice that died between requests is started again, and the request tried
once more. A converter is ended after ``DOCGEN_PDF_RECYCLE`` conversions
(default 200) or when its soffice uses more than ``DOCGEN_PDF_MAX_RSS_MB``
of memory (default 300; LibreOffice keeps what a large document made it
take), and the next request starts a fresh one. When a converter cannot
start (no ``uno`` module, no soffice, soffice frozen while starting), the
request is converted cold and the start is tried again after 1, 2, 4 … at
most 60 seconds (:func:`backoff_seconds`), cold conversions serving
meanwhile. ``DOCGEN_PDF_WARM=0`` converts every document cold, within the
same budget. Every soffice works in a folder under the profiles root
(:mod:`docgen.pdf.profiles`), whose leftovers of a dead docgen process the
pool ends when it is made. The shared pool is shut down when the process
exits; a forked child builds its own.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import select
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from . import cold, profiles
from .office import (BUSY, FAILED, NO_OUTPUT, Busy, PdfError, end_process, process_group, soffice_command,
                     soffice_environment, timed_out)

log = logging.getLogger(__name__)

BRIDGE = Path(__file__).resolve().with_name("uno_bridge.py")
MAX_BACKOFF_SECONDS = 60.0


def backoff_seconds(failures: int) -> float:
    """Seconds before starting a converter again after ``failures`` failed
    starts in a row: 1, 2, 4, … at most 60."""
    return min(MAX_BACKOFF_SECONDS, 2.0 ** max(0, failures - 1))


class Unavailable(Exception):
    """The warm converter cannot run here (the reason, in English, for the log)."""


class _Lost(Exception):
    """The connection to soffice went away during a conversion."""


def _setting(environ, name: str, default: str, low: float, high: float, kind=int):
    text = (environ.get(name) or default).strip()
    try:
        value = kind(text)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise PdfError(f"Cấu hình {name} phải là số từ {low:g} đến {high:g}, không phải “{text}”.")
    return value


@dataclass(frozen=True)
class Settings:
    """``DOCGEN_PDF_WARM`` (0 switches the warm path off), ``DOCGEN_PDF_POOL``
    (soffice processes at once, 1-8), ``DOCGEN_PDF_TIMEOUT`` (seconds a
    conversion may take), ``DOCGEN_PDF_START_SECONDS`` (seconds a soffice
    may take to start), ``DOCGEN_PDF_PYTHON`` (the Python that has ``uno``),
    ``DOCGEN_PDF_RECYCLE`` (conversions before a soffice is replaced, 0:
    never), ``DOCGEN_PDF_MAX_RSS_MB`` (memory past which it is replaced, 0:
    no limit), ``DOCGEN_PDF_PROFILES`` (the profiles root)."""

    enabled: bool = True
    pool_size: int = 1
    timeout: float = 60.0
    start_seconds: float = 60.0
    python: str = "/usr/bin/python3"
    recycle: int = 200
    max_rss_mb: int = 300
    profiles: str | None = None

    @classmethod
    def from_env(cls, environ=os.environ) -> "Settings":
        return cls(
            enabled=(environ.get("DOCGEN_PDF_WARM") or "1").strip().lower() not in ("0", "false", "no"),
            pool_size=_setting(environ, "DOCGEN_PDF_POOL", "1", 1, 8),
            timeout=_setting(environ, "DOCGEN_PDF_TIMEOUT", "60", 1, 3600, float),
            start_seconds=_setting(environ, "DOCGEN_PDF_START_SECONDS", "60", 1, 3600, float),
            python=(environ.get("DOCGEN_PDF_PYTHON") or "/usr/bin/python3").strip(),
            recycle=_setting(environ, "DOCGEN_PDF_RECYCLE", "200", 0, 1_000_000),
            max_rss_mb=_setting(environ, "DOCGEN_PDF_MAX_RSS_MB", "300", 0, 1_000_000),
            profiles=(environ.get("DOCGEN_PDF_PROFILES") or "").strip() or None,
        )


class Converter:
    """One soffice and its UNO bridge, used by one thread at a time."""

    def __init__(self, settings: Settings, root: Path):
        self.settings = settings
        self.folder = profiles.new_folder(root, "warm")
        self.profile = self.folder / "profile"
        self.office: subprocess.Popen | None = None
        self.bridge: subprocess.Popen | None = None
        self._buffer = b""
        self._count = 0
        self.conversions = 0  # since this soffice started

    # --- processes -----------------------------------------------------------

    def running(self) -> bool:
        return (self.office is not None and self.office.poll() is None
                and self.bridge is not None and self.bridge.poll() is None)

    def office_pids(self) -> list[int]:
        """The pids of this converter's soffice.bin (oosplash's child, in the
        process group this converter started)."""
        if self.office is None:
            return []
        return sorted(pid for pid, name in process_group(self.office.pid) if name == "soffice.bin")

    def rss_mb(self) -> float:
        """Resident memory of this converter's soffice.bin, in MB (0 when none runs)."""
        total = 0
        for pid in self.office_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            total += next((int(line.split()[1]) for line in status.splitlines()
                           if line.startswith("VmRSS:")), 0)
        return total / 1024

    def start(self) -> None:
        # The folder's name is in soffice's and the bridge's arguments, so
        # that profiles.reap finds both if this process dies.
        pipe = f"docgen-{self.folder.name}"
        for lock in self.profile.glob("**/.lock"):  # left by a soffice that was killed
            lock.unlink(missing_ok=True)
        began = time.monotonic()
        try:
            self.office = subprocess.Popen(
                soffice_command(self.profile, f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"),
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                env=soffice_environment(), start_new_session=True)
            self.bridge = subprocess.Popen(
                [self.settings.python, "-I", str(BRIDGE), pipe, str(self.settings.start_seconds)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, start_new_session=True,
                env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"})
        except OSError as error:
            self.stop()
            raise Unavailable(f"cannot run soffice or {self.settings.python}: {error}") from None
        self._buffer = b""
        try:
            ready = self._answer(self.settings.start_seconds + 5)
        except _Lost:
            ready = {"error": f"{self.settings.python} {BRIDGE.name} exited"}
        if not ready or not ready.get("ready"):
            self.stop()
            reason = ready.get("error") if ready else f"no answer in {self.settings.start_seconds:g} s"
            raise Unavailable(f"the UNO bridge could not start: {reason}")
        self.conversions = 0
        log.info("warm PDF converter started: soffice pid %s in %.1f s",
                 self.office.pid, time.monotonic() - began)
    def stop(self, graceful: bool = False) -> None:
        """End the bridge and soffice (SIGKILL at once unless ``graceful``:
        a hung or stopped soffice never answers SIGTERM)."""
        bridge, office = self.bridge, self.office
        self.bridge = self.office = None
        if bridge is not None:
            if bridge.stdin:
                try:
                    bridge.stdin.close()
                except OSError:
                    pass
            end_process(bridge, graceful)
            if bridge.stdout:
                bridge.stdout.close()
        if office is not None:
            end_process(office, graceful)

    def close(self) -> None:
        self.stop(graceful=True)
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- conversions -----------------------------------------------------------

    def convert(self, docx: bytes, *, archive: bool, timeout: float) -> bytes:
        """The PDF of ``docx`` by this converter's soffice (started if it is
        not running: :class:`Unavailable` when it cannot start)."""
        if not self.running():
            self.stop()
            self.start()
        self._count += 1
        self.conversions += 1
        source = self.folder / f"van-ban-{self._count}.docx"
        target = self.folder / f"van-ban-{self._count}.pdf"
        source.write_bytes(docx)
        try:
            request = {"source": str(source), "target": str(target), "archive": archive}
            try:
                self.bridge.stdin.write(json.dumps(request).encode() + b"\n")
                self.bridge.stdin.flush()
            except OSError:
                raise _Lost() from None
            answer = self._answer(timeout)
            if answer is None:
                log.warning("PDF conversion took over %g s: killing soffice pid %s; the next "
                            "conversion starts a new one", timeout, self.office.pid)
                self.stop()
                raise PdfError(timed_out(timeout))
            if answer.get("lost"):
                raise _Lost()
            if not answer.get("ok"):
                log.warning("LibreOffice could not convert a document: %s", answer.get("error"))
                raise PdfError(FAILED)
            if not target.exists():
                raise PdfError(NO_OUTPUT)
            return target.read_bytes()
        finally:
            source.unlink(missing_ok=True)
            target.unlink(missing_ok=True)

    def _answer(self, seconds: float) -> dict | None:
        """The bridge's next line as JSON; None after ``seconds``; _Lost at
        end of output (the bridge or soffice died)."""
        deadline = time.monotonic() + seconds
        fd = self.bridge.stdout.fileno()
        while True:
            while b"\n" not in self._buffer:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                readable, _, _ = select.select([fd], [], [], remaining)
                if not readable:
                    continue
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise _Lost()
                self._buffer += chunk
            line, self._buffer = self._buffer.split(b"\n", 1)
            try:
                return json.loads(line)
            except ValueError:  # something else printed by a library: not an answer
                log.debug("UNO bridge printed %r", line[:200])


_COLD = "cold"  # what _take gives when a request is to be converted cold


class WarmPool:
    """Every soffice of the process: ``settings.pool_size`` at most, warm
    converters (each request takes an idle one) and cold conversions
    together."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings.from_env()
        self.root = profiles.root(self.settings.profiles)
        profiles.reap(self.root)
        size = self.settings.pool_size if self.settings.enabled else 0
        self.converters = [Converter(self.settings, self.root) for _ in range(size)]
        self._idle: list[Converter] = list(self.converters)
        self._cold = 0  # cold conversions running
        self._changed = threading.Condition()
        self.failed_starts = 0  # in a row
        self.next_start = 0.0  # monotonic time before which no converter is started

    def convert(self, docx: bytes, *, archive: bool = False, timeout: float | None = None) -> bytes:
        """The PDF of ``docx``. Raises :class:`PdfError` (a Vietnamese
        message) when the conversion fails or times out, :class:`Busy` when
        no soffice was free in time."""
        timeout = timeout or self.settings.timeout
        deadline = time.monotonic() + 2 * timeout + self.settings.start_seconds
        while True:
            taken = self._take(deadline)
            if taken is _COLD:
                try:
                    return cold.convert(docx, archive=archive, timeout=timeout, root=self.root)
                finally:
                    self._give_back(None)
            try:
                return self._convert_warm(taken, docx, archive, timeout)
            except Unavailable as error:
                self._start_failed(error)  # and round again: this request goes cold
            finally:
                self._give_back(taken)

    def _live(self) -> int:
        """soffice processes running or about to: converters taken or
        running, and cold conversions."""
        return self._cold + sum(1 for c in self.converters if c not in self._idle or c.running())

    def _take(self, deadline: float) -> Converter | str:
        """An idle converter (a running one first), or _COLD when a request
        is to be converted cold and the budget allows; :class:`Busy` at
        ``deadline``."""
        with self._changed:
            while True:
                now = time.monotonic()
                running = [c for c in self._idle if c.running()]
                if running:
                    self._idle.remove(running[-1])
                    return running[-1]
                room = self._live() < self.settings.pool_size
                may_start = self.settings.enabled and now >= self.next_start
                if room and may_start and self._idle:
                    return self._idle.pop()  # stopped: it starts for this request
                if room and not may_start:
                    self._cold += 1
                    return _COLD
                if now >= deadline:
                    raise Busy(BUSY, retry_after=30)
                wake = deadline if may_start or not self.settings.enabled else min(deadline, self.next_start)
                self._changed.wait(max(0.01, wake - now))

    def _give_back(self, converter: Converter | None) -> None:
        with self._changed:
            if converter is None:
                self._cold -= 1
            else:
                self._idle.append(converter)
            self._changed.notify_all()

    def _convert_warm(self, converter: Converter, docx: bytes, archive: bool, timeout: float) -> bytes:
        for attempt in (1, 2):
            started = converter.running()
            try:
                document = converter.convert(docx, archive=archive, timeout=timeout)
            except _Lost:
                converter.stop()
                log.warning("soffice went away during a PDF conversion (attempt %d); "
                            "starting a new one", attempt)
                continue
            finally:
                if not started and converter.running():
                    with self._changed:
                        self.failed_starts = 0
            self._recycle_if_due(converter)
            return document
        raise PdfError(FAILED)

    def _recycle_if_due(self, converter: Converter) -> None:
        """End a converter that did its share of conversions or grew past
        the memory limit; the next request starts a fresh one."""
        recycle, limit = self.settings.recycle, self.settings.max_rss_mb
        if recycle and converter.conversions >= recycle:
            reason = f"{converter.conversions} conversions"
        elif limit and (rss := converter.rss_mb()) > limit:
            reason = f"{rss:.0f} MB resident, over {limit} MB"
        else:
            return
        log.info("recycling the warm PDF converter (soffice pid %s): %s",
                 converter.office.pid if converter.office else "?", reason)
        converter.stop()

    def _start_failed(self, error: Unavailable) -> None:
        with self._changed:
            self.failed_starts += 1
            delay = backoff_seconds(self.failed_starts)
            self.next_start = time.monotonic() + delay
            self._changed.notify_all()
        log.warning("warm PDF converter unavailable (%s); converting with a cold soffice "
                    "--convert-to, and starting it again in %g s", error, delay)

    def close(self) -> None:
        for converter in self.converters:
            converter.close()


_shared: WarmPool | None = None
_shared_pid: int | None = None
_shared_lock = threading.Lock()


def shared_pool() -> WarmPool:
    """The process's pool, made on first use from the environment (without
    converters, converting cold, when ``DOCGEN_PDF_WARM=0``)."""
    global _shared, _shared_pid
    with _shared_lock:
        if _shared is None or _shared_pid != os.getpid():  # a forked child makes its own
            settings = Settings.from_env()
            if _shared_pid is None:
                atexit.register(shutdown)
            _shared, _shared_pid = WarmPool(settings), os.getpid()
        return _shared


def shutdown() -> None:
    """End the shared pool's soffice processes (only in the process that made them)."""
    global _shared
    with _shared_lock:
        if _shared is not None and _shared_pid == os.getpid():
            _shared.close()
        _shared = None
