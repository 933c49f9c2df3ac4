"""Relationship health, the view of phase 6: you're together again, so contact readiness
means nothing now. What matters is the new relationship: the safeguards against old
patterns, the early warning signs, meeting each other's needs, and three relationships.

Each item is a weekly check: ticking it (a phase 6 checklist mark) says you looked at it
this week; a week later it is due again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from exback_tui.core.phase_text import TRANSITION_TALK
from exback_tui.core.phases import checklist
from exback_tui.core.values import NextStep, Snapshot, StepKind, Transition

# A week: the rhythm of a relationship check that is regular without becoming a chore.
CHECK_EVERY_DAYS = 7

HealthKind = Literal["safeguard", "warning", "stage", "relationships", "talk"]


@dataclass(frozen=True, slots=True)
class HealthItem:
    """One thing to look at each week, and when you last did."""

    key: str  # the phase 6 checklist key that a tick records
    kind: HealthKind
    title: str
    checked_on: date | None

    def due(self, today: date) -> bool:
        """Not looked at in the last week."""
        return self.checked_on is None or (today - self.checked_on).days >= CHECK_EVERY_DAYS


@dataclass(frozen=True, slots=True)
class Health:
    """The relationship health view: its items, how many are checked this week, the step."""

    items: tuple[HealthItem, ...]
    checked: int  # items checked within the last week
    step: NextStep


# The fixed items: what each is called here and which kind it is.
_FIXED: dict[str, tuple[HealthKind, str]] = {
    "learned-from-past": ("safeguard", "What went wrong before: are you doing it differently?"),
    "slow-but-better": ("safeguard", "Going slowly, while bringing your best"),
    "defuse-early": ("warning", "Small frictions talked about before they grew"),
    "no-resentment": ("warning", "No resentment left sitting unspoken"),
    "match-their-stage": (
        "stage",
        "Hold me tight, put me down, leave me alone: which did they need, and did you "
        "meet them there?",
    ),
    "three-relationships": (
        "relationships",
        "Three relationships looked after: with yourself, theirs with themselves, yours together",
    ),
}


def transition_key(transition: Transition) -> str:
    """The checklist key of a talking point about a life change."""
    return f"talk-{transition.value}"


def relationship_health(snapshot: Snapshot) -> Health:
    """The phase 6 view: safeguards, warning signs, stages and talks, each checked weekly."""
    marks = {m.item_key: m.done_on for m in snapshot.checklist if m.phase == 6}
    items: list[HealthItem] = []
    for item in checklist(6, snapshot.evaluation):
        if item.key in _FIXED:
            kind, title = _FIXED[item.key]
        elif item.key.startswith("talk-"):
            kind, title = "talk", item.text
        else:
            kind, title = "safeguard", item.text
        items.append(HealthItem(item.key, kind, title, marks.get(item.key)))
    today = snapshot.today
    checked = sum(1 for i in items if not i.due(today))
    due = next((i for i in items if i.due(today)), None)
    if due is None:
        text = "Everything is checked this week. Enjoy each other, and look again next week."
    else:
        text = f"This week's check: {due.title}"
        if not text.endswith(("?", ".")):
            text += "."
    return Health(tuple(items), checked, NextStep(StepKind.HEALTH, text))


def talk_points(snapshot: Snapshot) -> tuple[str, ...]:
    """The life changes to talk about as you build anew, from the evaluation."""
    evaluation = snapshot.evaluation
    if evaluation is None:
        return ()
    return tuple(f"Talk about {TRANSITION_TALK[t]}." for t in evaluation.transitions)
