"""A number on a short scale (mood 1-10, urge 0-10, ratings 1-9), set by typing its digits."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

# Typing "1" then "0" within this many seconds means ten, not one and then zero.
TWO_DIGIT_SECONDS = 1.2


class Scale(Widget, can_focus=True):
    """A row of numbers with the chosen one lit; digits, left/right and backspace change it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,minus", "step(-1)", "Less", show=False),
        Binding("right,plus,equals_sign", "step(1)", "More", show=False),
        Binding("backspace,delete", "clear", "Clear", show=False),
    ]

    value: reactive[int | None] = reactive(None)
    """The chosen number, or None while nothing is chosen."""

    class Changed(Message):
        """The value changed (by the user or by code)."""

        def __init__(self, scale: Scale, value: int | None) -> None:
            super().__init__()
            self.scale = scale
            self.value = value

        @property
        def control(self) -> Scale:
            """The scale that changed."""
            return self.scale

    class OutOfRange(Message):
        """Digits were typed for a number the scale does not have (0 on 1-10, or 11)."""

        def __init__(self, scale: Scale, typed: int) -> None:
            super().__init__()
            self.scale = scale
            self.typed = typed

        @property
        def control(self) -> Scale:
            """The scale typed into."""
            return self.scale

    def __init__(
        self,
        low: int,
        high: int,
        value: int | None = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.low = low
        self.high = high
        self.set_reactive(Scale.value, value)
        self._last_digit: tuple[str, float] | None = None
        self.clock: Callable[[], float] = time.monotonic
        """Seconds, for the two-digit window (a test sets a clock that stands still)."""

    def render(self) -> Text:
        """The numbers in a row, the chosen one in reverse."""
        text = Text()
        for n in range(self.low, self.high + 1):
            label = f" {n} "
            if n == self.value:
                text.append(label, style="reverse bold")
            else:
                text.append(label, style="dim" if self.value is not None else "")
        if self.value is None:
            text.append("  (type a number)", style="italic dim")
        return text

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))

    def on_key(self, event: events.Key) -> None:
        """Digits choose the number: "7" is seven; "1" then "0" is ten."""
        if event.character is None or not event.character.isdigit():
            return
        event.stop()
        event.prevent_default()
        digit = event.character
        now = self.clock()
        last = self._last_digit
        self._last_digit = (digit, now)
        if last is not None and now - last[1] < TWO_DIGIT_SECONDS and last[0] != "0":
            two = int(last[0] + digit)
            self._last_digit = None
            if self.low <= two <= self.high:
                self.value = two
            else:  # "11" on 1-10: say so, and keep the "1" the first digit chose
                self.post_message(self.OutOfRange(self, two))
            return
        number = int(digit)
        if self.low <= number <= self.high:
            self.value = number
        else:
            self.post_message(self.OutOfRange(self, number))

    def action_step(self, delta: int) -> None:
        """One more or one less, within the scale."""
        self._last_digit = None
        start = self.value if self.value is not None else (self.low + self.high) // 2
        moved = start + delta if self.value is not None else start
        self.value = max(self.low, min(self.high, moved))

    def action_clear(self) -> None:
        """No number chosen."""
        self._last_digit = None
        self.value = None
