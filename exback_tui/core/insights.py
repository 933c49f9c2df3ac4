"""Mood, habit, urge and pause statistics: what the dashboard and the insights screen show.

Everything here is a single linear pass (or a few) over the snapshot, so ten years of daily
check-ins cost milliseconds. The small helpers are public because the roadmap signals and the
readiness meter reason over the same windows and must agree with what the user sees here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from types import MappingProxyType
from typing import Literal

from exback_tui.core.values import CheckIn, Contact, Habit, History, HowEnded, Journey, Snapshot

Trend = Literal["up", "down", "flat"]

SERIES_DAYS = 30  # the sparkline and the 30-day numbers: about a month, enough to see a shape
WEEK_DAYS = 7
# A trend compares this week's mean with the week before: a week smooths out one bad day.
TREND_WINDOW_DAYS = 7
# With fewer points a week, one odd day decides the "trend": call it unknown instead.
TREND_MIN_POINTS = 3
# Half a point on a ten-point scale: smaller week-to-week shifts are ordinary wobble.
TREND_DELTA = 0.5
# A low stretch: most of the recent check-ins were hard days. 7 of the last 10 at 3 or below
# is a pattern worth a gentle word, while a few bad days in a row are normal after a breakup.
LOW_MOOD = 3
LOW_WINDOW = 10
LOW_COUNT = 7
# Only check-ins from the last month count for the low stretch, so a stale one never nags.
LOW_LOOKBACK_DAYS = 30
# No rule here, in the roadmap or in the meter looks further back than this at single days;
# older days may reach them as a History of totals instead (a property test holds them to it).
LOOKBACK_DAYS = 60


@dataclass(frozen=True, slots=True)
class HabitMood:
    """Mean mood on days with and without one habit: what goes with the better days."""

    habit: str
    with_habit: float | None
    without_habit: float | None
    days_with: int
    days_without: int

    @property
    def difference(self) -> float | None:
        """How much higher the mood is on days with the habit (None without both sides)."""
        if self.with_habit is None or self.without_habit is None:
            return None
        return self.with_habit - self.without_habit


@dataclass(frozen=True, slots=True)
class Insights:
    """The numbers behind the mood, habit and pause panes."""

    avg7: float | None
    avg30: float | None
    spread30: float | None  # population standard deviation of the last 30 days' moods
    trend: Trend | None
    mood_series_30: tuple[int | None, ...]  # 30 days, oldest first, ending today
    checkin_current: int
    checkin_best: int
    pause_days: int
    pause_best: int
    habit_rates: Mapping[str, float]  # active habit name -> fraction of the covered days done
    habit_mood: Mapping[str, HabitMood]  # active habit name -> mood with and without it
    urge_avg7: float | None
    urge_trend: Trend | None
    week_habits: Mapping[date, frozenset[str]]  # the last 7 days, oldest first
    low_stretch: bool


def first_day(today: date, days: int) -> date:
    """The first calendar day of a window of ``days`` days that ends today."""
    return today - timedelta(days=days - 1)


def recent(checkins: Sequence[CheckIn], today: date, days: int) -> tuple[CheckIn, ...]:
    """The check-ins in the ``days`` days ending today, oldest first.

    Walks back from the newest, relying on the snapshot's oldest-first order, so it costs
    the size of the window rather than the whole history.
    """
    start = first_day(today, days)
    found: list[CheckIn] = []
    for checkin in reversed(checkins):
        if checkin.day > today:
            continue
        if checkin.day < start:
            break
        found.append(checkin)
    found.reverse()
    return tuple(found)


def mean(values: Iterable[float]) -> float | None:
    """The arithmetic mean, or None for no values."""
    total = 0.0
    count = 0
    for value in values:
        total += value
        count += 1
    return total / count if count else None


def spread(values: Sequence[float]) -> float | None:
    """The population standard deviation, or None for fewer than two values."""
    if len(values) < 2:
        return None
    centre = sum(values) / len(values)
    return math.sqrt(sum((v - centre) ** 2 for v in values) / len(values))


def compare_weeks(this_week: Sequence[float], week_before: Sequence[float]) -> Trend | None:
    """Up, down or flat from one week's values against the week before's."""
    if len(this_week) < TREND_MIN_POINTS or len(week_before) < TREND_MIN_POINTS:
        return None
    delta = sum(this_week) / len(this_week) - sum(week_before) / len(week_before)
    if delta >= TREND_DELTA:
        return "up"
    if delta <= -TREND_DELTA:
        return "down"
    return "flat"


def _weeks(
    checkins: Sequence[CheckIn], today: date, field: Literal["mood", "urge"]
) -> tuple[list[int], list[int]]:
    """This week's and the week before's values of one field."""
    split = first_day(today, TREND_WINDOW_DAYS)
    this_week: list[int] = []
    before: list[int] = []
    for checkin in recent(checkins, today, 2 * TREND_WINDOW_DAYS):
        value = checkin.mood if field == "mood" else checkin.urge
        if value is None:
            continue
        (this_week if checkin.day >= split else before).append(value)
    return this_week, before


def mood_trend(checkins: Sequence[CheckIn], today: date) -> Trend | None:
    """The mood trend: the last 7 days' mean against the 7 days before."""
    return compare_weeks(*_weeks(checkins, today, "mood"))


