"""The dashboard: roadmap | mood and habits | readiness, side by side or one at a time."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from ...core import phases
from .. import dashboard_data, keys
from ..dashboard_data import DashboardData
from ..host import HostedScreen
from ..render import plain
from ..widgets.key_footer import KeyFooter
from ..widgets.mood_pane import MoodPane
from ..widgets.readiness_meter import ReadinessMeter
from ..widgets.roadmap import Roadmap
from ..widgets.screen_header import ScreenHeader

if TYPE_CHECKING:
    from textual.widgets import Tabs

    from ...core.values import Snapshot

WIDE = 120  # columns from which the three panes sit side by side
PANES = ("roadmap", "mood", "readiness")


class DashboardScreen(HostedScreen, Screen[None]):
    """The home screen; its keys open every other screen."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.DASHBOARD)

    AUTO_FOCUS = "#stepper"

    def __init__(self, first: Snapshot | None = None) -> None:
        super().__init__()
        self.first = first  # painted at once on a fast start, before the journal is open
        self.data: DashboardData | None = None
        self.active = "roadmap"
        self._pane_tabs: Tabs | None = None

    def compose(self) -> ComposeResult:
        if self.first is not None:
            # A few milliseconds of pure computation: cheaper than a worker round trip, and
            # the panes are composed with their content, so the first layout is the last.
            self.data = dashboard_data.compute(self.first)
            self.first = None
        self._subtitle()
        narrow = self.app.size.width < WIDE
        self.set_class(narrow, "-narrow")
        yield ScreenHeader(icon="◐")
        # Why nothing can be saved, when that is so: the reason is a sentence, never markup.
        banner = Static(plain(self.exback.read_only_reason), id="read-only", markup=False)
        banner.display = bool(self.exback.read_only_reason)
        yield banner
        if narrow:
            yield self._tabs()
        with Horizontal(id="panes"):
            yield Roadmap(self.data, id="roadmap", classes="pane -active")
            yield MoodPane(self.data, id="mood", classes="pane")
            yield ReadinessMeter(self.data, id="readiness", classes="pane")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Load the panes (unless they came with their data), reload them whenever the journal
        changes, and draw them again in a new theme's colours."""
        self.watch(self.app, "data_generation", self._changed, init=False)
        self.watch(self.app, "theme", self._recolour, init=False)
        if self.data is None:
            self.load()

    def _recolour(self, _theme: str) -> None:
        """The panes' colours are read from the theme as they are drawn: draw them again."""
        if self.data is not None:
            self._show(self.data)

    def on_resize(self, event: events.Resize) -> None:
        """Side by side from 120 columns; one pane at a time (with tabs) below that."""
        narrow = event.size.width < WIDE
        self.set_class(narrow, "-narrow")
        if narrow and self._pane_tabs is None:
            self.mount(self._tabs(), before="#panes")

    def _tabs(self) -> Tabs:
        """The pane switcher of a narrow terminal (made, and imported, only once one is)."""
        from textual.widgets import Tab, Tabs  # start-up: a wide terminal never needs them

        self._pane_tabs = Tabs(
            Tab("1 Roadmap", id="tab-roadmap"),
            Tab("2 Mood", id="tab-mood"),
            Tab(self._third_tab(), id="tab-readiness"),
            active=f"tab-{self.active}",
            id="pane-tabs",
        )
        return self._pane_tabs

    def _third_tab(self) -> str:
        """The readiness pane's tab: relationship health once you're together again."""
        together = self.data is not None and self.data.assessment.health is not None
        return "3 Health" if together else "3 Readiness"

    def _changed(self, _generation: int) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="dashboard", exit_on_error=False)
    def load(self) -> None:
        """Read the journal once and compute every pane (off the event loop)."""
        data = dashboard_data.load(self.exback.journal, self.exback.today)
        self.show_from_worker(self._show, data)

    def _banner(self) -> None:
        reason = self.exback.read_only_reason
        banner = self.query_one("#read-only", Static)
        banner.display = bool(reason)
        banner.update(plain(reason))

    def _subtitle(self) -> None:
        if self.data is None:
            self.sub_title = f"{self.exback.today:%a %d %b %Y}"
            return
        current = phases.phase(self.data.phase)
        self.sub_title = (
            f"{self.data.snapshot.today:%a %d %b %Y} · phase {current.number}: {current.title}"
        )

    def _show(self, data: DashboardData) -> None:
        self.data = data
        self._banner()
        self._subtitle()
        self.query_one(Roadmap).show(data)
        self.query_one(MoodPane).show(data)
        self.query_one(ReadinessMeter).show(data)
        tab = self._pane_tabs.get_tab("tab-readiness") if self._pane_tabs is not None else None
        if tab is not None:
            tab.label = self._third_tab()
        self.refresh_bindings()

    def action_urge(self) -> None:
        """The urge pause: I want to contact them, so pause first."""
        self.exback.action_open("urge")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Together again (phase 6), "I want to contact them" means nothing: no urge key."""
        if action == "urge":
            return not (self.data is not None and self.data.phase == 6)
        return True

    # -- narrow terminals: one pane at a time --------------------------------------------

    def action_pane(self, name: str) -> None:
        """Show one pane (on a narrow terminal); on a wide one, focus it."""
        tab = f"tab-{name}"
        if self._pane_tabs is not None and self._pane_tabs.active != tab:
            self._pane_tabs.active = tab  # its TabActivated does the rest
        else:  # a wide terminal, or the pane already shown: focus it (Tab may have left it)
            self._activate(name)

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        """A tab chosen (by key or click) shows its pane."""
        self._activate((event.tab.id or "tab-roadmap").removeprefix("tab-"))

    def _activate(self, name: str) -> None:
        self.active = name
        for pane in PANES:
            self.query_one(f"#{pane}").set_class(pane == name, "-active")
        # The first activation of narrow tabs comes while the panes are still being composed.
        selector = {"roadmap": "#stepper", "readiness": "#health-items"}.get(name, f"#{name}")
        target = self.query(selector)
        if not target or not target.first().display:
            target = self.query(f"#{name}")
        if target:
            # Scrolled into view at once, after the layout that shows the pane: Textual's own
            # focus scroll is animated and lands a moment later, so the pane came to rest
            # scrolled or not depending on how busy the machine was.
            widget = target.first()
            widget.focus(scroll_visible=False)
            self.call_after_refresh(self._bring_into_view, widget)

    def _bring_into_view(self, widget: Widget) -> None:
        if self.focused is widget and not self.can_view_entire(widget):
            widget.scroll_visible(animate=False)

    @on(Roadmap.PhaseSelected)
    def _open_phase(self, event: Roadmap.PhaseSelected) -> None:
        self.exback.open_phase(event.number)

    @on(ReadinessMeter.HealthChecked)
    def _health_checked(self, event: ReadinessMeter.HealthChecked) -> None:
        self.recheck(event.key)

    @work(thread=True, group="health-check", exit_on_error=False)
    def recheck(self, key: str) -> None:
        """Mark a relationship check as looked at today (a phase 6 tick, dated again)."""
        on_day = min(self.exback.today, date.today())
        self.exback.journal.tick(phases.LAST_PHASE, key, on=on_day, refresh=True)
        self.app.call_from_thread(self.exback.journal_changed)
