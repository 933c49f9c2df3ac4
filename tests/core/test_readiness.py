"""The contact-readiness meter: factors, hard rules, and the properties it must keep."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from exback_tui.core.factors import THRESHOLDS, WEIGHTS, Factor, factors, weighted_score
from exback_tui.core.insights import fast_path_apology, recent
from exback_tui.core.readiness import (
    LEVEL_CARE,
    LEVEL_GETTING_THERE,
    LEVEL_HEALTH,
    LEVEL_NEARLY,
    LEVEL_NO_DATA,
    LEVEL_NOT_YET,
    LEVEL_PAUSED,
    LEVEL_READY,
    NO_DATA_STEP,
    assess,
    level_for,
)
from exback_tui.core.values import (
    Answer,
    CheckIn,
    Contact,
    Decision,
    Evaluation,
    HowEnded,
    Initiator,
    Journey,
    RedFlag,
    Response,
    Snapshot,
)

from .conftest import (
    ago,
    contact,
    contacts_st,
    days_of,
    evaluation,
    snap,
    snapshots_st,
)

KEYS = ["space", "mood", "habits", "neediness", "clarity", "receptiveness", "data"]
GOOD_DAYS = days_of([7] * 14, urges=[2] * 14, habits=[["gym", "friends", "sleep"]] * 14)


def recompute(factors: tuple[Factor, ...]) -> int | None:
    """The score straight from the factors, written independently of the module."""
    # A factor that counts but has no data adds nothing and keeps its weight.
    counted = [(f.weight, f.score or 0) for f in factors if f.weight > 0]
    if not counted:
        return None
    value = sum(w * s for w, s in counted) / sum(w for w, _ in counted)
    return max(0, min(100, int(value + 0.5)))


# -- the tables ------------------------------------------------------------------------------


def test_one_weight_per_factor_and_factors_in_display_order() -> None:
    assert list(WEIGHTS) == KEYS
    result = assess(snap(checkins=GOOD_DAYS))
    assert [f.key for f in result.factors] == KEYS
    assert all(f.icon in ("ok", "warn", "bad", "none") for f in result.factors)
    assert all(f.reason and "[" not in f.reason for f in result.factors)


def test_levels_have_plain_names() -> None:
    assert level_for(0) == LEVEL_NOT_YET
    assert level_for(THRESHOLDS.getting_there) == LEVEL_GETTING_THERE
    assert level_for(THRESHOLDS.nearly_ready) == LEVEL_NEARLY
    assert level_for(THRESHOLDS.ready - 1) == LEVEL_NEARLY
    assert level_for(100) == LEVEL_READY


def test_no_one_reads_ready_without_clarity() -> None:
    for contact_phase in (False, True):
        factors = tuple(
            Factor(
                key,
                key,
                0 if key == "clarity" else 100,
                WEIGHTS[key].contact if contact_phase else WEIGHTS[key].pause,
                "x",
            )
            for key in KEYS
        )
        score = weighted_score(factors)
        assert score is not None and score < THRESHOLDS.ready


def test_unknown_factors_count_as_zero_and_keep_their_weight() -> None:
    factors = (
        Factor("a", "a", 100, 1.0, "x"),
        Factor("b", "b", None, 5.0, "x"),
        Factor("c", "c", 0, 3.0, "x"),
        Factor("d", "d", 90, 0.0, "x"),
    )
    assert weighted_score(factors) == 11  # (100 x 1 + 0 x 5 + 0 x 3) / 9
    assert weighted_score(()) is None


# -- hand-built cases -------------------------------------------------------------------------


def test_too_few_checkins_gives_no_score() -> None:
    result = assess(snap(phase=4, checkins=days_of([8] * 4)))
    assert result.score is None
    assert result.level == LEVEL_NO_DATA
    assert result.next_step == NO_DATA_STEP  # no contact step on too little data
    assert not result.blocked
    assert result.factor("data").score == 40
    old = days_of([8] * 30, end=ago(20))
    assert assess(snap(checkins=old)).level == LEVEL_NO_DATA


def test_a_red_flag_pauses_the_meter_with_care() -> None:
    flagged = evaluation(red_flags=(RedFlag.ABUSE,))
    result = assess(snap(phase=4, checkins=GOOD_DAYS, evaluation=flagged))
    assert result.blocked and result.score is None and result.level == LEVEL_PAUSED
    assert "safety" in result.block_reason and "no shame" in result.block_reason
    assert not result.let_go
    clarity = result.factor("clarity")
    assert clarity.blocking and clarity.icon == "bad"
    # The hard rule beats missing data.
    assert assess(snap(evaluation=flagged)).blocked


def test_letting_go_pauses_the_meter_and_says_it_is_valid() -> None:
    result = assess(snap(phase=3, checkins=GOOD_DAYS, evaluation=evaluation(Decision.LET_GO)))
    assert result.blocked and result.let_go and result.score is None
    assert "brave" in result.block_reason and "valid" in result.block_reason
    assert "healing" in result.next_step


def test_space_in_the_pause_and_its_floor() -> None:
    journey = Journey(breakup_date=ago(60), how=HowEnded.PLANNED, pause_target_days=20)
    held = assess(snap(journey=journey, checkins=GOOD_DAYS, contacts=(contact(ago(25)),)))
    assert held.factor("space").score == 100
    half = assess(snap(journey=journey, checkins=GOOD_DAYS, contacts=(contact(ago(10)),)))
    assert half.factor("space").score == 50
    assert half.factor("space").reason == "10 of 20 days without reaching out."
    fresh = assess(snap(journey=journey, checkins=GOOD_DAYS, contacts=(contact(ago(1)),)))
    assert fresh.factor("space").score == 0
    assert "started over" in fresh.factor("space").reason
    assert fresh.score is not None and half.score is not None and fresh.score < half.score


def test_rash_breakup_has_a_short_pause() -> None:
    rash = Journey(breakup_date=ago(30), how=HowEnded.RASH)
    result = assess(snap(journey=rash, checkins=GOOD_DAYS, contacts=(contact(ago(2)),)))
    assert result.factor("space").score == 100


def test_from_phase_four_space_steps_back_and_receptiveness_counts() -> None:
    result = assess(snap(phase=4, checkins=GOOD_DAYS, contacts=(contact(ago(1)),)))
    space = result.factor("space")
    assert space.score == 100 and space.weight == WEIGHTS["space"].contact < WEIGHTS["space"].pause
    assert result.factor("receptiveness").weight == WEIGHTS["receptiveness"].contact > 0
    before = assess(snap(phase=2, checkins=GOOD_DAYS))
    assert before.factor("receptiveness").score is None


def test_receptiveness_needs_more_than_one_friendly_reply() -> None:
    one = (contact(ago(3), response=Response.WARM),)
    result = assess(snap(phase=4, phase_since=ago(10), checkins=GOOD_DAYS, contacts=one))
    assert result.factor("receptiveness").score == THRESHOLDS.one_off_cap
    assert "aren't a pattern" in result.factor("receptiveness").reason
    two = (*one, contact(ago(2), by=Initiator.THEM, response=Response.FRIENDLY))
    result = assess(snap(phase=4, phase_since=ago(10), checkins=GOOD_DAYS, contacts=two))
    assert result.factor("receptiveness").score == 93
    reason = result.factor("receptiveness").reason
    assert reason == "All of your last 2 contacts got a friendly or warm reply."
    cold = (contact(ago(3), response=Response.COLD), contact(ago(2), response=Response.HOSTILE))
    result = assess(snap(phase=4, phase_since=ago(10), checkins=GOOD_DAYS, contacts=cold))
    assert result.factor("receptiveness").score == 8
    assert result.factor("receptiveness").icon == "bad"
    before_phase = (contact(ago(15), response=Response.WARM),) * 3
    result = assess(snap(phase=4, phase_since=ago(10), checkins=GOOD_DAYS, contacts=before_phase))
    assert result.factor("receptiveness").score is None


def test_clarity_follows_the_evaluation() -> None:
    def clarity(ev: Evaluation | None) -> int | None:
        result = assess(snap(phase=3, checkins=GOOD_DAYS, evaluation=ev))
        return result.factor("clarity").score

    assert clarity(None) == 0
    assert clarity(evaluation()) == 100
    assert clarity(evaluation(answers=(Answer.YES, Answer.YES, Answer.NO))) == 70
    assert clarity(evaluation(answers=(Answer.YES, Answer.UNSURE, Answer.NO))) == 40
    # Pursuing with no clear yes is no clearer than not having decided.
    assert clarity(evaluation(answers=(Answer.NO,) * 3)) == THRESHOLDS.clarity_undecided
    assert clarity(evaluation(Decision.UNDECIDED)) == THRESHOLDS.clarity_undecided


def test_high_and_rising_urge_lowers_neediness() -> None:
    calm = assess(snap(checkins=days_of([6] * 14, urges=[1] * 14))).factor("neediness")
    rising = assess(snap(checkins=days_of([6] * 14, urges=[5] * 7 + [9] * 7))).factor("neediness")
    assert calm.score is not None and rising.score is not None
    assert calm.score >= 90 and rising.score < 30
    assert "rising" in rising.reason


def test_habits_factor_and_missing_habits() -> None:
    half = days_of([6] * 14, habits=[["gym", "sleep"], ["friends"]] * 7)
    assert assess(snap(checkins=half)).factor("habits").score == 83
    none = assess(snap(checkins=GOOD_DAYS, habits=()))
    assert none.factor("habits").score is None and none.score is not None
    # A journal with no check-in yet has nothing to count: no score, not a zero.
    new = assess(snap()).factor("habits")
    assert new.score is None and "Nothing to count yet" in new.reason


def test_a_good_phase_four_reads_ready_and_follows_the_ladder() -> None:
    made = tuple(contact(ago(9 - i), response=Response.WARM) for i in range(5))
    s = snap(
        phase=4, phase_since=ago(10), checkins=GOOD_DAYS, contacts=made, evaluation=evaluation()
    )
    result = assess(s)
    assert result.level == LEVEL_READY
    assert "letter" in result.next_step
    assert result.score == recompute(result.factors)


def test_a_low_score_in_phase_four_holds_the_rung() -> None:
    # Hard but not a crisis (the care gate stays open): mood 4, urge 6, habits rarely done.
    flat = days_of([4] * 14, urges=[6] * 14, habits=[["gym"]] + [[]] * 13)
    made = (contact(ago(5), response=Response.FRIENDLY),)
    result = assess(snap(phase=4, checkins=flat, contacts=made))
    assert result.gate == "" and result.score is not None and result.score < 40
    assert result.level == LEVEL_NOT_YET
    assert result.next_step.startswith("Stay with a first text for now")


def test_phase_one_next_step_is_the_pause() -> None:
    journey = Journey(breakup_date=ago(60), pause_target_days=20)
    result = assess(snap(journey=journey, checkins=GOOD_DAYS, contacts=(contact(ago(5)),)))
    assert result.next_step == "Hold the pause: 15 days more without reaching out."


# -- properties ------------------------------------------------------------------------------


@given(snapshots_st())
def test_score_is_in_range_and_traces_to_the_factors(s: Snapshot) -> None:
    result = assess(s)
    assert result.score is None or 0 <= result.score <= 100
    assert all(f.score is None or 0 <= f.score <= 100 for f in result.factors)
    assert result.next_step and "\n" not in result.next_step
    if result.score is not None:
        assert result.score == recompute(result.factors)
        # Caps only ever lower the level the score alone would give.
        order = [LEVEL_NOT_YET, LEVEL_GETTING_THERE, LEVEL_NEARLY, LEVEL_READY]
        assert order.index(result.level) <= order.index(level_for(result.score))
        assert not result.blocked
    else:
        assert result.level in (LEVEL_NO_DATA, LEVEL_PAUSED, LEVEL_CARE, LEVEL_HEALTH)


@given(snapshots_st(phases=(1, 2, 3, 4, 5)), st.booleans())
def test_red_flag_or_letting_go_always_blocks(s: Snapshot, red: bool) -> None:
    made = evaluation(red_flags=(RedFlag.ABUSE,)) if red else evaluation(Decision.LET_GO)
    result = assess(dataclasses.replace(s, evaluation=made))
    assert result.blocked and result.score is None and result.level == LEVEL_PAUSED
    assert result.block_reason
    assert result.let_go == (not red)


@given(snapshots_st(phases=(1, 2, 3)))
def test_reaching_out_yesterday_in_the_pause_floors_space_and_never_helps(s: Snapshot) -> None:
    yesterday = contact(ago(1), response=Response.WARM)
    reached = dataclasses.replace(s, contacts=(*s.contacts, yesterday))
    # The fast path's one "sorry, can we talk?" is the exception (see the casebook).
    assume(fast_path_apology(reached) is not yesterday)
    after = assess(reached)
    before = assess(s)
    assert after.factor("space").score == 0
    if before.score is not None and after.score is not None:
        assert after.score <= before.score
    assert (after.score is None) == (before.score is None)


@given(snapshots_st(), contacts_st(max_size=6))
def test_logistics_contacts_never_change_the_assessment(
    s: Snapshot, extra: tuple[Contact, ...]
) -> None:
    logistics = [dataclasses.replace(c, logistics=True) for c in extra]
    merged = tuple(sorted((*s.contacts, *logistics), key=lambda c: (c.when, c.id)))
    assert assess(dataclasses.replace(s, contacts=merged)) == assess(s)


@given(
    snapshots_st(),
    st.lists(st.tuples(st.integers(1, 10), st.integers(0, 9)), min_size=1, max_size=20),
)
def test_a_better_mood_history_never_lowers_the_mood_factor(
    s: Snapshot, raises: list[tuple[int, int]]
) -> None:
    assume(any(c.mood is not None for c in recent(s.checkins, s.today, THRESHOLDS.window_days)))
    lifts = [0] * len(s.checkins)
    for index, amount in raises:
        lifts[index % len(lifts)] += amount
    better = tuple(
        c if c.mood is None else dataclasses.replace(c, mood=min(10, c.mood + lift))
        for c, lift in zip(s.checkins, lifts, strict=True)
    )
    worse_mood = _mood(s)
    better_mood = _mood(dataclasses.replace(s, checkins=better))
    assert worse_mood is not None and better_mood is not None
    assert better_mood >= worse_mood


def _mood(s: Snapshot) -> int | None:
    return next(f.score for f in factors(s) if f.key == "mood")


def test_checkin_type_is_the_one_the_meter_reads() -> None:
    # Days with only an urge or only habits are not mood check-ins for the data gate.
    made = tuple(CheckIn(ago(i), None, 3) for i in range(10))
    assert assess(snap(checkins=made)).level == LEVEL_NO_DATA


@pytest.mark.parametrize("phase", [1, 2, 3, 4, 5, 6])
def test_every_phase_has_a_next_step(phase: int) -> None:
    result = assess(snap(phase=phase, checkins=GOOD_DAYS, evaluation=evaluation()))
    assert result.next_step
    # Phase 6 is about the relationship you're building: no contact-readiness score.
    assert (result.score is None) == (phase == 6)
