"""Errors a person can cause, each carrying one clear sentence that is safe to show.

The messages name paths and values the user typed, never journal content.
"""

from __future__ import annotations


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


class InvalidInput(JournalError):
    """A value out of range, an unknown name, a date that cannot be."""


class NotFound(JournalError):
    """The thing asked for (an entry, a contact, a habit) is not in the journal."""
