"""The contact ladder: replaying the log, one rung at a time."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from exback_tui.core.ladder import (
    LADDER_RULES,
    MEDIUM_RUNG,
    RUNGS,
    TOP_RUNG,
    ask_cooldown,
    contact_phase_start,
    is_jump,
    ladder_state,
    rungs,
)
from exback_tui.core.values import (
    Ask,
    AskAnswer,
    Contact,
    HowEnded,
    Initiator,
    Journey,
    Medium,
    PhaseStep,
    Response,
    StepKind,
)

from .conftest import ago, contact, contacts_st

PLAIN = Journey()
F, W, N, X, C, H = (
    Response.FRIENDLY,
    Response.WARM,
    Response.NEUTRAL,
    Response.NONE,
    Response.COLD,
    Response.HOSTILE,
)


def replay(*responses: Response, journey: Journey = PLAIN, every: int = 10) -> int:
    """The rung after these replies to texts sent ``every`` days apart, ending today."""
    made = [
        contact(ago(every * (len(responses) - 1 - i)), response=r) for i, r in enumerate(responses)
    ]
    return ladder_state(made, journey, today=ago(0)).rung_index


def test_rungs_go_from_silence_to_asking() -> None:
    assert [r.key for r in RUNGS] == [
        "no-contact",
        "first-text",
        "friendly-messages",
        "letter-or-call",
        "coffee",
        "meetups",
        "more-time",
        "ready-to-ask",
    ]
    assert "twenty" in RUNGS[4].title
    assert "not dates" in RUNGS[5].advice
    assert TOP_RUNG == 7


def test_each_medium_has_its_rung() -> None:
    assert MEDIUM_RUNG[Medium.TEXT] == MEDIUM_RUNG[Medium.SOCIAL] == 1
    assert MEDIUM_RUNG[Medium.LETTER] == MEDIUM_RUNG[Medium.EMAIL] == 3
    assert MEDIUM_RUNG[Medium.CALL] == MEDIUM_RUNG[Medium.VIDEO] == 3
    assert MEDIUM_RUNG[Medium.MEETUP] == 4
    assert set(MEDIUM_RUNG) == set(Medium)


def test_no_contacts_is_the_bottom_rung() -> None:
    state = ladder_state((), PLAIN)
    assert state.rung_index == 0
    assert state.history == ()
    assert state.good_streak == 0
    assert state.next_step == RUNGS[0].advice
    assert state.step.kind is StepKind.CONTACT and state.step.rung == 0


def test_first_personal_contact_lifts_you_to_the_first_text_whatever_the_answer() -> None:
    assert replay(X) == 1
    assert replay(N) == 1
    assert replay(F) == 1
    by_them = contact(ago(3), by=Initiator.THEM, response=Response.WARM)
    assert ladder_state([by_them], PLAIN).rung_index == 1


def test_a_cold_answer_to_the_first_contact_keeps_you_at_the_bottom() -> None:
    assert replay(C) == 0
    assert replay(H) == 0


def test_two_good_replies_on_different_days_climb_one_rung() -> None:
    assert replay(X, F) == 1
    assert replay(X, F, W) == 2
    assert replay(X, F, W, F, F) == 3


def test_a_burst_in_one_day_counts_once() -> None:
    burst = [contact(ago(0), response=F, hour=h) for h in range(8, 20)]
    assert ladder_state(burst, PLAIN, today=ago(0)).rung_index == 1
    earlier = [contact(ago(20), response=F), contact(ago(10), response=F)]
    before = ladder_state(earlier, PLAIN, today=ago(0)).rung_index
    after = ladder_state([*earlier, *burst], PLAIN, today=ago(0)).rung_index
    assert after - before <= 1


def test_each_rung_has_its_minimum_days() -> None:
    rules = LADDER_RULES
    # Two friendly replies a day apart on the first text: too soon for the next rung.
    made = [contact(ago(2), response=X), contact(ago(1), response=F), contact(ago(0), response=F)]
    state = ladder_state(made, PLAIN, today=ago(0))
    assert state.rung_index == 1
    assert "more before regular friendly messages" in state.next_step
    assert rules.min_days_at_rung[1] > 2
    # The meetup rungs ask for the longest stays: rushing costs most there.
    assert rules.min_days_at_rung[4] >= 14 and rules.min_days_at_rung[5] >= 21


def test_neutral_or_no_answer_breaks_the_run() -> None:
    assert replay(X, F, N, F) == 1
    assert replay(X, F, X, F) == 1
    assert replay(X, F, X, F, F) == 2


def test_the_run_starts_over_on_each_new_rung() -> None:
    made = [contact(ago(30 - 10 * i), response=r) for i, r in enumerate((X, F, F, F))]
    state = ladder_state(made, PLAIN, today=ago(0))
    assert state.rung_index == 2
    assert state.good_streak == 1


def test_a_bad_response_drops_one_rung_never_below_zero_and_asks_for_a_wait() -> None:
    assert replay(X, F, F, C) == 1
    assert replay(X, F, F, F, F, H) == 2
    assert replay(X, H) == 0
    assert replay(X, H, H) == 0
    state = ladder_state(
        [contact(ago(3), response=X), contact(ago(1), response=H)], PLAIN, today=ago(0)
    )
    assert state.step.kind is StepKind.WAIT
    assert state.wait_until == ago(1) + timedelta(days=LADDER_RULES.space_after_hostile_days)
    assert "space" in state.next_step and "text" not in state.next_step


def test_a_cold_reply_eases_off_for_a_week() -> None:
    state = ladder_state(
        [contact(ago(9), response=F), contact(ago(2), response=C)], PLAIN, today=ago(0)
    )
    assert state.step.kind is StepKind.WAIT
    assert state.wait_until == ago(2) + timedelta(days=LADDER_RULES.wait_after_cold_days)
    later = ladder_state(
        [contact(ago(29), response=F), contact(ago(20), response=C)], PLAIN, today=ago(0)
    )
    assert later.step.kind is StepKind.CONTACT and later.wait_until is None


def test_two_unanswered_in_a_row_drop_a_rung_and_wait() -> None:
    made = [
        contact(ago(40), response=F),
        contact(ago(30), response=F),
        contact(ago(20), response=F),
        contact(ago(4)),
        contact(ago(2)),
    ]
    state = ladder_state(made, PLAIN, today=ago(0))
    assert [s.moved for s in state.history][-2:] == [0, -1]
    assert state.step.kind is StepKind.WAIT and "unanswered" in state.next_step
    assert state.wait_until == ago(2) + timedelta(days=LADDER_RULES.wait_after_silence_days)


def test_many_unanswered_or_repeated_coldness_suggest_stepping_back() -> None:
    silent = [contact(ago(40 - 4 * i)) for i in range(10)]
    state = ladder_state(silent, PLAIN, today=ago(0))
    assert state.step_back and "letting go" in state.next_step
    cold = [contact(ago(d), response=r) for d, r in ((25, C), (15, H), (5, C))]
    assert ladder_state(cold, PLAIN, today=ago(0)).step_back
    # Spread over months, three chills are not a pattern of rejection.
    spread_out = [contact(ago(d), response=C) for d in (200, 120, 40)]
    assert not ladder_state(spread_out, PLAIN, today=ago(0)).step_back


def test_jumping_ahead_earns_nothing_and_says_so() -> None:
    meetups = [contact(ago(d), response=F, medium=Medium.MEETUP) for d in (12, 8, 4)]
    state = ladder_state(meetups, PLAIN, today=ago(0))
    assert state.rung_index == 1 and state.jumped_ahead
    assert all(s.jumped_ahead for s in state.history)
    assert "jumped ahead" in state.next_step
    # Their meetup invitation is not your jump.
    theirs = [contact(ago(4), by=Initiator.THEM, response=W, medium=Medium.MEETUP)]
    assert not ladder_state(theirs, PLAIN, today=ago(0)).jumped_ahead
    # A text at the first rung is not a jump.
    assert not is_jump(contact(ago(1), medium=Medium.TEXT), 0)
    assert is_jump(contact(ago(1), medium=Medium.CALL), 2)
    assert not is_jump(contact(ago(1), medium=Medium.CALL), 3)


def ask(days_ago: int, answer: AskAnswer) -> Ask:
    when = datetime.combine(ago(days_ago), time(20), tzinfo=timezone(timedelta(hours=1)))
    return Ask(days_ago + 500, when, answer)


CLIMB = [contact(ago(180 - 11 * i), response=W) for i in range(13)]


def test_warm_replies_over_months_reach_the_top() -> None:
    state = ladder_state(CLIMB, PLAIN, today=ago(0))
    assert state.is_top
    assert state.step.kind is StepKind.ASK


def test_an_ask_that_is_not_a_yes_drops_rungs_and_starts_a_cool_down() -> None:
    rules = LADDER_RULES
    for answer in (AskAnswer.NO, AskAnswer.MAYBE, AskAnswer.NOT_NOW):
        state = ladder_state(CLIMB, PLAIN, today=ago(0), asks=[ask(3, answer)])
        assert state.rung_index == rules.ask_rung[answer] < TOP_RUNG
        until = ago(3) + timedelta(days=rules.ask_cooldown_days[answer])
        assert state.cooldown_until == until
        assert state.step.kind is not StepKind.ASK
        assert ask_cooldown([ask(3, answer)], ago(0)) == (until, answer)
    assert rules.ask_cooldown_days[AskAnswer.NO] > rules.ask_cooldown_days[AskAnswer.MAYBE]
    # A yes changes nothing on the ladder; it moves you to phase 6 instead.
    assert ladder_state(CLIMB, PLAIN, today=ago(0), asks=[ask(3, AskAnswer.YES)]).is_top
    assert ask_cooldown([ask(3, AskAnswer.YES)], ago(0)) is None
    # After the cool-down, the ladder may be climbed again.
    assert ask_cooldown([ask(90, AskAnswer.NO)], ago(0)) is None


def test_logistics_contacts_and_old_contacts_are_ignored() -> None:
    made = [
        contact(ago(40), response=F),
        contact(ago(30), response=X),
        contact(ago(29), response=F, logistics=True),
        contact(ago(28), response=H, logistics=True),
        contact(ago(20), response=F),
        contact(ago(10), response=W),
    ]
    assert ladder_state(made, PLAIN).rung_index == 2
    state = ladder_state(made, PLAIN, since=ago(30))
    assert state.rung_index == 2
    assert [s.day for s in state.history] == [ago(30), ago(20), ago(10)]
    assert ladder_state(made, PLAIN, since=ago(20)).rung_index == 1


def test_history_records_each_move() -> None:
    made = [contact(ago(30 - 10 * i), response=r) for i, r in enumerate((X, F, W, C))]
    state = ladder_state(made, PLAIN)
    moves = [(s.rung_before, s.rung_after) for s in state.history]
    assert moves == [(0, 1), (1, 1), (1, 2), (2, 1)]
    assert [s.moved for s in state.history] == [1, 0, 1, -1]
    assert state.history[-1].contact_id == made[-1].id


def test_next_step_says_what_one_more_friendly_reply_would_do() -> None:
    made = [contact(ago(12), response=X), contact(ago(6), response=F)]
    state = ladder_state(made, PLAIN, today=ago(0))
    assert state.good_streak == 1
    assert "One more friendly reply" in state.next_step
    assert "regular friendly messages" in state.next_step


def test_advice_fits_the_breakup() -> None:
    assert "apology" in rungs(Journey(hurt_ex=True))[0].advice
    assert "apologised" in rungs(Journey(hurt_ex=True))[1].advice
    assert "sorry, can we talk?" in rungs(Journey(how=HowEnded.RASH))[0].advice
    # Having hurt them outweighs the fast path: the apology comes first either way.
    assert "apology" in rungs(Journey(how=HowEnded.RASH, hurt_ex=True))[0].advice
    top = rungs(Journey(ex_dating=True))[TOP_RUNG].advice
    assert "commitment" in top and "compete" in top
    assert rungs(PLAIN) == RUNGS


def test_contact_phase_start_survives_a_no_in_phase_five() -> None:
    steps = [
        PhaseStep(1, ago(90)),
        PhaseStep(2, ago(80)),
        PhaseStep(3, ago(60)),
        PhaseStep(4, ago(50)),
        PhaseStep(5, ago(10)),
        PhaseStep(4, ago(5)),
    ]
    assert contact_phase_start(steps) == ago(50)
    assert contact_phase_start(steps[:3]) is None
    back_to_pause_and_again = [*steps, PhaseStep(1, ago(4)), PhaseStep(4, ago(2))]
    assert contact_phase_start(back_to_pause_and_again) == ago(2)
    assert contact_phase_start([]) is None


# -- properties -----------------------------------------------------------------------------


@given(contacts_st(max_size=25))
def test_rung_always_in_range_and_moves_at_most_one_per_contact(made: tuple[Contact, ...]) -> None:
    state = ladder_state(made, PLAIN)
    assert 0 <= state.rung_index <= TOP_RUNG
    assert state.rung == RUNGS[state.rung_index]
    previous = 0
    for step in state.history:
        assert step.rung_before == previous
        assert abs(step.moved) <= 1
        previous = step.rung_after
    assert previous == state.rung_index
    assert state.good_streak >= 0


@given(
    contacts_st(max_size=20),
    st.lists(st.tuples(st.integers(0, 20), st.sampled_from(list(Response)))),
)
def test_logistics_contacts_never_change_the_state(
    made: tuple[Contact, ...], extra: list[tuple[int, Response]]
) -> None:
    with_logistics = list(made)
    for position, response in extra:
        at = min(position, len(with_logistics))
        day = with_logistics[at - 1].day if at else ago(45)
        with_logistics.insert(at, contact(day, response=response, logistics=True))
    assert ladder_state(with_logistics, PLAIN) == ladder_state(made, PLAIN)


@given(contacts_st(max_size=20), st.sampled_from([Response.FRIENDLY, Response.WARM]))
def test_one_good_response_alone_never_climbs(made: tuple[Contact, ...], good: Response) -> None:
    # Break any run first, so the good response is on its own.
    broken = [*made, contact(ago(0), response=Response.NEUTRAL)]
    before = ladder_state(broken, PLAIN)
    after = ladder_state([*broken, contact(ago(0), response=good)], PLAIN)
    if before.rung_index > 0:
        assert after.rung_index == before.rung_index
        assert after.good_streak == 1
    else:
        # From silence, any first contact is the first text: the contact moves you, not the reply.
        assert after.rung_index == 1


@given(contacts_st(max_size=20), st.sampled_from([Response.COLD, Response.HOSTILE]))
def test_a_bad_response_never_climbs(made: tuple[Contact, ...], bad: Response) -> None:
    before = ladder_state(made, PLAIN)
    after = ladder_state([*made, contact(ago(0), response=bad)], PLAIN)
    assert after.rung_index == max(0, before.rung_index - 1)
    assert after.good_streak == 0


def test_good_in_a_row_is_two() -> None:
    # The phases say "receptive, and not just once": the rule must never drop to one.
    assert LADDER_RULES.good_in_a_row >= 2
