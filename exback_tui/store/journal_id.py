"""Which journal a file is: a short id kept in its ``setting`` table, so every copy says so.

A backup is a whole copy of the journal, so the id recorded in the journal travels into each
backup, and a backup names the journal it came from even when it is renamed or moved. The id is
random (eight hex digits), made on the journal's first backup or first open by this version,
and it stays with the file through a move, a rename, encrypting and a restore. Export leaves it
out, so a journal filled by ``exback import`` keeps its own.

Backups made before there were ids record none; they are told apart by the moment their journal
was started (``journey.created_at``, to the microsecond), which every copy of a journal shares.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any

#: The key of the id in the ``setting`` table.
SETTING = "journal_id"
_FORM = re.compile(r"[0-9a-f]{8}\Z")


def is_journal_id(text: object) -> bool:
    """Whether ``text`` is an id as :func:`new_journal_id` makes them."""
    return isinstance(text, str) and _FORM.match(text) is not None


def new_journal_id() -> str:
    """A fresh id: eight random hex digits (a clash within one folder is about one in 4e9)."""
    return secrets.token_hex(4)


@dataclass(frozen=True, slots=True)
class Mark:
    """What a journal file says about which journal it is."""

    #: The id recorded in it; None for a journal (or a backup) from before ids existed.
    journal_id: str | None
    #: When its journal was started (``journey.created_at`` as stored); None if unknown.
    started: str | None

    def is_copy_of(self, journal: Mark) -> bool | None:
        """Whether the file with this mark (a backup) is a copy of ``journal``; None when the
        two marks cannot tell.

        Recorded ids decide; a backup from before ids is the journal's when both were started
        at the same microsecond, which two separately made journals never are.
        """
        if self.journal_id is not None and journal.journal_id is not None:
            return self.journal_id == journal.journal_id
        if self.started is not None and journal.started is not None:
            return self.started == journal.started
        return None


def read_mark(con: Any) -> Mark:
    """The mark of the journal (or backup) behind the DB-API connection ``con``.

    A table that is missing or unreadable leaves its part None: a mark is a hint for sorting
    backups, never a reason to refuse a file (the integrity checks do that).
    """
    stored: str | None = None
    started: str | None = None
    try:
        row = con.execute("SELECT value FROM setting WHERE key = ?", (SETTING,)).fetchone()
        if row is not None and is_journal_id(row[0]):
            stored = row[0]
    except con.Error:
        pass  # no setting table: not a journal we could have marked
    try:
        row = con.execute("SELECT created_at FROM journey ORDER BY id LIMIT 1").fetchone()
        if row is not None and row[0] is not None:
            started = str(row[0])
    except con.Error:
        pass  # no journey table: no start to compare
    return Mark(stored, started)


def record_journal_id(con: Any, journal_id: str, *, replace: bool = False) -> bool:
    """Record ``journal_id`` in the journal behind ``con`` (an autocommit connection).

    Without ``replace`` an id already there stays (two programs claiming at once agree on the
    first). Returns False when the journal cannot be written (read-only, busy, full).
    """
    verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
    try:
        con.execute(f"{verb} INTO setting (key, value) VALUES (?, ?)", (SETTING, journal_id))
        if con.in_transaction:  # a connection that is not in autocommit mode
            con.commit()
    except con.Error:
        return False
    return True
