"""What the weekly review reads from the journal, the same for `exback week` and the app.

The counting and the words are core.week_review; the exit signals that moved,
core.signal_moves. Only the Journal's own reads are used here.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..core.signal_moves import covers, signal_lines
from ..core.week_review import (
    WEEK_START_SETTING,
    WeekReview,
    checkins_window,
    first_weekday,
    review,
)

if TYPE_CHECKING:
    from .journal import Journal


def first_day_of_week(journal: Journal) -> int:
    """The weekday weeks start on (0 Monday .. 6 Sunday), from the journal's setting."""
    return first_weekday(journal.setting(WEEK_START_SETTING))


def read_week_review(journal: Journal, start: date, today: date) -> WeekReview:
    """The review of the week starting ``start``, read on ``today``."""
    first, last = checkins_window(start)
    snapshot = journal.snapshot(today)
    if not covers(snapshot, start):  # an old week: its days sit behind the history cache
        end = max(today, last)
        snapshot = replace(snapshot, checkins=tuple(journal.checkins(None, end)), history=None)
    return review(
        start,
        journal.checkins(first, last),
        journal.habits(),
        journal.urge_log(),
        journal.contacts(start, start + timedelta(days=6)),
        snapshot.phase,
        signal_lines(snapshot, start),
    )
