"""The app on a journal holding escape sequences (issue 13, item 7): every screen shows the
words and none of the sequences. Textual passes what a widget holds to the terminal as it is,
so what is drawn (the exported screen) must hold no ESC, C1 control or BEL."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from test_output_safety import seed_crafted
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea

from exback_tui.core.text import shown
from exback_tui.store.journal import Journal
from exback_tui.tui.app import ExbackApp, build_app
from exback_tui.tui.screens.checkin import CheckInScreen
from exback_tui.tui.screens.contacts import ContactsScreen
from exback_tui.tui.screens.entry import EntryScreen
from exback_tui.tui.screens.help import HelpScreen
from exback_tui.tui.screens.insights import InsightsScreen
from exback_tui.tui.screens.journal import JournalScreen
from exback_tui.tui.screens.phase import PhaseScreen
from exback_tui.tui.screens.settings import SettingsScreen

from .helpers import SIZE, dashboard_ready, on, until

UNSAFE = re.compile("[\x1b\x07\x80-\x9f]")


@pytest.fixture
def crafted(tmp_path: Path) -> Any:
    """A journal with escape sequences in every text column, opened for the app."""
    path = tmp_path / "crafted.db"
    seed_crafted(path, date.today())
    with Journal.open(path) as journal:
        yield journal


def drawn(app: ExbackApp) -> str:
    """The text of what the screen shows, as the terminal would get it: the exported screen
    (SVG) without its markup, its entities read (the non-breaking spaces it writes for
    spaces as spaces)."""
    svg = app.export_screenshot()
    body = svg[svg.index("<g class") :] if "<g class" in svg else svg  # after the styles
    return html.unescape(re.sub(r"<[^>]*>", "", body)).replace("\xa0", " ")


async def shows(pilot: Pilot[Any], app: ExbackApp, screen: type[Screen[Any]], *words: str) -> None:
    """Wait for ``screen`` to show ``words`` (crafted text, so it was really drawn; looked
    for as the filter would leave them, so a screen that fails to filter is waited for all
    the same, and then caught), then check that nothing unsafe was drawn with them."""
    await until(
        pilot,
        lambda: isinstance(app.screen, screen) and all(word in shown(drawn(app)) for word in words),
    )
    found = UNSAFE.search(drawn(app))
    assert found is None, f"{screen.__name__} drew {found.group()!r}"
    assert "PWNED" not in drawn(app) and "cHduZWQ" not in drawn(app)


async def test_every_screen_draws_the_words_and_no_escape(crafted: Journal) -> None:
    app = build_app(crafted)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await shows(pilot, app, type(app.screen), "quiettail", "walktail")

        await pilot.press("j")
        await shows(pilot, app, JournalScreen, "river walkingtail")
        await pilot.press("enter")  # the entry, in its text area
        await shows(pilot, app, EntryScreen, "river walkingtail", "calmtail")
        assert "\x1b" not in app.screen.query_one("#entry-text", TextArea).text
        await pilot.press("escape")  # unchanged, so it closes without asking
        await until(pilot, on(app, JournalScreen))
        await pilot.press("slash")
        await pilot.press(*"river", "enter")  # the search's snippets
        await shows(pilot, app, JournalScreen, "for the search")
        await pilot.press("escape", "escape")
        await until(
            pilot, lambda: type(app.screen).__name__ == "DashboardScreen" and app.screen.is_mounted
        )

        for key, screen, words in (
            ("o", ContactsScreen, ["about the car"]),
            ("i", InsightsScreen, ["walktail"]),
            ("p", PhaseScreen, ["Phase 2"]),
            ("s", SettingsScreen, ["Samtail", "sistertail", "walktail"]),
            ("question_mark", HelpScreen, []),
            ("c", CheckInScreen, ["walktail"]),
        ):
            await pilot.press(key)
            await shows(pilot, app, screen, *words)
            if screen is SettingsScreen:
                idle = app.screen.query_one("#idle-lock", Input).value
                assert not UNSAFE.search(idle)
            if screen is CheckInScreen:
                note = app.screen.query_one("#note", TextArea)

                def typed(area: TextArea = note) -> bool:
                    return area.text == "quiettail"

                await until(pilot, typed)
            await pilot.press("escape")
            await until(
                pilot,
                lambda: type(app.screen).__name__ == "DashboardScreen" and app.screen.is_mounted,
            )
        assert app.is_running
