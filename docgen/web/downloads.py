"""The one way a route answers with a file: its type, the name the browser
saves it under, and, for what belongs to a logged-in user, no copy kept by
any cache (``Cache-Control: private, no-store``)."""

from __future__ import annotations

from flask import Response


def attachment(body: bytes | str, mimetype: str, filename: str, *, private: bool = False,
               inline: bool = False) -> Response:
    """``body`` to save as ``filename`` (``inline``: to show in the browser);
    ``private``: a logged-in user's file, never stored by a cache."""
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    if private:
        response.headers["Cache-Control"] = "private, no-store"
    return response
