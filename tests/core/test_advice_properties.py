"""Properties of the advice: what must hold for every journal, not just the casebook's stories."""

from __future__ import annotations

import dataclasses
from datetime import datetime, time, timedelta, timezone

from hypothesis import assume, given
from hypothesis import strategies as st

from exback_tui.core.care import CARE_RULES, care_gate
from exback_tui.core.exit_signals import current_ladder
from exback_tui.core.ladder import LADDER_RULES, TOP_RUNG, ladder_state
from exback_tui.core.phases import check_move
from exback_tui.core.readiness import (
    LEVEL_GETTING_THERE,
    LEVEL_NEARLY,
    LEVEL_NOT_YET,
    LEVEL_READY,
    assess,
)
from exback_tui.core.values import (
    Ask,
    AskAnswer,
    CheckIn,
    Contact,
    Journey,
    Medium,
    PhaseStep,
    Response,
    Snapshot,
    StepKind,
)

from .conftest import ago, contact, contacts_st, snapshots_st

ORDER = (LEVEL_NOT_YET, LEVEL_GETTING_THERE, LEVEL_NEARLY, LEVEL_READY)


def _with_week(s: Snapshot, moods: list[int], urges: list[int]) -> Snapshot:
    """``s`` with its last seven days replaced by these moods and urges."""
    start = s.today - timedelta(days=CARE_RULES.window_days - 1)
    older = tuple(c for c in s.checkins if c.day < start)
    week = tuple(
        CheckIn(start + timedelta(days=i), m, u, "", frozenset({"gym"}))
        for i, (m, u) in enumerate(zip(moods, urges, strict=True))
    )
    return dataclasses.replace(s, checkins=older + week)


week = st.lists(st.integers(1, 10), min_size=7, max_size=7)
urge_week = st.lists(st.integers(0, 10), min_size=7, max_size=7)


@given(snapshots_st(phases=(1, 2, 3, 4, 5)), week, urge_week, st.booleans())
def test_low_mood_or_high_urge_never_reads_nearly_ready(
    s: Snapshot, moods: list[int], urges: list[int], low_mood: bool
) -> None:
    if low_mood:
        moods = [min(m, 3) for m in moods]  # a mean of 3 or less: a hard week
    else:
        urges = [max(u, 7) for u in urges]  # a mean of 7 or more: a strong urge
    made = _with_week(s, moods, urges)
    assert care_gate(made) is not None
    result = assess(made)
    assert result.level not in (LEVEL_NEARLY, LEVEL_READY)
    assert result.step.kind not in (StepKind.CONTACT, StepKind.ASK)
    # ... and the moves toward contact check the same gate.
    for target in (4, 5):
        if target > made.phase:
            assert not check_move(made, target).allowed_without_force


@given(
    contacts_st(max_size=15, max_age=60),
    st.lists(
        st.tuples(st.sampled_from(list(Response)), st.sampled_from(list(Medium))),
        min_size=1,
        max_size=25,
    ),
)
def test_a_burst_in_one_day_never_climbs_more_than_one_rung(
    before: tuple[Contact, ...],
    burst: list[tuple[Response, Medium]],
) -> None:
    today = ago(0)
    earlier = tuple(c for c in before if c.day < today)
    start = ladder_state(earlier, Journey(), today=today).rung_index
    same_day = [
        contact(today, response=r, medium=m, hour=8 + i % 12) for i, (r, m) in enumerate(burst)
    ]
    end = ladder_state((*earlier, *same_day), Journey(), today=today).rung_index
    assert end - start <= 1


def _ask(days_ago: int, answer: AskAnswer) -> Ask:
    when = datetime.combine(ago(days_ago), time(20), tzinfo=timezone(timedelta(hours=1)))
    return Ask(900 + days_ago, when, answer)


@given(
    snapshots_st(phases=(4, 5)),
    st.sampled_from([AskAnswer.NO, AskAnswer.MAYBE, AskAnswer.NOT_NOW]),
    st.integers(0, 200),
    st.integers(0, 29),
)
def test_within_the_cool_down_the_next_step_is_never_to_ask(
    s: Snapshot, answer: AskAnswer, climb_start: int, asked: int
) -> None:
    # Give them a long warm climb first, so the ladder would otherwise say "ask".
    warm = tuple(
        contact(ago(climb_start + 180 - 11 * i), response=Response.WARM)
        for i in range(13)
        if climb_start + 180 - 11 * i > asked
    )
    steps = (PhaseStep(1, ago(400)), PhaseStep(4, ago(399)))
    made = dataclasses.replace(
        s, contacts=warm, asks=(_ask(asked, answer),), phase_steps=(*steps, *s.phase_steps[1:])
    )
    assume(asked < LADDER_RULES.ask_cooldown_days[answer])
    result = assess(made)
    assert result.step.kind is not StepKind.ASK
    assert current_ladder(made).step.kind is not StepKind.ASK
    assert result.cooldown_until is not None
    if made.phase == 4:
        assert not check_move(made, 5).allowed_without_force


@given(snapshots_st(phases=(1, 2, 3, 4, 5)), st.sampled_from(["urge", "habits"]))
def test_a_factor_without_data_never_raises_the_level(s: Snapshot, which: str) -> None:
    if which == "urge":
        stripped = tuple(dataclasses.replace(c, urge=None) for c in s.checkins)
        missing = dataclasses.replace(s, checkins=stripped)
    else:
        missing = dataclasses.replace(s, habits=())
    known, unknown = assess(s), assess(missing)
    assume(known.level in ORDER and unknown.level in ORDER)
    assert ORDER.index(unknown.level) <= ORDER.index(known.level)
    assert unknown.score is not None and known.score is not None
    assert unknown.score <= known.score
    # Without the urge or the habits, the meter can't read "Nearly ready" or above.
    assert unknown.level in (LEVEL_NOT_YET, LEVEL_GETTING_THERE)


@given(snapshots_st())
def test_the_shares_on_screen_add_up_to_the_score(s: Snapshot) -> None:
    result = assess(s)
    if result.score is None:
        assert all(f.share is None for f in result.factors)
        return
    assert sum(f.share or 0 for f in result.factors) == result.score
    for f in result.factors:
        assert (f.share is None) == (not f.counts)
        if f.unknown:
            assert f.share == 0


@given(snapshots_st(phases=(4,)))
def test_the_ladder_rung_is_always_a_real_rung(s: Snapshot) -> None:
    state = current_ladder(s)
    assert 0 <= state.rung_index <= TOP_RUNG
    if state.step.kind is StepKind.CONTACT:
        assert state.step.rung == state.rung_index
