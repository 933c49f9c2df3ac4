"""Whether to offer last week's review as the app opens: once a week, the first opening in it.

The week last offered is kept in a journal setting. The very first opening of a journal only
remembers the week: there is nothing of the app's to look back on yet, and a journal brought in
from elsewhere should not open on a review of a week nobody lived in the app.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

from ..core.week_review import last_week, parse_week
from ..store.week_read import first_day_of_week

if TYPE_CHECKING:
    from ..store.journal import Journal

OFFERED_SETTING: Final = "week_review_offered"
"""The journal setting holding the first day (YYYY-MM-DD) of the last week whose review was
offered, or seen (before weeks could start on any day: its ISO name, YYYY-Www)."""


def _offered_start(value: str | None) -> date | None:
    """The first day of the week last offered, from the setting (either form); None for
    none, or for a value that is neither (a hand-edited table): then it is a first opening."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return parse_week(value)
    except ValueError:
        return None


def review_due(journal: Journal, today: date) -> date | None:
    """The first day of the week to offer a review of now (weeks start on the user's chosen
    day), or None; a week offered (or passed over: a first opening, a week without a
    check-in) is remembered, so it is never asked again, whether the review is then saved
    or skipped. Only a week starting after the one last offered is offered: a week start
    changed in Settings does not bring back a week that overlaps the one just reviewed."""
    if journal.read_only_reason:
        return None
    start = last_week(today, first_day_of_week(journal))
    offered = _offered_start(journal.setting(OFFERED_SETTING))
    if offered is not None and start <= offered:
        return None
    due = (
        offered is not None
        and journal.journey().onboarded
        and bool(journal.checkins(start, start + timedelta(days=6)))
    )
    journal.set_setting(OFFERED_SETTING, start.isoformat())
    return start if due else None
