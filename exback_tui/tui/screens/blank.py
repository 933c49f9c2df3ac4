"""A blank screen for privacy: nothing of the journal shows until a key is pressed."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static


class BlankScreen(Screen[None]):
    """Hides the journal; any key (or a click) returns to where you were."""

    def compose(self) -> ComposeResult:
        yield Static("", id="blank")

    def on_key(self, event: events.Key) -> None:
        """Any key at all brings the app back."""
        event.stop()
        event.prevent_default()
        self.dismiss()

    def on_click(self) -> None:
        """So does a click."""
        self.dismiss()
