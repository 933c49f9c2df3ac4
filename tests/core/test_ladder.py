"""The contact ladder: replaying the log, one rung at a time."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from exback_tui.core.ladder import (
    GOOD_IN_A_ROW,
    RUNGS,
    TOP_RUNG,
    contact_phase_start,
    ladder_state,
    rungs,
)
from exback_tui.core.values import Contact, HowEnded, Initiator, Journey, PhaseStep, Response

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


def replay(*responses: Response, journey: Journey = PLAIN) -> int:
    made = [contact(ago(30 - i), response=r) for i, r in enumerate(responses)]
    return ladder_state(made, journey).rung_index


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


def test_no_contacts_is_the_bottom_rung() -> None:
    state = ladder_state((), PLAIN)
    assert state.rung_index == 0
    assert state.history == ()
    assert state.good_streak == 0
    assert state.next_step == RUNGS[0].advice


def test_first_personal_contact_lifts_you_to_the_first_text_whatever_the_answer() -> None:
    assert replay(X) == 1
    assert replay(N) == 1
    assert replay(F) == 1
    by_them = contact(ago(3), by=Initiator.THEM, response=Response.WARM)
    assert ladder_state([by_them], PLAIN).rung_index == 1


def test_a_cold_answer_to_the_first_contact_keeps_you_at_the_bottom() -> None:
    assert replay(C) == 0
    assert replay(H) == 0


def test_two_good_in_a_row_climb_one_rung() -> None:
    assert replay(X, F) == 1
    assert replay(X, F, W) == 2
    assert replay(X, F, W, F, F) == 3


def test_neutral_or_no_answer_breaks_the_run() -> None:
    assert replay(X, F, N, F) == 1
    assert replay(X, F, X, F) == 1
    assert replay(X, F, X, F, F) == 2


def test_the_run_starts_over_on_each_new_rung() -> None:
    # Three good in a row: the third is the first of the next rung's run, not a second climb.
    made = [contact(ago(9 - i), response=r) for i, r in enumerate((X, F, F, F))]
    state = ladder_state(made, PLAIN)
    assert state.rung_index == 2
    assert state.good_streak == 1


def test_a_bad_response_drops_one_rung_and_never_below_zero() -> None:
    assert replay(X, F, F, C) == 1
    assert replay(X, F, F, F, F, H) == 2
    assert replay(X, H) == 0
    assert replay(X, H, H) == 0


def test_the_top_rung_holds_under_more_warmth() -> None:
    responses = [X] + [F] * (2 * TOP_RUNG + 6)
    assert replay(*responses) == TOP_RUNG
    made = [contact(ago(40 - i), response=r) for i, r in enumerate(responses)]
    assert ladder_state(made, PLAIN).is_top


def test_logistics_contacts_and_old_contacts_are_ignored() -> None:
    made = [
        contact(ago(20), response=F),
        contact(ago(10), response=X),
        contact(ago(9), response=F, logistics=True),
        contact(ago(8), response=H, logistics=True),
        contact(ago(7), response=F),
        contact(ago(6), response=W),
    ]
    assert ladder_state(made, PLAIN).rung_index == 2
    state = ladder_state(made, PLAIN, since=ago(10))
    assert state.rung_index == 2
    assert [s.day for s in state.history] == [ago(10), ago(7), ago(6)]
    assert ladder_state(made, PLAIN, since=ago(7)).rung_index == 1


def test_history_records_each_move() -> None:
    made = [contact(ago(5 - i), response=r) for i, r in enumerate((X, F, W, C))]
    state = ladder_state(made, PLAIN)
    moves = [(s.rung_before, s.rung_after) for s in state.history]
    assert moves == [(0, 1), (1, 1), (1, 2), (2, 1)]
    assert [s.moved for s in state.history] == [1, 0, 1, -1]
    assert state.history[-1].contact_id == made[-1].id


def test_next_step_says_what_one_more_friendly_reply_would_do() -> None:
    state = ladder_state([contact(ago(2), response=X), contact(ago(1), response=F)], PLAIN)
    assert state.good_streak == 1
    assert "One more friendly reply" in state.next_step
    assert "regular friendly messages" in state.next_step


def test_next_step_eases_off_after_a_bad_response() -> None:
    state = ladder_state([contact(ago(3), response=X), contact(ago(1), response=H)], PLAIN)
    assert state.rung_index == 0
    assert "pulled back" in state.next_step


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

PROPS = settings(max_examples=150, deadline=None)


@PROPS
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


@PROPS
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


@PROPS
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


@PROPS
@given(contacts_st(max_size=20), st.sampled_from([Response.COLD, Response.HOSTILE]))
def test_a_bad_response_never_climbs(made: tuple[Contact, ...], bad: Response) -> None:
    before = ladder_state(made, PLAIN)
    after = ladder_state([*made, contact(ago(0), response=bad)], PLAIN)
    assert after.rung_index == max(0, before.rung_index - 1)
    assert after.good_streak == 0


def test_good_in_a_row_is_two() -> None:
    # The phases say "receptive, and not just once": the rule must never drop to one.
    assert GOOD_IN_A_ROW >= 2
