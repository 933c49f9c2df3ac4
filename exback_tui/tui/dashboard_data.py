"""What the dashboard shows, computed in a worker thread from one journal snapshot.

No Textual here: the loader runs off the event loop and hands back plain values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..core import phases
from ..core.exit_signals import Signal, exit_signals
from ..core.insights import Insights, care_message, insights
from ..core.readiness import Assessment, assess
from ..core.roadmap import RoadmapStop, roadmap
from ..core.values import CheckIn, Snapshot

if TYPE_CHECKING:
    from ..store.journal import Journal


@dataclass(frozen=True, slots=True)
class DashboardData:
    """Everything the three panes render, read in one go."""

    snapshot: Snapshot
    insights: Insights
    assessment: Assessment
    signals: tuple[Signal, ...]
    notes: tuple[phases.Note, ...]
    next_thing: str  # the meter's one next step, so the roadmap and the meter never disagree
    roadmap: tuple[RoadmapStop, ...]
    today_checkin: CheckIn | None
    care: str | None

    @property
    def phase(self) -> int:
        """The current phase, 1-6."""
        return self.snapshot.phase

    @property
    def together(self) -> bool:
        """Phase 6: back together, where the urge to reach out means nothing any more."""
        return self.snapshot.phase == phases.LAST_PHASE


def compute(snapshot: Snapshot) -> DashboardData:
    """Run the domain rules over a snapshot."""
    found = insights(snapshot)
    today = next((c for c in reversed(snapshot.checkins) if c.day == snapshot.today), None)
    assessment = assess(snapshot)
    return DashboardData(
        snapshot=snapshot,
        insights=found,
        assessment=assessment,
        signals=exit_signals(snapshot),
        notes=phases.notes(snapshot),
        next_thing=assessment.next_step,
        roadmap=roadmap(snapshot),
        today_checkin=today,
        care=care_message(snapshot, found),
    )


def load(journal: Journal, today: date) -> DashboardData:
    """Read the journal once and compute the dashboard (call from a worker thread)."""
    return compute(journal.snapshot(today))
