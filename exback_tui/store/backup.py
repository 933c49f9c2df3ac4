"""Consistent copies of the journal with SQLite's online backup API, safe while it is in use."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from .errors import JournalPathError


def backup_file_name(label: str = "") -> str:
    """A file name that sorts by time: journal-2026-11-23-2105[-label].db."""
    stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
    return f"journal-{stamp}{'-' + label if label else ''}.db"


def backup_to(engine: Engine, dest: Path, label: str = "") -> Path:
    """Copy the journal behind ``engine`` to ``dest`` (a folder or a file path), 0600.

    A folder is created 0700 if missing and the copy gets a dated name inside it.
    """
    if dest.is_dir() or not dest.suffix:
        dest.mkdir(mode=0o700, parents=True, exist_ok=True)
        dest = dest / backup_file_name(label)
    if dest.exists():
        raise JournalPathError(f"{dest} already exists; choose another name for the backup.")
    try:
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise JournalPathError(f"Could not write a backup to {dest}: {exc.strerror}.") from None
    os.close(fd)
    import sqlite3

    target = sqlite3.connect(dest)
    try:
        raw = engine.raw_connection()
        try:
            raw.driver_connection.backup(target)  # type: ignore[union-attr]
        finally:
            raw.close()
        # A backup is a single file: no -wal beside it to lose or leave behind.
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()
    return dest
