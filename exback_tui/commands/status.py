"""``exback status``: the roadmap, mood and readiness as three panels, or as one JSON object."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from rich.columns import Columns
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..core import phases as roadmap_rules
from ..core.factors import Factor
from ..core.health import Health
from ..core.insights import Insights, care_message, insights
from ..core.ladder import CONTACT_PHASE
from ..core.readiness import Assessment, assess
from ..core.roadmap import roadmap
from ..core.text import json_safe, shown
from ..core.values import NextStep, Snapshot
from . import day_label, days, journal_path, open_quick
from .console import out

SPARK = "▁▂▃▄▅▆▇█"
ICONS = {"ok": ("✓", "green"), "warn": ("!", "yellow"), "bad": ("✗", "red"), "none": ("·", "dim")}
# How each roadmap stop's marker is coloured, and the word shown beside a phase passed oddly.
STOP_STYLES = {
    "done": "green",
    "current": "bold cyan",
    "skipped": "yellow",
    "left-early": "yellow",
    "before": "dim",
    "ahead": "dim",
}
STOP_WORDS = {"skipped": "skipped", "left-early": "left early"}


def sparkline(series: tuple[int | None, ...]) -> str:
    """Moods 1-10 as block characters; a day without a mood is a dot."""
    return "".join(
        "·" if m is None else SPARK[min(len(SPARK) - 1, (m - 1) * len(SPARK) // 10)] for m in series
    )


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


# -- JSON -------------------------------------------------------------------------------------


def status_document(snapshot: Snapshot, found: Insights, meter: Assessment) -> dict[str, Any]:
    """The status as one JSON-ready object (its shape is documented in the README)."""
    stops = roadmap(snapshot)
    current = next(s for s in stops if s.current)
    today = next((c for c in snapshot.checkins if c.day == snapshot.today), None)
    return {
        "date": snapshot.today.isoformat(),
        "phase": {
            "number": current.phase.number,
            "name": current.phase.title,
            "since": snapshot.phase_since.isoformat(),
            "days_in_phase": (snapshot.today - snapshot.phase_since).days,
            "checklist_done": current.checklist_done,
            "checklist_total": current.checklist_total,
            "state": current.state,
        },
        "roadmap": [
            {
                "number": stop.phase.number,
                "name": stop.phase.title,
                "state": stop.state,
                "days": stop.days,
                "checklist_done": stop.checklist_done,
                "checklist_total": stop.checklist_total,
            }
            for stop in stops
        ],
        "readiness": _readiness_document(meter, snapshot.today),
        "cooldown_until": _iso(meter.cooldown_until),
        "asks": [
            {"when": ask.when.isoformat(), "answer": ask.answer.value, "note": ask.note}
            for ask in snapshot.asks
        ],
        "today": None
        if today is None
        else {
            "date": today.day.isoformat(),
            "mood": today.mood,
            "urge": today.urge,
            "habits": sorted(today.habits),
        },
        "streaks": {
            "checkin_current": found.checkin_current,
            "checkin_best": found.checkin_best,
            "pause_days": found.pause_days,
            "pause_best": found.pause_best,
        },
        "mood": {
            "avg7": None if found.avg7 is None else round(found.avg7, 2),
            "avg30": None if found.avg30 is None else round(found.avg30, 2),
            "trend": found.trend,
            "series30": list(found.mood_series_30),
            "low_stretch": found.low_stretch,
        },
        "habits": {name: round(rate, 2) for name, rate in found.habit_rates.items()},
    }


def _readiness_document(meter: Assessment, today: date) -> dict[str, Any]:
    return {
        "score": meter.score,
        "level": meter.level,
        "blocked": meter.blocked,
        "block_reason": meter.block_reason or None,
        "cap_reason": meter.cap_reason or None,
        "gate": meter.gate or None,
        "factors": [
            {
                "key": f.key,
                "label": f.label,
                "score": f.score,
                "weight": f.weight,
                "share": f.share,
                "unknown": f.unknown,
                "reason": f.reason,
                "blocking": f.blocking,
            }
            for f in meter.factors
        ],
        "step": _step_document(meter.step),
        "next_step": meter.next_step,
        "health": None if meter.health is None else _health_document(meter.health, today),
    }


def _step_document(step: NextStep) -> dict[str, Any]:
    return {
        "kind": step.kind.value,
        "text": step.text,
        "rung": step.rung,
        "until": _iso(step.until),
    }


def _health_document(health: Health, today: date) -> dict[str, Any]:
    return {
        "checked": health.checked,
        "items": [
            {
                "key": i.key,
                "kind": i.kind,
                "title": i.title,
                "checked_on": _iso(i.checked_on),
                "due": i.due(today),
            }
            for i in health.items
        ],
    }


# -- panels -----------------------------------------------------------------------------------


def _roadmap_panel(snapshot: Snapshot) -> Panel:
    table = Table.grid(padding=(0, 1))
    for _ in range(5):  # marker, title, checklist count, days, state: each on one line
        table.add_column(no_wrap=True)
    for stop in roadmap(snapshot):
        marker = Text(stop.marker, style=STOP_STYLES[stop.state])
        title = Text(
            f"{stop.phase.number}. {stop.phase.title}", style="bold" if stop.current else ""
        )
        count = Text(f"{stop.checklist_done}/{stop.checklist_total}", style="dim")
        spent = Text(f"{stop.days}d" if stop.days else "", style="dim")
        word = STOP_WORDS.get(stop.state, "")
        if stop.current and stop.signals_met:
            word = "ready to move on"
        table.add_row(marker, title, count, spent, Text(word, style="yellow" if word else ""))
    since = (snapshot.today - snapshot.phase_since).days
    footer = Text(f"\n{days(since)} in this phase", style="dim")
    return Panel(Group(table, footer), title="Roadmap", border_style="cyan")


def _mood_panel(snapshot: Snapshot, found: Insights) -> Panel:
    today = next((c for c in snapshot.checkins if c.day == snapshot.today), None)
    lines: list[Text] = []
    if today is None or today.mood is None:
        lines.append(Text("Today: not yet. exback checkin --mood N", style="yellow"))
    else:
        urge = "" if today.urge is None else f", urge {today.urge}/10"
        lines.append(Text(f"Today: mood {today.mood}/10{urge}"))
    lines.append(Text("30 days ") + Text(sparkline(found.mood_series_30), style="cyan"))
    trend = {"up": " ↗", "down": " ↘", "flat": " →"}.get(found.trend or "", "")
    lines.append(Text(f"Average 7d {_fmt(found.avg7)} · 30d {_fmt(found.avg30)}{trend}"))
    lines.append(Text(f"Check-in streak {found.checkin_current} (best {found.checkin_best})"))
    if snapshot.phase < CONTACT_PHASE:  # as on the dashboard: from phase 4, contact is the plan
        lines.append(Text(f"Pause {days(found.pause_days)} (best {found.pause_best})"))
    for name, rate in found.habit_rates.items():
        lines.append(Text(f"  {shown(name)}: {round(rate * 100)}%", style="dim"))
    care = care_message(snapshot, found)
    if care:
        lines.append(Text("\n" + shown(care), style="magenta"))
    return Panel(Group(*lines), title="Mood & habits", border_style="green")


def _factor_cells(f: Factor, scored: bool) -> list[Text]:
    """A factor's row: icon, label, its own score, its share of the total, why.

    A factor that does not count now shows a dash; one without data shows "?" and adds nothing
    (+0), so the shares column always adds up to the score above it.
    """
    icon, colour = ICONS.get(f.icon, ICONS["none"])
    if not f.counts:
        score, share = "–", "–"
    elif f.unknown:
        score, share = "?", "+0"
    else:
        score, share = str(f.score), f"+{f.share}"
    cells = [Text(icon, style=colour), Text(f.label), Text(score, style="bold")]
    if scored:
        cells.append(Text(share, style="cyan" if f.share else "dim"))
    cells.append(Text(shown(f.reason), style="dim"))
    return cells


def _meter_panel(meter: Assessment, today: date) -> Panel:
    parts: list[RenderableType] = []
    if meter.health is not None:
        parts.extend(_health_parts(meter.health, today))
    elif meter.score is None:
        parts.append(Text(meter.level, style="bold"))
    else:
        filled = round(meter.score / 5)
        parts.append(
            Text(f"{meter.score:>3} ", style="bold")
            + Text("█" * filled, style="green")
            + Text("░" * (20 - filled), style="dim")
            + Text(f"  {meter.level}", style="bold")
        )
    if meter.cap_reason:
        parts.append(Text("Why not higher: ", style="bold") + Text(shown(meter.cap_reason)))
    if meter.blocked:
        parts.append(Text(shown(meter.block_reason), style="magenta"))
    if meter.factors:
        scored = meter.score is not None
        table = Table.grid(padding=(0, 1))
        for f in meter.factors:
            table.add_row(*_factor_cells(f, scored))
        if scored:
            table.add_row(
                Text(""),
                Text("Score", style="bold"),
                Text(""),
                Text(f"={meter.score}", style="bold cyan"),
                Text("the shares added up", style="dim"),
            )
        parts.append(table)
    if meter.cooldown_until is not None:
        parts.append(
            Text(
                f"Cool-down after your ask: don't ask again before "
                f"{meter.cooldown_until:%a %d %b %Y}.",
                style="yellow",
            )
        )
    parts.append(Text("Next: ", style="bold") + Text(shown(meter.next_step)))
    return Panel(Group(*parts), title="Readiness", border_style="magenta")


def _health_parts(health: Health, today: date) -> list[RenderableType]:
    """Phase 6: the weekly relationship checks instead of a score."""
    total = len(health.items)
    heading = Text("Relationship health", style="bold") + Text(
        f"  {health.checked} of {total} checked this week"
    )
    table = Table.grid(padding=(0, 1))
    for item in health.items:
        if item.due(today):
            mark, when = Text("·", style="yellow"), Text("due", style="yellow")
        else:
            assert item.checked_on is not None  # not due means it was checked
            mark = Text("✓", style="green")
            when = Text(f"checked {day_label(item.checked_on, today)}", style="dim")
        table.add_row(mark, Text(shown(item.title)), when)
    return [heading, table]


def notes_panel(snapshot: Snapshot) -> Panel | None:
    """The special cases that apply now (fast path, logistics, a red flag ...), as the
    dashboard's roadmap pane shows them; None when there are none."""
    found = roadmap_rules.notes(snapshot)
    if not found:
        return None
    lines = [Text(f"{note.title}. ", style="bold") + Text(shown(note.text)) for note in found]
    return Panel(Group(*lines), title="For you now", border_style="yellow")


