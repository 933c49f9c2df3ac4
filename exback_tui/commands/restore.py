"""exback restore: list this journal's backups, or put one back in place of the journal.

Only the journal's own backups are listed (and named in the damage advice); a backup of
another journal in the same folder, or one that cannot be placed, is restored only after a
warning and a yes. Replacing an encrypted journal needs its current passphrase first.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import datetime
from pathlib import Path

from rich.text import Text

from ..store.backup import backups_dir, check_backup, journal_mark, sort_backups
from ..store.errors import InvalidInput, PassphraseNeeded, WrongPassphrase
from ..store.integrity import restore_command
from ..store.restore import (
    backup_passphrase_form,
    is_locked_journal,
    origin_warning,
    refuse_the_journal_itself,
    restore_from,
    unlocking_form,
)
from . import journal_path
from .console import err, out
from .passphrase import TRIES, can_ask, passphrase_for, read_passphrase_file, unlock


def cmd_restore(args: argparse.Namespace) -> int:
    """Put a backup back in place of the journal, after a confirmation (or list backups)."""
    path = journal_path(args)
    if args.file is None:
        return _list_backups(path)
    backup = Path(args.file).expanduser().absolute()
    refuse_the_journal_itself(backup, path)
    current = None
    if is_locked_journal(path):  # only someone who can open it may replace it
        current = unlock(path, lambda p: unlocking_form(path, p))
    passphrase = _backup_passphrase(backup, current, args.backup_passphrase_file)
    warning = origin_warning(backup, path, passphrase, current)
    if warning:
        err.print(Text(f"exback: warning: {warning}"), soft_wrap=True)
    if not args.yes:
        if not sys.stdin.isatty():
            raise InvalidInput(
                "Restoring replaces your journal, so it asks first; run it in a terminal "
                "or add --yes."
            )
        question = "Restore it anyway, replacing" if warning else "Replace"
        try:
            answer = out.input(Text(f"{question} {path} with {backup}? [y/N] "))
        except EOFError:  # ctrl-d at the prompt: a no
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            out.print("Nothing was restored.")
            return 1
    safety = restore_from(backup, path, passphrase, current=current)
    out.print(Text(f"✓ Restored {path} from {backup}.", style="green"), soft_wrap=True)
    if safety is not None:
        out.print(Text(f"  The journal as it was is kept in {safety}."), soft_wrap=True)
    return 0


def _backup_passphrase(backup: Path, current: str | None, file: Path | None) -> str | None:
    """The passphrase that opens ``backup`` (None for a plain one): the journal's ``current``
    one if it does, else from ``file`` (--backup-passphrase-file), else typed."""
    try:
        check_backup(backup)
        return None
    except PassphraseNeeded:
        pass  # an encrypted backup: find its passphrase below
    if file is not None:
        return backup_passphrase_form(
            backup, read_passphrase_file(file, "--backup-passphrase-file")
        )
    if current is None:  # no encrypted journal to replace: $EXBACK_PASSPHRASE_FILE or typed
        return passphrase_for(backup, lambda p: backup_passphrase_form(backup, p))
    try:
        return backup_passphrase_form(backup, current)
    except WrongPassphrase:
        pass  # made under an older passphrase (before a rekey): it needs that one
    if not can_ask():
        raise PassphraseNeeded(
            f"{backup} was encrypted under another passphrase than the journal's now (one "
            "from before a change?); give it with --backup-passphrase-file FILE. Nothing was "
            "restored."
        )
    # Typed here, not through unlock(): $EXBACK_PASSPHRASE_FILE holds the journal's one.
    for left in range(TRIES - 1, -1, -1):
        try:
            typed = getpass.getpass(f"The backup's own passphrase, for {backup.name}: ")
        except EOFError:
            break
        try:
            return backup_passphrase_form(backup, typed)
        except WrongPassphrase:
            more = f" {left} more {'try' if left == 1 else 'tries'}." if left else ""
            err.print(Text(f"That passphrase does not open the backup.{more}"))
    raise WrongPassphrase(f"No passphrase that opens {backup} was given; nothing was restored.")


def _list_backups(path: Path) -> int:
    """This journal's backups, newest first, and a count of what else the folder holds."""
    found = sort_backups(path, journal_mark(path))
    folder = backups_dir(path)
    if not found.ours:
        out.print(Text(f"No backups of {path} were found in {folder}."), soft_wrap=True)
    else:
        out.print(Text(f"Backups of {path}, newest first:"), soft_wrap=True)
        for backup in reversed(found.ours):
            when = datetime.strptime(backup.stamp, "%Y-%m-%d-%H%M%S")
            line = Text("  ")
            line.append(f"{when:%Y-%m-%d %H:%M}  {backup.label or 'by hand':<16}", style="dim")
            line.append(f" {backup.path}")
            out.print(line, soft_wrap=True)
    if found.unplaced:
        out.print(
            Text(
                "Older backups that exback cannot place (made before backups recorded their "
                "journal, and encrypted or damaged); restoring one asks first:"
            ),
            soft_wrap=True,
        )
        for backup in reversed(found.unplaced):
            out.print(Text(f"  {backup.path}"), soft_wrap=True)
    if found.others:
        n = len(found.others)
        out.print(
            Text(
                f"{n} backup{'s' if n != 1 else ''} of other journals in {folder} "
                f"{'are' if n != 1 else 'is'} not listed.",
                style="dim",
            ),
            soft_wrap=True,
        )
    if found.ours:
        out.print(
            Text(f"Restore one with: {restore_command(path, found.ours[-1].path)}"),
            soft_wrap=True,
        )
    return 0
