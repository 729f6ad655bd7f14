"""The web application for clerks: ``create_app`` is the application factory
(``flask --app docgen.app run --debug`` for development, ``docgen serve`` for
production behind waitress, which first asks ``production_config`` for the
secret key and the cookie settings)."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from .jobs import make_queue
from .jobs.expiry import jobs_days
from .jobs.store import DEFAULT_ROOT as DEFAULT_JOBS_DIR
from .storage import db
from .web import api, auth, batch, drafts, pages
from .web.database import init_database
from .web.errors import register_error_handlers
from .web.plans import load_samples
from .web.security import init_security

WEB = Path(__file__).resolve().parent / "web"
ROOT = Path(__file__).resolve().parent.parent

DEFAULTS = {
    "MAX_CONTENT_LENGTH": 4 * 1024 * 1024,  # a plan is ~50 KB; room for a large .xlsx
    "SAMPLES_DIR": ROOT / "samples",
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
    "PERMANENT_SESSION_LIFETIME": 8 * 3600,  # a working day, then log in again
}


class ConfigError(Exception):
    """The app must not start this way; the message says why (vi + en)."""


def production_config(environ=os.environ) -> dict:
    """The settings ``docgen serve`` adds: a fixed secret key (sessions carry
    logins, so a random per-process key would log everyone out on restart and
    break several processes) and cookies sent over HTTPS only, unless
    ``DOCGEN_INSECURE_COOKIES=1`` for an intranet served over plain HTTP."""
    key = environ.get("DOCGEN_SECRET_KEY", "").strip()
    if not key:
        raise ConfigError(
            "Chưa đặt khóa bí mật: hãy đặt biến môi trường DOCGEN_SECRET_KEY (một chuỗi ngẫu nhiên "
            "dài, ví dụ: python3 -c \"import secrets; print(secrets.token_hex(32))\").\n"
            "DOCGEN_SECRET_KEY is not set: production mode refuses to start without a secret key.")
    insecure = environ.get("DOCGEN_INSECURE_COOKIES", "").strip().lower() in ("1", "true", "yes")
    return {"SECRET_KEY": key, "SESSION_COOKIE_SECURE": not insecure}


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, template_folder=WEB / "templates", static_folder=WEB / "static")
    app.config.update(DEFAULTS)
    # Development and tests: a per-process key unless one is given;
    # `docgen serve` insists on DOCGEN_SECRET_KEY (production_config).
    app.config["SECRET_KEY"] = os.environ.get("DOCGEN_SECRET_KEY") or os.urandom(32)
    app.config.update(config or {})
    app.json.ensure_ascii = False
    app.json.sort_keys = False

    app.extensions["docgen.samples"] = load_samples(Path(app.config["SAMPLES_DIR"]))
    app.config["JOBS_DAYS"] = jobs_days(app.config["JOBS_DAYS"])
    app.extensions["docgen.jobs"] = make_queue(app.config["JOBS_DIR"], app.config["REDIS_URL"],
                                               app.config["JOBS_DAYS"])
    db.init_app(app)
    init_database(app)
    init_security(app)
    register_error_handlers(app)
    auth.init_auth(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(batch.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(drafts.bp)
    return app
