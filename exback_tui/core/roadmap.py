"""The roadmap's stops: each phase as the roadmap shows it, with the days spent in it, its
checklist progress, and how it was reached or passed (done, left early, skipped ...)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from exback_tui.core.exit_signals import exit_signals
from exback_tui.core.phase_text import PHASES, Phase
from exback_tui.core.phases import LAST_PHASE, check_move, checklist
from exback_tui.core.values import Snapshot

StopState = Literal["before", "done", "left-early", "skipped", "current", "ahead"]


@dataclass(frozen=True, slots=True)
class RoadmapStop:
    """One phase as the roadmap shows it: where you are, how long you spent, what is ticked."""

    phase: Phase
    current: bool
    days: int  # whole days spent in this phase over every stint (0 on the day you enter it)
    checklist_done: int
    checklist_total: int
    # before: ahead of where the journal began; done: worked and left as planned;
    # left-early: left by a forced move; skipped: never entered on the way past; current;
    # ahead: not reached yet.
    state: StopState = "ahead"
    # For the current phase: every exit signal is met and the move to the next is open.
    signals_met: bool = False

    @property
    def marker(self) -> str:
        """The one-character mark of the stop on the roadmap."""
        return {
            "before": "·",
            "done": "✓",
            "left-early": "›",
            "skipped": "–",
            "current": "●",
            "ahead": "○",
        }[self.state]


def _states(snapshot: Snapshot) -> dict[int, StopState]:
    """How each phase was reached or passed, from the phase history."""
    steps = snapshot.phase_steps
    current = snapshot.phase
    states: dict[int, StopState] = dict.fromkeys(range(1, LAST_PHASE + 1), "ahead")
    if not steps:
        states[current] = "current"
        return states
    # Where the journal began: its first step, or the answer to "which phase are you in
    # now?" given the same day (an unforced move forward). Later moves are the journey.
    opening = 1
    if (
        len(steps) > 1
        and steps[1].entered_on == steps[0].entered_on
        and not steps[1].forced
        and steps[1].phase > steps[0].phase
    ):
        opening = 2
    start = steps[opening - 1].phase
    for number in range(1, start):
        states[number] = "before"
    for step, following in pairwise(steps[opening - 1 :]):
        if following.phase > step.phase:
            states[step.phase] = "left-early" if following.forced else "done"
            for number in range(step.phase + 1, following.phase):
                if states[number] in ("ahead",):
                    states[number] = "skipped"
    for number in range(current + 1, LAST_PHASE + 1):
        states[number] = "ahead"
    states[current] = "current"
    return states


def roadmap(snapshot: Snapshot) -> tuple[RoadmapStop, ...]:
    """The six phases with days spent and checklist progress, for the roadmap pane and status."""
    days = dict.fromkeys(range(1, len(PHASES) + 1), 0)
    steps = snapshot.phase_steps
    for i, (step, following) in enumerate(zip(steps, (*steps[1:], None), strict=True)):
        end = following.entered_on if following is not None else snapshot.today
        start = snapshot.phase_since if i == 0 and len(steps) == 1 else step.entered_on
        if i == 0 and step.phase == 1 and snapshot.journey.breakup_date is not None:
            # The first pause began with the breakup, not with the journal.
            start = min(start, snapshot.journey.breakup_date)
        days[step.phase] += max(0, (end - start).days)
    ticked: dict[int, set[str]] = {}
    for mark in snapshot.checklist:
        ticked.setdefault(mark.phase, set()).add(mark.item_key)
    states = _states(snapshot)
    # "Ready to move on" means the next move is open as is: the signals are met and nothing
    # (the care gate, a cool-down, a red flag) stands in the way.
    signals = exit_signals(snapshot)
    met = bool(signals) and all(s.met for s in signals)
    if met and snapshot.phase < LAST_PHASE:
        met = check_move(snapshot, snapshot.phase + 1).allowed_without_force
    stops = []
    for p in PHASES:
        items = checklist(p.number, snapshot.evaluation, snapshot.journey)
        done = sum(1 for item in items if item.key in ticked.get(p.number, ()))
        current = p.number == snapshot.phase
        stops.append(
            RoadmapStop(
                p,
                current,
                days[p.number],
                done,
                len(items),
                states[p.number],
                met if current else False,
            )
        )
    return tuple(stops)
