"""The warm path: soffice processes kept running and driven over UNO, so a
conversion costs the loading and export of the document only (about 0.17 s
for sample 002, against 1.3-1.6 s for a cold ``soffice --convert-to``).

Debian's ``python3-uno`` gives the ``uno`` module to the system Python only,
not to docgen's virtual environment; so each converter is a pair of
processes: a ``soffice`` listening on a named pipe, and
``/usr/bin/python3 uno_bridge.py`` connected to it, to which this module
sends one JSON line per conversion over the bridge's stdin and waits, with a
timeout, for the answer on its stdout (:mod:`docgen.pdf.uno_bridge`).

A :class:`WarmPool` holds ``DOCGEN_PDF_POOL`` converters (default 1), each
with its own profile; a request takes an idle one or waits for it, so
parallel requests never share a soffice. Converters start on first use. A
conversion still running after ``DOCGEN_PDF_TIMEOUT`` seconds (default 60)
is killed with its soffice and fails; the next request starts a new one. A
soffice that died between requests is started again, and the request tried
once more. When a converter cannot start (no ``uno`` module, no soffice),
the pool says so (:class:`Unavailable`) and :func:`docgen.pdf.docx_to_pdf`
falls back to the cold path for ``RETRY_START_SECONDS``. The shared pool is
shut down when the process exits; a forked child builds its own.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import queue
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from .office import FAILED, NO_OUTPUT, PdfError, soffice_command, soffice_environment, timed_out

log = logging.getLogger(__name__)

BRIDGE = Path(__file__).resolve().with_name("uno_bridge.py")
RETRY_START_SECONDS = 300.0
BUSY = ("Máy chủ đang bận chuyển các văn bản khác sang PDF; hãy thử lại sau ít phút "
        "hoặc tải tệp .docx.")


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
    (soffice processes, 1-8), ``DOCGEN_PDF_TIMEOUT`` (seconds a conversion
    may take), ``DOCGEN_PDF_START_SECONDS`` (seconds a soffice may take to
    start), ``DOCGEN_PDF_PYTHON`` (the Python that has ``uno``)."""

    enabled: bool = True
    pool_size: int = 1
    timeout: float = 60.0
    start_seconds: float = 60.0
    python: str = "/usr/bin/python3"

    @classmethod
    def from_env(cls, environ=os.environ) -> "Settings":
        return cls(
            enabled=(environ.get("DOCGEN_PDF_WARM") or "1").strip().lower() not in ("0", "false", "no"),
            pool_size=_setting(environ, "DOCGEN_PDF_POOL", "1", 1, 8),
            timeout=_setting(environ, "DOCGEN_PDF_TIMEOUT", "60", 1, 3600, float),
            start_seconds=_setting(environ, "DOCGEN_PDF_START_SECONDS", "60", 1, 3600, float),
            python=(environ.get("DOCGEN_PDF_PYTHON") or "/usr/bin/python3").strip(),
        )


class Converter:
    """One soffice and its UNO bridge, used by one thread at a time."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.folder = Path(tempfile.mkdtemp(prefix="docgen-soffice-"))
        self.profile = self.folder / "profile"
        self.office: subprocess.Popen | None = None
        self.bridge: subprocess.Popen | None = None
        self._buffer = b""
        self._count = 0

    # --- processes -----------------------------------------------------------

    def running(self) -> bool:
        return (self.office is not None and self.office.poll() is None
                and self.bridge is not None and self.bridge.poll() is None)

    def office_pids(self) -> list[int]:
        """The pids of this converter's soffice.bin (oosplash's child, in the
        process group this converter started)."""
        if self.office is None:
            return []
        return sorted(pid for pid, name in _group(self.office.pid) if name == "soffice.bin")

    def start(self) -> None:
        pipe = f"docgen-{os.getpid()}-{uuid.uuid4().hex[:12]}"
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
            _end(bridge, graceful)
            if bridge.stdout:
                bridge.stdout.close()
        if office is not None:
            _end(office, graceful)

    def close(self) -> None:
        self.stop(graceful=True)
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- conversions -----------------------------------------------------------

    def convert(self, docx: bytes, *, archive: bool, timeout: float) -> bytes:
        if not self.running():
            self.stop()
            self.start()
        self._count += 1
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


def _group(pgid: int) -> list[tuple[int, str]]:
    """(pid, name) of the live (not zombie) processes of process group ``pgid``."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        state, _, group = stat[stat.rindex(")") + 2:].split()[:3]
        if int(group) == pgid and state not in ("Z", "X"):
            members.append((int(entry.name), name))
    return members


def _end(process: subprocess.Popen, graceful: bool) -> None:
    """End ``process`` and its process group (soffice.bin is oosplash's
    child), and wait until the group is gone (at most 5 s a signal)."""
    signals = (signal.SIGTERM, signal.SIGKILL) if graceful else (signal.SIGKILL,)
    for sig in signals:
        try:
            os.killpg(process.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass
        deadline = time.monotonic() + 5
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            continue
        while _group(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if not _group(process.pid):
            return


class WarmPool:
    """``settings.pool_size`` converters; each request takes an idle one."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings.from_env()
        self.converters = [Converter(self.settings) for _ in range(self.settings.pool_size)]
        self._idle: queue.LifoQueue[Converter] = queue.LifoQueue()
        for converter in self.converters:
            self._idle.put(converter)
        self._unavailable_until = 0.0
        self._unavailable_reason = ""

    def convert(self, docx: bytes, *, archive: bool = False, timeout: float | None = None) -> bytes:
        """The PDF of ``docx``. Raises :class:`PdfError` (a Vietnamese
        message) when the conversion fails or times out, and
        :class:`Unavailable` when no soffice can be started over UNO."""
        if time.monotonic() < self._unavailable_until:
            raise Unavailable(self._unavailable_reason)
        timeout = timeout or self.settings.timeout
        try:
            converter = self._idle.get(timeout=2 * timeout + self.settings.start_seconds)
        except queue.Empty:
            raise PdfError(BUSY) from None
        try:
            for attempt in (1, 2):
                try:
                    return converter.convert(docx, archive=archive, timeout=timeout)
                except _Lost:
                    converter.stop()
                    log.warning("soffice went away during a PDF conversion (attempt %d); "
                                "starting a new one", attempt)
            raise PdfError(FAILED)
        except Unavailable as error:
            self._unavailable_until = time.monotonic() + RETRY_START_SECONDS
            self._unavailable_reason = str(error)
            raise
        finally:
            self._idle.put(converter)

    def close(self) -> None:
        for converter in self.converters:
            converter.close()


_shared: WarmPool | None = None
_shared_pid: int | None = None
_shared_lock = threading.Lock()


def shared_pool() -> WarmPool | None:
    """The process's pool, made on first use from the environment; None when
    ``DOCGEN_PDF_WARM=0``."""
    global _shared, _shared_pid
    with _shared_lock:
        if _shared is None or _shared_pid != os.getpid():  # a forked child makes its own
            settings = Settings.from_env()
            if not settings.enabled:
                return None
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
