"""The first-run questions about the breakup (also the journey settings, later)."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from ...core import phase_text
from ...core.values import HowEnded, Journey
from ..host import HostedScreen
from ..widgets.key_footer import SteadyFooter
from ..widgets.ticks import RadioTick, TickBox

HOW_CHOICES = (
    (HowEnded.RASH, "Rashly, in the heat of the moment (neither of us planned it)"),
    (HowEnded.PLANNED, "It was coming for a while"),
)


class PhaseButton(RadioTick):
    """A phase to choose: its description wraps onto more lines rather than ending in "…"
    on a narrow terminal (a radio button is one line otherwise)."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many lines as the label takes at this width."""
        return max(1, len(self.render().wrap(width)))


class OnboardingScreen(HostedScreen, Screen[bool]):
    """A few questions that shape the pause and the advice; the phase you start in."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="Save the answers"),
        Binding("escape", "skip", "Later", tooltip="Answer these another time"),
    ]

    def __init__(self, first_run: bool = False) -> None:
        super().__init__()
        self.first_run = first_run

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="onboarding", classes="form-page"):
            title = "Welcome to exback" if self.first_run else "Your journey"
            yield Static(Text(title, style="bold"), classes="page-title")
            if self.first_run:
                yield Static(
                    Text(
                        "A few questions first. They shape how long your pause should be and "
                        "the advice you'll see. Everything stays in one file on this computer."
                    ),
                    classes="pane-text",
                )
            yield Label(
                "When did you break up? (YYYY-MM-DD, empty if you'd rather not say)",
                classes="field-label",
            )
            yield Input(placeholder="2026-10-31", id="breakup", max_length=10, compact=True)
            yield Label("How did it happen?", classes="field-label")
            with RadioSet(id="how", compact=True):
                for value, words in HOW_CHOICES:
                    yield RadioTick(Text(words), name=value.value)
            yield Label("Your situation", classes="field-label")
            yield TickBox(Text("We have children together"), id="children", compact=True)
            yield TickBox(Text("We live together"), id="living", compact=True)
            yield TickBox(
                Text("I hurt them (betrayal, harsh words, crossing a line)"),
                id="hurt",
                compact=True,
            )
            yield TickBox(Text("They are seeing someone"), id="dating", compact=True)
            if self.first_run:
                yield Label(phase_text.FIRST_QUESTION, classes="field-label")
                yield Static(Text(phase_text.ROADMAP_INTRO, style="italic"), classes="pane-text")
                with RadioSet(id="phase", compact=True):
                    for p in phase_text.PHASES:
                        label = Text(f"{p.number} {p.title}: ", style="bold")
                        label.append(p.choose_hint, style="")
                        yield PhaseButton(label, value=p.number == 1, name=str(p.number))
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Later (esc)", id="later")
        yield SteadyFooter()

    def on_mount(self) -> None:
        """Start on the first question; in settings, show the saved answers."""
        self.query_one("#breakup", Input).focus()
        if not self.first_run:
            self.load()

    @work(thread=True, exclusive=True, group="journey-load", exit_on_error=False)
    def load(self) -> None:
        """Read the saved answers."""
        journey = self.exback.journal.journey()
        self.show_from_worker(self._fill, journey)

    def _fill(self, journey: Journey) -> None:
        if journey.breakup_date:
            self.query_one("#breakup", Input).value = journey.breakup_date.isoformat()
        for button in self.query_one("#how", RadioSet).query(RadioButton):
            button.value = journey.how is not None and button.name == journey.how.value
        self.query_one("#children", Checkbox).value = journey.children
        self.query_one("#living", Checkbox).value = journey.living_together
        self.query_one("#hurt", Checkbox).value = journey.hurt_ex
        self.query_one("#dating", Checkbox).value = journey.ex_dating

    def answers(self) -> tuple[dict[str, Any], int | None] | None:
        """The journey changes and the chosen phase; None (with a message) if a date is wrong."""
        raw = self.query_one("#breakup", Input).value.strip()
        breakup: date | None = None
        if raw:
            try:
                breakup = date.fromisoformat(raw)
            except ValueError:
                self.notify(
                    f"{raw!r} is not a date: write it as YYYY-MM-DD.",
                    severity="error",
                    markup=False,
                )
                return None
            if breakup > self.exback.today:
                self.notify(
                    "The breakup date is in the future; pick today or earlier.", severity="error"
                )
                return None
        pressed = self.query_one("#how", RadioSet).pressed_button
        changes: dict[str, Any] = {
            "breakup_date": breakup,
            "how": HowEnded(pressed.name) if pressed is not None and pressed.name else None,
            "children": self.query_one("#children", Checkbox).value,
            "living_together": self.query_one("#living", Checkbox).value,
            "hurt_ex": self.query_one("#hurt", Checkbox).value,
            "ex_dating": self.query_one("#dating", Checkbox).value,
            "onboarded": True,
        }
        chosen: int | None = None
        if self.first_run:
            button = self.query_one("#phase", RadioSet).pressed_button
            chosen = int(button.name) if button is not None and button.name else 1
        return changes, chosen

    def action_save(self) -> None:
        """Save the answers (and the starting phase, the first time)."""
        found = self.answers()
        if found is not None:
            self.save(*found)

    @work(thread=True, exclusive=True, group="journey-save", exit_on_error=False)
    def save(self, changes: dict[str, Any], chosen: int | None) -> None:
        """Write the journey; a first run starting past phase 1 records that move."""
        journal = self.exback.journal
        journal.set_journey(**changes)
        if chosen is not None and chosen != journal.current_phase().phase:
            journal.move_phase(chosen, "Where I started", on=min(self.exback.today, date.today()))
        self.app.call_from_thread(self._saved)

    def _saved(self) -> None:
        self.notify("Saved your answers." if not self.first_run else "All set. Welcome.")
        self.exback.journal_changed()
        self.dismiss(True)

    def action_skip(self) -> None:
        """Leave without saving (the first-run questions come back next time)."""
        self.dismiss(False)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#later")
    def _later_pressed(self) -> None:
        self.action_skip()
