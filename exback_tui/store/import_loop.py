"""Loop Habit Tracker's data as an exback document: its CSV zip read here, its SQLite backup
read by :mod:`.import_loop_db`; both become :class:`LoopHabit` and :class:`LoopEntry` rows
and then one document (:func:`loop_document`). Pure: no database of ours.

A yes-or-no habit is done on the days Loop holds a manual yes (2); an automatic yes (1, a day
the habit's frequency did not ask for), a no (0), a skip (3) and an unknown (-1) are not. A
numerical habit stores its amount times 1000 and is done on the days its target was met. An
archived habit comes in stopped; a day's note comes in as an entry, at noon (Loop keeps no
time of day, and noon stays on its day in any time zone).
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, time

from .errors import InvalidInput
from .import_source import (
    DocumentBuilder,
    ImportOptions,
    Incoming,
    Refused,
    day_in_bounds,
    incoming,
    local_moment,
    named,
    text_in,
)
from .import_values import described

YES_MANUAL, YES_AUTO, NO, SKIP, UNKNOWN = 2, 1, 0, 3, -1
# How the CSV export writes those values (Entry.formattedValue); other numbers as they are.
VALUE_WORDS = {"YES_MANUAL": 2, "YES_AUTO": 1, "NO": 0, "SKIP": 3, "UNKNOWN": -1}
NOON = time(12)
# A member of a Loop zip larger than this is not a Loop export (one row a day for a century
# is a few megabytes); refusing it keeps a crafted zip from filling the memory.
MEMBER_MAX = 64 << 20


@dataclass(frozen=True, slots=True)
class LoopHabit:
    """One of Loop's habits, as its backup or its CSV export holds it."""

    name: str
    where: str  # how a refusal names it: "Habits.csv line 3", "the Habits table, id 4"
    numerical: bool = False
    at_most: bool = False  # a numerical target is "at most" rather than "at least"
    target: float = 0.0
    unit: str = ""
    archived: bool = False


@dataclass(frozen=True, slots=True)
class LoopEntry:
    """One day of one habit: its value (Loop's number) and its note."""

    habit: int  # index into the habits
    day: date
    value: int
    notes: str
    where: str


def is_done(habit: LoopHabit, value: int, where: str) -> bool:
    """Whether Loop's ``value`` for a day means ``habit`` was done that day."""
    if not habit.numerical:
        if value not in (YES_MANUAL, YES_AUTO, NO, SKIP, UNKNOWN):
            raise Refused(
                where,
                f"value {value} is not one Loop writes for a yes-or-no habit (2, 1, 0, 3, -1)",
            )
        return value == YES_MANUAL
    if value in (SKIP, UNKNOWN):
        return False
    if value < 0:
        raise Refused(where, f"value {value} is not an amount (Loop stores amounts times 1000)")
    amount = value / 1000
    return amount <= habit.target if habit.at_most else amount >= habit.target


def loop_document(
    habits: Sequence[LoopHabit], entries: Sequence[LoopEntry], options: ImportOptions, label: str
) -> Incoming:
    """Loop's habits and days as an exback document (see the module docstring)."""
    builder = DocumentBuilder()
    first: dict[int, date] = {}
    for entry in entries:
        day_in_bounds(entry.day, options, entry.where, "day")
        first[entry.habit] = min(first.get(entry.habit, entry.day), entry.day)
    keys = [
        builder.habit(
            options.habit(h.name),
            local_moment(first.get(i, options.today), NOON),
            h.where,
            archived=h.archived,
        )
        for i, h in enumerate(habits)
    ]
    done = [0] * len(habits)
    notes = 0
    for entry in entries:
        habit, key = habits[entry.habit], keys[entry.habit]
        if is_done(habit, entry.value, entry.where):
            builder.done(key, entry.day)
            done[entry.habit] += 1
        note = entry.notes.strip()
        if note:
            name = options.habit(habit.name)
            builder.entry(
                entry.day,
                local_moment(entry.day, NOON),
                text_in(f"{name}: {note}", entry.where, "note"),
            )
            notes += 1
    mapped = [_described(h, options, done[i]) for i, h in enumerate(habits)]
    if notes:
        mapped.append(f"Notes → entries: {notes:,}, each on its day at noon.")
    return incoming(builder.document(), "loop", label, options, mapped)


def _described(habit: LoopHabit, options: ImportOptions, done: int) -> str:
    """How one of Loop's habits comes in, for the dry run."""
    new = options.habit(habit.name)
    text = "Habit " + named(habit.name) + ("" if new == habit.name else f" → {named(new)}")
    days = f"{done:,} day{'s' * (done != 1)}"
    if habit.numerical:
        unit = f" {habit.unit.strip()}" if habit.unit.strip() else ""
        target = f"{'at most' if habit.at_most else 'at least'} {habit.target:g}{unit}"
        text += f" (numerical, {target}): {days} met the target"
    else:
        text += f" (yes or no): {days} done"
    return text + ("; archived in Loop, so stopped" if habit.archived else "")