def cmd_status(args: argparse.Namespace) -> int:
    """Show the roadmap, mood and readiness, as panels or as JSON."""
    with open_quick(args) as journal:  # a current journal: no SQLAlchemy to load
        snapshot = journal.snapshot(date.today())
        encrypted = journal.encrypted
    found = insights(snapshot)
    meter = assess(snapshot)
    if args.json:
        text = json.dumps(status_document(snapshot, found, meter), indent=2, ensure_ascii=False)
        print(json_safe(text))
        return 0
    out.print(Columns([_roadmap_panel(snapshot), _mood_panel(snapshot, found)]))
    notes = notes_panel(snapshot)
    if notes is not None:
        out.print(notes)
    out.print(_meter_panel(meter, snapshot.today))
    if encrypted:
        _warn_of_plaintext_copies(args)
    return 0


def _warn_of_plaintext_copies(args: argparse.Namespace) -> None:
    """An encrypted journal must not sit beside readable copies of itself: say so.

    Told whether it is encrypted by the journal opened, not by another look at the file: a
    look opens a read-only connection, the last to close, which leaves -wal and -shm behind.
    """
    # Imported here: only an encrypted journal's status looks for readable copies.
    from ..store.copies import plaintext_copies

    path = journal_path(args)
    plain = plaintext_copies(path)
    if plain:
        copies = "1 unencrypted copy" if len(plain) == 1 else f"{len(plain)} unencrypted copies"
        out.print(
            Text(
                f"Warning: {copies} of this encrypted journal can be read without the passphrase "
                "(run 'exback encrypt' to finish and delete them):",
                style="yellow",
            )
        )
        for copy in plain:
            out.print(Text(f"  {shown(str(copy))}"), soft_wrap=True)
