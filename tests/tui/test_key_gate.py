"""Keys sent faster than the app handles them land where the focus is when each is handled.

A terminal delivers a paste, a fast typist or ``tmux send-keys`` as a burst of key events in
one go; the pilot's ``press`` waits after every key and would hide the problem, so these tests
post the whole burst at once, as the terminal driver does.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from textual import events

from exback_tui.store.journal import Journal
from exback_tui.tui.app import ExbackApp, build_app
from exback_tui.tui.screens.entry import EntryScreen
from exback_tui.tui.screens.journal import JournalScreen

from .helpers import SIZE, dashboard_ready, on, settled, shown, until

NAMED = {"tab": "\t", "space": " ", "enter": "\r", "slash": "/"}


def burst(app: ExbackApp, *keys: str) -> None:
    """Every key posted to the app at once, none waiting for the one before."""
    for key in keys:
        for one in [key] if key in NAMED or "+" in key else list(key):
            app.post_message(events.Key(one, NAMED.get(one, one if len(one) == 1 else None)))


def saved_checkin(journal: Journal) -> tuple[object, ...] | None:
    """Today's check-in as stored in the file (mood, urge, note), or None."""
    with sqlite3.connect(journal.path) as con:
        row = con.execute(
            "SELECT mood, urge, note FROM checkin WHERE day = ?", (date.today().isoformat(),)
        ).fetchone()
    return tuple(row) if row else None


async def test_a_checkin_typed_in_one_burst_lands_field_by_field(ready: Journal) -> None:
    """Issue 14.1: ``c 7 Tab 3 Tab Space Tab note ctrl+s`` in one go saves exactly that."""
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        burst(app, "c", "7", "tab", "3", "tab", "space", "tab", "burst one", "ctrl+s")
        await until(pilot, lambda: saved_checkin(ready) is not None)
    assert saved_checkin(ready) == (7, 3, "burst one")
    with Journal.open(ready.path) as journal:
        saved = journal.checkin(date.today())
    assert saved is not None and saved.habits == frozenset({"friends"})


async def test_text_typed_right_after_tab_stays_in_its_own_field(ready: Journal) -> None:
    """Issue 14.1: in an entry, the text typed after Tab goes to the tags, not the text."""
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("j")
        await until(pilot, on(app, JournalScreen))
        await until(pilot, settled(app))  # its list loaded: "n" is not typed into a search
        await pilot.press("n")
        await until(pilot, on(app, EntryScreen))
        burst(app, "Small win.", "tab", "night", "ctrl+s")
        await until(pilot, lambda: ready.count_entries() == 1)
    with Journal.open(ready.path) as journal:
        (entry,) = journal.entries()
    assert entry.text == "Small win."
    assert entry.tags == ("night",)


async def test_a_search_typed_at_once_is_not_covered_by_the_first_page(ready: Journal) -> None:
    """Seen in the benchmark: ``j / walk Enter`` in one go showed the matches, then the first
    page of the journal (read more slowly) arrived and covered them."""
    for i in range(300):
        ready.add_entry(f"Day {i}: a walk by the river" if i % 10 == 0 else f"Day {i}: quiet")
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        burst(app, "j", "slash", "walk", "enter")
        await until(
            pilot, lambda: type(app.screen).__name__ == "JournalScreen" and app.screen.is_mounted
        )
        summary = app.screen.query_one("#journal-summary")
        await until(pilot, lambda: settled(app)() and "30 matches" in shown(summary))
