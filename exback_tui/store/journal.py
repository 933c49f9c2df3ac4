"""The Journal service: every read and write of the journal, one unit of work per call.

The CLI and the TUI call these methods and get plain ``core`` values back; they never see a
session, a query or an ORM object. Every write begins with BEGIN IMMEDIATE (see
:func:`~exback_tui.store.database.create_journal_engine`).
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar, cast

from sqlalchemy import CursorResult, Delete, Engine, delete, func, select, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..core.insights import summarise
from ..core.phases import ask_move_reason, phase_after_ask
from ..core.values import (
    RATING_MAX,
    RATING_MIN,
    Answer,
    Ask,
    AskAnswer,
    CheckIn,
    ChecklistMark,
    Contact,
    Decision,
    Entry,
    EntryKind,
    Evaluation,
    Habit,
    HowEnded,
    Initiator,
    Journey,
    Medium,
    PhaseStep,
    RedFlag,
    Response,
    Snapshot,
    SupportContact,
    Transition,
)
from . import database
from .backup import backup_to, backups_dir, daily_backup
from .change_watch import ChangeWatch
from .checkin_write import UNSET, Saved, Unset, check_checkin, write_checkin
from .document import ImportSummary, Progress
from .errors import (
    InvalidInput,
    JournalError,
    JournalUnwritable,
    NotFound,
    WrongPassphrase,
    explain,
)
from .export_document import export_document
from .history import history_until, write_history
from .import_document import parse_document
from .import_write import is_empty, write_document
from .models import (
    AskRow,
    CheckInRow,
    ChecklistMarkRow,
    ContactRow,
    EntryRow,
    EvaluationRow,
    HabitMarkRow,
    HabitRow,
    JourneyRow,
    PhaseStepRow,
    SettingRow,
    SupportContactRow,
)
from .opening import open_engine
from .readers import (
    entry_exists,
    read_asks,
    read_checkins,
    read_checklist,
    read_contact,
    read_contacts,
    read_entries,
    read_entry,
    read_habits,
    read_journey,
    read_latest_evaluation,
    read_phase_steps,
    read_setting,
    read_support,
)
from .search import SearchResult, search
from .snapshot_read import read_snapshot
from .write_rules import check_day as _check_day
from .write_rules import check_range as _check_range
from .write_rules import (
    choices,
    contact_values,
    habit_name,
    local_now,
    past_moment,
    tag_text,
)
from .write_rules import cleaned as _text
from .write_rules import offset_min as _offset_min

if TYPE_CHECKING:
    from .integrity import Damage

DEFAULT_HABITS: Final = ("friends", "exercise", "sleep", "something for me")

_log = logging.getLogger(__name__)
_Row = TypeVar("_Row")
_Value = TypeVar("_Value")


def _delete(s: Session, statement: Delete) -> int:
    """Run a DELETE and return how many rows it removed.

    ``Session.execute`` is typed to return a plain ``Result``; a DML statement's result is
    really a ``CursorResult``, which is what carries ``rowcount``.
    """
    return cast(CursorResult[Any], s.execute(statement)).rowcount


def _dbapi(s: Session) -> Any:
    """The driver's own connection under ``s``, in its transaction, for store's plain SQL."""
    return s.connection().connection.dbapi_connection


class Journal:
    """The one API over a journal file. Open it with :meth:`open`; close it when done."""

    def __init__(
        self,
        engine: Engine,
        path: Path,
        *,
        encrypted: bool = False,
        read_only_reason: str = "",
        damage: Damage | None = None,
    ) -> None:
        self.path = path
        #: True when the file is encrypted (SQLCipher); every copy made of it is too.
        self.encrypted = encrypted
        #: Empty when the journal can be written; else the sentences to show in a banner.
        self.read_only_reason = read_only_reason
        #: Set when the journal failed its integrity check (it is then read-only).
        self.damage = damage
        self._engine = engine
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write_engine = engine.execution_options(exback_write=True)
        self._writer = sessionmaker(self._write_engine, expire_on_commit=False)

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

        An encrypted journal needs its ``passphrase``: without one :class:`PassphraseNeeded`
        is raised, a wrong one raises :class:`WrongPassphrase`, and a missing sqlcipher3
        :class:`EncryptionUnavailable` (the passphrase is not used for a plaintext journal).
        A journal that cannot be written, or is damaged, opens read-only with
        :attr:`read_only_reason` saying why; one too damaged to read raises
        :class:`JournalDamaged`. Raises a :class:`JournalError` with one clear sentence for
        anything a person can cause.
        """
        path = database.journal_file(path)
        forms = database.passphrase_forms(passphrase) if passphrase else (passphrase,)
        for form in forms:
            try:
                opened = open_engine(path, passphrase=form, read_only=read_only)
                break
            except WrongPassphrase:
                if form is forms[-1]:
                    raise
        journal = cls(
            opened.engine,
            path,
            encrypted=opened.encrypted,
            read_only_reason=opened.read_only_reason,
            damage=opened.damage,
        )
        if journal.read_only:
            # A read-only journal writes nothing anywhere, not even today's backup.
            return journal
        try:
            if opened.is_new:
                journal._seed(today or date.today())
        except BaseException:
            journal.close()
            raise
        journal._daily_backup(is_new=opened.is_new)
        return journal

    def verify_passphrase(self, passphrase: str) -> bool:
        """Whether ``passphrase`` is the one this journal was opened with (the lock screen).

        Compared in memory, in constant time: instant, and no file is touched.
        """
        key = self._engine.url.password
        if key is None:
            return True
        return any(
            hmac.compare_digest(form.encode(), key.encode())
            for form in database.passphrase_forms(passphrase)
        )

    def close(self) -> None:
        """Release the connections (and fold the WAL back into the file)."""
        self._engine.dispose()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _seed(self, today: date) -> None:
        """A new journal starts in phase 1 with the default habits."""
        with self._write() as s:
            if s.scalar(select(func.count()).select_from(JourneyRow)):
                return
            s.add(JourneyRow(id=1))
            s.add(PhaseStepRow(phase=1, entered_on=today, reason="Started the journal"))
            for i, name in enumerate(DEFAULT_HABITS):
                s.add(HabitRow(name=name, position=i))

    # -- units of work ---------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """One write transaction (BEGIN IMMEDIATE), with SQLite's failures put in words.

        A read-only journal refuses before touching the file.
        """
        if self.read_only_reason:
            raise JournalUnwritable(f"Nothing was saved. {self.read_only_reason}")
        with self._unit(self._writer) as s:
            yield s

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        """One read transaction: a consistent view across the queries of a call."""
        with self._unit(self._read) as s:
            yield s

    @contextmanager
    def _unit(self, sessions: sessionmaker[Session]) -> Iterator[Session]:
        """A session in one transaction, with SQLite's failures put in words."""
        driver = self._engine.dialect.loaded_dbapi
        try:
            with sessions() as s, s.begin():
                yield s
        except (DatabaseError, driver.DatabaseError) as exc:
            explained = _explain(exc, self.path, driver)
            if explained is None:
                raise
            raise explained from None

    # -- journey ---------------------------------------------------------------------------

    def journey(self) -> Journey:
        """The answers about the breakup."""
        with self._reading() as s:
            return read_journey(_dbapi(s))

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
        """Change the journey answers given (the others keep theirs); marks it set up unless
        ``onboarded=False``."""
        given: dict[str, Any] = {
            "breakup_date": breakup_date, "how": how, "children": children,
            "living_together": living_together, "hurt_ex": hurt_ex, "ex_dating": ex_dating,
            "pause_target_days": pause_target_days, "onboarded": onboarded,
        }
        changes = {key: value for key, value in given.items() if not isinstance(value, Unset)}
        if "how" in changes and changes["how"] is not None:
            changes["how"] = HowEnded(changes["how"]).value
        target = changes.get("pause_target_days")
        if target is not None:
            _check_range(target, 1, 365, "The pause target (days)")
        breakup = changes.get("breakup_date")
        if breakup is not None:
            _check_day(breakup, date.today(), "breakup date")
        with self._write() as s:
            row = s.get(JourneyRow, 1) or JourneyRow(id=1)
            for key, value in changes.items():
                setattr(row, key, value)
            s.add(row)
            s.flush()
            return read_journey(_dbapi(s))

    # -- check-ins and habits --------------------------------------------------------------

    def record_checkin(
        self,
        day: date,
        *,
        mood: int | Unset | None = UNSET,
        urge: int | Unset | None = UNSET,
        note: str | Unset = UNSET,
        habits: Collection[str] | Unset = UNSET,
        add_habits: bool = False,
        today: date | None = None,
    ) -> Saved:
        """Save a day's check-in; a second one for the same day updates it.

        Arguments left UNSET keep their saved values. ``habits`` replaces the day's habit
        marks, or with ``add_habits`` adds to them. Saved by store.checkin_write, the same
        plain SQL that ``exback checkin`` runs without SQLAlchemy.
        """
        change = check_checkin(
            day, mood=mood, urge=urge, note=note, habits=habits, add_habits=add_habits,
            today=today or date.today(),
        )
        now = local_now()
        with self._write() as s:
            return write_checkin(_dbapi(s), change, now)

    def checkin(self, day: date) -> CheckIn | None:
        """The check-in of ``day`` (with its habit marks), or None if the day is empty."""
        found = self.checkins(day, day)
        return found[0] if found else None

    def checkins(self, start: date | None = None, end: date | None = None) -> list[CheckIn]:
        """Days from ``start`` to ``end`` (inclusive) with a check-in or a habit mark.

        Oldest first.
        """
        with self._reading() as s:
            return read_checkins(_dbapi(s), start, end)

    def delete_checkin(self, day: date) -> bool:
        """Remove a day's check-in and its habit marks; False if there was none."""
        with self._write() as s:
            gone = _delete(s, delete(CheckInRow).where(CheckInRow.day == day))
            marks = _delete(s, delete(HabitMarkRow).where(HabitMarkRow.day == day))
            return bool(gone or marks)

    def habits(self, include_archived: bool = False) -> list[Habit]:
        """The habits in their order; archived ones only when asked."""
        with self._reading() as s:
            return read_habits(_dbapi(s), include_archived)

    def add_habit(self, name: str) -> Habit:
        """Add a habit at the end; an archived one of the same name comes back instead."""
        name = habit_name(name)
        with self._write() as s:
            row = s.scalar(select(HabitRow).where(HabitRow.name == name))
            if row is not None and not row.archived:
                raise InvalidInput(f"You already track a habit called {row.name!r}.")
            last = s.scalar(select(func.max(HabitRow.position))) or 0
            if row is None:
                row = HabitRow(name=name)
                s.add(row)
            row.archived = False
            row.position = last + 1
            s.flush()
            return _habit_in(s, row.id)

    def rename_habit(self, old: str, new: str) -> Habit:
        """Rename a habit; its history stays with it."""
        new = habit_name(new)
        with self._write() as s:
            row = self._habit_row(s, old)
            clash = s.scalar(select(HabitRow).where(HabitRow.name == new, HabitRow.id != row.id))
            if clash is not None:
                raise InvalidInput(f"There is already a habit called {clash.name!r}.")
            row.name = new
            s.flush()
            return _habit_in(s, row.id)

    def archive_habit(self, name: str) -> Habit:
        """Stop tracking a habit; the days it was done are kept for insights."""
        with self._write() as s:
            row = self._habit_row(s, name)
            row.archived = True
            s.flush()
            return _habit_in(s, row.id)

    def reorder_habits(self, names: Iterable[str]) -> list[Habit]:
        """Put habits in the given order; habits not named keep their order after them."""
        with self._write() as s:
            ordered = [self._habit_row(s, n) for n in names]
            rest = [
                r
                for r in s.scalars(select(HabitRow).order_by(HabitRow.position, HabitRow.id))
                if r not in ordered
            ]
            for i, row in enumerate(ordered + rest):
                row.position = i
            s.flush()
            return read_habits(_dbapi(s), include_archived=False)

    @staticmethod
    def _habit_row(s: Session, name: str) -> HabitRow:
        row = s.scalar(select(HabitRow).where(HabitRow.name == name.strip()))
        if row is None:
            raise NotFound(f"There is no habit called {name!r}.")
        return row

    # -- entries ---------------------------------------------------------------------------

    def add_entry(
        self,
        text: str,
        *,
        day: date | None = None,
        kind: EntryKind = EntryKind.ENTRY,
        tags: Iterable[str] = (),
        when: datetime | None = None,
    ) -> Entry:
        """Write a journal entry (or an unsent message) for ``day`` (default today)."""
        body = _text(text, "entry")
        if not body.strip():
            raise InvalidInput("An entry needs some text.")
        now = when or local_now()
        day = _check_day(day or now.date(), date.today())
        with self._write() as s:
            row = EntryRow(
                day=day,
                kind=EntryKind(kind).value,
                text=body,
                tags=tag_text(tags),
                created_at=now,
                updated_at=now,
                utc_offset_min=_offset_min(now),
            )
            s.add(row)
            s.flush()
            return self._entry_in(s, row.id)

    def update_entry(self, entry_id: int, text: str, tags: Iterable[str] | None = None) -> Entry:
        """Replace an entry's text (and tags, if given)."""
        body = _text(text, "entry")
        if not body.strip():
            raise InvalidInput("An entry needs some text; delete it instead.")
        with self._write() as s:
            row = s.get(EntryRow, entry_id)
            if row is None:
                raise NotFound(f"There is no entry number {entry_id}.")
            row.text = body
            if tags is not None:
                row.tags = tag_text(tags)
            row.updated_at = local_now()
            s.flush()
            return self._entry_in(s, row.id)

    def delete_entry(self, entry_id: int) -> None:
        """Delete an entry for good."""
        with self._write() as s:
            if not _delete(s, delete(EntryRow).where(EntryRow.id == entry_id)):
                raise NotFound(f"There is no entry number {entry_id}.")

    def entry(self, entry_id: int) -> Entry:
        """One entry by its number."""
        with self._reading() as s:
            return self._entry_in(s, entry_id)

    @staticmethod
    def _entry_in(s: Session, entry_id: int) -> Entry:
        con = _dbapi(s)
        found = read_entry(con, entry_id)
        if found is not None:
            return found
        if not entry_exists(con, entry_id):
            raise NotFound(f"There is no entry number {entry_id}.")
        raise JournalError(f"Entry {entry_id} holds a value this version of exback cannot read.")

    def entries(
        self, start: date | None = None, end: date | None = None, limit: int | None = None
    ) -> list[Entry]:
        """Entries from ``start`` to ``end``, newest first."""
        with self._reading() as s:
            return read_entries(_dbapi(s), start, end, limit)

    def count_entries(self) -> int:
        """How many entries the journal holds."""
        with self._reading() as s:
            return s.scalar(select(func.count()).select_from(EntryRow)) or 0

    # -- contacts --------------------------------------------------------------------------

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
        with self._write() as s:
            row = ContactRow(**values)
            s.add(row)
            s.flush()
            return _contact_in(s, row.id)

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
        given: dict[str, Any] = {
            "medium": medium, "initiated_by": initiated_by, "response": response,
            "logistics": logistics, "minutes": minutes, "when": when, "note": note,
        }
        changes = {key: value for key, value in given.items() if not isinstance(value, Unset)}
        with self._write() as s:
            row = s.get(ContactRow, contact_id)
            if row is None:
                raise NotFound(f"There is no contact number {contact_id}.")
            old = _contact_in(s, contact_id)
            merged: dict[str, Any] = {
                "medium": old.medium,
                "initiated_by": old.initiated_by,
                "response": old.response,
                "logistics": old.logistics,
                "minutes": old.minutes,
                "when": old.when,
                "note": old.note,
            }
            merged.update(changes)
            for key, value in contact_values(**merged).items():
                setattr(row, key, value)
            s.flush()
            return _contact_in(s, contact_id)

    def delete_contact(self, contact_id: int) -> None:
        """Delete a logged contact for good."""
        with self._write() as s:
            if not _delete(s, delete(ContactRow).where(ContactRow.id == contact_id)):
                raise NotFound(f"There is no contact number {contact_id}.")

    def contacts(self, start: date | None = None, end: date | None = None) -> list[Contact]:
        """Contacts from ``start`` to ``end`` (local days), newest first."""
        with self._reading() as s:
            return read_contacts(_dbapi(s), start, end)[::-1]

    # -- phases and checklists -------------------------------------------------------------

    def phase_history(self) -> list[PhaseStep]:
        """Every phase move, oldest first."""
        with self._reading() as s:
            return read_phase_steps(_dbapi(s))

    def current_phase(self) -> PhaseStep:
        """The phase you are in now and since when."""
        history = self.phase_history()
        return history[-1] if history else PhaseStep(1, date.today(), "")

    def move_phase(
        self, phase: int, reason: str = "", on: date | None = None, forced: bool = False
    ) -> PhaseStep:
        """Record a move to ``phase`` (forward or back). The rules live in core.phases.

        ``forced``: the user moved ahead on purpose, past unmet exit signals or a skipped phase.
        """
        _check_range(phase, 1, 6, "The phase")
        day = _check_day(on or date.today(), date.today())
        with self._write() as s:
            row = PhaseStepRow(
                phase=phase, entered_on=day, reason=_text(reason, "reason"), forced=bool(forced)
            )
            s.add(row)
            return PhaseStep(phase, day, row.reason, row.forced)

    def tick(
        self,
        phase: int,
        item_key: str,
        done: bool = True,
        on: date | None = None,
        refresh: bool = False,
    ) -> bool:
        """Tick (or untick) a checklist item; returns whether anything changed.

        With ``refresh``, an item ticked on an earlier day is ticked again on ``on`` (default
        today): the weekly checks of phase 6 are done again and again, not once.
        """
        _check_range(phase, 1, 6, "The phase")
        day = on or date.today()
        with self._write() as s:
            existing = s.scalar(
                select(ChecklistMarkRow).where(
                    ChecklistMarkRow.phase == phase, ChecklistMarkRow.item_key == item_key
                )
            )
            if done and existing is None:
                s.add(ChecklistMarkRow(phase=phase, item_key=item_key, done_on=day))
                return True
            if done and refresh and existing is not None:
                # A malformed stored day (read as None) is older than any real one.
                if existing.done_on is None or existing.done_on < day:
                    existing.done_on = day
                    return True
                return False
            if not done and existing is not None:
                s.delete(existing)
                return True
            return False

    def checklist_marks(self, phase: int | None = None) -> list[ChecklistMark]:
        """Ticked checklist items, of one phase or all."""
        with self._reading() as s:
            return read_checklist(_dbapi(s), phase)

    # -- asking to get back together -------------------------------------------------------

    def record_ask(
        self, answer: AskAnswer | str, note: str = "", when: datetime | None = None
    ) -> tuple[Ask, PhaseStep | None]:
        """Record asking to get back together and the answer; move the phase it leads to.

        The ask and its move (core.phases.phase_after_ask, e.g. a "no" in phase 5 goes back to
        phase 4) are saved in one transaction: both or neither. The move is dated the ask's
        local day, or the day the current phase began if the ask is older, so that it is the
        current phase afterwards. Returns the ask and the move, or None when nothing moved.
        """
        try:
            answer = AskAnswer(answer)
        except ValueError:
            raise InvalidInput(
                f"Unknown answer {answer!r}; use one of {choices(AskAnswer)}."
            ) from None
        moment = past_moment(when, "That ask time is in the future; record asks that happened.")
        said = _text(note, "note")
        with self._write() as s:
            steps = read_phase_steps(_dbapi(s))
            current = steps[-1] if steps else None
            row = AskRow(
                at=moment,
                at_offset_min=_offset_min(moment),
                day=moment.date(),
                answer=answer.value,
                note=said,
            )
            s.add(row)
            step = None
            target = phase_after_ask(current.phase if current else 1, answer)
            if target is not None:
                on = moment.date() if current is None else max(moment.date(), current.entered_on)
                step = PhaseStep(target, on, ask_move_reason(answer))
                s.add(PhaseStepRow(phase=target, entered_on=on, reason=step.reason))
            s.flush()
            return Ask(row.id, moment, answer, said), step

    def asks(self) -> list[Ask]:
        """Every ask recorded, oldest first (read by store.snapshot_read, like the snapshot's)."""
        with self._reading() as s:
            return read_asks(_dbapi(s))

    # -- evaluation ------------------------------------------------------------------------

    def record_evaluation(self, evaluation: Evaluation) -> Evaluation:
        """Save a phase 3 evaluation; the newest one counts."""
        for value, what in (
            (evaluation.intimacy, "Intimacy"),
            (evaluation.passion, "Passion"),
            (evaluation.commitment, "Commitment"),
        ):
            _check_range(value, RATING_MIN, RATING_MAX, what)
        _check_day(evaluation.made_on, date.today(), "evaluation date")
        with self._write() as s:
            row = EvaluationRow(
                made_on=evaluation.made_on,
                worth=Answer(evaluation.worth).value,
                added_value=Answer(evaluation.added_value).value,
                differences=Answer(evaluation.differences).value,
                intimacy=evaluation.intimacy,
                passion=evaluation.passion,
                commitment=evaluation.commitment,
                transitions=json.dumps([Transition(t).value for t in evaluation.transitions]),
                red_flags=json.dumps([RedFlag(f).value for f in evaluation.red_flags]),
                patterns=json.dumps([_text(p, "pattern") for p in evaluation.patterns]),
                decision=Decision(evaluation.decision).value,
                note=_text(evaluation.note, "note"),
            )
            s.add(row)
            s.flush()
            saved = read_latest_evaluation(_dbapi(s))
            assert saved is not None  # just written, and checked on the way in
            return saved

    def latest_evaluation(self) -> Evaluation | None:
        """The evaluation that counts, if any."""
        with self._reading() as s:
            return read_latest_evaluation(_dbapi(s))

    # -- support contacts and settings -----------------------------------------------------

    def support_contacts(self) -> list[SupportContact]:
        """The people you listed to reach out to on a hard day."""
        with self._reading() as s:
            return read_support(_dbapi(s))

    def add_support_contact(self, name: str, detail: str = "") -> SupportContact:
        """Add someone to reach out to."""
        name = " ".join(_text(name, "name").split())
        if not name:
            raise InvalidInput("A support contact needs a name.")
        with self._write() as s:
            last = s.scalar(select(func.max(SupportContactRow.position))) or 0
            row = SupportContactRow(name=name, detail=_text(detail, "detail"), position=last + 1)
            s.add(row)
            s.flush()
            return SupportContact(row.id, row.name, row.detail)

    def remove_support_contact(self, contact_id: int) -> None:
        """Remove a support contact."""
        with self._write() as s:
            if not _delete(s, delete(SupportContactRow).where(SupportContactRow.id == contact_id)):
                raise NotFound(f"There is no support contact number {contact_id}.")

    def setting(self, key: str, default: str | None = None) -> str | None:
        """A stored preference, or ``default``."""
        with self._reading() as s:
            return read_setting(_dbapi(s), key, default)

    def set_setting(self, key: str, value: str) -> None:
        """Store a preference."""
        with self._write() as s:
            s.merge(SettingRow(key=key, value=value))

    # -- everything the domain needs -------------------------------------------------------

    def snapshot(self, today: date | None = None) -> Snapshot:
        """Everything the meter, the roadmap and the insights need, in one read transaction.

        Read with plain SQL (store.snapshot_read), the same reader the app's first frame uses
        before SQLAlchemy has loaded, so the two can never disagree.
        """
        today = today or date.today()
        with self._reading() as s:
            snapshot = read_snapshot(_dbapi(s), today)
        if snapshot.history is None and not self.read_only_reason:
            self._remember_history(snapshot)
        return snapshot

    def _remember_history(self, snapshot: Snapshot) -> None:
        """Cache the totals of the old days, so the next snapshot reads only the recent ones.

        Only a cache: when it cannot be written (busy, disk full) the next read is slower,
        nothing else, so the failure is logged and not raised.
        """
        history = summarise(snapshot.checkins, history_until(snapshot.today))
        try:
            with self._write() as s:
                write_history(_dbapi(s), history, snapshot.habits)
        except JournalError as exc:
            _log.info("History cache not written: %s", type(exc).__name__)

    def counts(self) -> dict[str, int]:
        """How many rows of each kind the journal holds (for summaries, never content)."""
        tables = {
            "check-ins": CheckInRow,
            "entries": EntryRow,
            "contacts": ContactRow,
            "asks": AskRow,
            "phase moves": PhaseStepRow,
            "evaluations": EvaluationRow,
        }
        with self._reading() as s:
            return {
                name: s.scalar(select(func.count()).select_from(model)) or 0
                for name, model in tables.items()
            }

    def integrity_ok(self) -> bool:
        """SQLite's own quick check of the file."""
        with self._reading() as s:
            result: str = s.execute(text("PRAGMA quick_check")).scalar_one()
            return result == "ok"

    # -- for the app ---------------------------------------------------------------------

    def watch_changes(self) -> ChangeWatch:
        """A cheap poll for "did the journal change?" (the app asks about once a second)."""
        return ChangeWatch(self._engine)

    # -- portability: export, import, search, backup ---------------------------------------

    def search(
        self, query: str, limit: int = 50, offset: int = 0, advanced: bool = False
    ) -> SearchResult:
        """Full-text search, newest first; plain words unless ``advanced`` (FTS5 syntax)."""
        with self._reading() as s:
            return search(_dbapi(s), query, limit=limit, offset=offset, advanced=advanced)

    def export_data(self, progress: Progress | None = None) -> dict[str, Any]:
        """The whole journal as a versioned document, read in one transaction."""
        with self._reading() as s:
            return export_document(s, progress)

    def import_data(self, doc: dict[str, Any], progress: Progress | None = None) -> ImportSummary:
        """Import an exback or jrnl document in one transaction; nothing is written on any
        error (the document is validated whole before the transaction begins)."""
        parsed = parse_document(doc)
        with self._write() as s:
            return write_document(s, parsed, progress)

    def is_empty(self) -> bool:
        """True when the journal holds nothing a person wrote (only what opening seeds)."""
        with self._reading() as s:
            return is_empty(s)

    def backup(self, dest: Path | None = None, label: str = "") -> Path:
        """A consistent copy (0600) at ``dest``, or a dated one (named with ``label``) in the
        backups folder."""
        return backup_to(
            self._engine, dest if dest is not None else backups_dir(self.path), label
        )

    def _daily_backup(self, *, is_new: bool) -> None:
        """Today's automatic backup on first open (never for a new journal); quiet on failure."""
        if not is_new:
            daily_backup(self.backup, self.path)


