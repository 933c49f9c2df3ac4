"""What the advice tests share: Rich renderables and panes as plain text, the phase screen."""

from __future__ import annotations

import io
from datetime import date, timedelta

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from exback_tui.store.journal import Journal
from exback_tui.tui.app import ExbackApp
from exback_tui.tui.screens.phase import PhaseScreen
from exback_tui.tui.widgets.pane import Pane

from .helpers import until


def drawn(renderable: object, width: int = 60) -> str:
    """A Rich renderable (a Text, the meter's rows, an option's grid) as plain text."""
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def shown(widget: Static, width: int = 60) -> str:
    """What a Static shows, as plain text."""
    return drawn(widget.content, width)


def part(app: ExbackApp, pane: type[Pane], name: str) -> Static:
    """One part of a dashboard pane."""
    return app.screen.query_one(pane).query_one(f"#{name}", Static)


def prompts(options: OptionList, width: int = 200) -> list[str]:
    """Every option of a list as one line of plain text."""
    return [line(drawn(o.prompt, width)) for o in options.options]


def line(text: str) -> str:
    """Words as one line: how a sentence is compared with text wrapped on screen."""
    return " ".join(text.split())


async def phase_screen(pilot: Pilot[int], app: ExbackApp) -> PhaseScreen:
    """Open the phase screen with its key and wait for its data."""
    await pilot.press("p")
    await until(
        pilot, lambda: isinstance(app.screen, PhaseScreen) and app.screen.snapshot is not None
    )
    screen = app.screen
    assert isinstance(screen, PhaseScreen)
    return screen


def moods(journal: Journal, *values: int, urge: int | None = None) -> None:
    """Check-ins with these moods on the days up to today, oldest first."""
    today = date.today()
    for back, mood in enumerate(reversed(values)):
        journal.record_checkin(today - timedelta(days=back), mood=mood, urge=urge)
