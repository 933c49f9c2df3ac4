"""The week's first day (issue 16): any weekday, Monday unless set, a bad setting is Monday."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exback_tui.core.values import CheckIn
from exback_tui.core.week_review import (
    WEEKDAYS,
    first_weekday,
    last_week,
    review,
    review_lines,
    week_label,
    week_start,
    week_title,
)

# Thursday 1 January 2026: a year end falls inside the week for every start day.
NEW_YEAR = date(2026, 1, 1)


@pytest.mark.parametrize(
    ("setting", "start", "before"),
    [
        ("monday", date(2025, 12, 29), date(2025, 12, 22)),
        ("tuesday", date(2025, 12, 30), date(2025, 12, 23)),
        ("wednesday", date(2025, 12, 31), date(2025, 12, 24)),
        ("thursday", date(2026, 1, 1), date(2025, 12, 25)),
        ("friday", date(2025, 12, 26), date(2025, 12, 19)),
        ("saturday", date(2025, 12, 27), date(2025, 12, 20)),
        ("sunday", date(2025, 12, 28), date(2025, 12, 21)),
    ],
)
def test_each_start_day_makes_its_own_week_across_a_year_end(
    setting: str, start: date, before: date
) -> None:
    first = first_weekday(setting)
    assert week_start(NEW_YEAR, first) == start
    assert start.strftime("%A").lower() == setting
    # The week just ended, seen from any day of the week after it.
    for offset in range(7):
        assert last_week(start + timedelta(days=7 + offset), first) == start
    assert last_week(start + timedelta(days=6), first) == before


@pytest.mark.parametrize("bad", [None, "", "Someday", "7", "mon", "lundi"])
def test_a_bad_week_start_setting_is_monday(bad: str | None) -> None:
    assert first_weekday(bad) == 0
    assert week_start(NEW_YEAR, first_weekday(bad)) == date(2025, 12, 29)


def test_the_setting_is_read_whatever_its_case_and_spaces() -> None:
    assert first_weekday(" Sunday\n") == 6


@given(st.dates(date(1990, 1, 1), date(2100, 12, 31)), st.integers(0, 6))
def test_a_week_starts_on_its_day_and_holds_the_day(day: date, first: int) -> None:
    start = week_start(day, first)
    assert start.weekday() == first
    assert start <= day < start + timedelta(days=7)
    assert last_week(day, first) == start - timedelta(days=7)


def test_a_week_not_on_monday_is_named_by_its_days() -> None:
    sunday = date(2025, 12, 28)
    assert week_title(sunday) == "Week Sun 28 Dec to Sat 03 Jan 2026"
    assert week_label(sunday) == "the week from Sun 28 Dec 2025"
    assert week_title(date(2025, 12, 29)) == "Week 2026-W01 (Mon 29 Dec to Sun 04 Jan 2026)"
    assert week_label(date(2025, 12, 29)) == "2026-W01"


def test_a_sunday_week_counts_its_own_seven_days() -> None:
    sunday = date(2025, 12, 28)
    days = [CheckIn(sunday + timedelta(days=i), 6) for i in range(-1, 8)]  # Sat .. next Sun
    week = review(sunday, days, (), (), (), 1)
    assert week.days_checked_in == 7 and week.days_checked_in_before == 1
    assert review_lines(week)[0] == "Week Sun 28 Dec to Sat 03 Jan 2026"


def test_every_weekday_is_a_choice() -> None:
    assert [first_weekday(d) for d in WEEKDAYS] == list(range(7))
