"""The web application for clerks: ``create_app`` is the application factory
(``flask --app docgen.app run --debug`` for development, ``docgen serve`` for
production behind waitress)."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from .jobs import make_queue
from .web import api, batch, pages
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
    # other machines); REDIS_URL switches from the in-process queue to RQ.
    "JOBS_DIR": os.environ.get("DOCGEN_JOBS_DIR") or ROOT / "instance" / "jobs",
    "REDIS_URL": os.environ.get("REDIS_URL") or None,
}


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, template_folder=WEB / "templates", static_folder=WEB / "static")
    app.config.update(DEFAULTS)
    # Sessions only carry the CSRF token; a per-process key is enough unless
    # several processes serve the same clerks.
    app.config["SECRET_KEY"] = os.environ.get("DOCGEN_SECRET_KEY") or os.urandom(32)
    app.config.update(config or {})
    app.json.ensure_ascii = False
    app.json.sort_keys = False

    app.extensions["docgen.samples"] = load_samples(Path(app.config["SAMPLES_DIR"]))
    app.extensions["docgen.jobs"] = make_queue(app.config["JOBS_DIR"], app.config["REDIS_URL"])
    init_security(app)
    register_error_handlers(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(batch.bp)
    return app
