"""The week's first day in the app (issue 16): chosen in Settings by keys alone, followed by
the weekly review's offer and screen, which also names the exit signals that moved."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import OptionList

from exback_tui.core.values import HowEnded
from exback_tui.core.week_review import WEEK_START_SETTING
from exback_tui.store.journal import Journal
from exback_tui.tui.app import build_app
from exback_tui.tui.screens.dashboard import DashboardScreen
from exback_tui.tui.screens.settings import SettingsScreen
from exback_tui.tui.screens.week_review import WeekReviewScreen
from exback_tui.tui.week_offer import OFFERED_SETTING

from .helpers import dashboard_ready, on, reread, settled, shown, until

SMALL = (80, 24)
SUNDAY = date(2025, 6, 29)  # opened on this Sunday, a Sunday week reviews 22 to 28 June


def week_of_checkins(journal: Journal) -> None:
    """Moods of 6 from Sunday 15 to Saturday 28 June; the 30-day pause held on 25 June."""
    journal.set_journey(breakup_date=date(2025, 5, 26), how=HowEnded.PLANNED, onboarded=True)
    for offset in range(14):
        journal.record_checkin(date(2025, 6, 15) + timedelta(days=offset), mood=6)


def review_text(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, WeekReviewScreen)
    return shown(screen.query_one("#week-review"))


async def test_settings_pick_the_week_start_by_keys_at_80x24(ready: Journal) -> None:
    app = build_app(ready, today=SUNDAY)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await dashboard_ready(pilot, app)
        app.action_open("settings")
        await until(pilot, on(app, SettingsScreen))
        await until(pilot, settled(app))
        days = app.screen.query_one("#week-start", OptionList)
        assert days.highlighted == 0  # Monday unless set
        for _ in range(20):  # tab through the page to the list
            if app.focused is days:
                break
            await pilot.press("tab")
        assert app.focused is days
        await pilot.press("end", "enter")
        await until(pilot, lambda: "Weeks start on Sunday" in _toasts(app))
        # Scrolled into view, all seven days within the 80x24 screen.
        assert days.region.height >= 9 and days.region.bottom <= SMALL[1]
    with reread(ready) as j:
        assert j.setting(WEEK_START_SETTING) == "sunday"
    app = build_app(ready, today=SUNDAY)
    async with app.run_test(size=SMALL) as pilot:
        await dashboard_ready(pilot, app)
        app.action_open("settings")
        await until(pilot, on(app, SettingsScreen))
        days = app.screen.query_one("#week-start", OptionList)
        await until(pilot, lambda: days.highlighted == 6)


def _toasts(app: object) -> str:
    return " ".join(shown(t) for t in app.screen.query("Toast"))  # type: ignore[attr-defined]


async def test_a_sunday_week_is_offered_on_sunday_with_its_exit_signals(ready: Journal) -> None:
    week_of_checkins(ready)
    ready.set_setting(WEEK_START_SETTING, "sunday")
    ready.set_setting(OFFERED_SETTING, "2025-06-15")  # the app was opened a week before
    app = build_app(ready, today=SUNDAY)
    async with app.run_test(size=SMALL) as pilot:
        await until(pilot, on(app, WeekReviewScreen))
        await until(pilot, lambda: "Week Sun 22 Jun to Sat 28 Jun 2025" in review_text(app))
        text = review_text(app)
        assert "Checked in: 7 days of 7 (the same as the week before)." in text
        assert "Exit signals that moved this week:\n  The pause has held: met now." in text
        await pilot.press("escape")
        await until(pilot, on(app, DashboardScreen))
    with reread(ready) as j:
        assert j.setting(OFFERED_SETTING) == "2025-06-22"


async def test_monday_weeks_by_default_and_a_week_offered_before_is_not_offered_again(
    ready: Journal,
) -> None:
    week_of_checkins(ready)
    ready.set_setting(WEEK_START_SETTING, "not a day")  # hand-edited: Monday
    ready.set_setting(OFFERED_SETTING, "2025-W25")  # as an older exback kept it
    app = build_app(ready, today=SUNDAY)  # still the week of Monday 23 June: nothing to offer
    async with app.run_test(size=SMALL) as pilot:
        await until(pilot, settled(app))
        assert isinstance(app.screen, DashboardScreen)
    app = build_app(ready, today=SUNDAY + timedelta(days=1))
    async with app.run_test(size=SMALL) as pilot:
        await until(pilot, on(app, WeekReviewScreen))
        await until(pilot, lambda: "Week 2025-W26 (Mon 23 Jun" in review_text(app))
        assert "The pause has held: met now." in review_text(app)  # 27 days, then 34


async def offered_on(journal: Journal, today: date) -> str | None:
    """Open the app on ``today`` until every worker is done; the review's first line if it
    was offered (then skipped with one key), else None."""
    app = build_app(journal, today=today)
    async with app.run_test(size=SMALL) as pilot:
        await until(pilot, settled(app))
        await pilot.pause()
        if not isinstance(app.screen, WeekReviewScreen):
            return None
        await until(pilot, lambda: review_text(app).startswith("Week"))
        first = review_text(app).splitlines()[0]
        await pilot.press("escape")
        await until(pilot, on(app, DashboardScreen))
        return first


async def test_a_new_week_start_does_not_bring_back_a_week_just_reviewed(ready: Journal) -> None:
    week_of_checkins(ready)
    ready.record_checkin(date(2025, 7, 1), mood=7)
    ready.set_setting(OFFERED_SETTING, "2025-06-23")  # Monday 30 June offered 23 to 29 June
    ready.set_setting(WEEK_START_SETTING, "sunday")  # then weeks were made to start on Sunday
    assert await offered_on(ready, date(2025, 7, 2)) is None  # 22 to 28 June: seen already
    assert await offered_on(ready, date(2025, 7, 6)) == "Week Sun 29 Jun to Sat 05 Jul 2025"
    assert await offered_on(ready, date(2025, 7, 6)) is None  # once
