"""The exback app: screens, global keys, the command palette and the theme. Nothing else.

Screens own their widgets, bindings and journal calls; the app only opens them, keeps the
journal and "today", watches the file for changes made elsewhere, and turns a journal error
raised in any worker into a notification.
"""

from __future__ import annotations

import gc
import importlib
import threading
import time
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import events, work
from textual.app import App
from textual.binding import BindingType
from textual.reactive import var
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from ..core.text import shown
from ..store.errors import JournalError, WrongPassphrase
from . import keys
from .commands import ExbackCommands
from .file_watch import FileWatch
from .host import HostedScreen
from .idle_lock import IdleLock, seconds_from_setting
from .key_gate import KeyGate, KeyHandled
from .milestone_note import todays_milestone
from .screens.dashboard import DashboardScreen
from .themes import THEMES
from .week_offer import review_due

if TYPE_CHECKING:
    from ..core.values import Snapshot
    from ..store.journal import Journal
    from .host import Host
    from .screens.phase import PhaseScreen

TRIES = 3  # wrong passphrases at start before exback gives up (as the quick commands do)
# What still works while the lock screen is up: leaving, and moving between its fields.
WHILE_LOCKED = frozenset({"quit", "help_quit", "focus_next", "focus_previous", "bell"})

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
    "help_now": ("help_now", "HelpNowScreen", lambda app: ()),
    "week_review": ("week_review", "WeekReviewScreen", lambda app: ()),
    "onboarding": ("onboarding", "OnboardingScreen", lambda app: (True,)),
    "blank": ("blank", "BlankScreen", lambda app: ()),
}


