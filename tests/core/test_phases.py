"""The roadmap: phases, checklists, exit signals, moves and the special cases. The gates on the
way to contact are in test_phase_gates.py."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exback_tui.core import phase_text
from exback_tui.core.exit_signals import exit_signals
from exback_tui.core.insights import pause_target_days
from exback_tui.core.ladder import ladder_state
from exback_tui.core.phase_text import PHASES, YES_ITEM
from exback_tui.core.phases import (
    after_no,
    after_yes,
    check_move,
    checklist,
    is_fast_path,
    logistics_duties,
    next_thing,
    notes,
    phase,
)
from exback_tui.core.values import (
    ChecklistMark,
    Decision,
    Habit,
    HowEnded,
    Initiator,
    Journey,
    PhaseStep,
    RedFlag,
    Response,
    Snapshot,
)

from .conftest import TODAY, ago, contact, days_of, evaluation, signal, snap, snapshots_st

PLANNED14 = Journey(breakup_date=ago(60), how=HowEnded.PLANNED, pause_target_days=14)


def all_text() -> list[str]:
    pt = phase_text
    texts = [pt.ROADMAP_INTRO, pt.SKIP_WARNING, pt.BACK_REASON_HINT, pt.FAST_PATH]
    texts += [pt.LOGISTICS_NOTE, pt.EX_DATING, pt.APOLOGY_FIRST, pt.AFTER_NO, pt.AFTER_YES]
    texts += [pt.LET_GO_INTRO, pt.RED_FLAG_NOTE, pt.HARM_NOTE, *pt.LET_GO_TRACK]
    texts += [pt.FAST_PATH_SENT, pt.FAST_PATH_CLOSED, pt.FAST_PATH_SENT_NOTE, pt.UNCLEAR_PURSUE]
    texts += [pt.FAST_PATH_CLOSED_NOTE, pt.LOGISTICS_CHECK, pt.SAFETY_FORCE_WARNING]
    texts += [pt.HARM_FORCE_WARNING, pt.LET_GO_FORCE_WARNING, pt.SAFETY_STEP, pt.HARM_STEP]
    for p in PHASES:
        texts += [p.title, p.purpose, p.choose_hint, *p.guidance, *p.done_when]
        texts += [item.text for item in p.checklist]
    return texts


# -- the phases themselves ------------------------------------------------------------------


def test_six_phases_in_order_with_stable_keys() -> None:
    assert [p.number for p in PHASES] == [1, 2, 3, 4, 5, 6]
    assert [p.key for p in PHASES] == ["pause", "yourself", "evaluate", "contact", "ask", "build"]
    assert phase(4).title == "Progressive contact"
    assert all(p.purpose and p.choose_hint and p.guidance for p in PHASES)


@pytest.mark.parametrize("bad", [0, 7, -1])
def test_unknown_phase_number_is_a_clear_error(bad: int) -> None:
    with pytest.raises(ValueError, match=f"There is no phase {bad}"):
        phase(bad)


def test_checklists_have_five_to_eight_unique_slug_keys() -> None:
    for p in PHASES:
        keys = [item.key for item in p.checklist]
        assert 5 <= len(keys) <= 8, p.key
        assert len(set(keys)) == len(keys)
        assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", k) for k in keys)
    assert YES_ITEM in [item.key for item in phase(5).checklist]


def test_text_is_plain_and_short_enough_to_render() -> None:
    for text in all_text():
        assert "[" not in text and "]" not in text, text
        assert text == text.strip() and text
        assert "\n" not in text


def test_key_facts_are_reachable_in_the_guidance() -> None:
    def said(n: int) -> str:
        return " ".join(phase(n).guidance).lower()

    assert "social media" in said(1) and "logistics" in said(1)
    assert "sorry, can we talk?" in said(1) and "no contact" in said(1)
    assert "friends" in said(2) and "gym" in said(2) and "needy" not in said(2)
    assert "neediness" in said(2) and "we'll see" in said(2)
    assert "intimacy, passion and commitment" in said(3) and "sternberg" in said(3)
    assert "promotion" in said(3) and "no shame" in said(3) and "abuse" in said(3)
    assert "twenty-minute coffee" in said(4) and "apologise first" in said(4)
    assert "just friends" in said(4) and "aim for maybe" in said(4)
    assert "long distance" in said(4) and "rebound" in said(4)
    assert "no" in said(5) and "phase 4" in said(5)
    assert "hold me tight" in said(6) and "three relationships" in said(6)


# -- pause target and special cases ---------------------------------------------------------


def test_pause_target_follows_the_breakup_unless_set() -> None:
    assert pause_target_days(Journey(how=HowEnded.RASH)) == 2
    assert pause_target_days(Journey(how=HowEnded.PLANNED)) == 30
    assert pause_target_days(Journey()) == 30
    assert pause_target_days(Journey(how=HowEnded.RASH, pause_target_days=10)) == 10
    assert pause_target_days(Journey(pause_target_days=0)) == 1


def test_special_cases_are_reachable() -> None:
    assert is_fast_path(Journey(how=HowEnded.RASH))
    assert not is_fast_path(Journey(how=HowEnded.PLANNED))
    assert logistics_duties(Journey(children=True, living_together=True)) == (
        "parenting",
        "household",
    )
    assert logistics_duties(Journey()) == ()
    assert after_no() == 4 and after_yes() == 6
    assert "phase 4" in phase_text.AFTER_NO
    assert any("no shame" in step for step in phase_text.LET_GO_TRACK)
    assert 3 <= len(phase_text.LET_GO_TRACK) <= 8


def test_notes_fit_the_situation() -> None:
    rash = Journey(how=HowEnded.RASH, children=True)
    assert {n.key for n in notes(snap(journey=rash))} == {"fast-path", "logistics"}
    dating = Journey(ex_dating=True, hurt_ex=True)
    assert {n.key for n in notes(snap(phase=4, journey=dating))} == {"ex-dating", "apology-first"}
    assert {n.key for n in notes(snap(phase=5))} == {"after-no"}
    let_go = snap(phase=3, evaluation=evaluation(Decision.LET_GO))
    assert "let-go" in {n.key for n in notes(let_go)}
    flagged = snap(phase=3, evaluation=evaluation(red_flags=(RedFlag.ABUSE,)))
    assert notes(flagged)[0].key == "red-flag"


def test_phase_six_checklist_adds_a_safeguard_per_pattern() -> None:
    base = checklist(6)
    assert base == phase(6).checklist
    made = evaluation(patterns=("Silent treatment", "Jealousy!", "  ", "silent treatment"))
    items = checklist(6, made)
    extra = items[len(base) :]
    assert [i.text for i in extra] == [
        "Watch for: Silent treatment",
        "Watch for: Jealousy!",
        "Watch for: silent treatment",
    ]
    assert [i.key for i in extra] == [
        "pattern-silent-treatment",
        "pattern-jealousy",
        "pattern-silent-treatment-4",
    ]
    assert checklist(5, made) == phase(5).checklist
    assert checklist(6, evaluation(patterns=("!!!",)))[-1].key == "pattern-1"


# -- exit signals ---------------------------------------------------------------------------


def test_pause_signal_counts_days_since_your_last_personal_contact() -> None:
    made = (contact(ago(12)), contact(ago(3), by=Initiator.THEM), contact(ago(1), logistics=True))
    s = snap(journey=PLANNED14, contacts=made)
    held = signal(s, "pause-held")
    assert not held.met
    assert held.detail == "12 of 14 days without reaching out so far."
    later = snap(journey=PLANNED14, contacts=(contact(ago(16)),))
    assert signal(later, "pause-held").met
    assert "16 days" in signal(later, "pause-held").detail


def test_pause_counts_from_the_breakup_before_any_contact() -> None:
    s = snap(journey=Journey(breakup_date=ago(5), pause_target_days=5))
    assert signal(s, "pause-held").met
    s = snap(journey=Journey(breakup_date=ago(4), pause_target_days=5))
    assert not signal(s, "pause-held").met


def test_moving_back_to_the_pause_starts_it_over() -> None:
    steps = (PhaseStep(1, ago(90)), PhaseStep(4, ago(40)), PhaseStep(1, ago(3)))
    s = snap(steps=steps, journey=PLANNED14, contacts=(contact(ago(30)),))
    assert signal(s, "pause-held").detail == "3 of 14 days without reaching out so far."


def test_urge_signal_low_or_falling() -> None:
    high_flat = days_of([5] * 14, urges=[7] * 14)
    assert not signal(snap(checkins=high_flat), "urge-easing").met
    low = days_of([5] * 7, urges=[2] * 7)
    assert signal(snap(checkins=low), "urge-easing").met
    falling = days_of([5] * 14, urges=[9] * 7 + [6] * 7)
    s = signal(snap(checkins=falling), "urge-easing")
    assert s.met and "down from 9.0" in s.detail
    assert not signal(snap(checkins=days_of([5] * 5)), "urge-easing").met


def test_composure_means_no_freefall() -> None:
    assert signal(snap(checkins=days_of([5] * 14)), "composure").met
    freefall = days_of([7] * 7 + [4] * 7)
    assert not signal(snap(checkins=freefall), "composure").met
    assert not signal(snap(checkins=days_of([2] * 7)), "composure").met
    assert not signal(snap(checkins=days_of([6, 6])), "composure").met


def test_phase_two_signals() -> None:
    names = [["gym", "friends"]] * 21
    good = snap(phase=2, checkins=days_of([6] * 15 + [3] * 6, habits=names))
    assert all(s.met for s in exit_signals(good))
    detail = signal(good, "mostly-ok").detail
    assert detail == "Mostly OK on 15 of 21 check-ins in the last three weeks."
    half = snap(phase=2, checkins=days_of([6] * 10 + [4] * 11))
    assert not signal(half, "mostly-ok").met
    assert not signal(half, "plan-running").met
    sparse = snap(phase=2, checkins=days_of([6, None] * 10 + [6]))
    assert not signal(sparse, "enough-checkins").met
    no_habits = snap(phase=2, habits=(Habit(1, "gym", archived=True),), checkins=good.checkins)
    assert "Add a habit" in signal(no_habits, "plan-running").detail


def test_phase_three_needs_a_decision_to_pursue() -> None:
    assert not exit_signals(snap(phase=3))[0].met
    assert exit_signals(snap(phase=3, evaluation=evaluation()))[0].met
    let_go = exit_signals(snap(phase=3, evaluation=evaluation(Decision.LET_GO)))[0]
    assert not let_go.met and "valid" in let_go.detail
    flagged = evaluation(red_flags=(RedFlag.CONTROL,))
    assert not exit_signals(snap(phase=3, evaluation=flagged))[0].met


def test_phase_four_needs_the_top_rung() -> None:
    # Warm replies eleven days apart: each rung's two good replies and its minimum days.
    made = tuple(contact(ago(180 - 11 * i), response=Response.WARM) for i in range(13))
    s = snap(phase=4, phase_since=ago(200), contacts=made)
    assert exit_signals(s)[0].met
    short = snap(phase=4, phase_since=ago(200), contacts=made[:5])
    sig = exit_signals(short)[0]
    assert not sig.met and sig.detail == "Rung 4 of 8: a letter, email or call."


def test_phase_five_needs_a_yes_and_six_needs_nothing() -> None:
    assert not exit_signals(snap(phase=5))[0].met
    yes = (ChecklistMark(5, YES_ITEM, ago(1)),)
    assert exit_signals(snap(phase=5, checklist=yes))[0].met
    assert exit_signals(snap(phase=6)) == ()


# -- moves ----------------------------------------------------------------------------------


def test_moving_to_the_same_phase_is_refused() -> None:
    with pytest.raises(ValueError, match="already in phase 2"):
        check_move(snap(phase=2), 2)
    with pytest.raises(ValueError):
        check_move(snap(phase=2), 9)


def test_moving_back_is_allowed_and_asks_why() -> None:
    move = check_move(snap(phase=4), 1)
    assert move.is_back and not move.is_forward and move.allowed_without_force
    assert move.needs_reason and "clash" in move.reason_hint
    assert move.unmet == () and move.warning == ""


def test_moving_forward_past_unmet_signals_needs_force() -> None:
    move = check_move(snap(phase=3), 4)
    assert move.is_forward and not move.allowed_without_force
    assert [s.key for s in move.unmet] == ["decided-pursue"]
    assert "odds" in move.warning and not move.needs_reason
    ready = check_move(snap(phase=3, evaluation=evaluation()), 4)
    assert ready.allowed_without_force and ready.warning == "" and ready.skipped == ()


def test_skipping_a_phase_needs_force_even_when_signals_are_met() -> None:
    move = check_move(snap(phase=3, evaluation=evaluation()), 5)
    assert move.skipped == (4,)
    assert not move.allowed_without_force and move.warning
    let_go = check_move(snap(phase=3, evaluation=evaluation(Decision.LET_GO)), 4)
    assert not let_go.allowed_without_force


def test_fast_path_goes_from_a_short_pause_to_contact() -> None:
    rash = Journey(breakup_date=ago(3), how=HowEnded.RASH)
    move = check_move(snap(journey=rash), 4)
    assert move.fast_path and move.allowed_without_force and move.skipped == (2, 3)
    too_soon = check_move(snap(journey=Journey(breakup_date=ago(1), how=HowEnded.RASH)), 4)
    assert too_soon.fast_path and not too_soon.allowed_without_force
    planned = Journey(breakup_date=ago(90), how=HowEnded.PLANNED)
    assert not check_move(snap(journey=planned), 4).allowed_without_force
    assert not check_move(snap(journey=rash), 5).allowed_without_force


@given(snapshots_st(), st.integers(1, 6))
def test_move_rules_hold_for_any_snapshot(snapshot: Snapshot, target: int) -> None:
    if target == snapshot.phase:
        with pytest.raises(ValueError):
            check_move(snapshot, target)
        return
    move = check_move(snapshot, target)
    if target < snapshot.phase:
        assert move.allowed_without_force and move.needs_reason
    else:
        assert move.skipped == tuple(range(snapshot.phase + 1, target))
        if move.allowed_without_force:
            assert not move.unmet and (not move.skipped or move.fast_path)
        else:
            assert move.warning
    assert next_thing(snapshot)


# -- next thing -----------------------------------------------------------------------------


def test_next_thing_follows_the_phase() -> None:
    s = snap(journey=PLANNED14, contacts=(contact(ago(10)),))
    assert next_thing(s) == "Hold the pause: 4 days more without reaching out."
    assert "three questions" in next_thing(snap(phase=3))
    first = next_thing(snap(phase=4))
    assert first == ladder_state((), Journey()).next_step
    let_go = snap(phase=4, evaluation=evaluation(Decision.LET_GO))
    assert "healing" in next_thing(let_go)
    rash = Journey(breakup_date=ago(3), how=HowEnded.RASH)
    assert "sorry, can we talk?" in next_thing(snap(journey=rash))
    assert TODAY  # the fixture's today drives every date above


def test_roadmap_counts_days_over_every_stint_and_checklist_progress() -> None:
    from datetime import date

    from exback_tui.core.phases import checklist
    from exback_tui.core.roadmap import roadmap
    from exback_tui.core.values import ChecklistMark, Journey, PhaseStep, Snapshot

    today = date(2026, 11, 23)
    steps = (
        PhaseStep(1, date(2026, 11, 1)),
        PhaseStep(2, date(2026, 11, 11)),  # 10 days in the pause
        PhaseStep(1, date(2026, 11, 15)),  # 4 days in phase 2, then a clash
    )
    first_item = checklist(1)[0].key
    snap = Snapshot(
        today=today,
        journey=Journey(),
        phase_steps=steps,
        checkins=(),
        habits=(),
        contacts=(),
        checklist=(ChecklistMark(1, first_item, today), ChecklistMark(1, "not-an-item", today)),
    )
    stops = roadmap(snap)
    assert [s.phase.number for s in stops] == [1, 2, 3, 4, 5, 6]
    assert stops[0].current and not stops[1].current
    assert stops[0].days == 10 + 8  # 1-10 Nov, then 15-22 Nov (today is not a whole day yet)
    assert stops[1].days == 4
    assert stops[2].days == 0
    # Only what applies: no children and no shared home, so no logistics item.
    assert (stops[0].checklist_done, stops[0].checklist_total) == (1, len(checklist(1)) - 1)
