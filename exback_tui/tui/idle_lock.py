"""The idle lock: after a while without a key or a click, the journal hides itself."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.timer import Timer

CHECK_SECONDS = 1.0  # how often the time of the last key or click is looked at


def seconds_from_setting(minutes: str | int | None) -> float | None:
    """The ``idle_lock_minutes`` setting in seconds; None (never) for 0, nothing or nonsense."""
    try:
        value = int(minutes or 0)
    except ValueError:
        value = 0  # a hand-edited setting is not worth a crash: no idle lock
    return value * 60.0 if value > 0 else None


class IdleLock:
    """Calls ``when_idle`` while no key or click came for ``seconds`` (None: never).

    The app starts it, tells it of every key and click, and closes it. The clock is injected,
    so a test moves time on instead of waiting for it.
    """

    def __init__(
        self,
        app: App[Any],
        when_idle: Callable[[], None],
        seconds: float | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._app = app
        self._when_idle = when_idle
        self._clock = clock
        self._last_input = clock()
        self._timer: Timer | None = None
        self.seconds = seconds
        """Quiet time before ``when_idle``; None: never."""

    def start(self) -> None:
        """Look at the time of the last key or click every second from now on."""
        self._timer = self._app.set_interval(CHECK_SECONDS, self.check)

    def touch(self) -> None:
        """A key or a click came: the quiet time starts again."""
        self._last_input = self._clock()

    def check(self) -> None:
        """Call ``when_idle`` if the quiet time is over."""
        if self.seconds is not None and self._clock() - self._last_input >= self.seconds:
            self._when_idle()

    def close(self) -> None:
        """Stop looking."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
