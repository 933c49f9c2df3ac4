"""A snapshot that carries old days as a History gives the same answers as one with every day."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from exback_tui.core import phases
from exback_tui.core.exit_signals import exit_signals
from exback_tui.core.insights import LOOKBACK_DAYS, insights, summarise
from exback_tui.core.readiness import assess
from exback_tui.core.roadmap import roadmap
from exback_tui.core.values import CheckIn, Journey, Snapshot

from .conftest import HABITS, TODAY, ago, days_of, snap, snapshots_st


@st.composite
def long_checkins(draw: st.DrawFn) -> tuple[CheckIn, ...]:
    """Up to half a year of days with gaps, so runs and habits cross any cut."""
    n = draw(st.integers(0, 180))
    moods = draw(st.lists(st.none() | st.integers(1, 10), min_size=n, max_size=n))
    urges = draw(st.lists(st.none() | st.integers(0, 10), min_size=n, max_size=n))
    names = [h.name for h in HABITS]
    habits = draw(st.lists(st.sets(st.sampled_from(names)), min_size=n, max_size=n))
    return days_of(moods, urges, habits)


def windowed(snapshot: Snapshot, gap: int) -> Snapshot:
    """The same snapshot with the days up to ``gap`` days ago folded into a History."""
    until = snapshot.today - timedelta(days=gap)
    return replace(
        snapshot,
        checkins=tuple(c for c in snapshot.checkins if c.day > until),
        history=summarise(snapshot.checkins, until),
    )


@given(
    snapshots_st(), long_checkins(), st.integers(LOOKBACK_DAYS, LOOKBACK_DAYS + 120), st.booleans()
)
def test_history_gives_the_same_answers(
    base: Snapshot, checkins: tuple[CheckIn, ...], gap: int, breakup_known: bool
) -> None:
    full = replace(base, checkins=checkins)
    if not breakup_known:  # then the pause counts from the journal's first day
        full = replace(full, journey=replace(full.journey, breakup_date=None))
    cut = windowed(full, gap)
    assert insights(cut) == insights(full)
    assert assess(cut) == assess(full)
    assert exit_signals(cut) == exit_signals(full)
    assert phases.notes(cut) == phases.notes(full)
    assert phases.next_thing(cut) == phases.next_thing(full)
    assert roadmap(cut) == roadmap(full)
    assert cut.first_day == full.first_day


def test_a_run_across_the_cut_goes_on() -> None:
    # 100 days in a row ending today: the best run is 100 whichever side of the cut it lies.
    full = snap(checkins=days_of([6] * 100))
    for gap in (LOOKBACK_DAYS, 99, 100, 150):
        found = insights(windowed(full, gap))
        assert (found.checkin_current, found.checkin_best) == (100, 100)


def test_history_of_an_old_stretch() -> None:
    # Days 200..191 ago, then nothing: the history alone knows the first day and the best run.
    old = days_of([7] * 10, habits=[{"gym"}] * 10, end=ago(191))
    history = summarise(old, ago(LOOKBACK_DAYS))
    assert history.first_day == ago(200)
    assert (history.mood_days, history.mood_total, history.best_run) == (10, 70, 10)
    assert history.last_run == 0
    assert history.habit_moods == (("gym", 70, 10),)
    found = insights(Snapshot(TODAY, Journey(), (), (), HABITS, (), history=history))
    assert (found.checkin_current, found.checkin_best) == (0, 10)
    assert found.habit_mood["gym"].with_habit == 7
    assert found.habit_mood["gym"].without_habit is None
