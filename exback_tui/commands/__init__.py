"""The quick commands behind ``exback COMMAND``: each opens the journal, does one thing, says so.

Output is a short confirmation through Rich. Nothing here imports Textual: these must start
fast. One module a group of commands; ``cli.COMMANDS`` says which module holds which.
"""

from __future__ import annotations

import argparse
from datetime import date

from rich.console import Console

from ..store.journal import Journal

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def open_journal(args: argparse.Namespace) -> Journal:
    """Open the journal named by --db, $EXBACK_DB or the default path."""
    return Journal.open(args.db)


def day_label(day: date, today: date | None = None) -> str:
    """'today', 'yesterday' or 'Fri 20 Nov 2026'."""
    today = today or date.today()
    if day == today:
        return "today"
    if (today - day).days == 1:
        return "yesterday"
    return day.strftime("%a %d %b %Y")


def on_day(day: date) -> str:
    """'today', 'yesterday' or 'on Fri 20 Nov 2026', to follow a verb."""
    label = day_label(day)
    return label if label in ("today", "yesterday") else f"on {label}"
