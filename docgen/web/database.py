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
from sqlalchemy.orm import Session

from ..storage import db
from .errors import ApiError


def init_database(app: Flask) -> None:
    app.extensions["docgen.db_upgrade"] = {"pending": True, "lock": threading.Lock()}


def database() -> Session:
    """The current request's session (closed after the request). The first
    use checks the schema: migrated when allowed, else a 503 that says to run
    ``docgen db upgrade`` (never a traceback)."""
    state = current_app.extensions["docgen.db_upgrade"]
    if state["pending"]:
        with state["lock"]:
            if state["pending"]:
                factory = current_app.extensions["docgen.db"]
                try:
                    db.ensure_schema(factory.kw["bind"], current_app.config.get("DATABASE_AUTO_UPGRADE"))
                except db.SchemaNotReady as error:
                    raise ApiError(503, str(error)) from None
                state["pending"] = False
    return db.get_session()
