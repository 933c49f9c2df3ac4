"""Small Rich renderings shared by the panes: sparklines, the meter's gauge and factors, the
week's habits, mood colours from the theme, and user text as Rich Text.

Colours always come from the running theme's variables, so every Textual theme looks right.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual.color import Color, ColorParseError

from ..core.text import shown

BARS = "▁▂▃▄▅▆▇█"
# A mood's shade in a heatmap, by band, so a level reads without colour (NO_COLOR, a
# colour-blind eye): the highest mood of each band and its shade, low to high.
MOOD_SHADES: tuple[tuple[int, str], ...] = ((3, "░"), (5, "▒"), (7, "▓"), (10, "█"))
NO_MOOD = "·"
ICONS = {"ok": "✓", "warn": "~", "bad": "✗", "none": "·"}
ICON_VARS = {"ok": "success", "warn": "warning", "bad": "error", "none": "foreground-muted"}


def plain(text: str, style: str = "") -> Text:
    """Text from the journal or a path, as the app shows it: Rich Text (never markup), with no
    escape sequence or control character (core.text.shown: an old or crafted journal may hold
    them, and Textual would pass them to the terminal)."""
    return Text(shown(text), style=style)


def theme_colour(variables: Mapping[str, str], name: str, fallback: str = "foreground") -> str:
    """A theme variable as a Rich colour string."""
    value = variables.get(name) or variables.get(fallback)
    if not value:
        return "default"
    try:
        return Color.parse(value).hex6
    except ColorParseError:  # a variable that is not a plain colour: the terminal's default
        return "default"


def mood_colour(mood: float, variables: Mapping[str, str]) -> str:
    """A colour for a mood 1-10: the theme's error at 1, warning at 5-6, success at 10, unless
    the theme names its own (``mood-low``, ``mood-mid``, ``mood-high``: a colour-blind-safe
    scale runs through a neutral middle, where warning to success would pass through green)."""
    low = Color.parse(theme_colour(variables, "mood-low", "error"))
    mid = Color.parse(theme_colour(variables, "mood-mid", "warning"))
    high = Color.parse(theme_colour(variables, "mood-high", "success"))
    x = max(0.0, min(1.0, (mood - 1) / 9))
    colour = low.blend(mid, x * 2) if x < 0.5 else mid.blend(high, (x - 0.5) * 2)
    return colour.hex6


def mood_shade(mood: int) -> str:
    """The heatmap's character for a mood 1-10: lighter for lower, a full block for the best."""
    for highest, shade in MOOD_SHADES:
        if mood <= highest:
            return shade
    return MOOD_SHADES[-1][1]


def shade_legend(variables: Mapping[str, str], compact: bool = False) -> Text:
    """What each shade means, in numbers: "░ 1-3  ▒ 4-5  ▓ 6-7  █ 8-10  · no check-in";
    ``compact`` for a narrow pane: "░ 1-3 ▒ 4-5 ▓ 6-7 █ 8-10 · none"."""
    gap = " " if compact else "  "
    text = Text()
    lowest = 1
    for highest, shade in MOOD_SHADES:
        text.append(shade, style=mood_colour((lowest + highest) / 2, variables))
        text.append(f" {lowest}-{highest}{gap}", style="dim")
        lowest = highest + 1
    text.append(f"{NO_MOOD} {'none' if compact else 'no check-in'}", style="dim")
    return text


def sparkline(
    series: Sequence[int | None], variables: Mapping[str, str], low: int = 1, high: int = 10
) -> Text:
    """One character a day, its height and colour by the value (the height alone tells the
    level, without colour); a dot for a day without one."""
    text = Text()
    for value in series:
        if value is None:
            text.append(NO_MOOD, style="dim")
            continue
        index = round((value - low) / (high - low) * (len(BARS) - 1))
        text.append(BARS[max(0, min(len(BARS) - 1, index))], style=mood_colour(value, variables))
    return text


def gauge(score: int | None, width: int, variables: Mapping[str, str]) -> Text:
    """A horizontal bar for a 0-100 score, coloured like a mood of the same height."""
    width = max(4, width)
    if score is None:
        return Text("░" * width, style="dim")
    filled = round(score / 100 * width)
    colour = mood_colour(1 + score / 100 * 9, variables)
    text = Text("█" * filled, style=colour)
    text.append("░" * (width - filled), style="dim")
    return text


def icon(kind: str, variables: Mapping[str, str]) -> Text:
    """The symbol of a factor's state, in the theme's colour for it."""
    colour = theme_colour(variables, ICON_VARS.get(kind, "foreground"))
    return Text(ICONS.get(kind, "·"), style=f"bold {colour}")


def average(value: float | None) -> str:
    """An average to one decimal, or a dash."""
    return "–" if value is None else f"{value:.1f}"


def trend_word(trend: str | None) -> str:
    """An arrow and a word for a trend."""
    return {"up": "↑ rising", "down": "↓ falling", "flat": "→ steady"}.get(trend or "", "")


# The renderables below lay out their rows by hand, at the width they are given when drawn:
# Rich's Table measured and wrapped every cell on each layout pass, a large part of the
# dashboard's first frame.

