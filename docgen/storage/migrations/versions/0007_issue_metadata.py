"""What only the văn thư knows at the issue step, for Decree 30's metadata
(Appendix VI) and register (Appendix IV): the case file (hồ sơ) and the
document's order in it, the number of copies, the reply deadline, the unit
or person keeping the file copy.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 12:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

COLUMNS = (
    ('file_notation', sa.String(length=20)),
    ('doc_ordinal', sa.Integer()),
    ('copies', sa.Integer()),
    ('reply_by', sa.Date()),
    ('keeper', sa.String(length=200)),
)


def upgrade() -> None:
    # Nullable columns added in place: no table copy on SQLite (which would
    # drop the immutability triggers and break the foreign keys), and the
    # rows issued before keep NULL (not given).
    for name, kind in COLUMNS:
        op.add_column('issued_documents', sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    # In place too (SQLite 3.35+ drops a column itself): a batch copy of the
    # table would lose its immutability triggers.
    for name, _ in reversed(COLUMNS):
        op.execute(f"ALTER TABLE issued_documents DROP COLUMN {name}")
