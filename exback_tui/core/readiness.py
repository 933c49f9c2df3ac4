"""The contact-readiness meter: how ready you are for the next small step, and why.

A pure function of one snapshot (:func:`assess`). The score comes from the factors (see
core.factors), each shown with its share; the level is the score's band, capped wherever the
facts say contact would come too soon, with the reason. Care comes before contact: a hard week,
a red flag or a decision to let go stop the meter and say why. Phase 6 shows relationship health
instead, and the one next step is the roadmap's unless care, patience or data come first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from exback_tui.core.care import care_gate, care_step_text
from exback_tui.core.evaluation import MIN_CLEAR_YES, clear_yeses, is_safety_flag
from exback_tui.core.exit_signals import current_ladder
from exback_tui.core.factors import (
    THRESHOLDS,
    Factor,
    factors,
    fast_path_open,
    weighted_score,
    with_shares,
)
from exback_tui.core.health import Health, relationship_health
from exback_tui.core.insights import join_words, pause_days, pause_target_days, recent
from exback_tui.core.ladder import CONTACT_PHASE, ask_cooldown
from exback_tui.core.phase_text import HARM_NOTE, RED_FLAG_NOTE
from exback_tui.core.phases import next_step
from exback_tui.core.values import Decision, NextStep, Snapshot, StepKind

LEVEL_NO_DATA = "Not enough data yet"


LEVEL_PAUSED = "Paused"


LEVEL_CARE = "Care first"


LEVEL_NOT_YET = "Not yet"


LEVEL_GETTING_THERE = "Getting there"


LEVEL_NEARLY = "Nearly ready"


LEVEL_READY = "Ready for a small step"


LEVEL_HEALTH = "Relationship health"


# Lowest to highest: a cap keeps the level at or below one of these.
LEVEL_ORDER = (LEVEL_NOT_YET, LEVEL_GETTING_THERE, LEVEL_NEARLY, LEVEL_READY)


LET_GO_REASON = (
    "You chose to let go. That's a brave and valid choice, and the journal keeps working "
    "for you: for your mood, your habits and moving on."
)


NO_DATA_STEP = "Check in for a few days so the meter has something to go on."


CAP_EARLY = (
    "Contact isn't the question yet: the pause, getting yourself back and the evaluation "
    "come first."
)


CAP_SHORT_PAUSE = "The short pause comes first: a day or two of quiet."


CAP_STEP_BACK = "Their replies say: give them space."


CAP_JUMPED = "Your last contact jumped ahead of the ladder."


CAP_UNCLEAR = "Fewer than two of the three evaluation questions are a clear yes."


CAP_NO_STEP = "There's no contact to make right now, so the meter stays below Nearly ready."


@dataclass(frozen=True, slots=True)
class Assessment:
    """The meter's reading: a score, a plain level, its factors and the one next step."""

    score: int | None
    level: str
    blocked: bool
    block_reason: str
    factors: tuple[Factor, ...]
    step: NextStep
    let_go: bool = False
    cap_reason: str = ""  # why the level is lower than the score alone would give
    gate: str = ""  # what stopped the meter: red-flag, let-go, low-mood, low-stretch, high-urge
    cooldown_until: date | None = None  # after an ask that was not a yes
    health: Health | None = None  # phase 6: the relationship health view instead of a score

    @property
    def next_step(self) -> str:
        """The one next step, in words."""
        return self.step.text

    def factor(self, key: str) -> Factor:
        """The factor with this key."""
        for found in self.factors:
            if found.key == key:
                return found
        raise KeyError(f"No factor called {key!r}.")


def level_for(score: int) -> str:
    """The plain name of a score's band."""
    t = THRESHOLDS
    if score >= t.ready:
        return LEVEL_READY
    if score >= t.nearly_ready:
        return LEVEL_NEARLY
    if score >= t.getting_there:
        return LEVEL_GETTING_THERE
    return LEVEL_NOT_YET


def _capped(level: str, cap: str) -> bool:
    return LEVEL_ORDER.index(level) > LEVEL_ORDER.index(cap)


@dataclass(slots=True)
class _Caps:
    """The ceilings on the level, each with the reason shown when it bites."""

    found: list[tuple[str, str]] = field(default_factory=list)

    def add(self, cap: str, reason: str) -> None:
        self.found.append((cap, reason))

    def apply(self, level: str) -> tuple[str, str]:
        lowest = level
        why = ""
        for cap, reason in self.found:
            if _capped(lowest, cap):
                lowest, why = cap, reason
        return lowest, why


def _record_step(found: Sequence[Factor]) -> str:
    missing = [f for f in found if f.unknown and f.key in ("neediness", "habits", "mood")]
    what = {
        "mood": "rate your mood",
        "neediness": "rate the urge to reach out",
        "habits": "tick the habits you did",
    }
    asks = [what[f.key] for f in missing]
    return (
        f"In tonight's check-in, {join_words(asks, 'and')}: the meter can't judge what it "
        "can't see."
    )


