"""What `exback remind` may know: whether a day has a check-in, never what it holds.

A plain journal is read (read-only, one query through the one reader of check-ins). An
encrypted journal is not opened at all, since that would need its passphrase: saving a
check-in leaves the day's date in a small owner-only file beside it, and that date is all
remind reads. No SQLAlchemy and no Textual here: remind runs in shell start-up files.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from . import database
from .readers import read_checkins


def marker(journal: Path) -> Path:
    """The file holding the day of an encrypted journal's latest check-in."""
    return journal.with_name(f".{journal.name}.checked-in")


def note_checkin(journal: Path, day: date) -> None:
    """Remember ``day`` as checked in (for an encrypted journal), created owner-only; an
    older day never replaces a newer one."""
    if day < _marked(journal, default=date.min):
        return
    final = marker(journal)
    new = final.with_name(final.name + ".new")
    fd = os.open(new, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(day.isoformat())
    os.replace(new, final)


def checked_in(journal: Path, day: date) -> bool:
    """Whether ``day`` has a check-in (or a habit ticked). A missing journal has none.

    Raises a JournalError subclass, in one sentence, for a file that is not a journal.
    """
    state = database.inspect(journal, check=False)
    if not state.exists:
        return False
    if state.encrypted:
        return _marked(journal, default=date.min) >= day
    con, _ = database.connect_read_only(journal)
    try:
        return bool(read_checkins(con, day, day))
    finally:
        con.close()


def _marked(journal: Path, *, default: date) -> date:
    try:
        return date.fromisoformat(marker(journal).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return default  # none yet, or unreadable: remind then reminds, which is harmless
