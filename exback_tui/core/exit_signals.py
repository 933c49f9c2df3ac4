"""The exit signals: when the current phase is done, measured from the journal so that "done"
is something you can see, not a guess. Their thresholds sit in one table, SIGNAL_RULES."""

from __future__ import annotations

from dataclasses import dataclass

from exback_tui.core.evaluation import MIN_CLEAR_YES, clear_yeses
from exback_tui.core.insights import (
    habit_rate,
    pause_days,
    pause_target_days,
    recent,
    urge_trend,
    week_change,
)
from exback_tui.core.ladder import LadderState, contact_phase_start, ladder_state, rungs
from exback_tui.core.phase_text import YES_ITEM, day_count
from exback_tui.core.values import AskAnswer, Decision, Snapshot


@dataclass(frozen=True, slots=True)
class SignalRules:
    """The thresholds behind the exit signals, in one place."""

    # Urge and composure look at the last week: long enough to see past one bad evening.
    week_days: int = 7
    # An urge of 3 or less out of 10 is one you can sit with without acting on it.
    urge_low: float = 3.0
    # Composure: a week's mood averaging 4 or more is hard but not in freefall ...
    composure_mood: float = 4.0
    # ... and a fall of more than a point from the week before still reads as freefall.
    composure_max_drop: float = 1.0
    # Fewer mood ratings a week than this is too little to judge composure.
    min_points: int = 3
    # "Mostly OK": a mood of 5 or more out of 10.
    mostly_ok_mood: int = 5
    # "For weeks": three weeks of check-ins decide phase 2.
    weeks_days: int = 21
    # Two days in three checked in over those weeks: enough to trust the picture.
    enough_checkins: int = 14
    # The plan is "running" when the habits were done 40% of the time over two weeks.
    habit_days: int = 14
    habit_running: float = 0.4


SIGNAL_RULES = SignalRules()


@dataclass(frozen=True, slots=True)
class Signal:
    """One exit signal of the current phase, measured from the journal."""

    key: str
    label: str
    met: bool
    detail: str


def _pause_signal(snapshot: Snapshot) -> Signal:
    days = pause_days(snapshot)
    target = pause_target_days(snapshot.journey)
    if days >= target:
        detail = f"{day_count(days)} without reaching out (your target: {target})."
    else:
        detail = f"{days} of {day_count(target)} without reaching out so far."
    return Signal("pause-held", "The pause has held", days >= target, detail)


def _urge_signal(snapshot: Snapshot) -> Signal:
    rules = SIGNAL_RULES
    this_week, before = week_change(snapshot.checkins, snapshot.today, "urge")
    label = "The urge to reach out is easing"
    if this_week is None:
        return Signal("urge-easing", label, False, "No urge ratings this week yet.")
    falling = urge_trend(snapshot.checkins, snapshot.today) == "down"
    low = this_week <= rules.urge_low
    if falling and before is not None:
        detail = f"Your urge averaged {this_week:.1f} this week, down from {before:.1f}."
    elif low:
        detail = f"Your urge averaged {this_week:.1f} this week: low enough to sit with."
    else:
        detail = f"Your urge averaged {this_week:.1f} this week and isn't falling yet."
    return Signal("urge-easing", label, falling or low, detail)


def _composure_signal(snapshot: Snapshot) -> Signal:
    rules = SIGNAL_RULES
    label = "Your composure is back"
    moods = [
        c.mood
        for c in recent(snapshot.checkins, snapshot.today, rules.week_days)
        if c.mood is not None
    ]
    if len(moods) < rules.min_points:
        rated = "1 mood rating" if len(moods) == 1 else f"{len(moods)} mood ratings"
        return Signal("composure", label, False, f"{rated} this week; a few more will tell.")
    this_week, before = week_change(snapshot.checkins, snapshot.today, "mood")
    assert this_week is not None  # there are moods this week (checked above)
    dropping = before is not None and before - this_week > rules.composure_max_drop
    steady = this_week >= rules.composure_mood and not dropping
    if dropping:
        detail = f"Your mood fell to {this_week:.1f} this week from {before:.1f}."
    else:
        detail = f"Your mood averaged {this_week:.1f} this week."
    return Signal("composure", label, steady, detail)


