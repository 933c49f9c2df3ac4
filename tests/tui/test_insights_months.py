"""The insights' month view (issue 16): m shows a year's months with their mood, check-in
days and the habit of their better days, read from a real journal; ← and → change the year."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from textual.geometry import Region
from textual.widgets import Static

from exback_tui.core.month_view import NOT_ENOUGH
from exback_tui.core.values import HowEnded
from exback_tui.store.journal import Journal
from exback_tui.tui.app import build_app
from exback_tui.tui.screens.insights import InsightsScreen

from .helpers import DEMO_TODAY, dashboard_ready, on, settled, until


def known_days(journal: Journal) -> None:
    """June 2025: 6 days walked at mood 8, 6 without at mood 5, one day with an urge only.
    May 2025: 3 days at mood 6. March 2024: one day at mood 3."""
    journal.set_journey(breakup_date=date(2024, 3, 1), how=HowEnded.PLANNED, onboarded=True)
    journal.add_habit("walk [b]")
    for n in range(1, 7):
        journal.record_checkin(date(2025, 6, n), mood=8, habits=["walk [b]"])
    for n in range(7, 13):
        journal.record_checkin(date(2025, 6, n), mood=5)
    journal.record_checkin(date(2025, 6, 20), urge=4)
    for n in (2, 9, 16):
        journal.record_checkin(date(2025, 5, n), mood=6)
    journal.record_checkin(date(2024, 3, 10), mood=3)


def table_text(app: Any) -> str:
    """The month table as the screen draws it at its width, in plain text."""
    table = app.screen.query_one("#months-table", Static)
    lines = table.render_lines(Region(0, 0, table.size.width, table.size.height))
    return "\n".join(line.text.strip() for line in lines)


def row(text: str, label: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(label))


async def months_open(pilot: Any, app: Any, year: int) -> None:
    await dashboard_ready(pilot, app)
    app.action_open("insights")
    await until(pilot, on(app, InsightsScreen))
    await until(pilot, settled(app))
    await pilot.press("m")
    await until(
        pilot, lambda: f"{year} by month" in str(app.screen.query_one("#months-title").render())
    )


async def test_the_month_view_shows_each_months_numbers_at_80x24(ready: Journal) -> None:
    known_days(ready)
    app = build_app(ready, today=DEMO_TODAY)  # 30 June 2025
    async with app.run_test(size=(80, 24)) as pilot:
        await months_open(pilot, app, 2025)
        text = table_text(app)
        june = row(text, "Jun 2025")
        assert "6.5" in june and "13 of 30" in june and "walk [b] +3.0" in june
        may = row(text, "May 2025")
        assert "6.0" in may and "3 of 31" in may and NOT_ENOUGH in may
        assert "0 of 28" in row(text, "Feb 2025") and "Jul 2025" not in text
        assert "Mood with" not in text  # the narrow table keeps to its five columns
        # Back a year, to March 2024's one day; not further than the journal's first year.
        await pilot.press("left")
        await until(
            pilot, lambda: "2024 by month" in str(app.screen.query_one("#months-title").render())
        )
        await until(pilot, lambda: "Dec 2024" in table_text(app))
        assert "3.0" in row(table_text(app), "Mar 2024")
        assert "Feb 2024" not in table_text(app)  # the journal began in March
        # A whole year of months stands on an 80x24 screen without scrolling.
        table = app.screen.query_one("#months-table")
        assert table.region.bottom <= app.screen.query_one("#insights-months").region.bottom
        await pilot.press("left")
        await pilot.press("m")  # and m goes back to the overview
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        await until(pilot, lambda: not screen.in_months)
        assert screen.year == 2024


async def test_a_wide_terminal_shows_the_moods_with_and_without(ready: Journal) -> None:
    known_days(ready)
    app = build_app(ready, today=DEMO_TODAY)
    async with app.run_test(size=(160, 50)) as pilot:
        await months_open(pilot, app, 2025)
        june = row(table_text(app), "Jun 2025")
        assert "8.0 (6d)" in june and "5.0 (6d)" in june
        assert not app.screen.query_one("#insights-months").max_scroll_y  # a year fits


async def test_ten_years_of_check_ins_read_one_year(tmp_path: Any) -> None:
    with Journal.open(tmp_path / "ten.db") as journal:
        journal.set_journey(breakup_date=DEMO_TODAY - timedelta(days=3700), onboarded=True)
        for n in range(3650):
            journal.record_checkin(DEMO_TODAY - timedelta(days=n), mood=1 + n % 10)
        app = build_app(journal, today=DEMO_TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            await months_open(pilot, app, 2025)
            assert "30 of 30" in row(table_text(app), "Jun 2025")
