"""Asks and forced moves: the phase 5 ask with its answer, and moves made on purpose.

Revision ID: 20261201_01
Revises: 20261123_02
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261201_01"
down_revision = "20261123_02"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # An ask keeps its time like a contact does: the moment in UTC, the user's offset then,
    # and the local day it fell on (what the snapshot filters and the Markdown groups by).
    op.create_table(
        "ask",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("at_offset_min", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ask")),
    )
    with op.batch_alter_table("ask", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ask_day"), ["day"], unique=False)

    # Every move made before this revision was an ordinary one.
    with op.batch_alter_table("phase_step", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("forced", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("phase_step", schema=None) as batch_op:
        batch_op.drop_column("forced")

    with op.batch_alter_table("ask", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ask_day"))

    op.drop_table("ask")
