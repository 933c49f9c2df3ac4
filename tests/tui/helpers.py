"""What the app's tests share: a terminal size, a fixed today, and waiting for a condition."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from conftest import app_until
from rich.text import Text
from textual.pilot import Pilot
from textual.widget import Widget

from exback_tui.store.journal import Journal
from exback_tui.tui.app import ExbackApp
from exback_tui.tui.screens.dashboard import DashboardScreen
from exback_tui.tui.screens.phase import PhaseScreen
from exback_tui.tui.widgets.mood_pane import MoodPane

SIZE = (120, 40)
# A fixed "today" in the past, so the demo journal and the snapshots never change.
DEMO_TODAY = date(2025, 6, 30)


async def until(pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = 30) -> None:
    """Let the app run until ``condition`` holds (workers finish, screens open); fail after
    ``timeout`` seconds (generous: only a failing test ever waits that long)."""
    await app_until(pilot, condition, "the app", timeout)


def on(app: ExbackApp, screen: type) -> Callable[[], bool]:
    """A condition: the app shows this kind of screen, composed and mounted (its `on_mount`
    has run), so a test that acts or closes next races nothing still being built."""
    return lambda: isinstance(app.screen, screen) and app.screen.is_mounted


def on_phase(app: ExbackApp, number: int) -> Callable[[], bool]:
    """A condition: the screen of phase ``number`` is open and mounted."""
    return lambda: on(app, PhaseScreen)() and getattr(app.screen, "number", None) == number


def notified(app: ExbackApp, words: str) -> Callable[[], bool]:
    """A condition: a toast holding ``words`` is on screen (what the user sees).

    Pilot apps show no toasts unless run with ``run_test(notifications=True)``."""
    return lambda: any(words in shown(toast) for toast in app.screen.query("Toast"))


def shown(widget: Widget) -> str:
    """The plain text a widget shows."""
    rendered = widget.render()
    return rendered.plain if isinstance(rendered, Text) else str(rendered)


def settled(app: ExbackApp) -> Callable[[], bool]:
    """A condition: every worker but the file watch (which runs as long as the app) is done,
    so nothing is left that could still change what is on screen."""
    return lambda: all(worker.is_finished or worker.group == "watch" for worker in app.workers)


def mood_text(app: ExbackApp) -> str:
    """What the mood pane says about today."""
    pane = app.screen.query_one(MoodPane)
    return str(pane.query_one("#today").render())


def reread(journal: Journal) -> Journal:
    """A second connection to the same file: what really reached the disk."""
    return Journal.open(journal.path)


async def dashboard_ready(pilot: Pilot[Any], app: ExbackApp) -> DashboardScreen:
    """Wait until the dashboard shows the journal's data, and return it."""
    await until(
        pilot, lambda: isinstance(app.screen, DashboardScreen) and app.screen.data is not None
    )
    screen = app.screen
    assert isinstance(screen, DashboardScreen)
    return screen
