"""The weekly review: one week against the week before, from values the journal gives.

Pure: the store reads the check-ins, habits, urge-log readings and contacts of the two weeks;
this module counts them and words the review, the same for ``exback week`` and the app.
A week starts on the day the user chose (the journal setting ``week_start``, Monday unless
set); an ISO week (``YYYY-Www``) always starts on Monday.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from .insights import mean
from .prompts import prompt_for
from .values import CheckIn, Contact, Habit, Response, UrgeReading

WEEK: Final = timedelta(days=7)
# A mood average that moved less than this is "about the same": one day's difference in a week
# of sevens and sixes is noise, not news (the same half point the mood trend uses).
SAME_MOOD: Final = 0.5
_RESPONSE_WORDS: Final = {Response.NONE: "no answer"}
_ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})")
WEEK_START_SETTING: Final = "week_start"
"""The journal setting holding the day a week starts on, one of WEEKDAYS."""
WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONDAY: Final = 0


def first_weekday(setting: str | None) -> int:
    """The week's first day (0 Monday .. 6 Sunday) from the setting's value; a missing or
    unknown value (a hand-edited table) is Monday, never an error."""
    value = (setting or "").strip().lower()
    return WEEKDAYS.index(value) if value in WEEKDAYS else MONDAY


def week_start(day: date, first: int = MONDAY) -> date:
    """The first day of ``day``'s week, for weeks starting on weekday ``first``."""
    return day - timedelta(days=(day.weekday() - first) % 7)


def last_week(today: date, first: int = MONDAY) -> date:
    """The first day of the week just ended (the one before ``today``'s)."""
    return week_start(today, first) - WEEK


def parse_week(text: str) -> date:
    """The Monday of an ISO week written ``YYYY-Www`` (2025-W27); ValueError in one sentence."""
    found = _ISO_WEEK.fullmatch(text.strip())
    if found is None:
        raise ValueError("A week is written like 2025-W27 (the year, -W, the week number).")
    year, number = int(found[1]), int(found[2])
    try:
        return date.fromisocalendar(year, number, 1)
    except ValueError:
        raise ValueError(f"{year} has no week {number}.") from None


def week_name(start: date) -> str:
    """``YYYY-Www`` of the week starting ``start``."""
    year, number, _ = start.isocalendar()
    return f"{year}-W{number:02d}"


def week_label(start: date) -> str:
    """A week in a sentence: its ISO name when it starts on Monday, else its first day."""
    if start.weekday() == MONDAY:
        return week_name(start)
    return f"the week from {start:%a %d %b %Y}"


def week_title(start: date) -> str:
    """The review's first line: the week and its days."""
    end = start + timedelta(days=6)
    days = f"{start:%a %d %b} to {end:%a %d %b %Y}"
    if start.weekday() == MONDAY:
        return f"Week {week_name(start)} ({days})"
    return f"Week {days}"


@dataclass(frozen=True, slots=True)
class HabitWeek:
    """How many days of the week one habit was done, and of the week before."""

    name: str
    days: int
    days_before: int


@dataclass(frozen=True, slots=True)
class WeekReview:
    """One week's review, against the week before."""

    start: date  # the week's first day
    mood: float | None  # the week's average mood, None without a rated day
    mood_before: float | None
    days_checked_in: int
    days_checked_in_before: int
    habits: tuple[HabitWeek, ...]
    urge_pauses: int  # readings kept in the urge log: each a pause taken instead of a message
    contacts: int
    responses: tuple[tuple[Response, int], ...]  # how they responded, most common first
    prompt: str
    signals: tuple[str, ...] = ()  # the phase's exit signals that moved, worded (signal_moves)

    @property
    def end(self) -> date:
        """The week's last day."""
        return self.start + timedelta(days=6)


def _within(day: date, start: date) -> bool:
    return start <= day < start + WEEK


def review(
    start: date,
    checkins: Iterable[CheckIn],
    habits: Iterable[Habit],
    urges: Iterable[UrgeReading],
    contacts: Iterable[Contact],
    phase: int,
    signals: Sequence[str] = (),
) -> WeekReview:
    """The review of the week starting ``start``; ``checkins`` should cover the week before
    too, for the comparison. Days outside the two weeks are ignored. ``signals`` are the
    lines on the exit signals that moved (core.signal_moves)."""
    before = start - WEEK
    this_week = [c for c in checkins if _within(c.day, start)]
    last = [c for c in checkins if _within(c.day, before)]
    names = [h.name for h in habits if not h.archived]
    them = [c for c in contacts if _within(c.day, start)]
    tally = Counter(c.response for c in them)
    return WeekReview(
        start=start,
        mood=mean(c.mood for c in this_week if c.mood is not None),
        mood_before=mean(c.mood for c in last if c.mood is not None),
        days_checked_in=len({c.day for c in this_week}),
        days_checked_in_before=len({c.day for c in last}),
        habits=tuple(
            HabitWeek(
                name,
                sum(1 for c in this_week if name in c.habits),
                sum(1 for c in last if name in c.habits),
            )
            for name in names
        ),
        urge_pauses=sum(1 for u in urges if _within(u.day, start)),
        contacts=len(them),
        responses=tuple(sorted(tally.items(), key=lambda kv: (-kv[1], kv[0].value))),
        prompt=prompt_for(phase, start + timedelta(days=6)),
        signals=tuple(signals),
    )


def _against(now: int, then: int) -> str:
    if now == then:
        return "the same as the week before"
    return f"{then} the week before"


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def mood_line(week: WeekReview) -> str:
    """The mood average against the week before, in words."""
    if week.mood is None:
        return "Mood: no day rated this week."
    said = f"Mood: {week.mood:.1f} on average"
    if week.mood_before is None:
        return said + " (no day rated the week before)."
    change = week.mood - week.mood_before
    if abs(change) < SAME_MOOD:
        return said + f", about the same as the week before ({week.mood_before:.1f})."
    way = "up from" if change > 0 else "down from"
    return said + f", {way} {week.mood_before:.1f} the week before."


def review_lines(week: WeekReview, *, with_prompt: bool = True) -> list[str]:
    """The review as short lines, the same wherever it is shown; without the prompt to reflect
    on where the screen shows it beside the place to answer it."""
    lines = [
        week_title(week.start),
        "",
        mood_line(week),
        f"Checked in: {_days(week.days_checked_in)} of 7 "
        f"({_against(week.days_checked_in, week.days_checked_in_before)}).",
    ]
    if week.habits:
        lines.append("Habits, days done:")
        lines.extend(
            f"  {h.name}: {h.days} ({_against(h.days, h.days_before)})" for h in week.habits
        )
    if week.urge_pauses:
        lines.append(
            f"Urges: you paused {week.urge_pauses} time{'s' if week.urge_pauses != 1 else ''} "
            "instead of reaching out."
        )
    else:
        lines.append("Urges: none logged in the urge pause.")
    if week.contacts:
        how = ", ".join(f"{n} {_RESPONSE_WORDS.get(r, r.value)}" for r, n in week.responses)
        lines.append(
            f"Contacts: {week.contacts} logged; their responses: {how}."
            if week.responses
            else f"Contacts: {week.contacts} logged."
        )
    else:
        lines.append("Contacts: none logged.")
    lines.extend(week.signals)
    if with_prompt:
        lines += ["", "To reflect on:", f"  {week.prompt}"]
    return lines


def checkins_window(start: date) -> tuple[date, date]:
    """The days to read for the review of the week starting ``start``: it and the week before."""
    return start - WEEK, start + timedelta(days=6)
