"""SVG snapshots of the main screens on the fixed demo journal and a fixed "today"."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import new_journal
from textual.pilot import Pilot

from exback_tui.store.journal import Journal
from exback_tui.tui.app import ExbackApp, build_app
from exback_tui.tui.screens.checkin import CheckInScreen
from exback_tui.tui.screens.insights import InsightsScreen
from exback_tui.tui.screens.phase import PhaseScreen
from exback_tui.tui.widgets.scale import Scale

from .helpers import DEMO_TODAY, dashboard_ready, settled, until
from .wide_helpers import fill_climbing


@pytest.fixture
def climbing(tmp_path: Path) -> Iterator[Journal]:
    """Phase 4, a few rungs up the contact ladder (today is DEMO_TODAY)."""
    start = DEMO_TODAY - timedelta(days=90)
    with Journal.open(new_journal(tmp_path / "climbing.db", start), today=start) as journal:
        fill_climbing(journal)
        yield journal


async def still(pilot: Pilot[Any], app: ExbackApp, rounds: int = 50) -> None:
    """Wait until the focus and the scroll position stop changing: a screen filled by a
    worker focuses a widget afterwards, which scrolls it into view with an animation."""
    before: object = None
    for _ in range(rounds):
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        now = (
            app.focused,
            app.screen.scroll_offset,
            [w.scroll_offset for w in app.screen.query("*") if w.is_scrollable],
        )
        if now == before:
            return
        before = now
    raise AssertionError("the screen never stood still")


def settle(
    then: Callable[[Pilot[Any], ExbackApp], Awaitable[None]] | None = None,
) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Wait for the dashboard's data (and then whatever else) before the picture is taken."""

    async def run_before(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, ExbackApp)
        await dashboard_ready(pilot, app)
        if then is not None:
            await then(pilot, app)
        await until(pilot, settled(app))
        await still(pilot, app)

    return run_before


def test_dashboard_80x24(snap_compare: Any, demo: Journal) -> None:
    assert snap_compare(
        build_app(demo, today=DEMO_TODAY), terminal_size=(80, 24), run_before=settle()
    )


def test_dashboard_120x40(snap_compare: Any, demo: Journal) -> None:
    """Tall enough for the roadmap's checklist and the mood strip, not for the ladder."""
    assert snap_compare(
        build_app(demo, today=DEMO_TODAY), terminal_size=(120, 40), run_before=settle()
    )


def test_dashboard_160x50(snap_compare: Any, demo: Journal) -> None:
    assert snap_compare(
        build_app(demo, today=DEMO_TODAY), terminal_size=(160, 50), run_before=settle()
    )


def test_dashboard_contact_phase_160x50(snap_compare: Any, climbing: Journal) -> None:
    """Phase 4 on a tall terminal: the contact ladder under the meter, the rung marked."""
    assert snap_compare(
        build_app(climbing, today=DEMO_TODAY), terminal_size=(160, 50), run_before=settle()
    )


async def _health(pilot: Pilot[Any], app: ExbackApp) -> None:
    await pilot.press("3")
    await until(pilot, lambda: app.focused is not None and app.focused.id == "health-items")


def test_relationship_health_80x24(snap_compare: Any, together: Journal) -> None:
    assert snap_compare(
        build_app(together, today=DEMO_TODAY), terminal_size=(80, 24), run_before=settle(_health)
    )


async def _checkin(pilot: Pilot[Any], app: ExbackApp) -> None:
    await pilot.press("c")
    await until(
        pilot,
        lambda: (
            isinstance(app.screen, CheckInScreen)
            and app.screen.query_one("#mood", Scale).value is not None
        ),
    )


def test_checkin_80x24(snap_compare: Any, demo: Journal) -> None:
    assert snap_compare(
        build_app(demo, today=DEMO_TODAY), terminal_size=(80, 24), run_before=settle(_checkin)
    )


async def _phase(pilot: Pilot[Any], app: ExbackApp) -> None:
    await pilot.press("p")
    await until(
        pilot, lambda: isinstance(app.screen, PhaseScreen) and app.screen.snapshot is not None
    )


def test_phase_120x40(snap_compare: Any, demo: Journal) -> None:
    assert snap_compare(
        build_app(demo, today=DEMO_TODAY), terminal_size=(120, 40), run_before=settle(_phase)
    )


async def _insights(pilot: Pilot[Any], app: ExbackApp) -> None:
    await pilot.press("i")
    await until(
        pilot,
        lambda: (
            isinstance(app.screen, InsightsScreen)
            and "8-10" in str(app.screen.query_one("#heatmap").render())
        ),
    )


def test_insights_120x40(snap_compare: Any, demo: Journal) -> None:
    assert snap_compare(
        build_app(demo, today=DEMO_TODAY), terminal_size=(120, 40), run_before=settle(_insights)
    )


def test_insights_no_color_120x40(
    snap_compare: Any, demo: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under NO_COLOR (Textual's monochrome filter) each mood still reads by its shade."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(demo, today=DEMO_TODAY)
    assert app.no_color
    assert snap_compare(app, terminal_size=(120, 40), run_before=settle(_insights))
