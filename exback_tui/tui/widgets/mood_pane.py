"""The mood pane: today's check-in, the month's sparkline, averages, streaks, the week's habits;
on a tall terminal, the last twelve weeks as a heatmap strip too."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text

from ...core.ladder import CONTACT_PHASE
from ...core.text import shown
from ..dashboard_data import STRIP_WEEKS, DashboardData
from ..render import HabitWeek, average, mood_colour, plain, sparkline, trend_word
from .pane import Pane
from .year_heatmap import heatmap


class MoodPane(Pane):
    """How the days are going."""

    TITLE = "Mood & habits"
    PARTS: ClassVar[Mapping[str, str]] = {
        "today": "",
        "care": "care",
        "spark": "",
        "numbers": "",
        "week": "",
        "strip": "",
    }
    EXTRAS: ClassVar[tuple[str, ...]] = ("strip",)

    def parts(self, data: DashboardData) -> Mapping[str, RenderableType]:
        """Today, a word of care when it is due, the month, the numbers, the week's habits."""
        variables = self.app.get_css_variables()
        found = data.insights
        today = data.today_checkin
        line = Text("Today: ", style="bold")
        if today is None or today.mood is None:
            line.append("not yet, press ")
            line.append("c", style="bold reverse")
        else:
            line.append(f"mood {today.mood}/10", style=f"bold {mood_colour(today.mood, variables)}")
            # Back together (phase 6), the urge to reach out means nothing: it isn't shown.
            if today.urge is not None and not data.together:
                line.append(f" · urge {today.urge}/10")
            if today.note:
                line.append("\n")
                line.append(shown(today.note).split("\n", 1)[0][:200], style="italic")
        parts: dict[str, RenderableType] = {"today": line}
        if data.care is not None:
            parts["care"] = plain(data.care)

        spark = Text("Last 30 days  ", style="dim")
        spark.append_text(sparkline(found.mood_series_30, variables))
        parts["spark"] = spark

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
        if data.phase < CONTACT_PHASE:  # from then on being in touch is the plan, not a slip
            numbers.append("\nPause ")
            numbers.append(f"{found.pause_days}d", style="bold")
            numbers.append(f" (best {found.pause_best})")
        if found.urge_avg7 is not None and not data.together:
            numbers.append(f"\nUrge 7d {average(found.urge_avg7)}")
            if found.urge_trend:
                numbers.append(f"  {trend_word(found.urge_trend)}")
        parts["numbers"] = numbers
        parts["week"] = HabitWeek(
            tuple(found.week_habits), tuple(found.habit_rates), found.week_habits, variables
        )
        strip = Text(f"Last {STRIP_WEEKS} weeks\n", style="dim")
        strip.append_text(
            heatmap(data.strip_moods, data.snapshot.today, variables, STRIP_WEEKS, gap=True)
        )
        parts["strip"] = strip
        return parts
