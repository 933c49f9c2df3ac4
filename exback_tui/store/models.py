"""SQLAlchemy 2 typed models: one class a table. Rows never leave the store as ORM objects."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names, so Alembic's batch mode on SQLite can find and alter them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _lenient(
    processor: Callable[[Any], Any] | None,
) -> Callable[[Any], Any] | None:
    """A result processor that reads a malformed stored value as None instead of raising.

    SQLite keeps dates as text, and one written by hand ("2026-02-30") would otherwise fail
    the whole query; as None, the store leaves that one row out and lists the rest.
    """
    if processor is None:
        return None

    def process(value: Any) -> Any:
        try:
            return processor(value)
        except ValueError:
            return None

    return process


class LenientDate(TypeDecorator[date]):
    """A DATE (the same column in the schema) that reads a malformed value as None."""

    impl = Date
    cache_ok = True

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any] | None:
        return _lenient(self.impl_instance.result_processor(dialect, coltype))


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as naive UTC: SQLite would silently drop the zone otherwise."""

    impl = DateTime
    cache_ok = True

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any] | None:
        return _lenient(super().result_processor(dialect, coltype))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware one")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    """Now, aware, in UTC."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Base of every exback table."""

    metadata = MetaData(naming_convention=NAMING)


def table_of(model: type[Base]) -> Table:
    """A model's Table, for Core statements (bulk ``insert``, ``select`` of plain rows).

    SQLAlchemy types ``__table__`` as a ``FromClause``; for a declarative class mapped to one
    table it is always that ``Table``.
    """
    return cast(Table, model.__table__)


class Stamped:
    """Created/updated times in UTC with the user's offset at that moment kept beside them."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    utc_offset_min: Mapped[int] = mapped_column(Integer, default=0)


class JourneyRow(Base):
    """The single row of answers about the breakup."""

    __tablename__ = "journey"
    id: Mapped[int] = mapped_column(primary_key=True)
    breakup_date: Mapped[date | None] = mapped_column(LenientDate)
    how: Mapped[str | None] = mapped_column(String(16))
    children: Mapped[bool] = mapped_column(Boolean, default=False)
    living_together: Mapped[bool] = mapped_column(Boolean, default=False)
    hurt_ex: Mapped[bool] = mapped_column(Boolean, default=False)
    ex_dating: Mapped[bool] = mapped_column(Boolean, default=False)
    pause_target_days: Mapped[int | None] = mapped_column(Integer)
    onboarded: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PhaseStepRow(Base):
    """One move on the roadmap; the newest is the current phase."""

    __tablename__ = "phase_step"
    __table_args__ = (CheckConstraint("phase BETWEEN 1 AND 6", name="phase_range"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    phase: Mapped[int] = mapped_column(Integer)
    entered_on: Mapped[date] = mapped_column(LenientDate)
    reason: Mapped[str] = mapped_column(Text, default="")
    # Moved ahead on purpose, past unmet exit signals or a skipped phase.
    forced: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ChecklistMarkRow(Base):
    """A ticked checklist item of a phase."""

    __tablename__ = "checklist_mark"
    __table_args__ = (UniqueConstraint("phase", "item_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    phase: Mapped[int] = mapped_column(Integer)
    item_key: Mapped[str] = mapped_column(String(80))
    done_on: Mapped[date] = mapped_column(LenientDate)


class CheckInRow(Stamped, Base):
    """One calendar day's mood, urge and note."""

    __tablename__ = "checkin"
    __table_args__ = (
        CheckConstraint("mood IS NULL OR mood BETWEEN 1 AND 10", name="mood_range"),
        CheckConstraint("urge IS NULL OR urge BETWEEN 0 AND 10", name="urge_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(LenientDate, unique=True)
    mood: Mapped[int | None] = mapped_column(Integer)
    urge: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")


class HabitRow(Base):
    """A self-improvement habit; archived ones keep their history."""

    __tablename__ = "habit"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60, collation="NOCASE"), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class HabitMarkRow(Base):
    """A habit done on a day."""

    __tablename__ = "habit_mark"
    habit_id: Mapped[int] = mapped_column(
        ForeignKey("habit.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(LenientDate, primary_key=True, index=True)


class EntryRow(Stamped, Base):
    """Free journal text or an unsent message; indexed for search by triggers."""

    __tablename__ = "entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(LenientDate, index=True)
    kind: Mapped[str] = mapped_column(String(16), default="entry")
    text: Mapped[str] = mapped_column(Text)
    tags: Mapped[str] = mapped_column(Text, default="")  # space separated
    prompt: Mapped[str | None] = mapped_column(Text)  # the writing prompt it was written to


class ContactRow(Stamped, Base):
    """One contact with the ex."""

    __tablename__ = "contact"
    __table_args__ = (CheckConstraint("minutes IS NULL OR minutes >= 0", name="minutes_positive"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    at_offset_min: Mapped[int] = mapped_column(Integer, default=0)
    day: Mapped[date] = mapped_column(LenientDate, index=True)  # the user's local day of `at`
    medium: Mapped[str] = mapped_column(String(16))
    initiated_by: Mapped[str] = mapped_column(String(8))
    response: Mapped[str] = mapped_column(String(16), default="none")
    logistics: Mapped[bool] = mapped_column(Boolean, default=False)
    minutes: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")


class AskRow(Base):
    """The moment the user asked to get back together (phase 5), and the answer."""

    __tablename__ = "ask"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    at_offset_min: Mapped[int] = mapped_column(Integer, default=0)
    day: Mapped[date] = mapped_column(LenientDate, index=True)  # the user's local day of `at`
    answer: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class UrgeLogRow(Base):
    """One reading of the urge, asked by the urge pause; the day's check-in keeps its own."""

    __tablename__ = "urge_log"
    __table_args__ = (CheckConstraint("strength BETWEEN 0 AND 10", name="strength_range"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    at_offset_min: Mapped[int] = mapped_column(Integer, default=0)
    day: Mapped[date] = mapped_column(LenientDate, index=True)  # the user's local day of `at`
    strength: Mapped[int] = mapped_column(Integer)


class EvaluationRow(Base):
    """A phase 3 evaluation; the newest counts. Lists are stored as JSON text."""

    __tablename__ = "evaluation"
    id: Mapped[int] = mapped_column(primary_key=True)
    made_on: Mapped[date] = mapped_column(LenientDate)
    worth: Mapped[str] = mapped_column(String(8))
    added_value: Mapped[str] = mapped_column(String(8))
    differences: Mapped[str] = mapped_column(String(8))
    intimacy: Mapped[int] = mapped_column(Integer)
    passion: Mapped[int] = mapped_column(Integer)
    commitment: Mapped[int] = mapped_column(Integer)
    transitions: Mapped[str] = mapped_column(Text, default="[]")
    red_flags: Mapped[str] = mapped_column(Text, default="[]")
    patterns: Mapped[str] = mapped_column(Text, default="[]")
    decision: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SupportContactRow(Base):
    """Someone to reach out to on a hard day."""

    __tablename__ = "support_contact"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    detail: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class SettingRow(Base):
    """A small user preference (theme, idle lock ...), stored as text."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
