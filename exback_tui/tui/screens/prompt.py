"""Ask for one line of text (the reason for a phase move, a new name)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


class PromptScreen(ModalScreen[str | None]):
    """One question and a line to answer it; enter answers, escape cancels (None)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        question: str,
        value: str = "",
        placeholder: str = "",
        *,
        warning: str = "",
        required: bool = False,
    ) -> None:
        """``warning`` is shown above the question, framed; with ``required``, an empty
        answer is not accepted (the dialog says so and stays)."""
        super().__init__(classes="dialog-screen")
        self.question = question
        self.value = value
        self.placeholder = placeholder
        self.warning = warning
        self.required = required

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            if self.warning:
                yield Static(Text(self.warning), classes="care", id="prompt-warning")
            yield Label(self.question, markup=False, classes="dialog-question")
            yield Input(self.value, placeholder=self.placeholder, id="answer")
            missing = Label("", id="prompt-missing", markup=False)
            missing.display = False
            yield missing
            yield Label("enter to confirm · escape to cancel", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter answers (unless an answer is required and there is none)."""
        event.stop()
        if self.required and not event.value.strip():
            missing = self.query_one("#prompt-missing", Label)
            missing.update("A few words are needed here: why now, in your own words.")
            missing.display = True
            return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Escape leaves without an answer."""
        self.dismiss(None)
