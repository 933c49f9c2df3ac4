"""The check-in form tells the truth: numbers it has not got, and edits not yet saved."""

from __future__ import annotations

from datetime import date, timedelta

from textual.screen import Screen

from exback_tui.store.journal import Journal
from exback_tui.tui.app import build_app
from exback_tui.tui.screens.checkin import CheckInScreen
from exback_tui.tui.widgets.scale import Scale

from .helpers import SIZE, dashboard_ready, notified, shown, until


def state(screen: Screen[object]) -> str:
    """The word on the day in the check-in's header ("" while another screen shows, or the
    check-in is still being composed)."""
    if not (isinstance(screen, CheckInScreen) and screen.is_mounted):
        return ""
    return shown(screen.query_one("#checkin-state"))


async def test_a_mood_off_the_scale_is_named_and_the_choice_kept(ready: Journal) -> None:
    """Issue 14.4: typing 0 or 11 for the mood says so in the form; nothing jumps to 1."""
    app = build_app(ready)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("c")
        await until(pilot, lambda: state(app.screen) not in ("", "loading…"))
        mood = app.screen.query_one("#mood", Scale)
        mood.clock = lambda: 0.0  # every digit typed at once: "1" "1" is eleven, however slow
        await pilot.press("0")
        await until(pilot, notified(app, "0 is not on the scale"))
        assert mood.value is None
        await pilot.press("1", "1")
        await until(pilot, notified(app, "11 is not on the scale"))
        assert mood.value == 1
        assert "Mood goes from 1 to 10" in "".join(
            shown(toast) for toast in app.screen.query("Toast")
        )


async def test_the_header_says_unsaved_the_moment_anything_differs(ready: Journal) -> None:
    """Issue 14.5: a saved day shows 'saved ✓' until a change, then 'unsaved changes'; undoing
    the change brings 'saved ✓' back. The same after moving to another saved day."""
    yesterday = date.today() - timedelta(days=1)
    ready.record_checkin(date.today(), mood=6, urge=2, note="ok")
    ready.record_checkin(yesterday, mood=4, urge=5, note="rough")
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("c")
        await until(pilot, lambda: state(app.screen) == "saved ✓")
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        await pilot.press("[")
        await until(pilot, lambda: screen.day == yesterday and state(screen) == "saved ✓")
        await pilot.press("8")
        await until(pilot, lambda: state(screen) == "unsaved changes")
        await pilot.press("backspace", "4")
        await until(pilot, lambda: state(screen) == "saved ✓")
        await pilot.press("tab", "tab", "tab", "x")
        await until(pilot, lambda: state(screen) == "unsaved changes")
