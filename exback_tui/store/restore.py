"""Putting a checked backup in place of the journal, keeping the journal it replaces."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from . import database
from .backup import backup_to, backups_dir, check_backup
from .errors import InvalidInput, JournalLocked, JournalPathError, WrongPassphrase
from .integrity import replace_whole


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
