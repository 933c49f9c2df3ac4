"""The contact-readiness meter: how ready you are for the next small step, and why.

A pure function of one snapshot. Every point on the meter comes from a factor the screen
shows: the score is the weighted mean of the factors' scores, each factor's share of it is
shown beside it, and the shares add up to the score. A factor without data counts as zero
and is shown as unknown, so missing data can never make the meter look better. Care comes
before contact: a hard week, a red flag or a decision to let go stop the meter and say why.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType
from typing import Literal

from exback_tui.core.care import care_gate, care_step_text
from exback_tui.core.health import Health, relationship_health
from exback_tui.core.insights import (
    active_habit_names,
    covered_days,
    first_day,
    join_words,
    mood_trend,
    pause_days,
    pause_start,
    pause_target_days,
    recent,
    spread,
    urge_trend,
)
from exback_tui.core.ladder import CONTACT_PHASE, ask_cooldown
from exback_tui.core.phase_text import HARM_NOTE, RED_FLAG_NOTE
from exback_tui.core.phases import (
    MIN_CLEAR_YES,
    clear_yeses,
    current_ladder,
    is_fast_path,
    is_safety_flag,
    next_step,
)
from exback_tui.core.values import (
    CheckIn,
    Contact,
    Decision,
    Evaluation,
    NextStep,
    Response,
    Snapshot,
    StepKind,
)

Icon = Literal["ok", "warn", "bad", "none"]

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
class FactorWeight:
    """A factor's weight before contact (phases 1-3) and once contact starts (phases 4-6)."""

    pause: float
    contact: float


WEIGHTS: Mapping[str, FactorWeight] = MappingProxyType(
    {
        # While the pause is the work, space matters most; from phase 4 on contact is
        # expected, so space keeps only a small say and receptiveness takes over.
        "space": FactorWeight(pause=2.0, contact=0.5),
        # A steady mood is the ground every other step stands on.
        "mood": FactorWeight(pause=2.0, contact=2.0),
        # A running plan shows the change is real, but it is a means, not the goal.
        "habits": FactorWeight(pause=1.0, contact=1.0),
        # Neediness is the surest way to wreck a comeback, so a strong urge pulls hard.
        "neediness": FactorWeight(pause=1.5, contact=1.5),
        # Without a decision to pursue, contact has no direction. Heavy enough that the
        # meter can't reach "ready" without it (at most 76 with clarity at 0).
        "clarity": FactorWeight(pause=2.5, contact=2.5),
        # The ex's responses set the pace once contact starts; before that there are none.
        "receptiveness": FactorWeight(pause=0.0, contact=2.5),
        # More check-ins, more trust in the rest; a small say so thin data can't shine.
        "data": FactorWeight(pause=0.5, contact=0.5),
    }
)


