"""The migrations build the schema the models describe, on both databases,
and the database itself keeps versions and approved documents unchanged."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from docgen.storage import db
from docgen.storage.drafts import create_draft
from docgen.storage.models import Base


def test_upgrade_creates_every_table_at_head(engine):
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    head = ScriptDirectory.from_config(db.alembic_config(engine)).get_current_head()
    assert db.current_revision(engine) == head


def test_migrated_schema_matches_the_models(engine):
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_upgrade_twice_changes_nothing(engine):
    db.upgrade(engine)
    assert db.current_revision(engine) is not None


def test_downgrade_to_base_and_back(engine):
    from alembic import command

    config = db.alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert not set(Base.metadata.tables) & set(inspect(engine).get_table_names())
    db.upgrade(engine)
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())


def test_sqlite_connections_enforce_foreign_keys(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'fk.sqlite3'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


@pytest.mark.parametrize("statement", [
    "UPDATE draft_versions SET plan = '{}'",
    "DELETE FROM draft_versions",
])
def test_the_database_refuses_to_change_a_version(engine, session, people, plan_data, statement):
    create_draft(session, people["an"], plan_data)
    with pytest.raises(DBAPIError, match="immutable"):
        with engine.begin() as connection:
            connection.execute(text(statement))


def test_database_url_defaults_and_postgres_driver(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert db.database_url() == db.DEFAULT_URL
    assert db.DEFAULT_URL.endswith("/instance/docgen.sqlite3")
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@h/d")
    assert db.database_url() == "postgresql+psycopg://u:p@h/d"
    assert db.database_url("postgresql://h/x") == "postgresql+psycopg://h/x"
    assert db.database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_flask_app_gets_one_session_per_request(engine):
    from flask import Flask

    from docgen.web.database import get_session, init_database

    app = Flask(__name__)
    app.config["DATABASE_URL"] = engine.url.render_as_string(hide_password=False)
    init_database(app)
    with app.app_context():
        session = get_session()
        assert get_session() is session
        assert session.execute(text("SELECT COUNT(*) FROM users")).scalar() == 0
    with app.app_context():
        assert get_session() is not session


def test_accounts_made_before_0002_get_session_version_1(empty_url):
    """Upgrading a database that already has accounts: they get version 1
    and keep working; the new index for the per-address ceiling is there."""
    from docgen.storage.users import authenticate, create_user

    engine = db.make_engine(empty_url)
    db.upgrade(engine, "0001")
    with engine.begin() as connection:
        assert "session_version" not in {c["name"] for c in inspect(connection).get_columns("users")}
        connection.execute(text("INSERT INTO units (name, created_at) VALUES ('UBND xã A', '2026-01-01')"))
        connection.execute(text(
            "INSERT INTO users (username, full_name, role, unit_id, password_hash, active, created_at) "
            "SELECT 'cu', 'Người Cũ', 'drafter', id, 'x', :active, '2026-01-01' FROM units"),
            {"active": True})
    db.upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT session_version FROM users")).scalar() == 1
        indexes = {index["name"] for index in inspect(connection).get_indexes("login_attempts")}
    assert "ix_login_attempts_ip" in indexes
    with db.make_sessionmaker(engine)() as session:
        new = create_user(session, "moi", "Người Mới", "drafter", "UBND xã A", "mat-khau-du-dai")
        assert new.session_version == 1
        assert authenticate(session, "moi", "mat-khau-du-dai", "10.0.0.1").id == new.id
    engine.dispose()
