"""Record what they said when you asked to get back together (phase 5)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioSet, Static

from ...core.values import AskAnswer
from ..widgets.key_footer import SteadyFooter
from ..widgets.ticks import RadioTick

ANSWER_WORDS = {
    AskAnswer.YES: "Yes",
    AskAnswer.NO: "No",
    AskAnswer.MAYBE: "Maybe",
    AskAnswer.NOT_NOW: "Not now",
}


class AskScreen(ModalScreen[tuple[AskAnswer, str] | None]):
    """Their answer and a note; dismisses with both, or None when left without saving."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="Save their answer"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="ask"):
            yield Static(Text("What did they say?", style="bold"), classes="page-title")
            yield Static(
                Text("You asked to get back together. Whatever they said, it isn't the final word.")
            )
            with RadioSet(id="ask-answer", compact=True):
                for answer, words in ANSWER_WORDS.items():
                    yield RadioTick(words, name=answer.value)
            yield Label("A note for yourself (optional)", classes="field-label")
            yield Input(id="ask-note", compact=True)
            yield Static(
                Text("ctrl+s saves · enter in the note saves · esc cancels"), classes="hint"
            )
        # Its own footer, as the check-in's: the dashboard's goes blank under a dialog.
        yield SteadyFooter(compact=True)

    def on_mount(self) -> None:
        """Start on the answers."""
        self.query_one("#ask-answer", RadioSet).focus()

    def answer(self) -> AskAnswer | None:
        """The answer chosen, if one is."""
        pressed = self.query_one("#ask-answer", RadioSet).pressed_button
        return AskAnswer(pressed.name) if pressed is not None and pressed.name else None

    def action_save(self) -> None:
        """Close with the answer and the note; an answer is needed."""
        answer = self.answer()
        if answer is None:
            self.notify("Choose what they said first.", severity="warning")
            self.query_one("#ask-answer", RadioSet).focus()
            return
        self.dismiss((answer, self.query_one("#ask-note", Input).value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the note saves."""
        event.stop()
        self.action_save()

    def action_cancel(self) -> None:
        """Leave without saving anything."""
        self.dismiss(None)
