"""Insights: the year of moods, the month's sparkline, what goes with good days, streaks, urge."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...core.insights import Insights, insights
from ..host import HostedScreen
from ..render import average, plain, sparkline, trend_word
from ..widgets.screen_header import ScreenHeader
from ..widgets.year_heatmap import YearHeatmap


class InsightsScreen(HostedScreen, Screen[None]):
    """Mood over time and what goes with the better days."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with VerticalScroll(id="insights-page", classes="form-page"):
            yield Static(Text("Your year of moods", style="bold"), classes="page-title")
            yield YearHeatmap(id="heatmap")
            yield Static("", id="insights-spark", classes="pane-text")
            yield Static("", id="insights-habits", classes="pane-text")
            yield Static("", id="insights-streaks", classes="pane-text")
        yield Footer()

    def on_mount(self) -> None:
        """Load, and reload when the journal changes."""
        self.sub_title = "Insights"
        self.query_one("#insights-page").focus()

        def reload(_generation: int) -> None:
            self.load()  # a worker; nothing to wait for

        self.watch(self.app, "data_generation", reload, init=False)
        self.load()

    @work(thread=True, exclusive=True, group="insights-load", exit_on_error=False)
    def load(self) -> None:
        """Read the journal and compute the statistics."""
        snapshot = self.exback.journal.snapshot(self.exback.today)
        found = insights(snapshot)
        moods = {c.day: c.mood for c in snapshot.checkins if c.mood is not None}
        self.show_from_worker(self._show, found, moods, snapshot.today)

    def _show(self, found: Insights, moods: dict[date, int], today: date) -> None:
        variables = self.app.get_css_variables()
        self.query_one(YearHeatmap).show(moods, today)

        spark = Text("Last 30 days  ", style="bold")
        spark.append_text(sparkline(found.mood_series_30, variables))
        spark.append(f"\nAverage 7 days {average(found.avg7)} · 30 days {average(found.avg30)}")
        if found.trend:
            spark.append(f" · {trend_word(found.trend)}")
        self.query_one("#insights-spark", Static).update(spark)

        table = Table(
            title="What goes with the better days",
            title_justify="left",
            title_style="bold",
            box=None,
            padding=(0, 2),
            show_edge=False,
        )
        table.add_column("Habit", no_wrap=True)
        table.add_column("Done", justify="right")
        table.add_column("Mood with", justify="right")
        table.add_column("without", justify="right")
        table.add_column("", justify="right")
        for name, hm in found.habit_mood.items():
            rate = found.habit_rates.get(name, 0.0)
            diff = hm.difference
            table.add_row(
                plain(name),
                f"{round(rate * 100)}%",
                average(hm.with_habit),
                average(hm.without_habit),
                "" if diff is None else f"{diff:+.1f}",
            )
        self.query_one("#insights-habits", Static).update(table)

        streaks = Text("Streaks\n", style="bold")
        streaks.append(
            f"Check-ins: {_days(found.checkin_current)} now, best {found.checkin_best}\n"
        )
        streaks.append(f"Pause: {_days(found.pause_days)} now, best {found.pause_best}\n")
        streaks.append("Urge to contact, last 7 days: ")
        streaks.append(average(found.urge_avg7))
        if found.urge_trend:
            streaks.append(f" · {trend_word(found.urge_trend)}")
        self.query_one("#insights-streaks", Static).update(streaks)


def _days(n: int) -> str:
    """'1 day', '5 days'."""
    return f"{n} day{'' if n == 1 else 's'}"