def urge_trend(checkins: Sequence[CheckIn], today: date) -> Trend | None:
    """The urge trend: the last 7 days' mean against the 7 days before."""
    return compare_weeks(*_weeks(checkins, today, "urge"))


def week_change(
    checkins: Sequence[CheckIn], today: date, field: Literal["mood", "urge"]
) -> tuple[float | None, float | None]:
    """The mean of one field this week and the week before (None where a week has no data)."""
    this_week, before = _weeks(checkins, today, field)
    return mean(this_week), mean(before)


def active_habit_names(habits: Iterable[Habit]) -> tuple[str, ...]:
    """The names of the habits still tracked, in their order."""
    return tuple(h.name for h in habits if not h.archived)


def habit_rate(snapshot: Snapshot, days: int) -> float | None:
    """The fraction of possible habit marks done in the window (None with no active habits).

    The window is cut to the days since the first check-in, so a new journal is not
    punished for the weeks before it existed.
    """
    names = set(active_habit_names(snapshot.habits))
    if not names:
        return None
    covered = covered_days(snapshot.first_day, snapshot.today, days)
    if covered == 0:
        return 0.0
    window = recent(snapshot.checkins, snapshot.today, covered)
    return sum(len(c.habits & names) for c in window) / (len(names) * covered)


def covered_days(first: date | None, today: date, days: int) -> int:
    """How many of the last ``days`` days the journal has existed for (0 before any check-in)."""
    if first is None or first > today:
        return 0
    return max(0, min(days, (today - first).days + 1))


def pause_base(snapshot: Snapshot) -> date:
    """Where the pause count starts before any contact: the breakup, else the journal's start."""
    if snapshot.journey.breakup_date is not None:
        return snapshot.journey.breakup_date
    starts = [snapshot.today]
    if snapshot.first_day is not None:
        starts.append(snapshot.first_day)
    if snapshot.phase_steps:
        starts.append(snapshot.phase_steps[0].entered_on)
    return min(starts)


# How long the pause lasts when the user hasn't set a target, by how the breakup happened.
PAUSE_TARGETS: Mapping[HowEnded | None, int] = MappingProxyType(
    {
        # A rash breakup that neither of you planned only needs a day or two to cool down,
        # then a humble "sorry, can we talk?" (the fast path).
        HowEnded.RASH: 2,
        # A breakup that was coming for a while needs weeks, not days, for emotions to settle
        # and for the problems behind it to come into view; a month is a common middle.
        HowEnded.PLANNED: 30,
        # Not said yet: err on the longer side, since a pause that is too short costs more.
        None: 30,
    }
)


def pause_target_days(journey: Journey) -> int:
    """How many days the pause should last: the user's own target, else one fitting the breakup."""
    if journey.pause_target_days is not None:
        return max(1, journey.pause_target_days)
    return PAUSE_TARGETS[journey.how]


