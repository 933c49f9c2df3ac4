"""The insights' month view: each month's average mood, its check-in days, and the habit that
went with its better days (mood on the days with it against the days without).

Pure: the store reads one year of check-ins at a time (``year_span``), so a journal of ten or a
hundred years costs the same here as one of a year.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from .insights import HabitMood
from .values import CheckIn

# A habit is weighed in a month only with at least this many rated days with it and as many
# without: with fewer, one unusual evening decides which habit "went with the better days".
MIN_DAYS_EACH_SIDE: Final = 5
NOT_ENOUGH: Final = "not enough days yet"
NO_LIFT: Final = "none lifted the mood"


@dataclass(frozen=True, slots=True)
class Month:
    """One calendar month of the journal."""

    first: date  # the month's first day
    mood: float | None  # the average mood of its rated days, None without one
    mood_days: int
    checkin_days: int  # days with a check-in: a mood, an urge or a habit done
    best: HabitMood | None  # the habit whose days had the highest mood above the days without
    weighed: bool  # some habit had MIN_DAYS_EACH_SIDE days each side, so ``best`` means something
    days: int  # the month's days so far: all of them, or up to today in the month under way

    @property
    def length(self) -> int:
        """How many days the month has."""
        return calendar.monthrange(self.first.year, self.first.month)[1]

    @property
    def label(self) -> str:
        """ "Jun 2025"."""
        return f"{self.first:%b %Y}"


def year_span(year: int, today: date) -> tuple[date, date]:
    """The days of ``year`` to read for the month view: from 1 January to its end, or today."""
    return date(year, 1, 1), min(date(year, 12, 31), today)


def year_months(year: int, today: date, since: date | None = None) -> list[date]:
    """The first day of each month of ``year`` up to today's month, newest first; none before
    the month of ``since`` (the journal's first day: a month before it has nothing to say)."""
    last = 12 if year < today.year else today.month
    first = since.month if since is not None and since.year == year else 1
    if year > today.year or (since is not None and year < since.year):
        return []
    return [date(year, m, 1) for m in range(last, first - 1, -1)]


def _weigh(rated: Sequence[CheckIn], name: str) -> HabitMood:
    with_habit = [c.mood for c in rated if c.mood is not None and name in c.habits]
    without = [c.mood for c in rated if c.mood is not None and name not in c.habits]
    return HabitMood(
        name,
        sum(with_habit) / len(with_habit) if with_habit else None,
        sum(without) / len(without) if without else None,
        len(with_habit),
        len(without),
    )


def month(
    first: date, checkins: Iterable[CheckIn], habits: Sequence[str], today: date | None = None
) -> Month:
    """The month starting ``first``, from check-ins (days outside it are ignored) and the
    names of the habits to weigh; a month under way on ``today`` counts its days so far."""
    days = [c for c in checkins if (c.day.year, c.day.month) == (first.year, first.month)]
    rated = [c for c in days if c.mood is not None]
    weighed = [
        m
        for m in (_weigh(rated, name) for name in habits)
        if min(m.days_with, m.days_without) >= MIN_DAYS_EACH_SIDE
    ]
    lifts = [m for m in weighed if (m.difference or 0.0) > 0]
    return Month(
        first=first,
        mood=sum(c.mood for c in rated if c.mood is not None) / len(rated) if rated else None,
        mood_days=len(rated),
        checkin_days=len({c.day for c in days}),
        best=max(lifts, key=lambda m: (m.difference or 0.0, m.days_with), default=None),
        weighed=bool(weighed),
        days=_days_so_far(first, today),
    )


def _days_so_far(first: date, today: date | None) -> int:
    length = calendar.monthrange(first.year, first.month)[1]
    if today is not None and (today.year, today.month) == (first.year, first.month):
        return today.day
    return length


def months(
    firsts: Iterable[date],
    checkins: Sequence[CheckIn],
    habits: Sequence[str],
    today: date | None = None,
) -> list[Month]:
    """Each month starting at one of ``firsts``, in their order."""
    return [month(first, checkins, habits, today) for first in firsts]


def habit_words(found: Month) -> str:
    """The habit that went with the month's better days, in words."""
    if found.best is not None:
        return found.best.habit
    return NO_LIFT if found.weighed else NOT_ENOUGH
