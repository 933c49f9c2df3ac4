"""What the dashboard shows, computed in a worker thread from one journal snapshot.

No Textual here: the loader runs off the event loop and hands back plain values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..core import phases
from ..core.insights import Insights, care_message, insights
from ..core.readiness import Assessment, assess
from ..core.values import CheckIn, Snapshot
from ..store.journal import Journal


@dataclass(frozen=True, slots=True)
class PhaseProgress:
    """One phase on the roadmap stepper: checklist progress and days spent in it."""

    number: int
    title: str
    done: int
    total: int
    days: int
    current: bool


@dataclass(frozen=True, slots=True)
class DashboardData:
    """Everything the three panes render, read in one go."""

    snapshot: Snapshot
    insights: Insights
    assessment: Assessment
    signals: tuple[phases.Signal, ...]
    notes: tuple[phases.Note, ...]
    next_thing: str
    roadmap: tuple[PhaseProgress, ...]
    today_checkin: CheckIn | None
    care: str | None

    @property
    def phase(self) -> int:
        """The current phase, 1-6."""
        return self.snapshot.phase


def days_per_phase(snapshot: Snapshot) -> dict[int, int]:
    """Whole days spent in each phase, summed over every visit (the current one up to today)."""
    spent: dict[int, int] = {}
    steps = snapshot.phase_steps
    for i, step in enumerate(steps):
        end = steps[i + 1].entered_on if i + 1 < len(steps) else snapshot.today
        spent[step.phase] = spent.get(step.phase, 0) + max(0, (end - step.entered_on).days)
    return spent


def roadmap(snapshot: Snapshot) -> tuple[PhaseProgress, ...]:
    """The six phases with their checklist progress and days spent."""
    spent = days_per_phase(snapshot)
    ticked: dict[int, set[str]] = {}
    for mark in snapshot.checklist:
        ticked.setdefault(mark.phase, set()).add(mark.item_key)
    rows = []
    for p in phases.PHASES:
        items = phases.checklist(p.number, snapshot.evaluation)
        done = sum(1 for item in items if item.key in ticked.get(p.number, set()))
        rows.append(
            PhaseProgress(
                p.number, p.title, done, len(items), spent.get(p.number, 0),
                p.number == snapshot.phase,
            )
        )
    return tuple(rows)


def compute(snapshot: Snapshot) -> DashboardData:
    """Run the domain rules over a snapshot."""
    found = insights(snapshot)
    today = next((c for c in reversed(snapshot.checkins) if c.day == snapshot.today), None)
    return DashboardData(
        snapshot=snapshot,
        insights=found,
        assessment=assess(snapshot),
        signals=phases.exit_signals(snapshot),
        notes=phases.notes(snapshot),
        next_thing=phases.next_thing(snapshot),
        roadmap=roadmap(snapshot),
        today_checkin=today,
        care=care_message(snapshot, found),
    )


def load(journal: Journal, today: date) -> DashboardData:
    """Read the journal once and compute the dashboard (call from a worker thread)."""
    return compute(journal.snapshot(today))
