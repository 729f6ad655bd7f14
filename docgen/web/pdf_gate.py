"""How the web app asks for PDFs: through a gate that keeps LibreOffice from
taking the server's threads.

A PDF may take a minute; while one is made, or waits for a free soffice, it
holds one of waitress's threads. So at most ``DOCGEN_PDF_QUEUE`` PDF
requests of a process are in flight (converting or waiting for the
converter; default a quarter of the server's threads, at least 1), and each
user (a logged-in account, or an address for anonymous clients) at most
``DOCGEN_PDF_PER_USER`` (default 1; what a user asks for with a button of
the register or the review page, a signature or a download, waits up to
``OWN_WAIT`` seconds for that user's own PDF in flight, so that signing
while the review page still draws its printed pages goes through; one such
wait per user). Anonymous clients share all but one
slot, which is kept for logged-in users, and may convert only plans up to
``DOCGEN_PDF_ANONYMOUS_KB`` (default 40 KB: about half a second of
LibreOffice; 0: anonymous clients get no PDF; the clerks' own PDFs, of
drafts and issued documents, are behind a login). A request beyond
these is answered at once, 503 with ``Retry-After`` and a Vietnamese
message, instead of waiting on a thread; every other page (the editor, its
preview) keeps the threads left.

:func:`pdf_of` is the one way a route makes a PDF; it enters the gate only
when a conversion happens (a cached PDF or page image does not). The same
document asked for twice at once is converted once: the review page's
printed pages and its "Xem PDF" are one conversion, the second request
waiting for the first's result (waiters are bounded like the slots), and the
last few PDFs are kept by content.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter, OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import Flask, current_app, g, request

from .. import pdf
from ..pdf import Busy
from .auth import client_ip, current_user
from .errors import ApiError

RETRY_AFTER = 10  # seconds: a usual PDF takes well under one
RECENT = 8  # PDFs kept by content: a page's printed pages, then its "Xem PDF"
OWN_WAIT = 90  # seconds a signature's PDF waits for the same user's PDF in flight
DEFAULT_THREADS = 8  # `docgen serve --threads`
FULL = ("Máy chủ đang tạo nhiều bản PDF cùng lúc; hãy thử lại sau {seconds} giây "
        "hoặc tải tệp .docx.")
YOURS = ("Bạn đã có {count} bản PDF đang được tạo; hãy đợi xong rồi thử lại "
         "(hoặc tải tệp .docx).")
TOO_LARGE = ("Văn bản lớn hơn {limit} KB chỉ tạo được bản PDF khi đã đăng nhập; hãy đăng nhập, "
             "hoặc tải tệp .docx.")


class GateSettingError(ValueError):
    """A DOCGEN_PDF_* setting of the gate that is not a number in range (vi + en)."""


@dataclass
class PdfGate:
    """PDF requests in flight: ``capacity`` in all, ``per_client`` for one
    client; anonymous clients leave one slot to logged-in users (when there
    are two or more). Thread-safe."""

    capacity: int
    per_client: int = 1
    anonymous_kb: int = 40
    own_wait: float = OWN_WAIT
    _held: Counter = field(default_factory=Counter, repr=False)
    _anonymous: int = field(default=0, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _flights: dict = field(default_factory=dict, repr=False)  # key -> _Flight being converted
    _waiting: int = field(default=0, repr=False)
    _recent: OrderedDict = field(default_factory=OrderedDict, repr=False)  # key -> PDF
    _own_waiters: Counter = field(default_factory=Counter, repr=False)  # client -> requests waiting
    _freed: threading.Condition | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._freed = threading.Condition(self._lock)

    @property
    def anonymous_slots(self) -> int:
        return max(1, self.capacity - 1)

    @property
    def in_flight(self) -> int:
        return sum(self._held.values())

    @contextmanager
    def slot(self, client: str, *, anonymous: bool, wait: bool = False):
        """Hold a slot for the block; :class:`Busy` at once when there is
        none; with ``wait`` (a signature), a logged-in client at its own
        limit waits (up to ``own_wait`` seconds, one such request per client)
        for its slot instead."""
        with self._lock:
            if self._held[client] >= self.per_client and wait and not anonymous and not self._own_waiters[client]:
                self._own_waiters[client] += 1
                try:
                    self._freed.wait_for(lambda: self._held[client] < self.per_client, timeout=self.own_wait)
                finally:
                    self._own_waiters[client] -= 1
                    if not self._own_waiters[client]:
                        del self._own_waiters[client]
            if self._held[client] >= self.per_client:
                raise Busy(YOURS.format(count=self._held[client]), retry_after=RETRY_AFTER)
            if self.in_flight >= self.capacity or (anonymous and self._anonymous >= self.anonymous_slots):
                raise Busy(FULL.format(seconds=RETRY_AFTER), retry_after=RETRY_AFTER)
            self._held[client] += 1
            self._anonymous += anonymous
        try:
            yield
        finally:
            with self._lock:
                self._held[client] -= 1
                if not self._held[client]:
                    del self._held[client]
                self._anonymous -= anonymous
                self._freed.notify_all()


    def once(self, key, client: str, *, anonymous: bool, make, wait: bool = False):
        """``make()`` (the PDF of the document ``key``) within a slot, or the
        result of the same conversion already in flight or just made."""
        with self._lock:
            if key in self._recent:
                self._recent.move_to_end(key)
                return self._recent[key]
            flight = self._flights.get(key)
            if flight is not None:
                if self._waiting >= self.capacity:
                    raise Busy(FULL.format(seconds=RETRY_AFTER), retry_after=RETRY_AFTER)
                self._waiting += 1
        if flight is not None:
            try:
                flight.done.wait()
            finally:
                with self._lock:
                    self._waiting -= 1
            if flight.error is not None:
                raise flight.error
            return flight.result
        with self.slot(client, anonymous=anonymous, wait=wait):
            with self._lock:
                flight = self._flights.setdefault(key, _Flight())
            try:
                flight.result = make()
                with self._lock:
                    self._recent[key] = flight.result
                    while len(self._recent) > RECENT:
                        self._recent.popitem(last=False)
                return flight.result
            except Exception as error:
                flight.error = error
                raise
            finally:
                with self._lock:
                    self._flights.pop(key, None)
                flight.done.set()


@dataclass
class _Flight:
    done: threading.Event = field(default_factory=threading.Event)
    result: bytes | None = None
    error: Exception | None = None


def _number(config, key: str, env: str, low: int, high: int) -> int:
    raw = config[key]
    text = str(raw).strip()
    if not text.isdigit() or not low <= int(text) <= high:
        raise GateSettingError(
            f"{env} phải là số nguyên từ {low} đến {high}, không phải “{text}”.\n"
            f"{env} must be a whole number from {low} to {high}, not {text!r}.")
    return int(text)


def init_pdf_gate(app: Flask) -> None:
    """The app's gate from its settings (``PDF_QUEUE``, ``PDF_PER_USER``,
    ``PDF_ANONYMOUS_KB``, ``SERVER_THREADS``); GateSettingError when one is
    wrong."""
    threads = _number(app.config, "SERVER_THREADS", "--threads", 1, 10_000)
    if app.config["PDF_QUEUE"] in (None, ""):
        app.config["PDF_QUEUE"] = max(1, threads // 4)
    app.extensions["docgen.pdf_gate"] = PdfGate(
        capacity=_number(app.config, "PDF_QUEUE", "DOCGEN_PDF_QUEUE", 1, 1_000),
        per_client=_number(app.config, "PDF_PER_USER", "DOCGEN_PDF_PER_USER", 1, 100),
        anonymous_kb=_number(app.config, "PDF_ANONYMOUS_KB", "DOCGEN_PDF_ANONYMOUS_KB", 0, 100_000),
    )


def gate() -> PdfGate:
    return current_app.extensions["docgen.pdf_gate"]


@contextmanager
def pdf_slot():
    """A slot of the gate for this request's client, for the block; a
    request holds one slot at most (a route may take it before the work
    that leads to the conversion: pdf_of inside then takes no other)."""
    if g.get("pdf_slot"):
        yield
        return
    user = current_user()
    client = f"user {user.id}" if user is not None else f"address {client_ip()}"
    with gate().slot(client, anonymous=user is None):
        g.pdf_slot = True
        try:
            yield
        finally:
            g.pdf_slot = False


def pdf_of(docx: bytes, *, archive: bool = False, wait: bool = False) -> bytes:
    """The PDF of ``docx`` made within a slot of the gate, or the same
    document's conversion in flight or just made (``docgen.pdf``'s PdfError,
    Busy included, is a 503: errors.py). ``wait``: a signature's PDF,
    which waits for the user's own PDF in flight (:meth:`PdfGate.slot`)."""
    if g.get("pdf_slot"):  # the route holds its slot already
        return pdf.docx_to_pdf(docx, archive=archive)
    user = current_user()
    client = f"user {user.id}" if user is not None else f"address {client_ip()}"
    key = (hashlib.sha256(docx).digest(), archive)
    return gate().once(key, client, anonymous=user is None, wait=wait,
                       make=lambda: pdf.docx_to_pdf(docx, archive=archive))


def check_anonymous_size() -> None:
    """413 when an anonymous client asks for the PDF of a plan larger than
    ``DOCGEN_PDF_ANONYMOUS_KB``."""
    limit = gate().anonymous_kb
    if current_user() is None and len(request.get_data(cache=True)) > limit * 1024:
        raise ApiError(413, TOO_LARGE.format(limit=limit))
