"""Writing in the user's own editor ($VISUAL, else $EDITOR), for `exback entry` with no text
(with --prompt, today's writing prompt on top) and `exback checkin --edit-note`.

The text sits in a file made 0600 in a folder made 0700 for it alone, inside the user's runtime
folder ($XDG_RUNTIME_DIR, in memory, gone at logout) or else their cache folder: never in a
shared /tmp where others could list it. The folder goes when the editor is done, however it
ends (an error, Ctrl-C, the terminal closed), with the editor's own swap and backup files.
While the editor runs, exback ignores Ctrl-C as git does: the key belongs to the editor, and
must not kill it with the text unsaved.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from ..store.errors import InvalidInput

EDITOR_VARIABLES = ("VISUAL", "EDITOR")
# The first line of the file `exback entry --prompt` opens: the prompt, as a comment line (as
# jrnl and git do); the "#" lines it begins are left out of what is saved.
PROMPT_LINE = "# Today's prompt: "
PROMPT_NOTE = '# (These lines starting with "#" are not saved; write below them.)'
# What the shell says when it cannot find the command.
NOT_FOUND = 127


class Stopped(KeyboardInterrupt):
    """The editor was stopped (Ctrl-C, a signal): cli.main says nothing changed, exit 130."""


def editor() -> str:
    """The editor command the user chose; InvalidInput when none is set."""
    for name in EDITOR_VARIABLES:
        chosen = os.environ.get(name, "").strip()
        if chosen:
            return chosen
    raise InvalidInput(
        "No editor is set: set $VISUAL or $EDITOR (e.g. export EDITOR=nano), or give the text "
        "on the command line."
    )


def write_in_editor(initial: str, name: str) -> str:
    """Open the editor on ``initial`` in a private file called ``name``; the text as saved,
    with trailing blank space removed. InvalidInput if the editor failed or the file is not
    UTF-8; :class:`Stopped` if the editor was stopped."""
    command = editor()
    with private_folder() as folder:
        path = folder / name
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(initial)
        code = _run(command, path)
        if code < 0 or code == 128 + signal.SIGINT:
            raise Stopped
        if code == NOT_FOUND:
            raise InvalidInput(
                "The editor in $VISUAL or $EDITOR was not found; set one you have "
                "(e.g. export EDITOR=nano). Nothing was saved."
            )
        if code != 0:
            raise InvalidInput(f"The editor stopped with an error ({code}); nothing was saved.")
        try:
            return path.read_bytes().decode("utf-8").rstrip()
        except UnicodeDecodeError:
            raise InvalidInput(
                "The editor saved text that is not UTF-8; nothing was saved."
            ) from None
        except FileNotFoundError:  # the editor removed or renamed it: nothing was written
            return ""


def write_to_prompt(prompt: str, name: str) -> str:
    """:func:`write_in_editor` on a file that shows ``prompt`` in comment lines at the top;
    the text saved without them (empty when nothing was written below)."""
    return without_prompt(write_in_editor(f"{PROMPT_LINE}{prompt}\n{PROMPT_NOTE}\n\n", name))


def without_prompt(text: str) -> str:
    """``text`` without the "#" lines at its top, when they begin with the prompt's line (a
    heading of the user's own, after a blank line or with the prompt lines removed, stays)."""
    if not text.startswith(PROMPT_LINE):
        return text
    lines = text.split("\n")
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return "\n".join(lines).lstrip("\n")


@contextmanager
def private_folder() -> Iterator[Path]:
    """A new folder (0700) that only this user can open, removed with all it holds after."""
    base = _base()
    folder = Path(tempfile.mkdtemp(prefix="edit-", dir=base))  # made 0700 by mkdtemp
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _base() -> Path:
    """exback's folder in the runtime folder, else in the cache folder; made 0700 and ours."""
    import platformdirs  # here: only the editor needs it

    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and _private(Path(runtime)):
        base = Path(runtime) / "exback"
    else:
        base = Path(platformdirs.user_cache_dir("exback"))
    refused = InvalidInput(
        f"{base} is not a folder only you can open, so exback won't put your text there; "
        "make it yours, with mode 700."
    )
    try:
        base.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(base) and base.lstat().st_uid == os.getuid():
            base.chmod(0o700)  # ours, but opened to others by a umask or by hand
    except OSError:
        raise refused from None
    if not _private(base):
        raise refused
    return base


def _private(folder: Path) -> bool:
    """``folder`` is a real folder of this user's that nobody else can open."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and not info.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    )


def _run(command: str, path: Path) -> int:
    """Run the editor on ``path`` and wait for it; its exit status (negative: a signal)."""
    # As git runs it: through the shell, so EDITOR="code --wait" or a quoted path works.
    argv = ["sh", "-c", f'{command} "$@"', command, str(path)]
    # A hang-up or a kill is caught from before the editor starts (a caught signal is reset
    # for the editor), so one that comes as it starts still ends exback through ``finally``.
    with _ended_through_finally():
        try:
            editing = subprocess.Popen(argv)
        except OSError:
            return NOT_FOUND
        # Ignored only once the editor has started: an ignored signal would be its too.
        with _interrupts_left_to_the_editor():
            return editing.wait()


@contextmanager
def _ended_through_finally() -> Iterator[None]:
    """A hang-up or a kill ends exback, but through ``finally``, so the private folder is
    still removed."""

    def end(signum: int, _frame: FrameType | None) -> None:
        raise Stopped

    with _signals({signal.SIGTERM: end, signal.SIGHUP: end}):
        yield


@contextmanager
def _interrupts_left_to_the_editor() -> Iterator[None]:
    """Ctrl-C and Ctrl-\\ go to the editor alone."""
    with _signals({signal.SIGINT: signal.SIG_IGN, signal.SIGQUIT: signal.SIG_IGN}):
        yield


@contextmanager
def _signals(handlers: dict[signal.Signals, Any]) -> Iterator[None]:
    """``handlers`` set for the block, the ones before put back after it."""
    saved = {signum: signal.signal(signum, handler) for signum, handler in handlers.items()}
    try:
        yield
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)
