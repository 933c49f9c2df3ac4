"""Days and times in words (core.dates), seen from an injected today and now."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from exback_tui.core.dates import DateError, FutureDate, parse_day, parse_moment

# A Wednesday.
TODAY = date(2026, 11, 25)
ZONE = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 25, 18, 40, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("today", TODAY),
        ("  Today ", TODAY),
        ("yesterday", date(2026, 11, 24)),
        ("2026-11-20", date(2026, 11, 20)),
        ("1 day ago", date(2026, 11, 24)),
        ("3 days ago", date(2026, 11, 22)),
        ("0 days ago", TODAY),
        ("2 weeks ago", date(2026, 11, 11)),
        ("monday", date(2026, 11, 23)),
        ("Fri", date(2026, 11, 20)),
        ("last friday", date(2026, 11, 20)),
        # The last one, never today: on a Wednesday, "wednesday" is a week ago.
        ("wednesday", date(2026, 11, 18)),
        ("thursday", date(2026, 11, 19)),
        ("tuesday", date(2026, 11, 24)),
    ],
)
def test_a_day_in_words(typed: str, day: date) -> None:
    assert parse_day(typed, TODAY) == day


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "is not a date"),
        ("tomorow", "is not a date; write YYYY-MM-DD, today, yesterday"),
        ("20/11/2026", "is not a date"),
        ("2026-02-30", "is not a date: the calendar has no such day"),
        ("mo", "is not a date"),
        ("3 days", "is not a date"),
        ("9999999 days ago", "further back than any calendar goes"),
        ("x" * 500, "…' is not a date"),
    ],
)
def test_what_is_not_a_day_is_one_sentence(typed: str, says: str) -> None:
    with pytest.raises(DateError, match=says) as refused:
        parse_day(typed, TODAY)
    assert "\n" not in str(refused.value)
    assert len(str(refused.value)) < 200


def test_a_future_day_is_refused_as_the_store_refuses_it() -> None:
    with pytest.raises(FutureDate) as refused:
        parse_day("2026-11-26", TODAY)
    assert str(refused.value) == "The date 2026-11-26 is in the future; pick today or earlier."
    # The same words taken the next day.
    assert parse_day("2026-11-26", TODAY + timedelta(days=1)) == date(2026, 11, 26)


@pytest.mark.parametrize(
    ("typed", "moment"),
    [
        ("now", NOW),
        ("2026-11-20 21:30", datetime(2026, 11, 20, 21, 30, tzinfo=ZONE)),
        ("2026-11-20T21:30", datetime(2026, 11, 20, 21, 30, tzinfo=ZONE)),
        ("yesterday 21:30", datetime(2026, 11, 24, 21, 30, tzinfo=ZONE)),
        ("monday 7:05", datetime(2026, 11, 23, 7, 5, tzinfo=ZONE)),
        ("3 days ago 08:00", datetime(2026, 11, 22, 8, 0, tzinfo=ZONE)),
        ("09:15", datetime(2026, 11, 25, 9, 15, tzinfo=ZONE)),
        ("today 18:44", datetime(2026, 11, 25, 18, 44, tzinfo=ZONE)),  # within the clock slack
        # A day alone is its midday ...
        ("2026-11-20", datetime(2026, 11, 20, 12, 0, tzinfo=ZONE)),
        ("yesterday", datetime(2026, 11, 24, 12, 0, tzinfo=ZONE)),
    ],
)
def test_a_moment_in_words(typed: str, moment: datetime) -> None:
    assert parse_moment(typed, NOW) == moment


def test_today_alone_is_midday_once_it_has_come_and_now_before() -> None:
    morning = NOW.replace(hour=9, minute=0)
    assert parse_moment("today", morning) == morning
    assert parse_moment("today", NOW) == NOW.replace(hour=12, minute=0)


@pytest.mark.parametrize(
    ("typed", "error", "says"),
    [
        ("today 23:00", FutureDate, "The time 2026-11-25 23:00 is in the future"),
        ("2026-11-26", FutureDate, "The date 2026-11-26 is in the future"),
        ("2026-11-26 08:00", FutureDate, "The time 2026-11-26 08:00 is in the future"),
        ("24:00", DateError, "is not a time of day"),
        ("yesterday 9:75", DateError, "is not a time of day"),
        ("soon 10:00", DateError, "'soon 10:00' is not a time; write"),
        ("half past nine", DateError, "is not a time"),
        ("2026-02-30 10:00", DateError, "is not a time"),
    ],
)
def test_a_moment_refused(typed: str, error: type[Exception], says: str) -> None:
    with pytest.raises(error, match=says):
        parse_moment(typed, NOW)
