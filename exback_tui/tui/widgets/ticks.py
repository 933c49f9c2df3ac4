"""Ticks that read by their shape: Textual's toggles draw the same "X" on and off.

Textual shows a ticked and an unticked box with one glyph in two colours, so under NO_COLOR
(its monochrome filter) or to a colour-blind eye every box looks ticked. These draw a tick
only when ticked, and nothing when not; the colours stay as the theme sets them.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, SelectionList

TICK = "✓"
DOT = "●"
EMPTY = " "


class TickList(SelectionList[str]):
    """A `SelectionList` whose box holds a tick when selected and is empty when not."""

    def render_line(self, y: int) -> Strip:
        """Textual's line, with the box's inner glyph saying the state."""
        strip = super().render_line(y)
        segments = list(strip)
        index = self.scroll_offset.y + y
        if len(segments) < 4 or not 0 <= index < self.option_count:
            return strip  # not an option's line (padding below the list)
        glyph = TICK if self.get_option_at_index(index).value in self.selected else EMPTY
        segments[1] = Segment(glyph, segments[1].style)
        return Strip(segments, strip.cell_length)


class TickBox(Checkbox):
    """A `Checkbox` that shows a tick when on and an empty box when off."""

    def on_mount(self) -> None:
        """Draw the state it starts in (Textual calls no watcher for the first value)."""
        self.BUTTON_INNER = TICK if self.value else EMPTY

    def watch_value(self) -> None:
        """The glyph follows the value; Textual's class and message as before."""
        self.BUTTON_INNER = TICK if self.value else EMPTY
        super().watch_value()


class RadioTick(RadioButton):
    """A `RadioButton` that shows a dot when chosen and an empty circle's room when not."""

    def on_mount(self) -> None:
        """Draw the state it starts in."""
        self.BUTTON_INNER = DOT if self.value else EMPTY

    def watch_value(self) -> None:
        """The glyph follows the value; Textual's class and message as before."""
        self.BUTTON_INNER = DOT if self.value else EMPTY
        super().watch_value()
