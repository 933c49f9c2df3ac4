"""The ``exback`` command: parse arguments (cli_parser), open the journal, run a quick command
or the app.

Quick commands never import Textual; only ``exback`` with no subcommand loads the TUI.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from .cli_parser import Parser, build_parser
from .core.dates import FutureDate
from .store.errors import JournalError

Handler = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """A command line that cannot be run as typed; the message is the one sentence to show."""


# -- running --------------------------------------------------------------------------------


def _refuse_undecodable_text(parser: Parser, args: argparse.Namespace) -> None:
    """Bytes that are not UTF-8 (Python keeps them as lone surrogates) can't be stored or
    shown: refuse them here, once for every command, before anything opens the journal."""
    for dest, value in vars(args).items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and any("\udc80" <= c <= "\udcff" for c in item):
                what = dest.replace("_", " ")
                parser.error(
                    f"the {what} given is not UTF-8 text (a byte from another encoding?); "
                    "nothing was saved"
                )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``exback`` console script."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except FutureDate as exc:  # a value refused, as the store refuses one: exit 1, not 2
        print(f"exback: {exc}", file=sys.stderr)
        return 1
    _refuse_undecodable_text(parser, args)
    try:
        if args.command is None:
            return _run_app(args)
        handler = _handler(args.command)
        return handler(args)
    except (JournalError, UsageError) as exc:
        print(f"exback: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("exback: stopped; nothing was changed by the interrupted step.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (head, less) stopped early: not an error. Point stdout at /dev/null so
        # Python's own flush at exit does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


# Which module of exback_tui.commands holds each command's ``cmd_<name>`` handler; only that
# module is imported, so a quick command loads no more than it uses.
COMMANDS = {
    "checkin": "basic",
    "entry": "basic",
    "contact": "basic",
    "habits": "basic",
    "status": "status",
    "phase": "domain",
    "ask": "domain",
    "journey": "domain",
    "evaluate": "domain",
    "checklist": "domain",
    "support": "domain",
    "export": "data",
    "import": "data",
    "backup": "data",
    "restore": "restore",
    "search": "data",
    "demo": "data",
    "encrypt": "crypto",
    "decrypt": "crypto",
    "rekey": "crypto",
    "entries": "entries",
    "completion": "completion",
    "man": "completion",
    "remind": "remind",
    "prompt": "remind",
    "week": "week",
}


def _handler(command: str) -> Handler:
    module = importlib.import_module(f".commands.{COMMANDS[command]}", __package__)
    return getattr(module, "cmd_" + command.replace("-", "_"))  # type: ignore[no-any-return]


def _run_app(args: argparse.Namespace) -> int:
    """The full-screen app; a current, plain journal paints before SQLAlchemy has loaded."""
    # Start-up makes tens of thousands of objects that live as long as the app: the garbage
    # collector scanning them again and again only holds up the first frame (by about 40 ms
    # on ten years). The app turns it back on once that frame is up (tui.app.resume_collector).
    gc.disable()
    try:
        fast = _fast_start(args)
        # Imported here, as everything below: a quick command never loads Textual.
        from .tui.app import run_app

        if fast is not None:
            opener, first, theme = fast
            return run_app(opener=opener, first=first, theme=theme)
        unlock = _unlock_on_screen(args)
        if unlock is not None:
            return run_app(unlock=unlock)
        from .commands import open_journal  # the ordinary way, as a command opens it

        with open_journal(args) as journal:
            return run_app(journal)
    finally:
        gc.enable()  # when the app never got as far as its first frame


def _unlock_on_screen(args: argparse.Namespace) -> Callable[[str], Any] | None:
    """For an encrypted journal whose passphrase a person will type: how the app's lock
    screen opens it. None for anything else (a plain journal, $EXBACK_PASSPHRASE_FILE set, no
    terminal, or a file with a problem, which the ordinary way puts in words).
    """
    # Imported here: the commands' consoles and the opener are the app's to load, not a
    # quick command's.
    from .commands import journal_path
    from .commands.passphrase import ENV_FILE, can_ask
    from .store import cipher, database

    if os.environ.get(ENV_FILE) or not can_ask():
        return None
    path = journal_path(args)
    try:
        encrypted = database.inspect(path).encrypted
    except JournalError:
        return None  # the ordinary way opens it again and says what is wrong
    if not encrypted:
        return None
    cipher.cipher_module(path)  # no sqlcipher3: refused now, before the screen fills

    def unlock(passphrase: str) -> Any:
        # SQLAlchemy loads while the lock screen waits for the passphrase.
        from .store.journal import Journal

        return Journal.open(path, passphrase=passphrase)

    return unlock


def _fast_start(args: argparse.Namespace) -> tuple[Callable[[], Any], Any, str | None] | None:
    """For a journal that needs nothing first (no migration, passphrase or repair): its
    snapshot read with plain sqlite3, and how to open it fully once the first frame is up.

    Anything else returns None and takes the ordinary way, with its questions and messages
    before the screen fills.
    """
    # Imported here: a quick command opens its journal its own way.
    from .store import database
    from .store.opening import first_frame

    path = database.journal_file(args.db)
    found = first_frame(path, date.today())
    if found is None:
        return None

    def opener() -> Any:
        # SQLAlchemy loads in the app's worker, behind the first frame.
        from .store.journal import Journal

        return Journal.open(path)

    return opener, found.snapshot, found.theme


if __name__ == "__main__":
    raise SystemExit(main())
