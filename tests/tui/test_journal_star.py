"""The Journal screen's `*`: star the highlighted entry, shown in the list; `*` again unstars.
The star is the same one `exback entry --star` gives (core.stars)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import DataTable

from exback_tui.core.stars import STAR
from exback_tui.store.journal import Journal
from exback_tui.tui.app import build_app
from exback_tui.tui.screens.journal import JournalScreen

from .helpers import SIZE, dashboard_ready, on, reread, settled, until


def text_cell(table: DataTable[Text], row: int) -> str:
    """The text column of a row, as drawn."""
    return table.get_row_at(row)[2].plain


async def test_star_key_stars_the_highlighted_entry_and_shows_it(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.db") as journal:
        journal.set_journey(how="planned", children=False)
        older = journal.add_entry("An older walk.", tags=["walk"])
        newer = journal.add_entry("Slept well for once.")
        app = build_app(journal)
        async with app.run_test(size=SIZE) as pilot:
            await dashboard_ready(pilot, app)
            await pilot.press("j")
            await until(pilot, on(app, JournalScreen))
            table = app.screen.query_one(DataTable)
            await until(pilot, lambda: table.row_count == 2)
            assert not text_cell(table, 1).startswith(STAR)
            await pilot.press("down", "asterisk")  # the older entry, second in the list
            await until(pilot, lambda: text_cell(table, 1).startswith(STAR))
            assert not text_cell(table, 0).startswith(STAR)
            await until(pilot, settled(app))
            with reread(journal) as other:
                assert other.entry(older.id).tags == ("walk", "starred")
                assert other.entry(older.id).text == "An older walk."
                assert other.entry(newer.id).tags == ()
            await until(pilot, lambda: table.cursor_row == 1)
            await pilot.press("asterisk")
            await until(pilot, lambda: not text_cell(table, 1).startswith(STAR))
            await until(pilot, settled(app))
            with reread(journal) as other:
                assert other.entry(older.id).tags == ("walk",)
