"""Days and times as people type them: "today", "yesterday", "friday", "3 days ago",
"2026-11-20", "2026-11-20 21:30", "yesterday 21:30". One reader for the whole command line.

Pure: today and now are given, never read here, so a test names the day it runs on. A day or a
time still to come is refused in one sentence; so is anything else that is not a day.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Clocks on two machines (or a phone and a laptop) differ by a minute or two: a time a few
# minutes ahead of this clock is taken as now, as the store takes it (write_rules.past_moment).
CLOCK_SLACK = timedelta(minutes=5)
# A day with no time of its own, for something that happened at some point in it.
MIDDAY = time(12, 0)

HOW_TO_WRITE_A_DAY = (
    "write YYYY-MM-DD, today, yesterday, a weekday (the last one, e.g. friday) or 3 days ago"
)
HOW_TO_WRITE_A_TIME = 'write "YYYY-MM-DD HH:MM", "yesterday 21:30", HH:MM (today) or a day'

_AGO = re.compile(r"(\d{1,7}) +(day|days|week|weeks) +ago")
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")
_ISO_T = re.compile(r"^(\d{4}-\d{2}-\d{2})t(?=\d)")  # 2026-11-20T21:30, as ISO 8601 writes it


class DateError(ValueError):
    """What was typed is not a day or a time; the message is the one sentence to show."""


class FutureDate(Exception):
    """A day or a time still to come. Not a ValueError: it is a value refused, like a mood of
    11, not a command line that cannot be read."""


def parse_day(text: str, today: date) -> date:
    """The day ``text`` names, seen from ``today``; :class:`DateError` if it names none,
    :class:`FutureDate` if it is after ``today``."""
    day = _day(text, today)
    if day > today:
        raise FutureDate(f"The date {day.isoformat()} is in the future; pick today or earlier.")
    return day


def parse_moment(text: str, now: datetime) -> datetime:
    """The moment ``text`` names, aware, in ``now``'s time zone (``now`` must be aware).

    A day alone is its midday, or now if midday has not come yet; "HH:MM" alone is today.
    :class:`DateError` for anything else, :class:`FutureDate` for a moment still to come.
    """
    words = _ISO_T.sub(r"\1 ", " ".join(text.strip().lower().split()))
    today = now.date()
    if words == "now":
        return now
    found = _CLOCK.fullmatch(words.rsplit(" ", 1)[-1]) if words else None
    try:
        if found is None:
            return min(datetime.combine(parse_day(text, today), MIDDAY, now.tzinfo), now)
        head = words.rsplit(" ", 1)[0] if " " in words else ""
        day = _day(head, today) if head else today
    except DateError:
        raise DateError(f"{_quoted(text)} is not a time; {HOW_TO_WRITE_A_TIME}.") from None
    hour, minute = int(found[1]), int(found[2])
    if hour > 23 or minute > 59:
        raise DateError(f"{_quoted(text)} is not a time of day; write it as HH:MM, e.g. 21:30.")
    moment = datetime.combine(day, time(hour, minute), now.tzinfo)
    if moment > now + CLOCK_SLACK:
        shown = f"{day.isoformat()} {hour:02d}:{minute:02d}"
        raise FutureDate(f"The time {shown} is in the future; give a time that has passed.")
    return moment


def _day(text: str, today: date) -> date:
    """The day ``text`` names (future or not), or :class:`DateError`."""
    words = " ".join(text.strip().lower().split())
    if words == "today":
        return today
    if words == "yesterday":
        return today - timedelta(days=1)
    weekday = _weekday(words.removeprefix("last "))
    if weekday is not None:
        back = (today.weekday() - weekday) % 7 or 7  # the last one, never today
        return today - timedelta(days=back)
    ago = _AGO.fullmatch(words)
    if ago is not None:
        count = int(ago[1]) * (7 if ago[2].startswith("week") else 1)
        try:
            return today - timedelta(days=count)
        except OverflowError:
            raise DateError(f"{_quoted(text)} is further back than any calendar goes.") from None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", words):
        try:
            return date.fromisoformat(words)
        except ValueError:
            raise DateError(
                f"{_quoted(text)} is not a date: the calendar has no such day."
            ) from None
    raise DateError(f"{_quoted(text)} is not a date; {HOW_TO_WRITE_A_DAY}.")


def _weekday(word: str) -> int | None:
    """Monday is 0; a name may be cut to its first three letters ("fri")."""
    if len(word) < 3:
        return None
    for number, name in enumerate(WEEKDAYS):
        if name.startswith(word):
            return number
    return None


def _quoted(text: str, longest: int = 40) -> str:
    """What was typed, quoted to name it in a sentence, cut short when long."""
    return repr(text) if len(text) <= longest else repr(text[: longest - 1] + "…")
