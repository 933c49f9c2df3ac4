"""The pause's milestone on opening: said once on the day it is reached, never again that day,
and not on an ordinary day (today injected)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from exback_tui.store.journal import Journal
from exback_tui.tui.app import build_app
from exback_tui.tui.milestone_note import SAID_ON_SETTING

from .helpers import SIZE, dashboard_ready, notified, reread, settled, until

BREAKUP = date(2025, 3, 1)


async def opened_says(journal: Journal, today: date) -> list[str]:
    """Open the app on ``today``, let every worker finish, and return the pause's toasts."""
    app = build_app(journal, today=today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await dashboard_ready(pilot, app)
        await until(pilot, settled(app))
        await pilot.pause()
        return [str(t.render()) for t in app.screen.query("Toast") if "pause" in str(t.render())]


async def test_a_week_is_said_once_that_day_and_not_the_next(ready: Journal) -> None:
    ready.set_journey(breakup_date=BREAKUP, onboarded=True)
    week = BREAKUP + timedelta(days=7)
    app = build_app(ready, today=week)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await dashboard_ready(pilot, app)
        await until(pilot, notified(app, "A week of the pause"))
    with reread(ready) as j:
        assert j.setting(SAID_ON_SETTING) == week.isoformat()
    assert await opened_says(ready, week) == []  # opened again the same day: quiet
    assert await opened_says(ready, week + timedelta(days=1)) == []  # day 8: nothing to mark


async def test_two_weeks_comes_on_its_day(ready: Journal) -> None:
    ready.set_journey(breakup_date=BREAKUP, onboarded=True)
    assert await opened_says(ready, BREAKUP + timedelta(days=13)) == []
    # The same look that finds nothing on quiet days finds the milestone on its day.
    [said] = await opened_says(ready, BREAKUP + timedelta(days=14))
    assert "Two weeks of the pause" in said


async def test_a_slip_today_gets_a_kind_word_that_keeps_the_best(ready: Journal) -> None:
    ready.set_journey(breakup_date=BREAKUP, onboarded=True)
    today = BREAKUP + timedelta(days=20)
    # A message you sent today: the pause starts over; its best (20 days) stands.
    ready.log_contact(medium="text", initiated_by="me", when=datetime_on(today))
    app = build_app(ready, today=today)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await dashboard_ready(pilot, app)
        await until(pilot, notified(app, "Your best, 20 days, still stands"))


def datetime_on(day: date) -> datetime:
    """Noon of ``day``, local time."""
    return datetime.combine(day, time(12)).astimezone()
