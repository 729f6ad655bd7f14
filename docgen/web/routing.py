"""What a URL may carry: database ids within the range the database stores,
and ``next`` targets that stay on this site.

``<id:draft_id>`` matches 1 to 2**31 - 1 (PostgreSQL's ``integer``, which
SQLite also fits); anything else in that place is a 404 like any unknown
page, never a database error.

``local_path`` is the one check of a redirect target taken from the request
(``/login?next=…``): a path of a page of this site, or None. Browsers drop
tabs and newlines from a URL and read ``\\`` as ``/``, so ``/%09/evil.com``
or ``/\\evil.com`` would become ``//evil.com``, another host; such targets
are refused in any encoding, and so is anything that does not name a page
of the app."""

from __future__ import annotations

import unicodedata
from urllib.parse import unquote, urlsplit

from flask import current_app
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter
from werkzeug.routing.exceptions import RoutingException

from ..storage.models import MAX_ID
MAX_TARGET_LENGTH = 2000


class DatabaseId(IntegerConverter):
    """A positive id the database can hold (``<id:name>``)."""

    def __init__(self, url_map, *args, **kwargs):
        super().__init__(url_map, min=1, max=MAX_ID)


def _plain_local_path(target: str) -> bool:
    if not target.startswith("/") or target[1:2] in ("/", "\\") or "\\" in target:
        return False
    for char in target:
        if char.isspace() or unicodedata.category(char)[0] in ("C", "Z"):
            return False  # control, format (zero-width), separators, unassigned
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def local_path(target: object) -> str | None:
    """``target`` if it is the path (and query) of a page of this site."""
    if not isinstance(target, str) or not target or len(target) > MAX_TARGET_LENGTH:
        return None
    form = target
    for _ in range(4):  # the target, then each decoding of it (double-encoded forms)
        if not _plain_local_path(form):
            return None
        decoded = unquote(form)
        if decoded == form:
            break
        form = decoded
    else:
        return None  # still encoded after three decodings: nobody types that
    adapter = current_app.url_map.bind("localhost")
    try:
        adapter.match(unquote(urlsplit(target).path), method="GET")
    except (HTTPException, RoutingException):
        return None
    return target
