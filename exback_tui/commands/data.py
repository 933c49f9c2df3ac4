"""Export, import, backup, search and the demo journal, from the shell (restore: restore.py).

A progress bar is drawn (on standard error, and cleared when done) only when standard output is
a terminal, so ``exback export | less`` and scripts see nothing but the data.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.text import Text

from ..core.text import shown
from ..store import database
from ..store.errors import InvalidInput, JournalPathError
from . import day_label, journal_path, open_journal, open_quick
from .console import err, out

if TYPE_CHECKING:
    from ..store.document import ImportSummary
    from ..store.import_document import Parsed
    from ..store.journal import Journal

SOURCE_LABELS = {
    "entry": "entry",
    "unsent": "unsent",
    "checkin": "check-in note",
    "contact": "contact note",
}


@contextmanager
def _progress(description: str) -> Iterator[Callable[[int, int], None] | None]:
    """A transient rich progress bar on a terminal; None (no drawing at all) otherwise."""
    if not out.is_terminal:
        yield None
        return
    # Only on a terminal, for a long import or export.
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(
        f"[bold]{description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def _journal_path(args: argparse.Namespace) -> Path:
    path = Path(args.db).expanduser() if args.db is not None else database.default_path()
    return path.absolute()


def _to_stdout(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (head, less) stopped early: not an error. Point stdout at /dev/null so
        # Python's own flush at exit does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def cmd_export(args: argparse.Namespace) -> int:
    """Export the journal as json (complete), md (readable) or csv (a row a day)."""
    # Imported here: not on `exback search`'s path (this module holds it).
    from ..store.export_document import OddRows
    from ..store.portable import to_csv, to_json, to_markdown, write_private

    if args.output is not None and str(args.output) == "-":  # `--output -`: standard output
        args.output = None
    if args.output is not None and args.output.expanduser().absolute() == journal_path(args):
        raise InvalidInput("The export would overwrite the journal itself; choose another file.")
    odd = None
    with open_journal(args) as journal, _progress("Exporting") as progress:
        try:
            doc = journal.export_data(progress)
        except OddRows as exc:  # everything readable is exported; the odd rows are named
            doc, odd = exc.doc, exc
        encrypted = journal.encrypted
    if encrypted:  # the user asked for plain text; say what that means
        err.print(
            Text(
                "exback: the journal is encrypted, but this export is plain text: anyone who can "
                "read it can read your journal."
            )
        )
    render = {"json": to_json, "md": to_markdown, "csv": to_csv}[args.format]
    text = render(doc)
    if args.output is None:
        _to_stdout(text)
    else:
        write_private(args.output, text)
        days = len(doc["checkins"])
        out.print(
            f"[green]✓[/] Exported {days:,} check-in{'s' if days != 1 else ''} and "
            f"{len(doc['entries']):,} entries as {args.format} to {escape(str(args.output))} "
            f"({_size(len(text.encode()))}).",
            soft_wrap=True,
        )
    if odd is not None:
        err.print(Text(f"exback: {odd}"), soft_wrap=True)
        return 1
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import a file exback reads (store.import_formats), all or nothing; --dry-run says
    what the import would add, skip and map, and writes nothing."""
    from rich.padding import Padding  # here, not at the top: search shares this module

    from ..store.portable import ImportOptions, open_import, parse_habit_map, parse_mood_map

    options = ImportOptions(
        today=date.today(),
        mood_map=parse_mood_map(args.mood_map),
        habit_map=parse_habit_map(args.habit_map),
    )
    # Read and recognise the file before the journal is even opened: a wrong file changes
    # nothing, not even by creating a journal.
    name, found = open_import(args.file, options)
    what = f"{shown(name)} ({found.label})"
    if args.dry_run:
        summary, into = _dry_run(args, found.parsed)
        out.print(
            Text(f"Dry run: importing {what} {into} would {_would(summary)}. Nothing was written."),
            soft_wrap=True,
        )
    else:
        with open_journal(args) as journal, _progress("Importing") as progress:
            summary = journal.import_data(found.parsed, progress)
        where = "into the empty journal" if summary.into_empty else "into your journal"
        out.print(
            f"[green]✓[/] Imported {escape(what)} {where}. {escape(summary.describe())}",
            soft_wrap=True,
        )
    for line in found.mapped:
        if out.is_terminal:  # wrapped at words, under its indent
            out.print(Padding(Text(line, style="dim"), (0, 0, 0, 2)))
        else:  # a line each, whole, for whatever reads the pipe
            out.print(Text(f"  {line}", style="dim"), soft_wrap=True)
    return 0


