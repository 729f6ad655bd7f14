"""Login, logout and password change, and who is asking.

The session cookie stores the user's id and the account's session version;
every request reads the user again (``current_user``) and compares the
version, so logout, a password change and deactivation (which raise it) end
every session of the account at once, copies of the cookie included.
Logging in clears the session and issues a new CSRF token, so a session (or
token) planted before the login is worth nothing after it. Password checks,
rate limiting and the audit rows belong to ``docgen.storage.users``.

The editor needs no account; the batch, drafts, review and audit pages do
(``login_required``).
"""

from __future__ import annotations

from functools import wraps

from flask import (
    Blueprint, Flask, current_app, flash, g, redirect, render_template, request, session, url_for,
)
from sqlalchemy.exc import SQLAlchemyError

from ..storage import users
from ..storage.errors import LoginError, UserError
from ..storage.models import utcnow
from .database import database, discard_session
from .errors import ApiError
from .routing import local_path
from .security import csrf_token

bp = Blueprint("auth", __name__)

USER_KEY = "user_id"
VERSION_KEY = "session_version"
NOT_LOGGED_IN = "Cần đăng nhập để dùng chức năng này."


def current_user():
    """The logged-in, active user whose session is still current, or None.
    A session the account has ended (an older version) loses its login."""
    if "user" not in g:
        user_id, version = session.get(USER_KEY), session.get(VERSION_KEY)
        user = users.get_user(database(), user_id) if isinstance(user_id, int) else None
        if user is not None and (not isinstance(version, int) or version != user.session_version):
            user = None
        if user is None and USER_KEY in session:
            session.pop(USER_KEY, None)
            session.pop(VERSION_KEY, None)
        g.user = user
    return g.user


def _start_session(user) -> None:
    """A new session for ``user``: nothing of the old one survives."""
    session.clear()
    session[USER_KEY] = user.id
    session[VERSION_KEY] = user.session_version
    session.permanent = True
    csrf_token()  # a new token for the new session
    g.user = user


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
    # The peer's address; behind DOCGEN_PROXIES reverse proxies, ProxyFix
    # (create_app) has put the client's address from X-Forwarded-For here.
    return request.remote_addr or "?"


def _retry_after(error: LoginError) -> dict:
    seconds = int((error.locked_until - utcnow()).total_seconds())
    return {"Retry-After": str(max(1, seconds))}


@bp.route("/login", methods=["GET", "POST"])
def login():
    next_url = local_path(request.values.get("next"))
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
            return (*response, _retry_after(error))
        return response
    _start_session(user)
    return redirect(next_url or url_for("drafts.drafts_list"))


@bp.post("/logout")
def logout():
    """Ends every session of the account, on every computer."""
    user = current_user()
    if user is not None:
        users.logout(database(), user, ip=client_ip())
    session.clear()
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Đổi mật khẩu: every other session of the account ends; this one goes
    on under a new cookie."""
    user = current_user()
    if request.method == "GET":
        return render_template("password.html")
    new, again = request.form.get("new_password", ""), request.form.get("new_password_again", "")
    error, status, headers = None, 400, {}
    if new != again:
        error = "Hai lần nhập mật khẩu mới không giống nhau."
    else:
        try:
            users.change_password(database(), user, request.form.get("current_password", ""),
                                  new, client_ip())
        except LoginError as refused:
            error, status = refused.message, 401
            if refused.locked_until is not None:
                status, headers = 429, _retry_after(refused)
        except UserError as refused:
            error = refused.message
    if error is not None:
        return render_template("password.html", error=error), status, headers
    _start_session(user)
    flash("Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản này đã kết thúc.", "ok")
    return redirect(url_for("drafts.drafts_list"))


def page_user():
    """``current_user`` for what a page shows (the account bar): while the
    database is down or frozen, a page that needs no database (the editor,
    the start page) still opens, as if nobody were logged in; pages that
    need the database answer 503 through ``login_required``."""
    try:
        return current_user()
    except SQLAlchemyError as error:
        current_app.logger.warning("database error on %s: %s", request.path, error.__class__.__name__)
        discard_session()
        g.user = None
        return None


def no_store_when_logged_in(response):
    """Nothing served to a logged-in session (its drafts, the register, a
    signed file, a page image) is kept by the browser's cache or a proxy:
    on a shared computer the next person cannot open it from the cache or
    the Back button after the clerk logs out. Static files are the same for
    everyone and stay cacheable."""
    if request.endpoint != "static" and session.get(USER_KEY) is not None:
        if "no-store" not in response.headers.get("Cache-Control", ""):
            response.headers["Cache-Control"] = "private, no-store"
    return response


def init_auth(app: Flask) -> None:
    app.context_processor(lambda: {"current_user": page_user})
    app.after_request(no_store_when_logged_in)
