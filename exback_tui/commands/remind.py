"""`exback remind` (the nudge and its timer) and `exback prompt` (today's writing prompt)."""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
from datetime import date

from .. import reminder_timer as timer
from ..core.prompts import prompt_for
from ..store.reminder import checked_in
from . import journal_path, open_journal
from .console import out

NUDGE = "No check-in yet today: `exback` or `exback checkin`."


def cmd_remind(args: argparse.Namespace) -> int:
    """One line when today has no check-in, nothing when it has; or manage the daily timer."""
    if args.install:
        how = timer.install(journal_path(args), args.at, args.via)
        out.print(f"Installed: a reminder every day at {args.at} ({how}).", markup=False)
        return 0
    if args.uninstall:
        removed = timer.uninstall()
        said = " and ".join(removed) if removed else "nothing (no reminder was installed)"
        out.print(f"Removed {said}.", markup=False)
        return 0
    if args.show:
        found = timer.installed()
        if found.via is None:
            out.print("No reminder is installed. `exback remind --install --at 21:00` adds one.")
        else:
            out.print(f"A reminder every day at {found.at} ({found.via}).", markup=False)
        return 0
    if checked_in(journal_path(args), date.today()):
        return 0
    if args.notify:
        _notify(NUDGE.replace("`", ""))
    else:
        out.print(NUDGE, markup=False)
    return 0


def _notify(message: str) -> None:
    """A desktop notification through desktop-notifier (the `notify` extra) or notify-send;
    with neither, nothing: a timer has no terminal to print to."""
    try:
        from desktop_notifier import DesktopNotifier  # optional: the notify extra
    except ImportError:
        pass
    else:
        try:
            asyncio.run(DesktopNotifier(app_name="exback").send(title="exback", message=message))
            return
        # No session bus or notification service: the socket is missing or refuses (OSError),
        # or the back end finds no loop or service to talk to (RuntimeError). notify-send is
        # then the next thing to try; anything else is a bug and surfaces.
        except (OSError, RuntimeError):
            pass
    if shutil.which("notify-send"):
        subprocess.run(["notify-send", "exback", message], capture_output=True, check=False)


def cmd_prompt(args: argparse.Namespace) -> int:
    """Today's writing prompt for the phase you are in (another with --another)."""
    with open_journal(args) as journal:
        phase = journal.current_phase().phase
    out.print(prompt_for(phase, date.today(), args.another), markup=False)
    return 0
