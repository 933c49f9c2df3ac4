"""What the dashboard shows, computed in a worker thread from one journal snapshot.

No Textual here: the loader runs off the event loop and hands back plain values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..core import phases
from ..core.exit_signals import Signal, current_ladder, exit_signals
from ..core.insights import Insights, care_message, insights
from ..core.ladder import CONTACT_PHASE, LadderState, Rung, rungs
from ..core.phase_text import ChecklistItem
from ..core.readiness import Assessment, assess
from ..core.roadmap import RoadmapStop, roadmap
from ..core.values import CheckIn, Snapshot

if TYPE_CHECKING:
    from ..store.journal import Journal

STRIP_WEEKS = 12  # the mood pane's strip on a tall terminal: about three months


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
    # For a tall terminal: the moods of the mood pane's strip, the current phase's checklist
    # with each item's tick, and the contact ladder while it leads (phases 4 and 5).
    strip_moods: Mapping[date, int]
    checklist: tuple[tuple[ChecklistItem, bool], ...]
    ladder: LadderState | None
    rungs: tuple[Rung, ...]

    @property
    def phase(self) -> int:
        """The current phase, 1-6."""
        return self.snapshot.phase

    @property
    def together(self) -> bool:
        """Phase 6: back together, where the urge to reach out means nothing any more."""
        return self.snapshot.phase == phases.LAST_PHASE


def current_checklist(snapshot: Snapshot) -> tuple[tuple[ChecklistItem, bool], ...]:
    """The current phase's checklist, each item with whether it is ticked; none in phase 6,
    whose weekly checks the readiness pane shows."""
    if snapshot.phase == phases.LAST_PHASE:
        return ()
    ticked = {m.item_key for m in snapshot.checklist if m.phase == snapshot.phase}
    items = phases.checklist(snapshot.phase, snapshot.evaluation, snapshot.journey)
    return tuple((item, item.key in ticked) for item in items)


def compute(snapshot: Snapshot) -> DashboardData:
    """Run the domain rules over a snapshot."""
    found = insights(snapshot)
    today = next((c for c in reversed(snapshot.checkins) if c.day == snapshot.today), None)
    assessment = assess(snapshot)
    # The ladder leads from the contact phase until the ask; not once you chose to let go.
    climbing = CONTACT_PHASE <= snapshot.phase < phases.LAST_PHASE and not assessment.let_go
    since = snapshot.today - timedelta(weeks=STRIP_WEEKS)
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
        strip_moods={
            c.day: c.mood for c in snapshot.checkins if c.mood is not None and c.day > since
        },
        checklist=current_checklist(snapshot),
        ladder=current_ladder(snapshot) if climbing else None,
        rungs=rungs(snapshot.journey) if climbing else (),
    )


def load(journal: Journal, today: date) -> DashboardData:
    """Read the journal once and compute the dashboard (call from a worker thread)."""
    return compute(journal.snapshot(today))
