"""`exback week`: the weekly review (the counting and the words are core.week_review)."""

from __future__ import annotations

import argparse
from datetime import date

from ..core.week_review import last_week, review_lines, week_start
from ..store.week_read import first_day_of_week, read_week_review
from . import open_quick
from .console import out


def cmd_week(args: argparse.Namespace) -> int:
    """Print the review of the week just ended, or of ``--week`` (an ISO week, or a day)."""
    today = date.today()
    with open_quick(args) as journal:  # only reads: no SQLAlchemy for a current journal
        first = first_day_of_week(journal)
        if args.week is None:
            start = last_week(today, first)
        elif args.week.iso:
            start = args.week.day
        else:
            start = week_start(args.week.day, first)
        week = read_week_review(journal, start, today)
    for line in review_lines(week):
        out.print(line, markup=False, highlight=False)
    return 0
