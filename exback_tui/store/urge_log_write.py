"""Writing the urge log: each reading the urge pause asks for, apart from the day's check-in.

The check-in's urge is how the day went; a reading is how strong the urge was at one moment of
a pause. Writing a reading into the check-in silently overwrote the day (a 7 became a 5), so a
reading is its own row, and nothing here touches the check-in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from ..core.values import URGE_MAX, URGE_MIN, UrgeReading
from .errors import InvalidInput
from .models import UrgeLogRow
from .write_rules import check_range, offset_min, past_moment


@dataclass(frozen=True, slots=True)
class NewUrgeReading:
    """A reading to keep, checked before its transaction begins."""

    strength: int
    at: datetime


def check_urge_reading(strength: int, at: datetime | None) -> NewUrgeReading:
    """A reading from what was given; InvalidInput for a strength out of range or a future time."""
    if isinstance(strength, bool) or not isinstance(strength, int):
        raise InvalidInput(f"The urge must be a whole number from {URGE_MIN} to {URGE_MAX}.")
    check_range(strength, URGE_MIN, URGE_MAX, "The urge")
    moment = past_moment(at, "That time is in the future; log the urge as it is now.")
    return NewUrgeReading(strength, moment)


def log_urge(s: Session, reading: NewUrgeReading) -> UrgeReading:
    """Write ``reading`` to the urge log in the caller's transaction; return it as saved."""
    row = UrgeLogRow(
        at=reading.at,
        at_offset_min=offset_min(reading.at),
        day=reading.at.date(),
        strength=reading.strength,
    )
    s.add(row)
    s.flush()
    return UrgeReading(row.id, reading.at, reading.strength)
