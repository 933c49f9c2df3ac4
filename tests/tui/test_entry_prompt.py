"""A new entry offers today's writing prompt: another on ctrl+n, none after ctrl+o, and the
entry keeps the one shown when it is saved (issue 16)."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Static, TextArea

from exback_tui.core.prompts import PROMPTS, prompt_for
from exback_tui.store.journal import Journal
from exback_tui.tui.app import ExbackApp, build_app
from exback_tui.tui.screens.entry import EntryScreen
from exback_tui.tui.screens.journal import JournalScreen

from .helpers import dashboard_ready, on, reread, shown, until

TODAY = date(2025, 6, 30)
SMALL = (80, 24)


def prompt_shown(app: ExbackApp) -> str:
    """The prompt the entry screen shows ("" when it shows none)."""
    widget = app.screen.query_one("#entry-prompt", Static)
    return shown(widget) if widget.display else ""


async def another(pilot: Pilot[Any], app: ExbackApp) -> None:
    """Press ctrl+n and wait for a different prompt to show."""
    before = prompt_shown(app)
    await pilot.press("ctrl+n")
    await until(pilot, lambda: prompt_shown(app) != before)


async def open_new_entry(pilot: Pilot[Any], app: ExbackApp) -> None:
    """From the dashboard to the journal, then `n` for a new entry, its prompt loaded."""
    await dashboard_ready(pilot, app)
    await pilot.press("j")
    await until(pilot, on(app, JournalScreen))
    await pilot.press("n")
    await until(pilot, lambda: on(app, EntryScreen)() and bool(prompt_shown(app)))


async def test_a_new_entry_shows_the_phase_prompt_and_keeps_the_one_saved(ready: Journal) -> None:
    ready.move_phase(2, "steadier")
    first, second = prompt_for(2, TODAY), prompt_for(2, TODAY, 1)
    app = build_app(ready, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await open_new_entry(pilot, app)
        assert prompt_shown(app) == first
        assert "ctrl+n another prompt" in shown(app.screen.query_one("#entry-hint", Static))
        await pilot.press("ctrl+n")
        await until(pilot, lambda: prompt_shown(app) == second)
        # The keys went to the screen, not into the text.
        assert app.screen.query_one(TextArea).text == ""
        await pilot.press(*"Cooked a real dinner")
        await pilot.press("ctrl+s")
        await until(pilot, on(app, JournalScreen))
    with reread(ready) as j:
        [entry] = j.entries()
        assert (entry.text, entry.prompt) == ("Cooked a real dinner", second)


async def test_another_prompt_comes_round_to_the_first(ready: Journal) -> None:
    ready.move_phase(4, "talking again")
    app = build_app(ready, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await open_new_entry(pilot, app)
        seen = [prompt_shown(app)]
        for _ in PROMPTS[4]:
            await another(pilot, app)
            seen.append(prompt_shown(app))
        assert sorted(set(seen)) == sorted(PROMPTS[4]) and seen[-1] == seen[0]


async def test_an_entry_written_after_dismissing_the_prompt_has_none(ready: Journal) -> None:
    app = build_app(ready, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await open_new_entry(pilot, app)
        assert prompt_shown(app) == prompt_for(1, TODAY)
        await pilot.press("ctrl+o")
        await until(pilot, lambda: prompt_shown(app) == "")
        assert "ctrl+n a prompt" in shown(app.screen.query_one("#entry-hint", Static))
        await pilot.press(*"Just words")
        await pilot.press("ctrl+s")
        await until(pilot, on(app, JournalScreen))
    with reread(ready) as j:
        assert [(e.text, e.prompt) for e in j.entries()] == [("Just words", "")]


async def test_the_prompt_fits_at_80x24_and_the_editor_keeps_its_rows(ready: Journal) -> None:
    ready.move_phase(4, "talking again")
    longest = max(PROMPTS[4], key=len)
    app = build_app(ready, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await open_new_entry(pilot, app)
        while prompt_shown(app) != longest:
            await another(pilot, app)
        dialog = app.screen.query_one("#entry-dialog")
        assert dialog.region.height <= SMALL[1] and dialog.region.width <= SMALL[0]
        assert app.screen.query_one(TextArea).region.height == 12
        hint = app.screen.query_one("#entry-hint", Static)
        assert hint.region.bottom <= dialog.region.bottom and hint.region.height == 1
        assert app.screen.query_one("#entry-prompt", Static).region.height == 2


async def test_the_journal_shows_an_entry_with_its_prompt(ready: Journal) -> None:
    asked = prompt_for(1, TODAY)
    ready.add_entry("Wrote it here instead.", day=TODAY, prompt=asked)
    app = build_app(ready, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("j")
        await until(pilot, on(app, JournalScreen))
        preview = app.screen.query_one("#entry-preview", Static)
        await until(pilot, lambda: "Wrote it here instead." in shown(preview))
        assert asked in shown(preview)
        assert shown(preview).index(asked) < shown(preview).index("Wrote it here")
        await until(pilot, lambda: app.screen.query_one(DataTable).row_count == 1)
        await pilot.press("enter")
        await until(pilot, on(app, EntryScreen))
        # Read-only above the text: no keys to change it on an entry already written.
        assert prompt_shown(app) == asked
        assert "ctrl+n" not in shown(app.screen.query_one("#entry-hint", Static))
        await pilot.press("ctrl+o")
        assert prompt_shown(app) == asked
        await pilot.press("end", *" Still true.", "ctrl+s")
        await until(pilot, on(app, JournalScreen))
    with reread(ready) as j:
        [entry] = j.entries()
        assert (entry.text, entry.prompt) == ("Wrote it here instead. Still true.", asked)
