"""A toast on the narrow dashboard sits above the two rows of keys, never over them."""

from __future__ import annotations

from exback_tui.store.journal import Journal
from exback_tui.tui.app import build_app
from exback_tui.tui.widgets.key_footer import KeyFooter

from .helpers import dashboard_ready, until


async def test_a_toast_at_80x24_leaves_both_rows_of_keys_in_sight(ready: Journal) -> None:
    """Seen in tmux: 'Saved the check-in' covered the right half of the footer's first row."""
    app = build_app(ready)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await dashboard_ready(pilot, app)
        footer = app.screen.query_one(KeyFooter)
        await until(pilot, lambda: footer.has_class("-rows") and footer.region.height == 2)
        app.notify("Saved the check-in for today.", timeout=120)  # up for the whole test
        await until(pilot, lambda: bool(app.screen.query("Toast")))
        toast = app.screen.query_one("Toast")
        await until(pilot, lambda: toast.region.height > 0)
        # Its first frame can be laid out before the rack's lift (one frame, on a busy
        # machine): it must come to rest above both rows, and stay there.
        await until(
            pilot, lambda: toast.region.height > 0 and toast.region.bottom <= footer.region.y
        )
        for _ in range(5):
            await pilot.pause()
            assert toast.region.height > 0
            assert toast.region.bottom <= footer.region.y, (toast.region, footer.region)
