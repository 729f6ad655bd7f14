"""Numbering series (dãy số) configurable per unit, and secret documents.

A unit may decide that several types share one series, and secret
documents take their own (Decree 30, Art. 15): ``numbering_series``. Each
register row now names the series it was numbered in (``series``, the
counter's key) and whether it is secret (``secret``), and a number is unique
per unit, series and year (it was per symbol: a secret document may carry
the number and symbol of an ordinary one, each in its own book).

Rows issued before: ``series`` is the sequence they were numbered in (the
symbol, or ``UBND-*`` for a Công văn), ``secret`` from the plan's secrecy.

SQLite cannot drop a table's UNIQUE constraint: the table is rebuilt by
SQLite's own procedure (https://sqlite.org/lang_altertable.html, "Making
Other Kinds Of Table Schema Changes"): foreign keys off, which SQLite only
allows outside a transaction (so the migrations before this one are
committed first), a new table, the rows copied, the old one dropped, the new
one renamed, the index and the immutability triggers made again,
``foreign_key_check``, foreign keys on.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 13:00:00
"""

import json
import re

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

OLD_UNIQUE = "CONSTRAINT uq_issued_documents_number UNIQUE (unit_id, symbol, year, number)"
NEW_UNIQUE = "CONSTRAINT uq_issued_documents_series_number UNIQUE (unit_id, series, year, number)"


def _sequence(symbol: str, plan) -> str:
    from docgen import doctypes

    data = json.loads(plan) if isinstance(plan, str) else plan
    return doctypes.of_data(data).sequence_of(symbol)


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table('numbering_series',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('type_keys', sa.JSON(), nullable=False),
    sa.Column('secret', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_numbering_series_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_numbering_series')),
    sa.UniqueConstraint('unit_id', 'key', name='uq_numbering_series_unit_key')
    )
    _drop_immutable("issued_documents")
    op.add_column('issued_documents', sa.Column('series', sa.String(length=64), nullable=False, server_default=''))
    op.add_column('issued_documents', sa.Column('secret', sa.Boolean(), nullable=False,
                                                server_default=sa.false()))
    rows = bind.execute(sa.text("SELECT id, symbol, plan FROM issued_documents")).all()
    for row_id, symbol, plan in rows:
        data = json.loads(plan) if isinstance(plan, str) else plan
        bind.execute(sa.text("UPDATE issued_documents SET series = :series, secret = :secret WHERE id = :id"),
                     {"series": _sequence(symbol, data), "secret": bool(data.get("secrecy")), "id": row_id})
    if bind.dialect.name == "sqlite":
        _rebuild_sqlite(OLD_UNIQUE, NEW_UNIQUE)
    else:
        op.drop_constraint('uq_issued_documents_number', 'issued_documents', type_='unique')
        op.create_unique_constraint('uq_issued_documents_series_number', 'issued_documents',
                                    ['unit_id', 'series', 'year', 'number'])
    _immutable("issued_documents")


def downgrade() -> None:
    bind = op.get_bind()
    _drop_immutable("issued_documents")
    if bind.dialect.name == "sqlite":
        _rebuild_sqlite(NEW_UNIQUE, OLD_UNIQUE)
        for column in ("secret", "series"):
            op.execute(f"ALTER TABLE issued_documents DROP COLUMN {column}")
    else:
        op.drop_constraint('uq_issued_documents_series_number', 'issued_documents', type_='unique')
        op.create_unique_constraint('uq_issued_documents_number', 'issued_documents',
                                    ['unit_id', 'symbol', 'year', 'number'])
        op.drop_column('issued_documents', 'secret')
        op.drop_column('issued_documents', 'series')
    _immutable("issued_documents")
    op.drop_table('numbering_series')


def _rebuild_sqlite(old: str, new: str) -> None:
    bind = op.get_bind()
    table_sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'issued_documents'").scalar()
    if old not in table_sql:
        raise RuntimeError(f"issued_documents has no {old!r}: {table_sql}")
    created = re.sub(r'^CREATE TABLE "?issued_documents"?', "CREATE TABLE issued_documents_new",
                     table_sql.replace(old, new), count=1)
    raw = bind.connection.dbapi_connection
    was_open = raw.in_transaction  # pysqlite opens one before DML only
    if was_open:
        bind.exec_driver_sql("COMMIT")
    bind.exec_driver_sql("PRAGMA foreign_keys = OFF")
    bind.exec_driver_sql("BEGIN")
    bind.exec_driver_sql(created)
    bind.exec_driver_sql("INSERT INTO issued_documents_new SELECT * FROM issued_documents")
    bind.exec_driver_sql("DROP TABLE issued_documents")
    bind.exec_driver_sql("ALTER TABLE issued_documents_new RENAME TO issued_documents")
    bind.exec_driver_sql("CREATE INDEX ix_issued_documents_unit_issued_on ON issued_documents (unit_id, issued_on)")
    broken = bind.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        raise RuntimeError(f"foreign keys broken by the rebuild of issued_documents: {broken[:5]}")
    bind.exec_driver_sql("COMMIT")
    bind.exec_driver_sql("PRAGMA foreign_keys = ON")
    if was_open:
        bind.exec_driver_sql("BEGIN")


# As in 0003 (a migration is history: it keeps its own copy).
def _immutable(table: str) -> None:
    message = f"{table} rows are immutable"
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""
            CREATE FUNCTION {table}_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '{message}'; END $$""")
        op.execute(f"""
            CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {table}_immutable()""")
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(f"""
                CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table}
                BEGIN SELECT RAISE(ABORT, '{message}'); END""")


def _drop_immutable(table: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER {table}_immutable ON {table}")
        op.execute(f"DROP FUNCTION {table}_immutable()")
    else:
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER {table}_no_{event}")
