"""Digital signatures (PAdES) on issued PDFs, by pyHanko.

The order of an issue (README, "Ký số (PAdES)"): the văn thư gives the
number and date, the final PDF is made with them, the signer signs it, then
the văn thư adds the organisation's signature in an incremental update, so
no signature ever covers a document that changes afterwards.

- :mod:`.identities`: who signs with which PKCS#12 file and image
  (``DOCGEN_SIGNING_SECRETS``), never stored in the database;
- :mod:`.placement`: where the signer block is on the page, read from the
  PDF's own text;
- :mod:`.appearance`: the visible signatures Decree 30 describes;
- :mod:`.sign`: :func:`~.sign.sign_pdf`;
- :mod:`.verify`: :func:`~.verify.verify_pdf`.

No module here imports the web app; every failure is a :class:`SigningError`
whose text is a Vietnamese message for the user.
"""

from __future__ import annotations


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
    """What went wrong, in Vietnamese, for the user (``str(error)``)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
