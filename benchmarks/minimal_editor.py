"""The reference for the typing benchmarks: a minimal Textual app with a focused TextArea.

It draws a header, a marker line, the text area and a footer. The benchmark types into both
apps the same way, so what tmux and Textual cost by themselves shows in both figures.

    python benchmarks/minimal_editor.py [FILE]

With FILE, the text area holds its text, soft-wrapped as the entry editor's, cursor at the
start (the long-entry benchmark's reference for a screenful).
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static, TextArea


class MinimalEditor(App[None]):
    """One text area, focused."""

    AUTO_FOCUS = "TextArea"

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("MINIMAL-READY")
        yield TextArea(self.text, soft_wrap=bool(self.text))
        yield Footer()


if __name__ == "__main__":
    MinimalEditor(Path(sys.argv[1]).read_text() if len(sys.argv) > 1 else "").run()
