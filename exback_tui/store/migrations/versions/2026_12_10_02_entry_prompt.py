"""An entry's writing prompt: the question it was written to, kept with it.

Revision ID: 20261210_02
Revises: 20261210_01
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261210_02"
down_revision = "20261210_01"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: every entry written before this revision had no prompt. Adding a column is a
    # plain ALTER TABLE even in batch mode, so the entry's search triggers stay as they are.
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prompt", sa.Text(), nullable=True))


def downgrade() -> None:
    # Not in batch mode: a batch drop copies the table, and the copy would lose the search
    # triggers of the initial schema. SQLite (3.35 and later) drops a column in place.
    op.drop_column("entry", "prompt")
