"""CSRF protection and security headers.

The CSRF rule:

- A request that carries the browser session cookie must send the session's
  token: the editor's scripts send it in the ``X-CSRF-Token`` header, HTML
  forms in a hidden ``csrf_token`` field. Otherwise: 403.
- A request without the session cookie (a script, curl, another service) may
  call the JSON endpoints: ``Content-Type: application/json`` cannot be sent
  by a cross-site page without a CORS preflight, which this app never
  grants, and a JSON endpoint answers any other body with 415.
- Form-encoded and multipart bodies (what a cross-site page can forge) always
  need the token; a script gets a session and its token from
  ``GET /api/csrf-token``.
- A URL or method the app does not serve answers 404 or 405 (with Allow)
  before the token is looked at: nothing is done, so nothing is protected.
"""

from __future__ import annotations

import hmac
import secrets

from flask import Flask, request, session

from .errors import ApiError

TOKEN_KEY = "csrf_token"
HEADER = "X-CSRF-Token"
FORM_FIELD = "csrf_token"
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
FORGEABLE_BODIES = {"application/x-www-form-urlencoded", "multipart/form-data"}

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    # the signing tool on the officer's own computer (docgen local-signer)
    "connect-src 'self' http://127.0.0.1:* http://localhost:*",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def csrf_token() -> str:
    """The session's token, created on first use."""
    token = session.get(TOKEN_KEY)
    if not token:
        token = session[TOKEN_KEY] = secrets.token_urlsafe(32)
    return token


def _check_csrf(app: Flask) -> None:
    if request.method not in UNSAFE_METHODS:
        return
    if request.routing_exception is not None:
        return  # no such route or method: its 404/405 (with Allow) comes first
    has_session = app.config["SESSION_COOKIE_NAME"] in request.cookies
    if not has_session and request.mimetype not in FORGEABLE_BODIES:
        return
    expected = session.get(TOKEN_KEY)
    sent = request.headers.get(HEADER)
    if sent is None and request.mimetype in FORGEABLE_BODIES:
        sent = request.form.get(FORM_FIELD)
    if not expected or not sent or not hmac.compare_digest(expected, sent):
        raise ApiError(
            403,
            "Thiếu hoặc sai mã bảo vệ (CSRF). Hãy tải lại trang rồi thử lại; "
            "nội dung đã nhập được giữ trong trình duyệt.",
        )


def init_security(app: Flask) -> None:
    app.before_request(lambda: _check_csrf(app))

    @app.after_request
    def security_headers(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    app.jinja_env.globals["csrf_token"] = csrf_token
