"""Which journal a file on disk is (its mark), read without leaving anything beside it.

Below backup: a backup, a file given to restore or a journal being unlocked is looked at the
same way, and reading a WAL-mode copy must not leave -wal and -shm files next to it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from . import cipher, database
from .errors import JournalError
from .journal_id import Mark, read_mark


@contextmanager
def left_as_found(path: Path) -> Iterator[None]:
    """Remove the -wal and -shm files that reading ``path`` made beside it.

    SQLite makes both for a file in WAL mode (a copy of a live journal, say) even to read it;
    a backup or a file given to restore is left as it was found. Files that were there before
    stay, and so does a -wal that someone else has begun to write into.
    """
    wal, shm = (path.with_name(path.name + end) for end in ("-wal", "-shm"))
    had_wal, had_shm = wal.exists(), shm.exists()
    try:
        yield
    finally:
        try:
            wal_used = wal.exists() and wal.stat().st_size > 0
            if not had_wal and wal.exists() and not wal_used:
                wal.unlink(missing_ok=True)
            if not had_shm and not wal_used:
                shm.unlink(missing_ok=True)
        except OSError:
            pass  # a folder we may not write in: nothing could have been made there either


def read_file_mark(path: Path, passphrase: str | None = None, *, tidy: bool = True) -> Mark | None:
    """The mark inside the journal or backup at ``path``, read-only; None when it cannot be
    read (encrypted without its ``passphrase``, damaged, not SQLite). ``tidy``: leave
    nothing beside it (for a backup; never for a journal another program may have open)."""
    try:
        with path.open("rb") as f:
            plain = f.read(len(database.SQLITE_MAGIC)) == database.SQLITE_MAGIC
        module = sqlite3 if plain else cipher.cipher_module(path)
    except (OSError, JournalError):
        return None
    if not plain and passphrase is None:
        return None
    try:
        with left_as_found(path) if tidy else nullcontext():
            con, _ = database.connect_read_only(path, module, None if plain else passphrase)
            try:
                return read_mark(con)
            finally:
                con.close()
    except (JournalError, sqlite3.Error, module.Error):
        return None
