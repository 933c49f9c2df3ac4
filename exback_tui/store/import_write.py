"""Writing a validated import document into a journal: replace (an empty one) or merge.

One transaction, the caller's: into an empty journal an exback document replaces what opening
seeded, so exporting again gives the same document; into one with data it is merged, skipping
rows already there. Rows are written in bulk (executemany), so ten years take under a second.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from .document import (
    ImportSummary,
    Progress,
    Ticker,
)
from .import_document import Parsed
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

# -- writing what comes in ------------------------------------------------------------------


def is_empty(s: Session) -> bool:
    """A journal with nothing a person wrote: only what opening a new one seeds."""
    for model in (
        CheckInRow,
        HabitMarkRow,
        EntryRow,
        ContactRow,
        AskRow,
        EvaluationRow,
        ChecklistMarkRow,
        SupportContactRow,
        UrgeLogRow,
    ):
        if s.scalar(select(func.count()).select_from(model)):
            return False
    if (s.scalar(select(func.count()).select_from(PhaseStepRow)) or 0) > 1:
        return False
    journey = s.get(JourneyRow, 1)
    return journey is None or not journey.onboarded


def _bulk(s: Session, model: type[Any], rows: list[dict[str, Any]], ticker: Ticker) -> None:
    batch = 2000
    for start in range(0, len(rows), batch):
        chunk = rows[start : start + batch]
        s.execute(insert(model.__table__), chunk)
        ticker.step(len(chunk))


def write_document(s: Session, parsed: Parsed, progress: Progress | None = None) -> ImportSummary:
    """Write a validated document in the caller's transaction (see the module docstring)."""
    summary = ImportSummary(parsed.kind)
    ticker = Ticker(progress, parsed.size)
    if parsed.kind == "exback" and is_empty(s):
        summary.into_empty = True
        _replace_all(s, parsed, summary, ticker)
    else:
        _merge(s, parsed, summary, ticker)
    ticker.step(ticker.total)
    return summary


def _replace_all(s: Session, p: Parsed, summary: ImportSummary, ticker: Ticker) -> None:
    for model in (HabitRow, PhaseStepRow, SettingRow, JourneyRow):
        s.execute(delete(model))
    if p.journey is not None:
        s.execute(insert(table_of(JourneyRow)), [{"id": 1, **p.journey}])
        summary.count("journey", 1)
    else:
        s.execute(insert(table_of(JourneyRow)), [{"id": 1}])
    _bulk(s, PhaseStepRow, p.steps, ticker)
    _bulk(s, ChecklistMarkRow, p.ticks, ticker)
    _bulk(s, HabitRow, p.habits, ticker)
    ids = {name.casefold(): id_ for id_, name in s.execute(select(HabitRow.id, HabitRow.name))}
    marks = [{"habit_id": ids[key], "day": day} for key, days in p.marks.items() for day in days]
    _bulk(s, HabitMarkRow, marks, ticker)
    _bulk(s, CheckInRow, p.checkins, ticker)
    _bulk(s, EntryRow, p.entries, ticker)
    _bulk(s, ContactRow, p.contacts, ticker)
    _bulk(s, AskRow, p.asks, ticker)
    _bulk(s, UrgeLogRow, p.urge_log, ticker)
    _bulk(s, EvaluationRow, p.evaluations, ticker)
    _bulk(s, SupportContactRow, p.support, ticker)
    _bulk(s, SettingRow, [{"key": k, "value": v} for k, v in p.settings.items()], ticker)
    for section, n in (
        ("phase_steps", len(p.steps)),
        ("checklist", len(p.ticks)),
        ("habits", len(p.habits)),
        ("habit_marks", len(marks)),
        ("checkins", len(p.checkins)),
        ("entries", len(p.entries)),
        ("contacts", len(p.contacts)),
        ("asks", len(p.asks)),
        ("urge_log", len(p.urge_log)),
        ("evaluations", len(p.evaluations)),
        ("support_contacts", len(p.support)),
        ("settings", len(p.settings)),
    ):
        summary.count(section, n)


def _new_only(
    rows: Iterable[dict[str, Any]], key: Callable[[dict[str, Any]], Any], have: set[Any]
) -> tuple[list[dict[str, Any]], int]:
    """The rows whose key is not in ``have`` (nor earlier in ``rows``) and how many were not."""
    new, skipped = [], 0
    for row in rows:
        k = key(row)
        if k in have:
            skipped += 1
            continue
        have.add(k)
        new.append(row)
    return new, skipped


def _keys(s: Session, *columns: Any) -> set[tuple[Any, ...]]:
    return {tuple(row) for row in s.execute(select(*columns))}


