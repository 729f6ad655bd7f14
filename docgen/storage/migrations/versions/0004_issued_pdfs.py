"""The PDFs of issued documents: the PDF of the issued .docx, then the same
signed by the signer, then with the organisation's signature (immutable,
one per step and document).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 06:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('issued_pdfs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('step', sa.String(length=16), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('made_by_id', sa.Integer(), nullable=False),
    sa.Column('made_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("step IN ('issued', 'signer', 'organisation')", name=op.f('ck_issued_pdfs_step')),
    sa.ForeignKeyConstraint(['document_id'], ['issued_documents.id'], name=op.f('fk_issued_pdfs_document_id_issued_documents')),
    sa.ForeignKeyConstraint(['made_by_id'], ['users.id'], name=op.f('fk_issued_pdfs_made_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_pdfs')),
    sa.UniqueConstraint('document_id', 'step', name='uq_issued_pdfs_step')
    )
    op.create_index(op.f('ix_issued_pdfs_document_id'), 'issued_pdfs', ['document_id'], unique=False)
    _immutable("issued_pdfs")


def downgrade() -> None:
    _drop_immutable("issued_pdfs")
    op.drop_index(op.f('ix_issued_pdfs_document_id'), table_name='issued_pdfs')
    op.drop_table('issued_pdfs')


# As in 0001 and 0003 (a migration is history: it keeps its own copy): the
# database refuses UPDATE and DELETE on the stored PDFs, whoever asks.
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
