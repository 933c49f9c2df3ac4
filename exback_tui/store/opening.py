"""Opening a journal, in one order for every way in: look, unlock, check, then migrate or not.

Three callers open a journal: ``Journal.open`` (everything, SQLAlchemy), the quick commands
(store.quick_journal, one plain connection) and the app's first frame (:func:`first_frame`,
read-only, before SQLAlchemy has loaded). They share :func:`look`, so an encrypted, empty,
damaged or newer file is recognised the same way and refused in the same words, and
:func:`needs_nothing` says when the two quick ways may be taken at all. The two that may write
then call :func:`arrive`, which tidies what a stopped conversion or backup left and warns of
loose permissions, in sentences the CLI prints on stderr and the app shows as notices.

Nothing here imports SQLAlchemy at module level: the quick ways must not load it.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.values import Snapshot
from . import cipher, database
from .errors import (
    JournalDamaged,
    JournalError,
    JournalUnwritable,
    NotAJournal,
    PassphraseNeeded,
    WrongPassphrase,
    explain,
)
from .file_guard import file_id
from .integrity import Damage, keep_damaged_copy, newest_good_backup, restore_command
from .leftovers import conversion_running, tidy, wait_for_conversion
from .migration import migrate
from .readers import read_setting
from .snapshot_read import read_snapshot

if TYPE_CHECKING:
    from sqlalchemy import Engine


def look(path: Path, passphrase: str | None = None, *, check: bool = True) -> database.FileState:
    """What the file at ``path`` is, unlocked with ``passphrase`` if it is encrypted.

    An encrypted journal without a passphrase raises :class:`PassphraseNeeded` (after making
    sure sqlcipher3 is there, before anyone types one); an empty file where the journal should
    be raises :class:`NotAJournal` naming the backup to restore. ``check``: see
    :func:`~exback_tui.store.database.inspect`.

    While an encrypt, decrypt or rekey in another exback converts the journal, this waits for
    it; a file replaced by one during the look is looked at again, never called damaged.
    """
    wait_for_conversion(path)
    before = file_id(path)
    try:
        state = _look(path, passphrase, check)
    except (NotAJournal, WrongPassphrase):
        if not _replaced_since(path, before):
            raise
        state = None
    if state is None or (state.damage is not None and _replaced_since(path, before)):
        wait_for_conversion(path)  # then once more, at the file the conversion left
        state = _look(path, passphrase, check)
    return state


def _replaced_since(path: Path, before: tuple[int, int] | None) -> bool:
    return conversion_running(path) or file_id(path) != before


def _look(path: Path, passphrase: str | None, check: bool) -> database.FileState:
    try:
        state = database.inspect(path, check=check)
    except NotAJournal as exc:
        raise _with_restore_hint(exc, path) from None
    if state.encrypted:
        cipher.cipher_module(path)  # refused now, before anyone types a passphrase
        if passphrase is None:
            raise PassphraseNeeded(f"{path} is encrypted; its passphrase is needed.")
        state = database.inspect(path, passphrase, check=check)
    return state


def needs_nothing(state: database.FileState) -> bool:
    """True for a journal that needs nothing before use: it exists, is at the current revision,
    passed its check and can be written (what the two quick ways require)."""
    return (
        state.exists
        and state.revision == database.HEAD
        and state.damage is None
        and not database.read_only_reason(state)
    )


@dataclass(frozen=True, slots=True)
class FirstFrame:
    """What the app paints first, read with plain sqlite3."""

    snapshot: Snapshot
    theme: str | None


def first_frame(path: Path, today: date) -> FirstFrame | None:
    """For a plain journal that needs nothing first: the dashboard's data, read-only.

    None for anything else (new, older, encrypted, damaged, read-only): the ordinary opener
    deals with it, with its questions and messages before the screen fills. There is no quick
    check here: this look only reads, and ``Journal.open`` runs the check (behind the first
    frame) before anything can be written.
    """
    if conversion_running(path):
        return None  # the ordinary way waits for it
    state = database.inspect(path, check=False)
    if state.encrypted or not needs_nothing(state):
        return None
    con, _immutable = database.connect_read_only(path)
    try:
        con.execute("BEGIN")
        return FirstFrame(read_snapshot(con, today), read_setting(con, "theme"))
    except sqlite3.DatabaseError:
        return None  # damaged somewhere: the ordinary way finds it and says so
    finally:
        con.close()


@dataclass(frozen=True, slots=True)
class Opened:
    """An engine over a journal, and what the Journal service must know about it."""

    engine: Engine
    encrypted: bool
    #: Empty when the journal can be written; else the sentences to show in a banner.
    read_only_reason: str = ""
    damage: Damage | None = None
    #: A journal made just now: it needs its first rows.
    is_new: bool = False
    #: What :func:`arrive` did or found, one sentence each, to show once.
    notices: tuple[str, ...] = ()


def open_engine(path: Path, *, passphrase: str | None = None, read_only: bool = False) -> Opened:
    """Look at ``path``, create or migrate it if it may be written, and make its engine.

    See ``Journal.open`` for what is raised; a damaged journal keeps a copy aside and opens
    read-only when SQLite can still read it. What a stopped conversion, restore or backup
    left is tidied for a damaged or empty journal too (a restore is how one is mended), and
    said with what is wrong.
    """
    try:
        state = look(path, passphrase)
    except NotAJournal as exc:
        if not path.is_file() or path.stat().st_size:
            raise  # not a journal at all: nothing beside it is exback's to tidy
        raise NotAJournal(" ".join((str(exc), *tidy(path)))) from None
    key = passphrase if state.encrypted else None
    if state.damage is not None:
        return _open_damaged(state, key, tuple(tidy(path, key)))
    reason = database.read_only_reason(state, asked=read_only)
    if reason:
        if state.revision != database.HEAD:
            step = "created" if not state.exists else "set up or upgraded"
            raise JournalUnwritable(
                f"{path} must be {step} by this exback, which a read-only journal cannot "
                f"be. {reason}"
            )
        engine = database.create_journal_engine(
            path,
            passphrase=key,
            read_only=True,
            immutable=state.immutable,
            file_id=state.file_id,
        )
        return Opened(engine, state.encrypted, read_only_reason=reason)
    notices: tuple[str, ...] = ()
    if not state.exists:
        database.prepare_new_file(path)
    else:
        notices = arrive(path, key)
    engine = database.create_journal_engine(path, passphrase=key, file_id=state.file_id)
    try:
        if state.revision != database.HEAD:
            migrate(engine, path, state.revision)
    except BaseException as exc:
        engine.dispose()
        if not state.exists:
            _remove_new(path)  # made just now and never used: leave nothing behind
        explained = _in_words(exc, path)
        if explained is not None:
            raise explained from None
        raise
    return Opened(engine, state.encrypted, is_new=state.revision is None, notices=notices)


def _in_words(exc: BaseException, path: Path) -> JournalError | None:
    """SQLite's failure during a migration (a full disk, most likely) in one sentence."""
    # Imported here: only a migration gets this far, and it has loaded SQLAlchemy already;
    # the quick ways must not.
    from sqlalchemy.exc import DBAPIError, OperationalError

    if not isinstance(exc, DBAPIError):
        return None
    return explain(str(exc.orig), path, operational=isinstance(exc, OperationalError))