def _response_scores() -> Mapping[Response, int]:
    return MappingProxyType(
        {
            Response.WARM: 100,
            Response.FRIENDLY: 85,
            Response.NEUTRAL: 50,
            # No answer is a quiet "not now": a little below neutral.
            Response.NONE: 35,
            Response.COLD: 15,
            Response.HOSTILE: 0,
        }
    )


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Every threshold of the meter, in one table."""

    # Two weeks: recent enough to be "now", long enough to hold a pattern.
    window_days: int = 14
    # Fewer mood check-ins than this in the window and any score would be made up.
    min_checkins: int = 5
    # The fast path's short pause lasts only a day or two, so two check-ins must do there.
    fast_path_min_checkins: int = 2
    # Ten of fourteen days is a full picture for the data factor.
    full_data_checkins: int = 10
    # A personal contact today or yesterday means the pause has only just started over.
    space_floor_days: int = 1
    # "Mostly OK": a mood of 5 or more out of 10.
    mostly_ok_mood: int = 5
    # The mood score mixes three parts. The level is a mean that counts recent days more,
    # so an improving trend lifts it; the share of mostly-OK days is the phase 2 target;
    # the mean of the lowest days catches wide swings on the downside. Each part only
    # rises when a mood rises, so a better history never scores worse.
    mood_level_part: float = 0.4
    mood_ok_part: float = 0.4
    mood_low_part: float = 0.2
    lowest_days: int = 3
    # Spreads (standard deviation) that the reason calls steady or swinging; words only.
    steady_spread: float = 1.5
    swinging_spread: float = 2.5
    # Habits done 60% of the time is a plan that is clearly running: full marks.
    habit_good_rate: float = 0.6
    # A falling urge earns, and a rising one costs, this many points.
    urge_direction_points: int = 10
    # Receptiveness looks at the last few personal contacts of the contact phases.
    recent_contacts: int = 5
    # One friendly reply is not a pattern: receptiveness stays at or below this until two.
    one_off_cap: int = 50
    # Clarity: undecided is a start; each question not answered "yes" costs a lot of
    # certainty, and pursuing with no clear yes is no clearer than undecided.
    clarity_undecided: int = 25
    clarity_per_doubt: int = 30
    # Level bands: below 40 not yet, 40-59 getting there, 60-79 nearly, 80+ ready.
    getting_there: int = 40
    nearly_ready: int = 60
    ready: int = 80
    # In phase 4, below this the next step is to hold the rung and look after yourself.
    hold_below: int = 40
    # Icons: 70+ is fine, 40-69 needs care, lower is a problem.
    icon_ok: int = 70
    icon_warn: int = 40
    response_scores: Mapping[Response, int] = field(default_factory=_response_scores)


THRESHOLDS = Thresholds()


@dataclass(frozen=True, slots=True)
class Factor:
    """One reason behind the meter: its own score, its weight, its share, a line saying why."""

    key: str
    label: str
    score: int | None  # 0-100; None: unknown (counts as 0) or, with weight 0, not counted now
    weight: float
    reason: str
    blocking: bool = False
    icon: Icon = "none"  # the UI maps it to a symbol and a colour
    share: int | None = None  # the points of the total score that come from this factor

    @property
    def counts(self) -> bool:
        """This factor has a say in the score right now."""
        return self.weight > 0

    @property
    def unknown(self) -> bool:
        """It counts, but there is no data for it: shown as unknown, adds nothing."""
        return self.counts and self.score is None


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


def _clamp(value: float) -> int:
    return max(0, min(100, int(value + 0.5)))


def _icon(score: int | None, blocking: bool = False) -> Icon:
    if blocking:
        return "bad"
    if score is None:
        return "none"
    if score >= THRESHOLDS.icon_ok:
        return "ok"
    return "warn" if score >= THRESHOLDS.icon_warn else "bad"


def _make(
    key: str,
    label: str,
    score: int | None,
    reason: str,
    contact_phase: bool,
    blocking: bool = False,
    weight: float | None = None,
) -> Factor:
    w = WEIGHTS[key]
    return Factor(
        key=key,
        label=label,
        score=score,
        weight=(w.contact if contact_phase else w.pause) if weight is None else weight,
        reason=reason,
        blocking=blocking,
        icon=_icon(score, blocking),
    )


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _space(snapshot: Snapshot, contact_phase: bool) -> Factor:
    label = "Space taken"
    if contact_phase:
        reason = "Contact is part of this phase, so space counts for little now."
        return _make("space", label, 100, reason, contact_phase)
    days = pause_days(snapshot)
    target = pause_target_days(snapshot.journey)
    if days <= THRESHOLDS.space_floor_days:
        start = pause_start(snapshot)
        restarted = any(c.is_personal_by_me and c.day == start for c in snapshot.contacts)
        reason = (
            "You reached out very recently, so the pause has just started over."
            if restarted
            else "The pause has only just begun."
        )
        return _make("space", label, 0, reason, contact_phase)
    score = _clamp(100 * days / target)
    if days >= target:
        reason = f"{_days(days)} without reaching out; your target was {target}."
    else:
        reason = f"{days} of {_days(target)} without reaching out."
    return _make("space", label, score, reason, contact_phase)


def _mood(
    window: Sequence[CheckIn], today: date, history: Sequence[CheckIn], contact_phase: bool
) -> Factor:
    t = THRESHOLDS
    label = "Mood"
    dated = [(c.day, c.mood) for c in window if c.mood is not None]
    if not dated:
        reason = "No mood ratings in the last two weeks: rate your mood in the check-in."
        return _make("mood", label, None, reason, contact_phase)
    moods = [m for _, m in dated]
    # Recent days count more: today weighs window_days, the oldest day of the window 1.
    weights = [t.window_days - (today - day).days for day, _ in dated]
    level = sum(w * m for w, m in zip(weights, moods, strict=True)) / sum(weights)
    ok = sum(1 for m in moods if m >= t.mostly_ok_mood)
    lowest = sorted(moods)[: t.lowest_days]
    low = sum(lowest) / len(lowest)
    score = _clamp(
        t.mood_level_part * (level - 1) / 9 * 100
        + t.mood_ok_part * ok / len(moods) * 100
        + t.mood_low_part * (low - 1) / 9 * 100
    )
    rated = "your last rated day" if len(moods) == 1 else f"your last {len(moods)} rated days"
    if ok == 0:
        first = f"Mostly OK on none of {rated}"
    elif ok == len(moods):
        first = f"Mostly OK on all of {rated}"
    else:
        first = f"Mostly OK on {ok} of {rated}"
    parts = [first]
    trend = mood_trend(history, today)
    if trend is not None:
        parts.append({"up": "trending up", "down": "trending down", "flat": "holding level"}[trend])
    deviation = spread(moods)
    if deviation is not None:
        if deviation >= t.swinging_spread:
            parts.append("with big swings")
        elif deviation >= t.steady_spread:
            parts.append("with some ups and downs")
        elif ok * 2 < len(moods):
            parts.append("steadily low")
        else:
            parts.append("fairly steady")
    return _make("mood", label, score, ", ".join(parts) + ".", contact_phase)


def _habits(snapshot: Snapshot, window: Sequence[CheckIn], contact_phase: bool) -> Factor:
    t = THRESHOLDS
    label = "Self-improvement"
    names = frozenset(active_habit_names(snapshot.habits))
    if not names:
        reason = "No habits yet: add one or two to track your plan."
        return _make("habits", label, None, reason, contact_phase)
    covered = covered_days(snapshot.first_day, snapshot.today, t.window_days)
    if covered == 0:
        reason = "Nothing to count yet: tick your habits in the check-in."
        return _make("habits", label, None, reason, contact_phase)
    first = first_day(snapshot.today, covered)
    done = sum(len(c.habits & names) for c in window if c.day >= first)
    if done == 0:
        reason = f"No habits ticked in the last {_days(covered)}: tick them in the check-in."
        return _make("habits", label, None, reason, contact_phase)
    rate = done / (len(names) * covered)
    score = _clamp(100 * rate / t.habit_good_rate)
    reason = f"Habits done {round(rate * 100)}% of the time over the last {_days(covered)}."
    return _make("habits", label, score, reason, contact_phase)


def _neediness(
    window: Sequence[CheckIn], today: date, history: Sequence[CheckIn], contact_phase: bool
) -> Factor:
    t = THRESHOLDS
    label = "Neediness"
    dated = [(c.day, c.urge) for c in window if c.urge is not None]
    if not dated:
        reason = "No urge ratings in the last two weeks: rate the urge in the check-in."
        return _make("neediness", label, None, reason, contact_phase)
    weights = [t.window_days - (today - day).days for day, _ in dated]
    level = sum(w * u for w, (_, u) in zip(weights, dated, strict=True)) / sum(weights)
    direction = urge_trend(history, today)
    # A falling urge is a better sign than the same level rising, and vice versa.
    bonus = {"down": t.urge_direction_points, "up": -t.urge_direction_points}
    score = _clamp((10 - level) * 10 + bonus.get(direction or "", 0))
    moving = {"down": ", and falling", "up": ", and rising", "flat": ", and steady"}
    reason = f"Urge to reach out around {level:.1f} of 10{moving.get(direction or '', '')}."
    return _make("neediness", label, score, reason, contact_phase)


def _clarity(snapshot: Snapshot, contact_phase: bool, fast: bool) -> Factor:
    t = THRESHOLDS
    label = "Clarity"
    evaluation = snapshot.evaluation
    if fast:
        reason = "A simple sorry needs no evaluation; it comes later if you need it."
        return _make("clarity", label, None, reason, contact_phase, weight=0.0)
    if evaluation is not None and evaluation.red_flags:
        return _make(
            "clarity", label, None, "Your evaluation found a red flag.", contact_phase, True
        )
    if evaluation is not None and evaluation.decision is Decision.LET_GO:
        made = _make("clarity", label, None, "You chose to let go.", contact_phase)
        return replace(made, icon="none")
    if snapshot.phase < 3:
        # Before the evaluation's phase, no evaluation lifts the meter: the pause comes first.
        return _make("clarity", label, 0, "Comes with the evaluation in phase 3.", contact_phase)
    if evaluation is None:
        reason = "No evaluation yet: it helps you decide whether to pursue."
        return _make("clarity", label, 0, reason, contact_phase)
    if evaluation.decision is Decision.UNDECIDED:
        return _make(
            "clarity", label, t.clarity_undecided, "You haven't decided yet.", contact_phase
        )
    return _pursue_clarity(evaluation, contact_phase)


def _pursue_clarity(evaluation: Evaluation, contact_phase: bool) -> Factor:
    t = THRESHOLDS
    yes = clear_yeses(evaluation)
    doubts = 3 - yes
    score = max(t.clarity_undecided, 100 - t.clarity_per_doubt * doubts)
    if not doubts:
        reason = "You chose to pursue, with a yes to all three questions."
    elif yes >= MIN_CLEAR_YES:
        reason = "You chose to pursue; one of the three questions isn't a clear yes yet."
    else:
        said = "none" if yes == 0 else "only one"
        reason = (
            f"You chose to pursue, but {said} of the three questions is a clear yes: "
            "worth another look."
        )
    return _make("clarity", "Clarity", score, reason, contact_phase)


def _receptiveness(snapshot: Snapshot, contact_phase: bool) -> Factor:
    t = THRESHOLDS
    label = "Their receptiveness"
    if not contact_phase:
        return _make(
            "receptiveness", label, None, "Counts once contact starts, in phase 4.", contact_phase
        )
    state = current_ladder(snapshot)
    since = state.history[0].day if state.history else snapshot.today
    personal: list[Contact] = [
        c for c in snapshot.contacts if not c.logistics and since <= c.day <= snapshot.today
    ]
    last = personal[-t.recent_contacts :]
    if not last:
        return _make(
            "receptiveness", label, None, "No contact logged in this phase yet.", contact_phase
        )
    good = sum(1 for c in last if c.response.is_good)
    score = _clamp(sum(t.response_scores[c.response] for c in last) / len(last))
    good_days = len({c.day for c in last if c.response.is_good})
    if good_days < 2:
        score = min(score, t.one_off_cap)
    if len(last) == 1:
        reason = "One contact so far" + (", and it went well" if good else ", and it wasn't warm")
    elif good == 0:
        reason = f"None of your last {len(last)} contacts got a friendly or warm reply"
    elif good == len(last):
        reason = f"All of your last {len(last)} contacts got a friendly or warm reply"
    else:
        reason = f"{good} of your last {len(last)} contacts got a friendly or warm reply"
    if good and good_days < 2:
        reason += "; good replies on one day aren't a pattern yet"
    jumps = sum(1 for step in state.history[-len(last):] if step.jumped_ahead)
    if jumps:
        reason += f"; {jumps} jumped ahead of the ladder"
    return _make("receptiveness", label, score, reason + ".", contact_phase)


def _data(count: int, contact_phase: bool) -> Factor:
    t = THRESHOLDS
    score = _clamp(100 * count / t.full_data_checkins)
    checkins = "1 check-in" if count == 1 else f"{count} check-ins"
    reason = f"{checkins} with a mood in the last {t.window_days} days."
    return _make("data", "Check-ins", score, reason, contact_phase)


def _fast_path_open(snapshot: Snapshot) -> bool:
    """Phase 1 after a rash breakup: the meter judges the one apology, not contact."""
    return snapshot.phase == 1 and is_fast_path(snapshot.journey)


def factors(snapshot: Snapshot) -> tuple[Factor, ...]:
    """Every factor of the meter for this snapshot, in display order (shares not yet set)."""
    t = THRESHOLDS
    contact_phase = snapshot.phase >= CONTACT_PHASE
    window = recent(snapshot.checkins, snapshot.today, t.window_days)
    mood_count = sum(1 for c in window if c.mood is not None)
    return (
        _space(snapshot, contact_phase),
        _mood(window, snapshot.today, snapshot.checkins, contact_phase),
        _habits(snapshot, window, contact_phase),
        _neediness(window, snapshot.today, snapshot.checkins, contact_phase),
        _clarity(snapshot, contact_phase, _fast_path_open(snapshot)),
        _receptiveness(snapshot, contact_phase),
        _data(mood_count, contact_phase),
    )


def weighted_score(found: Sequence[Factor]) -> int | None:
    """The weighted mean of the factors that count, unknown ones as 0 (None if none count)."""
    total = sum(f.weight for f in found if f.counts)
    if total <= 0:
        return None
    points = sum(f.weight * (f.score or 0) for f in found if f.counts)
    return _clamp(points / total)


def with_shares(found: Sequence[Factor], score: int) -> tuple[Factor, ...]:
    """The factors with their share of ``score``: whole points that add up to it exactly.

    Each factor's exact share is weight x score / total weight; the shares are rounded
    down and the points left over go to the largest remainders, so the column a person
    adds up on screen gives the score shown.
    """
    total = sum(f.weight for f in found if f.counts)
    exact = {
        i: f.weight * (f.score or 0) / total for i, f in enumerate(found) if f.counts and total
    }
    floors = {i: math.floor(v) for i, v in exact.items()}
    left = score - sum(floors.values())
    order = sorted(exact, key=lambda i: (exact[i] - floors[i], -i), reverse=True)
    for i in order[: max(0, left)]:
        floors[i] += 1
    return tuple(replace(f, share=floors.get(i)) for i, f in enumerate(found))


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
    snapshot: Snapshot, found: tuple[Factor, ...], gate: str, reason: str, step: NextStep,
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
    fast = _fast_path_open(snapshot)
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
