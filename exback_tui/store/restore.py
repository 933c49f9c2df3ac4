"""Putting a checked backup in place of the journal, keeping the journal it replaces.

Three rules protect the journal being replaced:

- A backup is the journal's own or it is not: :func:`origin_warning` says so before anything
  happens (a backup of another journal in the same folder, or one nobody can place), so the
  command can warn and ask.
- An encrypted journal is replaced only by someone who can open it: its current passphrase
  is needed even when the backup has its own. The restored journal keeps that current
  passphrase, also when the backup was made under an older one (before a rekey).
- The journal keeps its id (store.journal_id), so the backups named for it stay its own and
  another journal's backups stay another's.

The file given is never the journal itself (a link to it included), and checking it leaves
nothing beside it. A restore holds the conversion lock (store.leftovers) while it works, as an
encrypt does: other exbacks wait for it, and what a stopped one copied beside the journal is
removed by the next opening.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from . import cipher, database, leftovers
from .backup import (
    backup_to,
    backups_dir,
    check_backup,
    journal_mark,
    journal_name,
    parse_backup,
)
from .errors import (
    InvalidInput,
    JournalError,
    JournalLocked,
    JournalPathError,
    PassphraseNeeded,
    WrongPassphrase,
)
from .file_mark import left_as_found, read_file_mark
from .integrity import replace_whole
from .journal_id import Mark, new_journal_id, record_journal_id


def refuse_the_journal_itself(backup_file: Path, journal_path: Path) -> None:
    """Refuse a "backup" that is the journal: the same path, a link to it, a hard link."""
    same = os.path.realpath(backup_file) == os.path.realpath(journal_path)
    if not same and backup_file.exists() and journal_path.exists():
        try:
            same = os.path.samefile(backup_file, journal_path)
        except OSError:
            same = False
    if same:
        link = " (a link to it)" if backup_file.is_symlink() else ""
        raise InvalidInput(
            f"{backup_file} is the journal itself{link}, not a backup of it; choose a backup "
            "file. Nothing was restored."
        )


def is_locked_journal(journal_path: Path) -> bool:
    """Whether an encrypted journal is at ``journal_path``: replacing it needs its passphrase."""
    try:
        return journal_path.stat().st_size > 0 and database.inspect(journal_path).encrypted
    except (OSError, JournalError):
        return False  # nothing there, or not a journal: restore_from says so in its words


def unlocking_form(journal_path: Path, passphrase: str) -> str:
    """The form of ``passphrase`` (as typed, else NFC) that opens the encrypted journal;
    raises :class:`WrongPassphrase` with a way out for a journal too damaged to tell."""
    for form in cipher.passphrase_forms(passphrase):
        try:
            database.inspect(journal_path, form)
        except WrongPassphrase:
            continue
        return form
    raise WrongPassphrase(
        f"The passphrase given does not open {journal_path} (or it is too damaged to tell), "
        "so it was not replaced. If it is damaged beyond opening, move it aside first "
        f"(mv {journal_path} {journal_path}.old) and restore again."
    )


def backup_passphrase_form(backup_file: Path, passphrase: str) -> str:
    """The form of ``passphrase`` that opens the encrypted ``backup_file``; raises
    :class:`WrongPassphrase` when neither does."""
    forms = cipher.passphrase_forms(passphrase)
    for form in forms:
        try:
            check_backup(backup_file, form)
        except WrongPassphrase:
            if form is forms[-1]:
                raise
            continue
        return form
    raise WrongPassphrase(f"Wrong passphrase for {backup_file}.")  # not reached


def origin_warning(
    backup_file: Path,
    journal_path: Path,
    passphrase: str | None = None,
    current: str | None = None,
) -> str:
    """The warning to show before restoring ``backup_file`` over ``journal_path`` when it is
    not that journal's own backup; "" when it is (or when there is no journal to mix up).

    ``passphrase`` opens the backup, ``current`` the journal (when encrypted).
    """
    journal = journal_mark(journal_path, current)
    named = parse_backup(backup_file)
    inner = read_file_mark(backup_file, passphrase)
    backup = inner if inner is not None else Mark(named.journal_id if named else None, None)
    same = backup.is_copy_of(journal)
    if same is None and journal == Mark(None, None):
        if not journal_path.is_file() or journal_path.stat().st_size == 0:
            return ""  # no journal here yet: nothing of another journal's to mix it with
        return (
            f"exback cannot tell whether {backup_file} is a backup of {journal_path}: the "
            "journal cannot be read and no backup is named for it."
        )
    if same is None:
        return (
            f"exback cannot tell which journal {backup_file} came from (it was made before "
            "backups recorded their journal)."
        )
    if same:
        return ""
    whose = f" ({named.name})" if named is not None else ""
    return (
        f"{backup_file} is a backup of another journal{whose}, not of {journal_path}: "
        f"restoring it replaces everything in {journal_path.name} with that journal's."
    )


def restore_from(
    backup_file: Path,
    journal_path: Path,
    passphrase: str | None = None,
    *,
    current: str | None = None,
) -> Path | None:
    """Put ``backup_file`` in place of the journal, keeping the current journal as a backup.

    The backup is checked first (an exback journal, integrity_check ok); the current file, if
    any, is checked too, so something that is not a journal is never overwritten. The copy goes
    through SQLite's backup API into the live file, so a reader with the journal open sees the
    restored data and no stale -wal can resurrect the old. Returns the safety copy's path
    (None when there was no journal yet).

    An encrypted backup needs its ``passphrase`` and restores over an encrypted journal only,
    whose ``current`` passphrase is needed as well (and which it keeps). A damaged or empty
    journal, which SQLite cannot write into, is copied aside byte for byte and replaced whole
    (see :func:`~exback_tui.store.integrity.replace_whole`).
    """
    backup_file = backup_file.expanduser().absolute()
    journal_path = journal_path.expanduser().absolute()
    refuse_the_journal_itself(backup_file, journal_path)
    with _held(journal_path), left_as_found(backup_file):
        check_backup(backup_file, passphrase)
        key = passphrase if database.inspect(backup_file).encrypted else None
        if journal_path.is_file() and journal_path.stat().st_size == 0:
            before = journal_mark(journal_path)
            safety = _replace_whole(journal_path, backup_file, key, key)
            _keep_identity(journal_path, key, before, backup_file)
            return safety
        state, keep = _journal_as_it_is(backup_file, journal_path, key, current)
        before = journal_mark(journal_path, keep)
        if state.damage is not None:
            safety = _replace_whole(journal_path, backup_file, key, keep)
        else:
            safety = _replace_live(journal_path, backup_file, key, keep, exists=state.exists)
        _keep_identity(journal_path, keep, before, backup_file)
    database.make_owner_only(journal_path)
    return safety


def _held(journal_path: Path) -> AbstractContextManager[object]:
    """The conversion lock of the journal, for the restore's whole life; nothing to hold for
    a journal whose folder is not there yet (nobody else can be at it)."""
    if not journal_path.parent.is_dir():
        return nullcontext()
    return leftovers.converting(journal_path, "restore")


def _journal_as_it_is(
    backup_file: Path, journal_path: Path, key: str | None, current: str | None
) -> tuple[database.FileState, str | None]:
    """The journal's state, unlocked with its ``current`` passphrase when encrypted, and the
    key the restored journal is to have (the journal's own; the backup's for a new one)."""
    state = database.inspect(journal_path)
    if not state.exists:
        return state, key
    if state.encrypted != (key is not None):
        raise InvalidInput(
            f"{backup_file} is {'' if key else 'not '}encrypted but the journal is"
            f"{' not' if key else ''}; {'encrypt' if key else 'decrypt'} the journal first "
            f"(exback {'encrypt' if key else 'decrypt'}), then restore. Nothing was restored."
        )
    if not state.encrypted:
        return state, None
    if current is None:
        raise PassphraseNeeded(
            f"{journal_path} is encrypted: its current passphrase is needed before it can be "
            "replaced. Nothing was restored."
        )
    form = unlocking_form(journal_path, current)
    return database.inspect(journal_path, form), form


def _replace_whole(
    journal_path: Path, backup_file: Path, key: str | None, keep: str | None
) -> Path | None:
    """:func:`replace_whole`, from a copy of the backup under the journal's key if it differs."""
    if key == keep:
        return replace_whole(journal_path, backup_file)
    assert key is not None and keep is not None  # both encrypted, checked by the caller
    work = journal_path.with_name(f".{journal_path.name}.restore-source")
    try:
        _copy_under(backup_file, key, work, keep)
        return replace_whole(journal_path, work)
    finally:
        work.unlink(missing_ok=True)


