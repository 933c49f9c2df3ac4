"""The arguments of `exback remind` and `exback prompt` (commands/remind.py)."""

from __future__ import annotations

import argparse
from typing import Any


def add_nudge_commands(sub: argparse._SubParsersAction[Any]) -> None:
    """remind (the nudge and its daily timer) and prompt (today's writing prompt)."""
    p = sub.add_parser(
        "remind",
        help="one line if today has no check-in (for a shell start-up file); or a daily timer",
        description="Prints one short line when today has no check-in and nothing when it has "
        "(exit 0 either way). It reads only whether today has a check-in: for an encrypted "
        "journal, the date of the last check-in kept beside it; never the journal's content.",
    )
    how = p.add_mutually_exclusive_group()
    how.add_argument(
        "--install",
        action="store_true",
        help="remind every day at --at (a systemd user timer, else a crontab line)",
    )
    how.add_argument("--uninstall", action="store_true", help="remove the installed reminder")
    how.add_argument("--show", action="store_true", help="say what is installed")
    how.add_argument(
        "--notify", action="store_true", help="send a desktop notification instead of printing"
    )
    p.add_argument("--at", default="21:00", metavar="HH:MM", help="the time (default 21:00)")
    p.add_argument(
        "--via", choices=("systemd", "cron"), help="how to install (default: systemd if it runs)"
    )
    p = sub.add_parser("prompt", help="print today's writing prompt for your phase")
    p.add_argument(
        "--another", type=int, default=0, metavar="N", help="the Nth prompt after today's"
    )
