"""Consistent copies of the journal with SQLite's online backup API, safe while it is in use.

Three kinds of copy land in the ``backups`` folder beside the journal: one automatic copy a
day (the last :data:`KEEP_DAILY` are kept), one before every schema upgrade, and one before
every restore. ``exback backup`` writes a fourth kind wherever the user asks.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # Only Journal's copies come through an engine; the quick check-in's daily backup must
    # not load SQLAlchemy.
    from sqlalchemy import Engine

from .errors import JournalError, JournalLocked, JournalPathError, NotAJournal

BACKUP_DIR = "backups"
DAILY_LABEL = "daily"
KEEP_DAILY = 14
_PREFIX = "journal-"


def backups_dir(journal_path: Path) -> Path:
    """The folder beside the journal that holds its automatic backups."""
    return journal_path.parent / BACKUP_DIR


def backup_file_name(label: str = "") -> str:
    """A file name that sorts by time: journal-2026-11-23-210500[-label].db."""
    stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
    return f"{_PREFIX}{stamp}{'-' + label if label else ''}.db"


def backup_to(engine: Engine, dest: Path, label: str = "") -> Path:
    """Copy the journal behind ``engine`` to ``dest``, with its key (see :func:`copy_to`)."""
    raw = engine.raw_connection()
    try:
        driver = raw.driver_connection
        assert driver is not None  # a pooled connection that is checked out has one
        return copy_to(driver, dest, label, passphrase=engine.url.password)
    finally:
        raw.close()


def copy_to(con: Any, dest: Path, label: str = "", *, passphrase: str | None = None) -> Path:
    """Copy the journal behind the DB-API connection ``con`` to ``dest`` (a folder or a file
    path), 0600; with the journal's ``passphrase`` the copy is encrypted under it too.

    A folder is created 0700 if missing and the copy gets a dated name inside it. The copy is
    written beside its final name and renamed into place, so a copy that exists is complete.
    """
    dest = dest.expanduser()
    if dest.is_dir() or not dest.suffix:
        try:
            dest.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise JournalPathError(
                f"Could not create the backup folder {dest}: {exc.strerror}."
            ) from None
        name = backup_file_name(label)
        dest = dest / name
        n = 1
        while dest.exists():  # two backups within one second: number the second
            n += 1
            dest = dest.with_name(f"{name[:-3]}-{n}.db")
    if dest.exists():
        raise JournalPathError(f"{dest} already exists; choose another name for the backup.")
    from . import database

    # The journal's own driver and key: a backup of an encrypted journal is encrypted.
    module = database.cipher_module() if passphrase is not None else sqlite3
    partial = dest.with_name(f".{dest.name}.partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as exc:
        raise JournalPathError(f"Could not write a backup to {dest}: {exc.strerror}.") from None
    os.close(fd)
    try:
        target = module.connect(str(partial))
        try:
            if passphrase is not None:
                database.apply_key(target, passphrase)
            con.backup(target)
            # A backup is a single file: no -wal beside it to lose or leave behind.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        os.replace(partial, dest)
    except (OSError, sqlite3.Error, module.Error) as exc:
        partial.unlink(missing_ok=True)
        raise JournalPathError(f"Could not write a backup to {dest} ({exc}).") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return dest


def _day_of(name: str) -> date | None:
    """The day in a backup's file name, or None for a file that is not one of ours."""
    try:
        return date.fromisoformat(name[len(_PREFIX) : len(_PREFIX) + 10])
    except ValueError:
        return None


def daily_backups(folder: Path) -> list[Path]:
    """The automatic daily backups in ``folder``, oldest first."""
    if not folder.is_dir():
        return []
    found = [
        p
        for p in folder.iterdir()
        if p.name.startswith(_PREFIX)
        and p.name.endswith(f"-{DAILY_LABEL}.db")
        and _day_of(p.name) is not None
    ]
    return sorted(found, key=lambda p: p.name)


def daily_backup(
    copy: Callable[[Path], Path],
    journal_path: Path,
    today: date | None = None,
    keep: int = KEEP_DAILY,
) -> Path | None:
    """Make today's automatic backup unless one exists, then keep only the last ``keep``.

    ``copy(dest)`` writes the copy (``Journal.backup``, or the quick journal's own). Returns
    the new backup, or None when there was nothing to do or it could not be made: a failed
    backup must never stop the journal from opening, and the next open tries again.
    """
    today = today or date.today()
    folder = backups_dir(journal_path)
    made: Path | None = None
    try:
        if not any(_day_of(p.name) == today for p in daily_backups(folder)):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            # Named by ``today`` (not the clock's date), which is what the check above reads.
            name = f"{_PREFIX}{today.isoformat()}-{datetime.now():%H%M%S}-{DAILY_LABEL}.db"
            made = copy(folder / name)
        for old in daily_backups(folder)[:-keep] if keep > 0 else []:
            old.unlink(missing_ok=True)
    except (OSError, sqlite3.Error, JournalError):
        # Deliberately quiet: a read-only folder or a full disk is reported by the writes
        # that matter; the message could only name paths, and the open must go on.
        return None
    return made