def _remove_new(path: Path) -> None:
    for end in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + end).unlink(missing_ok=True)


def arrive(path: Path, passphrase: str | None = None) -> tuple[str, ...]:
    """On the way into the journal at ``path`` (it exists and may be written; an encrypted one
    unlocked with ``passphrase``): remove or finish what a stopped conversion or backup left
    (store.leftovers), make the file private (0600) and warn of anyone else who can change
    it. One sentence for each thing done or found, for the CLI's stderr and the app's
    notices."""
    return (*tidy(path, passphrase), *_permissions(path))


def _permissions(path: Path) -> list[str]:
    """Tighten the journal to 0600 if it is ours; say who else can read or change it."""
    try:
        before = stat.S_IMODE(path.stat().st_mode)
        database.make_owner_only(path)
        found, folder = path.stat(), path.parent.stat()
    except OSError:
        return []
    said = []
    mode = stat.S_IMODE(found.st_mode)
    if found.st_uid != os.geteuid():
        said.append(
            f"{path} belongs to another user account (uid {found.st_uid}), who can read and "
            "change it."
        )
    if mode & 0o022:
        said.append(
            f"Other users can change {path} (mode {mode:o}); its owner can make it private "
            f"with: chmod 600 {path}"
        )
    elif before & 0o077 and not mode & 0o077:
        said.append(f"Other users could read or change {path}; it is private (0600) now.")
    # A group-writable folder is private when the group is the user's own (as on systems
    # that give each user a group of one); a folder that is anyone's is not.
    open_folder = folder.st_mode & 0o002 or (
        folder.st_mode & 0o020 and folder.st_gid != os.getegid()
    )
    if open_folder:
        said.append(
            f"Other users can add or replace files in {path.parent}, the journal's folder; a "
            "folder of your own (chmod 700) keeps it safe."
        )
    elif folder.st_uid not in (os.geteuid(), 0):
        said.append(
            f"{path.parent}, the journal's folder, belongs to another user account (uid "
            f"{folder.st_uid}), who can replace the journal."
        )
    return said


def _open_damaged(state: database.FileState, key: str | None, notices: tuple[str, ...]) -> Opened:
    """Keep a copy aside, then open read-only if SQLite can; never write to the file.
    ``notices``: what opening tidied beside it, said after the damage when it cannot open."""
    path = state.path
    damage = Damage(state.damage or "", keep_damaged_copy(path), newest_good_backup(path, key))
    if not state.readable:
        raise JournalDamaged(" ".join((damage.describe(path, opened=False), *notices)), damage)
    engine = database.create_journal_engine(
        path, passphrase=key, read_only=True, immutable=state.immutable
    )
    return Opened(
        engine,
        state.encrypted,
        read_only_reason=damage.describe(path, opened=True),
        damage=damage,
        notices=notices,
    )


def _with_restore_hint(exc: NotAJournal, path: Path) -> NotAJournal:
    """An empty file where the journal should be: point at the backup to restore."""
    if not path.is_file() or path.stat().st_size:
        return exc
    backup = newest_good_backup(path)
    if backup is None:
        return exc
    return NotAJournal(
        f"{exc} If it was your journal, restore the newest good backup with: "
        f"{restore_command(path, backup)}"
    )
