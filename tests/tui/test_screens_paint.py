"""Every full screen paints its whole area: nothing of the dashboard shows through it."""

from __future__ import annotations

import html
import re

import pytest
from textual.screen import ModalScreen

from exback_tui.store.journal import Journal
from exback_tui.tui.app import SCREENS, build_app, screen_class

from .helpers import dashboard_ready, on, settled, until

FULL_SCREENS = [
    name
    for name in SCREENS
    if not issubclass(screen_class(name), ModalScreen) and name not in ("blank", "onboarding")
]


def screen_text(svg: str) -> str:
    """The characters of an exported screenshot."""
    text = html.unescape("".join(re.findall(r"<text[^>]*>(.*?)</text>", svg)))
    return text.replace("\xa0", " ")


@pytest.mark.parametrize("name", FULL_SCREENS)
async def test_a_full_screen_is_opaque_and_scrolls(ready: Journal, name: str) -> None:
    """Issue 14.8 and 14.6: Textual's rules for every screen (an opaque background, scrolling
    what does not fit) reach ours."""
    app = build_app(ready)
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_ready(pilot, app)
        app.action_open(name)
        await until(pilot, on(app, screen_class(name)))
        await until(pilot, settled(app))
        assert app.screen.styles.background.a == 1
        assert app.screen.styles.overflow_y == "auto"


async def test_the_dashboards_tabs_and_borders_do_not_show_through_the_journal(
    ready: Journal,
) -> None:
    """Issue 14.8: the narrow dashboard's pane border (╭│╮) was seen on the Journal screen."""
    ready.add_entry("A walk by the river.")
    app = build_app(ready)
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_ready(pilot, app)
        assert "╭" in screen_text(app.export_screenshot())  # the border the test looks for
        await pilot.press("j")
        await until(pilot, lambda: "A walk by the river" in screen_text(app.export_screenshot()))
        shown = screen_text(app.export_screenshot())
        assert not set("╭╮│╰╯") & set(shown), shown