GAUGE_MIN, GAUGE_MAX = 16, 40  # cells of the meter's bar; the rest of the line is its score
NAME_MAX = 16  # cells for a habit's name in the week's grid


class Gauge:
    """The meter's bar as wide as its pane allows, its score, and its level below."""

    # Plain classes, not dataclasses: these are drawn, not compared, and a dataclass costs
    # half a millisecond to define, on the way to the first frame.
    __slots__ = ("level", "score", "variables")

    def __init__(self, score: int | None, level: str, variables: Mapping[str, str]) -> None:
        self.score = score
        self.level = level
        self.variables = variables

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Sized at render time, so the bar follows the pane's width."""
        width = max(GAUGE_MIN, min(GAUGE_MAX, options.max_width - 12))
        head = gauge(self.score, width, self.variables)
        head.append(f" {'–' if self.score is None else self.score}", style="bold")
        head.append(f"\n{self.level}", style="bold")
        yield head


class FactorRow(NamedTuple):
    """One factor of the meter as the pane shows it; ``value`` is its column ("+24", "?")."""

    icon: Text
    label: str
    reason: str
    value: str


VALUE_CELLS = 4  # the factors' right-hand column: "+100" at the widest


class FactorRows:
    """Each factor: its symbol, its name with the reason wrapped below, its value on the right;
    with a ``total``, a rule and the sum under the column, so it reads as an addition."""

    __slots__ = ("heading", "rows", "total")

    def __init__(
        self, rows: Iterable[FactorRow], heading: str = "", total: str | None = None
    ) -> None:
        self.rows = tuple(rows)
        self.heading = heading
        self.total = total

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Symbol, a space, the text, a space, the value right-aligned in four cells."""
        inner = max(1, options.max_width - 3 - VALUE_CELLS)
        blank = Text(" ")
        if self.heading:
            head = Text(self.heading, style="dim")
            head.truncate(options.max_width, overflow="ellipsis")
            yield head
        for row in self.rows:
            cell = plain(row.label, style="bold")
            cell.append("\n")
            cell.append(shown(row.reason), style="dim")
            for i, line in enumerate(cell.wrap(console, inner, overflow="ellipsis")):
                line.pad_right(inner - line.cell_len)
                yield Text.assemble(
                    row.icon if i == 0 else blank,
                    " ",
                    line,
                    f" {row.value:>{VALUE_CELLS}}" if i == 0 else " " * (VALUE_CELLS + 1),
                    no_wrap=True,
                )
        if self.total is not None:
            pad = " " * (options.max_width - VALUE_CELLS)
            yield Text.assemble(pad, ("─" * VALUE_CELLS, "dim"), no_wrap=True)
            yield Text.assemble(pad, (f"{self.total:>{VALUE_CELLS}}", "bold"), no_wrap=True)


class HabitWeek:
    """The week's habits as a grid: a row a habit, a column a day, a mark where it was done."""

    __slots__ = ("days", "done", "names", "variables")

    def __init__(
        self,
        days: Sequence[date],
        names: Iterable[str],
        done: Mapping[date, frozenset[str]],
        variables: Mapping[str, str],
    ) -> None:
        self.days = days
        self.names = tuple(names)
        self.done = done
        self.variables = variables

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The names' column gives way first, so every day of the week stays in view."""
        if not self.names:
            yield Text("No habits yet: add some in settings (s).", style="dim")
            return
        days_width = 3 * len(self.days)  # a space and two cells a day
        names = [shown(n) for n in self.names]
        longest = max(Text("This week").cell_len, *(Text(n).cell_len for n in names))
        width = max(1, min(NAME_MAX, longest, options.max_width - days_width))
        success = theme_colour(self.variables, "success")
        head = Text("This week", style="bold")
        head.truncate(width, overflow="ellipsis", pad=True)
        yield Text.assemble(
            head,
            *(part for day in self.days for part in (" ", (day.strftime("%a")[:2], "dim"))),
            no_wrap=True,
        )
        for name, name_shown in zip(self.names, names, strict=True):
            row = Text(name_shown, no_wrap=True)
            row.truncate(width, overflow="ellipsis", pad=True)
            for day in self.days:
                row.append(" ")
                if name in self.done.get(day, frozenset()):
                    row.append("■ ", style=success)
                else:
                    row.append("· ", style="dim")
            yield row


class MarkedRows:
    """A heading, then a row per item: its mark, and its text wrapped under itself rather
    than under the mark (a checklist with its ticks, the ladder with its rungs)."""

    __slots__ = ("heading", "rows")

    def __init__(self, heading: Text, rows: Iterable[tuple[Text, Text]]) -> None:
        self.heading = heading
        self.rows = tuple(rows)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The heading as it wraps, then each row at the width it is drawn at."""
        yield self.heading
        for mark, text in self.rows:
            inner = max(1, options.max_width - mark.cell_len - 1)
            pad = " " * mark.cell_len
            for i, line in enumerate(text.wrap(console, inner)):
                yield Text.assemble(mark if i == 0 else pad, " ", line, no_wrap=True)
