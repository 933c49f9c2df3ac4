"""The reference for the dashboard benchmark: a minimal three-pane Textual app.

It draws three bordered panes and a footer with fixed text, the least any three-pane Textual
dashboard can do. The benchmark times both apps from launch to their marker on screen.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Static


class Minimal(App[None]):
    """Three static panes."""

    CSS = "Static { width: 1fr; height: 1fr; border: round $primary; }"
    BINDINGS: ClassVar = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield Static("Roadmap")
            yield Static("Mood")
            yield Static("Readiness MINIMAL-READY")
        yield Footer()


if __name__ == "__main__":
    Minimal().run()
