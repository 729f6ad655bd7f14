"""Agency codes: a unit's mã định danh and the directory of agencies
(danh bạ cơ quan) with their codes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 11:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new nullable column and a unique index: no table copy on SQLite
    # (which would break the foreign keys of the rows that point at units).
    op.add_column('units', sa.Column('code', sa.String(length=13), nullable=True))
    op.create_index(op.f('ix_units_code'), 'units', ['code'], unique=True)
    op.create_table('agencies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=13), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('in_charge', sa.String(length=200), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_agencies_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agencies')),
    sa.UniqueConstraint('code', name=op.f('uq_agencies_code'))
    )
    op.create_index(op.f('ix_agencies_unit_id'), 'agencies', ['unit_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_agencies_unit_id'), table_name='agencies')
    op.drop_table('agencies')
    op.drop_index(op.f('ix_units_code'), table_name='units')
    with op.batch_alter_table('units') as batch:
        batch.drop_column('code')
