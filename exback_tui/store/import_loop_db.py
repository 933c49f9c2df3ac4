"""Reading Loop Habit Tracker's SQLite backup (``Loop Habits Backup YYYY-MM-DD HHMMSS.db``)
into :class:`.import_loop.LoopHabit` and :class:`.import_loop.LoopEntry` rows.

The file is opened read-only (a ``mode=ro`` URI) and never changed; a backup read from
standard input is read from memory. Database versions up to :data:`LOOP_VERSION` are read
(older ones lack some columns, which then take Loop's defaults); a newer one is refused
rather than misread. ``Repetitions.timestamp`` is milliseconds at midnight UTC of the day.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

from .errors import InvalidInput
from .import_loop import LoopEntry, LoopHabit, loop_document
from .import_source import ImportOptions, Incoming, Refused
from .import_values import described

LOOP_VERSION = 25  # Loop's DATABASE_VERSION when this was written: Repetitions.notes came then
DAY_MS = 86_400_000
SQLITE_MAGIC = b"SQLite format 3\x00"


def is_sqlite(raw: bytes) -> bool:
    """Whether ``raw`` starts as an SQLite database does."""
    return raw.startswith(SQLITE_MAGIC)


def parse_loop_db(source: Path | bytes, name: str, options: ImportOptions) -> Incoming:
    """A Loop backup (a path, or the bytes of one) as an exback document.

    A file that is not a Loop backup, is newer, or is damaged raises :class:`InvalidInput`;
    a bad row raises :class:`Refused` naming it.
    """
    try:
        con = _connect(source)
    except sqlite3.Error:
        raise InvalidInput(
            f"{name} could not be opened as an SQLite file; nothing was imported."
        ) from None
    try:
        habits, entries = _read(con, name)
    except sqlite3.DatabaseError:
        raise InvalidInput(
            f"{name} is a damaged or cut-short SQLite file, so it cannot be read as a Loop Habit "
            "Tracker backup; nothing was imported."
        ) from None
    finally:
        con.close()
    return loop_document(habits, entries, options, "Loop Habit Tracker backup")


def _connect(source: Path | bytes) -> sqlite3.Connection:
    if isinstance(source, Path):
        con = sqlite3.connect(source.absolute().as_uri() + "?mode=ro", uri=True)
    else:
        con = sqlite3.connect(":memory:")
        con.deserialize(source)
    con.execute("PRAGMA query_only = ON")
    return con


def _read(con: sqlite3.Connection, name: str) -> tuple[list[LoopHabit], list[LoopEntry]]:
    tables = {
        row[0].lower() for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if not {"habits", "repetitions"} <= tables:
        raise InvalidInput(
            f"{name} is an SQLite file but not a Loop Habit Tracker backup (it has no Habits and "
            "Repetitions tables); nothing was imported."
        )
    version = con.execute("PRAGMA user_version").fetchone()[0]
    if version > LOOP_VERSION:
        raise InvalidInput(
            f"{name} is a Loop Habit Tracker backup of database version {version}, newer than "
            f"the {LOOP_VERSION} exback reads (export it from Loop as CSV instead, or update "
            "exback); nothing was imported."
        )
    if con.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise sqlite3.DatabaseError("quick_check")
    habit_columns = _columns(con, "Habits")
    rows = con.execute(
        "SELECT id, name, "
        + ", ".join(
            c if c in habit_columns else f"{default} AS {c}"
            for c, default in (
                ("archived", "0"),
                ("type", "0"),
                ("target_type", "0"),
                ("target_value", "0"),
                ("unit", "''"),
            )
        )
        + " FROM Habits ORDER BY position, id"
    ).fetchall()
    habits: list[LoopHabit] = []
    index: dict[int, int] = {}
    for id_, habit_name, archived, kind, target_type, target, unit in rows:
        where = f"the Habits table, id {id_}"
        if kind not in (0, 1) or target_type not in (0, 1):
            raise Refused(
                where,
                f"type {described(kind)} or target_type {described(target_type)} is not 0 or 1",
            )
        if not isinstance(target, int | float):
            raise Refused(where, "target_value is not a number")
        index[id_] = len(habits)
        habits.append(
            LoopHabit(
                name=habit_name if isinstance(habit_name, str) else "",
                where=where,
                numerical=kind == 1,
                at_most=target_type == 1,
                target=float(target),
                unit=unit if isinstance(unit, str) else "",
                archived=bool(archived),
            )
        )
    rep_columns = _columns(con, "Repetitions")
    value = "value" if "value" in rep_columns else "2"  # before version 16, every row a yes
    notes = "notes" if "notes" in rep_columns else "''"
    entries = []
    for id_, habit, stamp, amount, note in con.execute(
        f"SELECT id, habit, timestamp, {value}, {notes} FROM Repetitions ORDER BY habit, timestamp"
    ):
        if habit not in index:
            continue  # a row of a deleted habit: Loop itself drops these
        where = f"the Repetitions table, id {id_}"
        if not isinstance(amount, int):
            raise Refused(where, f"value {described(amount)} is not a whole number")
        text = note if isinstance(note, str) else ""
        entries.append(LoopEntry(index[habit], _day(stamp, where), amount, text, where))
    return habits, entries


def _columns(con: sqlite3.Connection, table: str) -> set[str]:
    return {row[1].lower() for row in con.execute(f"PRAGMA table_info({table})")}


def _day(stamp: object, where: str) -> date:
    """Loop's day: milliseconds since 1970 at midnight UTC of it."""
    if not isinstance(stamp, int) or stamp % DAY_MS:
        raise Refused(
            where, f"timestamp {described(stamp)} is not a day (milliseconds at midnight UTC)"
        )
    try:
        return date(1970, 1, 1) + timedelta(days=stamp // DAY_MS)
    except OverflowError:
        raise Refused(where, f"timestamp {described(stamp)} is not a day exback can hold") from None
