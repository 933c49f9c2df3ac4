"""`exback week`: the weekly review (the counting and the words are core.week_review)."""

from __future__ import annotations

import argparse
from datetime import date, timedelta

from ..core.week_review import checkins_window, last_week, review, review_lines
from . import open_journal, out


def cmd_week(args: argparse.Namespace) -> int:
    """Print the review of the week just ended, or of ``--week``."""
    start = args.week if args.week is not None else last_week(date.today())
    first, last = checkins_window(start)
    with open_journal(args) as journal:
        week = review(
            start,
            journal.checkins(first, last),
            journal.habits(),
            journal.urge_log(),
            journal.contacts(start, start + timedelta(days=6)),
            journal.current_phase().phase,
        )
    for line in review_lines(week):
        out.print(line, markup=False, highlight=False)
    return 0
