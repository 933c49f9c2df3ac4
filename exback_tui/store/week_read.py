"""What the weekly review reads from the journal, the same for `exback week` and the app.

The counting and the words are core.week_review; the exit signals that moved,
core.signal_moves. Only the journal's own reads are used here, so the Journal (the app) and the
QuickJournal (`exback week`, without SQLAlchemy) give the same review.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Protocol

from ..core.signal_moves import covers, signal_lines
from ..core.values import CheckIn, Contact, Habit, Snapshot, UrgeReading
from ..core.week_review import (
    WEEK_START_SETTING,
    WeekReview,
    checkins_window,
    first_weekday,
    review,
)


class WeekSource(Protocol):
    """The reads a weekly review takes, which the Journal and the QuickJournal both offer."""

    def setting(self, key: str, default: str | None = None) -> str | None: ...
    def snapshot(self, today: date) -> Snapshot: ...
    def checkins(self, start: date | None = None, end: date | None = None) -> list[CheckIn]: ...
    def habits(self, include_archived: bool = False) -> list[Habit]: ...
    def urge_log(self) -> list[UrgeReading]: ...
    def contacts(self, start: date | None = None, end: date | None = None) -> list[Contact]: ...


def first_day_of_week(journal: WeekSource) -> int:
    """The weekday weeks start on (0 Monday .. 6 Sunday), from the journal's setting."""
    return first_weekday(journal.setting(WEEK_START_SETTING))


def read_week_review(journal: WeekSource, start: date, today: date) -> WeekReview:
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
