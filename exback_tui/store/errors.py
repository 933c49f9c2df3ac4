"""Errors a person can cause, each carrying one clear sentence that is safe to show.

The messages name paths and values the user typed, never journal content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from .integrity import Damage


class JournalError(Exception):
    """A problem the user can act on; ``str(error)`` is the sentence to show."""


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
        return JournalUnwritable(
            f"{path} could not be written (disk I/O error); nothing was saved."
        )
    if "malformed" in message or "not a database" in message or "corrupt" in message:
        return JournalDamaged(
            f"{path} is damaged ({message}); nothing was changed. Open it again to keep a "
            "copy of it and see which backup to restore."
        )
    if operational:
        return JournalError(f"The journal could not be used: {message}.")
    return None
