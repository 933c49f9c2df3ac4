"""The ``exback`` command: parse arguments, open the journal, run a quick command or the app.

Quick commands never import Textual; only ``exback`` with no subcommand loads the TUI.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import NoReturn

from . import __version__
from .core.values import (
    MOOD_MAX,
    MOOD_MIN,
    URGE_MAX,
    URGE_MIN,
    Initiator,
    Medium,
    Response,
)

Handler = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """A command line that cannot be run as typed; the message is the one sentence to show."""


class Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one clear line and exit 2 instead of a usage dump."""

    def error(self, message: str) -> NoReturn:
        sentence = message[0].upper() + message[1:]
        self.exit(2, f"exback: {sentence}.\nTry '{self.prog} --help'.\n")


# -- argument types -------------------------------------------------------------------------


def parse_day(value: str) -> date:
    """A calendar day: YYYY-MM-DD, 'today' or 'yesterday'."""
    lowered = value.strip().lower()
    if lowered == "today":
        return date.today()
    if lowered == "yesterday":
        return date.today() - timedelta(days=1)
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-20"
        ) from None


def parse_when(value: str) -> datetime:
    """A local time: 'YYYY-MM-DD HH:MM', 'YYYY-MM-DD' (noon) or 'HH:MM' (today)."""
    text = value.strip()
    formats = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d")
    for fmt in formats:
        try:
            moment = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if fmt == "%Y-%m-%d":
            moment = moment.replace(hour=12)
        return moment.astimezone()
    try:
        clock = datetime.strptime(text, "%H:%M").time()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a time; write it as \"YYYY-MM-DD HH:MM\""
        ) from None
    return datetime.combine(date.today(), clock).astimezone()


def bounded(low: int, high: int, what: str) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{what} must be a whole number from {low} to {high}, not {value!r}"
            ) from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(
                f"{what} must be a whole number from {low} to {high}, not {number}"
            )
        return number

    parse.__name__ = what
    return parse


def yes_no(value: str) -> bool:
    """yes/no (also y/n, true/false)."""
    lowered = value.strip().lower()
    if lowered in ("yes", "y", "true", "1"):
        return True
    if lowered in ("no", "n", "false", "0"):
        return False
    raise argparse.ArgumentTypeError(f"answer yes or no, not {value!r}")


# -- the parser -----------------------------------------------------------------------------


def build_parser() -> Parser:
    """The whole command line, with help on every command."""
    parser = Parser(
        prog="exback",
        description="A private journal for the way back after a breakup. "
        "Run with no command to open the full-screen app.",
    )
    parser.add_argument("--version", action="version", version=f"exback {__version__}")
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help="the journal file (default: $EXBACK_DB, else journal.db in your data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    p = sub.add_parser("checkin", help="record today's (or another day's) check-in")
    p.add_argument("--date", type=parse_day, help="the day (YYYY-MM-DD; default today)")
    p.add_argument("--mood", type=bounded(MOOD_MIN, MOOD_MAX, "Mood"), help="mood 1-10")
    p.add_argument(
        "--urge", type=bounded(URGE_MIN, URGE_MAX, "Urge"), help="urge to contact them, 0-10"
    )
    p.add_argument(
        "--habit", action="append", default=[], metavar="NAME", help="a habit done (repeatable)"
    )
    p.add_argument("--note", help="a few words about the day")

    p = sub.add_parser("entry", help="write a journal entry")
    p.add_argument("text", help="the entry ('-' reads it from standard input)")
    p.add_argument("--date", type=parse_day, help="the day (default today)")
    p.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag (repeatable)")

    p = sub.add_parser("contact", help="log a contact with your ex")
    p.add_argument("--medium", required=True, choices=[m.value for m in Medium])
    p.add_argument("--initiated-by", required=True, choices=[i.value for i in Initiator])
    p.add_argument(
        "--response", default=Response.NONE.value, choices=[r.value for r in Response],
        help="how they responded (default: none)",
    )
    p.add_argument(
        "--logistics", action="store_true",
        help="a parenting or household contact: does not break the pause",
    )
    p.add_argument("--minutes", type=bounded(0, 1440, "Minutes"), help="how long it lasted")
    p.add_argument("--when", type=parse_when, help='when it happened, "YYYY-MM-DD HH:MM"')
    p.add_argument("--note", default="", help="what happened, in a few words")

    p = sub.add_parser("phase", help="show your phase, or move to another")
    p.add_argument("number", nargs="?", type=bounded(1, 6, "The phase"), help="phase 1-6")
    p.add_argument("--reason", default="", help="why you are moving (asked when moving back)")
    p.add_argument(
        "--force", action="store_true", help="move forward even though the signals are not met"
    )

    p = sub.add_parser("habits", help="list, add, rename or remove your habits")
    hs = p.add_subparsers(dest="habits_command", metavar="ACTION", parser_class=Parser)
    hs.add_parser("list", help="list your habits")
    h = hs.add_parser("add", help="start tracking a habit")
    h.add_argument("name")
    h = hs.add_parser("remove", help="stop tracking a habit (its history is kept)")
    h.add_argument("name")
    h = hs.add_parser("rename", help="rename a habit")
    h.add_argument("old")
    h.add_argument("new")

    add_domain_commands(sub)
    add_data_commands(sub)
    return parser


def add_domain_commands(sub: argparse._SubParsersAction[Parser]) -> None:
    """status, journey, evaluate, checklist, support (commands/domain.py)."""


def add_data_commands(sub: argparse._SubParsersAction[Parser]) -> None:
    """export, import, backup, restore, search, demo (commands/data.py)."""


# -- running --------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``exback`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    from .store.errors import JournalError

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


# Which module of exback_tui.commands holds each command's ``cmd_<name>`` handler; only that
# module is imported, so a quick command loads no more than it uses.
COMMANDS = {
    "checkin": "basic",
    "entry": "basic",
    "contact": "basic",
    "habits": "basic",
}


def _handler(command: str) -> Handler:
    import importlib

    module = importlib.import_module(f".commands.{COMMANDS[command]}", __package__)
    return getattr(module, "cmd_" + command.replace("-", "_"))  # type: ignore[no-any-return]


def _run_app(args: argparse.Namespace) -> int:
    from .commands import open_journal
    from .commands.basic import print_summary

    with open_journal(args) as journal:
        try:
            from .tui.app import run_app
        except ImportError:
            return print_summary(journal)
        return run_app(journal)


if __name__ == "__main__":
    raise SystemExit(main())
