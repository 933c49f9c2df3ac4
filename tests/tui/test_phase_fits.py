"""The phase screen at 80x24: the checklist is in sight, and what Space ticks is what you see."""

from __future__ import annotations

from textual.widgets import SelectionList

from exback_tui.store.journal import Journal
from exback_tui.tui.app import build_app
from exback_tui.tui.screens.phase import PhaseScreen

from .helpers import dashboard_ready, reread, settled, until


async def test_the_checklist_is_in_sight_and_space_ticks_the_item_you_see(
    ready: Journal,
) -> None:
    """Issue 14.6: p, Down, Space ticked item 2 while only the guidance showed."""
    app = build_app(ready)
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("p")
        await until(
            pilot, lambda: isinstance(app.screen, PhaseScreen) and app.screen.snapshot is not None
        )
        await until(pilot, settled(app))
        checklist = app.screen.query_one("#checklist", SelectionList)
        assert app.focused is checklist
        await pilot.press("down")
        await until(pilot, lambda: checklist.highlighted == 1)
        row = checklist.region.y + 1 + 1  # its border, then the first item: the second item
        assert checklist.region.y >= 0 and row < app.screen.region.height - 1, "out of sight"
        second = checklist.get_option_at_index(1).value
        await pilot.press("space")
        await until(pilot, lambda: second in checklist.selected)
    with reread(ready) as journal:
        assert [mark.item_key for mark in journal.checklist_marks(1)] == [second]
