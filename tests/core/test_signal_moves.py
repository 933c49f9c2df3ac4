"""The exit signals that moved in the weekly review (issue 16), as a casebook: each story is
a phase's journal over two weeks, and what the review must say of its exit signals.

The week reviewed is Monday 24 to Sunday 30 June 2024 (TODAY is that Sunday); the week
before ends on Sunday 23 June.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from exback_tui.core.signal_moves import (
    NONE_MOVED,
    SignalMove,
    as_of,
    covers,
    signal_lines,
    signal_moves,
)
from exback_tui.core.values import History, HowEnded, Journey, PhaseStep

from .conftest import TODAY, ago, contact, days_of, evaluation, snap

START = date(2024, 6, 24)
PLANNED_60 = Journey(breakup_date=ago(60), how=HowEnded.PLANNED, onboarded=True)


def test_a_phase_exit_signal_that_became_met_this_week_is_named_in_the_review() -> None:
    # The 30-day pause of a planned breakup is reached on Saturday 29 June.
    journey = Journey(breakup_date=date(2024, 5, 30), how=HowEnded.PLANNED, onboarded=True)
    snapshot = snap(journey=journey, steps=(PhaseStep(1, date(2024, 5, 30)),))
    assert signal_moves(snapshot, START) == (SignalMove("The pause has held", True),)
    assert signal_lines(snapshot, START) == (
        "Exit signals that moved this week:",
        "  The pause has held: met now.",
    )


def test_a_phase_exit_signal_that_stopped_being_met_is_said_kindly() -> None:
    # Composure held the week before (moods of 7) and not this one (moods of 2).
    checkins = days_of([7] * 7 + [2] * 7, end=TODAY)
    snapshot = snap(journey=PLANNED_60, checkins=checkins)
    assert signal_moves(snapshot, START) == (SignalMove("Your composure is back", False),)
    [title, line] = signal_lines(snapshot, START)
    assert title == "Exit signals that moved this week:"
    assert line.startswith("  Your composure is back: not this week (it was the week before).")
    assert "it can come back" in line


def test_no_exit_signal_moved_is_one_calm_line() -> None:
    snapshot = snap(journey=PLANNED_60, checkins=days_of([7] * 14, end=TODAY))
    assert signal_moves(snapshot, START) == ()
    assert signal_lines(snapshot, START) == (NONE_MOVED,)


def test_a_contact_you_started_this_week_restarts_the_pause_and_is_named() -> None:
    snapshot = snap(journey=PLANNED_60, contacts=(contact(date(2024, 6, 26)),))
    assert signal_moves(snapshot, START) == (SignalMove("The pause has held", False),)


def test_what_came_after_the_week_does_not_move_its_signals() -> None:
    # Read on a later day: a contact on 2 July belongs to the next week's review.
    later = TODAY + timedelta(days=3)
    snapshot = snap(journey=PLANNED_60, today=later, contacts=(contact(date(2024, 7, 2)),))
    snapshot = replace(snapshot, phase_steps=(PhaseStep(1, ago(60)),))
    assert signal_lines(snapshot, START) == (NONE_MOVED,)
    assert as_of(snapshot, TODAY).contacts == ()


def test_a_decision_made_this_week_meets_phase_3s_signal() -> None:
    snapshot = snap(phase=3, phase_since=ago(40), evaluation=evaluation(made_on=ago(2)))
    assert signal_moves(snapshot, START) == (
        SignalMove("You've decided to pursue, with a clear picture", True),
    )
    assert as_of(snapshot, START - timedelta(days=1)).evaluation is None


def test_a_phase_begun_this_week_has_no_week_before_to_move_from() -> None:
    snapshot = snap(phase=2, phase_since=ago(3), checkins=days_of([7] * 21, end=TODAY))
    assert signal_moves(snapshot, START) is None
    assert signal_lines(snapshot, START) == ()


def test_phase_6_has_no_exit_signals_and_says_nothing() -> None:
    snapshot = snap(phase=6, phase_since=ago(100))
    assert signal_lines(snapshot, START) == ()


def test_a_snapshot_behind_the_history_cache_is_not_enough_for_an_old_week() -> None:
    recent = replace(snap(), history=History(until=ago(400)))
    assert covers(recent, START)
    assert not covers(recent, ago(390))
    assert covers(snap(), ago(3000))  # no cache: every day is there
