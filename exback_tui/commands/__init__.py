"""The quick commands behind ``exback COMMAND``: each opens the journal, does one thing, says so.

Output is a short confirmation through Rich. Nothing here imports Textual: these must start
fast. One module a group of commands; ``cli.COMMANDS`` says which module holds which.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderHook, RenderResult
from rich.segment import Segment
from rich.text import Text

from ..core.text import shown
from ..store import database
from ..store.errors import PassphraseNeeded

if TYPE_CHECKING:
    # Imported where a journal is opened: it loads SQLAlchemy, which open_quick avoids.
    from ..store.journal import Journal
    from ..store.quick_journal import QuickJournal

T = TypeVar("T")


class TerminalSafe(RenderHook):
    """The one output filter of the command line: whatever a command prints (journal text,
    paths, names) is drawn through :func:`core.text.shown`, so no escape sequence or control
    character from a journal or a file name reaches the terminal. Rich's own styling and
    cursor moves (control segments) pass as they are."""

    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        """Each renderable, wrapped so its segments are filtered as they are drawn."""
        return [_Shown(renderable) for renderable in renderables]


class _Shown:
    """A renderable drawn through :func:`core.text.shown`, segment by segment."""

    __slots__ = ("renderable",)

    def __init__(self, renderable: ConsoleRenderable) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.renderable, options):
            if segment.control or segment.text.isprintable():
                yield segment
            else:
                yield Segment(shown(segment.text), segment.style)


class SafeConsole(Console):
    """A Rich console whose output passes :class:`TerminalSafe`; a string printed is filtered
    before Rich reads it too, so a sequence is removed whole (Rich drops the BEL that ends an
    OSC when it builds a Text, and the filter would then see only its opening)."""

    def __init__(self, *, stderr: bool = False, soft_wrap: bool = False) -> None:
        super().__init__(stderr=stderr, highlight=False, soft_wrap=soft_wrap)
        self.push_render_hook(TerminalSafe())

    def render_str(self, text: str, *args: Any, **kwargs: Any) -> Text:
        """Rich's own conversion of a printed string, of the string made safe."""
        return super().render_str(shown(text), *args, **kwargs)

    def on_broken_pipe(self) -> None:
        """The reader stopped early (``exback status | head -1``): not an error. Rich's own
        answer is to exit with 1; this hands it to ``cli.main``, which ends quietly with 0."""
        self.quiet = True
        raise BrokenPipeError


out = SafeConsole()
# One sentence each, often holding a path: left whole for the terminal to wrap, so a path
# is never broken by a newline (and a script reading stderr sees the sentence as written).
err = SafeConsole(stderr=True, soft_wrap=True)


def journal_path(args: argparse.Namespace) -> Path:
    """The journal file named by --db, $EXBACK_DB or the default path, made absolute."""
    return database.journal_file(args.db)


def open_journal(args: argparse.Namespace) -> Journal:
    """Open the journal named by --db, $EXBACK_DB or the default path.

    An encrypted journal's passphrase comes from $EXBACK_PASSPHRASE_FILE or is typed at the
    terminal (three tries). A journal that opens read-only says why on standard error.
    """
    return _unlocked(journal_path(args), _full)


def open_quick(args: argparse.Namespace) -> QuickJournal | Journal:
    """Like :func:`open_journal`, but a current journal that needs nothing first opens
    without SQLAlchemy (store.quick_journal), for ``exback checkin`` and ``exback search``.
    """
    from ..store.quick_journal import QuickJournal

    def attempt(path: Path, passphrase: str | None) -> QuickJournal | Journal:
        quick = QuickJournal.open(path, passphrase=passphrase)
        if quick is None:
            return _full(path, passphrase)
        say_notices(quick.notices)
        return quick

    return _unlocked(journal_path(args), attempt)


def _full(path: Path, passphrase: str | None) -> Journal:
    """The journal through Journal.open; a read-only one says why on standard error."""
    from ..store.journal import Journal

    journal = Journal.open(path, passphrase=passphrase)
    say_notices(journal.notices)
    if journal.read_only:
        err.print(Text(f"exback: {journal.read_only_reason}"))
    return journal


def say_notices(notices: Sequence[str]) -> None:
    """What opening the journal tidied or found (store.opening.arrive), a line each on
    standard error, never wrapped."""
    for notice in notices:
        err.print(Text(f"exback: {notice}"), soft_wrap=True)


def _unlocked(path: Path, opener: Callable[[Path, str | None], T]) -> T:
    """``opener(path, None)``, or with the passphrase of an encrypted journal (see unlock)."""
    try:
        return opener(path, None)
    except PassphraseNeeded:
        from .passphrase import unlock

        return unlock(path, lambda passphrase: opener(path, passphrase))


def day_label(day: date, today: date | None = None) -> str:
    """'today', 'yesterday' or 'Fri 20 Nov 2026'."""
    today = today or date.today()
    if day == today:
        return "today"
    if (today - day).days == 1:
        return "yesterday"
    return day.strftime("%a %d %b %Y")


def days(n: int) -> str:
    """'1 day', '3 days'."""
    return f"{n} day" if n == 1 else f"{n} days"


def on_day(day: date) -> str:
    """'today', 'yesterday' or 'on Fri 20 Nov 2026', to follow a verb."""
    label = day_label(day)
    return label if label in ("today", "yesterday") else f"on {label}"
