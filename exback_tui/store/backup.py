"""Consistent copies of the journal with SQLite's online backup API, safe while it is in use.

Three kinds of copy land in the ``backups`` folder beside the journal: one automatic copy a
day (the last :data:`KEEP_DAILY` are kept), one before every schema upgrade, and one before
every restore (store.restore). ``exback backup`` writes a fourth kind wherever the user asks.
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

from . import database
from .errors import JournalError, JournalPathError, NotAJournal, PassphraseNeeded

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
