"""The phase's exit signals that moved in a week, for the weekly review.

Each signal is measured twice (core.exit_signals), as the journal stood at the end of the week
before and at the end of the week just ended; the review names those that changed. Pure: the
snapshot comes from the store, the days are given.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Final

from .exit_signals import SIGNAL_RULES, exit_signals
from .values import Snapshot

# The furthest back any exit signal looks from its day: three weeks of moods for phase 2.
LOOK_BACK_DAYS: Final = max(
    SIGNAL_RULES.weeks_days, SIGNAL_RULES.habit_days, 2 * SIGNAL_RULES.week_days
)
NONE_MOVED: Final = "Exit signals: none moved this week; they often take a few weeks."


@dataclass(frozen=True, slots=True)
class SignalMove:
    """One exit signal of the phase whose answer changed over the week."""

    label: str
    met: bool  # met now (it was not at the end of the week before), or no longer met


def as_of(snapshot: Snapshot, day: date) -> Snapshot:
    """The snapshot as the journal stood at the end of ``day``: whatever is dated later is
    left out (a newer evaluation hides the older one, so there is none then)."""
    evaluation = snapshot.evaluation
    return replace(
        snapshot,
        today=day,
        phase_steps=tuple(s for s in snapshot.phase_steps if s.entered_on <= day),
        checkins=tuple(c for c in snapshot.checkins if c.day <= day),
        contacts=tuple(c for c in snapshot.contacts if c.day <= day),
        evaluation=evaluation if evaluation is not None and evaluation.made_on <= day else None,
        checklist=tuple(m for m in snapshot.checklist if m.done_on <= day),
        asks=tuple(a for a in snapshot.asks if a.day <= day),
    )


def covers(snapshot: Snapshot, start: date) -> bool:
    """Whether ``snapshot`` holds every day the signals read for the week starting ``start``
    (a snapshot with a history cache holds only the recent days one by one)."""
    earliest = start - timedelta(days=7 + LOOK_BACK_DAYS)
    return snapshot.history is None or snapshot.history.until < earliest


def signal_moves(snapshot: Snapshot, start: date) -> tuple[SignalMove, ...] | None:
    """The exit signals whose answer changed between the end of the week before ``start``
    and the end of the week starting ``start``; None when the phase has no signals, or was
    not the same at both ends (a new phase's signals have no week before to move from)."""
    then = as_of(snapshot, start - timedelta(days=1))
    now = as_of(snapshot, start + timedelta(days=6))
    after = exit_signals(now)
    if not after or then.phase != now.phase:
        return None
    before = {s.key: s.met for s in exit_signals(then)}
    return tuple(SignalMove(s.label, s.met) for s in after if before.get(s.key, s.met) != s.met)


def signal_lines(snapshot: Snapshot, start: date) -> tuple[str, ...]:
    """The review's words on the exit signals: those that moved, one line each; one calm
    line when none did; nothing when there is nothing to compare."""
    moves = signal_moves(snapshot, start)
    if moves is None:
        return ()
    if not moves:
        return (NONE_MOVED,)
    lines = ["Exit signals that moved this week:"]
    for move in moves:
        if move.met:
            lines.append(f"  {move.label}: met now.")
        else:
            lines.append(
                f"  {move.label}: not this week (it was the week before). Hard weeks "
                "happen; it can come back."
            )
    return tuple(lines)
