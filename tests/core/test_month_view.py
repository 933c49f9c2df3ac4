"""The insights' month view (issue 16): each month's mood, check-in days, and the habit that
went with its better days, only when there are enough days on each side."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from exback_tui.core.month_view import (
    MIN_DAYS_EACH_SIDE,
    NO_LIFT,
    NOT_ENOUGH,
    habit_words,
    month,
    months,
    year_months,
    year_span,
)
from exback_tui.core.values import CheckIn

JUNE = date(2025, 6, 1)


def day(n: int, mood: int | None, *habits: str, urge: int | None = None) -> CheckIn:
    """A check-in on ``n`` June 2025."""
    return CheckIn(date(2025, 6, n), mood, urge, "", frozenset(habits))


def test_a_month_counts_its_mood_its_days_and_the_habit_of_its_better_days() -> None:
    walked = [day(n, 8, "walk") for n in range(1, 7)]  # 6 days: 8
    not_walked = [day(n, 5, "read") for n in range(7, 13)]  # 6 days: 5, all read
    urge_only = [day(20, None, urge=4)]
    other_month = [CheckIn(date(2025, 7, 1), 1, None, "", frozenset({"read"}))]
    found = month(JUNE, walked + not_walked + urge_only + other_month, ["walk", "read"])
    assert found.label == "Jun 2025" and found.length == 30
    assert found.mood == 6.5 and found.mood_days == 12 and found.checkin_days == 13
    assert found.best is not None and found.best.habit == "walk"
    assert (found.best.with_habit, found.best.without_habit) == (8.0, 5.0)
    assert (found.best.days_with, found.best.days_without) == (6, 6)
    assert habit_words(found) == "walk"


def test_too_few_days_on_one_side_is_not_enough_days_yet() -> None:
    few = MIN_DAYS_EACH_SIDE - 1
    days = [day(n, 9, "walk") for n in range(1, 1 + few)] + [day(n, 4) for n in range(10, 25)]
    found = month(JUNE, days, ["walk"])
    assert found.best is None and not found.weighed
    assert habit_words(found) == NOT_ENOUGH


def test_a_habit_weighed_without_a_lift_is_said_so() -> None:
    days = [day(n, 5, "walk") for n in range(1, 8)] + [day(n, 7) for n in range(8, 16)]
    found = month(JUNE, days, ["walk"])
    assert found.best is None and found.weighed
    assert habit_words(found) == NO_LIFT


def test_an_empty_month_has_no_mood_and_no_days() -> None:
    found = month(date(2024, 2, 1), [], ["walk"])
    assert (found.mood, found.checkin_days, found.length) == (None, 0, 29)
    assert habit_words(found) == NOT_ENOUGH


def test_the_months_of_a_year_newest_first_up_to_today() -> None:
    today = date(2026, 3, 15)
    assert year_months(2026, today) == [date(2026, 3, 1), date(2026, 2, 1), date(2026, 1, 1)]
    assert len(year_months(2025, today)) == 12 and year_months(2025, today)[0] == date(2025, 12, 1)
    assert year_months(2027, today) == []
    assert year_span(2026, today) == (date(2026, 1, 1), today)
    assert year_span(2025, today) == (date(2025, 1, 1), date(2025, 12, 31))


def test_no_month_before_the_journal_began_and_the_month_under_way_counts_its_days_so_far() -> None:
    """Months before the first check-in said "0 of 31" for a time nobody wrote in; the month
    under way said "0 of 31" on its second day."""
    today = date(2026, 12, 2)
    began = date(2026, 11, 23)
    assert year_months(2026, today, since=began) == [date(2026, 12, 1), date(2026, 11, 1)]
    assert year_months(2025, today, since=began) == []
    assert len(year_months(2027 - 1, date(2027, 1, 5), since=date(2025, 6, 1))) == 12
    assert month(date(2026, 12, 1), [], ["walk"], today).days == 2
    assert month(date(2026, 11, 1), [], ["walk"], today).days == 30
    assert month(date(2026, 11, 1), [], ["walk"]).days == 30


@st.composite
def a_year_of_checkins(draw: st.DrawFn) -> list[CheckIn]:
    """Some days of 2024 (a leap year), each with a mood or not and a habit or not."""
    days = draw(st.sets(st.integers(0, 365), max_size=366))
    return [
        CheckIn(
            date(2024, 1, 1) + timedelta(days=d),
            draw(st.one_of(st.none(), st.integers(1, 10))),
            None,
            "",
            frozenset({"walk"}) if draw(st.booleans()) else frozenset(),
        )
        for d in sorted(days)
    ]


@given(a_year_of_checkins())
def test_averages_stay_on_the_scale_and_days_fit_the_month(checkins: list[CheckIn]) -> None:
    firsts = year_months(2024, date(2024, 12, 31))
    found = months(firsts, checkins, ["walk"])
    assert sum(m.checkin_days for m in found) == len(checkins)
    for m in found:
        assert m.mood_days <= m.checkin_days <= m.length
        assert m.mood is None or 1 <= m.mood <= 10
        if m.best is not None:
            assert m.best.with_habit is not None and m.best.without_habit is not None
            assert 1 <= m.best.without_habit < m.best.with_habit <= 10
            assert min(m.best.days_with, m.best.days_without) >= MIN_DAYS_EACH_SIDE
