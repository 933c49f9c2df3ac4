"""The pause's milestones, as a casebook: each row a day of someone's pause, what must be said
(a phrase, or nothing) and the rule it defends."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from exback_tui.core.milestones import (
    PauseToday,
    is_milestone,
    milestone_for,
    milestone_message,
    milestone_name,
)
from exback_tui.core.values import HowEnded, Journey

from .conftest import ago, contact, snap


@dataclass(frozen=True)
class Case:
    """One day of a pause and what the milestone rule must say about it."""

    story: str
    rule: str
    pause: PauseToday
    says: str | None  # a phrase the message must contain; None: no message at all
    never: str = ""  # words the message must not contain


CASES = (
    Case("Day 3 of a first pause", "named: 3 days", PauseToday(3, 3, False), "Three days"),
    Case("Day 7", "named: a week", PauseToday(7, 7, False), "A week of the pause"),
    Case("Day 14", "named: two weeks", PauseToday(14, 14, False), "Two weeks"),
    Case("Day 21", "named: three weeks", PauseToday(21, 21, False), "Three weeks"),
    Case("Day 30", "named: a month", PauseToday(30, 30, False), "A month of the pause"),
    Case("Day 60", "then every 30 days", PauseToday(60, 60, False), "Two months"),
    Case("Day 240", "monthly, past the named months", PauseToday(240, 240, False), "8 months"),
    Case("Day 8: an ordinary day", "only milestones are marked", PauseToday(8, 8, False), None),
    Case("Day 45", "monthly means every 30 days", PauseToday(45, 45, False), None),
    Case("Day 0 of a first pause", "nothing to mark yet", PauseToday(0, 0, False), None),
    Case(
        "A week again after a slip, best was 40",
        "the best is never erased",
        PauseToday(7, 40, False),
        "Your best is still 40 days",
    ),
    Case(
        "A new best past the old one",
        "no 'best' line when this pause is the best",
        PauseToday(30, 30, False),
        "A month",
        never="best",
    ),
    Case(
        "A slip today after 12 days",
        "after a slip the message is kind and keeps the best",
        PauseToday(0, 12, True),
        "Your best, 12 days, still stands",
        never="fail",
    ),
    Case(
        "A slip today after one day",
        "one day is said as one day",
        PauseToday(0, 1, True),
        "Your best, 1 day,",
    ),
)


@pytest.mark.parametrize("case", CASES, ids=[c.story for c in CASES])
def test_casebook(case: Case) -> None:
    said = milestone_message(case.pause)
    if case.says is None:
        assert said is None, case.rule
        return
    assert said is not None and case.says in said, case.rule
    if case.never:
        assert case.never not in said.lower(), case.rule


def test_the_milestone_days_up_to_a_year() -> None:
    marked = [d for d in range(366) if is_milestone(d)]
    assert marked == [3, 7, 14, 21, 30, *range(60, 366, 30)]
    assert milestone_name(90) == "Three months" and milestone_name(360) == "12 months"


def test_from_a_journal_a_week_since_the_breakup() -> None:
    week = snap(journey=Journey(breakup_date=ago(7), how=HowEnded.PLANNED), steps=())
    assert milestone_for(week) == "A week of the pause. Quietly, well done."


def test_from_a_journal_a_message_i_sent_today_is_a_slip_that_keeps_the_best() -> None:
    slipped = snap(contacts=(contact(ago(0)),))  # phase 1 since the breakup 60 days ago
    said = milestone_for(slipped)
    assert said is not None and "Your best, 60 days, still stands" in said


def test_from_a_journal_a_logistics_contact_is_no_slip() -> None:
    base = snap(contacts=(contact(ago(0), logistics=True),))
    assert milestone_for(base) == "Two months of the pause. Quietly, well done."


def test_in_touch_by_plan_nothing_is_marked() -> None:
    """From phase 4, contact is the plan: the pause is not counted, so not marked either."""
    climbing = snap(phase=4, phase_since=ago(30))
    assert milestone_for(climbing) is None
