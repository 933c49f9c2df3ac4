"""Small Rich renderings shared by the panes: sparklines, gauges, mood colours from the theme.

Colours always come from the running theme's variables, so every Textual theme looks right.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.color import Color, ColorParseError

BARS = "▁▂▃▄▅▆▇█"
ICONS = {"ok": "✓", "warn": "~", "bad": "✗", "none": "·"}
ICON_VARS = {"ok": "success", "warn": "warning", "bad": "error", "none": "foreground-muted"}


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
    """A colour for a mood 1-10: the theme's error at 1, warning at 5-6, success at 10."""
    low = Color.parse(theme_colour(variables, "error"))
    mid = Color.parse(theme_colour(variables, "warning"))
    high = Color.parse(theme_colour(variables, "success"))
    x = max(0.0, min(1.0, (mood - 1) / 9))
    colour = low.blend(mid, x * 2) if x < 0.5 else mid.blend(high, (x - 0.5) * 2)
    return colour.hex6


def sparkline(
    series: Sequence[int | None], variables: Mapping[str, str], low: int = 1, high: int = 10
) -> Text:
    """One character a day, its height and colour by the value; a dot for a day without one."""
    text = Text()
    for value in series:
        if value is None:
            text.append("·", style="dim")
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
