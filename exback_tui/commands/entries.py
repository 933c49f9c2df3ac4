"""`exback entries`: reading your entries from the shell, oldest first, with colour on a
terminal and as plain text in a pipe (for grep, less, a script). Everything printed passes the
safe console (commands.console.out), so no escape sequence a journal holds reaches the terminal."""

from __future__ import annotations

import argparse

from rich.text import Text

from ..core.stars import STAR, STAR_TAG, is_starred
from ..core.text import shown
from ..core.values import Entry, EntryKind
from ..store.errors import InvalidInput
from . import open_quick
from .console import err, out


def cmd_entries(args: argparse.Namespace) -> int:
    """Print the entries asked for: the newest N (-n), between two days, with tags, starred."""
    if args.start is not None and args.end is not None and args.start > args.end:
        raise InvalidInput(
            f"--from {args.start.isoformat()} is after --to {args.end.isoformat()}; "
            "give the earlier day to --from."
        )
    wanted = {tag.strip().lstrip("#").casefold() for tag in args.tag} - {""}
    if args.starred:
        wanted.add(STAR_TAG)
    with open_quick(args) as journal:
        # Filtered by tag here, after reading, so the count of -n is of matching entries.
        found = journal.entries(args.start, args.end, None if wanted else args.n)
    if wanted:
        found = [e for e in found if wanted <= {t.casefold() for t in e.tags}][: args.n]
    if not found:
        err.print(Text("No entries match." if wanted or args.start or args.end else "No entries."))
        return 0
    found.reverse()  # oldest first, the newest last, nearest the prompt
    for n, entry in enumerate(found):
        if n:
            out.print()
        # On a terminal wrapped at words; in a pipe each line whole, for whatever reads it.
        whole = not out.is_terminal
        out.print(heading(entry), soft_wrap=whole)
        if entry.prompt:  # the writing prompt it answered, one line above it
            out.print(Text(shown(entry.prompt), style="dim italic"), soft_wrap=whole)
        out.print(Text(shown(entry.text)), soft_wrap=whole)
    return 0


def heading(entry: Entry) -> Text:
    """'Fri 20 Nov 2026 21:30  entry 12 ★  #walk #sleep'."""
    line = Text(f"{entry.day:%a %d %b %Y}", style="bold")
    written = entry.created_at
    if written is not None and written.date() == entry.day:
        line.append(f" {written:%H:%M}", style="bold")
    kind = "unsent" if entry.kind is EntryKind.UNSENT else "entry"
    line.append(f"  {kind} {entry.id}", style="dim")
    if is_starred(entry.tags):
        line.append(f" {STAR}", style="yellow")
    tags = [t for t in entry.tags if t.casefold() != STAR_TAG]
    if tags:
        line.append("  " + shown(" ".join(f"#{t}" for t in tags)), style="cyan")
    return line
