"""The file watch: notices another program's writes to the journal while the app is open."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.worker import Worker, get_current_worker

if TYPE_CHECKING:
    from ..store.journal import Journal

POLL_SECONDS = 1.0  # how often the file is asked whether another program wrote to it
TICK_SECONDS = 0.05  # how soon the watch notices it was closed


class FileWatch:
    """Calls ``on_change`` (on the app's thread) after another connection wrote to the file.

    Asks SQLite (``PRAGMA data_version``, through ``Journal.watch_changes``) once a second in
    a thread worker of the app, so a failure reaches the app's one worker-error handler.
    """

    def __init__(self, app: App[Any], on_change: Callable[[], None]) -> None:
        self._app = app
        self._on_change = on_change
        self._closed = threading.Event()
        self._worker: Worker[None] | None = None

    def start(self, journal: Journal) -> None:
        """Start watching the open ``journal`` (once; a second start replaces the first)."""
        self._closed.clear()
        self._worker = self._app.run_worker(
            partial(self._poll, journal),
            name="file watch",
            group="watch",
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def close(self) -> None:
        """Stop watching; the worker ends within a tick."""
        self._closed.set()
        if self._worker is not None:
            self._worker.cancel()
            self._worker = None

    def _poll(self, journal: Journal) -> None:
        worker = get_current_worker()  # cancelled by the app when it exits, closed or not

        def stopped() -> bool:
            return self._closed.is_set() or worker.is_cancelled

        watch = journal.watch_changes()
        try:
            while not stopped():
                waited = 0.0
                while waited < POLL_SECONDS and not stopped():
                    self._closed.wait(TICK_SECONDS)
                    waited += TICK_SECONDS
                if not stopped() and watch.changed():
                    self._app.call_from_thread(self._on_change)
        finally:
            watch.close()
