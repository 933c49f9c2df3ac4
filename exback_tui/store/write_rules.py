"""The small rules every write follows: numbers in range, days and times from 1900 to now,
text cleaned, and the user's UTC offset kept beside each stored time.

Free of SQLAlchemy, so the quick check-in (store.checkin_write) and the Journal service give
the same sentence for the same mistake.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from ..core.text import TextTooLong, clean_text
from ..core.values import AskAnswer, Initiator, Medium, Response
from .errors import InvalidInput

HABIT_NAME_MAX = 60
# A writing prompt is a question of a line or two (core.prompts' longest is under 100
# characters); an import may carry a longer one of its own, but not a page.
PROMPT_MAX = 500
# The earliest day a journal takes. A breakup journal has nothing older; an older date is a
# typo (0001 for 2001), and dates near year 1 break time-zone arithmetic in every reader.
EARLIEST_DAY = date(1900, 1, 1)
# A day typed by hand (exback checkin --date, entry --date, contact --when ...) may be at most
# this long before the breakup: a journal of the way back begins around the breakup, and an
# older day is a slip of the year (2015 for 2025). Imports keep only EARLIEST_DAY: a Daylio or
# Loop history may go back years before the breakup, and rightly comes along.
DAYS_BEFORE_BREAKUP = 365


def check_range(value: int, low: int, high: int, what: str) -> int:
    """``value`` if it is from ``low`` to ``high``; else InvalidInput naming ``what``."""
    if not low <= value <= high:
        raise InvalidInput(f"{what} must be a whole number from {low} to {high}, not {value}.")
    return value


def check_day(day: date, today: date, what: str = "date") -> date:
    """``day`` if it is from :data:`EARLIEST_DAY` to ``today``; else InvalidInput."""
    if day > today:
        raise InvalidInput(f"The {what} {day.isoformat()} is in the future; pick today or earlier.")
    if day < EARLIEST_DAY:
        raise InvalidInput(
            f"The {what} {day.isoformat()} is before {EARLIEST_DAY.year}; check the year."
        )
    return day


def check_typed_day(day: date, breakup: date | None, what: str = "date") -> date:
    """``day``, typed by hand, if it is at most :data:`DAYS_BEFORE_BREAKUP` before the
    ``breakup`` (with none, :func:`check_day`'s bounds alone apply); else InvalidInput naming
    the earliest day allowed."""
    if breakup is not None:
        earliest = max(breakup - timedelta(days=DAYS_BEFORE_BREAKUP), EARLIEST_DAY)
        if day < earliest:
            raise InvalidInput(
                f"The {what} {day.isoformat()} is more than a year before the breakup "
                f"({breakup.isoformat()}); the earliest day you can give is {earliest.isoformat()}."
            )
    return day


def check_time(moment: datetime, today: date, what: str = "time") -> datetime:
    """An aware ``moment`` whose day, as written, :func:`check_day` takes, give or take the
    day a time zone ahead of this one may be on; else InvalidInput."""
    # As written, without converting: near year 1 or 9999 no offset can be applied.
    check_day(moment.date(), today + timedelta(days=1), what)
    return moment


def cleaned(value: str, what: str) -> str:
    """``value`` as it may be stored (see core.text.clean_text); too long, or not Unicode
    that can be stored, is InvalidInput."""
    try:
        return clean_text(whole_unicode(value, what))
    except TextTooLong as exc:
        raise InvalidInput(f"The {what} is too long. {exc}") from None


def whole_unicode(value: str, what: str) -> str:
    """``value`` if UTF-8 can hold it; a lone surrogate (``"\\ud800"`` in JSON) cannot, and
    SQLite would refuse it only once the write had begun, so it is InvalidInput here."""
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidInput(
                f"The {what} holds a character that is not valid Unicode (a lone surrogate)."
            ) from None
    return value


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
        tag = clean_text(whole_unicode(tag, "tag")).strip().lstrip("#").replace(" ", "-")
        if tag:
            seen.setdefault(tag, None)
    return " ".join(seen)


def prompt_text(prompt: str) -> str:
    """A writing prompt as stored: cleaned, on one line, spaces folded (empty: none); too long
    is InvalidInput."""
    prompt = " ".join(cleaned(prompt, "writing prompt").split())
    if len(prompt) > PROMPT_MAX:
        raise InvalidInput(f"A writing prompt can be at most {PROMPT_MAX} characters.")
    return prompt


def habit_name(name: str) -> str:
    """A habit's name as stored: cleaned, spaces folded; empty or too long is InvalidInput."""
    name = " ".join(cleaned(name, "habit name").split())
    if not name:
        raise InvalidInput("A habit needs a name.")
    if len(name) > HABIT_NAME_MAX:
        raise InvalidInput(f"A habit name can be at most {HABIT_NAME_MAX} characters.")
    return name


def contact_values(
    medium: Medium | str,
    initiated_by: Initiator | str,
    response: Response | str,
    logistics: bool,
    minutes: int | None,
    when: datetime | None,
    note: str,
) -> dict[str, Any]:
    """A contact's columns from what was given, or InvalidInput saying what is wrong."""
    try:
        medium_v = Medium(medium).value
    except ValueError:
        raise InvalidInput(f"Unknown medium {medium!r}; use one of {choices(Medium)}.") from None
    try:
        initiator_v = Initiator(initiated_by).value
    except ValueError:
        raise InvalidInput(
            f"Unknown initiator {initiated_by!r}; use one of {choices(Initiator)}."
        ) from None
    try:
        response_v = Response(response).value
    except ValueError:
        raise InvalidInput(
            f"Unknown response {response!r}; use one of {choices(Response)}."
        ) from None
    if minutes is not None:
        check_range(minutes, 0, 24 * 60, "Minutes")
    moment = past_moment(when, "That contact time is in the future; log contacts that happened.")
    return {
        "medium": medium_v,
        "initiated_by": initiator_v,
        "response": response_v,
        "logistics": bool(logistics),
        "minutes": minutes,
        "at": moment,
        "at_offset_min": offset_min(moment),
        "day": moment.date(),
        "note": cleaned(note, "note"),
        "utc_offset_min": offset_min(local_now()),
    }


def past_moment(when: datetime | None, future: str) -> datetime:
    """``when`` (default now) as an aware time; a naive one is the user's local time.

    A time more than a few minutes ahead (clocks differ) raises InvalidInput with ``future``;
    one before :data:`EARLIEST_DAY` says so.
    """
    moment = when or local_now()
    if moment.date() < EARLIEST_DAY:  # before any time-zone arithmetic, which fails near year 1
        raise InvalidInput(
            f"The time on {moment.date().isoformat()} is before {EARLIEST_DAY.year}; "
            "check the year."
        )
    if moment.tzinfo is None:
        moment = moment.astimezone()
    if moment > local_now() + timedelta(minutes=5):
        raise InvalidInput(future)
    return moment


def choices(
    enum: type[Medium] | type[Initiator] | type[Response] | type[AskAnswer],
) -> str:
    """The values a choice may take, for the sentence that refuses another."""
    return ", ".join(m.value for m in enum)
