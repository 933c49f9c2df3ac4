"""The pause's milestones: a quiet word on the days worth marking, and a kind one after a slip.

Pure: the pause's length and best come from ``core.insights``; which day was last marked is the
caller's to remember (the app keeps it in a journal setting, so it is said once a day).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from .insights import insights, pause_restarts
from .ladder import CONTACT_PHASE
from .values import Snapshot

# The first days are the hardest, so the early marks come close together; after the first month
# one a month is enough to notice without turning the pause into a score.
NAMED: Final[Mapping[int, str]] = MappingProxyType(
    {3: "Three days", 7: "A week", 14: "Two weeks", 21: "Three weeks", 30: "A month"}
)
MONTH: Final = 30  # after the named ones, a milestone every this many days
MONTH_WORDS: Final = ("", "A month", "Two months", "Three months", "Four months", "Five months")


@dataclass(frozen=True, slots=True)
class PauseToday:
    """Where the pause stands today: its length, its best, and whether it started over today."""

    days: int
    best: int
    restarted_today: bool


def is_milestone(days: int) -> bool:
    """True on a day worth marking: 3, 7, 14, 21 and 30 days, then every 30 days."""
    return days in NAMED or (days > 0 and days % MONTH == 0)


def milestone_name(days: int) -> str:
    """The words for a milestone's length ("A week", "Two months", "8 months")."""
    if days in NAMED:
        return NAMED[days]
    months = days // MONTH
    return MONTH_WORDS[months] if months < len(MONTH_WORDS) else f"{months} months"


def milestone_message(pause: PauseToday) -> str | None:
    """What to say today about the pause, or None on an ordinary day.

    The best is never erased: after a slip it is named as still standing, and a milestone
    reached again below the best says the best too.
    """
    if pause.restarted_today and pause.days == 0:
        if pause.best <= 0:
            return None
        best = f"{pause.best} day{'s' if pause.best != 1 else ''}"
        return (
            f"The pause starts again today, and that's all right. Your best, {best}, still "
            "stands: you held on that long, and you can again. Today is day one."
        )
    if not is_milestone(pause.days):
        return None
    said = f"{milestone_name(pause.days)} of the pause. Quietly, well done."
    if pause.best > pause.days:
        said += f" Your best is still {pause.best} days."
    return said


def pause_today(snapshot: Snapshot) -> PauseToday:
    """The pause's length and best on the snapshot's today, from the same rules as the panes."""
    found = insights(snapshot)
    return PauseToday(
        days=found.pause_days,
        best=found.pause_best,
        restarted_today=snapshot.today in pause_restarts(snapshot),
    )


def milestone_for(snapshot: Snapshot) -> str | None:
    """Today's word about the pause for this journal, or None. Once in touch by plan (phase 4
    on), a contact is no slip and the pause is no longer counted, so there is nothing to mark."""
    if snapshot.phase >= CONTACT_PHASE:
        return None
    return milestone_message(pause_today(snapshot))