def resume_collector() -> None:
    """Turn Python's garbage collector back on if start-up paused it (``exback`` does, so the
    first frame is not held up), freezing what start-up made: it lives as long as the app, and
    no later collection needs to look at it again."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


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
    BINDINGS: ClassVar[list[BindingType]] = list(keys.EVERYWHERE)

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
        unlock: Callable[[str], Journal] | None = None,
        idle_lock_seconds: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Run over an open ``journal``, or paint ``first`` at once and ``opener()`` behind it,
        or ask for a passphrase on the lock screen and open with ``unlock(passphrase)``.

        The second form is how ``exback`` starts: a snapshot read with plain sqlite3 is on
        screen while SQLAlchemy loads and the journal opens in a worker. The third is how an
        encrypted journal starts. ``idle_lock_seconds`` overrides the journal's idle-lock
        setting, and ``clock`` is the idle lock's (tests).
        """
        super().__init__()
        if journal is None and opener is None and unlock is None:
            raise ValueError("ExbackApp needs a journal, an opener or an unlock")
        self._journal = journal
        self._opener = opener
        self._unlock = unlock
        self._open_error: JournalError | None = None
        self._journal_open = threading.Event()
        if journal is not None:
            self._journal_open.set()
        self.first = first
        self._first_theme = theme
        self._today = today
        self.urge_seconds: int = urge_seconds
        self._saved_theme: str | None = None
        self._idle_fixed = idle_lock_seconds is not None
        self.idle_lock = IdleLock(self, self._idle, idle_lock_seconds, clock=clock)
        """Locks (or blanks) after a while without a key or a click."""
        self.file_watch = FileWatch(self, self.journal_changed)
        """Reloads the screens when another program writes to the journal."""
        self.key_gate = KeyGate(self)
        """Lets keys through one at a time, each to the field focused when it is handled."""
        for own in THEMES:
            self.register_theme(own)  # offered in Settings beside Textual's
        if theme in self.available_themes:
            self.theme = theme  # before the stylesheet is read, so it is read once

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
    def read_only_reason(self) -> str:
        """Why nothing can be saved (empty when it can, or while the journal is opening)."""
        return self._journal.read_only_reason if self._journal is not None else ""

    @property
    def locked(self) -> bool:
        """True while the lock screen is anywhere on the stack."""
        from .screens.lock import LockScreen  # on first use, as every screen: not at start-up

        return any(isinstance(screen, LockScreen) for screen in self.screen_stack)

    @property
    def today(self) -> date:
        """The day the app treats as today (fixed in tests and snapshots)."""
        return self._today or date.today()

    # -- start-up ----------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        """The dashboard, composed with the app, so its first frame is the app's first frame.

        A locked journal starts on an empty screen instead, under the lock screen; the
        dashboard comes once the passphrase has opened the journal.
        """
        if self._journal is None and self._unlock is not None:
            return super().get_default_screen()
        return DashboardScreen(self.first)

    def on_mount(self) -> None:
        """Open on the dashboard, or on the first-run questions while the journey is not set."""
        self.idle_lock.start()
        if self._journal is None and self._unlock is not None:
            self._ask_passphrase(self._unlock)
        elif self.first is not None:
            self._opened(self.first.journey.onboarded, self._first_theme)  # opens: on_ready
        else:
            assert self._journal is not None, "an opener comes with a first frame"
            self._start()
            self.file_watch.start(self._journal)
            self._show_open_notices()

    def on_ready(self) -> None:
        """The first frame is on the screen (Textual says so once, whichever screen drew it):
        the garbage collector comes back on, and a fast start opens the journal behind it.

        Not callbacks after the dashboard's repaint: Textual runs those when the screen
        current at the time repaints, so a ``c`` pressed before the dashboard's repaint kept
        the journal shut while the check-in form waited for it, until the form was closed."""
        resume_collector()
        if self._journal is None and self._opener is not None:
            self._open_behind()

    def _ask_passphrase(self, unlock: Callable[[str], Journal]) -> None:
        from .screens.lock import LockScreen  # on first use, as every screen: not at start-up

        def unlocked(result: Journal | JournalError | None) -> None:
            if result is None or isinstance(result, JournalError):
                # Said after the terminal is back to normal, on standard error.
                why = (
                    str(result)
                    if result is not None
                    else (f"{TRIES} wrong passphrases; the journal was left untouched.")
                )
                self.exit(1, return_code=1, message=Text(f"exback: {why}"))
                return
            self._journal = result
            self._journal_open.set()
            self._start()
            self.file_watch.start(self._journal)
            self._show_open_notices()

        self.push_screen(
            LockScreen(unlock, title="This journal is encrypted. Its passphrase:", tries=TRIES),
            unlocked,
        )

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
        if self.first is not None and self.first.history is None:
            # The first frame read every day; this read keeps the totals of the old ones, so
            # the next start reads only the recent days (store.history).
            self._journal.snapshot(self.today)
        idle = self._journal.setting("idle_lock_minutes")
        self.call_from_thread(self._behind_opened, idle)

    def _behind_opened(self, idle: str | None) -> None:
        assert self._journal is not None
        self.file_watch.start(self._journal)
        self._show_open_notices()
        self.set_idle_lock(idle)
        if self.read_only_reason:
            self.journal_changed()  # the dashboard painted before anyone knew: show the banner

    def _show_open_notices(self) -> None:
        """What opening the journal tidied or found (leftovers of a stopped conversion or
        backup, loose permissions), each as a notice; then the pause's milestone, if today
        has one."""
        assert self._journal is not None
        for notice in self._journal.notices:
            self.notify(
                shown(notice), title="On opening", severity="warning", markup=False, timeout=12
            )
        self._say_milestone()

    @work(thread=True, exclusive=True, group="milestone", exit_on_error=False)
    def _say_milestone(self) -> None:
        """Once a day, quietly: a milestone of the pause, or a kind word after a slip; once a
        week, last week's review."""
        said = todays_milestone(self.journal, self.today)
        if said is not None:
            self.call_from_thread(self.notify, said, title="The pause", markup=False, timeout=10)
        due = review_due(self.journal, self.today)
        if due is not None:
            self.call_from_thread(self._offer_review, due)

    def _offer_review(self, start: date) -> None:
        """The first opening in a new week: last week's review, over the dashboard only (not
        over the first-run questions, the lock, or a screen already opened)."""
        if isinstance(self.screen, DashboardScreen):
            from .screens.week_review import WeekReviewScreen  # once a week: not at start-up

            self.push_screen(WeekReviewScreen(start))

    @work(thread=True, exclusive=True, group="start", exit_on_error=False)
    def _start(self) -> None:
        journey = self.journal.journey()
        theme = self.journal.setting("theme")
        idle = self.journal.setting("idle_lock_minutes")
        self.call_from_thread(self._opened, journey.onboarded, theme, idle)

    def _opened(self, onboarded: bool, theme: str | None, idle: str | None = None) -> None:
        self.set_idle_lock(idle)
        if theme and theme in self.available_themes:
            self._saved_theme = theme
            self.theme = theme
        self._saved_theme = self.theme
        if not isinstance(self.screen_stack[0], DashboardScreen):  # unlocked just now
            self.push_screen(DashboardScreen())
        if not onboarded:
            self.action_open("onboarding")

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
            # Textual's handler takes any BaseException (a worker keeps one); only its
            # annotation says Exception.
            self._handle_exception(error)  # type: ignore[arg-type]

    # -- actions -----------------------------------------------------------------------------

    def action_open(self, name: str) -> None:
        """Open a screen by name (the keys of the dashboard and the palette use this)."""
        cls = screen_class(name)
        if name in ("help", "blank") and isinstance(self.screen, cls):
            return
        self.push_screen(cls(*SCREENS[name][2](self)))

    def open_phase(self, number: int | None) -> None:
        """Open the screen of one phase (None: the current one)."""
        phase_screen = cast("type[PhaseScreen]", screen_class("phase"))
        self.push_screen(phase_screen(number))

    def action_blank(self) -> None:
        """Hide everything until a key is pressed (someone is looking over your shoulder)."""
        self.action_open("blank")

    def action_lock(self) -> None:
        """Hide everything until the passphrase is typed; a plain journal can only blank."""
        if self.locked:
            return
        journal = self._journal
        if journal is None or not journal.encrypted:
            self.notify(
                "Locking needs an encrypted journal: exback encrypt", title="Blanked", markup=False
            )
            self.action_blank()
            return
        from .screens.lock import LockScreen  # on first use, as every screen: not at start-up

        def verify(passphrase: str) -> bool:
            if not journal.verify_passphrase(passphrase):
                raise WrongPassphrase("wrong passphrase")
            return True

        self.push_screen(LockScreen(verify, title="exback is locked. The passphrase:"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Locked: only leaving works. A screen that drops letters: no q, no ? (host.py)."""
        if self.locked:
            return action in WHILE_LOCKED
        dropping = isinstance(self.screen, HostedScreen) and self.screen.drops_letters
        return not (dropping and (action == "quit" or parameters == ("help",)))

    # -- the idle lock -----------------------------------------------------------------------

    @property
    def idle_lock_seconds(self) -> float | None:
        """Lock (or blank) after this long without a key or a click; None: never."""
        return self.idle_lock.seconds

    def set_idle_lock(self, minutes: str | int | None) -> None:
        """Lock after this many idle minutes (the setting; 0 or None: never)."""
        if not self._idle_fixed:
            self.idle_lock.seconds = seconds_from_setting(minutes)

    async def on_event(self, event: events.Event) -> None:
        """Tell the idle lock of every key and mouse event; let keys through the gate one at
        a time, so each lands in the field that has focus when it is handled."""
        if isinstance(event, events.InputEvent):
            self.idle_lock.touch()
        if isinstance(event, events.Key) and not event.is_forwarded:
            if not self.key_gate.admit(event):
                return
            await super().on_event(event)
            self.key_gate.dispatched()
            return
        await super().on_event(event)

    def on_key_handled(self, message: KeyHandled) -> None:
        """A key went all the way through: the next may follow."""
        self.key_gate.handled(message)

    def _idle(self) -> None:
        if self._journal is None or self.locked:
            return
        if self._journal.encrypted:
            self.action_lock()
        elif not isinstance(self.screen, screen_class("blank")):
            self.action_blank()

    def on_unmount(self) -> None:
        """Stop what the app started: the idle lock's timer and the file watch."""
        self.idle_lock.close()
        self.file_watch.close()
        self.key_gate.close()

    async def action_quit(self) -> None:
        """Quit; asks first when a screen holds edits that are not saved."""
        unsaved = [s for s in self.screen_stack if getattr(s, "has_unsaved_changes", False)]
        if not unsaved:
            self.exit(0)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.exit(0)

        from .screens.confirm import ConfirmScreen  # on first use, as every screen: not at start-up

        self.push_screen(
            ConfirmScreen("You have changes that are not saved. Quit anyway?", "Quit", "Stay"),
            answered,
        )

    @work(thread=True, exclusive=True, group="backup", exit_on_error=False)
    def action_backup(self) -> None:
        """Copy the journal file into its backups folder."""
        where = self.journal.backup()
        self.call_from_thread(self.notify, f"Backed up to {shown(str(where))}", markup=False)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def action_export(self) -> None:
        """Write everything to a JSON file beside the journal (tui.exporting); rows that
        cannot be read are left out and named."""
        from .exporting import export_beside  # on first use: not at start-up

        done = export_beside(self.journal, self.today)
        # Longer on screen when it names rows left out: there is more to read.
        timeout = 12 if done.left_out else self.NOTIFICATION_TIMEOUT
        severity = "warning" if done.left_out else "information"
        self.call_from_thread(
            self.notify, done.notice, severity=severity, markup=False, timeout=timeout
        )

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
    unlock: Callable[[str], Journal] | None = None,
) -> int:
    """Run the app full-screen until the user quits; returns the exit code.

    Over an open ``journal``, or (a fast start) painting ``first`` while ``opener`` opens it,
    or (an encrypted journal) opening it with ``unlock`` once the lock screen has a passphrase.
    """
    app = ExbackApp(journal, opener=opener, first=first, theme=theme, unlock=unlock)
    try:
        result = app.run()
    finally:
        if app._journal is not None and journal is None:
            app._journal.close()
    return result if isinstance(result, int) else 0


if TYPE_CHECKING:

    def _is_a_host(app: ExbackApp) -> Host:
        """Never called: mypy holds here that the app gives screens all that Host promises."""
        return app
