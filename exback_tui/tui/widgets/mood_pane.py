"""The mood pane: today's check-in, the month's sparkline, averages, streaks, the week's habits."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..dashboard_data import DashboardData
from ..render import average, mood_colour, sparkline, theme_colour, trend_word


class MoodPane(VerticalScroll):
    """How the days are going."""

    def compose(self) -> ComposeResult:
        yield Static(Text("Mood & habits", style="bold"), classes="pane-title")
        yield Static("", id="today")
        yield Static("", id="care", classes="care")
        yield Static("", id="spark")
        yield Static("", id="numbers")
        yield Static("", id="week")

    def show(self, data: DashboardData) -> None:
        """Render the pane from the dashboard's data."""
        variables = self.app.get_css_variables()
        found = data.insights
        today = data.today_checkin
        line = Text("Today: ", style="bold")
        if today is None or today.mood is None:
            line.append("not yet, press ")
            line.append("c", style="bold reverse")
        else:
            line.append(f"mood {today.mood}/10", style=f"bold {mood_colour(today.mood, variables)}")
            if today.urge is not None:
                line.append(f" · urge {today.urge}/10")
            if today.note:
                line.append("\n")
                line.append(today.note.split("\n", 1)[0][:200], style="italic")
        self.query_one("#today", Static).update(line)

        care = self.query_one("#care", Static)
        care.display = data.care is not None
        care.update(Text(data.care or ""))

        spark = Text("Last 30 days  ", style="dim")
        spark.append_text(sparkline(found.mood_series_30, variables))
        self.query_one("#spark", Static).update(spark)

        numbers = Text()
        numbers.append("Average ")
        numbers.append(f"7d {average(found.avg7)}", style="bold")
        numbers.append(" · ")
        numbers.append(f"30d {average(found.avg30)}", style="bold")
        if found.trend:
            numbers.append(f"  {trend_word(found.trend)}")
        numbers.append("\nCheck-in streak ")
        numbers.append(f"{found.checkin_current}d", style="bold")
        numbers.append(f" (best {found.checkin_best})")
        numbers.append("\nPause ")
        numbers.append(f"{found.pause_days}d", style="bold")
        numbers.append(f" (best {found.pause_best})")
        if found.urge_avg7 is not None:
            numbers.append(f"\nUrge 7d {average(found.urge_avg7)}")
            if found.urge_trend:
                numbers.append(f"  {trend_word(found.urge_trend)}")
        self.query_one("#numbers", Static).update(numbers)

        table = Table.grid(padding=(0, 1))
        days = list(found.week_habits)
        table.add_column("habit", no_wrap=True, max_width=16)
        for _ in days:
            table.add_column(justify="center", width=2)
        table.add_row(Text("This week", style="bold"),
                      *[Text(d.strftime("%a")[:2], style="dim") for d in days])
        success = theme_colour(variables, "success")
        for name in found.habit_rates:
            row = [Text(name, overflow="ellipsis", no_wrap=True)]
            for day in days:
                done = name in found.week_habits.get(day, frozenset())
                row.append(Text("■", style=success) if done else Text("·", style="dim"))
            table.add_row(*row)
        if not found.habit_rates:
            table.add_row(Text("No habits yet: add some in settings (s).", style="dim"))
        self.query_one("#week", Static).update(table)
