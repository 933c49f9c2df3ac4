"""Building the export document from a journal, in one read transaction.

The JSON document is the journal, table by table, without row ids (habit marks name their
habit), so that importing an export into an empty journal and exporting again gives the same
document. Timestamps keep the offset the user had when they were written. Markdown and CSV are
rendered from that same document, so the three formats can never disagree. Rows are read in
bulk (column tuples out), so ten years of days take well under a second.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from .document import (
    FORMAT,
    VERSION,
    Doc,
    Progress,
    Ticker,
    in_offset,
    utc_text,
)
from .errors import JournalError
from .journal_id import SETTING as JOURNAL_ID
from .models import (
    AskRow,
    CheckInRow,
    ChecklistMarkRow,
    ContactRow,
    EntryRow,
    EvaluationRow,
    HabitMarkRow,
    HabitRow,
    JourneyRow,
    PhaseStepRow,
    SettingRow,
    SupportContactRow,
    UrgeLogRow,
    table_of,
)

_T = TypeVar("_T")

# -- export ---------------------------------------------------------------------------------


class OddRows(JournalError):
    """Rows the export could not read (a value no version of exback writes): ``doc`` is the
    document without them, ``rows`` names each by table and id, never by what it holds."""

    def __init__(self, doc: Doc, rows: list[str]) -> None:
        shown = ", ".join(rows[:10]) + (f" and {len(rows) - 10} more" if len(rows) > 10 else "")
        super().__init__(
            f"{len(rows)} row{'s' if len(rows) != 1 else ''} could not be read and "
            f"{'were' if len(rows) != 1 else 'was'} left out of the export ({shown}); "
            "everything else is in it."
        )
        self.doc = doc
        self.rows = rows


def _rows(s: Session, table: Table, *order: Any) -> list[Any]:
    return list(s.execute(select(table).order_by(*order)))


def _each(
    rows: Iterable[Any], convert: Callable[[Any], _T], name: Callable[[Any], str], odd: list[str]
) -> list[_T]:
    """``convert`` each row; one that cannot be converted is named in ``odd`` and left out."""
    done = []
    for row in rows:
        try:
            done.append(convert(row))
        except (ValueError, TypeError, OverflowError):
            odd.append(name(row))
    return done


def _by_id(table: str) -> Callable[[Any], str]:
    return lambda row: f"{table} {row.id}"


def _day(day: date | None) -> str:
    """A stored day as text; one SQLite could not read as a date (LenientDate: None) is odd."""
    if day is None:
        raise ValueError("not a day")
    return day.isoformat()


def _prompt(prompt: object) -> str | None:
    """An entry's writing prompt, None when it has none; one that is not text is odd."""
    if prompt is None or isinstance(prompt, str):
        return prompt or None
    raise ValueError("not a prompt")


def _utc(moment: datetime | None) -> str:
    if moment is None:
        raise ValueError("not a time")
    return utc_text(moment)


def _local(moment: datetime | None, offset_min: int) -> str:
    """A stored time in the offset kept beside it; an offset of a day or more is odd."""
    if moment is None:
        raise ValueError("not a time")
    return in_offset(moment, offset_min)


