"""The care gate: a low mood or a strong urge comes before any step toward contact.

Contact that comes from pain or desperation is the classic way to lose the ground you have
gained, so when the last week says you are struggling, the app stops talking about contact
and talks about you. The meter, the ladder's next step and the moves into phases 4 and 5 all
ask this one function.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from exback_tui.core.insights import low_stretch, mean, recent, support_names
from exback_tui.core.values import Snapshot


@dataclass(frozen=True, slots=True)
class CareRules:
    """The thresholds of the care gate, in one place."""

    # A week: long enough to see past one bad evening, short enough to be "now".
    window_days: int = 7
    # Two ratings in a week are enough to worry about; one hard day alone is not a pattern.
    min_points: int = 2
    # A week's mood at or below 3.5 of 10 is more bad days than OK ones (OK starts at 5).
    low_mood_mean: float = 3.5
    # A week's urge at or above 7 of 10: reaching out now would come from need, not choice.
    high_urge_mean: float = 7.0


CARE_RULES = CareRules()


@dataclass(frozen=True, slots=True)
class CareGate:
    """Why the app puts care before contact right now."""

    key: Literal["low-mood", "low-stretch", "high-urge"]
    factor: Literal["mood", "neediness"]  # the meter factor that carries the block
    reason: str


def care_step_text(snapshot: Snapshot) -> str:
    """The next step while the care gate is closed: rest and people, never contact."""
    return (
        "Look after yourself first: sleep, food, some fresh air, and time with "
        f"{support_names(snapshot)}. Contact can wait."
    )


def care_gate(snapshot: Snapshot) -> CareGate | None:
    """The reason to put care first this week, or None when mood and urge allow a step."""
    rules = CARE_RULES
    week = recent(snapshot.checkins, snapshot.today, rules.window_days)
    moods = [c.mood for c in week if c.mood is not None]
    urges = [c.urge for c in week if c.urge is not None]
    mood_mean = mean(moods) if len(moods) >= rules.min_points else None
    urge_mean = mean(urges) if len(urges) >= rules.min_points else None
    if mood_mean is not None and mood_mean <= rules.low_mood_mean:
        return CareGate(
            "low-mood",
            "mood",
            f"Your mood has averaged {mood_mean:.1f} of 10 this week. That's a hard "
            "stretch, and you come first: contact can wait until you feel steadier.",
        )
    if low_stretch(snapshot.checkins, snapshot.today):
        return CareGate(
            "low-stretch",
            "mood",
            "Most of your recent days have been hard ones. You come first right now: "
            "contact can wait until you feel steadier.",
        )
    if urge_mean is not None and urge_mean >= rules.high_urge_mean:
        return CareGate(
            "high-urge",
            "neediness",
            f"The urge to reach out has averaged {urge_mean:.1f} of 10 this week. Reaching "
            "out from that place rarely goes well: let it ease first.",
        )
    return None
