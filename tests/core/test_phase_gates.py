"""The gates on the way to contact (advice you can trust): care before contact, the cool-down
after a no, red flags and forcing past them, two clear yeses, the fast path's apology, and the
roadmap's honest words about what was skipped."""

from __future__ import annotations

import dataclasses
from datetime import datetime, time, timedelta, timezone

from exback_tui.core.evaluation import evaluation_warning
from exback_tui.core.exit_signals import exit_signals
from exback_tui.core.phase_text import FORCED_DEFAULT_REASON, TRANSITION_LABELS, YES_ITEM
from exback_tui.core.phases import (
    check_move,
    checklist,
    logistics_duties,
    logistics_needs_reason,
    notes,
)
from exback_tui.core.roadmap import roadmap
from exback_tui.core.values import (
    Answer,
    Ask,
    AskAnswer,
    ChecklistMark,
    HowEnded,
    Journey,
    PhaseStep,
    RedFlag,
    Response,
    Transition,
)

from .conftest import ago, contact, days_of, evaluation, signal, snap

# -- the gates on the way to contact (issue: advice you can trust) ----------------------------

STRUGGLING = days_of([2] * 14, [9] * 14, [["gym"]] * 14)
STEADY = days_of([7] * 21, [2] * 21, [["gym", "friends", "sleep"]] * 21)


def test_the_care_gate_guards_the_moves_toward_contact() -> None:
    s3 = snap(phase=3, checkins=STRUGGLING, evaluation=evaluation())
    check = check_move(s3, 4)
    assert not check.allowed_without_force
    assert "mood" in check.care and check.problems[0] == check.care
    s4 = snap(phase=4, checkins=STRUGGLING, evaluation=evaluation())
    assert check_move(s4, 5).care
    # Moving back, or within the first phases, never asks the gate.
    assert check_move(s4, 1).allowed_without_force
    assert check_move(snap(phase=1, checkins=STRUGGLING), 2).care == ""


def _asked(days_ago: int, answer: AskAnswer) -> Ask:
    when = datetime.combine(ago(days_ago), time(20), tzinfo=timezone(timedelta(hours=1)))
    return Ask(1, when, answer)


def test_after_a_no_phase_five_waits_for_the_cool_down() -> None:
    s = snap(phase=4, checkins=STEADY, evaluation=evaluation(), asks=(_asked(5, AskAnswer.NO),))
    check = check_move(s, 5)
    assert not check.allowed_without_force
    assert check.cooldown_until == ago(5) + timedelta(days=60)
    assert any("asked recently" in p for p in check.problems)
    assert any(n.key == "after-no" for n in notes(s))


def test_forcing_past_a_red_flag_names_the_risk_and_wants_a_reason() -> None:
    abuse = snap(phase=3, checkins=STEADY, evaluation=evaluation(red_flags=(RedFlag.ABUSE,)))
    check = check_move(abuse, 4)
    assert check.red_flag_warning and "risk" in check.red_flag_warning
    assert "odds" not in check.red_flag_warning
    assert check.forced_reason_required
    harm = snap(
        phase=3, checkins=STEADY, evaluation=evaluation(red_flags=(RedFlag.UNCHANGEABLE_HARM,))
    )
    assert "hurt them" in check_move(harm, 4).red_flag_warning
    plain = check_move(snap(phase=1), 3)
    assert not plain.forced_reason_required and FORCED_DEFAULT_REASON == "skipped"


def test_pursuing_without_two_clear_yeses_needs_force_and_says_why() -> None:
    unclear = evaluation(answers=(Answer.YES, Answer.NO, Answer.UNSURE))
    s = snap(phase=3, checkins=STEADY, evaluation=unclear)
    assert not check_move(s, 4).allowed_without_force
    assert "only 1" in signal(s, "decided-pursue").detail
    assert "fewer than two" in evaluation_warning(unclear)
    assert evaluation_warning(evaluation()) == ""


def test_red_flag_words_follow_whose_behaviour_it_was() -> None:
    abuse = evaluation(red_flags=(RedFlag.ABUSE,))
    harm = evaluation(red_flags=(RedFlag.UNCHANGEABLE_HARM,))
    assert "safety" in evaluation_warning(abuse)
    assert "safety" not in evaluation_warning(harm)
    assert "repair" in evaluation_warning(harm).lower()
    titles = {n.title for n in notes(snap(phase=3, evaluation=harm))}
    assert "Respect and repair" in titles


