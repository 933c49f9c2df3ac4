"""Writing the journey's answers, and the rows a new journal starts with."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..core.values import HowEnded, Journey
from .checkin_write import UNSET, Unset
from .models import HabitRow, JourneyRow, PhaseStepRow
from .readers import read_journey
from .sessions import raw_connection
from .write_rules import check_day, check_range

DEFAULT_HABITS: Final = ("friends", "exercise", "sleep", "something for me")


def seed(s: Session, today: date) -> None:
    """A new journal starts in phase 1 with the default habits (once: a seeded one is kept)."""
    if s.scalar(select(func.count()).select_from(JourneyRow)):
        return
    s.add(JourneyRow(id=1))
    s.add(PhaseStepRow(phase=1, entered_on=today, reason="Started the journal"))
    for i, name in enumerate(DEFAULT_HABITS):
        s.add(HabitRow(name=name, position=i))


def journey_changes(
    *,
    breakup_date: date | Unset | None = UNSET,
    how: HowEnded | str | Unset | None = UNSET,
    children: bool | Unset = UNSET,
    living_together: bool | Unset = UNSET,
    hurt_ex: bool | Unset = UNSET,
    ex_dating: bool | Unset = UNSET,
    pause_target_days: int | Unset | None = UNSET,
    onboarded: bool = True,
) -> dict[str, Any]:
    """The journey columns to change (those given), checked before any transaction begins."""
    given: dict[str, Any] = {
        "breakup_date": breakup_date,
        "how": how,
        "children": children,
        "living_together": living_together,
        "hurt_ex": hurt_ex,
        "ex_dating": ex_dating,
        "pause_target_days": pause_target_days,
        "onboarded": onboarded,
    }
    changes = {key: value for key, value in given.items() if not isinstance(value, Unset)}
    if "how" in changes and changes["how"] is not None:
        changes["how"] = HowEnded(changes["how"]).value
    target = changes.get("pause_target_days")
    if target is not None:
        check_range(target, 1, 365, "The pause target (days)")
    breakup = changes.get("breakup_date")
    if breakup is not None:
        check_day(breakup, date.today(), "breakup date")
    return changes


def set_journey(s: Session, changes: Mapping[str, Any]) -> Journey:
    """Write ``changes`` (from :func:`journey_changes`) and return the journey as saved."""
    row = s.get(JourneyRow, 1) or JourneyRow(id=1)
    for key, value in changes.items():
        setattr(row, key, value)
    s.add(row)
    s.flush()
    return read_journey(raw_connection(s))