def check_backup(backup_file: Path, passphrase: str | None = None) -> None:
    """Refuse anything but an intact exback journal (raises with one clear sentence).

    An encrypted backup needs its ``passphrase`` (PassphraseNeeded without one).
    """
    from . import database
    from .errors import PassphraseNeeded

    if not backup_file.exists():
        raise JournalPathError(f"{backup_file} does not exist.")
    state = database.inspect(backup_file, passphrase)
    if state.encrypted and passphrase is None:
        raise PassphraseNeeded(f"{backup_file} is encrypted; its passphrase is needed.")
    if state.damage is not None:
        raise NotAJournal(f"{backup_file} is damaged; nothing was restored.")
    if state.revision is None:
        raise NotAJournal(f"{backup_file} is an empty database, not an exback backup.")
    module = database.cipher_module(backup_file) if state.encrypted else sqlite3
    try:
        con, _ = database.connect_read_only(backup_file, module, passphrase)
        try:
            result = [r[0] for r in con.execute("PRAGMA integrity_check")]
        finally:
            con.close()
    except (sqlite3.Error, module.Error) as exc:
        raise NotAJournal(
            f"{backup_file} could not be checked ({exc}); nothing was restored."
        ) from None
    if result != ["ok"]:
        raise NotAJournal(
            f"{backup_file} is damaged (integrity check failed); nothing was restored."
        )


def restore_from(
    backup_file: Path, journal_path: Path, passphrase: str | None = None
) -> Path | None:
    """Put ``backup_file`` in place of the journal, keeping the current journal as a backup.

    The backup is checked first (an exback journal, integrity_check ok); the current file, if
    any, is checked too, so something that is not a journal is never overwritten. The copy goes
    through SQLite's backup API into the live file, so a reader with the journal open sees the
    restored data and no stale -wal can resurrect the old. Returns the safety copy's path
    (None when there was no journal yet).

    An encrypted backup needs its ``passphrase`` and restores over an encrypted journal only.
    A damaged or empty journal, which SQLite cannot write into, is copied aside byte for byte
    and replaced whole (see :func:`~exback_tui.store.integrity.replace_whole`).
    """
    from . import database
    from .errors import InvalidInput, WrongPassphrase
    from .integrity import replace_whole

    backup_file = backup_file.expanduser().absolute()
    journal_path = journal_path.expanduser().absolute()
    if backup_file == journal_path:
        raise JournalPathError(f"{backup_file} is the journal itself; choose a backup file.")
    check_backup(backup_file, passphrase)
    key = passphrase if database.inspect(backup_file).encrypted else None
    if journal_path.is_file() and journal_path.stat().st_size == 0:
        return replace_whole(journal_path, backup_file)
    try:
        state = database.inspect(journal_path, key)
    except WrongPassphrase:
        return replace_whole(journal_path, backup_file)  # damaged, or under another key
    if state.damage is not None:
        return replace_whole(journal_path, backup_file)
    if state.exists and state.encrypted != (key is not None):
        raise InvalidInput(
            f"{backup_file} is {'' if key else 'not '}encrypted but the journal is"
            f"{' not' if key else ''}; {'encrypt' if key else 'decrypt'} the journal first "
            f"(exback {'encrypt' if key else 'decrypt'}), then restore. Nothing was restored."
        )
    safety: Path | None = None
    if state.exists:
        engine = database.create_journal_engine(journal_path, passphrase=key)
        try:
            safety = backup_to(engine, backups_dir(journal_path), label="before-restore")
        finally:
            engine.dispose()
    else:
        database.prepare_new_file(journal_path)
    module = database.cipher_module(backup_file) if key is not None else sqlite3
    source, _ = database.connect_read_only(backup_file, module, key)
    try:
        target = module.connect(str(journal_path), timeout=database.BUSY_TIMEOUT_MS / 1000)
        try:
            if key is not None:
                database.apply_key(target, key)
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
    database.make_owner_only(journal_path)
    return safety