def export_document(s: Session, progress: Progress | None = None) -> Doc:
    """The whole journal as a versioned JSON-ready document; run it in one read transaction.

    A row with a value no exback writes (a time zone offset of weeks, a date that is not one)
    is left out: :class:`OddRows` then carries the document of everything else and names them.
    """
    total = sum(
        s.scalar(select(func.count()).select_from(m)) or 0
        for m in (CheckInRow, HabitMarkRow, EntryRow, ContactRow, AskRow, UrgeLogRow, PhaseStepRow)
    )
    ticker = Ticker(progress, total)
    odd: list[str] = []
    journey = s.get(JourneyRow, 1)
    journeys = _each(
        [] if journey is None else [journey],
        lambda r: {
            "breakup_date": None if r.breakup_date is None else _day(r.breakup_date),
            "how": r.how,
            "children": r.children,
            "living_together": r.living_together,
            "hurt_ex": r.hurt_ex,
            "ex_dating": r.ex_dating,
            "pause_target_days": r.pause_target_days,
            "onboarded": r.onboarded,
            "created_at": _utc(r.created_at),
        },
        _by_id("journey"),
        odd,
    )
    doc: Doc = {
        "format": FORMAT,
        "version": VERSION,
        "journey": journeys[0] if journeys else None,
    }
    t = table_of(PhaseStepRow)
    steps = _rows(s, t, t.c.id)
    doc["phase_steps"] = _each(
        steps,
        lambda r: {
            "phase": r.phase,
            "entered_on": _day(r.entered_on),
            "reason": r.reason,
            "forced": r.forced,
            "created_at": _utc(r.created_at),
        },
        _by_id("phase_step"),
        odd,
    )
    ticker.step(len(steps))
    t = table_of(ChecklistMarkRow)
    doc["checklist"] = _each(
        _rows(s, t, t.c.id),
        lambda r: {"phase": r.phase, "item_key": r.item_key, "done_on": _day(r.done_on)},
        _by_id("checklist_mark"),
        odd,
    )
    marks: dict[int, list[str]] = defaultdict(list)
    mark_rows = list(
        s.execute(
            select(HabitMarkRow.habit_id, HabitMarkRow.day).order_by(
                HabitMarkRow.habit_id, HabitMarkRow.day
            )
        )
    )
    for habit_id, day in _each(
        mark_rows,
        lambda r: (r.habit_id, _day(r.day)),
        lambda r: f"habit_mark of habit {r.habit_id}",
        odd,
    ):
        marks[habit_id].append(day)
    ticker.step(len(mark_rows))
    t = table_of(HabitRow)
    doc["habits"] = _each(
        _rows(s, t, t.c.id),
        lambda r: {
            "name": r.name,
            "position": r.position,
            "archived": r.archived,
            "created_at": _utc(r.created_at),
            "done_on": marks.get(r.id, []),
        },
        _by_id("habit"),
        odd,
    )
    t = table_of(CheckInRow)
    checkins = _rows(s, t, t.c.day)
    doc["checkins"] = _each(
        checkins,
        lambda r: {
            "day": _day(r.day),
            "mood": r.mood,
            "urge": r.urge,
            "note": r.note,
            "created_at": _local(r.created_at, r.utc_offset_min),
            "updated_at": _local(r.updated_at, r.utc_offset_min),
        },
        _by_id("checkin"),
        odd,
    )
    ticker.step(len(checkins))
    t = table_of(EntryRow)
    entries = _rows(s, t, t.c.id)
    doc["entries"] = _each(
        entries,
        lambda r: {
            "day": _day(r.day),
            "kind": r.kind,
            "text": r.text,
            "tags": r.tags.split(),
            "prompt": _prompt(r.prompt),
            "created_at": _local(r.created_at, r.utc_offset_min),
            "updated_at": _local(r.updated_at, r.utc_offset_min),
        },
        _by_id("entry"),
        odd,
    )
    ticker.step(len(entries))
    t = table_of(ContactRow)
    contacts = _rows(s, t, t.c.id)
    doc["contacts"] = _each(
        contacts,
        lambda r: {
            "at": _local(r.at, r.at_offset_min),
            "medium": r.medium,
            "initiated_by": r.initiated_by,
            "response": r.response,
            "logistics": r.logistics,
            "minutes": r.minutes,
            "note": r.note,
            "created_at": _local(r.created_at, r.utc_offset_min),
            "updated_at": _local(r.updated_at, r.utc_offset_min),
        },
        _by_id("contact"),
        odd,
    )
    ticker.step(len(contacts))
    t = table_of(AskRow)
    asks = _rows(s, t, t.c.at, t.c.id)
    doc["asks"] = _each(
        asks,
        lambda r: {
            "at": _local(r.at, r.at_offset_min),
            "answer": r.answer,
            "note": r.note,
            "created_at": _utc(r.created_at),
        },
        _by_id("ask"),
        odd,
    )
    ticker.step(len(asks))
    t = table_of(UrgeLogRow)
    readings = _rows(s, t, t.c.at, t.c.id)
    doc["urge_log"] = _each(
        readings,
        lambda r: {"at": _local(r.at, r.at_offset_min), "strength": r.strength},
        _by_id("urge_log"),
        odd,
    )
    ticker.step(len(readings))
    t = table_of(EvaluationRow)
    doc["evaluations"] = _each(
        _rows(s, t, t.c.id),
        lambda r: {
            "made_on": _day(r.made_on),
            "worth": r.worth,
            "added_value": r.added_value,
            "differences": r.differences,
            "intimacy": r.intimacy,
            "passion": r.passion,
            "commitment": r.commitment,
            "transitions": json.loads(r.transitions),
            "red_flags": json.loads(r.red_flags),
            "patterns": json.loads(r.patterns),
            "decision": r.decision,
            "note": r.note,
            "created_at": _utc(r.created_at),
        },
        _by_id("evaluation"),
        odd,
    )
    t = table_of(SupportContactRow)
    doc["support_contacts"] = [
        {"name": r.name, "detail": r.detail, "position": r.position}
        for r in _rows(s, t, t.c.position, t.c.id)
    ]
    t = table_of(SettingRow)
    # The journal's id names this file and its backups, not what it holds: a journal filled
    # from this export keeps its own.
    doc["settings"] = {r.key: r.value for r in _rows(s, t, t.c.key) if r.key != JOURNAL_ID}
    ticker.step(ticker.total)
    if odd:
        raise OddRows(doc, odd)
    return doc
