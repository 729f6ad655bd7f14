"""The web's way to the storage: the request's database session, with the
schema brought up to date on first use.

SQLite (the default, one file beside the app) is migrated automatically the
first time a request needs it, so a fresh install works without a setup
step, and pages that never touch the database (the editor, batch) never
create the file. PostgreSQL is migrated by the operator with ``docgen db
upgrade``; ``DATABASE_AUTO_UPGRADE`` forces either behaviour.
"""

from __future__ import annotations

import threading

from flask import Flask, current_app
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from ..storage import db


def init_database(app: Flask) -> None:
    auto = app.config.get("DATABASE_AUTO_UPGRADE")
    if auto is None:
        url = make_url(db.database_url(app.config.get("DATABASE_URL")))
        auto = url.get_backend_name() == "sqlite"
    app.extensions["docgen.db_upgrade"] = {"pending": bool(auto), "lock": threading.Lock()}


def database() -> Session:
    """The current request's session (closed after the request)."""
    state = current_app.extensions["docgen.db_upgrade"]
    if state["pending"]:
        with state["lock"]:
            if state["pending"]:
                factory = current_app.extensions["docgen.db"]
                db.upgrade(factory.kw["bind"])
                state["pending"] = False
    return db.get_session()
