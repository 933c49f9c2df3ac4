"""Insights: the year of moods, the month's sparkline, what goes with good days, streaks, urge;
and, a key away, the month view: a year's months, each with its mood, check-in days and the
habit that went with its better days (core.month_view)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Static

from ...core.insights import Insights, insights
from ...core.month_view import Month, habit_words, months, year_months, year_span
from ..host import HostedScreen
from ..render import average, plain, sparkline, trend_word
from ..widgets.key_footer import SteadyFooter
from ..widgets.screen_header import ScreenHeader
from ..widgets.year_heatmap import YearHeatmap


class InsightsScreen(HostedScreen, Screen[None]):
    """Mood over time and what goes with the better days."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        # One key, two bindings: the footer names the view that m leads to.
        Binding("m", "view('months')", "By month", tooltip="Each month: mood, days, habits"),
        Binding("m", "view('overview')", "Overview", tooltip="Back to the year of moods"),
        Binding(
            "left",
            "year(-1)",
            "Earlier year",
            key_display="←",
            priority=True,
            tooltip="The months of the year before",
        ),
        Binding(
            "right",
            "year(1)",
            "Later year",
            key_display="→",
            priority=True,
            tooltip="The months of the year after",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.year = 0  # the month view's year (set on mount, from today)
        self.first_day: date | None = None  # the journal's first day, once the overview read it
        self.shown_months: list[Month] = []

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with ContentSwitcher(initial="insights-page", id="insights-views"):
            with VerticalScroll(id="insights-page", classes="form-page"):
                yield Static(Text("Your year of moods", style="bold"), classes="page-title")
                yield YearHeatmap(id="heatmap")
                yield Static("", id="insights-spark", classes="pane-text")
                yield Static("", id="insights-habits", classes="pane-text")
                yield Static("", id="insights-streaks", classes="pane-text")
            with VerticalScroll(id="insights-months", classes="form-page"):
                yield Static("", id="months-title", classes="page-title")
                yield Static("", id="months-table")
        yield SteadyFooter()

    def on_mount(self) -> None:
        """Load, and reload when the journal changes."""
        self.sub_title = "Insights"
        self.year = self.exback.today.year
        self.query_one("#insights-page").focus()

        def reload(_generation: int) -> None:
            self.load()  # a worker; nothing to wait for
            if self.in_months:
                self.load_months(self.year)

        self.watch(self.app, "data_generation", reload, init=False)
        self.load()

    # -- the month view ----------------------------------------------------------------------

    @property
    def in_months(self) -> bool:
        """Whether the month view is showing."""
        return self.query_one(ContentSwitcher).current == "insights-months"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """m leads to the other view; the year keys work in the month view only, and stop at
        the journal's first year and at this one."""
        if action == "view":
            return (parameters[0] == "months") != self.in_months
        if action == "year":
            if not self.in_months:
                return False
            year = self.year + int(str(parameters[0]))
            low = self.first_day.year if self.first_day is not None else year
            return min(low, self.exback.today.year) <= year <= self.exback.today.year
        return True

    def action_view(self, name: str) -> None:
        """Show the month view or the overview."""
        page = "insights-months" if name == "months" else "insights-page"
        self.query_one(ContentSwitcher).current = page
        self.query_one(f"#{page}").focus()
        self.refresh_bindings()
        if name == "months":
            self.load_months(self.year)

    def action_year(self, step: int) -> None:
        """The months of the year before or after."""
        self.year += step
        self.refresh_bindings()
        self.load_months(self.year)

    @work(thread=True, exclusive=True, group="insights-months", exit_on_error=False)
    def load_months(self, year: int) -> None:
        """Read one year of check-ins (by range: a long journal costs no more) and weigh it."""
        journal = self.exback.journal
        today = self.exback.today
        checkins = journal.checkins(*year_span(year, today))
        names = [h.name for h in journal.habits(include_archived=True)]
        firsts = year_months(year, today, since=self.first_day)
        self.show_from_worker(self._show_months, year, months(firsts, checkins, names, today))

    def _show_months(self, year: int, found: list[Month]) -> None:
        self.shown_months = found
        self.query_one("#months-title", Static).update(Text(f"{year} by month", style="bold"))
        self._draw_months()

    def on_resize(self, _event: Resize) -> None:
        """A wide terminal shows each habit's numbers beside it."""
        if self.shown_months:
            self._draw_months()

    def _draw_months(self) -> None:
        wide = self.size.width >= 120
        variables = self.app.get_css_variables()
        table = Table(box=None, padding=(0, 2), show_edge=False, header_style="bold")
        table.add_column("Month", no_wrap=True)
        table.add_column("Mood", justify="right", no_wrap=True)
        table.add_column("", no_wrap=True)
        table.add_column("Checked in", justify="right", no_wrap=True)
        table.add_column("Went with the better days", overflow="fold")
        if wide:
            table.add_column("Mood with", justify="right", no_wrap=True)
            table.add_column("without", justify="right", no_wrap=True)
        for month in self.shown_months:
            bar = sparkline([round(month.mood)], variables) if month.mood is not None else ""
            row: list[str | Text] = [
                month.label,
                average(month.mood),
                bar,
                f"{month.checkin_days} of {month.days}",
                _habit_cell(month),
            ]
            if wide:
                best = month.best
                row += (
                    [
                        f"{average(best.with_habit)} ({best.days_with}d)",
                        f"{average(best.without_habit)} ({best.days_without}d)",
                    ]
                    if best is not None
                    else ["", ""]
                )
            table.add_row(*row)
        if not self.shown_months:
            table.add_row("No months yet this year.", "", "", "", "")
        self.query_one("#months-table", Static).update(table)

    @work(thread=True, exclusive=True, group="insights-load", exit_on_error=False)
    def load(self) -> None:
        """Read the journal and compute the statistics."""
        snapshot = self.exback.journal.snapshot(self.exback.today)
        found = insights(snapshot)
        moods = {c.day: c.mood for c in snapshot.checkins if c.mood is not None}
        self.show_from_worker(self._show, found, moods, snapshot.today, snapshot.first_day)

    def _show(
        self, found: Insights, moods: dict[date, int], today: date, first_day: date | None
    ) -> None:
        self.first_day = first_day
        self.refresh_bindings()  # the month view's earliest year is known now
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


def _habit_cell(month: Month) -> Text:
    """The habit of the month's better days and how much higher the mood was with it, or why
    there is none."""
    best = month.best
    if not month.checkin_days:
        return Text("–", style="dim")
    if best is None or best.difference is None:
        return Text(habit_words(month), style="dim")
    cell = plain(best.habit)
    cell.append(f" +{best.difference:.1f}")
    return cell


def _days(n: int) -> str:
    """'1 day', '5 days'."""
    return f"{n} day{'' if n == 1 else 's'}"
