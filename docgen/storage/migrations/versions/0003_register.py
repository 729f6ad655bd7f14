"""The register of issued documents (sổ đăng ký văn bản đi): its counters,
the issued documents (immutable) and their recalls; the role văn thư
(``registrar``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 02:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

OLD_ROLES = "role IN ('drafter', 'signer', 'admin')"
NEW_ROLES = "role IN ('drafter', 'signer', 'registrar', 'admin')"


def upgrade() -> None:
    _roles(OLD_ROLES, NEW_ROLES)
    op.create_table('register_counters',
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('symbol', sa.String(length=64), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_register_counters_unit_id_units')),
    sa.PrimaryKeyConstraint('unit_id', 'symbol', 'year', name=op.f('pk_register_counters'))
    )
    op.create_table('issued_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('symbol', sa.String(length=64), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('signer', sa.String(length=200), nullable=False),
    sa.Column('recipients', sa.Integer(), nullable=False),
    sa.Column('plan', sa.JSON(), nullable=False),
    sa.Column('docx', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=False),
    sa.Column('replaces_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['draft_id'], ['drafts.id'], name=op.f('fk_issued_documents_draft_id_drafts')),
    sa.ForeignKeyConstraint(['issued_by_id'], ['users.id'], name=op.f('fk_issued_documents_issued_by_id_users')),
    sa.ForeignKeyConstraint(['replaces_id'], ['issued_documents.id'], name=op.f('fk_issued_documents_replaces_id_issued_documents')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_issued_documents_unit_id_units')),
    sa.ForeignKeyConstraint(['version_id'], ['draft_versions.id'], name=op.f('fk_issued_documents_version_id_draft_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_documents')),
    sa.UniqueConstraint('draft_id', name=op.f('uq_issued_documents_draft_id')),
    sa.UniqueConstraint('replaces_id', name=op.f('uq_issued_documents_replaces_id')),
    sa.UniqueConstraint('unit_id', 'symbol', 'year', 'number', name='uq_issued_documents_number')
    )
    op.create_index('ix_issued_documents_unit_issued_on', 'issued_documents', ['unit_id', 'issued_on'])
    op.create_table('recalls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('recalled_by_id', sa.Integer(), nullable=False),
    sa.Column('recalled_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['issued_documents.id'], name=op.f('fk_recalls_document_id_issued_documents')),
    sa.ForeignKeyConstraint(['recalled_by_id'], ['users.id'], name=op.f('fk_recalls_recalled_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recalls')),
    sa.UniqueConstraint('document_id', name=op.f('uq_recalls_document_id'))
    )
    _immutable("issued_documents")
    _immutable("recalls")


def downgrade() -> None:
    if op.get_bind().exec_driver_sql("SELECT count(*) FROM users WHERE role = 'registrar'").scalar():
        raise RuntimeError("users with the role 'registrar' (văn thư) exist; change their role "
                           "before downgrading below 0003")
    _drop_immutable("recalls")
    _drop_immutable("issued_documents")
    op.drop_table('recalls')
    op.drop_index('ix_issued_documents_unit_issued_on', table_name='issued_documents')
    op.drop_table('issued_documents')
    op.drop_table('register_counters')
    _roles(NEW_ROLES, OLD_ROLES)


def _roles(old: str, new: str) -> None:
    """Replace the users' role check. SQLite cannot alter a CHECK, and
    rebuilding ``users`` (batch mode) fails while foreign keys point at it
    and are enforced; SQLite's documented way to widen or remove a CHECK is
    to edit the table's definition in ``sqlite_master`` and bump the schema
    version (https://sqlite.org/lang_altertable.html, "Making Other Kinds Of
    Table Schema Changes"). Rows valid before stay valid: only the list of
    roles changes."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        op.drop_constraint(op.f('ck_users_role'), 'users', type_='check')
        op.create_check_constraint(op.f('ck_users_role'), 'users', new)
        return
    table_sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'users'").scalar()
    if old not in table_sql:
        raise RuntimeError(f"users table has no check {old!r}: {table_sql}")
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'users'",
                         (table_sql.replace(old, new),))
    bind.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


# As in 0001 (a migration is history: it keeps its own copy): the database
# refuses UPDATE and DELETE on issued documents and recalls, whoever asks.
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
