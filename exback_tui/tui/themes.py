"""exback's own themes, registered beside Textual's and offered in Settings like them.

"exback-clear-sight" is safe for colour-blind eyes: no red and green pair. Bad is vermillion,
a warning orange, good sky blue (the Okabe-Ito colours); moods run from vermillion through a
neutral grey to sky blue, so no mood passes through green on the way. The shades and marks
tell every level without colour anyway.
"""

from __future__ import annotations

from textual.theme import Theme

CLEAR_SIGHT = Theme(
    name="exback-clear-sight",
    primary="#56B4E9",  # sky blue: titles, borders, focus
    secondary="#0072B2",  # blue
    accent="#E69F00",  # orange: the focused field's band
    warning="#E69F00",
    error="#D55E00",  # vermillion, never beside a green
    success="#9ED3F5",  # a light sky blue: the best moods and the ticks
    foreground="#E6E6E6",
    background="#16181D",
    surface="#1F2228",
    panel="#2A2E36",
    dark=True,
    variables={
        # The mood scale (render.mood_colour): orange to blue through grey, not through the
        # olive that blending orange into blue gives.
        "mood-low": "#D55E00",
        "mood-mid": "#BDBDBD",
        "mood-high": "#56B4E9",
    },
)

THEMES: tuple[Theme, ...] = (CLEAR_SIGHT,)
"""Registered by the app, before a saved theme is looked up."""

NOTES = {CLEAR_SIGHT.name: "colour-blind safe"}


def theme_label(name: str) -> str:
    """A theme's name as Settings lists it, with what it is for when it is one of ours."""
    note = NOTES.get(name)
    return f"{name} · {note}" if note else name
