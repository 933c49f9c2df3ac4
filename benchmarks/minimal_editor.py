"""The reference for the typing benchmark: a minimal Textual app with a focused TextArea.

It draws a header, a marker line, the text area and a footer. The benchmark types into both
apps the same way, so what tmux and Textual cost by themselves shows in both figures.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static, TextArea


class MinimalEditor(App[None]):
    """One text area, focused."""

    AUTO_FOCUS = "TextArea"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("MINIMAL-READY")
        yield TextArea()
        yield Footer()


if __name__ == "__main__":
    MinimalEditor().run()
