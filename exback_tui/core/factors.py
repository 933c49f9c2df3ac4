"""The readiness meter's factors: space, mood, habits, neediness, clarity, their
receptiveness and the data behind them. Each scores 0-100 from one snapshot with a line saying
why; their weights and every threshold sit in two tables, WEIGHTS and THRESHOLDS. The score is
the weighted mean of the factors, and each factor's share of it is whole points that add up to
it. A factor without data counts as zero, so missing data never makes the meter look better.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType
from typing import Literal

from exback_tui.core.evaluation import MIN_CLEAR_YES, clear_yeses
from exback_tui.core.exit_signals import current_ladder
from exback_tui.core.insights import (
    active_habit_names,
    covered_days,
    first_day,
    mood_trend,
    pause_days,
    pause_start,
    pause_target_days,
    recent,
    spread,
    urge_trend,
)
from exback_tui.core.ladder import CONTACT_PHASE
from exback_tui.core.phase_text import day_count
from exback_tui.core.phases import is_fast_path
from exback_tui.core.values import CheckIn, Contact, Decision, Evaluation, Response, Snapshot

Icon = Literal["ok", "warn", "bad", "none"]


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
        reason = f"{day_count(days)} without reaching out; your target was {target}."
    else:
        reason = f"{days} of {day_count(target)} without reaching out."
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
        reason = f"No habits ticked in the last {day_count(covered)}: tick them in the check-in."
        return _make("habits", label, None, reason, contact_phase)
    rate = done / (len(names) * covered)
    score = _clamp(100 * rate / t.habit_good_rate)
    reason = f"Habits done {round(rate * 100)}% of the time over the last {day_count(covered)}."
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
    jumps = sum(1 for step in state.history[-len(last) :] if step.jumped_ahead)
    if jumps:
        reason += f"; {jumps} jumped ahead of the ladder"
    return _make("receptiveness", label, score, reason + ".", contact_phase)


def _data(count: int, contact_phase: bool) -> Factor:
    t = THRESHOLDS
    score = _clamp(100 * count / t.full_data_checkins)
    checkins = "1 check-in" if count == 1 else f"{count} check-ins"
    reason = f"{checkins} with a mood in the last {t.window_days} days."
    return _make("data", "Check-ins", score, reason, contact_phase)


def fast_path_open(snapshot: Snapshot) -> bool:
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
        _clarity(snapshot, contact_phase, fast_path_open(snapshot)),
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
