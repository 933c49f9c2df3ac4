"""The one table of keys: every palette entry and every screen name opens what it says, and
the app's modules leave SQLAlchemy to the journal."""

from __future__ import annotations

import subprocess
import sys

import pytest

from exback_tui.store.journal import Journal
from exback_tui.tui import keys
from exback_tui.tui.app import SCREENS, build_app, screen_class
from exback_tui.tui.commands import entries
from exback_tui.tui.screens.dashboard import DashboardScreen

from .helpers import DEMO_TODAY, SIZE, dashboard_ready, on, until

# What each palette title opens (a screen name of SCREENS), or None: it acts in place.
PALETTE = {
    "Check-in": "checkin",
    "Help": "help",
    "Urge": "urge",
    "Log": "contact",
    "Journal": "journal",
    "Contacts": "contacts",
    "Evaluate": "evaluation",
    "Insights": "insights",
    "Phase": "phase",
    "Settings": "settings",
    "Help now": "help_now",
    "Weekly review": "week_review",
    "Back up the journal": None,
    "Export the journal": None,
    "Blank": "blank",
    "Lock": "blank",  # a plain journal can only blank
    "Quit": None,
}


async def test_every_palette_entry_is_a_key_or_a_keyless_action(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        shown = [entry.title for entry in entries(app)]
        assert sorted(shown) == sorted(PALETTE)
        hints = {entry.title: entry.help for entry in entries(app)}
        assert hints["Check-in"].endswith("(c)") and hints["Blank"].endswith("(^b)")


@pytest.mark.parametrize("title", [t for t, name in PALETTE.items() if name is not None])
async def test_each_palette_entry_opens_its_screen(ready: Journal, title: str) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        [entry] = [e for e in entries(app) if e.title == title]
        app.call_later(entry.run)  # as the palette does: on the app's own loop
        opened = PALETTE[title]
        assert opened is not None
        await until(pilot, on(app, screen_class(opened)))


async def test_together_the_palette_offers_no_urge_pause(together: Journal) -> None:
    app = build_app(together, today=DEMO_TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        titles = [entry.title for entry in entries(app)]
        assert "Urge" not in titles and "Check-in" in titles


@pytest.mark.parametrize("name", sorted(SCREENS))
async def test_every_screen_name_resolves_and_opens(ready: Journal, name: str) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        app.call_later(app.action_open, name)  # on the app's own loop, as a key does
        await until(pilot, on(app, screen_class(name)))


def test_the_dashboard_footer_and_the_app_read_the_table() -> None:
    from exback_tui.tui.app import ExbackApp

    assert DashboardScreen.BINDINGS == keys.DASHBOARD
    assert ExbackApp.BINDINGS == keys.EVERYWHERE
    ids = [b.id for b in keys.DASHBOARD + keys.EVERYWHERE]
    assert all(ids) and all(b.tooltip for b in keys.DASHBOARD + keys.EVERYWHERE)


def test_the_app_and_the_cli_import_no_sqlalchemy_until_the_journal_opens() -> None:
    """Start-up time: SQLAlchemy (and Alembic) load when the Journal opens, not on import."""
    probe = (
        "import sys\n"
        "import exback_tui.cli, exback_tui.tui.app, exback_tui.tui.commands\n"
        "import exback_tui.tui.keys, exback_tui.tui.host, exback_tui.tui.dashboard_data\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
