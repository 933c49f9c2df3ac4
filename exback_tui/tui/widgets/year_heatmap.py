"""Moods as a calendar, one cell a day: a shade by level (read without colour too), coloured by
mood from the theme; empty days stay plain. A year on the insights screen, twelve weeks in the
mood pane."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from rich.text import Text
from textual.widgets import Static

from ..render import NO_MOOD, mood_colour, mood_shade, shade_legend

WEEKS = 53
DAY_LABELS = ("Mo", "", "We", "", "Fr", "", "Su")
LABEL_CELLS = 3


def heatmap(
    moods: Mapping[date, int],
    today: date,
    variables: Mapping[str, str],
    weeks: int = WEEKS,
    gap: bool = False,
) -> Text:
    """Weeks as columns (oldest left), weekdays as rows, month names above, what each shade
    means below. With ``gap`` (the mood pane's strip), a space after each day, as in the
    week's habits, and the legend in short."""
    cell = 2 if gap else 1
    last_monday = today - timedelta(days=today.weekday())
    first = last_monday - timedelta(weeks=weeks - 1)
    months = [" "] * (weeks * cell)
    for week in range(weeks):
        sunday = first + timedelta(weeks=week, days=6)
        start = week * cell
        if sunday.day <= 7 and start + 3 <= len(months):
            for i, ch in enumerate(sunday.strftime("%b")):
                months[start + i] = ch
    text = Text(" " * LABEL_CELLS + "".join(months).rstrip() + "\n", style="dim")
    for weekday in range(7):
        text.append(f"{DAY_LABELS[weekday]:<{LABEL_CELLS}}", style="dim")
        row = Text()
        for week in range(weeks):
            day = first + timedelta(weeks=week, days=weekday)
            if day > today:
                row.append(" ")
            elif day in moods:
                mood = moods[day]
                row.append(mood_shade(mood), style=mood_colour(mood, variables))
            else:
                row.append(NO_MOOD, style="dim")
            if gap:
                row.append(" ")
        row.rstrip()
        text.append_text(row)
        text.append("\n")
    text.append(" " * LABEL_CELLS)
    text.append_text(shade_legend(variables, compact=gap))
    return text


class YearHeatmap(Static):
    """The last year of moods as a calendar; drawn again in the colours of a new theme."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: tuple[Mapping[date, int], date] | None = None

    def on_mount(self) -> None:
        """Follow the theme: the colours are read from it when drawn."""
        self.watch(self.app, "theme", self._redraw, init=False)

    def show(self, moods: Mapping[date, int], today: date) -> None:
        """Draw the year ending today."""
        self._shown = (moods, today)
        self.update(heatmap(moods, today, self.app.get_css_variables()))

    def _redraw(self, _theme: str) -> None:
        if self._shown is not None:
            self.show(*self._shown)