def fast_path_apology(snapshot: Snapshot) -> Contact | None:
    """The "sorry, can we talk?" of the fast path, once it has been logged.

    After a rash breakup the short pause is meant to end in that one humble message, so it
    is the sanctioned step, not a broken pause: the first personal contact you started, once
    the short pause had held, while you were still in the first pause (before any later phase).
    """
    if snapshot.journey.how is not HowEnded.RASH:
        return None
    steps = snapshot.phase_steps
    left_pause = next((s.entered_on for s in steps if s.phase > 1), None)
    earliest = pause_base(snapshot) + timedelta(days=pause_target_days(snapshot.journey))
    for contact in snapshot.contacts:
        if not contact.is_personal_by_me or contact.day > snapshot.today:
            continue
        if left_pause is not None and contact.day > left_pause:
            return None
        return contact if contact.day >= earliest else None
    return None


def pause_restarts(snapshot: Snapshot) -> list[date]:
    """The days the pause started over, oldest first.

    A personal contact the user started restarts it, and so does moving back into phase 1:
    a fresh clash means a fresh pause even when the ex was the one who got in touch. The
    fast path's one apology (``fast_path_apology``) is the exception.
    """
    apology = fast_path_apology(snapshot)
    restarts = [
        c.day
        for c in snapshot.contacts
        if c.is_personal_by_me and c.day <= snapshot.today and c is not apology
    ]
    steps = snapshot.phase_steps
    restarts.extend(
        step.entered_on
        for before, step in pairwise(steps)
        if step.phase == 1 and before.phase > 1 and step.entered_on <= snapshot.today
    )
    restarts.sort()
    return restarts


def pause_start(snapshot: Snapshot) -> date:
    """The day the current pause began."""
    restarts = pause_restarts(snapshot)
    base = pause_base(snapshot)
    return max(base, restarts[-1]) if restarts else base


def pause_days(snapshot: Snapshot) -> int:
    """Whole days since the current pause began (0 on the day it began)."""
    return max(0, (snapshot.today - pause_start(snapshot)).days)


def _pause_best(snapshot: Snapshot) -> int:
    """The longest stretch without a restart, the current one included."""
    base = pause_base(snapshot)
    best = 0
    previous = base
    for day in pause_restarts(snapshot):
        if day <= previous:
            continue
        best = max(best, (day - previous).days)
        previous = day
    return max(best, (snapshot.today - previous).days, 0)


def _streaks(
    days_with_mood: list[date], today: date, history: History | None = None
) -> tuple[int, int]:
    """The current and best runs of consecutive check-in days.

    The current run stays alive through today while today has no check-in yet, so an
    evening habit is not shown as broken every morning. A ``history`` before the days carries
    its best run, and its last run goes on into the days when the first of them follows it.
    """
    best = 0
    run = 0
    previous: date | None = None
    if history is not None and history.last_run:
        best, run, previous = history.best_run, history.last_run, history.until
    elif history is not None:
        best = history.best_run
    for day in days_with_mood:
        if previous is not None and day == previous:
            continue
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        best = max(best, run)
        previous = day
    current = 0
    if previous is not None and (today - previous).days <= 1:
        current = run
    return current, best


def low_stretch(checkins: Sequence[CheckIn], today: date) -> bool:
    """Most of the last check-ins of the past month were hard days."""
    moods = [c.mood for c in recent(checkins, today, LOW_LOOKBACK_DAYS) if c.mood is not None]
    last = moods[-LOW_WINDOW:]
    return sum(1 for m in last if m <= LOW_MOOD) >= LOW_COUNT