def _blocked(
    snapshot: Snapshot,
    found: tuple[Factor, ...],
    gate: str,
    reason: str,
    step: NextStep,
    level: str = LEVEL_PAUSED,
) -> Assessment:
    cooldown = ask_cooldown(snapshot.asks, snapshot.today)
    return Assessment(
        score=None,
        level=level,
        blocked=True,
        block_reason=reason,
        factors=found,
        step=step,
        let_go=gate == "let-go",
        gate=gate,
        cooldown_until=cooldown[0] if cooldown else None,
    )


def _health(snapshot: Snapshot) -> Assessment:
    health = relationship_health(snapshot)
    return Assessment(
        score=None,
        level=LEVEL_HEALTH,
        blocked=False,
        block_reason="",
        factors=(),
        step=health.step,
        health=health,
    )


def assess(snapshot: Snapshot) -> Assessment:
    """Read the meter. In order: phase 6 shows relationship health; a red flag or letting go
    pauses it; the care gate puts you first; too few check-ins give no score; otherwise a
    score whose level is capped wherever the facts say contact would come too soon."""
    t = THRESHOLDS
    if snapshot.phase == 6:
        return _health(snapshot)
    found = factors(snapshot)
    evaluation = snapshot.evaluation
    if evaluation is not None and evaluation.red_flags:
        safety = any(is_safety_flag(f) for f in evaluation.red_flags)
        reason = RED_FLAG_NOTE if safety else HARM_NOTE
        return _blocked(snapshot, found, "red-flag", reason, next_step(snapshot))
    if evaluation is not None and evaluation.decision is Decision.LET_GO:
        return _blocked(snapshot, found, "let-go", LET_GO_REASON, next_step(snapshot))
    gate = care_gate(snapshot)
    if gate is not None:
        marked = tuple(
            replace(f, blocking=True, icon="bad") if f.key == gate.factor else f for f in found
        )
        step = NextStep(StepKind.CARE, care_step_text(snapshot))
        return _blocked(snapshot, marked, gate.key, gate.reason, step, LEVEL_CARE)
    fast = fast_path_open(snapshot)
    window = recent(snapshot.checkins, snapshot.today, t.window_days)
    needed = t.fast_path_min_checkins if fast else t.min_checkins
    score = weighted_score(found)
    cooldown = ask_cooldown(snapshot.asks, snapshot.today)
    cooldown_until = cooldown[0] if cooldown else None
    step = next_step(snapshot)
    if score is None or sum(1 for c in window if c.mood is not None) < needed:
        # Too little to judge contact by; the roadmap's step stands when it asks for none
        # (holding the pause matters more on day one than the meter's data).
        if step.kind in (StepKind.CONTACT, StepKind.ASK):
            step = NextStep(StepKind.RECORD, NO_DATA_STEP)
        return Assessment(
            score=None,
            level=LEVEL_NO_DATA,
            blocked=False,
            block_reason="",
            factors=found,
            step=step,
            cooldown_until=cooldown_until,
        )
    caps = _Caps()
    if snapshot.phase < 3 and not fast:
        caps.add(LEVEL_NOT_YET, CAP_EARLY)
    elif fast and pause_days(snapshot) < pause_target_days(snapshot.journey):
        caps.add(LEVEL_NOT_YET, CAP_SHORT_PAUSE)
    if snapshot.phase >= CONTACT_PHASE:
        ladder = current_ladder(snapshot)
        if ladder.step_back:
            caps.add(LEVEL_NOT_YET, CAP_STEP_BACK)
        if ladder.jumped_ahead:
            caps.add(LEVEL_GETTING_THERE, CAP_JUMPED)
    if (
        snapshot.phase >= 3
        and evaluation is not None
        and evaluation.decision is Decision.PURSUE
        and clear_yeses(evaluation) < MIN_CLEAR_YES
    ):
        caps.add(LEVEL_GETTING_THERE, CAP_UNCLEAR)
    unknown = [f for f in found if f.unknown and f.key in ("neediness", "habits")]
    if unknown:
        caps.add(LEVEL_GETTING_THERE, _record_step(found))
        if step.kind in (StepKind.CONTACT, StepKind.ASK):
            step = NextStep(StepKind.RECORD, _record_step(found))
    if snapshot.phase == CONTACT_PHASE and score < t.hold_below and step.kind is StepKind.CONTACT:
        ladder = current_ladder(snapshot)
        step = NextStep(
            StepKind.WAIT,
            f"Stay with {ladder.rung.title.lower()} for now, and look after yourself first."
            if ladder.rung_index
            else "Hold off on contact for now, and look after yourself first.",
        )
    if step.kind not in (StepKind.CONTACT, StepKind.ASK):
        caps.add(LEVEL_GETTING_THERE, CAP_NO_STEP)
    level, cap_reason = caps.apply(level_for(score))
    return Assessment(
        score=score,
        level=level,
        blocked=False,
        block_reason="",
        factors=with_shares(found, score),
        step=step,
        cap_reason=cap_reason,
        cooldown_until=cooldown_until,
    )