# -- the CSV zip ----------------------------------------------------------------------------


def is_loop_zip(raw: bytes) -> bool:
    """Whether ``raw`` is a zip file (Loop's CSV export is one)."""
    return raw[:4] in (b"PK\x03\x04", b"PK\x05\x06")


def parse_loop_zip(raw: bytes, name: str, options: ImportOptions) -> Incoming | None:
    """Loop's ``Loop Habits CSV YYYY-MM-DD.zip`` as an exback document; None for a zip that
    is not one (no ``Habits.csv``)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise InvalidInput(
            f"{name} is a damaged or cut-short zip file, so it cannot be read as a Loop Habit "
            "Tracker CSV export; nothing was imported."
        ) from None
    if "Habits.csv" not in members:
        return None
    habits: list[LoopHabit] = []
    entries: list[LoopEntry] = []
    folders = _folders(members)
    for line, row in _csv(archive, members["Habits.csv"]):
        habit = _habit(row, f"Habits.csv line {line}")
        position = row.get("Position", "").strip()
        folder = folders.get(position)
        if folder is not None:
            entries.extend(_checkmarks(archive, members[folder], len(habits)))
        habits.append(habit)
    return loop_document(habits, entries, options, "Loop Habit Tracker CSV export")


def _folders(members: dict[str, zipfile.ZipInfo]) -> dict[str, str]:
    """Each habit's Checkmarks.csv by its position ("001 Meditate/Checkmarks.csv" -> "001")."""
    found: dict[str, str] = {}
    for path in members:
        folder, _, file = path.rpartition("/")
        if file == "Checkmarks.csv" and folder and "/" not in folder:
            found.setdefault(folder.split(" ", 1)[0], path)
    return found


def _csv(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a CSV member with their line numbers, by the header's names."""
    where = info.filename
    if info.file_size > MEMBER_MAX:
        raise Refused(where, f"it is {info.file_size:,} bytes, too large for a Loop export")
    try:
        text = archive.read(info).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refused(where, "it is not UTF-8 text") from None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
        raise Refused(where, "it is damaged in the zip, or cut short") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 0
    try:
        header = [h.strip() for h in next(reader, [])]
        line = reader.line_num
        for fields in reader:
            start, line = line + 1, reader.line_num
            if not any(f.strip() for f in fields):
                continue
            if len(fields) < len(header):
                raise Refused(
                    f"{where} line {start}",
                    f"there are {len(fields)} fields where the header names {len(header)}, so "
                    "the file may be cut short",
                )
            yield start, dict(zip(header, fields, strict=False))
    except csv.Error:
        raise Refused(
            f"{where} line {line + 1}", "a quoted field is not closed, so it may be cut short"
        ) from None


def _habit(row: dict[str, str], where: str) -> LoopHabit:
    kind = row.get("Type", "YES_NO").strip().upper() or "YES_NO"
    if kind not in ("YES_NO", "NUMERICAL"):
        raise Refused(where, f"Type {described(kind)} is not YES_NO or NUMERICAL")
    target_type = row.get("Target Type", "").strip().upper()
    if target_type not in ("", "AT_LEAST", "AT_MOST"):
        raise Refused(where, f"Target Type {described(target_type)} is not AT_LEAST or AT_MOST")
    target = row.get("Target Value", "").strip()
    try:
        target_value = float(target) if target else 0.0
    except ValueError:
        raise Refused(where, f"Target Value {described(target)} is not a number") from None
    archived = row.get("Archived?", "false").strip().lower() or "false"
    if archived not in ("true", "false"):
        raise Refused(where, f"Archived? {described(archived)} is not true or false")
    return LoopHabit(
        name=row.get("Name", ""),
        where=where,
        numerical=kind == "NUMERICAL",
        at_most=target_type == "AT_MOST",
        target=target_value,
        unit=row.get("Unit", ""),
        archived=archived == "true",
    )


def _checkmarks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, habit: int) -> list[LoopEntry]:
    entries = []
    for line, row in _csv(archive, info):
        where = f"{info.filename} line {line}"
        value_text = row.get("Value", "").strip()
        day_text = row.get("Date", "").strip()
        try:
            day = date.fromisoformat(day_text)
        except ValueError:
            raise Refused(where, f"Date {described(day_text)} is not a date (YYYY-MM-DD)") from None
        value = VALUE_WORDS.get(value_text.upper())
        if value is None:
            try:
                value = int(value_text)
            except ValueError:
                raise Refused(
                    where, f"Value {described(value_text)} is not one Loop writes"
                ) from None
        entries.append(LoopEntry(habit, day, value, row.get("Notes", ""), where))
    return entries
