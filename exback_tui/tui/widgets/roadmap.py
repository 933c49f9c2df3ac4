"""The roadmap pane: the six phases as a stepper, each with its checklist progress and days."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core import phases
from ...core.phases import RoadmapStop
from ..dashboard_data import DashboardData


def step_line(step: RoadmapStop, phase_now: int) -> Text:
    """One phase of the stepper: marker, number, title, checklist and days."""
    marker = "●" if step.current else ("✓" if step.phase.number < phase_now else "○")
    text = Text()
    text.append(f"{marker} {step.phase.number} ", style="bold" if step.current else "")
    text.append(f"{step.phase.title:<19}", style="bold" if step.current else "")
    text.append(f" {step.checklist_done}/{step.checklist_total}", style="dim")
    if step.days or step.current:
        text.append(f" · {step.days}d", style="dim")
    return text


class Roadmap(VerticalScroll):
    """Where you are on the way back; enter on a phase opens it."""

    class PhaseSelected(Message):
        """The user chose a phase to open."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    def compose(self) -> ComposeResult:
        yield Static(Text("Roadmap", style="bold"), classes="pane-title")
        yield OptionList(id="stepper")
        yield Static("", id="phase-purpose", classes="pane-text")
        yield Static("", id="phase-next", classes="pane-text next-step")
        yield Static("", id="phase-notes", classes="pane-text")

    def show(self, data: DashboardData) -> None:
        """Render the roadmap from the dashboard's data."""
        stepper = self.query_one("#stepper", OptionList)
        highlighted = stepper.highlighted
        stepper.clear_options()
        stepper.add_options(
            [Option(step_line(s, data.phase), id=f"phase-{s.phase.number}") for s in data.roadmap]
        )
        stepper.highlighted = highlighted if highlighted is not None else data.phase - 1
        current = phases.phase(data.phase)
        since = data.snapshot.phase_since
        self.query_one("#phase-purpose", Static).update(
            Text(f"Phase {current.number} since {since:%d %b}: {current.purpose}")
        )
        next_text = Text("Next: ", style="bold")
        next_text.append(data.next_thing)
        self.query_one("#phase-next", Static).update(next_text)
        notes = Text()
        for note in data.notes:
            notes.append(f"{note.title}. ", style="bold")
            notes.append(note.text + "\n")
        self.query_one("#phase-notes", Static).update(notes)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a phase opens the phase screen."""
        event.stop()
        self.post_message(self.PhaseSelected(event.option_index + 1))