def test_the_fast_path_apology_is_sanctioned_and_its_answer_counts() -> None:
    rash = Journey(breakup_date=ago(3), how=HowEnded.RASH)
    steps = (PhaseStep(1, ago(3)),)
    cold = snap(steps=steps, journey=rash, contacts=(contact(ago(0), response=Response.COLD),))
    assert signal(cold, "pause-held").met  # the apology did not restart the pause
    check = check_move(cold, 4)
    assert check.fast_path and not check.allowed_without_force
    kind = snap(
        steps=steps,
        journey=rash,
        contacts=(contact(ago(0), response=Response.WARM),),
        checkins=STEADY,
    )
    assert check_move(kind, 4).allowed_without_force
    # A second message is not the apology: it restarts the pause as usual.
    twice = snap(steps=steps, journey=rash, contacts=(contact(ago(1)), contact(ago(0))))
    assert not signal(twice, "pause-held").met


def test_the_roadmap_tells_skipped_from_done() -> None:
    steps = (
        PhaseStep(1, ago(60)),
        PhaseStep(2, ago(40)),
        PhaseStep(4, ago(10), "skipped", forced=True),
    )
    stops = {s.phase.number: s for s in roadmap(snap(steps=steps))}
    assert stops[1].state == "done" and stops[1].marker == "✓"
    assert stops[2].state == "left-early" and stops[2].marker != "✓"
    assert stops[3].state == "skipped" and stops[3].marker == "–"
    assert stops[4].state == "current" and stops[5].state == "ahead"
    # Where the journal began ("which phase are you in?") is not a skip.
    began = (PhaseStep(1, ago(5)), PhaseStep(3, ago(5), "Where I started"))
    first = {s.phase.number: s.state for s in roadmap(snap(steps=began))}
    assert first[1] == first[2] == "before" and first[3] == "current"
    # A forced move on the journal's first day is a move, not where it began.
    forced = (
        PhaseStep(1, ago(0)),
        PhaseStep(4, ago(0), "skipped", forced=True),
        PhaseStep(5, ago(0), "skipped", forced=True),
        PhaseStep(4, ago(0), "no"),
    )
    states = {s.phase.number: s.state for s in roadmap(snap(steps=forced))}
    assert states[1] == "left-early" and states[2] == states[3] == "skipped"
    assert states[4] == "current" and states[5] == "ahead"


def test_the_first_pause_counts_from_the_breakup() -> None:
    s = snap(steps=(PhaseStep(1, ago(0)),), journey=Journey(breakup_date=ago(10)))
    assert s.phase_since == ago(10)
    assert next(st for st in roadmap(s) if st.current).days == 10


def test_the_current_phase_is_ready_only_when_the_next_move_is_open() -> None:
    stops = roadmap(snap(phase=2, checkins=days_of([3] * 21)))
    current = next(s for s in stops if s.current)
    assert not current.signals_met
    ready = snap(phase=3, checkins=STEADY, evaluation=evaluation())
    assert next(s for s in roadmap(ready) if s.current).signals_met
    # The decision is made, but a hard week keeps the way to contact closed.
    struggling = snap(phase=3, checkins=STRUGGLING, evaluation=evaluation())
    assert next(s for s in roadmap(struggling) if s.current).signals_met is False


def test_transitions_have_true_labels_and_reach_the_guidance() -> None:
    assert set(TRANSITION_LABELS) == set(Transition)
    assert "wanting them, or not" not in " ".join(TRANSITION_LABELS.values())
    made = dataclasses.replace(evaluation(), transitions=(Transition.CAREER,))
    for phase_number in (4, 5, 6):
        found = notes(snap(phase=phase_number, evaluation=made))
        assert any(n.key == "transitions" and "career" in n.text for n in found)
    assert any(i.key == "talk-career" for i in checklist(6, made))


def test_logistics_without_children_or_a_home_asks_for_a_reason() -> None:
    assert logistics_needs_reason(Journey())
    assert not logistics_needs_reason(Journey(children=True))
    assert logistics_duties(Journey(living_together=True)) == ("household",)


def test_signal_words_are_true_and_plural_aware() -> None:
    one = snap(checkins=days_of([5]))
    assert "1 mood rating this week" in signal(one, "composure").detail
    yes = (ChecklistMark(5, YES_ITEM, ago(1)),)
    detail = exit_signals(snap(phase=5, checklist=yes))[0].detail
    assert detail != "They said yes."  # label and detail must not repeat each other


def test_a_note_never_repeats_the_next_step() -> None:
    from exback_tui.core.readiness import assess

    rash = Journey(breakup_date=ago(3), how=HowEnded.RASH)
    steps = (PhaseStep(1, ago(3)),)
    for response in (Response.NONE, Response.COLD, Response.WARM):
        s = snap(
            steps=steps,
            journey=rash,
            checkins=STEADY,
            contacts=(contact(ago(0), response=response),),
        )
        step = assess(s).next_step
        assert all(n.text != step and step not in n.text for n in notes(s)), response
