"""The exback app: screens, global keys, the command palette and the theme. Nothing else.

Screens own their widgets, bindings and journal calls; the app only opens them, keeps the
journal and "today", watches the file for changes made elsewhere, and turns a journal error
raised in any worker into a notification.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from ..store.errors import JournalError
from ..store.journal import Journal
from .commands import ExbackCommands
from .screens.blank import BlankScreen
from .screens.checkin import CheckInScreen
from .screens.confirm import ConfirmScreen
from .screens.contact_form import ContactFormScreen
from .screens.contacts import ContactsScreen
from .screens.dashboard import DashboardScreen
from .screens.evaluation import EvaluationScreen
from .screens.help import HelpScreen
from .screens.insights import InsightsScreen
from .screens.journal import JournalScreen
from .screens.onboarding import OnboardingScreen
from .screens.phase import PhaseScreen
from .screens.settings import SettingsScreen
from .screens.urge import UrgeScreen

POLL_SECONDS = 1.0  # how often the file is asked whether another program wrote to it

# The screens the keys and the palette open by name; each call makes a fresh screen.
OPENERS: dict[str, Callable[[ExbackApp], Screen[Any]]] = {
    "checkin": lambda app: CheckInScreen(app.today),
    "urge": lambda app: UrgeScreen(app.urge_seconds),
    "contact": lambda app: ContactFormScreen(),
    "journal": lambda app: JournalScreen(),
    "contacts": lambda app: ContactsScreen(),
    "evaluation": lambda app: EvaluationScreen(),
    "insights": lambda app: InsightsScreen(),
    "phase": lambda app: PhaseScreen(None),
    "settings": lambda app: SettingsScreen(),
    "help": lambda app: HelpScreen(),
}


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

    def __init__(self, journal: Journal, today: date | None = None, urge_seconds: int = 60) -> None:
        super().__init__()
        self.journal = journal
        self._today = today
        self.urge_seconds = urge_seconds
        self._saved_theme: str | None = None

    @property
    def today(self) -> date:
        """The day the app treats as today (fixed in tests and snapshots)."""
        return self._today or date.today()

    # -- start-up ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        """Open on the dashboard, or on the first-run questions while the journey is not set."""
        self._start()
        self._watch_file()

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
        self.push_screen(DashboardScreen())
        if not onboarded:
            self.push_screen(OnboardingScreen(first_run=True))

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
        if name == "help" and isinstance(self.screen, HelpScreen):
            return
        self.push_screen(OPENERS[name](self))

    def open_phase(self, number: int | None) -> None:
        """Open the screen of one phase (None: the current one)."""
        self.push_screen(PhaseScreen(number))

    def action_blank(self) -> None:
        """Hide everything until a key is pressed (someone is looking over your shoulder)."""
        if not isinstance(self.screen, BlankScreen):
            self.push_screen(BlankScreen())

    async def action_quit(self) -> None:
        """Quit; asks first when a screen holds edits that are not saved."""
        unsaved = [s for s in self.screen_stack if getattr(s, "has_unsaved_changes", False)]
        if not unsaved:
            self.exit(0)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.exit(0)

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
        data = self.journal.export_data()
        target = self.journal.path.with_name(
            f"exback-export-{self.today.isoformat()}.json"
        )
        try:
            target.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
            target.chmod(0o600)
        except OSError as exc:
            raise JournalError(f"Could not write {target}: {exc.strerror}.") from None
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


def run_app(journal: Journal) -> int:
    """Run the app full-screen until the user quits; returns the exit code."""
    result = build_app(journal).run()
    return result if isinstance(result, int) else 0