def _dry_run(args: argparse.Namespace, parsed: Parsed) -> tuple[ImportSummary, str]:
    """What importing ``parsed`` would do, and into what: the journal's own writes rolled
    back, or, with no journal yet, a new one made aside as the import would make it."""
    from ..store.journal import Journal  # SQLAlchemy: not on `exback search`'s path

    path = journal_path(args)
    if path.exists():
        with open_journal(args) as journal:
            summary = journal.import_data(parsed, dry_run=True)
        return summary, "into the empty journal" if summary.into_empty else "into your journal"
    folder = Path(tempfile.mkdtemp(prefix="exback-dry-run-"))  # mkdtemp makes it 0700
    try:
        with Journal.open(folder / "journal.db") as journal:
            return journal.import_data(parsed, dry_run=True), f"into a new journal at {path}"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _would(summary: ImportSummary) -> str:
    """'add 3 check-ins and 2 entries and skip 1 habit already in the journal'."""
    from ..store.portable import SECTIONS  # the import's modules: not on `exback search`'s path

    def listed(counts: dict[str, int]) -> str:
        parts = [f"{n:,} {SECTIONS[k][0 if n == 1 else 1]}" for k, n in counts.items() if n]
        return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)

    text = f"add {listed(summary.added) or 'nothing new'}"
    if summary.skipped:
        text += f", and skip {listed(summary.skipped)} already in the journal"
    return text


def cmd_backup(args: argparse.Namespace) -> int:
    """Copy the journal consistently, even while the app has it open."""
    with open_journal(args) as journal:
        dest = journal.backup(args.dest)
    out.print(
        f"[green]✓[/] Backed up to {escape(str(dest))} ({_size(dest.stat().st_size)}).",
        soft_wrap=True,
    )
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """Full-text search, newest first, with the matches in bold."""
    query = " ".join(args.query)
    if not query.strip():
        err.print(Text("exback: Give a word to search for, like: exback search walk"))
        return 2
    with open_quick(args) as journal:
        result = journal.search(query, limit=args.limit, advanced=args.advanced)
    if not result.total:
        out.print(Text(f"No matches for {query!r}."))
        return 0
    today = date.today()
    for hit in result.hits:
        line = Text()
        line.append(f"{day_label(hit.day, today):<15} ", style="dim")
        label = SOURCE_LABELS.get(hit.source, hit.source)
        if hit.source in ("entry", "unsent", "contact"):
            label = f"{label} {hit.ref}"
        line.append(f"{label:<18} ", style="cyan")
        for part, is_match in hit.snippet_parts:
            line.append(shown(part), style="bold" if is_match else "")
        out.print(line)
    listed = len(result.hits)
    footer = f"{result.total:,} match{'es' if result.total != 1 else ''}"
    if result.total > listed:
        footer += f" (showing first {listed})"
    out.print(Text(footer, style="dim"))
    return 0


def _build_demo(path: Path, days: int, seed: int, today: date) -> Journal:
    """A new journal at ``path`` filled with the demo; the file is removed if that fails."""
    # Imported here: not on `exback search`'s path (this module holds it).
    from ..store.demo import build_demo
    from ..store.journal import Journal

    journal = Journal.open(path, today=today)
    try:
        with _progress("Building the demo") as progress:
            build_demo(journal, days, seed, today, progress)
    except BaseException:
        journal.close()
        for leftover in (
            path,
            path.with_name(path.name + "-wal"),
            path.with_name(path.name + "-shm"),
        ):
            leftover.unlink(missing_ok=True)
        raise
    return journal


def cmd_demo(args: argparse.Namespace) -> int:
    """Build a demo journal: into --output, or a temporary one opened in the app."""
    today = date.today()
    if args.output is not None:
        path = args.output.expanduser().absolute()
        if path.exists():
            raise JournalPathError(
                f"{path} already exists; the demo only writes a new file, so choose another name."
            )
        _build_demo(path, args.days, args.seed, today).close()
        out.print(
            f"[green]✓[/] Wrote a {args.days:,}-day demo journal to {escape(str(path))}.\n"
            f"  Open it with: exback --db {escape(str(path))}",
            soft_wrap=True,
        )
        return 0
    folder = Path(tempfile.mkdtemp(prefix="exback-demo-"))  # mkdtemp makes it 0700
    try:
        journal = _build_demo(folder / "journal.db", args.days, args.seed, today)
        with journal:
            from ..tui.app import run_app  # Textual: only `exback demo` without --output

            return run_app(journal)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
