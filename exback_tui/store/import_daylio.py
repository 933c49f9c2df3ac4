"""Daylio's CSV export (``daylio_export_YYYY_MM_DD.csv``) as an exback document: pure.

Columns are read by their header's names, so the current nine-column header
(``full_date,date,weekday,time,mood,activities,scales,note_title,note``) and the older ones
(without ``scales``; with ``year`` instead of ``full_date``) all read. A row's mood is a
name: Daylio's five defaults have levels (:data:`.import_source.DAYLIO_LEVELS`), a custom one
needs ``--mood-map``. A day's check-in takes the day's last mood; every note is an entry at
its time; activities are habits done that day.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from .import_source import (
    DAYLIO_LEVELS,
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

_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?\s*m\.?)?", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_MONTHS = {
    name: n
    for n, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}


def is_daylio(text: str) -> bool:
    """Whether ``text`` starts with a Daylio export's header (read by its names)."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    names = {n.strip().lower() for n in first.split(",")}
    return {"time", "mood"} <= names and ("full_date" in names or {"year", "date"} <= names)


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    day: date
    at: datetime
    mood: str
    activities: tuple[str, ...]
    note: str


def parse_daylio(text: str, options: ImportOptions) -> Incoming:
    """A Daylio export's text as an exback document; :class:`Refused` names a bad line."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), strict=True)
    rows: list[_Row] = []
    line = 0
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        line = reader.line_num
        for fields in reader:
            start, line = line + 1, reader.line_num
            if not any(f.strip() for f in fields):
                continue
            rows.append(_row(start, header, fields, options))
    except csv.Error:
        raise Refused(
            f"line {line + 1}", "a quoted field is not closed, so the file may be cut short"
        ) from None
    return _document(rows, options)


def _row(line: int, header: Sequence[str], fields: Sequence[str], options: ImportOptions) -> _Row:
    where = f"line {line}"
    if len(fields) != len(header):
        raise Refused(
            where,
            f"there are {len(fields)} fields where the header names {len(header)}"
            + (", so the file may be cut short" if len(fields) < len(header) else ""),
        )
    row = dict(zip(header, fields, strict=True))
    day = day_in_bounds(_day(row, where), options, where, "date")
    at = local_moment(day, _time(row["time"], where))
    title, note = (_note(row.get(k, "")) for k in ("note_title", "note"))
    body = text_in("\n\n".join(p for p in (title, note) if p), where, "note")
    activities = tuple(a.strip() for a in row.get("activities", "").split(" | ") if a.strip())
    return _Row(line, day, at, " ".join(row["mood"].split()), activities, body)


def _day(row: dict[str, str], where: str) -> date:
    if "full_date" in row:
        value = row["full_date"].strip()
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise Refused(
                where, f"full_date {described(value)} is not a date (YYYY-MM-DD)"
            ) from None
    # An old export: a year and a day written in words ("5 March", "Mar 5").
    year, words = row["year"].strip(), row["date"].strip()
    parts = words.replace(",", " ").replace(".", " ").split()
    numbers = [p for p in parts if p.isdigit()]
    months = [_MONTHS[p.lower()] for p in parts if p.lower() in _MONTHS]
    try:
        if len(numbers) != 1 or len(months) != 1 or len(parts) != 2:
            raise ValueError
        return date(int(year), months[0], int(numbers[0]))
    except ValueError:
        raise Refused(
            where,
            f"the date {described(words)} of {described(year)} cannot be read (this older "
            "export has no full_date; export again from a current Daylio)",
        ) from None


def _time(value: str, where: str) -> time:
    match = _TIME.fullmatch(value.strip())
    try:
        if match is None:
            raise ValueError
        hour, minute = int(match[1]), int(match[2])
        if match[4]:  # "10:00 pm"; 12 am is midnight, 12 pm noon
            if not 1 <= hour <= 12:
                raise ValueError
            hour = hour % 12 + (12 if match[4].lower() == "p" else 0)
        return time(hour, minute, int(match[3] or 0))
    except ValueError:
        raise Refused(
            where, f"time {described(value)} is not a time of day (like 21:35 or 9:35 pm)"
        ) from None


def _note(value: str) -> str:
    """Daylio writes a note's line breaks as <br> and some characters as HTML entities."""
    return html.unescape(_BREAK.sub("\n", value)).strip()


def _levels(rows: Sequence[_Row], options: ImportOptions) -> dict[str, int]:
    """Each mood name's level; a name without one is refused, listing the names found."""
    spelled = _spelled(rows)
    found = list(spelled)
    levels = {**DAYLIO_LEVELS, **options.mood_map}
    unknown = [name for name in found if name not in levels]
    if unknown:
        raise Refused(
            "the mood column",
            f"{_listed(spelled[n] for n in unknown)} {'has' if len(unknown) == 1 else 'have'} "
            f"no level; the moods found are {_listed(spelled[n] for n in found)}; give each a "
            'level from 1 to 10 with --mood-map, like --mood-map "rad=10,good=8,meh=5,bad=3,'
            'awful=1"',
        )
    return {name: levels[name] for name in found}


def _spelled(rows: Sequence[_Row]) -> dict[str, str]:
    """Each mood name (casefolded) as the file first spells it, in the file's order."""
    spelled: dict[str, str] = {}
    for row in rows:
        spelled.setdefault(row.mood.casefold(), row.mood)
    return spelled


def _listed(names: Iterable[str]) -> str:
    """'a', 'b' and 'c'."""
    quoted = [named(n) for n in names]
    return ", ".join(quoted[:-1]) + " and " + quoted[-1] if len(quoted) > 1 else "".join(quoted)


def _document(rows: list[_Row], options: ImportOptions) -> Incoming:
    for row in rows:
        if not row.mood:
            raise Refused(f"line {row.line}", "the mood is empty")
    levels = _levels(rows, options)
    builder = DocumentBuilder()
    # Daylio lists the newest first; oldest first here, so the last of a day is its last mood
    # (at the same minute, the one Daylio lists first).
    ordered = sorted(rows, key=lambda r: (r.at.replace(tzinfo=None), -r.line))
    names: dict[str, str] = {}
    for row in ordered:
        builder.checkin(row.day, levels[row.mood.casefold()], row.at)
        for activity in row.activities:
            key = builder.habit(options.habit(activity), row.at, f"line {row.line}")
            builder.done(key, row.day)
            names.setdefault(activity.casefold(), activity)
        if row.note:
            builder.entry(row.day, row.at, row.note)
    doc = builder.document()
    counts = {name: sum(1 for r in rows if r.mood.casefold() == name) for name in levels}
    spelled = _spelled(rows)
    mapped = []
    if levels:
        mapped.append(
            "Moods (Daylio name → exback mood): "
            + ", ".join(
                f"{named(spelled[n])} → {levels[n]} ({counts[n]:,} row{'s' * (counts[n] != 1)})"
                for n in sorted(levels, key=lambda n: -levels[n])
            )
        )
    if names:
        mapped.append(
            "Activities → habits: "
            + ", ".join(
                named(name)
                + ("" if options.habit(name) == name else f" → {named(options.habit(name))}")
                for name in names.values()
            )
        )
    return incoming(doc, "daylio", "Daylio export", options, mapped)
