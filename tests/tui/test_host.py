"""HostedScreen's load workers: an older read never paints over a newer one."""

from __future__ import annotations

import threading

from textual import work
from textual.app import App
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from exback_tui.tui.host import HostedScreen

from .helpers import until


class Loading(HostedScreen, Screen[None]):
    """A screen whose loads wait until the test lets each one finish."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []
        self.returned: list[str] = []
        self.reading = threading.Event()
        self.go = {"old": threading.Event(), "new": threading.Event()}

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self, name: str) -> None:
        self.reading.set()
        self.go[name].wait(timeout=30)
        self.show_from_worker(self.shown.append, name)
        # call_from_thread waits for the call to run, so once here, anything shown is shown.
        self.returned.append(name)


class Host(App[None]):
    """Just enough of a host: worker failures end the test."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        assert event.state != WorkerState.ERROR, event.worker.error


async def test_a_load_replaced_by_a_newer_one_shows_nothing() -> None:
    screen = Loading()
    app = Host()
    async with app.run_test() as pilot:
        await app.push_screen(screen)
        screen.load("old")
        await until(pilot, screen.reading.is_set)
        screen.load("new")  # exclusive: cancels the old load, which is still reading
        screen.go["new"].set()
        await until(pilot, lambda: screen.shown == ["new"])
        screen.go["old"].set()  # the old read finishes late, after the newer one was shown
        await until(pilot, lambda: "old" in screen.returned)
    assert screen.shown == ["new"]
