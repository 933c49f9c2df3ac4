"""Initial schema: every table of DESIGN.md, plus the full-text search index.

Revision ID: 20261123_01
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261123_01"
down_revision = None
branch_labels = None
depends_on = None

APPLICATION_ID = 0x45784261  # "ExBa": marks the file as an exback journal


def _source_triggers(table: str, code: int, body: str, source: str, where: str) -> list[str]:
    insert = (
        "INSERT INTO search_index(rowid, body, source, ref, day) "
        f"SELECT new.id * 4 + {code}, {body}, {source}, new.id, new.day WHERE {where};"
    )
    delete = f"DELETE FROM search_index WHERE rowid = old.id * 4 + {code};"
    return [
        f"CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {table}_search_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {table}_search_au AFTER UPDATE ON {table} BEGIN {delete} {insert} END",
    ]


SEARCH_TRIGGERS = [
    *_source_triggers("entry", 1, "new.text || char(10) || new.tags", "new.kind", "1"),
    *_source_triggers("checkin", 2, "new.note", "'checkin'", "new.note <> ''"),
    *_source_triggers("contact", 3, "new.note", "'contact'", "new.note <> ''"),
]
TRIGGER_NAMES = [
    f"{t}_search_{s}" for t in ("entry", "checkin", "contact") for s in ("ai", "ad", "au")
]


def upgrade() -> None:
    op.create_table(
        "checkin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("mood", sa.Integer(), nullable=True),
        sa.Column("urge", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("utc_offset_min", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "mood IS NULL OR mood BETWEEN 1 AND 10", name=op.f("ck_checkin_mood_range")
        ),
        sa.CheckConstraint(
            "urge IS NULL OR urge BETWEEN 0 AND 10", name=op.f("ck_checkin_urge_range")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin")),
        sa.UniqueConstraint("day", name=op.f("uq_checkin_day")),
    )
    op.create_table(
        "checklist_mark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("phase", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=80), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_mark")),
        sa.UniqueConstraint("phase", "item_key", name=op.f("uq_checklist_mark_phase")),
    )
    op.create_table(
        "contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("at_offset_min", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("medium", sa.String(length=16), nullable=False),
        sa.Column("initiated_by", sa.String(length=8), nullable=False),
        sa.Column("response", sa.String(length=16), nullable=False),
        sa.Column("logistics", sa.Boolean(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("utc_offset_min", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "minutes IS NULL OR minutes >= 0", name=op.f("ck_contact_minutes_positive")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact")),
    )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_contact_day"), ["day"], unique=False)

    op.create_table(
        "entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("tags", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("utc_offset_min", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entry")),
    )
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entry_day"), ["day"], unique=False)

    op.create_table(
        "evaluation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.Column("worth", sa.String(length=8), nullable=False),
        sa.Column("added_value", sa.String(length=8), nullable=False),
        sa.Column("differences", sa.String(length=8), nullable=False),
        sa.Column("intimacy", sa.Integer(), nullable=False),
        sa.Column("passion", sa.Integer(), nullable=False),
        sa.Column("commitment", sa.Integer(), nullable=False),
        sa.Column("transitions", sa.Text(), nullable=False),
        sa.Column("red_flags", sa.Text(), nullable=False),
        sa.Column("patterns", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation")),
    )
    op.create_table(
        "habit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60, collation="NOCASE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_habit")),
        sa.UniqueConstraint("name", name=op.f("uq_habit_name")),
    )
    op.create_table(
        "journey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("breakup_date", sa.Date(), nullable=True),
        sa.Column("how", sa.String(length=16), nullable=True),
        sa.Column("children", sa.Boolean(), nullable=False),
        sa.Column("living_together", sa.Boolean(), nullable=False),
        sa.Column("hurt_ex", sa.Boolean(), nullable=False),
        sa.Column("ex_dating", sa.Boolean(), nullable=False),
        sa.Column("pause_target_days", sa.Integer(), nullable=True),
        sa.Column("onboarded", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journey")),
    )
    op.create_table(
        "phase_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("phase", sa.Integer(), nullable=False),
        sa.Column("entered_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("phase BETWEEN 1 AND 6", name=op.f("ck_phase_step_phase_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phase_step")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "support_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_contact")),
    )
    op.create_table(
        "habit_mark",
        sa.Column("habit_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["habit_id"],
            ["habit.id"],
            name=op.f("fk_habit_mark_habit_id_habit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("habit_id", "day", name=op.f("pk_habit_mark")),
    )
    with op.batch_alter_table("habit_mark", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_habit_mark_day"), ["day"], unique=False)

    op.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    # One search index over entries, unsent messages, check-in notes and contact notes. The
    # rowid encodes the source (id * 4 + 1 entry, + 2 check-in, + 3 contact) so the triggers
    # can delete a row's text without scanning the index.
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "body, source UNINDEXED, ref UNINDEXED, day UNINDEXED, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    for statement in SEARCH_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_index")
    with op.batch_alter_table("habit_mark", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_habit_mark_day"))

    op.drop_table("habit_mark")
    op.drop_table("support_contact")
    op.drop_table("setting")
    op.drop_table("phase_step")
    op.drop_table("journey")
    op.drop_table("habit")
    op.drop_table("evaluation")
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entry_day"))

    op.drop_table("entry")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_day"))
        batch_op.drop_index(batch_op.f("ix_contact_at"))

    op.drop_table("contact")
    op.drop_table("checklist_mark")
    op.drop_table("checkin")