def insights(snapshot: Snapshot) -> Insights:
    """Compute every statistic of the mood, habit and pause panes from one snapshot."""
    today = snapshot.today
    checkins = snapshot.checkins
    names = active_habit_names(snapshot.habits)
    name_set = frozenset(names)

    series_start = first_day(today, SERIES_DAYS)
    series: list[int | None] = [None] * SERIES_DAYS
    week_start = first_day(today, WEEK_DAYS)
    week: dict[date, frozenset[str]] = {
        week_start + timedelta(days=i): frozenset() for i in range(WEEK_DAYS)
    }
    mood_days: list[date] = []
    sums_with = dict.fromkeys(names, 0)
    counts_with = dict.fromkeys(names, 0)
    mood_total = 0
    mood_count = 0
    history = snapshot.history
    if history is not None:
        mood_total, mood_count = history.mood_total, history.mood_days
        for name, total, days in history.habit_moods:
            if name in name_set:
                sums_with[name] += total
                counts_with[name] += days
    habit_done = dict.fromkeys(names, 0)
    covered = covered_days(snapshot.first_day, today, SERIES_DAYS)
    rate_start = first_day(today, covered) if covered else today + timedelta(days=1)

    # One pass over the whole history; the windows are filled as the days go by.
    for checkin in checkins:
        if checkin.day > today:
            continue
        done = checkin.habits & name_set
        if checkin.day >= rate_start:
            for name in done:
                habit_done[name] += 1
        if checkin.day >= week_start:
            week[checkin.day] = done
        if checkin.mood is None:
            continue
        mood_days.append(checkin.day)
        mood_total += checkin.mood
        mood_count += 1
        for name in done:
            sums_with[name] += checkin.mood
            counts_with[name] += 1
        if checkin.day >= series_start:
            series[(checkin.day - series_start).days] = checkin.mood

    last30 = [m for m in series if m is not None]
    last7 = [m for m in series[-WEEK_DAYS:] if m is not None]
    urges7 = [c.urge for c in recent(checkins, today, WEEK_DAYS) if c.urge is not None]
    current, best = _streaks(mood_days, today, history)

    habit_mood: dict[str, HabitMood] = {}
    for name in names:
        days_without = mood_count - counts_with[name]
        habit_mood[name] = HabitMood(
            habit=name,
            with_habit=sums_with[name] / counts_with[name] if counts_with[name] else None,
            without_habit=(mood_total - sums_with[name]) / days_without if days_without else None,
            days_with=counts_with[name],
            days_without=days_without,
        )

    return Insights(
        avg7=mean(last7),
        avg30=mean(last30),
        spread30=spread(last30),
        trend=mood_trend(checkins, today),
        mood_series_30=tuple(series),
        checkin_current=current,
        checkin_best=best,
        pause_days=pause_days(snapshot),
        pause_best=_pause_best(snapshot),
        habit_rates=MappingProxyType(
            {n: (habit_done[n] / covered if covered else 0.0) for n in names}
        ),
        habit_mood=MappingProxyType(habit_mood),
        urge_avg7=mean(urges7),
        urge_trend=urge_trend(checkins, today),
        week_habits=MappingProxyType(week),
        low_stretch=low_stretch(checkins, today),
    )


def summarise(checkins: Sequence[CheckIn], until: date) -> History:
    """The all-time totals of the check-ins up to and including ``until`` (oldest first)."""
    old = [c for c in checkins if c.day <= until]
    mood_days = [c.day for c in old if c.mood is not None]
    current, best = _streaks(mood_days, until)
    habit_moods: dict[str, list[int]] = {}
    for c in old:
        if c.mood is None:
            continue
        for name in c.habits:
            totals = habit_moods.setdefault(name, [0, 0])
            totals[0] += c.mood
            totals[1] += 1
    return History(
        until=until,
        first_day=old[0].day if old else None,
        mood_days=len(mood_days),
        mood_total=sum(c.mood for c in old if c.mood is not None),
        best_run=best,
        last_run=current if mood_days and mood_days[-1] == until else 0,
        habit_moods=tuple((name, t[0], t[1]) for name, t in sorted(habit_moods.items())),
    )


def join_words(words: Sequence[str], last: str = "or") -> str:
    """Join words as "A", "A or B", "A, B or C" (or with "and")."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


def support_names(snapshot: Snapshot) -> str:
    """The user's own support people as "A", "A or B", or a friend when none are listed.

    The text holds names the user typed: render it with markup off.
    """
    names = [s.name.strip() for s in snapshot.support if s.name.strip()]
    return join_words(names) if names else "a friend you trust"


def care_message(snapshot: Snapshot, found: Insights) -> str | None:
    """A gentle nudge to reach out to someone during a low stretch; never a diagnosis.

    The text holds the user's own support names, so render it with markup off.
    """
    if not found.low_stretch:
        return None
    return (
        "The last while has been heavy, and you don't have to carry it alone. "
        f"Maybe reach out to {support_names(snapshot)} today. A doctor or counsellor can help too."
    )
