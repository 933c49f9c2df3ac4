"""A passphrase as people type it: each of its forms tried when a journal opens, and the lock
screen's check against the key in use, made in memory and in constant time."""

from __future__ import annotations

import hmac
from pathlib import Path

from . import database
from .errors import WrongPassphrase
from .opening import Opened, open_engine


def open_unlocked(path: Path, passphrase: str | None, *, read_only: bool) -> Opened:
    """:func:`~exback_tui.store.opening.open_engine` with the first form of ``passphrase``
    (see ``database.passphrase_forms``) that unlocks ``path``; WrongPassphrase if none does."""
    *earlier, last = database.passphrase_forms(passphrase) if passphrase else (passphrase,)
    for form in earlier:
        try:
            return open_engine(path, passphrase=form, read_only=read_only)
        except WrongPassphrase:
            continue
    return open_engine(path, passphrase=last, read_only=read_only)


def is_key(passphrase: str, key: str | None) -> bool:
    """Whether ``passphrase``, in any of its forms, is ``key`` (True when there is no key)."""
    if key is None:
        return True
    return any(
        hmac.compare_digest(form.encode(), key.encode())
        for form in database.passphrase_forms(passphrase)
    )
