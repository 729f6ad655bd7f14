"""Session version per account (logout, password change and deactivation end
every session), and an index for the per-address login ceiling.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 19:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users') as batch:
        batch.add_column(sa.Column('session_version', sa.Integer(), nullable=False,
                                   server_default='1'))
    op.create_index(op.f('ix_login_attempts_ip'), 'login_attempts', ['ip', 'at'])


def downgrade() -> None:
    op.drop_index(op.f('ix_login_attempts_ip'), table_name='login_attempts')
    with op.batch_alter_table('users') as batch:
        batch.drop_column('session_version')
