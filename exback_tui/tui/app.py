"""The exback app: screens, global keys, the command palette and the theme. Nothing else.

Screens own their widgets, bindings and journal calls; the app only opens them, keeps the
journal and "today", watches the file for changes made elsewhere, and turns a journal error
raised in any worker into a notification.
"""

from __future__ import annotations

import importlib
import threading
import time
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from ..store.errors import JournalError
from .commands import ExbackCommands
from .screens.dashboard import DashboardScreen

if TYPE_CHECKING:
    from ..core.values import Snapshot
    from ..store.journal import Journal

POLL_SECONDS = 1.0  # how often the file is asked whether another program wrote to it

# The screens the keys and the palette open by name: (module, class, arguments from the app).
# Imported on first use, so the dashboard's first frame does not wait on a dozen screens.
SCREENS: dict[str, tuple[str, str, Callable[[ExbackApp], tuple[Any, ...]]]] = {
    "checkin": ("checkin", "CheckInScreen", lambda app: (app.today,)),
    "urge": ("urge", "UrgeScreen", lambda app: (app.urge_seconds,)),
    "contact": ("contact_form", "ContactFormScreen", lambda app: ()),
    "journal": ("journal", "JournalScreen", lambda app: ()),
    "contacts": ("contacts", "ContactsScreen", lambda app: ()),
    "evaluation": ("evaluation", "EvaluationScreen", lambda app: ()),
    "insights": ("insights", "InsightsScreen", lambda app: ()),
    "phase": ("phase", "PhaseScreen", lambda app: (None,)),
    "settings": ("settings", "SettingsScreen", lambda app: ()),
    "help": ("help", "HelpScreen", lambda app: ()),
    "onboarding": ("onboarding", "OnboardingScreen", lambda app: (True,)),
    "blank": ("blank", "BlankScreen", lambda app: ()),
}


def screen_class(name: str) -> type[Screen[Any]]:
    """The screen class behind a name of :data:`SCREENS` (imported on first use)."""
    module, cls, _ = SCREENS[name]
    found: type[Screen[Any]] = getattr(
        importlib.import_module(f".screens.{module}", __package__), cls
    )
    return found


