"""The database: engine and sessions from a URL, and the schema upgrade.

The URL comes from the caller, else ``DATABASE_URL``, else an SQLite file
``docgen.sqlite3`` in the instance folder (``package_data.instance_dir``). ``postgresql://`` (and the
``postgres://`` that hosting services hand out) means psycopg 3. SQLite gets
foreign keys switched on for every connection, since it leaves them off.

The schema belongs to the Alembic environment in ``migrations/``; ``upgrade``
runs it to the newest revision (``docgen db upgrade``), no alembic.ini needed.
Nothing here knows of Flask: the web app owns its per-request session
(``docgen.web.database``).
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from ..base.package_data import instance_dir

DEFAULT_URL = f"sqlite:///{instance_dir() / 'docgen.sqlite3'}"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def database_url(url: str | None = None) -> str:
    """The URL to use: ``url``, else ``$DATABASE_URL``, else the SQLite default;
    PostgreSQL URLs are pointed at the psycopg 3 driver."""
    url = url or os.environ.get("DATABASE_URL") or DEFAULT_URL
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


DEFAULT_TIMEOUT = 5.0  # seconds; DOCGEN_DB_TIMEOUT overrides


def timeout_seconds(environ=os.environ) -> float:
    """How long one connection attempt or statement may take before it fails,
    so that a database that is down or frozen costs one request, never the
    app (each request would otherwise hold a server thread forever)."""
    try:
        return max(0.5, float(environ.get("DOCGEN_DB_TIMEOUT", DEFAULT_TIMEOUT)))
    except ValueError:
        return DEFAULT_TIMEOUT


def make_engine(url: str | None = None, **options) -> Engine:
    url = make_url(database_url(url))
    timeout = timeout_seconds()
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": timeout}, **options)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    milliseconds = int(timeout * 1000)
    # connect_args replace the URL's own "options" (e.g. a search_path): keep them first
    given = url.query.get("options", "")
    given = " ".join(given) if isinstance(given, tuple) else given
    connect_args = {
        "connect_timeout": max(1, round(timeout)),
        "options": f"{given} -c statement_timeout={milliseconds} -c lock_timeout={milliseconds} "
                   f"-c idle_in_transaction_session_timeout={milliseconds * 6}".strip(),
    }
    return create_engine(url, pool_pre_ping=True, pool_timeout=timeout, connect_args=connect_args,
                         **options)


def pool_size(environ=os.environ) -> int:
    """Connections per process (DOCGEN_DB_POOL, default 4: half of
    `docgen serve`'s 8 threads)."""
    try:
        return max(1, int(environ.get("DOCGEN_DB_POOL", 4)))
    except ValueError:
        return 4


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    # A writer waits for another (the web app's processes and `docgen users`
    # may use the same file at once) instead of failing at once.
    cursor.execute("PRAGMA busy_timeout = 5000")
    # Write-ahead log: readers do not block the one writer nor it them. Needs
    # a local file system. synchronous FULL: each commit is on the disk
    # (fsync of the log) before it returns, so a register number shown to the
    # văn thư survives a power cut and is never given again (NORMAL may lose
    # the last commits). bench/sqlite_durability.py measures the cost.
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    # Objects stay readable after commit: service functions commit, and the
    # web renders what they return.
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(engine: Engine):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (the newest by default)."""
    from alembic import command

    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The newest revision the migrations know."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


class SchemaNotReady(Exception):
    """The database's schema is older than the code; ``str()`` is one
    Vietnamese line saying what to run."""


def auto_upgrades(engine: Engine) -> bool:
    """SQLite (one file beside the app) is migrated on first use; PostgreSQL
    is the operator's to migrate with ``docgen db upgrade``."""
    return engine.url.get_backend_name() == "sqlite"


def ensure_schema(engine: Engine, auto: bool | None = None) -> None:
    """Make sure the schema is the newest before it is used: migrate it when
    ``auto`` (default: ``auto_upgrades``), else raise ``SchemaNotReady``."""
    current, head = current_revision(engine), head_revision()
    if current == head:
        return
    if auto_upgrades(engine) if auto is None else auto:
        upgrade(engine)
        return
    where = engine.url.render_as_string(hide_password=True)
    state = f"ở phiên bản {current}" if current else "chưa có bảng nào"
    raise SchemaNotReady(f"Cơ sở dữ liệu {where} {state}, cần phiên bản {head}: "
                         "hãy chạy `docgen db upgrade` rồi thử lại.")

