"""The journal for the quick commands (``checkin``, ``search``, ``status``): one DB-API
connection, no SQLAlchemy.

Importing SQLAlchemy takes about a fifth of a second, more than all the rest of such a command.
A journal that needs nothing but the work asked for (it exists, has the current schema, passes
the quick check and can be written) is opened here with the same checks, pragmas and daily
backup as ``Journal.open``, and the work runs through the very functions the Journal service
runs (store.checkin_write, store.search), so the two cannot drift apart. Anything else (a new
journal, a migration, damage, a read-only file, a file that is not a journal) makes
:meth:`QuickJournal.open` return None, and the caller takes ``Journal.open``, which deals with
it and says so in its own words.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

from ..core.values import CheckIn, Contact, Entry, Habit, Journey, Snapshot, UrgeReading
from . import cipher, database, readers, reminder
from . import search as full_text
from .backup import copy_to, daily_backup, owner_of
from .checkin_write import UNSET, Saved, Unset, check_checkin, write_checkin
from .errors import JournalError, NotAJournal, explain
from .history import remember
from .opening import arrive, look, needs_nothing
from .snapshot_read import read_snapshot
from .write_rules import local_now

_log = logging.getLogger(__name__)


class QuickJournal:
    """A current, healthy, writable journal over one plain connection; close it when done."""

    #: What opening it tidied or found (store.opening.arrive), one sentence each, to show once.
    notices: tuple[str, ...] = ()

    def __init__(self, con: Any, module: ModuleType, path: Path, passphrase: str | None) -> None:
        self.path = path
        self._con = con
        self._module = module
        self._key = passphrase

    @classmethod
    def open(cls, path: Path, *, passphrase: str | None = None) -> QuickJournal | None:
        """Open the journal at ``path`` (absolute) as ``Journal.open`` would, or return None
        when only ``Journal.open`` can (see the module docstring).

        An encrypted journal needs its ``passphrase``: without one :class:`PassphraseNeeded`
        is raised, a wrong one raises :class:`WrongPassphrase`.
        """
        try:
            state = look(path, passphrase)
        except NotAJournal:
            return None  # Journal.open refuses it too, in the same words
        if not needs_nothing(state):
            return None
        key = passphrase if state.encrypted else None
        module = cipher.cipher_module(path) if key is not None else sqlite3
        notices = arrive(path)
        try:
            con = database.connect(path, module, key, file_id=state.file_id)
        except module.DatabaseError as exc:
            explained = _in_words(exc, path, module)
            if explained is None:
                raise
            raise explained from None
        journal = cls(con, module, path, key)
        journal.notices = notices
        daily_backup(journal.backup, path, owner_of(con, key))
        return journal

    def record_checkin(
        self,
        day: date,
        *,
        mood: int | Unset | None = UNSET,
        urge: int | Unset | None = UNSET,
        note: str | Unset = UNSET,
        habits: Collection[str] | Unset = UNSET,
        add_habits: bool = False,
        untick: Collection[str] = (),
        today: date | None = None,
    ) -> Saved:
        """Save a day's check-in, exactly as ``Journal.record_checkin`` does."""
        change = check_checkin(
            day,
            mood=mood,
            urge=urge,
            note=note,
            habits=habits,
            add_habits=add_habits,
            untick=untick,
            today=today or date.today(),
        )
        with self._transaction("BEGIN IMMEDIATE") as con:
            saved = write_checkin(con, change, local_now())
        if self._key is not None:  # what `exback remind` reads instead (store.reminder)
            reminder.note_checkin(self.path, day)
        return saved

    def checkin(self, day: date) -> CheckIn | None:
        """The check-in of ``day`` with its habit marks, as ``Journal.checkin`` reads it."""
        with self._transaction("BEGIN") as con:
            return next(iter(readers.read_checkins(con, day, day)), None)

    def checkins(self, start: date | None = None, end: date | None = None) -> list[CheckIn]:
        """Days from ``start`` to ``end``, oldest first, as ``Journal.checkins`` reads them."""
        with self._transaction("BEGIN") as con:
            return readers.read_checkins(con, start, end)

    def habits(self, include_archived: bool = False) -> list[Habit]:
        """The habits in their order, as ``Journal.habits`` reads them."""
        with self._transaction("BEGIN") as con:
            return readers.read_habits(con, include_archived)

    def contacts(self, start: date | None = None, end: date | None = None) -> list[Contact]:
        """Contacts from ``start`` to ``end``, newest first, as ``Journal.contacts`` reads them."""
        with self._transaction("BEGIN") as con:
            return readers.read_contacts(con, start, end)[::-1]

    def urge_log(self) -> list[UrgeReading]:
        """Every reading of the urge pause, oldest first, as ``Journal.urge_log`` reads it."""
        with self._transaction("BEGIN") as con:
            return readers.read_urge_log(con)

    def setting(self, key: str, default: str | None = None) -> str | None:
        """A stored preference, or ``default``, as ``Journal.setting`` reads it."""
        with self._transaction("BEGIN") as con:
            return readers.read_setting(con, key, default)

    def entries(
        self, start: date | None = None, end: date | None = None, limit: int | None = None
    ) -> list[Entry]:
        """Entries from ``start`` to ``end``, newest first, as ``Journal.entries`` reads them."""
        with self._transaction("BEGIN") as con:
            return readers.read_entries(con, start, end, limit)

    def journey(self) -> Journey:
        """The answers about the breakup, as ``Journal.journey`` reads them."""
        with self._transaction("BEGIN") as con:
            return readers.read_journey(con)

    @property
    def encrypted(self) -> bool:
        """True when the file is encrypted (SQLCipher)."""
        return self._key is not None

    def snapshot(self, today: date) -> Snapshot:
        """Everything the meter, the roadmap and the insights need, exactly as
        ``Journal.snapshot`` reads it, and the history cache written afresh when stale."""
        with self._transaction("BEGIN") as con:
            snapshot = read_snapshot(con, today)
        if snapshot.history is None:
            try:
                with self._transaction("BEGIN IMMEDIATE") as con:
                    remember(con, snapshot)
            except JournalError as exc:  # only a cache: the next read is slower, that's all
                _log.info("History cache not written: %s", type(exc).__name__)
        return snapshot

    def search(
        self, query: str, limit: int = 50, offset: int = 0, advanced: bool = False
    ) -> full_text.SearchResult:
        """Full-text search, exactly as ``Journal.search`` does."""
        with self._transaction("BEGIN") as con:
            return full_text.search(con, query, limit=limit, offset=offset, advanced=advanced)

    def backup(self, dest: Path) -> Path:
        """A consistent copy (0600) at ``dest``, encrypted like the journal."""
        return copy_to(self._con, dest, passphrase=self._key)

    def close(self) -> None:
        """Close the connection (the last one out folds the WAL back into the file)."""
        self._con.close()

    def __enter__(self) -> QuickJournal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[Any]:
        """One transaction (BEGIN IMMEDIATE for a write), with SQLite's failures in words."""
        con = self._con
        try:
            con.execute(begin)
            try:
                yield con
                con.execute("COMMIT")
            finally:
                if con.in_transaction:
                    con.execute("ROLLBACK")
        except self._module.DatabaseError as exc:
            explained = _in_words(exc, self.path, self._module)
            if explained is None:
                raise
            raise explained from None


def habit_names(path: Path) -> list[str]:
    """The names of the habits tracked in the plain journal at ``path``, read-only, for shell
    completion: never a question, a migration, a backup or a new file; nothing for a journal
    that is missing, encrypted or unreadable."""
    if not path.is_file():
        return []
    try:
        # Read-write mode, query_only: the last connection out removes the -wal and -shm
        # files a read-only one would leave behind; mode=rw never makes a new file.
        con = sqlite3.connect(path.as_uri() + "?mode=rw", uri=True)
        try:
            database.set_pragmas(con, read_only=True)
            return [habit.name for habit in readers.read_habits(con, include_archived=False)]
        finally:
            con.close()
    except (sqlite3.DatabaseError, JournalError):
        return []


def _in_words(exc: Exception, path: Path, module: ModuleType) -> JournalError | None:
    """SQLite's failure as one clear sentence; None for one that is a bug, to surface as is."""
    return explain(str(exc), path, operational=isinstance(exc, module.OperationalError))
