"""E-office systems that pull a unit's issued documents with a token, and
the webhook deliveries (issue, recall, replace) queued for them.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 13:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('api_systems',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('token_sha256', sa.String(length=64), nullable=False),
    sa.Column('webhook_url', sa.String(length=500), nullable=True),
    sa.Column('webhook_secret', sa.String(length=64), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_api_systems_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_systems')),
    sa.UniqueConstraint('token_sha256', name=op.f('uq_api_systems_token_sha256')),
    sa.UniqueConstraint('unit_id', 'name', name='uq_api_systems_unit_name')
    )
    op.create_index(op.f('ix_api_systems_unit_id'), 'api_systems', ['unit_id'], unique=False)
    op.create_table('webhook_deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('system_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('event', sa.String(length=16), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(), nullable=True),
    sa.Column('delivered_at', sa.DateTime(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['issued_documents.id'], name=op.f('fk_webhook_deliveries_document_id_issued_documents')),
    sa.ForeignKeyConstraint(['system_id'], ['api_systems.id'], name=op.f('fk_webhook_deliveries_system_id_api_systems')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook_deliveries'))
    )
    op.create_index('ix_webhook_deliveries_due', 'webhook_deliveries', ['delivered_at', 'next_attempt_at'], unique=False)
    op.create_index(op.f('ix_webhook_deliveries_system_id'), 'webhook_deliveries', ['system_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_webhook_deliveries_system_id'), table_name='webhook_deliveries')
    op.drop_index('ix_webhook_deliveries_due', table_name='webhook_deliveries')
    op.drop_table('webhook_deliveries')
    op.drop_index(op.f('ix_api_systems_unit_id'), table_name='api_systems')
    op.drop_table('api_systems')
