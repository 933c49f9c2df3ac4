"""The six-phase roadmap's rules: what each phase is, its checklist, where an ask's answer
leads, what a move to another phase means (its gates), the notes for special cases, and the
one next thing to do. The words live in phase_text, the exit signals in exit_signals and the
roadmap's stops in roadmap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from exback_tui.core.care import care_gate
from exback_tui.core.evaluation import (
    MIN_CLEAR_YES,
    clear_yeses,
    is_safety_flag,
    red_flag_note,
)
from exback_tui.core.exit_signals import Signal, current_ladder, exit_signals, said_yes
from exback_tui.core.insights import (
    fast_path_apology,
    join_words,
    pause_days,
    pause_target_days,
)
from exback_tui.core.ladder import ask_cooldown
from exback_tui.core.phase_text import (
    AFTER_NO,
    APOLOGY_FIRST,
    BACK_REASON_HINT,
    EX_DATING,
    FAST_PATH,
    FAST_PATH_CLOSED,
    FAST_PATH_CLOSED_NOTE,
    FAST_PATH_SENT,
    FAST_PATH_SENT_NOTE,
    FORCED_REASON_HINT,
    HARM_FORCE_WARNING,
    HARM_STEP,
    LET_GO_FORCE_WARNING,
    LET_GO_INTRO,
    LET_GO_TRACK,
    LOGISTICS_ITEMS,
    LOGISTICS_NOTE,
    PHASES,
    SAFETY_FORCE_WARNING,
    SAFETY_STEP,
    SKIP_WARNING,
    TRANSITION_LABELS,
    TRANSITION_TALK,
    UNCLEAR_PURSUE,
    ChecklistItem,
    Phase,
    day_count,
)
from exback_tui.core.values import (
    AskAnswer,
    Decision,
    Evaluation,
    HowEnded,
    Journey,
    NextStep,
    Snapshot,
    StepKind,
    Transition,
)

FIRST_PHASE, LAST_PHASE = 1, 6


@dataclass(frozen=True, slots=True)
class Note:
    """A special case that applies to this user right now (fast path, dating, let go ...)."""

    key: str
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class MoveCheck:
    """What moving to another phase means: allowed as is, or only on purpose (force)."""

    current: int
    target: int
    allowed_without_force: bool
    is_forward: bool
    is_back: bool
    skipped: tuple[int, ...]  # phases jumped over on the way forward
    unmet: tuple[Signal, ...]  # exit signals of the current phase not met yet
    warning: str  # empty when there is nothing to warn about
    needs_reason: bool  # moving back asks why (a new clash means pause again)
    fast_path: bool = False  # a rash breakup going straight from the pause to contact
    reason_hint: str = ""  # the prompt for the reason, when one is asked
    care: str = ""  # the care gate's reason when a move toward contact comes too soon
    cooldown_until: date | None = None  # asking again waits until this day
    red_flag_warning: str = ""  # forcing toward contact past a red flag: what it risks
    # A forced move always records a reason: "skipped" when none is given, except past a
    # red flag or a decision to let go, where the user must say why in their own words.
    forced_reason_required: bool = False

    @property
    def problems(self) -> tuple[str, ...]:
        """Every reason this move needs force, in words, most serious first."""
        found = [w for w in (self.red_flag_warning, self.care) if w]
        if self.cooldown_until is not None:
            found.append(
                "You asked recently. Give them time: asking again waits until "
                f"{self.cooldown_until:%d %b %Y}."
            )
        found.extend(f'Not met yet: "{s.label}". {s.detail}' for s in self.unmet)
        if self.skipped:
            names = ", ".join(str(n) for n in self.skipped)
            found.append(f"It skips phase{'s' if len(self.skipped) > 1 else ''} {names}.")
        return tuple(found)


def logistics_needs_reason(journey: Journey) -> bool:
    """A logistics contact with no children and no shared home deserves a second look."""
    return not logistics_duties(journey)


def phase(number: int) -> Phase:
    """The phase with this number (1-6)."""
    if not FIRST_PHASE <= number <= LAST_PHASE:
        raise ValueError(f"There is no phase {number}: the phases run from 1 to 6.")
    return PHASES[number - 1]


def is_fast_path(journey: Journey) -> bool:
    """A rash breakup takes the fast path: a short pause, then a humble apology."""
    return journey.how is HowEnded.RASH


def logistics_duties(journey: Journey) -> tuple[str, ...]:
    """The duties that may keep you in touch without breaking the pause."""
    duties: list[str] = []
    if journey.children:
        duties.append("parenting")
    if journey.living_together:
        duties.append("household")
    return tuple(duties)


def after_no() -> int:
    """Where a "no" in phase 5 leads: back to the rhythm of phase 4, not to the start."""
    return 4


def after_yes() -> int:
    """Where a "yes" in phase 5 leads: building a new relationship."""
    return 6


def phase_after_ask(current: int, answer: AskAnswer) -> int | None:
    """The phase an ask's answer leads to, or None when you stay where you are.

    A yes means you are together again: build anew, whatever phase the journal was in. Any
    other answer from the ask phase goes back to the steady rhythm of phase 4; before that
    the ask is recorded and nothing moves (the ladder still counts it).
    """
    if answer is AskAnswer.YES:
        return None if current == LAST_PHASE else after_yes()
    return after_no() if current == 5 else None


def ask_move_reason(answer: AskAnswer) -> str:
    """The reason saved with the phase move an ask's answer makes."""
    if answer is AskAnswer.YES:
        return "They said yes."
    said = {AskAnswer.NO: "no", AskAnswer.MAYBE: "maybe", AskAnswer.NOT_NOW: "not now"}[answer]
    return f'They said "{said}": back to building, patiently.'


