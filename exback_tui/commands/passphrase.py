"""Getting a passphrase: from the file $EXBACK_PASSPHRASE_FILE names, else typed, never echoed.

A passphrase is never taken from the command line, where the shell history and other users'
``ps`` would see it. Scripts and tests put it in a file (readable by its owner only).
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from rich.text import Text

from ..core.text import shown
from ..store.errors import InvalidInput, JournalPathError, PassphraseNeeded, WrongPassphrase
from . import err

ENV_FILE = "EXBACK_PASSPHRASE_FILE"
TRIES = 3
NOBODY_CAN_RECOVER = (
    "Nobody can recover this passphrase: not exback, not its authors, not you. If it is "
    "lost, the journal and its encrypted backups can never be read again. Keep it somewhere "
    "safe (a password manager)."
)

T = TypeVar("T")


def read_passphrase_file(path: Path, where: str) -> str:
    """The passphrase held in ``path`` (one trailing newline dropped)."""
    path = path.expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise JournalPathError(
            f"{where} names {path}, which could not be read ({exc.strerror})."
        ) from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{where} names {path}, which is not UTF-8 text.") from None
    # A byte-order mark is an editor's, not part of the passphrase.
    text = text.removeprefix("\ufeff")
    text = text.removesuffix("\n").removesuffix("\r") if text.endswith("\n") else text
    try:
        shared = path.stat().st_mode & 0o077
    except OSError:
        shared = 0
    if shared:
        err.print(Text(f"exback: warning: other users can read {path}; chmod 600 it."),
                  soft_wrap=True)
    if not text:
        raise InvalidInput(f"{where} names {path}, which is empty; put the passphrase in it.")
    return text


def from_environment() -> str | None:
    """The passphrase from $EXBACK_PASSPHRASE_FILE, or None when it is not set."""
    name = os.environ.get(ENV_FILE)
    return read_passphrase_file(Path(name), ENV_FILE) if name else None


def can_ask() -> bool:
    """Whether a person is at a terminal to type a passphrase."""
    return sys.stdin.isatty()


def _ask(prompt: str) -> str:
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise InvalidInput("No passphrase was typed; nothing was changed.") from None


def unlock(path: Path, attempt: Callable[[str], T]) -> T:
    """``attempt(passphrase)`` with the passphrase from the file, or typed (three tries).

    ``attempt`` raises :class:`WrongPassphrase` for a wrong one. A passphrase from the file
    gets one try: a script should fail at once, not wait at a prompt.
    """
    given = from_environment()
    if given is not None:
        return attempt(given)
    if not can_ask():
        raise PassphraseNeeded(
            f"{path} is encrypted. Run exback in a terminal to type its passphrase, or set "
            f"{ENV_FILE} to the name of a file that holds it."
        )
    for left in range(TRIES - 1, -1, -1):
        try:
            return attempt(_ask(f"Passphrase for {shown(str(path))}: "))
        except WrongPassphrase:
            more = f" {left} more {'try' if left == 1 else 'tries'}." if left else ""
            err.print(Text(f"Wrong passphrase, or the file is damaged.{more}"))
    raise WrongPassphrase(f"{TRIES} wrong passphrases; {path} was left untouched.")


def passphrase_for(path: Path, check: Callable[[str], object]) -> str:
    """A passphrase that ``check`` accepts (it raises :class:`WrongPassphrase` otherwise)."""

    def attempt(passphrase: str) -> str:
        check(passphrase)
        return passphrase

    return unlock(path, attempt)


def new_passphrase(file: Path | None = None, where: str = ENV_FILE) -> str:
    """A new passphrase: from ``file`` (or $EXBACK_PASSPHRASE_FILE), else typed twice."""
    # Here, not at the top: store.crypto loads the Journal (and SQLAlchemy), which unlocking
    # a journal for a quick command must not.
    from ..store.crypto import check_new_passphrase

    given = read_passphrase_file(file, where) if file is not None else from_environment()
    if given is not None:
        return check_new_passphrase(given)
    if not can_ask():
        raise InvalidInput(
            f"A new passphrase is typed at a terminal (twice, never shown), or read from the "
            f"file {where} names; neither is available, so nothing was changed."
        )
    for _ in range(TRIES):
        first = _ask("New passphrase: ")
        try:
            check_new_passphrase(first)
        except InvalidInput as exc:
            err.print(Text(str(exc)))
            continue
        if _ask("The same again: ") == first:
            return check_new_passphrase(first)
        err.print(Text("The two did not match; try again."))
    raise InvalidInput("No passphrase was set; nothing was changed.")
