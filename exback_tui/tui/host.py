"""What a screen may ask of the app (the journal, today, "it changed"), typed once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, cast

from textual.worker import Worker, get_current_worker

if TYPE_CHECKING:
    from textual.screen import Screen

    from ..store.journal import Journal

    _Screen = Screen[Any]
else:
    # At run time a plain mixin. Were it a DOMNode, Textual would take it for the screen's
    # first CSS base and stop there: no rule for Screen or ModalScreen (background, scrolling)
    # would reach the screens that mix it in, and the dashboard would show through them.
    _Screen = object


class Host(Protocol):
    """The app as the screens see it; ``ExbackApp`` is the one host."""

    @property
    def journal(self) -> Journal:
        """The open journal (call it from a worker: it may wait for the journal to open)."""
        ...

    @property
    def today(self) -> date:
        """The day the app treats as today."""
        ...

    @property
    def read_only_reason(self) -> str:
        """Why nothing can be saved (empty when it can)."""
        ...

    def journal_changed(self) -> None:
        """Tell every open screen to reload."""

    def action_open(self, name: str) -> None:
        """Open a screen by its name in the app's screen table."""

    def open_phase(self, number: int | None) -> None:
        """Open the screen of one phase (None: the current one)."""

    def set_idle_lock(self, minutes: str | int | None) -> None:
        """Lock after this many idle minutes (0 or None: never)."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Turn a worker's failure into a message (or, if a bug, an exit)."""


class HostedScreen(_Screen):
    """Mixed into each screen that uses the journal: the host, typed, and its workers'
    failures routed to the host's one handler (worker messages do not bubble)."""

    @property
    def drops_letters(self) -> bool:
        """True while letters typed here are not keys (the urge pause's minute, Help now): the
        app's own letter keys (q, ?) are then neither offered in the footer nor run."""
        return False

    @property
    def exback(self) -> Host:
        """The app, as the host of this screen."""
        return cast("Host", self.app)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Hand the event to the host, which shows a journal error or surfaces a bug."""
        self.exback.on_worker_state_changed(event)

    def show_from_worker(self, show: Callable[..., object], *args: Any) -> None:
        """From a load worker, hand what it read to ``show`` on the event loop, unless a newer
        load has replaced this one (exclusive workers cancel the older): what an older read
        found must never paint over a newer one."""
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(show, *args)