class ExbackApp(App[int]):
    """The full-screen journal over one Journal."""

    TITLE = "exback"
    CSS_PATH = "exback.tcss"
    COMMANDS: ClassVar = App.COMMANDS | {ExbackCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "open('help')", "Help", tooltip="Every key, every pane"),
        Binding("ctrl+b", "blank", "Blank", tooltip="Hide the screen; any key returns"),
        Binding("q", "quit", "Quit", tooltip="Quit (asks first if something is unsaved)"),
    ]

    data_generation: var[int] = var(0)
    """Bumped whenever the journal changed (here or in another program); screens reload on it."""

    def __init__(
        self,
        journal: Journal | None = None,
        today: date | None = None,
        urge_seconds: int = 60,
        *,
        opener: Callable[[], Journal] | None = None,
        first: Snapshot | None = None,
        theme: str | None = None,
    ) -> None:
        """Run over an open ``journal``, or paint ``first`` at once and ``opener()`` behind it.

        The second form is how ``exback`` starts: a snapshot read with plain sqlite3 is on
        screen while SQLAlchemy loads and the journal opens in a worker.
        """
        super().__init__()
        if journal is None and opener is None:
            raise ValueError("ExbackApp needs a journal or an opener")
        self._journal = journal
        self._opener = opener
        self._open_error: JournalError | None = None
        self._journal_open = threading.Event()
        if journal is not None:
            self._journal_open.set()
        self.first = first
        self._first_theme = theme
        self._today = today
        self.urge_seconds = urge_seconds
        self._saved_theme: str | None = None

    @property
    def journal(self) -> Journal:
        """The open journal; in the first moments of a fast start, waits until it is open.

        Journal calls run in worker threads, so the wait never holds up the screen.
        """
        if self._journal is None:
            self._journal_open.wait()
        if self._journal is None:
            assert self._open_error is not None
            raise self._open_error
        return self._journal

    @property
    def today(self) -> date:
        """The day the app treats as today (fixed in tests and snapshots)."""
        return self._today or date.today()

    # -- start-up ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        """Open on the dashboard, or on the first-run questions while the journey is not set."""
        if self.first is not None:
            self._opened(self.first.journey.onboarded, self._first_theme)
            self.call_after_refresh(self._open_behind)
        else:
            self._start()
            self._watch_file()

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _open_behind(self) -> None:
        """Open the journal (SQLAlchemy, the daily backup) once the first frame is up."""
        assert self._opener is not None
        try:
            self._journal = self._opener()
        except JournalError as error:
            self._open_error = error
            raise
        finally:
            self._journal_open.set()
        self.call_from_thread(self._watch_file)

    @work(thread=True, exclusive=True, group="start", exit_on_error=False)
    def _start(self) -> None:
        journey = self.journal.journey()
        theme = self.journal.setting("theme")
        self.call_from_thread(self._opened, journey.onboarded, theme)

    def _opened(self, onboarded: bool, theme: str | None) -> None:
        if theme and theme in self.available_themes:
            self._saved_theme = theme
            self.theme = theme
        self._saved_theme = self.theme
        self.push_screen(DashboardScreen(self.first))
        if not onboarded:
            self.action_open("onboarding")

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def _watch_file(self) -> None:
        worker = get_current_worker()
        watch = self.journal.watch_changes()
        try:
            while not worker.is_cancelled:
                deadline = time.monotonic() + POLL_SECONDS
                while time.monotonic() < deadline and not worker.is_cancelled:
                    time.sleep(0.05)
                if not worker.is_cancelled and watch.changed():
                    self.call_from_thread(self.journal_changed)
        finally:
            watch.close()

    # -- what screens call -------------------------------------------------------------------

    def journal_changed(self) -> None:
        """Tell every open screen to reload (after a save, or a write from elsewhere)."""
        self.data_generation += 1

    def journal_error(self, error: JournalError) -> None:
        """Show a problem the user can act on; never a traceback."""
        self.notify(str(error), title="Not saved", severity="error", markup=False, timeout=8)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place a worker's failure turns into a message (or, if a bug, an exit)."""
        if event.state is not WorkerState.ERROR:
            return
        error = event.worker.error
        if isinstance(error, JournalError):
            self.journal_error(error)
        elif error is not None:
            self._handle_exception(error)

    # -- actions -----------------------------------------------------------------------------

    def action_open(self, name: str) -> None:
        """Open a screen by name (the keys of the dashboard and the palette use this)."""
        cls = screen_class(name)
        if name in ("help", "blank") and isinstance(self.screen, cls):
            return
        self.push_screen(cls(*SCREENS[name][2](self)))

    def open_phase(self, number: int | None) -> None:
        """Open the screen of one phase (None: the current one)."""
        self.push_screen(screen_class("phase")(number))

    def action_blank(self) -> None:
        """Hide everything until a key is pressed (someone is looking over your shoulder)."""
        self.action_open("blank")

    async def action_quit(self) -> None:
        """Quit; asks first when a screen holds edits that are not saved."""
        unsaved = [s for s in self.screen_stack if getattr(s, "has_unsaved_changes", False)]
        if not unsaved:
            self.exit(0)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.exit(0)

        from .screens.confirm import ConfirmScreen

        self.push_screen(
            ConfirmScreen("You have changes that are not saved. Quit anyway?", "Quit", "Stay"),
            answered,
        )

    @work(thread=True, exclusive=True, group="backup", exit_on_error=False)
    def action_backup(self) -> None:
        """Copy the journal file into its backups folder."""
        where = self.journal.backup()
        self.call_from_thread(self.notify, f"Backed up to {where}", markup=False)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def action_export(self) -> None:
        """Write everything to a JSON file beside the journal."""
        from ..store.portable import to_json, write_private

        target = self.journal.path.with_name(f"exback-export-{self.today.isoformat()}.json")
        # The same document as `exback export --format json`, so it imports back as it is.
        write_private(target, to_json(self.journal.export_data()))
        self.call_from_thread(self.notify, f"Exported to {target}", markup=False)

    def watch_theme(self, theme: str) -> None:
        """Keep the chosen theme for next time."""
        if self._saved_theme is not None and theme != self._saved_theme:
            self._saved_theme = theme
            self._save_theme(theme)

    @work(thread=True, group="theme", exit_on_error=False)
    def _save_theme(self, theme: str) -> None:
        self.journal.set_setting("theme", theme)


def build_app(journal: Journal, today: date | None = None, urge_seconds: int = 60) -> ExbackApp:
    """The app over an open journal; used by the CLI, the tests and the snapshot apps alike."""
    return ExbackApp(journal, today=today, urge_seconds=urge_seconds)


def run_app(
    journal: Journal | None = None,
    *,
    opener: Callable[[], Journal] | None = None,
    first: Snapshot | None = None,
    theme: str | None = None,
) -> int:
    """Run the app full-screen until the user quits; returns the exit code.

    Over an open ``journal``, or (a fast start) painting ``first`` while ``opener`` opens it.
    """
    app = ExbackApp(journal, opener=opener, first=first, theme=theme)
    try:
        result = app.run()
    finally:
        if app._journal is not None and journal is None:
            app._journal.close()
    return result if isinstance(result, int) else 0
