"""Saving a day's check-in with plain SQL over any DB-API connection to a journal.

``exback checkin`` saves through it without loading SQLAlchemy (a fifth of a second to import,
more than all the rest of the command); ``Journal.record_checkin`` runs the same function over
its own connection inside its write transaction, so a check-in is saved one way, not two that
could drift apart. The search index follows the note through the schema's triggers.

Values are stored as SQLAlchemy stores them in the same columns: days as 'YYYY-MM-DD', times as
naive UTC 'YYYY-MM-DD HH:MM:SS.ffffff' with the user's offset in minutes beside them.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Final

from ..core.values import MOOD_MAX, MOOD_MIN, URGE_MAX, URGE_MIN, CheckIn
from .errors import InvalidInput
from .readers import Connection
from .write_rules import check_day, check_range, cleaned, offset_min


class Unset:
    """Marks an argument that was not given, so an update keeps the saved value."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = Unset()


@dataclass(frozen=True, slots=True)
class Saved:
    """The result of an upsert: the value as saved and whether it was new."""

    checkin: CheckIn
    created: bool


@dataclass(frozen=True, slots=True)
class CheckInChange:
    """What to save for a day, already checked; UNSET fields keep the saved values."""

    day: date
    mood: int | Unset | None = UNSET
    urge: int | Unset | None = UNSET
    note: str | Unset = UNSET
    #: Habit names to mark done: they replace the day's marks, or with ``add_habits`` add.
    habits: tuple[str, ...] | Unset = UNSET
    add_habits: bool = False
    #: Habit names to untick on the day (archived ones too: a mistake is undone all the same).
    untick: tuple[str, ...] = ()


def check_checkin(
    day: date,
    *,
    mood: int | Unset | None = UNSET,
    urge: int | Unset | None = UNSET,
    note: str | Unset = UNSET,
    habits: Collection[str] | Unset = UNSET,
    add_habits: bool = False,
    untick: Collection[str] = (),
    today: date,
) -> CheckInChange:
    """Check what a person asked to save; InvalidInput (one clear sentence) if it cannot be."""
    check_day(day, today)
    if isinstance(mood, int):
        check_range(mood, MOOD_MIN, MOOD_MAX, "Mood")
    if isinstance(urge, int):
        check_range(urge, URGE_MIN, URGE_MAX, "Urge")
    if isinstance(note, str):
        note = cleaned(note, "note")
    names = habits if isinstance(habits, Unset) else tuple(habits)
    ticked = () if isinstance(names, Unset) else names
    both = {n.strip().casefold() for n in untick} & {n.strip().casefold() for n in ticked}
    if both:
        raise InvalidInput("A habit can't be both ticked and unticked in one check-in.")
    return CheckInChange(day, mood, urge, note, names, add_habits, tuple(untick))


def write_checkin(con: Connection, change: CheckInChange, now: datetime) -> Saved:
    """Save ``change`` in the caller's write transaction (BEGIN IMMEDIATE); return it as saved.

    A habit name that is unknown or archived raises InvalidInput before anything is written.
    Unticking alone changes only the day's marks: it makes no check-in where there was none.
    """
    day = change.day.isoformat()
    habit_ids = None if isinstance(change.habits, Unset) else _habit_ids(con, change.habits)
    unticked = _habit_ids(con, change.untick, archived_too=True)
    row = con.execute("SELECT id, mood, urge, note FROM checkin WHERE day = ?", (day,)).fetchone()
    mood, urge, note = (None, None, "") if row is None else (row[1], row[2], row[3])
    if not isinstance(change.mood, Unset):
        mood = change.mood
    if not isinstance(change.urge, Unset):
        urge = change.urge
    if not isinstance(change.note, Unset):
        note = change.note
    stamp = now.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    # Unticking alone leaves the check-in (or its absence) as it was.
    only_untick = habit_ids is None and all(
        isinstance(v, Unset) for v in (change.mood, change.urge, change.note)
    )
    if row is None and not only_untick:
        con.execute(
            "INSERT INTO checkin (day, mood, urge, note, created_at, updated_at, utc_offset_min) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (day, mood, urge, note, stamp, stamp, offset_min(now)),
        )
    elif row is not None and not only_untick:
        con.execute(
            "UPDATE checkin SET mood = ?, urge = ?, note = ?, updated_at = ?, utc_offset_min = ? "
            "WHERE id = ?",
            (mood, urge, note, stamp, offset_min(now), row[0]),
        )
    if habit_ids is not None:
        _mark_habits(con, day, habit_ids, add=change.add_habits)
    for habit_id in sorted(unticked):
        con.execute("DELETE FROM habit_mark WHERE day = ? AND habit_id = ?", (day, habit_id))
    done = con.execute(
        "SELECT h.name FROM habit_mark m JOIN habit h ON h.id = m.habit_id WHERE m.day = ?", (day,)
    )
    created = row is None and not only_untick
    return Saved(CheckIn(change.day, mood, urge, note, frozenset(r[0] for r in done)), created)


def _habit_ids(con: Connection, names: Collection[str], *, archived_too: bool = False) -> set[int]:
    """The ids of the habits ``names`` (any case); InvalidInput listing the habits if one is
    not tracked (or, unless ``archived_too``, no longer)."""
    by_name: dict[str, tuple[int, str, bool]] = {}
    for habit_id, name, archived in con.execute("SELECT id, name, archived FROM habit"):
        by_name[name.casefold()] = (habit_id, name, bool(archived))
    wanted: set[int] = set()
    for name in names:
        found = by_name.get(name.strip().casefold())
        if found is None or (found[2] and not archived_too):
            known = ", ".join(n for _, n, archived in by_name.values() if not archived)
            raise InvalidInput(f"There is no habit called {name!r}. Your habits: {known}.")
        wanted.add(found[0])
    return wanted


def _mark_habits(con: Connection, day: str, wanted: set[int], *, add: bool) -> None:
    have = {r[0] for r in con.execute("SELECT habit_id FROM habit_mark WHERE day = ?", (day,))}
    for habit_id in sorted(wanted - have):
        con.execute("INSERT INTO habit_mark (habit_id, day) VALUES (?, ?)", (habit_id, day))
    if not add:
        for habit_id in sorted(have - wanted):
            con.execute("DELETE FROM habit_mark WHERE day = ? AND habit_id = ?", (day, habit_id))
