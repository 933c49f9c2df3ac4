"""Help now: the user's own support contacts and crisis line, from the dashboard, the urge
pause and Settings, and the emergency words; no number built in."""

from __future__ import annotations

import re

from textual.widgets import Button, Static

from exback_tui.store.journal import Journal
from exback_tui.tui.app import build_app
from exback_tui.tui.screens.dashboard import DashboardScreen
from exback_tui.tui.screens.help_now import DANGER, HelpNowScreen
from exback_tui.tui.screens.settings import SettingsScreen
from exback_tui.tui.screens.urge import UrgeScreen

from .helpers import SIZE, dashboard_ready, on, reread, shown, until


def page(app: object) -> str:
    """Everything the help-now screen says, as plain text."""
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, HelpNowScreen)
    return "\n".join(shown(s) for s in screen.query(Static))


async def test_settings_line_and_contacts_show_on_help_now(ready: Journal) -> None:
    ready.add_support_contact("Sam [b]", "sister, 0123")
    ready.add_support_contact("Ana")
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("s")
        await until(pilot, on(app, SettingsScreen))
        app.screen.query_one("#crisis-line").focus()
        await pilot.press(*"Samaritans [i]116 123", "enter")

        def saved() -> str | None:
            with reread(ready) as j:
                return j.setting("crisis_line")

        await until(pilot, lambda: saved() == "Samaritans [i]116 123")
        await pilot.press("escape")
        await until(pilot, on(app, DashboardScreen))
        await pilot.press("h")
        await until(pilot, on(app, HelpNowScreen))
        await until(pilot, lambda: "Sam [b]" in page(app))
        text = page(app)
        assert DANGER in text
        assert "Your crisis line: Samaritans [i]116 123" in text
        assert "Sam [b]  sister, 0123" in text and "• Ana" in text
        await pilot.press("escape")
        await until(pilot, on(app, DashboardScreen))


async def test_with_nothing_set_it_says_where_to_add_and_has_no_number(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("h")
        await until(pilot, on(app, HelpNowScreen))
        await until(pilot, lambda: "No one listed yet" in page(app))
        text = page(app)
        assert DANGER in text and "No crisis line set" in text
        assert not re.search(r"\d", text)  # no number is built in


async def test_the_urge_pause_opens_help_now_and_carries_on(ready: Journal) -> None:
    ready.add_support_contact("Ana", "call any time")
    app = build_app(ready, urge_seconds=600)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("u")
        await until(pilot, on(app, UrgeScreen))
        await pilot.press("h")
        await until(pilot, on(app, HelpNowScreen))
        await until(pilot, lambda: "Ana  call any time" in page(app))
        await pilot.press("escape")
        await until(pilot, on(app, UrgeScreen))
        assert not app.screen.writing  # type: ignore[attr-defined]  # still pausing
        await pilot.click("#help-now")
        await until(pilot, on(app, HelpNowScreen))
        await pilot.press("escape")
        await until(pilot, on(app, UrgeScreen))
        assert isinstance(app.screen.query_one("#help-now"), Button)
