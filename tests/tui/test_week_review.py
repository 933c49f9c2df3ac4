"""The weekly review in the app: last week against the week before (today injected), kept
with a reflection as an entry tagged review, or closed without a trace."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from exback_tui.core.values import HowEnded, Initiator, Medium
from exback_tui.store.journal import Journal
from exback_tui.tui.app import build_app
from exback_tui.tui.screens.dashboard import DashboardScreen
from exback_tui.tui.screens.week_review import WeekReviewScreen

from .helpers import SIZE, dashboard_ready, on, reread, settled, shown, until

MONDAY = date(2025, 6, 30)  # the app opens on this Monday: the review is of 23-29 June


def two_weeks(journal: Journal) -> None:
    """Moods 5 then 7 on the two weeks before MONDAY, a habit named with markup."""
    journal.set_journey(breakup_date=date(2025, 5, 1), how=HowEnded.PLANNED, onboarded=True)
    journal.add_habit("walk [b]")
    for offset in range(3):
        journal.record_checkin(MONDAY - timedelta(days=14 - offset), mood=5)
    for offset in range(4):
        journal.record_checkin(
            MONDAY - timedelta(days=7 - offset), mood=7, habits=["walk [b]"] if offset else []
        )


def review_text(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, WeekReviewScreen)
    return shown(screen.query_one("#week-review"))


async def test_w_opens_last_weeks_review_and_saves_it_with_a_reflection(ready: Journal) -> None:
    two_weeks(ready)
    app = build_app(ready, today=MONDAY)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("w")
        await until(pilot, on(app, WeekReviewScreen))
        await until(pilot, lambda: "2025-W26" in review_text(app))
        text = review_text(app)
        assert "Mood: 7.0 on average, up from 5.0 the week before." in text
        assert "Checked in: 4 days of 7 (3 the week before)." in text
        assert "walk [b]: 3 (0 the week before)" in text
        await pilot.press(*"Walks [/] helped", "ctrl+s")
        await until(pilot, on(app, DashboardScreen))
    with reread(ready) as j:
        [entry] = j.entries()
        assert entry.tags == ("review",) and entry.day == MONDAY
        assert entry.text.startswith("Week 2025-W26 (Mon 23 Jun to Sun 29 Jun 2025)")
        assert entry.text.endswith("\n\nWalks [/] helped")


async def test_the_question_to_reflect_on_sits_on_its_box_in_sight_at_80x24(
    ready: Journal,
) -> None:
    """The prompt closed the review's scrolling text, out of sight at 80x24 while the box to
    answer it showed; it is the box's label now, and the saved entry still holds it."""
    two_weeks(ready)
    ready.log_contact(
        medium=Medium.TEXT, initiated_by=Initiator.THEM, when=datetime(2025, 6, 25, 19, tzinfo=UTC)
    )  # a longer review
    ready.move_phase(3, "Time to weigh it up")  # its prompt that week is longer than a line
    app = build_app(ready, today=MONDAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("w")
        await until(pilot, on(app, WeekReviewScreen))
        await until(pilot, lambda: "2025-W26" in review_text(app))
        screen = app.screen
        assert isinstance(screen, WeekReviewScreen) and screen.week is not None
        prompt = screen.week.prompt
        assert "To reflect on" not in review_text(app)
        label = screen.query_one("#week-prompt")
        await until(pilot, lambda: shown(label) == f"To reflect on: {prompt}")
        assert label.region.y >= 0 and label.region.bottom <= 24 - 1  # above the footer
        # The whole question: wrapped, not cut at the edge.
        await until(pilot, lambda: label.region.height >= 2)
        await pilot.press(*"One line", "ctrl+s")
        await until(pilot, on(app, DashboardScreen))
    with reread(ready) as j:
        [entry] = [e for e in j.entries() if "review" in e.tags]
        assert f"To reflect on:\n  {prompt}\n\nOne line" in entry.text


async def test_closing_keeps_nothing_and_asks_before_dropping_a_reflection(
    ready: Journal,
) -> None:
    two_weeks(ready)
    app = build_app(ready, today=MONDAY)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("w")
        await until(pilot, on(app, WeekReviewScreen))
        await pilot.press("escape")
        await until(pilot, on(app, DashboardScreen))
        await pilot.press("w")
        await until(pilot, on(app, WeekReviewScreen))
        await pilot.press("x", "escape")
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen")
        await pilot.press("y")
        await until(pilot, on(app, DashboardScreen))
    with reread(ready) as j:
        assert j.entries() == []


async def opens_on(journal: Journal, today: date) -> bool:
    """Open the app on ``today`` until every worker is done; whether the review was offered
    (and, if so, skip it with one key)."""
    app = build_app(journal, today=today)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, settled(app))
        await pilot.pause()
        offered = isinstance(app.screen, WeekReviewScreen)
        if offered:
            await until(pilot, lambda: "2025-W" in review_text(app))
            await pilot.press("escape")
            await until(pilot, on(app, DashboardScreen))
        return offered


async def test_the_next_monday_offers_last_weeks_review_once(ready: Journal) -> None:
    two_weeks(ready)
    # The first opening only remembers the week: nothing of the app's to look back on yet.
    assert not await opens_on(ready, MONDAY - timedelta(days=4))
    app = build_app(ready, today=MONDAY)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, on(app, WeekReviewScreen))
        await until(pilot, lambda: "Week 2025-W26" in review_text(app))
        await pilot.press("escape")  # skipped: one key
        await until(pilot, on(app, DashboardScreen))
    assert not await opens_on(ready, MONDAY)  # never asked again for that week
    assert not await opens_on(ready, MONDAY + timedelta(days=2))
    with reread(ready) as j:
        assert j.entries() == []


async def test_a_week_without_a_check_in_is_not_offered(ready: Journal) -> None:
    two_weeks(ready)
    assert not await opens_on(ready, MONDAY)
    assert not await opens_on(ready, MONDAY + timedelta(days=7))  # 30 Jun - 6 Jul: empty
