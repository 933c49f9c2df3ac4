"""The contact-readiness meter: how ready you are for the next small step, and why.

A pure function of one snapshot. Every point on the meter comes from a factor the screen
shows: the score is the weighted mean of the factors' scores (see ``weighted_score``), so
the user can always see where a number came from and what would move it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Literal

from exback_tui.core.insights import (
    active_habit_names,
    covered_days,
    first_day,
    mood_trend,
    pause_days,
    pause_start,
    recent,
    spread,
    urge_trend,
)
from exback_tui.core.ladder import CONTACT_PHASE, contact_phase_start, ladder_state
from exback_tui.core.phases import next_thing, pause_target_days
from exback_tui.core.values import (
    Answer,
    CheckIn,
    Contact,
    Decision,
    Evaluation,
    Response,
    Snapshot,
)

Icon = Literal["ok", "warn", "bad", "none"]

LEVEL_NO_DATA = "Not enough data yet"
LEVEL_PAUSED = "Paused"
LEVEL_NOT_YET = "Not yet"
LEVEL_GETTING_THERE = "Getting there"
LEVEL_NEARLY = "Nearly ready"
LEVEL_READY = "Ready for a small step"

RED_FLAG_REASON = (
    "Your evaluation found a red flag, so the meter is paused. Your safety and wellbeing "
    "come first, and getting help from someone you trust or a professional is no shame."
)
LET_GO_REASON = (
    "You chose to let go. That's a brave and valid choice, and the journal keeps working "
    "for you: for your mood, your habits and moving on."
)
NO_DATA_STEP = "Check in for a few days so the meter has something to go on."


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
    # Clarity: undecided is a start; each question not answered "yes" costs some certainty.
    clarity_undecided: int = 25
    clarity_per_doubt: int = 15
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
    """One reason behind the meter: its own score, its weight, and a line saying why."""

    key: str
    label: str
    score: int | None  # 0-100, None when it doesn't apply or there is no data for it
    weight: float
    reason: str
    blocking: bool = False
    icon: Icon = "none"  # the UI maps it to a symbol and a colour


@dataclass(frozen=True, slots=True)
class Assessment:
    """The meter's reading: a score, a plain level, its factors and the one next step."""

    score: int | None
    level: str
    blocked: bool
    block_reason: str
    factors: tuple[Factor, ...]
    next_step: str
    let_go: bool = False

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


def _weight(key: str, contact_phase: bool) -> float:
    weight = WEIGHTS[key]
    return weight.contact if contact_phase else weight.pause


