"""Mood, habit, urge and pause statistics."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from exback_tui.core.insights import (
    LOW_COUNT,
    LOW_WINDOW,
    care_message,
    insights,
)
from exback_tui.core.readiness import assess
from exback_tui.core.values import (
    CheckIn,
    Habit,
    Initiator,
    Journey,
    PhaseStep,
    SupportContact,
)

from .conftest import TODAY, ago, contact, days_of, snap


def test_averages_spread_and_series() -> None:
    moods = [4] * 23 + [8] * 7
    found = insights(snap(checkins=days_of(moods)))
    assert found.avg7 == 8
    assert found.avg30 == pytest.approx((4 * 23 + 8 * 7) / 30)
    assert found.spread30 == pytest.approx(statistics.pstdev(moods))
    assert found.mood_series_30 == tuple(moods)
    assert found.trend == "up"


def test_series_has_gaps_and_ends_today() -> None:
    found = insights(snap(checkins=days_of([5, None, 7])))
    assert len(found.mood_series_30) == 30
    assert found.mood_series_30[-3:] == (5, None, 7)
    assert found.mood_series_30[:27] == (None,) * 27
    assert found.spread30 == pytest.approx(1.0)


def test_empty_journal_has_no_numbers_but_does_not_fail() -> None:
    found = insights(snap())
    assert found.avg7 is None and found.avg30 is None and found.spread30 is None
    assert found.trend is None and found.urge_trend is None and found.urge_avg7 is None
    assert found.checkin_current == found.checkin_best == 0
    assert found.habit_rates == {"friends": 0.0, "gym": 0.0, "sleep": 0.0}
    assert not found.low_stretch
    assert care_message(snap(), found) is None


def test_trend_needs_a_real_shift_and_enough_points() -> None:
    assert insights(snap(checkins=days_of([6] * 7 + [4] * 7))).trend == "down"
    assert insights(snap(checkins=days_of([5] * 7 + [5, 5, 5, 5, 5, 5, 6]))).trend == "flat"
    assert insights(snap(checkins=days_of([2, 2] + [None] * 5 + [9] * 7))).trend is None


def test_streaks_count_days_with_a_mood() -> None:
    # 5 days, a gap, 3 days ending today; an urge-only day does not count.
    made = days_of([6] * 5 + [None] + [6] * 3)
    found = insights(snap(checkins=made))
    assert (found.checkin_current, found.checkin_best) == (3, 5)
    urge_only = days_of([6, 6, None], urges=[None, None, 5])
    assert insights(snap(checkins=urge_only)).checkin_current == 2


def test_streak_stays_alive_until_today_is_over() -> None:
    made = days_of([6] * 4, end=ago(1))
    assert insights(snap(checkins=made)).checkin_current == 4
    stale = days_of([6] * 4, end=ago(2))
    found = insights(snap(checkins=stale))
    assert found.checkin_current == 0 and found.checkin_best == 4


def test_pause_days_ignore_logistics_and_their_contacts() -> None:
    made = (
        contact(ago(20)),
        contact(ago(9)),
        contact(ago(2), by=Initiator.THEM),
        contact(ago(1), logistics=True),
    )
    found = insights(snap(contacts=made))
    assert found.pause_days == 9
    # Breakup 60 days ago, then gaps of 40, 11 and the current 9.
    assert found.pause_best == 40


def test_pause_days_before_any_contact() -> None:
    assert insights(snap(journey=Journey(breakup_date=ago(12)))).pause_days == 12
    no_date = snap(
        journey=Journey(),
        steps=(PhaseStep(1, ago(5)),),
        checkins=days_of([5] * 8),
    )
    assert insights(no_date).pause_days == 7
    assert insights(snap(journey=Journey(), steps=(PhaseStep(1, ago(3)),))).pause_days == 3


def test_a_move_back_to_the_pause_restarts_it() -> None:
    steps = (PhaseStep(1, ago(60)), PhaseStep(4, ago(30)), PhaseStep(1, ago(2)))
    found = insights(snap(steps=steps, contacts=(contact(ago(20)),)))
    assert found.pause_days == 2
    assert found.pause_best == 40


def test_habit_rates_cover_the_days_the_journal_exists() -> None:
    habits = [["gym"], ["gym", "friends"], [], ["gym", "old"]]
    found = insights(
        snap(
            checkins=days_of([5] * 4, habits=habits),
            habits=(Habit(1, "gym"), Habit(2, "friends"), Habit(3, "old", archived=True)),
        )
    )
    assert dict(found.habit_rates) == {"gym": 0.75, "friends": 0.25}
    long = days_of([5] * 60, habits=[["gym"]] * 30 + [[]] * 30)
    assert insights(snap(checkins=long)).habit_rates["gym"] == 0.0


def test_habit_mood_compares_days_with_and_without() -> None:
    made = days_of(
        [8, 7, 3, 4, None],
        habits=[["gym"], ["gym", "friends"], ["friends"], [], ["gym"]],
    )
    found = insights(snap(checkins=made))
    gym = found.habit_mood["gym"]
    assert (gym.with_habit, gym.without_habit) == (7.5, 3.5)
    assert (gym.days_with, gym.days_without) == (2, 2)
    assert gym.difference == 4.0
    assert found.habit_mood["sleep"].with_habit is None
    assert found.habit_mood["sleep"].difference is None


def test_urge_average_and_trend() -> None:
    made = days_of([5] * 14, urges=[8] * 7 + [3, 3, 3, 3, None, 3, 3])
    found = insights(snap(checkins=made))
    assert found.urge_avg7 == 3
    assert found.urge_trend == "down"


def test_week_habits_lists_the_last_seven_days() -> None:
    made = days_of([5] * 3, habits=[["gym"], [], ["friends", "gym"]])
    week = insights(snap(checkins=made)).week_habits
    assert list(week) == [ago(6 - i) for i in range(7)]
    assert week[TODAY] == {"friends", "gym"}
    assert week[ago(2)] == {"gym"} and week[ago(3)] == frozenset()


def test_low_stretch_needs_most_recent_checkins_low() -> None:
    low = [2] * LOW_COUNT + [6] * (LOW_WINDOW - LOW_COUNT)
    assert insights(snap(checkins=days_of(low))).low_stretch
    not_quite = [2] * (LOW_COUNT - 1) + [6] * (LOW_WINDOW - LOW_COUNT + 1)
    assert not insights(snap(checkins=days_of(not_quite))).low_stretch
    # Good days long ago don't dilute a recent low run; old low days don't count.
    assert insights(snap(checkins=days_of([8] * 20 + [3] * 7))).low_stretch
    assert not insights(snap(checkins=days_of([2] * 10, end=ago(40)))).low_stretch


def test_care_message_names_your_people_and_never_diagnoses() -> None:
    s = snap(
        checkins=days_of([2] * 10),
        support=(SupportContact(1, "Sam"), SupportContact(2, " "), SupportContact(3, "Alex")),
    )
    message = care_message(s, insights(s))
    assert message is not None
    assert "Sam or Alex" in message and "counsellor" in message
    for word in ("depress", "disorder", "diagnos", "["):
        assert word not in message.lower()
    alone = snap(checkins=days_of([2] * 10))
    assert "a friend you trust" in (care_message(alone, insights(alone)) or "")
    three = snap(
        checkins=days_of([2] * 10),
        support=tuple(SupportContact(i, n) for i, n in enumerate(("A", "B", "C"))),
    )
    assert "A, B or C" in (care_message(three, insights(three)) or "")


def test_ten_years_of_daily_checkins_in_one_run() -> None:
    days = 3650
    made = tuple(
        CheckIn(ago(days - 1 - i), 1 + i % 10, i % 11, "", frozenset({"gym"} if i % 3 else ()))
        for i in range(days)
    )
    contacts = tuple(contact(ago(days - 1 - i * 7)) for i in range(days // 7))
    s = snap(checkins=made, contacts=contacts, phase=4, phase_since=ago(400))
    found = insights(s)
    assert (found.checkin_current, found.checkin_best) == (days, days)
    assert assess(s).score is not None


def test_core_imports_only_the_standard_library() -> None:
    code = (
        "import sys, exback_tui.core.phases, exback_tui.core.ladder, "
        "exback_tui.core.readiness, exback_tui.core.insights\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'textual', 'rich', 'alembic', 'platformdirs'))\n"
        "print(','.join(bad))"
    )
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == ""
