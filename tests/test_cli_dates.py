"""Days and times in words on the command line, through the installed `exback`, and the bound
on days typed by hand (issue 14): no earlier than a year before the breakup."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import RunExback

from exback_tui.store.journal import Journal
from exback_tui.store.write_rules import DAYS_BEFORE_BREAKUP, EARLIEST_DAY

# Each test's journal is made before it runs (conftest.made): these are tests of commands, and
# the first run that makes a journal is tested on its own (test_cli_basic's default path test,
# tests/e2e, tests/test_store_open.py).
pytestmark = pytest.mark.usefixtures("made")


def rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def written(path: Path) -> list[list[tuple[Any, ...]]]:
    """What a person wrote: every check-in, tick, entry and contact."""
    return [rows(path, f"SELECT * FROM {t}") for t in ("checkin", "habit_mark", "entry", "contact")]


def last(weekday: int, today: date) -> date:
    """The last day of that weekday before today (Monday is 0)."""
    return today - timedelta(days=(today.weekday() - weekday) % 7 or 7)


@pytest.mark.parametrize(
    ("typed", "days_back"),
    [("today", 0), ("yesterday", 1), ("3 days ago", 3), ("2 weeks ago", 14)],
)
def test_checkin_takes_a_day_in_words(
    run_exback: RunExback, journal_path: Path, today: date, typed: str, days_back: int
) -> None:
    result = run_exback("checkin", "--date", typed, "--mood", "5")
    assert result.returncode == 0, result.stderr
    day = (today - timedelta(days=days_back)).isoformat()
    assert rows(journal_path, "SELECT day, mood FROM checkin") == [(day, 5)]


def test_a_weekday_is_the_last_one_never_today(
    run_exback: RunExback, journal_path: Path, today: date
) -> None:
    name = today.strftime("%A").lower()
    assert run_exback("entry", "--date", name, "Same weekday.").returncode == 0
    assert run_exback("entry", "--date", "last " + name[:3], "Again.").returncode == 0
    week_ago = (today - timedelta(days=7)).isoformat()
    assert rows(journal_path, "SELECT day FROM entry") == [(week_ago,), (week_ago,)]
    friday = last(4, today).isoformat()
    assert run_exback("checkin", "--date", "Friday", "--urge", "2").returncode == 0
    assert rows(journal_path, "SELECT day, urge FROM checkin") == [(friday, 2)]


def test_contact_and_ask_take_a_time_in_words(
    run_exback: RunExback, journal_path: Path, today: date
) -> None:
    when = ("--when", "yesterday 21:30")
    result = run_exback("contact", "--medium", "call", "--initiated-by", "them", *when)
    assert result.returncode == 0, result.stderr
    assert "yesterday" in result.stdout
    with Journal.open(journal_path) as journal:
        (contact,) = journal.contacts()
    expected = datetime.combine(today - timedelta(days=1), datetime.min.time()).replace(hour=21)
    assert contact.when.replace(tzinfo=None) == expected.replace(minute=30)
    assert run_exback("phase", "5", "--force", "--reason", "tried").returncode == 0
    result = run_exback("ask", "--answer", "maybe", "--when", "2 days ago 10:00")
    assert result.returncode == 0, result.stderr
    assert rows(journal_path, "SELECT day FROM ask") == [((today - timedelta(days=2)).isoformat(),)]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("checkin", "--date", "tomorow", "--mood", "5"), "'tomorow' is not a date; write"),
        (("entry", "--date", "2026-02-30", "x"), "the calendar has no such day"),
        (("contact", "--medium", "text", "--initiated-by", "me", "--when", "9:75"), "not a time"),
        (("entries", "--from", "someday"), "'someday' is not a date"),
    ],
)
def test_what_is_not_a_day_is_one_sentence_exit_2(
    run_exback: RunExback, args: tuple[str, ...], says: str
) -> None:
    result = run_exback(*args)
    assert result.returncode == 2
    first, second = result.stderr.splitlines()
    assert says in first and first.startswith("exback: Argument --")
    assert second.startswith("Try 'exback ")


def test_a_future_day_in_words_is_refused_as_the_store_refuses_it(
    run_exback: RunExback, tmp_path: Path, today: date
) -> None:
    tomorrow = (today + timedelta(days=1)).isoformat()
    fresh = tmp_path / "fresh.db"
    result = run_exback("checkin", "--date", tomorrow, "--mood", "5", db=fresh)
    assert result.returncode == 1
    assert (
        result.stderr == f"exback: The date {tomorrow} is in the future; pick today or earlier.\n"
    )
    assert not fresh.exists()  # refused before anything was opened
    late = run_exback("contact", "--medium", "text", "--initiated-by", "me", "--when", tomorrow)
    assert late.returncode == 1 and "is in the future" in late.stderr


# -- issue 14: the earliest day typed by hand -------------------------------------------------

BREAKUP = date(2026, 3, 1)
EARLIEST = BREAKUP - timedelta(days=DAYS_BEFORE_BREAKUP)
REFUSED = (
    f"is more than a year before the breakup ({BREAKUP.isoformat()}); the earliest day you can "
    f"give is {EARLIEST.isoformat()}."
)


@pytest.mark.parametrize(
    ("rule", "args", "refused"),
    [
        (
            "a check-in on the earliest day a journal could begin (a year before the breakup) "
            "is taken",
            ("checkin", "--date", EARLIEST.isoformat(), "--mood", "5"),
            False,
        ),
        (
            "a check-in a day before that is refused, naming the earliest day",
            ("checkin", "--date", (EARLIEST - timedelta(days=1)).isoformat(), "--mood", "5"),
            True,
        ),
        (
            "a year typed wrong (1900-01-01) is refused for an entry",
            ("entry", "--date", "1900-01-01", "Old words."),
            True,
        ),
        (
            "a contact long before the breakup is refused",
            ("contact", "--medium", "text", "--initiated-by", "me", "--when", "2019-05-01 10:00"),
            True,
        ),
        (
            "an untick on a day long before is refused too: it is a day typed by hand",
            ("checkin", "--date", "2001-01-01", "--no-habit", "walk"),
            True,
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_days_typed_by_hand_begin_a_year_before_the_breakup(
    run_exback: RunExback, journal_path: Path, rule: str, args: tuple[str, ...], refused: bool
) -> None:
    """Issue 14: a day before the journal could have begun is a slip of the year."""
    with Journal.open(journal_path) as journal:
        journal.set_journey(breakup_date=BREAKUP, how="planned")
        journal.add_habit("walk")
    before = written(journal_path)
    result = run_exback(*args)
    if refused:
        assert result.returncode == 1, rule
        assert REFUSED in result.stderr, rule
        assert result.stderr.count("\n") == 1
        assert written(journal_path) == before
    else:
        assert result.returncode == 0, result.stderr


def test_without_a_breakup_date_the_absolute_bound_alone_holds(
    run_exback: RunExback, journal_path: Path
) -> None:
    taken = run_exback("checkin", "--date", EARLIEST_DAY.isoformat(), "--mood", "5")
    assert taken.returncode == 0, taken.stderr
    refused = run_exback("checkin", "--date", "1899-12-31", "--mood", "5")
    assert refused.returncode == 1
    assert "is before 1900; check the year" in refused.stderr


def test_an_imported_day_before_the_bound_can_still_be_deleted(
    run_exback: RunExback, journal_path: Path
) -> None:
    """Imports keep only the absolute bounds (a Daylio history may predate the breakup), so a
    day that came in that way can still be corrected from the shell."""
    with Journal.open(journal_path) as journal:
        journal.set_journey(breakup_date=BREAKUP, how="planned")
        journal.record_checkin(date(2019, 5, 1), mood=4)
    result = run_exback("checkin", "--date", "2019-05-01", "--delete", "--yes")
    assert result.returncode == 0, result.stderr
    assert rows(journal_path, "SELECT day FROM checkin") == []