def _copy_under(backup_file: Path, key: str, dest: Path, new_key: str) -> None:
    """Copy the encrypted ``backup_file`` to ``dest`` (0600), encrypted under ``new_key``."""
    module = cipher.cipher_module(backup_file)
    dest.unlink(missing_ok=True)
    os.close(os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    source, _ = database.connect_read_only(backup_file, module, key)
    try:
        target = module.connect(str(dest))
        try:
            cipher.apply_key(target, new_key)
            source.backup(target)  # SQLCipher re-encrypts every page under the target's key
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
    except module.Error as exc:
        raise JournalPathError(f"Could not restore from {backup_file} ({exc}).") from None
    finally:
        source.close()


def _replace_live(
    journal_path: Path, backup_file: Path, key: str | None, keep: str | None, *, exists: bool
) -> Path | None:
    """Copy the backup into the journal through SQLite's backup API, after a safety copy."""
    safety: Path | None = None
    if exists:
        engine = database.create_journal_engine(journal_path, passphrase=keep)
        try:
            safety = backup_to(engine, backups_dir(journal_path), label="before-restore")
        finally:
            engine.dispose()
    else:
        database.prepare_new_file(journal_path)
    module = cipher.cipher_module(backup_file) if key is not None else sqlite3
    source, _ = database.connect_read_only(backup_file, module, key)
    try:
        target = module.connect(str(journal_path), timeout=database.BUSY_TIMEOUT_MS / 1000)
        try:
            if keep is not None:
                cipher.apply_key(target, keep)
            source.backup(target)
            target.execute("PRAGMA journal_mode = WAL")
        finally:
            target.close()
    except (sqlite3.OperationalError, module.OperationalError) as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise JournalLocked(
                f"{journal_path} is busy in another program; nothing was restored, try again."
            ) from None
        raise JournalPathError(f"Could not restore into {journal_path} ({exc}).") from None
    finally:
        source.close()
    return safety


def _keep_identity(journal_path: Path, key: str | None, before: Mark, backup_file: Path) -> None:
    """Give the restored journal the id of the journal it replaced, so the backups named for
    it stay its own. A journal with no id to keep takes a fresh one, unless the backup is
    named for it (its own, come back)."""
    journal_id = before.journal_id
    if journal_id is None:
        named = parse_backup(backup_file)
        if named is not None and named.name == journal_name(journal_path):
            return
        journal_id = new_journal_id()
    module: Any = cipher.cipher_module(journal_path) if key is not None else sqlite3
    try:
        con = database.connect(journal_path, module, key)
    except module.Error:
        return  # the restore is done; the next open records an id of its own
    try:
        record_journal_id(con, journal_id, replace=True)
    finally:
        con.close()
