"""The web application for clerks: ``create_app`` is the application factory
(``flask --app docgen.web run --debug`` for development, ``docgen serve`` for
production behind waitress, which first asks ``production_config`` for the
secret key and the cookie settings). Outside tests, a secret key shorter than
32 bytes is refused; ``DOCGEN_PROXIES`` says how many reverse proxies stand
in front of the app (their X-Forwarded-For/-Proto are trusted, no others)."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from ..batch.limits import LimitConfigError
from ..jobs import make_queue
from ..jobs.expiry import jobs_days
from ..jobs.store import DEFAULT_ROOT as DEFAULT_JOBS_DIR
from ..base.package_data import SAMPLES, instance_dir
from . import agencies, api, auth, batch, drafts, eoffice, guide, pages, register
from .budget import init_budget
from .database import init_database
from .errors import register_error_handlers
from .imports import init_imports
from .pdf_gate import GateSettingError, init_pdf_gate
from .plans import load_samples
from .requests import init_requests
from .routing import DatabaseId
from .security import init_security

WEB = Path(__file__).resolve().parent

DEFAULTS = {
    "MAX_CONTENT_LENGTH": 4 * 1024 * 1024,  # a plan is ~50 KB; room for a large .xlsx
    "SAMPLES_DIR": SAMPLES,
    "SESSION_COOKIE_NAME": "docgen_session",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "JSON_AS_ASCII": False,
    # Batch jobs: their uploads and results (a share when RQ workers run on
    # other machines), deleted JOBS_DAYS after they end; REDIS_URL switches
    # from the in-process queue to RQ.
    "JOBS_DIR": os.environ.get("DOCGEN_JOBS_DIR") or DEFAULT_JOBS_DIR,
    "JOBS_DAYS": os.environ.get("DOCGEN_JOBS_DAYS") or None,
    "REDIS_URL": os.environ.get("REDIS_URL") or None,
    # Drafts, accounts and the audit log: $DATABASE_URL, else
    # instance/docgen.sqlite3. An SQLite database is migrated on first use;
    # PostgreSQL with `docgen db upgrade` (set DATABASE_AUTO_UPGRADE to force).
    "DATABASE_URL": os.environ.get("DATABASE_URL") or None,
    "DATABASE_AUTO_UPGRADE": None,
    # The in-process queue re-queues unfinished jobs and deletes expired ones;
    # `docgen serve --workers N` leaves that to its first worker.
    "JOBS_HOUSEKEEPING": True,
    "PERMANENT_SESSION_LIFETIME": 8 * 3600,  # a working day, then log in again
    # The review page's printed pages (PNG), cached by the document's SHA-256.
    "PDF_PAGES_DIR": os.environ.get("DOCGEN_PDF_PAGES_DIR") or instance_dir() / "pdf-pages",
    # PDF requests in flight (web/pdf_gate.py): at most PDF_QUEUE (default a
    # quarter of SERVER_THREADS, waitress's threads, which `docgen serve`
    # sets), PDF_PER_USER for one user; anonymous plans up to PDF_ANONYMOUS_KB.
    "SERVER_THREADS": 8,
    "PDF_QUEUE": os.environ.get("DOCGEN_PDF_QUEUE") or None,
    "PDF_PER_USER": os.environ.get("DOCGEN_PDF_PER_USER") or 1,
    "PDF_ANONYMOUS_KB": os.environ.get("DOCGEN_PDF_ANONYMOUS_KB") or 40,
}

MIN_SECRET_KEY_BYTES = 32
MAKE_A_KEY = "python3 -c \"import secrets; print(secrets.token_hex(32))\""


class ConfigError(Exception):
    """The app must not start this way; the message says why (vi + en)."""


def production_config(environ=os.environ) -> dict:
    """The settings ``docgen serve`` adds: a fixed secret key (sessions carry
    logins, so a random per-process key would log everyone out on restart and
    break several processes) and cookies sent over HTTPS only, unless
    ``DOCGEN_INSECURE_COOKIES=1`` for an intranet served over plain HTTP."""
    key = environ.get("DOCGEN_SECRET_KEY", "").strip()
    check_secret_key(key)
    insecure = environ.get("DOCGEN_INSECURE_COOKIES", "").strip().lower() in ("1", "true", "yes")
    return {"SECRET_KEY": key, "SESSION_COOKIE_SECURE": not insecure}


def check_secret_key(key: str | bytes | None) -> None:
    """ConfigError unless ``key`` is at least 32 bytes: the session cookie
    carries logins, and a short key can be guessed offline from one cookie."""
    raw = key.encode("utf-8") if isinstance(key, str) else bytes(key or b"")
    if not raw.strip():
        raise ConfigError(
            "Chưa đặt khóa bí mật: hãy đặt biến môi trường DOCGEN_SECRET_KEY (một chuỗi ngẫu nhiên "
            f"dài, ví dụ: {MAKE_A_KEY}).\n"
            "DOCGEN_SECRET_KEY is not set: production mode refuses to start without a secret key.")
    if len(raw) < MIN_SECRET_KEY_BYTES:
        raise ConfigError(
            f"Khóa bí mật DOCGEN_SECRET_KEY quá ngắn: {len(raw)} byte, cần ít nhất "
            f"{MIN_SECRET_KEY_BYTES} byte. Tạo khóa mới bằng lệnh: {MAKE_A_KEY}\n"
            f"DOCGEN_SECRET_KEY is too short ({len(raw)} bytes): use at least "
            f"{MIN_SECRET_KEY_BYTES} random bytes, e.g. {MAKE_A_KEY}")


def proxy_count(value: object) -> int:
    """``DOCGEN_PROXIES`` as a number of proxies, or ConfigError."""
    text = str(value if value is not None else "0").strip() or "0"
    if not text.isdigit() or int(text) > 10:
        raise ConfigError(
            f"DOCGEN_PROXIES phải là số proxy đứng trước ứng dụng (0 đến 10), không phải “{text}”.\n"
            f"DOCGEN_PROXIES must be the number of reverse proxies in front of the app (0-10), "
            f"not {text!r}.")
    return int(text)


def waitress_options(app: Flask) -> dict:
    """Settings waitress needs from the app: waitress drops X-Forwarded-*
    headers unless told otherwise, so behind DOCGEN_PROXIES it keeps them for
    ProxyFix, which trusts exactly that many; with 0 they never reach Flask."""
    return {"clear_untrusted_proxy_headers": not app.config["PROXIES"]}


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, template_folder=WEB / "templates", static_folder=WEB / "static")
    app.config.update(DEFAULTS)
    # Development and tests: a per-process key unless one is given;
    # `docgen serve` insists on DOCGEN_SECRET_KEY (production_config).
    app.config["SECRET_KEY"] = os.environ.get("DOCGEN_SECRET_KEY") or os.urandom(32)
    # Reverse proxies in front of the app (nginx, a load balancer): their
    # X-Forwarded-For/-Proto give the client's address and scheme. 0 trusts
    # no such header (any client could write one).
    app.config["PROXIES"] = os.environ.get("DOCGEN_PROXIES", "0")
    app.config.update(config or {})
    if not app.config.get("TESTING"):
        check_secret_key(app.config["SECRET_KEY"])
    proxies = app.config["PROXIES"] = proxy_count(app.config["PROXIES"])
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    app.url_map.converters["id"] = DatabaseId
    app.json.ensure_ascii = False
    app.json.sort_keys = False

    app.extensions["docgen.samples"] = load_samples(app.config["SAMPLES_DIR"])
    app.config["JOBS_DAYS"] = jobs_days(app.config["JOBS_DAYS"])
    app.extensions["docgen.jobs"] = make_queue(app.config["JOBS_DIR"], app.config["REDIS_URL"],
                                               app.config["JOBS_DAYS"], app.config["JOBS_HOUSEKEEPING"])
    try:
        init_pdf_gate(app)
    except GateSettingError as error:
        raise ConfigError(str(error)) from None
    init_database(app)
    init_imports(app)  # the import routes' size limits, before the CSRF check reads a form
    try:
        init_budget(app)  # DOCGEN_PARSE_*: what one parse of an upload may cost
    except LimitConfigError as error:
        raise ConfigError(str(error)) from None
    init_security(app)
    init_requests(app)  # NUL and lone surrogates: 400 before the database
    register_error_handlers(app)
    auth.init_auth(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(batch.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(drafts.bp)
    app.register_blueprint(register.bp)
    app.register_blueprint(agencies.bp)
    app.register_blueprint(guide.bp)
    app.register_blueprint(eoffice.bp)
    return app
