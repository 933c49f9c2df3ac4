"""The arguments of `exback week` (commands/week.py): the weekly review."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from .core.dates import FutureDate
from .core.week_review import parse_week, week_name, week_start


def iso_week(value: str) -> date:
    """An argparse type: ``YYYY-Www`` to its Monday; a week still to come is refused (exit 1,
    as every future day is: cli_types)."""
    try:
        start = parse_week(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc).rstrip(".")) from None
    if start > week_start(date.today()):
        raise FutureDate(
            f"The week {week_name(start)} has not begun yet; pick this week or earlier."
        )
    return start


def add_week_commands(sub: argparse._SubParsersAction[Any]) -> None:
    """week: the review of the week just ended, or of --week."""
    p = sub.add_parser(
        "week",
        help="the weekly review: mood, check-ins, habits, urges, contacts, against the week before",
        description="The review of the week just ended (Monday to Sunday), or of --week: mood "
        "on average, days checked in and each habit against the week before, urge pauses, "
        "contacts and their responses, and one question to reflect on.",
    )
    p.add_argument(
        "--week",
        type=iso_week,
        metavar="YYYY-Www",
        help="the ISO week to review, e.g. 2025-W27 (default: the week just ended)",
    )
