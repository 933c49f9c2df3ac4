"""The roadmap pane: the six phases as a stepper, each with its checklist progress and days;
on a tall terminal, the current phase's checklist too (read only: the phase screen ticks)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...core import phases
from ...core.roadmap import RoadmapStop
from ...core.text import shown
from ..dashboard_data import DashboardData
from ..render import MarkedRows, plain, theme_colour
from .pane import Pane

TICKED, OPEN = "✓", "○"  # a checklist item done, and one still to do: told apart by shape


def step_line(step: RoadmapStop) -> Text:
    """One phase of the stepper: marker, number, title, checklist and days.

    The marker is core's (RoadmapStop.marker): a tick only for a phase worked through, and
    its own mark for one left early, one skipped, one before the journal began.
    """
    text = Text()
    text.append(f"{step.marker} {step.phase.number} ", style="bold" if step.current else "")
    text.append(f"{step.phase.title:<19}", style="bold" if step.current else "")
    text.append(f" {step.checklist_done}/{step.checklist_total}", style="dim")
    if step.days or step.current:
        text.append(f" · {step.days}d", style="dim")
    return text


class Roadmap(Pane):
    """Where you are on the way back; enter on a phase opens it."""

    TITLE = "Roadmap"
    PARTS: ClassVar[Mapping[str, str]] = {
        "phase-purpose": "pane-text",
        "phase-next": "pane-text next-step",
        "phase-notes": "pane-text",
        "phase-checklist": "pane-text",
    }
    EXTRAS: ClassVar[tuple[str, ...]] = ("phase-checklist",)

    class PhaseSelected(Message):
        """The user chose a phase to open."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    def compose(self) -> ComposeResult:
        yield self.compose_title()
        stepper = OptionList(id="stepper")
        if self._first is not None:
            self._fill(stepper, self._first)
        yield stepper
        yield from self.compose_parts()

    def show(self, data: DashboardData) -> None:
        """Render the roadmap from the dashboard's data."""
        self._fill(self.query_one("#stepper", OptionList), data)
        super().show(data)

    def _fill(self, stepper: OptionList, data: DashboardData) -> None:
        """The phases as options, keeping the highlight where the user left it."""
        highlighted = stepper.highlighted
        stepper.clear_options()
        stepper.add_options(
            [Option(step_line(s), id=f"phase-{s.phase.number}") for s in data.roadmap]
        )
        stepper.highlighted = highlighted if highlighted is not None else data.phase - 1

    def parts(self, data: DashboardData) -> Mapping[str, RenderableType]:
        """The current phase and its purpose, the next thing to do, the phase's notes."""
        current = phases.phase(data.phase)
        since = data.snapshot.phase_since
        next_text = Text("Next: ", style="bold")
        next_text.append(shown(data.next_thing))  # it may name your support people
        notes = Text()
        for note in data.notes:
            notes.append(f"{note.title}. ", style="bold")
            notes.append(shown(note.text) + "\n")
        notes.rstrip()  # no blank line under the last note: the pane's rows are few at 80x24
        parts: dict[str, RenderableType] = {
            "phase-purpose": Text(f"Phase {current.number} since {since:%d %b}: {current.purpose}"),
            "phase-next": next_text,
            "phase-notes": notes,
        }
        if data.checklist:
            parts["phase-checklist"] = self.checklist(data)
        return parts

    def checklist(self, data: DashboardData) -> MarkedRows:
        """The current phase's checklist, each item ticked or open, and how to tick them."""
        done = sum(1 for _, ticked in data.checklist if ticked)
        heading = Text(f"Checklist · {done} of {len(data.checklist)} done", style="bold")
        heading.append("  p to tick", style="dim")
        success = theme_colour(self.app.get_css_variables(), "success")
        rows = [
            (
                Text(TICKED, style=f"bold {success}") if ticked else Text(OPEN, style="dim"),
                plain(item.text, style="dim" if ticked else ""),
            )
            for item, ticked in data.checklist
        ]
        return MarkedRows(heading, rows)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a phase opens the phase screen."""
        event.stop()
        self.post_message(self.PhaseSelected(event.option_index + 1))
