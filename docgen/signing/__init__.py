"""Digital signatures (PAdES) on issued PDFs, by pyHanko.

The order of an issue (docs/developer.md, "Signatures"): the văn thư gives the
number and date, the final PDF is made with them, the signer signs it, then
the văn thư adds the organisation's signature in an incremental update, so
no signature ever covers a document that changes afterwards.

- :mod:`.identities`: who signs with which PKCS#12 file and image
  (``DOCGEN_SIGNING_SECRETS``), never stored in the database;
- :mod:`.placement`: where the signer block is on the page, read from the
  PDF's own text;
- :mod:`.appearance`: the visible signatures Decree 30 describes;
- :mod:`.sign`: :func:`~.sign.sign_pdf`;
- :mod:`.changes`: what a signed PDF may receive after a signature;
- :mod:`.verify`: :func:`~.verify.verify_pdf`;
- :mod:`.demo_ca`: the throwaway test CA of the demo and the tests.

No module here imports the web app; every failure is a :class:`SigningError`
with a Vietnamese message for the user and the details for the administrator.
"""

from __future__ import annotations

import logging


def outside_event_loop(function):
    """``function`` run on a thread of its own when the caller's thread runs
    an asyncio loop: pyHanko's synchronous API starts its own loop
    (``asyncio.run``), which fails inside a running one (an async web
    server, a notebook, a test driving a browser) — and a verification
    failing that way would read as a broken signature."""
    import asyncio
    import functools
    from concurrent.futures import ThreadPoolExecutor

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return function(*args, **kwargs)
        with ThreadPoolExecutor(1) as worker:
            return worker.submit(function, *args, **kwargs).result()

    return wrapper


class SigningError(Exception):
    """What went wrong, in Vietnamese.

    ``message`` is for the person who asked, a web page may show it: no
    server path, no setting's name, no English. ``detail`` (also
    ``str(error)``) is for the administrator, in the server's log and on
    the command line run on the server: it adds where to look (the secrets
    file, the certificate file, the variable to set); it defaults to
    ``message``."""

    def __init__(self, message: str, detail: str | None = None):
        super().__init__(detail or message)
        self.message = message
        self.detail = detail or message


class _AsDebug(logging.Handler):
    """Hands pyHanko's records on to ``docgen.signing.pyhanko`` at DEBUG level."""

    def emit(self, record: logging.LogRecord) -> None:
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        record.name = f"docgen.signing.{record.name}"
        target = logging.getLogger("docgen.signing.pyhanko")
        if target.isEnabledFor(logging.DEBUG):
            target.handle(record)


def _route_pyhanko_logs() -> None:
    """pyHanko logs what it finds wrong in a signature (a certificate no
    trusted CA issued, a change after signing) as warnings with a
    traceback, which Python prints on stderr when nothing else is
    configured. docgen reports each finding itself, in Vietnamese, so those
    records go to its debug log (``docgen.signing.pyhanko``) instead."""
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logger = logging.getLogger(name)
        if not any(isinstance(handler, _AsDebug) for handler in logger.handlers):
            logger.addHandler(_AsDebug())
        logger.propagate = False


_route_pyhanko_logs()
