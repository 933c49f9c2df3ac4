"""The Journal service: every read and write of the journal, one unit of work per call.

The CLI and the TUI get plain ``core`` values back, never a session or an ORM object. A method
checks what it was given, then runs one transaction (writes: BEGIN IMMEDIATE) of a reader or
of a ``*_writes`` module's function.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy.orm import Session, sessionmaker

from ..core.values import (
    Ask,
    AskAnswer,
    CheckIn,
    ChecklistMark,
    Contact,
    Entry,
    EntryKind,
    Evaluation,
    Habit,
    HowEnded,
    Initiator,
    Journey,
    Medium,
    PhaseStep,
    Response,
    Snapshot,
    SupportContact,
    UrgeReading,
)
from . import (
    contact_writes,
    database,
    entry_writes,
    habit_writes,
    journey_writes,
    phase_writes,
    readers,
    reminder,
    urge_log_write,
)
from .backup import backup_to, backups_dir, daily_backup, engine_owner
from .change_watch import ChangeWatch
from .checkin_write import UNSET, Saved, Unset, check_checkin, write_checkin
from .counts import entry_count, quick_check_ok, row_counts
from .document import ImportSummary, Progress
from .errors import JournalError, JournalUnwritable
from .export_document import export_document
from .history import remember
from .import_run import Importable, checked, import_into
from .import_write import is_empty
from .models import SettingRow
from .opening import Opened
from .search import SearchResult, search
from .sessions import raw_connection, transaction
from .snapshot_read import read_snapshot
from .unlocking import is_key, open_unlocked
from .write_rules import check_range, contact_values, habit_name, local_now

_log = logging.getLogger(__name__)
_P = ParamSpec("_P")
_T = TypeVar("_T")


class Journal:
    """The one API over a journal file. Open it with :meth:`open`; close it when done."""

    def __init__(self, opened: Opened, path: Path) -> None:
        self.path = path
        #: True when the file is encrypted (SQLCipher); every copy made of it is too.
        self.encrypted = opened.encrypted
        #: Empty when the journal can be written; else the sentences to show in a banner.
        self.read_only_reason = opened.read_only_reason
        #: Set when the journal failed its integrity check (it is then read-only).
        self.damage = opened.damage
        #: What opening it tidied or found (store.opening.arrive), one sentence each, to show once.
        self.notices = opened.notices
        #: True when this opening made the journal (there was no file, or an empty one).
        self.started = opened.is_new
        self._engine = opened.engine
        self._read = sessionmaker(self._engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self._engine.execution_options(exback_write=True), expire_on_commit=False
        )

    # -- opening ---------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """True when nothing can be saved; :attr:`read_only_reason` says why."""
        return bool(self.read_only_reason)

    @classmethod
    def open(
        cls,
        path: Path | str | None = None,
        *,
        passphrase: str | None = None,
        read_only: bool = False,
        today: date | None = None,
    ) -> Journal:
        """Open (creating and migrating if needed) the journal at ``path``.

        An encrypted one needs its ``passphrase`` (else PassphraseNeeded; WrongPassphrase;
        EncryptionUnavailable without sqlcipher3); a plaintext one ignores it. One that cannot
        be written, or is damaged, opens read-only (:attr:`read_only_reason` says why); one too
        damaged to read raises JournalDamaged. Anything a person can cause is a JournalError.
        """
        path = database.journal_file(path)
        opened = open_unlocked(path, passphrase, read_only=read_only)
        journal = cls(opened, path)
        if journal.read_only:
            return journal  # it writes nothing anywhere, not even today's backup
        if not opened.is_new:  # today's backup, quiet on failure; a new journal has nothing yet
            daily_backup(journal.backup, path, engine_owner(opened.engine))
            return journal
        try:
            journal._saved(journey_writes.seed, today or date.today())
        except BaseException:
            journal.close()
            raise
        return journal

    def verify_passphrase(self, passphrase: str) -> bool:
        """Whether ``passphrase`` opened this journal (the lock screen); in memory, no file."""
        return is_key(passphrase, self._engine.url.password)

    def close(self) -> None:
        """Release the connections (and fold the WAL back into the file)."""
        self._engine.dispose()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- units of work ---------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """One write transaction (BEGIN IMMEDIATE); a read-only journal refuses before it."""
        if self.read_only_reason:
            raise JournalUnwritable(f"Nothing was saved. {self.read_only_reason}")
        with transaction(self._writer, self.path, self._engine.dialect.loaded_dbapi) as s:
            yield s

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        """One read transaction: a consistent view across the queries of a call."""
        with transaction(self._read, self.path, self._engine.dialect.loaded_dbapi) as s:
            yield s

    def _rows(self, reader: Callable[Concatenate[Any, _P], _T], *a: _P.args, **k: _P.kwargs) -> _T:
        """``reader`` (plain SQL over the driver's connection) in one read transaction."""
        with self._reading() as s:
            return reader(raw_connection(s), *a, **k)

    def _seen(self, fn: Callable[Concatenate[Session, _P], _T], *a: _P.args, **k: _P.kwargs) -> _T:
        """``fn`` (over the session) in one read transaction."""
        with self._reading() as s:
            return fn(s, *a, **k)

    def _saved(self, fn: Callable[Concatenate[Session, _P], _T], *a: _P.args, **k: _P.kwargs) -> _T:
        """``fn`` in one write transaction; its arguments are checked before it begins."""
        with self._write() as s:
            return fn(s, *a, **k)

    # -- journey, check-ins and habits -----------------------------------------------------

    def journey(self) -> Journey:
        """The answers about the breakup."""
        return self._rows(readers.read_journey)

    def set_journey(
        self,
        *,
        breakup_date: date | Unset | None = UNSET,
        how: HowEnded | str | Unset | None = UNSET,
        children: bool | Unset = UNSET,
        living_together: bool | Unset = UNSET,
        hurt_ex: bool | Unset = UNSET,
        ex_dating: bool | Unset = UNSET,
        pause_target_days: int | Unset | None = UNSET,
        onboarded: bool = True,
    ) -> Journey:
        """Change the answers given (others keep theirs); set up unless ``onboarded=False``."""
        changes = journey_writes.journey_changes(
            breakup_date=breakup_date,
            how=how,
            children=children,
            living_together=living_together,
            hurt_ex=hurt_ex,
            ex_dating=ex_dating,
            pause_target_days=pause_target_days,
            onboarded=onboarded,
        )
        return self._saved(journey_writes.set_journey, changes)

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
        """Save a day's check-in (UNSET keeps a saved value; ``habits`` replace or add marks)."""
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
        with self._write() as s:
            saved = write_checkin(raw_connection(s), change, local_now())
        if self.encrypted:  # what `exback remind` reads instead of the journal (store.reminder)
            reminder.note_checkin(self.path, day)
        return saved

    def checkin(self, day: date) -> CheckIn | None:
        """The check-in of ``day`` (with its habit marks), or None if the day is empty."""
        return next(iter(self.checkins(day, day)), None)

    def checkins(self, start: date | None = None, end: date | None = None) -> list[CheckIn]:
        """Days from ``start`` to ``end`` with a check-in or a habit mark, oldest first."""
        return self._rows(readers.read_checkins, start, end)

    def delete_checkin(self, day: date) -> bool:
        """Remove a day's check-in and its habit marks; False if there was none."""
        return self._saved(habit_writes.delete_checkin, day)

    def habits(self, include_archived: bool = False) -> list[Habit]:
        """The habits in their order; archived ones only when asked."""
        return self._rows(readers.read_habits, include_archived)

    def add_habit(self, name: str) -> Habit:
        """Add a habit at the end; an archived one of the same name comes back instead."""
        return self._saved(habit_writes.add_habit, habit_name(name))

    def rename_habit(self, old: str, new: str) -> Habit:
        """Rename a habit; its history stays with it."""
        return self._saved(habit_writes.rename_habit, old, habit_name(new))

    def archive_habit(self, name: str) -> Habit:
        """Stop tracking a habit; the days it was done are kept for insights."""
        return self._saved(habit_writes.archive_habit, name)

    def reorder_habits(self, names: Iterable[str]) -> list[Habit]:
        """Put habits in the given order; habits not named keep their order after them."""
        return self._saved(habit_writes.reorder_habits, names)

    # -- entries ---------------------------------------------------------------------------

    def add_entry(
        self,
        text: str,
        *,
        day: date | None = None,
        kind: EntryKind = EntryKind.ENTRY,
        tags: Iterable[str] = (),
        when: datetime | None = None,
        prompt: str = "",
    ) -> Entry:
        """Write an entry (or an unsent message) for ``day`` (default today) and its ``prompt``."""
        new = entry_writes.check_new_entry(text, day=day, when=when, prompt=prompt)
        return self._saved(entry_writes.add_entry, new, kind=kind, tags=tags)

    def update_entry(self, entry_id: int, text: str, tags: Iterable[str] | None = None) -> Entry:
        """Replace an entry's text (and tags, if given)."""
        body = entry_writes.entry_text(text, "An entry needs some text; delete it instead.")
        return self._saved(entry_writes.update_entry, entry_id, body, tags)

    def delete_entry(self, entry_id: int) -> None:
        """Delete an entry for good."""
        self._saved(entry_writes.delete_entry, entry_id)

    def entry(self, entry_id: int) -> Entry:
        """One entry by its number."""
        return self._seen(entry_writes.stored_entry, entry_id)

    def entries(
        self, start: date | None = None, end: date | None = None, limit: int | None = None
    ) -> list[Entry]:
        """Entries from ``start`` to ``end``, newest first."""
        return self._rows(readers.read_entries, start, end, limit)

    def count_entries(self) -> int:
        """How many entries the journal holds."""
        return self._seen(entry_count)

    # -- contacts with the ex and support contacts ------------------------------------------

    def log_contact(
        self,
        *,
        medium: Medium | str,
        initiated_by: Initiator | str,
        response: Response | str = Response.NONE,
        logistics: bool = False,
        minutes: int | None = None,
        when: datetime | None = None,
        note: str = "",
    ) -> Contact:
        """Record a contact with the ex."""
        values = contact_values(medium, initiated_by, response, logistics, minutes, when, note)
        return self._saved(contact_writes.log_contact, values)

    def update_contact(
        self,
        contact_id: int,
        *,
        medium: Medium | str | Unset = UNSET,
        initiated_by: Initiator | str | Unset = UNSET,
        response: Response | str | Unset = UNSET,
        logistics: bool | Unset = UNSET,
        minutes: int | Unset | None = UNSET,
        when: datetime | Unset | None = UNSET,
        note: str | Unset = UNSET,
    ) -> Contact:
        """Change a logged contact; fields not given keep their values."""
        return self._saved(
            contact_writes.update_contact,
            contact_id,
            medium=medium,
            initiated_by=initiated_by,
            response=response,
            logistics=logistics,
            minutes=minutes,
            when=when,
            note=note,
        )

    def delete_contact(self, contact_id: int) -> None:
        """Delete a logged contact for good."""
        self._saved(contact_writes.delete_contact, contact_id)

    def contacts(self, start: date | None = None, end: date | None = None) -> list[Contact]:
        """Contacts from ``start`` to ``end`` (local days), newest first."""
        return self._rows(readers.read_contacts, start, end)[::-1]

    def support_contacts(self) -> list[SupportContact]:
        """The people you listed to reach out to on a hard day."""
        return self._rows(readers.read_support)

    def add_support_contact(self, name: str, detail: str = "") -> SupportContact:
        """Add someone to reach out to."""
        name = contact_writes.support_name(name)
        return self._saved(contact_writes.add_support_contact, name, detail)

    def remove_support_contact(self, contact_id: int) -> None:
        """Remove a support contact."""
        self._saved(contact_writes.remove_support_contact, contact_id)

    # -- phases, checklists, asks and the evaluation ---------------------------------------

    def phase_history(self) -> list[PhaseStep]:
        """Every phase move, oldest first."""
        return self._rows(readers.read_phase_steps)

    def current_phase(self) -> PhaseStep:
        """The phase you are in now and since when."""
        return next(reversed(self.phase_history()), PhaseStep(1, date.today(), ""))

    def move_phase(
        self, phase: int, reason: str = "", on: date | None = None, forced: bool = False
    ) -> PhaseStep:
        """Record a move to ``phase`` (forward or back; the rules live in core.phases). ``forced``:
        you moved ahead on purpose, past unmet exit signals or a skipped phase."""
        day = phase_writes.check_move(phase, on)
        return self._saved(phase_writes.move_phase, phase, day, reason=reason, forced=forced)

    def tick(
        self,
        phase: int,
        item_key: str,
        done: bool = True,
        on: date | None = None,
        refresh: bool = False,
    ) -> bool:
        """Tick (or untick) a checklist item on ``on`` (default today); whether anything changed.
        ``refresh`` ticks an older tick again: phase 6's weekly checks are done again and again."""
        check_range(phase, 1, 6, "The phase")
        day = on or date.today()
        return self._saved(phase_writes.tick, phase, item_key, done=done, day=day, refresh=refresh)

    def checklist_marks(self, phase: int | None = None) -> list[ChecklistMark]:
        """Ticked checklist items, of one phase or all."""
        return self._rows(readers.read_checklist, phase)

    def record_ask(
        self, answer: AskAnswer | str, note: str = "", when: datetime | None = None
    ) -> tuple[Ask, PhaseStep | None]:
        """Record asking to get back together, and the phase move it leads to (both or neither);
        returns the ask and the move, or None when nothing moved."""
        return self._saved(phase_writes.record_ask, phase_writes.check_ask(answer, note, when))

    def asks(self) -> list[Ask]:
        """Every ask recorded, oldest first (read by store.snapshot_read, like the snapshot's)."""
        return self._rows(readers.read_asks)

    def log_urge(self, strength: int, at: datetime | None = None) -> UrgeReading:
        """Keep one urge pause reading in the urge log; the day's check-in is left as it is."""
        return self._saved(urge_log_write.log_urge, urge_log_write.check_urge_reading(strength, at))

    def urge_log(self) -> list[UrgeReading]:
        """Every reading of the urge pause, oldest first."""
        return self._rows(readers.read_urge_log)

    def record_evaluation(self, evaluation: Evaluation) -> Evaluation:
        """Save a phase 3 evaluation; the newest one counts."""
        phase_writes.check_evaluation(evaluation)
        return self._saved(phase_writes.record_evaluation, evaluation)

    def latest_evaluation(self) -> Evaluation | None:
        """The evaluation that counts, if any."""
        return self._rows(readers.read_latest_evaluation)

    # -- the whole journal: settings, snapshot, counts, search, export, import, backup -----

    def setting(self, key: str, default: str | None = None) -> str | None:
        """A stored preference, or ``default``."""
        return self._rows(readers.read_setting, key, default)

    def set_setting(self, key: str, value: str) -> None:
        """Store a preference."""
        with self._write() as s:
            s.merge(SettingRow(key=key, value=value))

    def snapshot(self, today: date | None = None) -> Snapshot:
        """Everything the meter, the roadmap and the insights need, in one read transaction, by
        the same reader as the app's first frame (store.snapshot_read)."""
        snapshot = self._rows(read_snapshot, today or date.today())
        if snapshot.history is None and not self.read_only_reason:
            self._remember_history(snapshot)
        return snapshot

    def _remember_history(self, snapshot: Snapshot) -> None:
        """Cache the totals of the old days (history.remember). Only a cache: when it cannot
        be written the next read is slower, so it is only logged."""
        try:
            with self._write() as s:
                remember(raw_connection(s), snapshot)
        except JournalError as exc:
            _log.info("History cache not written: %s", type(exc).__name__)

    def counts(self) -> dict[str, int]:
        """How many rows of each kind the journal holds (for summaries, never content)."""
        return self._seen(row_counts)

    def integrity_ok(self) -> bool:
        """SQLite's own quick check of the file."""
        return self._seen(quick_check_ok)

    def watch_changes(self) -> ChangeWatch:
        """A cheap poll for "did the journal change?" (the app asks about once a second)."""
        return ChangeWatch(self._engine)

    def search(
        self, query: str, limit: int = 50, offset: int = 0, advanced: bool = False
    ) -> SearchResult:
        """Full-text search, newest first; plain words unless ``advanced`` (FTS5 syntax)."""
        return self._rows(search, query, limit=limit, offset=offset, advanced=advanced)

    def export_data(self, progress: Progress | None = None) -> dict[str, Any]:
        """The whole journal as a versioned document, read in one transaction."""
        return self._seen(export_document, progress)

    def import_data(
        self, doc: Importable, progress: Progress | None = None, *, dry_run: bool = False
    ) -> ImportSummary:
        """Import a document, validated whole first (store.import_run); ``dry_run`` rolls back."""
        return self._saved(import_into, checked(doc), progress, dry_run)

    def is_empty(self) -> bool:
        """True when the journal holds nothing a person wrote (only what opening seeds)."""
        return self._seen(is_empty)

    def backup(self, dest: Path | None = None, label: str = "") -> Path:
        """A consistent copy (0600) at ``dest``, or one named by date and ``label`` in backups."""
        return backup_to(self._engine, dest if dest is not None else backups_dir(self.path), label)


__all__ = ["UNSET", "Journal", "Saved"]
