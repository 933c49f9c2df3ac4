"""A kind, clear page after a red flag or a decision to let go: you come first, help is there."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ...core import phase_text
from ...core.evaluation import is_safety_flag, red_flag_note
from ...core.text import shown
from ...core.values import Evaluation, SupportContact
from ..host import HostedScreen
from ..widgets.key_footer import SteadyFooter


class CareScreen(HostedScreen, Screen[None]):
    """Letting go and getting support, said plainly and kindly."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter", "app.pop_screen", "Close")]

    def __init__(self, evaluation: Evaluation) -> None:
        """After saving ``evaluation``: its red flags (if any) say which words come first."""
        super().__init__()
        self.red_flag = bool(evaluation.red_flags)
        self.safety = any(is_safety_flag(f) for f in evaluation.red_flags)
        self.note = red_flag_note(evaluation)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="care-page", classes="form-page"):
            if self.red_flag:
                # Their abuse or control asks for safety; harm you did asks for repair.
                title = "You come first" if self.safety else "Respect and repair"
            else:
                title = "Letting go"
            yield Static(Text(title, style="bold"), classes="page-title")
            if self.note:
                yield Static(Text(self.note), classes="care", id="care-note")
            yield Static(Text(phase_text.LET_GO_INTRO), classes="pane-text")
            track = Text()
            for step in phase_text.LET_GO_TRACK:
                track.append(f"• {step}\n")
            yield Static(track, classes="pane-text")
            yield Static("", id="care-support", classes="pane-text")
        yield SteadyFooter()

    def on_mount(self) -> None:
        """Show the user's own support contacts."""
        self.query_one("#care-page").focus()
        self.load()

    @work(thread=True, exclusive=True, group="care-load", exit_on_error=False)
    def load(self) -> None:
        """Read the support contacts."""
        people = self.exback.journal.support_contacts()
        self.show_from_worker(self._show, people)

    def _show(self, people: list[SupportContact]) -> None:
        text = Text("People you can reach out to\n", style="bold")
        if not people:
            text.append("Add a friend or two in settings (s), and a counsellor if you have one.")
        for person in people:
            text.append(f"• {shown(person.name)}")
            if person.detail:
                text.append(f"  {shown(person.detail)}", style="dim")
            text.append("\n")
        self.query_one("#care-support", Static).update(text)
