"""The urge log: each reading the urge pause asks for, kept apart from the day's check-in.

Revision ID: 20261210_01
Revises: 20261201_01
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261210_01"
down_revision = "20261201_01"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A reading keeps its time like an ask does: the moment in UTC, the user's offset then,
    # and the local day it fell on. Before this revision the pause wrote into the day's
    # check-in, so there is nothing to carry over.
    op.create_table(
        "urge_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("at_offset_min", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("strength", sa.Integer(), nullable=False),
        sa.CheckConstraint("strength BETWEEN 0 AND 10", name=op.f("ck_urge_log_strength_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_urge_log")),
    )
    with op.batch_alter_table("urge_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_urge_log_day"), ["day"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("urge_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_urge_log_day"))

    op.drop_table("urge_log")
