"""The argparse types of the command line: a typed value turned into a day, a time, a number
in range or a yes/no, or refused in one sentence.

Days and times are read by core.dates, the one reader of days in words. A day still to come
raises core.dates.FutureDate, which argparse does not catch: cli.main says its sentence and
exits 1, as the store does for any other value it refuses (2 is for a line it cannot read).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, datetime

from .core import dates

# How a day and a time may be written, for the help of every option that takes one.
DAY_WORDS = "YYYY-MM-DD, today, yesterday, friday (the last one), 3 days ago"
WHEN_WORDS = '"YYYY-MM-DD HH:MM", "yesterday 21:30", HH:MM (today) or a day'


def parse_day(value: str) -> date:
    """A calendar day in words: YYYY-MM-DD, today, yesterday, friday, 3 days ago."""
    try:
        return dates.parse_day(value, date.today())
    except dates.DateError as exc:
        raise argparse.ArgumentTypeError(str(exc).rstrip(".")) from None


def parse_when(value: str) -> datetime:
    """A local time in words: "YYYY-MM-DD HH:MM", "yesterday 21:30", "HH:MM" (today), or a
    day alone (its midday)."""
    try:
        return dates.parse_moment(value, datetime.now().astimezone())
    except dates.DateError as exc:
        raise argparse.ArgumentTypeError(str(exc).rstrip(".")) from None


def bounded(low: int, high: int, what: str, clear: str = "") -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``; a blank points at ``clear``."""

    def parse(value: str) -> int:
        if clear and not value.strip():
            raise argparse.ArgumentTypeError(
                f"{what} needs a number from {low} to {high}; to remove it, use {clear}"
            )
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{what} must be a whole number from {low} to {high}, not {value!r}"
            ) from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(
                f"{what} must be a whole number from {low} to {high}, not {number}"
            )
        return number

    parse.__name__ = what
    return parse


def yes_no(value: str) -> bool:
    """yes/no (also y/n, true/false)."""
    lowered = value.strip().lower()
    if lowered in ("yes", "y", "true", "1"):
        return True
    if lowered in ("no", "n", "false", "0"):
        return False
    raise argparse.ArgumentTypeError(f"answer yes or no, not {value!r}")


def number(what: str) -> Callable[[str], int]:
    """An argparse type: the number of something listed (an entry, a contact), 1 or more."""

    def parse(value: str) -> int:
        text = value.strip()
        if not (text.isascii() and text.isdecimal() and len(text) <= 18 and int(text) > 0):
            shown = value if len(value) <= 20 else value[:19] + "…"
            raise argparse.ArgumentTypeError(f"{what} is a whole number like 12, not {shown!r}")
        return int(text)

    parse.__name__ = what
    return parse
