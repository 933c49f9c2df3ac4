"""Two guards around the journal file that SQLite does not give.

- Room: on a full disk (or past a file size limit) SQLite makes its -wal and -shm files, fails
  in them, leaves them behind, and reports an I/O error that reads as damage. Exback says the
  disk is full instead, before anything is made.
- The same file: an encrypt, decrypt, rekey or restore puts a new file in place of the journal.
  A connection made after that to the file looked at before would misread it (a plaintext
  connection to an encrypted file sees "not a database"); it is refused with the reason, as
  :class:`JournalReplaced`, which an opener meets by waiting for the conversion and opening
  the journal again (store.unlocking.through_conversions).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import JournalLocked, converting_now, out_of_room


class JournalReplaced(JournalLocked):
    """Another exback put a new file in place of the journal while this one opened it:
    nothing was changed; wait for it and open the journal again."""


def conversion_lock_file(path: Path) -> Path:
    """The file an encrypt, decrypt or rekey of ``path`` locks for its life (store.leftovers)."""
    return path.with_name(f".{path.name}.converting")


def refuse_without_room(path: Path, *, any_limit: bool = False) -> None:
    """Raise :class:`JournalUnwritable` saying the disk is full (or the file size limit is
    reached) where ``path`` is; nothing when there is room, or when nothing could be made in
    its folder anyway (it then opens read-only, as immutable). ``any_limit``: see
    :func:`~exback_tui.store.errors.out_of_room`."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return
    problem = out_of_room(path, any_limit=any_limit)
    if problem is not None:
        raise problem


def file_id(path: Path) -> tuple[int, int] | None:
    """The (device, inode) of the file at ``path`` now; None if there is none."""
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_dev, found.st_ino)


@contextmanager
def same_file(
    path: Path, looked_at: tuple[int, int] | None, errors: tuple[type[Exception], ...]
) -> Iterator[None]:
    """Around setting up a new connection: when the file at ``path`` is no longer the one
    looked at, a failure of setting it up (one of ``errors``: the DB-API module's, a
    journal error, an OS error) is said as "it was replaced", never as damage or a wrong
    passphrase, and a connection that worked is refused all the same."""
    try:
        yield
    except errors:
        if looked_at is not None and file_id(path) != looked_at:
            raise _replaced(path) from None
        raise
    if looked_at is not None and file_id(path) != looked_at:
        raise _replaced(path)


def _replaced(path: Path) -> JournalReplaced:
    if conversion_lock_file(path).exists():
        return JournalReplaced(*converting_now(path).args)
    return JournalReplaced(
        f"{path} was replaced by another exback (encrypt, decrypt, rekey or restore) while "
        "this one opened it; nothing was changed, try again."
    )