def _make(
    key: str,
    label: str,
    score: int | None,
    reason: str,
    contact_phase: bool,
    blocking: bool = False,
) -> Factor:
    return Factor(
        key=key,
        label=label,
        score=score,
        weight=_weight(key, contact_phase),
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
        return _make("mood", label, None, "No mood ratings in the last two weeks.", contact_phase)
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
    trend = mood_trend(history, today)
    trend_words = {"up": "trending up", "down": "trending down", "flat": "holding level"}
    deviation = spread(moods)
    parts = [f"Mostly OK on {ok} of {len(moods)} days"]
    if trend is not None:
        parts.append(trend_words[trend])
    if deviation is not None:
        if deviation < t.steady_spread:
            parts.append("fairly steady")
        elif deviation < t.swinging_spread:
            parts.append("some ups and downs")
        else:
            parts.append("big swings")
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
        reason = "No urge ratings in the last two weeks."
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


def _clarity(evaluation: Evaluation | None, phase_number: int, contact_phase: bool) -> Factor:
    t = THRESHOLDS
    label = "Clarity"
    if evaluation is None:
        reason = (
            "Comes with the evaluation in phase 3."
            if phase_number < 3
            else "No evaluation yet: it helps you decide whether to pursue."
        )
        return _make("clarity", label, 0, reason, contact_phase)
    if evaluation.red_flags:
        return _make(
            "clarity", label, None, "Your evaluation found a red flag.", contact_phase, True
        )
    if evaluation.decision is Decision.LET_GO:
        return _make("clarity", label, None, "You chose to let go.", contact_phase, True)
    if evaluation.decision is Decision.UNDECIDED:
        return _make(
            "clarity", label, t.clarity_undecided, "You haven't decided yet.", contact_phase
        )
    answers = (evaluation.worth, evaluation.added_value, evaluation.differences)
    doubts = sum(1 for a in answers if a is not Answer.YES)
    score = 100 - t.clarity_per_doubt * doubts
    reason = (
        "You decided to pursue, with a yes to all three questions."
        if not doubts
        else (
            f"You decided to pursue; {doubts} of the three questions "
            f"{'is' if doubts == 1 else 'are'}n't a clear yes."
        )
    )
    return _make("clarity", label, score, reason, contact_phase)


def _receptiveness(snapshot: Snapshot, contact_phase: bool) -> Factor:
    t = THRESHOLDS
    label = "Their receptiveness"
    if not contact_phase:
        return _make(
            "receptiveness", label, None, "Counts once contact starts, in phase 4.", contact_phase
        )
    since = contact_phase_start(snapshot.phase_steps) or snapshot.phase_since
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
    if good < 2:
        score = min(score, t.one_off_cap)
    if len(last) == 1:
        reason = "One contact so far" + (", and it went well" if good else ", and it wasn't warm")
    else:
        reason = f"{good} of your last {len(last)} contacts were friendly or warm"
    if good == 1:
        reason += "; one good reply isn't a pattern yet"
    return _make("receptiveness", label, score, reason + ".", contact_phase)


def _data(count: int, contact_phase: bool) -> Factor:
    t = THRESHOLDS
    score = _clamp(100 * count / t.full_data_checkins)
    reason = f"{count} check-ins in the last {t.window_days} days."
    return _make("data", "Check-ins", score, reason, contact_phase)


def factors(snapshot: Snapshot) -> tuple[Factor, ...]:
    """Every factor of the meter for this snapshot, in display order."""
    t = THRESHOLDS
    contact_phase = snapshot.phase >= CONTACT_PHASE
    window = recent(snapshot.checkins, snapshot.today, t.window_days)
    mood_count = sum(1 for c in window if c.mood is not None)
    return (
        _space(snapshot, contact_phase),
        _mood(window, snapshot.today, snapshot.checkins, contact_phase),
        _habits(snapshot, window, contact_phase),
        _neediness(window, snapshot.today, snapshot.checkins, contact_phase),
        _clarity(snapshot.evaluation, snapshot.phase, contact_phase),
        _receptiveness(snapshot, contact_phase),
        _data(mood_count, contact_phase),
    )


def weighted_score(found: Sequence[Factor]) -> int | None:
    """The weighted mean of the factors that have a score, rounded to 0-100 (None if none)."""
    total = sum(f.weight for f in found if f.score is not None and f.weight > 0)
    if total <= 0:
        return None
    points = sum(f.weight * f.score for f in found if f.score is not None and f.weight > 0)
    return _clamp(points / total)


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


def assess(snapshot: Snapshot) -> Assessment:
    """Read the meter: a red flag or letting go pauses it; too few check-ins give no score."""
    t = THRESHOLDS
    found = factors(snapshot)
    evaluation = snapshot.evaluation
    red_flag = evaluation is not None and bool(evaluation.red_flags)
    let_go = evaluation is not None and evaluation.decision is Decision.LET_GO
    if red_flag or let_go:
        return Assessment(
            score=None,
            level=LEVEL_PAUSED,
            blocked=True,
            block_reason=RED_FLAG_REASON if red_flag else LET_GO_REASON,
            factors=found,
            next_step=next_thing(snapshot),
            let_go=let_go,
        )
    window = recent(snapshot.checkins, snapshot.today, t.window_days)
    score = weighted_score(found)
    if score is None or sum(1 for c in window if c.mood is not None) < t.min_checkins:
        return Assessment(
            score=None,
            level=LEVEL_NO_DATA,
            blocked=False,
            block_reason="",
            factors=found,
            next_step=NO_DATA_STEP,
        )
    next_step = next_thing(snapshot)
    if snapshot.phase == CONTACT_PHASE and score < t.hold_below:
        since = contact_phase_start(snapshot.phase_steps) or snapshot.phase_since
        state = ladder_state(snapshot.contacts, snapshot.journey, since)
        next_step = (
            f"Stay with {state.rung.title.lower()} for now, and look after yourself first."
            if state.rung_index
            else "Hold off on contact for now, and look after yourself first."
        )
    return Assessment(
        score=score,
        level=level_for(score),
        blocked=False,
        block_reason="",
        factors=found,
        next_step=next_step,
    )
