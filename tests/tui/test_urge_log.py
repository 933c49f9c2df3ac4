"""The urge pause keeps its reading in the urge log and never edits the day's check-in."""

from __future__ import annotations

from datetime import date

from exback_tui.store.journal import Journal
from exback_tui.tui.app import build_app
from exback_tui.tui.screens.dashboard import DashboardScreen
from exback_tui.tui.screens.urge import UrgeScreen

from .helpers import SIZE, dashboard_ready, on, reread, until


async def test_an_urge_pause_logs_its_reading_and_keeps_the_checkin(ready: Journal) -> None:
    today = date.today()
    ready.record_checkin(today, mood=4, urge=7, note="A hard evening.")
    app = build_app(ready, urge_seconds=1)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("u")
        await until(
            pilot, lambda: isinstance(app.screen, UrgeScreen) and app.screen.writing, timeout=4
        )
        await pilot.press("tab", "5", "ctrl+s")  # no message: only how strong the urge is now
        await until(pilot, on(app, DashboardScreen))
    with reread(ready) as j:
        saved = j.checkin(today)
        assert saved is not None
        assert (saved.mood, saved.urge, saved.note) == (4, 7, "A hard evening.")
        assert [(r.day, r.strength) for r in j.urge_log()] == [(today, 5)]
        assert j.entries() == []


async def test_an_urge_pause_on_a_day_without_a_checkin_makes_none(ready: Journal) -> None:
    app = build_app(ready, urge_seconds=1)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("u")
        await until(
            pilot, lambda: isinstance(app.screen, UrgeScreen) and app.screen.writing, timeout=4
        )
        await pilot.press(*"Not sending this", "tab", "8", "ctrl+s")
        await until(pilot, on(app, DashboardScreen))
    with reread(ready) as j:
        assert j.checkin(date.today()) is None
        assert [r.strength for r in j.urge_log()] == [8]
        assert [e.text for e in j.entries()] == ["Not sending this"]
