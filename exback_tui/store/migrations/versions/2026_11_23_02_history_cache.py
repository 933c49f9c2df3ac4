"""The history cache: all-time totals of the old days, so a long journal opens as fast as a new one.

Revision ID: 20261123_02
Revises: 20261123_01
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261123_02"
down_revision = "20261123_01"
branch_labels = None
depends_on = None

UNTIL = "(SELECT until FROM history_cache)"


def _forget_triggers(table: str) -> list[str]:
    """Any change to a day the cache covers throws the cache away; it is rebuilt on read."""
    forget = "BEGIN DELETE FROM history_cache; END"
    return [
        f"CREATE TRIGGER {table}_history_ai AFTER INSERT ON {table} "
        f"WHEN new.day <= {UNTIL} {forget}",
        f"CREATE TRIGGER {table}_history_au AFTER UPDATE ON {table} "
        f"WHEN old.day <= {UNTIL} OR new.day <= {UNTIL} {forget}",
        f"CREATE TRIGGER {table}_history_ad AFTER DELETE ON {table} "
        f"WHEN old.day <= {UNTIL} {forget}",
    ]


TRIGGERS = [*_forget_triggers("checkin"), *_forget_triggers("habit_mark")]
TRIGGER_NAMES = [f"{t}_history_{s}" for t in ("checkin", "habit_mark") for s in ("ai", "au", "ad")]


def upgrade() -> None:
    op.create_table(
        "history_cache",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_history_cache_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_history_cache")),
    )
    for statement in TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("history_cache")
