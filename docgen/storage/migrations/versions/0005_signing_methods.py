"""How each user and unit signs (token, CSC, HSM, PKCS#12) and the
signatures under way (two-step signing).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 09:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('signing_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('provider', sa.String(length=64), nullable=True),
    sa.Column('credential', sa.String(length=200), nullable=True),
    sa.Column('cert_sha256', sa.String(length=64), nullable=True),
    sa.Column('cert_serial', sa.String(length=128), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("method IN ('token', 'csc', 'hsm', 'p12')", name=op.f('ck_signing_settings_method')),
    sa.CheckConstraint("(user_id IS NULL) <> (unit_id IS NULL)", name=op.f('ck_signing_settings_owner')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_signing_settings_unit_id_units')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_signing_settings_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signing_settings')),
    sa.UniqueConstraint('unit_id', name=op.f('uq_signing_settings_unit_id')),
    sa.UniqueConstraint('user_id', name=op.f('uq_signing_settings_user_id'))
    )
    op.create_table('signing_requests',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('step', sa.String(length=16), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('prepared', sa.LargeBinary(), nullable=False),
    sa.Column('reference', sa.String(length=200), nullable=True),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('message', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("step IN ('issued', 'signer', 'organisation')", name=op.f('ck_signing_requests_step')),
    sa.ForeignKeyConstraint(['document_id'], ['issued_documents.id'], name=op.f('fk_signing_requests_document_id_issued_documents')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_signing_requests_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signing_requests'))
    )
    op.create_index(op.f('ix_signing_requests_document_id'), 'signing_requests', ['document_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_signing_requests_document_id'), table_name='signing_requests')
    op.drop_table('signing_requests')
    op.drop_table('signing_settings')
