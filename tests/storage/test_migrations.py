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

    app = Flask(__name__)
    app.config["DATABASE_URL"] = engine.url.render_as_string(hide_password=False)
    db.init_app(app)
    with app.app_context():
        session = db.get_session()
        assert db.get_session() is session
        assert session.execute(text("SELECT COUNT(*) FROM users")).scalar() == 0
    with app.app_context():
        assert db.get_session() is not session
