"""The dashboard at 80x24 answers the keyboard wherever Tab has left the focus."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from exback_tui.store.journal import Journal
from exback_tui.tui import keys
from exback_tui.tui.app import build_app

from .helpers import dashboard_ready, on_phase, until


async def test_after_tab_the_pane_key_brings_the_roadmap_back_to_the_keys(
    ready: Journal,
) -> None:
    """Issue 14.9: Tab, then 1, Down, Enter opens the second phase, as Help says."""
    app = build_app(ready)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await dashboard_ready(pilot, app)
        assert screen.has_class("-narrow")
        await pilot.press("tab")
        await until(pilot, lambda: app.focused is None or app.focused.id != "stepper")
        await pilot.press("1", "down", "enter")
        await until(pilot, on_phase(app, 2))


async def test_every_dashboard_key_shows_whole_in_the_footer_at_80_columns(
    ready: Journal,
) -> None:
    """Issue 14.7: at 80x24 the footer shows every key of the dashboard, none cut off."""
    app = build_app(ready)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await dashboard_ready(pilot, app)
        expected = {b.key for b in keys.DASHBOARD + keys.EVERYWHERE if b.show}
        await until(  # laid out: every key of the table has its place on screen
            pilot,
            lambda: expected <= {k.key for k in screen.query(FooterKey) if k.region.width},
        )
        for footer_key in screen.query(FooterKey):
            region = footer_key.region
            label = f"{footer_key.key_display} {footer_key.description}".strip()
            assert region.x >= 0 and region.right <= 80, label
            assert region.width >= len(label), f"{label!r} is cut to {region.width} columns"
