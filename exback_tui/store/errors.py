"""Errors a person can cause, each carrying one clear sentence that is safe to show.

The messages name paths and values the user typed, never journal content.
"""

from __future__ import annotations

import os
import resource
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.text import shown

if TYPE_CHECKING:
    from .integrity import Damage

# Below this much free space nothing is started: SQLite needs room for the -shm file (32 KiB)
# and a write-ahead log of a few hundred pages, and a write that fails half-way would be told
# as an I/O error, or a look at the file as damage.
MIN_ROOM = 1 << 20
# What a file must be able to grow by: the -shm file's size and a few pages more.
_GROWTH = 96 << 10


class JournalError(Exception):
    """A problem the user can act on; ``str(error)`` is the sentence to show."""

    def __str__(self) -> str:
        # A path or a value in the sentence may hold escape sequences (a crafted file name):
        # the sentence is shown on a terminal, so it never carries them.
        return shown(super().__str__())


class JournalPathError(JournalError):
    """The path cannot hold a journal: a folder, a missing or unwritable place."""


class NotAJournal(JournalError):
    """The file exists but is not an exback journal; it is left untouched."""


class NewerJournal(JournalError):
    """The journal was written by a newer exback; it is left untouched."""


class JournalLocked(JournalError):
    """Another program holds the journal for longer than we are willing to wait."""


class JournalUnwritable(JournalError):
    """The journal or its folder cannot be written (permissions, disk full)."""


class JournalDamaged(JournalError):
    """The journal failed SQLite's checks and could not be opened, not even read-only.

    It is never written to, deleted or recreated; ``damage`` (a
    :class:`~exback_tui.store.integrity.Damage`) says where its copy went and which backup
    to restore.
    """

    def __init__(self, message: str, damage: Damage | None = None) -> None:
        super().__init__(message)
        self.damage = damage


class PassphraseNeeded(JournalError):
    """The journal is encrypted and no passphrase was given: ask for one and open again."""


class WrongPassphrase(JournalError):
    """The passphrase does not open the journal, or the file is damaged; it is left untouched."""


class EncryptionUnavailable(JournalError):
    """The journal is encrypted but sqlcipher3 cannot be imported: never a plaintext fallback."""


class ConversionInterrupted(JournalError):
    """An encrypt, decrypt or rekey stopped after the swap, before its clean-up."""


class InvalidInput(JournalError):
    """A value out of range, an unknown name, a date that cannot be."""


class NotFound(JournalError):
    """The thing asked for (an entry, a contact, a habit) is not in the journal."""


def explain(message: str, path: Path, *, operational: bool) -> JournalError | None:
    """SQLite's failure (its own ``message``) in one clear sentence; None for one that is a
    bug, to surface as is. ``operational``: the driver raised an OperationalError."""
    if "locked" in message or "busy" in message:
        return JournalLocked(f"{path} is busy in another program; nothing was saved, try again.")
    if "readonly" in message or "read-only" in message:
        return JournalUnwritable(f"{path} cannot be written (read-only); nothing was saved.")
    if "full" in message:
        return JournalUnwritable(
            "The disk is full; nothing was saved, and what was saved before is unharmed. "
            "Free some space and try again."
        )
    if "disk I/O" in message:
        return out_of_room(path, done="nothing was saved", any_limit=True) or JournalUnwritable(
            f"{path} could not be written (disk I/O error); nothing was saved."
        )
    if "malformed" in message or "not a database" in message or "corrupt" in message:
        return JournalDamaged(
            f"{path} is damaged ({message}); nothing was changed. Open it again to keep a "
            "copy of it and see which backup to restore."
        )
    if operational:
        # SQLite may quote a stored value ("... with text '...'"): never the journal's words.
        return JournalError(f"The journal could not be used: {message.split(' with text ')[0]}.")
    return None


def converting_now(path: Path) -> JournalLocked:
    """A conversion in another exback holds the journal: wait, don't call it damaged."""
    return JournalLocked(
        f"A conversion of {path} (exback encrypt, decrypt or rekey) is running; nothing was "
        "changed, try again in a moment."
    )


def out_of_room(
    path: Path, *, done: str = "nothing was changed", any_limit: bool = False
) -> JournalUnwritable | None:
    """A full disk where ``path`` is, or a file size limit (ulimit -f) it has reached, as one
    sentence ending in ``done``; None when there is room.

    ``any_limit``: blame any file size limit at all (for a write that failed with an I/O
    error, which is how SQLite reports one), not only one the journal is already near.
    """
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        disk = os.statvfs(folder)
    except OSError:
        disk = None
    # A read-only file system, or one that counts no blocks (/proc), is never "full".
    if disk is not None and disk.f_blocks and not disk.f_flag & os.ST_RDONLY:
        # root may use the blocks the file system keeps back; everyone else may not
        blocks = disk.f_bfree if os.geteuid() == 0 else disk.f_bavail
        if blocks * disk.f_frsize < MIN_ROOM:
            return JournalUnwritable(
                f"The disk is full where {path} is; {done}. Free some space and try again."
            )
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    if limit == resource.RLIM_INFINITY:
        return None
    sizes = [_size(path.with_name(path.name + end)) for end in ("", "-wal")]
    if any_limit or limit < max(sizes) + _GROWTH:
        return JournalUnwritable(
            f"The file size limit is reached (ulimit -f allows {limit:,} bytes a file); "
            f"{done}. Raise it and try again."
        )
    return None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
