"""Migration 0003 on a database that already has accounts, drafts and an
approval: the rows stay, the role check admits registrar (văn thư) and
still refuses an unknown role, and downgrading refuses while a văn thư
exists."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from docgen.storage import db, drafts, register
from docgen.storage.models import User


def test_upgrading_keeps_rows_and_admits_the_registrar(empty_url, plan_data):
    engine = db.make_engine(empty_url)
    db.upgrade(engine, "0002")
    sessions = db.make_sessionmaker(engine)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO units (name, created_at) VALUES ('UBND xã A', '2026-01-01')"))
        for username, role in (("an", "drafter"), ("chau", "signer")):
            connection.execute(text(
                "INSERT INTO users (username, full_name, role, unit_id, password_hash, active, "
                "created_at) SELECT :username, :username, :role, id, 'x', :active, '2026-01-01' "
                "FROM units"), {"username": username, "role": role, "active": True})
    db.upgrade(engine, "0003")  # to 0003 itself; later revisions have tests of their own
    assert db.current_revision(engine) == "0003"
    with engine.begin() as connection:  # the tables as 0003 has them: no model of a later revision
        connection.execute(text(
            "INSERT INTO users (username, full_name, role, unit_id, password_hash, active, created_at) "
            "SELECT 'vy', 'Trần Thị Vy', 'registrar', id, 'x', :active, '2026-01-01' FROM units"),
            {"active": True})
    with pytest.raises(DBAPIError, match="(?i)check"):
        with engine.begin() as connection:
            connection.execute(text("UPDATE users SET role = 'boss' WHERE username = 'an'"))
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert connection.execute(text("PRAGMA foreign_key_check")).all() == []

    config = db.alembic_config(engine)
    with pytest.raises(RuntimeError, match="registrar"):
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0002")
    assert db.current_revision(engine) == "0003"

    # The rows kept serve the whole path once the database is current.
    db.upgrade(engine)
    with sessions() as session:
        an, chau, vy = (session.get(User, session.scalar(text(f"SELECT id FROM users WHERE username = '{name}'")))
                        for name in ("an", "chau", "vy"))
        draft = drafts.create_draft(session, an, plan_data)
        drafts.submit(session, an, draft.id)
        drafts.approve(session, chau, draft.id, confirmed=True)
        assert register.issue(session, vy, draft.id, confirmed=True).number == 1
    engine.dispose()
