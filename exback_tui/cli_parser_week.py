"""The arguments of `exback week` (commands/week.py): the weekly review."""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from .core import dates

_LOOKS_ISO = re.compile(r"\s*\d{4}-w", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class WeekChoice:
    """The week asked for: an ISO week (``day`` its Monday, reviewed Monday to Sunday), or a
    day, whose week follows the journal's week start."""

    day: date
    iso: bool


def week_or_day(value: str) -> WeekChoice:
    """An argparse type: ``YYYY-Www`` (an ISO week) or a day in words (its week); a week or a
    day still to come is refused (exit 1, as every future day is: cli_types)."""
    # Imported here, for start-up time: every command builds this parser, and the review's
    # module (with core.insights) costs about 50 ms that only `exback week --week` needs.
    from .core.week_review import parse_week, week_name, week_start

    if _LOOKS_ISO.match(value):
        try:
            start = parse_week(value)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc).rstrip(".")) from None
        if start > week_start(date.today()):
            raise dates.FutureDate(
                f"The week {week_name(start)} has not begun yet; pick this week or earlier."
            )
        return WeekChoice(start, iso=True)
    try:
        return WeekChoice(dates.parse_day(value, date.today()), iso=False)
    except dates.DateError:
        raise argparse.ArgumentTypeError(
            "A week is written like 2025-W27 (the year, -W, the week number), "
            "or as a day in it, like 2025-07-02"
        ) from None


def add_week_commands(sub: argparse._SubParsersAction[Any]) -> None:
    """week: the review of the week just ended, or of --week."""
    p = sub.add_parser(
        "week",
        help="the weekly review: mood, check-ins, habits, urges, contacts, against the week before",
        description="The review of the week just ended, or of --week: mood on average, days "
        "checked in and each habit against the week before, urge pauses, contacts and their "
        "responses, the phase's exit signals that moved, and one question to reflect on. A "
        "week starts on the day chosen in the app's Settings (Monday unless changed).",
    )
    p.add_argument(
        "--week",
        type=week_or_day,
        metavar="WEEK",
        help="the week to review: an ISO week, Monday to Sunday (2025-W27), or a day in words "
        "(2025-07-02, friday), which reviews the week holding it by your week start "
        "(default: the week just ended)",
    )