def _utc_key(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(microsecond=0)


def _merge(s: Session, p: Parsed, summary: ImportSummary, ticker: Ticker) -> None:
    if p.journey is not None:
        journey = s.get(JourneyRow, 1)
        if journey is None or not journey.onboarded:
            values = {k: v for k, v in p.journey.items() if k != "created_at"}
            if journey is None:
                s.add(JourneyRow(id=1, **values))
            else:
                for k, v in values.items():
                    setattr(journey, k, v)
            summary.count("journey", 1)
        else:
            summary.count("journey", 0, 1)

    def add(
        section: str,
        model: type[Any],
        rows: list[dict[str, Any]],
        key: Callable[[dict[str, Any]], Any],
        have: set[Any],
    ) -> None:
        new, skipped = _new_only(rows, key, have)
        _bulk(s, model, new, ticker)
        ticker.step(skipped)
        summary.count(section, len(new), skipped)

    t = PhaseStepRow
    add(
        "phase_steps",
        t,
        p.steps,
        lambda r: (r["phase"], r["entered_on"], r["reason"]),
        _keys(s, t.phase, t.entered_on, t.reason),
    )
    add(
        "checklist",
        ChecklistMarkRow,
        p.ticks,
        lambda r: (r["phase"], r["item_key"]),
        _keys(s, ChecklistMarkRow.phase, ChecklistMarkRow.item_key),
    )

    have_habits = {n.casefold() for n in s.scalars(select(HabitRow.name))}
    last = s.scalar(select(func.max(HabitRow.position))) or 0
    # Habits new to this journal go after the user's own, in the export's order.
    ordered = sorted(p.habits, key=lambda r: r["position"])
    placed = [{**r, "position": last + i} for i, r in enumerate(ordered, start=1)]
    add("habits", HabitRow, placed, lambda r: r["name"].casefold(), have_habits)
    habit_ids = {n.casefold(): id_ for id_, n in s.execute(select(HabitRow.id, HabitRow.name))}
    marks = [{"habit_id": habit_ids[k], "day": d} for k, days in p.marks.items() for d in days]
    add(
        "habit_marks",
        HabitMarkRow,
        marks,
        lambda r: (r["habit_id"], r["day"]),
        _keys(s, HabitMarkRow.habit_id, HabitMarkRow.day),
    )
    add(
        "checkins",
        CheckInRow,
        p.checkins,
        lambda r: r["day"],
        set(s.scalars(select(CheckInRow.day))),
    )
    add(
        "entries",
        EntryRow,
        p.entries,
        lambda r: (r["day"], r["kind"], r["text"]),
        _keys(s, EntryRow.day, EntryRow.kind, EntryRow.text),
    )
    c = ContactRow
    add(
        "contacts",
        c,
        p.contacts,
        lambda r: (_utc_key(r["at"]), r["medium"], r["initiated_by"]),
        {(_utc_key(at), m, i) for at, m, i in s.execute(select(c.at, c.medium, c.initiated_by))},
    )
    # The same moment and answer is the same ask. The phase moves it made came in above with
    # the other moves; an imported ask never moves the phase again.
    add(
        "asks",
        AskRow,
        p.asks,
        lambda r: (_utc_key(r["at"]), r["answer"]),
        {
            (_utc_key(at), a)
            for at, a in s.execute(select(AskRow.at, AskRow.answer))
            if at is not None
        },
    )
    # The same moment and strength is the same reading.
    add(
        "urge_log",
        UrgeLogRow,
        p.urge_log,
        lambda r: (_utc_key(r["at"]), r["strength"]),
        {
            (_utc_key(at), n)
            for at, n in s.execute(select(UrgeLogRow.at, UrgeLogRow.strength))
            if at is not None
        },
    )
    e = EvaluationRow
    eval_cols = (
        e.made_on,
        e.worth,
        e.added_value,
        e.differences,
        e.intimacy,
        e.passion,
        e.commitment,
        e.decision,
    )
    add(
        "evaluations",
        e,
        p.evaluations,
        lambda r: tuple(r[col.key] for col in eval_cols),
        _keys(s, *eval_cols),
    )
    last_support = s.scalar(select(func.max(SupportContactRow.position))) or 0
    support = [{**r, "position": last_support + i} for i, r in enumerate(p.support, start=1)]
    add(
        "support_contacts",
        SupportContactRow,
        support,
        lambda r: (r["name"].casefold(), r["detail"]),
        {
            (n.casefold(), d)
            for n, d in s.execute(select(SupportContactRow.name, SupportContactRow.detail))
        },
    )
    add(
        "settings",
        SettingRow,
        [{"key": k, "value": v} for k, v in p.settings.items()],
        lambda r: r["key"],
        set(s.scalars(select(SettingRow.key))),
    )
