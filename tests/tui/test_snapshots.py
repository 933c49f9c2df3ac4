"""SVG snapshots of the main screens on the fixed demo journal and a fixed "today"."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot

from exback_tui.store.journal import Journal
from exback_tui.tui.app import ExbackApp, build_app
from exback_tui.tui.screens.checkin import CheckInScreen
from exback_tui.tui.screens.insights import InsightsScreen
from exback_tui.tui.screens.phase import PhaseScreen
from exback_tui.tui.widgets.scale import Scale

from .helpers import DEMO_TODAY, dashboard_ready, settled, until


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


def test_dashboard_160x50(snap_compare: Any, demo: Journal) -> None:
    assert snap_compare(
        build_app(demo, today=DEMO_TODAY), terminal_size=(160, 50), run_before=settle()
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
            and "■" in str(app.screen.query_one("#heatmap").render())
        ),
    )


def test_insights_120x40(snap_compare: Any, demo: Journal) -> None:
    assert snap_compare(
        build_app(demo, today=DEMO_TODAY), terminal_size=(120, 40), run_before=settle(_insights)
    )
