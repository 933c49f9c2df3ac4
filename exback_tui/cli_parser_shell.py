"""The arguments of the shell's own habits: `exback entries` (commands/entries.py),
`exback completion` and `exback man` (commands/completion.py)."""

from __future__ import annotations

import argparse
from typing import Any

from .cli_types import DAY_WORDS, number, parse_day

SHELLS = ("bash", "zsh", "fish")


def add_shell_commands(sub: argparse._SubParsersAction[Any]) -> None:
    """entries (reading from the shell), completion and man (generated from this parser)."""
    p = sub.add_parser(
        "entries",
        help="print your entries, oldest first (filter by day, tag or star)",
        description="Print entries, oldest first: on a terminal with colour, in a pipe as plain "
        f"text. Days may be written {DAY_WORDS}.",
    )
    p.add_argument("-n", type=number("-n"), metavar="N", help="only the newest N entries")
    p.add_argument("--from", dest="start", type=parse_day, metavar="DAY", help="from this day")
    p.add_argument("--to", dest="end", type=parse_day, metavar="DAY", help="up to this day")
    p.add_argument("--tag", action="append", default=[], metavar="TAG", help="with this tag")
    p.add_argument("--starred", action="store_true", help="only starred entries")

    p = sub.add_parser(
        "completion",
        help="print shell completion for bash, zsh or fish",
        description="Print a completion script for your shell (subcommands, options and your "
        "habit names). Where to put it: see the README, or for bash: "
        "exback completion bash > ~/.local/share/bash-completion/completions/exback",
    )
    p.add_argument("shell", choices=SHELLS)

    sub.add_parser("man", help="print the manual page (read it with: exback man | man -l -)")
