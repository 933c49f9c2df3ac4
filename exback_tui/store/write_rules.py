"""The small rules every write follows: numbers in range, no day in the future, text cleaned,
and the user's UTC offset kept beside each stored time.

Free of SQLAlchemy, so the quick check-in (store.checkin_write) and the Journal service give
the same sentence for the same mistake.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from ..core.text import TextTooLong, clean_text
from .errors import InvalidInput


def check_range(value: int, low: int, high: int, what: str) -> int:
    """``value`` if it is from ``low`` to ``high``; else InvalidInput naming ``what``."""
    if not low <= value <= high:
        raise InvalidInput(f"{what} must be a whole number from {low} to {high}, not {value}.")
    return value


def check_day(day: date, today: date, what: str = "date") -> date:
    """``day`` if it is not after ``today``; else InvalidInput."""
    if day > today:
        raise InvalidInput(f"The {what} {day.isoformat()} is in the future; pick today or earlier.")
    return day


def cleaned(value: str, what: str) -> str:
    """``value`` as it may be stored (see core.text.clean_text); too long is InvalidInput."""
    try:
        return clean_text(value)
    except TextTooLong as exc:
        raise InvalidInput(f"The {what} is too long. {exc}") from None


def local_now() -> datetime:
    """Now, aware, in the user's current offset."""
    return datetime.now().astimezone()


def offset_min(moment: datetime) -> int:
    """The UTC offset of ``moment`` in minutes (0 for a naive one)."""
    offset = moment.utcoffset()
    return int(offset.total_seconds() // 60) if offset else 0


def tag_text(tags: Iterable[str]) -> str:
    """Tags as stored: cleaned, without "#", spaces as dashes, each once, space separated."""
    seen: dict[str, None] = {}
    for tag in tags:
        tag = clean_text(tag).strip().lstrip("#").replace(" ", "-")
        if tag:
            seen.setdefault(tag, None)
    return " ".join(seen)
