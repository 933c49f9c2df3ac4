"""The quick commands behind ``exback COMMAND``: each opens the journal, does one thing, says so.

Output is a short confirmation through Rich. Nothing here imports Textual: these must start
fast. One module a group of commands; ``cli.COMMANDS`` says which module holds which.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text

from ..store import database
from ..store.errors import PassphraseNeeded
from .console import err

if TYPE_CHECKING:
    # Imported where a journal is opened: it loads SQLAlchemy, which open_quick avoids.
    from ..store.journal import Journal
    from ..store.quick_journal import QuickJournal

T = TypeVar("T")


def journal_path(args: argparse.Namespace) -> Path:
    """The journal file named by --db, $EXBACK_DB or the default path, made absolute."""
    return database.journal_file(args.db)


def open_journal(args: argparse.Namespace) -> Journal:
    """Open the journal named by --db, $EXBACK_DB or the default path.

    An encrypted journal's passphrase comes from $EXBACK_PASSPHRASE_FILE or is typed at the
    terminal (three tries). A journal that opens read-only says why on standard error.
    """
    return _unlocked(journal_path(args), _full)


def open_quick(args: argparse.Namespace) -> QuickJournal | Journal:
    """Like :func:`open_journal`, but a current journal that needs nothing first opens
    without SQLAlchemy (store.quick_journal), for ``exback checkin`` and ``exback search``.
    """
    # Imported here, as Journal below: a command loads only the opener it uses.
    from ..store.quick_journal import QuickJournal

    def attempt(path: Path, passphrase: str | None) -> QuickJournal | Journal:
        quick = QuickJournal.open(path, passphrase=passphrase)
        if quick is None:
            return _full(path, passphrase)
        say_notices(quick.notices)
        return quick

    return _unlocked(journal_path(args), attempt)


def _full(path: Path, passphrase: str | None) -> Journal:
    """The journal through Journal.open; a read-only one says why on standard error."""
    from ..store.journal import Journal  # SQLAlchemy: only when the quick way can't open it

    journal = Journal.open(path, passphrase=passphrase)
    if journal.started:  # a mistyped --db makes one too: say where, so it is seen
        err.print(Text(f"exback: Started a new journal at {path} (none was there)."))
    say_notices(journal.notices)
    if journal.read_only:
        err.print(Text(f"exback: {journal.read_only_reason}"))
    return journal


def say_notices(notices: Sequence[str]) -> None:
    """What opening the journal tidied or found (store.opening.arrive), a line each on
    standard error, never wrapped."""
    for notice in notices:
        err.print(Text(f"exback: {notice}"), soft_wrap=True)


def _unlocked(path: Path, opener: Callable[[Path, str | None], T]) -> T:
    """``opener(path, None)``, or with the passphrase of an encrypted journal (see unlock)."""
    try:
        return opener(path, None)
    except PassphraseNeeded:
        # Loaded only for an encrypted journal: it brings the opener (about 65 ms).
        from .passphrase import unlock

        return unlock(path, lambda passphrase: opener(path, passphrase))


def day_label(day: date, today: date | None = None) -> str:
    """'today', 'yesterday' or 'Fri 20 Nov 2026'."""
    today = today or date.today()
    if day == today:
        return "today"
    if (today - day).days == 1:
        return "yesterday"
    return day.strftime("%a %d %b %Y")


def days(n: int) -> str:
    """'1 day', '3 days'."""
    return f"{n} day" if n == 1 else f"{n} days"


def on_day(day: date) -> str:
    """'today', 'yesterday' or 'on Fri 20 Nov 2026', to follow a verb."""
    label = day_label(day)
    return label if label in ("today", "yesterday") else f"on {label}"
