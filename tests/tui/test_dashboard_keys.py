"""The dashboard at 80x24 answers the keyboard wherever Tab has left the focus."""

from __future__ import annotations

import ast
from pathlib import Path

from textual.widgets._footer import FooterKey

from exback_tui.store.journal import Journal
from exback_tui.tui import keys
from exback_tui.tui.app import build_app

from .helpers import DEMO_TODAY, dashboard_ready, on_phase, settled, until


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


async def test_the_footer_is_rebuilt_only_when_its_keys_change(together: Journal) -> None:
    """Textual rebuilt every footer key on each refresh of the bindings, a fifth of a
    screen's work; the same keys now stay, and new keys still show."""
    app = build_app(together, today=DEMO_TODAY)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await dashboard_ready(pilot, app)
        await until(pilot, settled(app))
        expected = {b.key for b in keys.DASHBOARD + keys.EVERYWHERE if b.show and b.key != "u"}
        await until(  # phase 6's keys: no urge key once the journal's data is in
            pilot,
            lambda: (
                {k.key for k in screen.query(FooterKey)} >= expected
                and "u" not in {k.key for k in screen.query(FooterKey)}
            ),
        )
        drawn: list[FooterKey] = []
        for _ in range(50):  # at rest: the same keys over a few frames (a busy machine lags)
            now = list(screen.query(FooterKey))
            if now == drawn:
                break
            drawn = now
            for _ in range(3):
                await pilot.pause()
        assert "check_item" not in {key.action for key in drawn}
        for _ in range(3):
            screen.refresh_bindings()
            await pilot.pause()
        await until(pilot, settled(app))
        assert list(screen.query(FooterKey)) == drawn  # the very same widgets
        await pilot.press("3")  # the health checks, with space to mark one
        await until(pilot, lambda: "check_item" in {k.action for k in screen.query(FooterKey)})


def test_every_screen_uses_the_steady_footer() -> None:
    """A screen that built Textual's own footer would rebuild its keys on every focus change."""
    built = []
    for path in (Path(__file__).parents[2] / "exback_tui" / "tui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            called = node.func if isinstance(node, ast.Call) else None
            if isinstance(called, ast.Name) and called.id == "Footer":
                built.append(f"{path.name}:{called.lineno}")
    assert built == []
