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
from datetime import date
from typing import Any

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
    table_of,
)

# -- export ---------------------------------------------------------------------------------


def _rows(s: Session, table: Table, *order: Any) -> list[Any]:
    return list(s.execute(select(table).order_by(*order)))


def export_document(s: Session, progress: Progress | None = None) -> Doc:
    """The whole journal as a versioned JSON-ready document; run it in one read transaction."""
    total = sum(
        s.scalar(select(func.count()).select_from(m)) or 0
        for m in (CheckInRow, HabitMarkRow, EntryRow, ContactRow, AskRow, PhaseStepRow)
    )
    ticker = Ticker(progress, total)
    journey = s.get(JourneyRow, 1)
    doc: Doc = {
        "format": FORMAT,
        "version": VERSION,
        "journey": None if journey is None else {
            "breakup_date": iso_day(journey.breakup_date),
            "how": journey.how,
            "children": journey.children,
            "living_together": journey.living_together,
            "hurt_ex": journey.hurt_ex,
            "ex_dating": journey.ex_dating,
            "pause_target_days": journey.pause_target_days,
            "onboarded": journey.onboarded,
            "created_at": utc_text(journey.created_at),
        },
    }
    t = table_of(PhaseStepRow)
    steps = _rows(s, t, t.c.id)
    doc["phase_steps"] = [
        {
            "phase": r.phase,
            "entered_on": r.entered_on.isoformat(),
            "reason": r.reason,
            "forced": r.forced,
            "created_at": utc_text(r.created_at),
        }
        for r in steps
    ]
    ticker.step(len(steps))
    t = table_of(ChecklistMarkRow)
    doc["checklist"] = [
        {"phase": r.phase, "item_key": r.item_key, "done_on": r.done_on.isoformat()}
        for r in _rows(s, t, t.c.id)
    ]
    marks: dict[int, list[str]] = defaultdict(list)
    mark_rows = list(s.execute(select(HabitMarkRow.habit_id, HabitMarkRow.day).order_by(
        HabitMarkRow.habit_id, HabitMarkRow.day
    )))
    for habit_id, day in mark_rows:
        marks[habit_id].append(day.isoformat())
    ticker.step(len(mark_rows))
    t = table_of(HabitRow)
    doc["habits"] = [
        {
            "name": r.name,
            "position": r.position,
            "archived": r.archived,
            "created_at": utc_text(r.created_at),
            "done_on": marks.get(r.id, []),
        }
        for r in _rows(s, t, t.c.id)
    ]
    t = table_of(CheckInRow)
    checkins = _rows(s, t, t.c.day)
    doc["checkins"] = [
        {
            "day": r.day.isoformat(),
            "mood": r.mood,
            "urge": r.urge,
            "note": r.note,
            "created_at": in_offset(r.created_at, r.utc_offset_min),
            "updated_at": in_offset(r.updated_at, r.utc_offset_min),
        }
        for r in checkins
    ]
    ticker.step(len(checkins))
    t = table_of(EntryRow)
    entries = _rows(s, t, t.c.id)
    doc["entries"] = [
        {
            "day": r.day.isoformat(),
            "kind": r.kind,
            "text": r.text,
            "tags": r.tags.split(),
            "created_at": in_offset(r.created_at, r.utc_offset_min),
            "updated_at": in_offset(r.updated_at, r.utc_offset_min),
        }
        for r in entries
    ]
    ticker.step(len(entries))
    t = table_of(ContactRow)
    contacts = _rows(s, t, t.c.id)
    doc["contacts"] = [
        {
            "at": in_offset(r.at, r.at_offset_min),
            "medium": r.medium,
            "initiated_by": r.initiated_by,
            "response": r.response,
            "logistics": r.logistics,
            "minutes": r.minutes,
            "note": r.note,
            "created_at": in_offset(r.created_at, r.utc_offset_min),
            "updated_at": in_offset(r.updated_at, r.utc_offset_min),
        }
        for r in contacts
    ]
    ticker.step(len(contacts))
    t = table_of(AskRow)
    asks = _rows(s, t, t.c.at, t.c.id)
    doc["asks"] = [
        {
            "at": in_offset(r.at, r.at_offset_min),
            "answer": r.answer,
            "note": r.note,
            "created_at": utc_text(r.created_at),
        }
        for r in asks
    ]
    ticker.step(len(asks))
    t = table_of(EvaluationRow)
    doc["evaluations"] = [
        {
            "made_on": r.made_on.isoformat(),
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
            "created_at": utc_text(r.created_at),
        }
        for r in _rows(s, t, t.c.id)
    ]
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
    return doc


def iso_day(day: date | None) -> str | None:
    return None if day is None else day.isoformat()

