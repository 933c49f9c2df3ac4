"""Getting a passphrase: from the file $EXBACK_PASSPHRASE_FILE names, else typed, never echoed.

A passphrase is never taken from the command line, where the shell history and other users'
``ps`` would see it. Scripts and tests put it in a file (readable by its owner only), or pipe
it through one (``EXBACK_PASSPHRASE_FILE=/dev/stdin``, ``<(pass show exback)``). Standard
input itself is never read for it: it may hold other input (``exback import -``), and a
passphrase that arrives there by mistake is refused at once, with the way to pipe one.
"""

from __future__ import annotations

import errno
import getpass
import os
import select
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from rich.text import Text

from ..core.text import shown
from ..store.errors import InvalidInput, JournalPathError, PassphraseNeeded, WrongPassphrase
from ..store.unlocking import PassphraseChanged, through_conversions
from .console import err

ENV_FILE = "EXBACK_PASSPHRASE_FILE"
TRIES = 3
WRONG_TYPED = "Wrong passphrase, or the file is damaged."
NOBODY_CAN_RECOVER = (
    "Nobody can recover this passphrase: not exback, not its authors, not you. If it is "
    "lost, the journal and its encrypted backups can never be read again. Keep it somewhere "
    "safe (a password manager)."
)

# A passphrase is words, not a file's worth: anything bigger is the wrong file.
PASSPHRASE_FILE_MAX = 64 * 1024
# How long a pipe (``<(pass show exback)``) may take to deliver its passphrase. Once a whole
# line has come and nothing more is there, it is not waited on: its writer may keep it open.
PIPE_WAIT_S = 10.0

T = TypeVar("T")


def read_passphrase_file(path: Path, where: str) -> str:
    """The passphrase held in ``path`` (one trailing newline dropped).

    Read with a size limit, and only from a regular file or a pipe (``<(pass show ...)``):
    /dev/zero must not fill the memory, and a named pipe nobody writes to must not hang.
    """
    try:
        path = path.expanduser()
    except RuntimeError:  # "~name/..." for a user this system does not have
        raise JournalPathError(
            f"{where} names {path}, which starts with ~ and a user this system does not have."
        ) from None
    try:
        raw = _read_limited(path)
    except OSError as exc:
        raise JournalPathError(
            f"{where} names {path}, which could not be read ({exc.strerror})."
        ) from None
    if raw is None:
        raise InvalidInput(
            f"{where} names {path}, which is not a file; put the passphrase in a file."
        )
    if len(raw) > PASSPHRASE_FILE_MAX:
        raise InvalidInput(
            f"{where} names {path}, which is too large to hold a passphrase "
            f"({PASSPHRASE_FILE_MAX // 1024} KB at most)."
        )
    try:
        text = raw.decode("utf-8")
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
        err.print(
            Text(f"exback: warning: other users can read {path}; chmod 600 it."), soft_wrap=True
        )
    if not text:
        raise InvalidInput(f"{where} names {path}, which is empty; put the passphrase in it.")
    return text


def _read_limited(path: Path) -> bytes | None:
    """Up to one byte more than :data:`PASSPHRASE_FILE_MAX` from ``path``; None for anything
    but a regular file or a pipe. A pipe is read until it ends, or until a line has come and
    nothing follows it yet; it is waited on for :data:`PIPE_WAIT_S` at most."""
    # O_NONBLOCK: opening a named pipe that no one writes to would otherwise wait for ever.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            return None
        chunks: list[bytes] = []
        size = 0
        deadline = time.monotonic() + PIPE_WAIT_S
        while size <= PASSPHRASE_FILE_MAX:
            try:
                chunk = os.read(fd, PASSPHRASE_FILE_MAX + 1 - size)
            except BlockingIOError:  # a pipe whose writer has not written (all) yet
                if any(b"\n" in chunk for chunk in chunks):
                    break  # a whole line, and its writer holds the pipe open: that is all
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([fd], [], [], left)[0]:
                    raise OSError(errno.ETIMEDOUT, "nothing came through it in time") from None
                continue
            if not chunk:  # the end (a named pipe with no writer at all ends at once)
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


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
    gets one try: a script should fail at once, not wait at a prompt. Either way a
    conversion in another exback is waited for, and a passphrase it changed is said to have
    changed (store.unlocking.through_conversions).
    """
    given = from_environment()
    if given is not None:
        return through_conversions(path, given, attempt)
    if not can_ask():
        raise PassphraseNeeded(
            f"{path} is encrypted, and there is no terminal to type its passphrase at (exback "
            f"never reads one from standard input); set {ENV_FILE} to the name of a file that "
            f"holds it, or pipe it in with {ENV_FILE}=/dev/stdin."
        )
    for left in range(TRIES - 1, -1, -1):
        typed = _ask(f"Passphrase for {shown(str(path))}: ")
        try:
            return through_conversions(path, typed, attempt)
        except WrongPassphrase as exc:
            more = f" {left} more {'try' if left == 1 else 'tries'}." if left else ""
            why = str(exc) if isinstance(exc, PassphraseChanged) else WRONG_TYPED
            err.print(Text(f"{why}{more}"))
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