def _pattern_slug(pattern: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", pattern.lower()).strip("-")[:40].strip("-")


def checklist(
    phase_number: int, evaluation: Evaluation | None = None, journey: Journey | None = None
) -> tuple[ChecklistItem, ...]:
    """A phase's checklist; phase 6 adds a safeguard per old pattern (user text: no markup)
    and a talking point per life change the evaluation named. With the ``journey``, only
    what applies to it: no logistics item without children or a shared home."""
    items = phase(phase_number).checklist
    if journey is not None and not (journey.children or journey.living_together):
        items = tuple(item for item in items if item.key not in LOGISTICS_ITEMS)
    if phase_number != LAST_PHASE or evaluation is None:
        return items
    seen = {item.key for item in items}
    extra: list[ChecklistItem] = []
    for n, pattern in enumerate(evaluation.patterns, start=1):
        text = pattern.strip()
        if not text:
            continue
        key = f"pattern-{_pattern_slug(text) or n}"
        if key in seen:
            key = f"{key}-{n}"
        seen.add(key)
        extra.append(ChecklistItem(key, f"Watch for: {text}"))
    for transition in evaluation.transitions:
        key = f"talk-{transition.value}"
        if key not in seen:
            seen.add(key)
            extra.append(ChecklistItem(key, f"Talked about {TRANSITION_TALK[transition]}"))
    return items + tuple(extra)


def _toward_contact_warnings(snapshot: Snapshot, target: int) -> tuple[str, bool]:
    """What forcing toward contact past the evaluation risks, and whether to demand a reason."""
    evaluation = snapshot.evaluation
    if target < 4 or evaluation is None:
        return "", False
    if any(is_safety_flag(f) for f in evaluation.red_flags):
        return SAFETY_FORCE_WARNING, True
    if evaluation.red_flags:
        return HARM_FORCE_WARNING, True
    if evaluation.decision is Decision.LET_GO:
        return LET_GO_FORCE_WARNING, True
    return "", False


def check_move(snapshot: Snapshot, target: int) -> MoveCheck:
    """What a move from the current phase to ``target`` means.

    Moving back is always allowed and asks for a reason. Moving forward is allowed as is only
    one phase at a time with every exit signal met; anything else needs the user's force.
    A move into phase 4 or 5 also needs the care gate open (mood and urge allow it), no red
    flag, and, into phase 5, no cool-down after a recent ask. The fast path (a rash breakup)
    may go from the pause straight to contact once the short pause has held. Raises
    ValueError for an unknown phase or the phase you're already in.
    """
    phase(target)
    current = snapshot.phase
    if target == current:
        raise ValueError(f"You're already in phase {current}.")
    if target < current:
        return MoveCheck(
            current=current,
            target=target,
            allowed_without_force=True,
            is_forward=False,
            is_back=True,
            skipped=(),
            unmet=(),
            warning="",
            needs_reason=True,
            reason_hint=BACK_REASON_HINT,
        )
    signals = exit_signals(snapshot)
    skipped = tuple(range(current + 1, target))
    fast = current == 1 and target == 4 and is_fast_path(snapshot.journey)
    if fast:
        # The fast path only asks for the short pause; the other phases come back later if
        # the apology is not enough.
        unmet = tuple(s for s in signals if s.key == "pause-held" and not s.met)
        apology = fast_path_apology(snapshot)
        if apology is not None and apology.response.is_bad:
            unmet += (
                Signal("apology-heard", "They were open to your apology", False, FAST_PATH_CLOSED),
            )
    else:
        unmet = tuple(s for s in signals if not s.met)
    gate = care_gate(snapshot) if target >= 4 else None
    cooldown = ask_cooldown(snapshot.asks, snapshot.today) if target >= 5 else None
    red_flag, reason_required = _toward_contact_warnings(snapshot, target)
    allowed = (
        not unmet and (fast or not skipped) and gate is None and cooldown is None and not red_flag
    )
    warning = ""
    if not allowed:
        warning = red_flag or (gate.reason if gate else "") or SKIP_WARNING
    return MoveCheck(
        current=current,
        target=target,
        allowed_without_force=allowed,
        is_forward=True,
        is_back=False,
        skipped=skipped,
        unmet=unmet,
        warning=warning,
        needs_reason=False,
        fast_path=fast,
        reason_hint=FORCED_REASON_HINT,
        care=gate.reason if gate else "",
        cooldown_until=cooldown[0] if cooldown else None,
        red_flag_warning=red_flag,
        forced_reason_required=reason_required,
    )


def notes(snapshot: Snapshot) -> tuple[Note, ...]:
    """The special cases that apply to this user in the current phase."""
    journey = snapshot.journey
    number = snapshot.phase
    found: list[Note] = []
    evaluation = snapshot.evaluation
    if evaluation is not None and evaluation.red_flags:
        title = (
            "Before anything else"
            if any(is_safety_flag(f) for f in evaluation.red_flags)
            else "Respect and repair"
        )
        found.append(Note("red-flag", title, red_flag_note(evaluation)))
    if evaluation is not None and evaluation.decision is Decision.LET_GO:
        found.append(Note("let-go", "Moving on", " ".join((LET_GO_INTRO, *LET_GO_TRACK))))
    if number == 1 and is_fast_path(journey):
        apology = fast_path_apology(snapshot)
        if apology is None:
            found.append(Note("fast-path", "The fast path", FAST_PATH))
        elif apology.response.is_bad:
            found.append(Note("fast-path", "After your apology", FAST_PATH_CLOSED_NOTE))
        else:
            found.append(Note("fast-path", "After your apology", FAST_PATH_SENT_NOTE))
    if number <= 3 and logistics_duties(journey):
        found.append(Note("logistics", "Duties that don't break the pause", LOGISTICS_NOTE))
    if number == 4 and journey.hurt_ex:
        found.append(Note("apology-first", "Apologise first", APOLOGY_FIRST))
    if number in (4, 5) and journey.ex_dating:
        found.append(Note("ex-dating", "They're seeing someone", EX_DATING))
    if number in (4, 5) and ask_cooldown(snapshot.asks, snapshot.today) is not None:
        found.append(Note("after-no", "After the ask", AFTER_NO))
    elif number == 5:
        found.append(Note("after-no", "If they say no", AFTER_NO))
    if number >= 4 and evaluation is not None and evaluation.transitions:
        talk = join_words([TRANSITION_TALK[t] for t in evaluation.transitions], "and")
        text = (
            f"Life changes were part of the story ({_either_labels(evaluation.transitions)}). "
            f"Talk openly about {talk}, so it doesn't pull you apart again."
        )
        found.append(Note("transitions", "Life changes", text))
    return tuple(found)


def _either_labels(transitions: tuple[Transition, ...]) -> str:
    return join_words([TRANSITION_LABELS[t].split(":")[0].lower() for t in transitions], "and")


def _first_unmet(signals: tuple[Signal, ...]) -> Signal | None:
    return next((s for s in signals if not s.met), None)


def _fast_path_step(snapshot: Snapshot, unmet: Signal | None) -> NextStep:
    """Phase 1 after a rash breakup: the short pause, the one apology, then phase 4."""
    if unmet is not None and unmet.key == "pause-held":
        left = pause_target_days(snapshot.journey) - pause_days(snapshot)
        return NextStep(StepKind.WAIT, f"Hold the short pause: {day_count(left)} more.")
    apology = fast_path_apology(snapshot)
    if apology is None:
        return NextStep(
            StepKind.CONTACT,
            "Your short pause has held. Set your pride aside and send one humble "
            '"sorry, can we talk?", then log it.',
            rung=0,
        )
    if apology.response.is_bad:
        return NextStep(StepKind.WAIT, FAST_PATH_CLOSED)
    if apology.response.is_good:
        return NextStep(
            StepKind.GROW,
            "They answered kindly. Move on to phase 4 and take it one small step at a time.",
        )
    return NextStep(StepKind.WAIT, FAST_PATH_SENT)


def next_step(snapshot: Snapshot) -> NextStep:
    """The one next thing to do in the current phase, by the roadmap alone.

    The meter (core.readiness) may put care or patience in front of it; screens show the
    meter's step, so the roadmap and the meter never disagree.
    """
    number = snapshot.phase
    evaluation = snapshot.evaluation
    if evaluation is not None and evaluation.red_flags:
        safety = any(is_safety_flag(f) for f in evaluation.red_flags)
        return NextStep(StepKind.CARE, SAFETY_STEP if safety else HARM_STEP)
    if evaluation is not None and evaluation.decision is Decision.LET_GO and number < 6:
        return NextStep(
            StepKind.CARE, "Keep checking in: the journal is here for your healing and moving on."
        )
    signals = exit_signals(snapshot)
    unmet = _first_unmet(signals)
    if number == 1:
        if is_fast_path(snapshot.journey):
            return _fast_path_step(snapshot, unmet)
        if unmet is not None and unmet.key == "pause-held":
            left = pause_target_days(snapshot.journey) - pause_days(snapshot)
            return NextStep(
                StepKind.WAIT, f"Hold the pause: {day_count(left)} more without reaching out."
            )
        if unmet is not None:
            return NextStep(
                StepKind.WAIT,
                "Give it time: let your calm come back and the urge ease before moving on.",
            )
        return NextStep(
            StepKind.GROW, "The pause has done its work: turn to getting yourself back."
        )
    if number == 2:
        if unmet is None:
            return NextStep(StepKind.GROW, "You're steadier: time to weigh things up in phase 3.")
        if unmet.key == "mostly-ok":
            return NextStep(
                StepKind.GROW, "Keep looking after yourself; aim for more OK days than not."
            )
        if unmet.key == "plan-running":
            return NextStep(StepKind.GROW, "Get your plan going: pick one habit and do it today.")
        return NextStep(StepKind.RECORD, "Check in every day, so you can see how far you've come.")
    if number == 3:
        if evaluation is None:
            return NextStep(
                StepKind.GROW, "Work through the evaluation: three questions, then a decision."
            )
        if evaluation.decision is Decision.UNDECIDED:
            return NextStep(
                StepKind.GROW,
                "Take your time, and come back to the evaluation when you're clearer.",
            )
        if clear_yeses(evaluation) < MIN_CLEAR_YES:
            return NextStep(StepKind.GROW, UNCLEAR_PURSUE)
        return NextStep(
            StepKind.GROW, "You know what you're fighting for: start careful contact in phase 4."
        )
    if number == 4:
        return current_ladder(snapshot).step
    if number == 5:
        if said_yes(snapshot):
            return NextStep(StepKind.GROW, "They said yes: move on to building something new.")
        cooldown = ask_cooldown(snapshot.asks, snapshot.today)
        if cooldown is not None:
            return NextStep(
                StepKind.WAIT,
                "Don't ask again yet. Keep it friendly and free of pressure, and aim for a "
                f'"maybe". The cool-down runs until {cooldown[0]:%d %b}.',
                until=cooldown[0],
            )
        return NextStep(
            StepKind.ASK, "When you're ready, say what you want, calmly and without pressure."
        )
    return NextStep(
        StepKind.HEALTH,
        "Keep building: catch small frictions early and look after all three relationships.",
    )


def next_thing(snapshot: Snapshot) -> str:
    """The roadmap's next step in words (see ``next_step``)."""
    return next_step(snapshot).text
