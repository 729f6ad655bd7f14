"""Login and logout, and who is asking.

The session cookie stores only the user's id; every request reads the user
again (``current_user``), so a deactivated account stops working at once.
Logging in clears the session and issues a new CSRF token, so a session (or
token) planted before the login is worth nothing after it. Password checks,
rate limiting and the audit rows belong to ``docgen.storage.users``.

The editor needs no account; the batch, drafts, review and audit pages do
(``login_required``).
"""

from __future__ import annotations

from functools import wraps

from flask import (
    Blueprint, Flask, g, redirect, render_template, request, session, url_for,
)

from ..storage import users
from ..storage.errors import LoginError
from .database import database
from .errors import ApiError
from .security import csrf_token

bp = Blueprint("auth", __name__)

USER_KEY = "user_id"
NOT_LOGGED_IN = "Cần đăng nhập để dùng chức năng này."


def current_user():
    """The logged-in, active user, or None."""
    if "user" not in g:
        user_id = session.get(USER_KEY)
        g.user = users.get_user(database(), user_id) if isinstance(user_id, int) else None
    return g.user


def login_required(view):
    """Pages send a visitor to the login page (and back afterwards); the JSON
    API answers 401."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        if current_user() is None:
            if request.path.startswith("/api/"):
                raise ApiError(401, NOT_LOGGED_IN)
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)
    return wrapped


def client_ip() -> str:
    # waitress serves directly; behind a proxy, wrap the app in ProxyFix.
    return request.remote_addr or "?"


def _local_path(target: str | None) -> str | None:
    """``target`` if it is a path on this site (never another host)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@bp.route("/login", methods=["GET", "POST"])
def login():
    next_url = _local_path(request.values.get("next"))
    if request.method == "GET":
        if current_user() is not None:
            return redirect(next_url or url_for("drafts.drafts_list"))
        return render_template("login.html", next_url=next_url)
    username = request.form.get("username", "")
    try:
        user = users.authenticate(database(), username, request.form.get("password", ""),
                                  client_ip())
    except LoginError as error:
        status = 429 if error.locked_until is not None else 401
        response = render_template("login.html", next_url=next_url, username=username,
                                   error=error.message), status
        if status == 429:
            return (*response, {"Retry-After": "900"})
        return response
    session.clear()
    session[USER_KEY] = user.id
    session.permanent = True
    csrf_token()  # a new token for the new session
    return redirect(next_url or url_for("drafts.drafts_list"))


@bp.post("/logout")
def logout():
    session.clear()
    return redirect(url_for("auth.login"))


def init_auth(app: Flask) -> None:
    app.context_processor(lambda: {"current_user": current_user})
