"""`exback week` (issue 16): the weekly review through the installed command, on a journal
written through the Journal; and the pure counting and words of core.week_review."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from conftest import RunExback

from exback_tui.core.prompts import prompt_for
from exback_tui.core.values import CheckIn, HowEnded
from exback_tui.core.week_review import (
    last_week,
    mood_line,
    parse_week,
    review,
    week_name,
)
from exback_tui.store.journal import Journal

# Each test's journal is made before it runs (conftest.made): these are tests of commands, and
# the first run that makes a journal is tested on its own (test_cli_basic's default path test,
# tests/e2e, tests/test_store_open.py).
pytestmark = pytest.mark.usefixtures("made")

MONDAY = date(2025, 6, 23)  # 2025-W26
BEFORE = MONDAY - timedelta(days=7)


def at(day: date, hour: int = 20) -> datetime:
    """A local moment on ``day``."""
    return datetime.combine(day, time(hour)).astimezone()


def fill_two_weeks(journal: Journal) -> None:
    """2025-W26 against W25: moods up from 5.0 to 7.0, more days, 'walk [b]' done more."""
    journal.set_journey(breakup_date=BEFORE - timedelta(days=30), how=HowEnded.PLANNED)
    journal.add_habit("walk [b]")
    for offset, mood, walked in ((0, 4, True), (2, 5, False), (4, 6, False)):
        journal.record_checkin(
            BEFORE + timedelta(days=offset), mood=mood, habits=["walk [b]"] if walked else []
        )
    for offset, mood in enumerate((6, 7, 7, 8, 7)):
        journal.record_checkin(
            MONDAY + timedelta(days=offset), mood=mood, habits=["walk [b]"] if offset < 3 else []
        )
    journal.log_urge(7, at=at(MONDAY + timedelta(days=1)))
    journal.log_urge(4, at=at(MONDAY + timedelta(days=5)))
    journal.log_urge(6, at=at(BEFORE))  # the week before: not this week's
    journal.log_contact(medium="text", initiated_by="them", response="friendly", when=at(MONDAY))
    journal.log_contact(
        medium="text", initiated_by="me", response="none", when=at(MONDAY + timedelta(days=6))
    )
    journal.log_contact(medium="call", initiated_by="them", when=at(MONDAY + timedelta(days=7)))


def test_week_prints_the_review_against_the_week_before(
    run_exback: RunExback, journal: Journal
) -> None:
    fill_two_weeks(journal)
    result = run_exback("week", "--week", "2025-W26")
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0] == "Week 2025-W26 (Mon 23 Jun to Sun 29 Jun 2025)"
    out = result.stdout
    assert "Mood: 7.0 on average, up from 5.0 the week before." in out
    assert "Checked in: 5 days of 7 (3 the week before)." in out
    assert "  walk [b]: 3 (1 the week before)" in out  # as typed: no markup read
    assert "Urges: you paused 2 times instead of reaching out." in out
    assert "Contacts: 2 logged; their responses: 1 friendly, 1 no answer." in out
    assert lines[-1] == "  " + prompt_for(1, date(2025, 6, 29))


def test_week_defaults_to_the_week_just_ended(
    run_exback: RunExback, journal: Journal, today: date
) -> None:
    journal.record_checkin(today - timedelta(days=7), mood=6)  # always in last week
    result = run_exback("week")
    assert result.returncode == 0
    assert f"Week {week_name(last_week(today))} " in result.stdout
    assert "Checked in: 1 day of 7 (the same as" not in result.stdout
    assert "Checked in: 1 day of 7 (0 the week before)." in result.stdout


def test_an_empty_week_says_so_plainly(run_exback: RunExback, journal: Journal) -> None:
    result = run_exback("week", "--week", "2025-W02")
    assert result.returncode == 0
    for said in ("Mood: no day rated this week.", "Urges: none logged", "Contacts: none logged."):
        assert said in result.stdout


@pytest.mark.parametrize(
    ("week", "code", "words"),
    [
        ("2025-27", 2, "A week is written like 2025-W27"),
        ("2025-W54", 2, "2025 has no week 54"),
        ("2999-W01", 1, "has not begun yet"),
    ],
)
def test_a_bad_week_is_one_sentence(
    run_exback: RunExback, journal: Journal, week: str, code: int, words: str
) -> None:
    result = run_exback("week", "--week", week)
    assert result.returncode == code and result.stdout == ""
    assert words in result.stderr and "Traceback" not in result.stderr


# -- the pure part --------------------------------------------------------------------------


def test_iso_weeks_start_on_monday_across_a_new_year() -> None:
    assert parse_week("2026-W01") == date(2025, 12, 29)
    assert week_name(date(2025, 12, 29)) == "2026-W01"
    assert last_week(date(2026, 1, 4)) == date(2025, 12, 22)  # a Sunday: the week before its own


def test_a_small_change_in_mood_is_about_the_same() -> None:
    def days(start: date, moods: list[int]) -> list[CheckIn]:
        return [
            CheckIn(start + timedelta(days=i), m, None, "", frozenset())
            for i, m in enumerate(moods)
        ]

    week = review(MONDAY, days(BEFORE, [6, 6]) + days(MONDAY, [6, 7, 6, 6, 6]), (), (), (), 2)
    assert mood_line(week) == "Mood: 6.2 on average, about the same as the week before (6.0)."
    assert week.prompt == prompt_for(2, MONDAY + timedelta(days=6))
