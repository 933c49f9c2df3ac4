"""Changing the habits you track (add, rename, archive, reorder) and clearing a day of them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..core.values import Habit
from .errors import InvalidInput, NotFound
from .models import CheckInRow, HabitMarkRow, HabitRow
from .readers import read_habits
from .sessions import delete_rows, raw_connection


def add_habit(s: Session, name: str) -> Habit:
    """Add the habit ``name`` (already checked) at the end; an archived one comes back."""
    row = s.scalar(select(HabitRow).where(HabitRow.name == name))
    if row is not None and not row.archived:
        raise InvalidInput(f"You already track a habit called {row.name!r}.")
    last = s.scalar(select(func.max(HabitRow.position))) or 0
    if row is None:
        row = HabitRow(name=name)
        s.add(row)
    row.archived = False
    row.position = last + 1
    s.flush()
    return _saved(s, row.id)


def rename_habit(s: Session, old: str, new: str) -> Habit:
    """Rename the habit ``old`` to ``new`` (already checked); its history stays with it."""
    row = _row(s, old)
    clash = s.scalar(select(HabitRow).where(HabitRow.name == new, HabitRow.id != row.id))
    if clash is not None:
        raise InvalidInput(f"There is already a habit called {clash.name!r}.")
    row.name = new
    s.flush()
    return _saved(s, row.id)


def archive_habit(s: Session, name: str) -> Habit:
    """Stop tracking a habit; the days it was done are kept."""
    row = _row(s, name)
    row.archived = True
    s.flush()
    return _saved(s, row.id)


def reorder_habits(s: Session, names: Iterable[str]) -> list[Habit]:
    """Put the habits ``names`` first, in that order; the others keep theirs after them."""
    ordered = [_row(s, n) for n in names]
    rest = [
        r
        for r in s.scalars(select(HabitRow).order_by(HabitRow.position, HabitRow.id))
        if r not in ordered
    ]
    for i, row in enumerate(ordered + rest):
        row.position = i
    s.flush()
    return read_habits(raw_connection(s), include_archived=False)


def delete_checkin(s: Session, day: date) -> bool:
    """Remove a day's check-in and its habit marks; False if there was neither."""
    gone = delete_rows(s, delete(CheckInRow).where(CheckInRow.day == day))
    marks = delete_rows(s, delete(HabitMarkRow).where(HabitMarkRow.day == day))
    return bool(gone or marks)


def _row(s: Session, name: str) -> HabitRow:
    row = s.scalar(select(HabitRow).where(HabitRow.name == name.strip()))
    if row is None:
        raise NotFound(f"There is no habit called {name!r}.")
    return row


def _saved(s: Session, habit_id: int) -> Habit:
    """The habit just written, read back by the one reader."""
    return next(h for h in read_habits(raw_connection(s)) if h.id == habit_id)
