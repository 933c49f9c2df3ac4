"""A passphrase as people type it: each of its forms tried when a journal opens, the lock
screen's check against the key in use (made in memory and in constant time), and a passphrase
that a rekey in another exback has just made old, told apart from a wrong one."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from . import cipher
from .backup import backups_dir, find_backups, journal_mark, relation
from .errors import WrongPassphrase
from .file_guard import JournalReplaced, file_id
from .file_mark import read_file_mark
from .leftovers import conversion_running, saw_conversion, wait_for_conversion
from .opening import Opened, open_engine

T = TypeVar("T")

# How often an opening whose file was replaced under it (by a conversion or a restore in
# another exback) is tried again, each time after that one is done.
REOPENS = 3
# The label of the backup a rekey makes first, under the passphrase it replaces (store.crypto).
_BEFORE_REKEY = "before-rekey"


class PassphraseChanged(WrongPassphrase):
    """The passphrase given was the journal's until another exback changed it (a rekey, or an
    encrypt while this one waited); nothing was changed."""


def open_unlocked(path: Path, passphrase: str | None, *, read_only: bool) -> Opened:
    """:func:`~exback_tui.store.opening.open_engine` with the first form of ``passphrase``
    (see ``cipher.passphrase_forms``) that unlocks ``path``; WrongPassphrase if none does."""
    *earlier, last = cipher.passphrase_forms(passphrase) if passphrase else (passphrase,)
    for form in earlier:
        try:
            return open_engine(path, passphrase=form, read_only=read_only)
        except WrongPassphrase:
            continue
    return open_engine(path, passphrase=last, read_only=read_only)


def through_conversions(path: Path, passphrase: str, attempt: Callable[[str], T]) -> T:
    """``attempt(passphrase)``, an opening of the encrypted journal at ``path``, never misled
    by an encrypt, decrypt, rekey or restore in another exback.

    It waits for one that is running; a file replaced under the attempt
    (:class:`JournalReplaced`) is waited for and opened again. A passphrase that does not open
    the journal after this process saw it converted, or that opens the backup made before its
    last rekey, raises :class:`PassphraseChanged` instead of "wrong, or damaged".
    """
    wait_for_conversion(path)
    replaced = False
    for left in range(REOPENS, -1, -1):
        before = file_id(path)
        try:
            return attempt(passphrase)
        except JournalReplaced:
            if not left:
                raise
            replaced = True
            wait_for_conversion(path)
        except PassphraseChanged:
            raise
        except WrongPassphrase:
            raced = replaced or saw_conversion(path) or conversion_running(path)
            if raced or file_id(path) != before:
                raise PassphraseChanged(
                    f"{path} was given a new passphrase by another exback (rekey or encrypt) "
                    "while this one waited for it, and the passphrase given no longer opens "
                    "it; nothing was changed. Run it again with the new passphrase."
                ) from None
            changed = changed_on(path, passphrase)
            if changed is None:
                raise
            raise PassphraseChanged(
                f"The passphrase given is the one {path} had before its passphrase was "
                f"changed on {changed:%Y-%m-%d at %H:%M} (exback rekey); nothing was changed. "
                "Use the new passphrase."
            ) from None
    raise AssertionError("not reached: the last try returns or raises")


def changed_on(path: Path, passphrase: str) -> datetime | None:
    """When the journal at ``path`` was last re-keyed, if ``passphrase`` (in any form) is the
    one it had before: it opens the backup that rekey made first. None otherwise, or when
    that backup is gone."""
    mark = journal_mark(path)
    rekeys = [
        b
        for b in find_backups(backups_dir(path))
        if b.label == _BEFORE_REKEY and relation(b, mark) is not False
    ]
    if not rekeys:
        return None
    newest = rekeys[-1]
    for form in cipher.passphrase_forms(passphrase):
        if read_file_mark(newest.path, form) is not None:
            return datetime.strptime(newest.stamp, "%Y-%m-%d-%H%M%S")
    return None


def is_key(passphrase: str, key: str | None) -> bool:
    """Whether ``passphrase``, in any of its forms, is ``key`` (True when there is no key)."""
    if key is None:
        return True
    return any(
        hmac.compare_digest(form.encode(), key.encode())
        for form in cipher.passphrase_forms(passphrase)
    )
