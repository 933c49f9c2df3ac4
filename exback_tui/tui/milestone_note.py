"""The pause's milestone, said once a day when the app opens (the rule is core.milestones)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Final

from ..core.milestones import milestone_for

if TYPE_CHECKING:
    from ..store.journal import Journal

SAID_ON_SETTING: Final = "milestone_said_on"
"""The journal setting holding the last day a milestone was said, so it is said once that day."""


def todays_milestone(journal: Journal, today: date) -> str | None:
    """Today's word about the pause, unless it was already said today (then None).

    Only a day with something said is remembered: a slip logged after a quiet morning still
    gets its kind word that evening. A journal that cannot be written to says it every time.
    """
    if journal.setting(SAID_ON_SETTING) == today.isoformat():
        return None
    if not journal.journey().onboarded:
        return None
    said = milestone_for(journal.snapshot(today))
    if said is not None and not journal.read_only_reason:
        journal.set_setting(SAID_ON_SETTING, today.isoformat())
    return said
