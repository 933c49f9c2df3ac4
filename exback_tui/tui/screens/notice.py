"""Say one thing that matters after a save (after the ask, an evaluation to look at again)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class NoticeScreen(ModalScreen[None]):
    """A title and a few sentences, closed with enter or escape."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]

    def __init__(self, title: str, body: str | Text, *, care: bool = False) -> None:
        """``body`` is shown as plain text (never markup); ``care`` frames it as a warning."""
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.body = body if isinstance(body, Text) else Text(body)
        self.care = care

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="notice"):
            yield Static(
                Text(self.title_text, style="bold"), classes="page-title", id="notice-title"
            )
            with VerticalScroll(classes="dialog-body"):
                yield Static(self.body, id="notice-body", classes="care" if self.care else "")
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK (enter)", id="ok", variant="primary")

    def on_mount(self) -> None:
        """Enter closes it straight away."""
        self.query_one("#ok", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """OK closes it."""
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        """Escape closes it too."""
        self.dismiss(None)