# -- rows to values -------------------------------------------------------------------------


def _explain(exc: Exception, path: Path, driver: Any) -> JournalError | None:
    """SQLite's failure in one clear sentence; None for one that is a bug, to surface as is.

    ``exc`` is SQLAlchemy's wrapper, or the ``driver``'s own error from store's plain SQL
    over the raw connection (check-ins, search, the snapshot).
    """
    if isinstance(exc, DatabaseError):
        # The driver's own message: SQLAlchemy's str() would add the SQL and its parameters.
        message = str(exc.orig) if exc.orig is not None else str(exc)
        return explain(message, path, operational=isinstance(exc, OperationalError))
    return explain(str(exc), path, operational=isinstance(exc, driver.OperationalError))


def _habit_in(s: Session, habit_id: int) -> Habit:
    """The habit just written, read back by the one reader."""
    return next(h for h in read_habits(_dbapi(s)) if h.id == habit_id)


def _contact_in(s: Session, contact_id: int) -> Contact:
    """A stored contact through the one reader; one that cannot be read is refused."""
    found = read_contact(_dbapi(s), contact_id)
    if found is None:
        raise JournalError(
            f"Contact {contact_id} holds a value this version of exback cannot read."
        )
    return found


__all__ = ["UNSET", "Journal", "Saved"]
