"""The key gate: every key reaches the field that has focus when it is handled, at any speed.

Textual hands a key to the focused widget's own message queue and handles Tab (and every
binding) only when the key has bubbled back up to the app. A fast typist, a paste sent as keys
or ``tmux send-keys`` therefore has the next keys sitting in the old field's queue before Tab
has moved the focus: "7 Tab 3" set the mood to 3, and keys typed right after ``c`` reached the
dashboard instead of the check-in. The gate lets one key through at a time: the next waits
until the one before has been handled all the way up (a marker message follows it along the
same route), whatever it caused has run (rounds of the screen's queues), and a screen it
opened is mounted with its focus set. A screen that fills its fields from the journal in the
background says so with ``accepts_keys`` (False while loading): keys wait for it, so a tick
typed at once is not lost when the list it ticks arrives.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from textual import events
from textual.app import App, ScreenStackError
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer

# If the marker never comes back (its widget was removed with the key in its queue), the gate
# opens anyway after this long: a stuck keyboard is worse than a misplaced key. Generous, as a
# screen can take a second to mount on a busy machine.
SAFETY_SECONDS = 3.0
SETTLE_ROUNDS = 6  # rounds of the screen's queues, at most, while a new screen mounts
LOADING_POLL_SECONDS = 0.02  # how often a screen still loading is asked again


class KeyHandled(Message):
    """Follows a key along its route; reaching the app means the key has been handled."""

    def __init__(self, turn: int) -> None:
        super().__init__()
        self.turn = turn


class KeyGate:
    """Holds keys back while the one before is still on its way; the app owns it.

    Each key let through is a turn; a marker, a round or the safety timer of an older turn
    does nothing, so a late one can never let two keys through at once.
    """

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._waiting: deque[events.Key] = deque()
        self._let_through: events.Key | None = None
        self._turn = 0
        self._busy = False
        self._safety: Timer | None = None
        self._screen_before: Screen[Any] | None = None

    def admit(self, key: events.Key) -> bool:
        """True: handle ``key`` now. False: it waits its turn behind the key in flight."""
        if key is self._let_through:
            self._let_through = None
            return True
        if self._busy or self._waiting:
            self._waiting.append(key)
            return False
        self._start_turn()
        return True

    def dispatched(self) -> None:
        """The admitted key was handed on: send the marker after it, along the same route."""
        try:
            target = self._app.focused or self._app.screen
            self._screen_before = self._app.screen
        except ScreenStackError:  # the app is closing: nothing waits on this key
            self._open(self._turn)
            return
        target.post_message(KeyHandled(self._turn))

    def handled(self, marker: KeyHandled) -> None:
        """The marker reached the app: let whatever the key caused run, then open."""
        if marker.turn == self._turn:
            self._settle(self._turn, SETTLE_ROUNDS, None, 0)

    def close(self) -> None:
        """Drop held keys (the app is closing)."""
        self._waiting.clear()
        self._stop_safety()

    def _start_turn(self) -> None:
        self._busy = True
        self._turn += 1
        self._stop_safety()
        turn = self._turn
        self._safety = self._app.set_timer(SAFETY_SECONDS, lambda: self._open(turn))

    def _settle(self, turn: int, rounds: int, last: Screen[Any] | None, calm: int) -> None:
        """Rounds through the app's and the screen's queues until the screen has stayed the
        same and mounted for a round (two when the key changed the screen: a new screen sets
        its focus with a callback of its own)."""
        if turn != self._turn:
            return
        try:
            screen = self._app.screen
        except ScreenStackError:  # the app is closing: nothing to wait on
            self._open(turn)
            return
        calm = calm + 1 if screen is last and screen.is_mounted else 0
        if rounds <= 0 or calm >= (1 if screen is self._screen_before else 2):
            if getattr(screen, "accepts_keys", True):
                self._open(turn)
            else:  # still loading: ask again shortly (the safety timer bounds the wait)
                self._app.set_timer(
                    LOADING_POLL_SECONDS, lambda: self._settle(turn, 0, screen, calm)
                )
            return
        nodes = [self._app, *screen.walk_children(with_self=True)]
        left = len(nodes)

        def one_done() -> None:
            nonlocal left
            left -= 1
            if left == 0:
                self._settle(turn, rounds - 1, screen, calm)

        scheduled = sum(1 for node in nodes if node.call_later(one_done))
        left -= len(nodes) - scheduled
        if scheduled == 0:
            self._open(turn)

    def _open(self, turn: int) -> None:
        """End ``turn``: let the next waiting key through, or stand open."""
        if turn != self._turn:
            return
        self._stop_safety()
        if not self._waiting:
            self._busy = False
            return
        self._start_turn()
        # The held event itself, not a copy: a message remembers the pump that made it, and
        # a key made here (inside some widget's callback) would stop bubbling at that widget,
        # never reaching the app's bindings.
        self._let_through = self._waiting.popleft()
        self._app.post_message(self._let_through)

    def _stop_safety(self) -> None:
        if self._safety is not None:
            self._safety.stop()
            self._safety = None
