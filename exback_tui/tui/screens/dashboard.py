"""The dashboard: roadmap | mood and habits | readiness, side by side or one at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static, Tab, Tabs

from ...core import phases
from .. import dashboard_data
from ..dashboard_data import DashboardData
from ..widgets.mood_pane import MoodPane
from ..widgets.readiness_meter import ReadinessMeter
from ..widgets.roadmap import Roadmap
from ..worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from ...core.values import Snapshot
    from ..app import ExbackApp

WIDE = 120  # columns from which the three panes sit side by side
PANES = ("roadmap", "mood", "readiness")


class DashboardScreen(ReportsWorkerErrors, Screen[None]):
    """The home screen; its keys open every other screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "app.open('checkin')", "Check-in", tooltip="Rate today's mood and urge"),
        Binding("u", "app.open('urge')", "Urge", tooltip="I want to contact them: pause first"),
        Binding("l", "app.open('contact')", "Log", tooltip="Log a contact with your ex"),
        Binding("j", "app.open('journal')", "Journal", tooltip="Entries and search"),
        Binding("o", "app.open('contacts')", "Contacts", tooltip="The contact log"),
        Binding("e", "app.open('evaluation')", "Evaluate", tooltip="The phase 3 evaluation"),
        Binding("i", "app.open('insights')", "Insights", tooltip="Mood over the year"),
        Binding("p", "app.open('phase')", "Phase", tooltip="Your current phase"),
        Binding("s", "app.open('settings')", "Settings", tooltip="Journey, habits, theme"),
        Binding("1", "pane('roadmap')", "Roadmap", show=False, tooltip="Show the roadmap pane"),
        Binding("2", "pane('mood')", "Mood", show=False, tooltip="Show the mood pane"),
        Binding("3", "pane('readiness')", "Readiness", show=False,
                tooltip="Show the readiness pane"),
    ]

    def __init__(self, first: Snapshot | None = None) -> None:
        super().__init__()
        self.first = first  # painted at once on a fast start, before the journal is open
        self.data: DashboardData | None = None
        self.active = "roadmap"

    @property
    def exback(self) -> ExbackApp:
        """The app, typed."""
        return cast("ExbackApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header(icon="◐")
        # Why nothing can be saved, when that is so: the reason is a sentence, never markup.
        yield Static("", id="read-only", markup=False)
        yield Tabs(
            Tab("1 Roadmap", id="tab-roadmap"),
            Tab("2 Mood", id="tab-mood"),
            Tab("3 Readiness", id="tab-readiness"),
            id="pane-tabs",
        )
        with Horizontal(id="panes"):
            yield Roadmap(id="roadmap", classes="pane -active")
            yield MoodPane(id="mood", classes="pane")
            yield ReadinessMeter(id="readiness", classes="pane")
        yield Footer()

    def on_mount(self) -> None:
        """Load the panes and reload them whenever the journal changes."""
        self.sub_title = f"{self.exback.today:%a %d %b %Y}"
        self.watch(self.app, "data_generation", self._changed, init=False)
        self.query_one("#stepper", OptionList).focus()
        self._fit(self.app.size.width)
        self._banner()
        if self.first is not None:
            # A few milliseconds of pure computation: cheaper than a worker round trip.
            self._show(dashboard_data.compute(self.first))
            self.first = None
        else:
            self.load()

    def on_resize(self, event: events.Resize) -> None:
        """Side by side from 120 columns; one pane at a time (with tabs) below that."""
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        self.set_class(width < WIDE, "-narrow")

    def _changed(self, _generation: int) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="dashboard", exit_on_error=False)
    def load(self) -> None:
        """Read the journal once and compute every pane (off the event loop)."""
        data = dashboard_data.load(self.exback.journal, self.exback.today)
        self.app.call_from_thread(self._show, data)

    def _banner(self) -> None:
        reason = self.exback.read_only_reason
        banner = self.query_one("#read-only", Static)
        banner.display = bool(reason)
        banner.update(Text(reason))

    def _show(self, data: DashboardData) -> None:
        self.data = data
        self._banner()
        current = phases.phase(data.phase)
        self.sub_title = (
            f"{data.snapshot.today:%a %d %b %Y} · phase {current.number}: {current.title}"
        )
        self.query_one(Roadmap).show(data)
        self.query_one(MoodPane).show(data)
        self.query_one(ReadinessMeter).show(data)

    # -- narrow terminals: one pane at a time --------------------------------------------

    def action_pane(self, name: str) -> None:
        """Show one pane (on a narrow terminal); on a wide one, focus it."""
        self.query_one("#pane-tabs", Tabs).active = f"tab-{name}"

    @on(Tabs.TabActivated, "#pane-tabs")
    def _tab(self, event: Tabs.TabActivated) -> None:
        name = (event.tab.id or "tab-roadmap").removeprefix("tab-")
        self.active = name
        for pane in PANES:
            self.query_one(f"#{pane}").set_class(pane == name, "-active")
        # The first activation comes while the panes are still being composed.
        target = self.query("#stepper" if name == "roadmap" else f"#{name}")
        if target:
            target.first().focus()

    @on(Roadmap.PhaseSelected)
    def _open_phase(self, event: Roadmap.PhaseSelected) -> None:
        self.exback.open_phase(event.number)
