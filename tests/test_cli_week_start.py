"""`exback week` with the week-start setting and the exit signals that moved (issue 16),
through the installed command on a journal written through the Journal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from conftest import RunExback

from exback_tui.core.signal_moves import NONE_MOVED
from exback_tui.core.values import HowEnded
from exback_tui.core.week_review import WEEK_START_SETTING, last_week, week_start, week_title
from exback_tui.store.journal import Journal

# Each test's journal is made before it runs (conftest.made): these are tests of commands, and
# the first run that makes a journal is tested on its own (test_cli_basic's default path test,
# tests/e2e, tests/test_store_open.py).
pytestmark = pytest.mark.usefixtures("made")

SUNDAY = date(2025, 6, 22)  # a Sunday week: 22 to 28 June 2025


def fill(journal: Journal) -> None:
    """A check-in every day from 15 to 29 June; the 30-day pause is reached on 25 June."""
    journal.set_journey(breakup_date=date(2025, 5, 26), how=HowEnded.PLANNED)
    for offset in range(15):
        journal.record_checkin(date(2025, 6, 15) + timedelta(days=offset), mood=6)


def test_a_day_reviews_its_week_by_the_week_start(run_exback: RunExback, journal: Journal) -> None:
    fill(journal)
    journal.set_setting(WEEK_START_SETTING, "sunday")
    result = run_exback("week", "--week", "2025-06-25")
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0] == "Week Sun 22 Jun to Sat 28 Jun 2025"
    assert "Checked in: 7 days of 7 (the same as the week before)." in result.stdout
    assert "Exit signals that moved this week:" in lines
    assert "  The pause has held: met now." in lines


def test_an_iso_week_stays_monday_to_sunday_whatever_the_setting(
    run_exback: RunExback, journal: Journal
) -> None:
    fill(journal)
    journal.set_setting(WEEK_START_SETTING, "sunday")
    result = run_exback("week", "--week", "2025-W26")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "Week 2025-W26 (Mon 23 Jun to Sun 29 Jun 2025)"


@pytest.mark.parametrize(("setting", "first"), [("saturday", 5), ("not a day", 0)])
def test_the_week_just_ended_follows_the_setting_and_a_bad_one_is_monday(
    run_exback: RunExback, journal: Journal, today: date, setting: str, first: int
) -> None:
    journal.set_setting(WEEK_START_SETTING, setting)
    result = run_exback("week")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == week_title(last_week(today, first))


def test_a_week_where_no_signal_moved_says_so_calmly(
    run_exback: RunExback, journal: Journal
) -> None:
    fill(journal)
    result = run_exback("week", "--week", "2025-W24")  # 9-15 June: one day, a pause too short
    assert result.returncode == 0
    assert NONE_MOVED in result.stdout.splitlines()


@pytest.mark.parametrize(
    ("week", "code", "words"),
    [
        ("2999-01-01", 1, "is in the future"),
        ("next tuesday-ish", 2, "or as a day in it, like 2025-07-02"),
    ],
)
def test_a_bad_day_is_one_sentence(
    run_exback: RunExback, journal: Journal, week: str, code: int, words: str
) -> None:
    result = run_exback("week", "--week", week)
    assert result.returncode == code and result.stdout == ""
    assert words in result.stderr and "Traceback" not in result.stderr


def test_an_old_week_behind_the_history_cache_still_shows_its_signals(
    run_exback: RunExback, journal: Journal, today: date
) -> None:
    # Two years ago: a week of moods of 6 after none, so composure came back that week.
    start = week_start(today - timedelta(days=730))
    journal.set_journey(breakup_date=start - timedelta(days=10), how=HowEnded.PLANNED)
    for offset in range(7):
        journal.record_checkin(start + timedelta(days=offset), mood=6)
    journal.record_checkin(today, mood=5)
    assert journal.snapshot(today).history is None  # this read writes the cache ...
    assert journal.snapshot(today).history is not None  # ... which the next one reads
    result = run_exback("week", "--week", start.isoformat())
    assert (result.returncode, result.stderr) == (0, "")
    assert "  Your composure is back: met now." in result.stdout.splitlines()
