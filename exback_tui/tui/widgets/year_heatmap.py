"""A year of moods, one cell a day, coloured by mood from the theme; empty days stay plain."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from rich.text import Text
from textual.widgets import Static

from ..render import mood_colour

WEEKS = 53
DAY_LABELS = ("Mo", "", "We", "", "Fr", "", "Su")


def heatmap(moods: Mapping[date, int], today: date, variables: Mapping[str, str]) -> Text:
    """Weeks as columns (oldest left), weekdays as rows, month names above."""
    last_monday = today - timedelta(days=today.weekday())
    first = last_monday - timedelta(weeks=WEEKS - 1)
    months = [" "] * WEEKS
    for week in range(WEEKS):
        monday = first + timedelta(weeks=week)
        sunday = monday + timedelta(days=6)
        if sunday.day <= 7 and week + 3 <= WEEKS:
            for i, ch in enumerate(sunday.strftime("%b")):
                months[week + i] = ch
    text = Text("   " + "".join(months) + "\n", style="dim")
    for weekday in range(7):
        text.append(f"{DAY_LABELS[weekday]:<3}", style="dim")
        for week in range(WEEKS):
            day = first + timedelta(weeks=week, days=weekday)
            if day > today:
                text.append(" ")
            elif day in moods:
                text.append("■", style=mood_colour(moods[day], variables))
            else:
                text.append("·", style="dim")
        text.append("\n")
    legend = Text("   less ", style="dim")
    for mood in (1, 3, 5, 7, 10):
        legend.append("■", style=mood_colour(mood, variables))
    legend.append(" better mood  · no check-in", style="dim")
    text.append_text(legend)
    return text


class YearHeatmap(Static):
    """The last year of moods as a calendar."""

    def show(self, moods: Mapping[date, int], today: date) -> None:
        """Draw the year ending today."""
        self.update(heatmap(moods, today, self.app.get_css_variables()))