def _phase2_signals(snapshot: Snapshot) -> tuple[Signal, ...]:
    rules = SIGNAL_RULES
    moods = [
        c.mood
        for c in recent(snapshot.checkins, snapshot.today, rules.weeks_days)
        if c.mood is not None
    ]
    ok = sum(1 for m in moods if m >= rules.mostly_ok_mood)
    checkins = "1 check-in" if len(moods) == 1 else f"{len(moods)} check-ins"
    mostly_ok = Signal(
        "mostly-ok",
        "Mostly OK on most days",
        ok > len(moods) - ok,
        f"Mostly OK on {ok} of {checkins} in the last three weeks.",
    )
    rate = habit_rate(snapshot, rules.habit_days)
    if rate is None:
        habits = Signal(
            "plan-running",
            "Your plan is running",
            False,
            "Add a habit or two so you can see your plan running.",
        )
    else:
        habits = Signal(
            "plan-running",
            "Your plan is running",
            rate >= rules.habit_running,
            f"Habits done {round(rate * 100)}% of the time over the last two weeks.",
        )
    enough = Signal(
        "enough-checkins",
        "Enough check-ins to be sure",
        len(moods) >= rules.enough_checkins,
        f"{checkins} in the last three weeks (aim for {rules.enough_checkins}).",
    )
    return (mostly_ok, habits, enough)


def _decision_signal(snapshot: Snapshot) -> Signal:
    label = "You've decided to pursue, with a clear picture"
    evaluation = snapshot.evaluation
    if evaluation is None:
        return Signal("decided-pursue", label, False, "No evaluation yet.")
    if evaluation.red_flags:
        return Signal("decided-pursue", label, False, "Your evaluation found a red flag.")
    if evaluation.decision is Decision.LET_GO:
        return Signal(
            "decided-pursue",
            label,
            False,
            "You chose to let go: a valid ending, and the journal stays with you.",
        )
    if evaluation.decision is Decision.UNDECIDED:
        return Signal("decided-pursue", label, False, "You haven't decided yet, and that's OK.")
    yes = clear_yeses(evaluation)
    if yes < MIN_CLEAR_YES:
        said = "none" if yes == 0 else "only 1"
        return Signal(
            "decided-pursue",
            label,
            False,
            f"You chose to pursue, but {said} of the three questions is a clear yes.",
        )
    return Signal(
        "decided-pursue", label, True, f"You chose to pursue on {evaluation.made_on:%d %b %Y}."
    )


def _ladder_signal(snapshot: Snapshot) -> Signal:
    state = current_ladder(snapshot)
    total = len(rungs(snapshot.journey))
    return Signal(
        "ladder-top",
        "The ladder is at its top rung",
        state.is_top,
        f"Rung {state.rung_index + 1} of {total}: {state.rung.title.lower()}.",
    )


def said_yes(snapshot: Snapshot) -> bool:
    """They said yes: an ask answered yes, or the phase 5 item ticked."""
    return any(a.answer is AskAnswer.YES for a in snapshot.asks) or any(
        m.phase == 5 and m.item_key == YES_ITEM for m in snapshot.checklist
    )


def _yes_signal(snapshot: Snapshot) -> Signal:
    yes = said_yes(snapshot)
    detail = (
        "Recorded: you're together again."
        if yes
        else "Record their answer when you've asked (exback ask, or the phase screen)."
    )
    return Signal(YES_ITEM, "They said yes", yes, detail)


def exit_signals(snapshot: Snapshot) -> tuple[Signal, ...]:
    """The current phase's exit signals, each measured from the journal."""
    number = snapshot.phase
    if number == 1:
        return (_pause_signal(snapshot), _urge_signal(snapshot), _composure_signal(snapshot))
    if number == 2:
        return _phase2_signals(snapshot)
    if number == 3:
        return (_decision_signal(snapshot),)
    if number == 4:
        return (_ladder_signal(snapshot),)
    if number == 5:
        return (_yes_signal(snapshot),)
    return ()


def current_ladder(snapshot: Snapshot) -> LadderState:
    """The contact ladder replayed over the current run of contact phases (4 and later)."""
    since = contact_phase_start(snapshot.phase_steps) or snapshot.phase_since
    return ladder_state(snapshot.contacts, snapshot.journey, since, snapshot.today, snapshot.asks)
