"""One phase: its guidance, its checklist (space ticks), its exit signals, and moving on or back."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, SelectionList, Static

from ...core import phases
from ...core.values import Snapshot
from ..render import icon
from ..worker_errors import ReportsWorkerErrors
from .confirm import ConfirmScreen
from .prompt import PromptScreen

if TYPE_CHECKING:
    from ..app import ExbackApp


class PhaseScreen(ReportsWorkerErrors, Screen[None]):
    """A phase of the roadmap (the current one unless another is asked for)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("f", "move(1)", "Move forward", tooltip="Move to the next phase"),
        Binding("b", "move(-1)", "Move back", tooltip="Move back a phase (asks why)"),
        Binding("left_square_bracket", "show(-1)", "Prev phase", key_display="["),
        Binding("right_square_bracket", "show(1)", "Next phase", key_display="]"),
    ]

    def __init__(self, number: int | None) -> None:
        super().__init__()
        self.number = number
        self.snapshot: Snapshot | None = None

    @property
    def exback(self) -> ExbackApp:
        """The app, typed."""
        return cast("ExbackApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="phase-page", classes="form-page"):
            yield Static("", id="phase-title", classes="page-title")
            yield Static("", id="phase-guidance")
            yield Static(Text("Checklist (space ticks)", style="bold"), classes="field-label")
            yield SelectionList[str](id="checklist")
            yield Static("", id="phase-signals")
        yield Footer()

    def on_mount(self) -> None:
        """Load, and reload whenever the journal changes."""
        def reload(_generation: int) -> None:
            self.load()  # a worker; nothing to wait for

        self.watch(self.app, "data_generation", reload, init=False)
        self.query_one("#checklist").focus()
        self.load()

    @work(thread=True, exclusive=True, group="phase-load", exit_on_error=False)
    def load(self) -> None:
        """Read the journal for this phase."""
        snapshot = self.exback.journal.snapshot(self.exback.today)
        self.app.call_from_thread(self._show, snapshot)

    def _show(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        number = self.number or snapshot.phase
        self.number = number
        p = phases.phase(number)
        here = number == snapshot.phase
        self.sub_title = f"Phase {number} of 6" + (" · you are here" if here else "")
        title = Text(f"Phase {p.number}: {p.title}", style="bold")
        title.append("   (you are here)" if here else "", style="italic")
        self.query_one("#phase-title", Static).update(title)
        guidance = Text(p.purpose + "\n", style="bold")
        for line in p.guidance:
            guidance.append(f"\n• {line}\n")
        self.query_one("#phase-guidance", Static).update(guidance)

        ticked = {m.item_key for m in snapshot.checklist if m.phase == number}
        items = phases.checklist(number, snapshot.evaluation)
        checklist = self.query_one("#checklist", SelectionList)
        highlighted = checklist.highlighted
        with checklist.prevent(SelectionList.SelectedChanged, SelectionList.SelectionToggled):
            checklist.clear_options()
            checklist.add_options([(Text(i.text), i.key, i.key in ticked) for i in items])
        if items:
            checklist.highlighted = min(highlighted or 0, len(items) - 1)

        signals = Text("\nWhen it's done", style="bold")
        if here:
            variables = self.app.get_css_variables()
            for signal in phases.exit_signals(snapshot):
                signals.append("\n")
                signals.append_text(icon("ok" if signal.met else "bad", variables))
                signals.append(f" {signal.label}", style="bold")
                signals.append(f"\n  {signal.detail}", style="dim")
            signals.append("\n\nNext: ", style="bold")
            signals.append(phases.next_thing(snapshot))
            signals.append("\n\nf moves forward · b moves back", style="dim")
        else:
            for words in p.done_when:
                signals.append(f"\n• {words}")
        self.query_one("#phase-signals", Static).update(signals)

    @on(SelectionList.SelectionToggled, "#checklist")
    def _toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        key = event.selection.value
        self.tick(key, key in event.selection_list.selected)

    @work(thread=True, group="phase-tick", exit_on_error=False)
    def tick(self, key: str, done: bool) -> None:
        """Tick or untick a checklist item."""
        if self.number is None:
            return
        self.exback.journal.tick(self.number, key, done, on=min(self.exback.today, date.today()))
        self.app.call_from_thread(self.exback.journal_changed)

    def action_show(self, delta: int) -> None:
        """Look at the phase before or after this one."""
        if self.number is None or self.snapshot is None:
            return
        target = self.number + delta
        if 1 <= target <= 6:
            self.number = target
            self._show(self.snapshot)

    def action_move(self, delta: int) -> None:
        """Move your current phase forward or back, with the domain's warning or question."""
        if self.snapshot is None:
            return
        target = self.snapshot.phase + delta
        if not 1 <= target <= 6:
            self.notify("There is no phase that way.", severity="warning")
            return
        check = phases.check_move(self.snapshot, target)
        if check.needs_reason:

            def with_reason(reason: str | None) -> None:
                if reason is not None:
                    self.move(target, reason)

            self.app.push_screen(PromptScreen(phases.BACK_REASON_HINT, placeholder="A new clash"),
                                 with_reason)
            return
        if check.allowed_without_force:
            self.move(target, "Fast path" if check.fast_path else "")
            return
        unmet = "; ".join(s.label.lower() for s in check.unmet)
        question = check.warning + (f"\n\nNot yet: {unmet}." if unmet else "")

        def confirmed(go: bool | None) -> None:
            if go:
                self.move(target, "Moved on before the signals were met")

        self.app.push_screen(ConfirmScreen(question, "Move anyway", "Stay"), confirmed)

    @work(thread=True, exclusive=True, group="phase-move", exit_on_error=False)
    def move(self, target: int, reason: str) -> None:
        """Record the move."""
        self.exback.journal.move_phase(target, reason, on=min(self.exback.today, date.today()))
        self.number = target
        self.app.call_from_thread(self._moved, target)

    def _moved(self, target: int) -> None:
        self.notify(f"You're now in phase {target}: {phases.phase(target).title}.")
        self.exback.journal_changed()
