"""The web's way to the storage: the app's engine, one database session per
request (Flask ``g``, closed after the request), with the schema brought up
to date on first use. The storage itself knows nothing of Flask.

SQLite (the default, one file beside the app) is migrated automatically the
first time a request needs it, so a fresh install works without a setup
step, and pages that never touch the database (the editor, batch) never
create the file. PostgreSQL is migrated by the operator with ``docgen db
upgrade``; ``DATABASE_AUTO_UPGRADE`` forces either behaviour.
"""

from __future__ import annotations

import threading

from flask import Flask, current_app, g
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from ..storage import db


def init_database(app: Flask) -> None:
    """Give the app its engine (``app.config["DATABASE_URL"]``, else the
    environment/default) and close the request's session after each request."""
    url = app.config.get("DATABASE_URL")
    options = {}
    if make_url(db.database_url(url)).get_backend_name() != "sqlite":
        # A frozen server (SIGSTOP, a hung disk) answers no query, and no
        # server-side timeout can end one: the web's pool is kept smaller
        # than the server's threads, so stuck queries hold at most
        # DOCGEN_DB_POOL threads and every other request needing the
        # database gets a 503 after the timeout while the rest of the app
        # keeps answering.
        options = {"pool_size": db.pool_size(), "max_overflow": 0}
    app.extensions["docgen.db"] = db.make_sessionmaker(db.make_engine(url, **options))
    app.teardown_appcontext(close_session)
    app.extensions["docgen.db_upgrade"] = {"pending": True, "lock": threading.Lock()}


def get_session() -> Session:
    """The current request's session, opened on first use (no schema check:
    :func:`database` is what routes call)."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["docgen.db"]()
    return g.db_session


def close_session(_error=None) -> None:
    """Close the request's session after its answer is made. A database lost
    meanwhile (the rollback of a read after the last commit fails) costs the
    connection, never the answer: an error here would replace it with the
    server's own English "Internal Server Error"."""
    session = g.pop("db_session", None)
    if session is None:
        return
    try:
        session.close()
    except Exception as error:
        current_app.logger.warning("database session not closed cleanly (%s); its connections are dropped",
                                   error.__class__.__name__)
        try:
            session.invalidate()
        except Exception:
            pass


def discard_session() -> None:
    """Drop the request's session after a database error without talking to
    the database again: its connections are invalidated, not rolled back (a
    ROLLBACK to a frozen server would never return)."""
    session = g.pop("db_session", None)
    if session is not None:
        session.invalidate()


def database() -> Session:
    """The current request's session (closed after the request). The first
    use checks the schema: migrated when allowed, else a 503 that says to run
    ``docgen db upgrade`` (never a traceback)."""
    state = current_app.extensions["docgen.db_upgrade"]
    if state["pending"]:
        with state["lock"]:
            if state["pending"]:
                factory = current_app.extensions["docgen.db"]
                # db.SchemaNotReady: a 503 that says what to run (web/errors.py).
                db.ensure_schema(factory.kw["bind"], current_app.config.get("DATABASE_AUTO_UPGRADE"))
                state["pending"] = False
    return get_session()
