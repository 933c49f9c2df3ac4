"""Focus is seen on every field, keys work where the footer says, and forms fit at 80x24."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest
from textual.color import Color
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    ContentSwitcher,
    DataTable,
    Footer,
    Input,
    OptionList,
    SelectionList,
    TextArea,
)

from exback_tui.store.journal import Journal
from exback_tui.tui.app import SCREENS, ExbackApp, build_app, screen_class
from exback_tui.tui.screens.ask import AskScreen
from exback_tui.tui.screens.checkin import CheckInScreen
from exback_tui.tui.screens.contact_form import ContactFormScreen
from exback_tui.tui.screens.contacts import ContactsScreen
from exback_tui.tui.screens.dashboard import DashboardScreen
from exback_tui.tui.screens.entry import EntryScreen
from exback_tui.tui.screens.evaluation import EvaluationScreen
from exback_tui.tui.screens.journal import JournalScreen
from exback_tui.tui.screens.onboarding import OnboardingScreen, PhaseButton
from exback_tui.tui.screens.prompt import PromptScreen
from exback_tui.tui.screens.settings import SettingsScreen
from exback_tui.tui.widgets.key_footer import SteadyFooter

from .helpers import SIZE, dashboard_ready, on, reread, settled, shown, until

# How far apart (summed over red, green and blue, 0-765) a focused field's background must be
# from the same field unfocused, to be seen at a glance rather than guessed.
SEEN = 40


def seen_background(widget: Widget) -> Color:
    """The colour behind the widget's text, as the terminal paints it."""
    return widget.background_colors[1]


def apart(one: Color, other: Color) -> int:
    """How far apart two colours are, summed over red, green and blue."""
    return sum(abs(a - b) for a, b in zip(one.rgb, other.rgb, strict=True))


def focus_on(widget: Widget) -> Callable[[], bool]:
    """A condition: the widget has the focus."""
    return lambda: widget.has_focus


async def open_screen(pilot: Pilot[Any], app: ExbackApp, screen: Screen[Any]) -> None:
    """Push a screen over the dashboard and wait until it is up and idle."""
    app.push_screen(screen)
    await until(pilot, lambda: app.screen is screen and screen.focused is not None)
    await until(pilot, settled(app))


async def focus_changes_the_look(
    pilot: Pilot[Any],
    app: ExbackApp,
    fields: Sequence[tuple[Widget, Widget]],
    themes: Sequence[str],
) -> None:
    """In each theme, every field looks clearly different focused and not (focus elsewhere).

    The focus visits each field and each elsewhere once a theme, and every look is read at
    each stop: two fields that are each other's elsewhere need two stops, not four.
    """
    watched = [field for field, _ in fields]
    stops = list({id(w): w for pair in fields for w in pair}.values())
    for theme in themes:
        app.theme = theme
        focused: dict[int, Color] = {}
        blurred: dict[int, Color] = {}
        for stop in stops:
            stop.focus()
            await until(pilot, focus_on(stop))
            await pilot.pause()
            for field in watched:
                looks = focused if field is stop else blurred
                looks.setdefault(id(field), seen_background(field))
        for field in watched:
            one, other = blurred[id(field)], focused[id(field)]
            assert apart(one, other) >= SEEN, f"#{field.id} in {theme}: {one} {other}"


# One dark and one light theme for most screens; every theme once (switching costs seconds).
DARK_AND_LIGHT = ["textual-dark", "textual-light"]


async def test_compact_fields_show_focus_in_every_theme(ready: Journal) -> None:
    """Issue 14.10: the Tags field, Pause target, the evaluation's pattern and note had no
    visible box when focused."""
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        entry = EntryScreen()
        await open_screen(pilot, app, entry)
        tags = entry.query_one("#entry-tags", Input)
        await focus_changes_the_look(
            pilot, app, [(tags, entry.query_one(TextArea))], DARK_AND_LIGHT
        )
        entry.dismiss(False)
        settings = SettingsScreen()
        await open_screen(pilot, app, settings)
        theme = settings.query_one("#theme")
        fields = [
            (settings.query_one(f"#{name}", Input), theme) for name in ("pause-target", "idle-lock")
        ]
        await focus_changes_the_look(pilot, app, fields, DARK_AND_LIGHT)
        await pilot.press("escape")
        evaluation = EvaluationScreen()
        await open_screen(pilot, app, evaluation)
        for _ in range(4):
            evaluation.action_step(1)
        patterns = evaluation.query_one("#patterns", Input)
        note = evaluation.query_one("#ev-note", Input)
        await focus_changes_the_look(
            pilot, app, [(patterns, note), (note, patterns)], sorted(app.available_themes)
        )


@pytest.mark.parametrize("form", [ContactFormScreen, EntryScreen, AskScreen])
async def test_every_form_lists_its_keys_in_a_footer_at_80x24(
    ready: Journal, form: Callable[[], Screen[Any]]
) -> None:
    """The contact form, the entry and the ask said "ctrl+s save" only at the end of their
    scroll, out of sight at 80x24; like the check-in, each has its own footer now."""
    app = build_app(ready)
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_ready(pilot, app)
        screen = form()
        await open_screen(pilot, app, screen)
        await until(pilot, footer_drawn(screen))
        await until(pilot, lambda: all(key.region.width for key in screen.query("FooterKey")))
        keys = [key.strip() for key in footer_keys(screen)]
        assert "^s Save" in keys and any(key.startswith("esc ") for key in keys), keys
        assert keys_outside(app, screen) == []


async def test_the_contact_form_starts_on_its_first_field(ready: Journal) -> None:
    """Issue 14.10: the form started on "How", with the time above it out of the way."""
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        form = ContactFormScreen()
        await open_screen(pilot, app, form)
        await until(pilot, focus_on(form.query_one("#when", Input)))


def footer_keys(screen: Screen[Any]) -> list[str]:
    """The keys and labels the screen's footer shows."""
    return [shown(key) for key in screen.query("FooterKey")]


async def test_the_evaluation_steps_from_text_fields_and_shows_only_what_works(
    ready: Journal,
) -> None:
    """Issue 14.11: "]" typed into the pattern field and Next left the footer; "] Next" still
    showed on the last step, where it does nothing."""
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        evaluation = EvaluationScreen()
        await open_screen(pilot, app, evaluation)
        await until(pilot, lambda: any("Next" in key for key in footer_keys(evaluation)))
        assert not any("Back" in key for key in footer_keys(evaluation)), "back from step 1"
        await pilot.press("pagedown", "pagedown", "pagedown", "pagedown", "tab")
        patterns = evaluation.query_one("#patterns", Input)
        await until(pilot, focus_on(patterns))
        await pilot.press("]", "x")
        assert patterns.value == "]x"  # the field keeps what is typed into it
        await until(pilot, lambda: any("Next" in key for key in footer_keys(evaluation)))
        await pilot.press("pagedown")
        await until(
            pilot,
            lambda: evaluation.query_one("#ev-steps", ContentSwitcher).current == "ev-summary",
        )
        await until(pilot, lambda: not any("Next" in key for key in footer_keys(evaluation)))
        assert any("Back" in key for key in footer_keys(evaluation))
        await pilot.press("pageup")
        await until(
            pilot,
            lambda: evaluation.query_one("#ev-steps", ContentSwitcher).current == "ev-decision",
        )
        assert patterns.value == "]x"


async def test_settings_adds_someone_from_anywhere_on_the_screen(ready: Journal) -> None:
    """Issue 14.12: "press a to add someone" did nothing until you tabbed into the list."""
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("s")
        await until(pilot, on(app, SettingsScreen))
        settings = app.screen
        await until(pilot, lambda: settings.focused is settings.query_one("#edit-journey"))
        await pilot.press("a")
        await until(pilot, on(app, PromptScreen))
        await pilot.press(*"Sam, sister", "enter")
        await until(pilot, lambda: app.screen is settings)
        await until(pilot, settled(app))
    with reread(ready) as journal:
        assert [(p.name, p.detail) for p in journal.support_contacts()] == [("Sam", "sister")]


async def test_the_checkin_fits_at_80x24_with_ten_habits(ready: Journal) -> None:
    """Issue 14.13: from a fifth habit on, the check-in covered the footer and cut its hint."""
    for name in ("walk", "read", "cook", "call", "tidy", "draw", "swim", "garden", "bake", "nap"):
        ready.add_habit(name)
    app = build_app(ready)
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("c")
        await until(pilot, on(app, CheckInScreen))
        screen = app.screen
        habits = screen.query_one("#habits", SelectionList)
        await until(pilot, lambda: habits.option_count >= 10)
        await until(pilot, settled(app))
        await pilot.pause()
        dialog = screen.query_one("#checkin").region
        hint = screen.query_one("#checkin .hint").region
        assert screen.region.contains_region(dialog), f"{dialog} is not inside {screen.region}"
        assert dialog.contains_region(hint) and hint.height == 1, "the save hint is cut"
        assert "save" in shown(screen.query_one("#checkin .hint"))
        footer = screen.query_one(Footer)
        assert footer.region.height >= 1 and footer.region.y >= dialog.bottom
        assert any("Save" in key for key in footer_keys(screen))
        assert habits.region.height < 10, "the habits scroll inside the form"


async def test_the_theme_list_stays_above_the_footer_at_80x24(ready: Journal) -> None:
    """Issue 14.14: the theme drop-down opened over the footer at 80x24."""
    app = build_app(ready)
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("s")
        await until(pilot, on(app, SettingsScreen))
        settings = app.screen
        themes = settings.query_one("#theme", OptionList)
        await until(pilot, lambda: themes.highlighted is not None)
        # The page filled in first (its journey, reminder and lists come from workers): text
        # arriving after the list was scrolled into view pushed it a row further down, under
        # the page's bottom edge, and the check below failed on a busy machine.
        await until(pilot, settled(app))
        themes.focus()
        await pilot.press("enter", "down", "down")
        await until(pilot, settled(app))
        await pilot.pause()
        footer = settings.query_one(Footer).region
        assert themes.region.height > 2 and themes.region.bottom <= footer.y
        assert not settings.query("SelectOverlay"), "nothing opens over the page"
        await pilot.press("enter")
        chosen = themes.get_option_at_index(themes.highlighted or 0).id
        await until(pilot, lambda: app.theme == chosen)


async def test_onboarding_wraps_the_phase_descriptions_at_80_columns(fresh: Journal) -> None:
    """Issue 14.14: at 80 columns each phase's description ended in "…"."""
    app = build_app(fresh)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, on(app, OnboardingScreen))
        await until(pilot, settled(app))
        await pilot.pause()
        for button in app.screen.query(PhaseButton):
            words = shown(button)
            room = button.content_region.width * button.content_region.height
            assert room >= len(words), f"{words!r} is cut in {button.content_region}"
        assert max(b.content_region.height for b in app.screen.query(PhaseButton)) > 1


LONG = (
    "We talked about the school pickup schedule for next week and she asked how my mother "
    "is doing after the operation, which was kind of her, and it ended well for once"
)


def first_row(table: DataTable[Any]) -> str:
    """The first row of a table as the terminal shows it (below the header)."""
    return table.render_line(1).text.rstrip()


async def test_contact_notes_and_journal_lines_use_the_width(ready: Journal) -> None:
    """Issue 14.14: contact notes were cut at 40 letters and journal lines ran off the edge,
    even at 160 columns; at 80 they still fit, cut with "…"."""
    ready.log_contact(medium="call", initiated_by="them", response="warm", note=LONG)
    ready.add_entry(LONG)
    app = build_app(ready)
    async with app.run_test(size=(160, 50)) as pilot:
        await dashboard_ready(pilot, app)
        for key, screen in (("o", ContactsScreen), ("j", JournalScreen)):
            await pilot.press(key)
            await until(pilot, on(app, screen))
            table = app.screen.query_one(DataTable)
            await until(pilot, lambda: table.row_count == 1)  # noqa: B023
            await until(pilot, settled(app))
            await pilot.pause()
            shown_row = first_row(table)
            assert LONG[:70] in shown_row and shown_row.endswith("…"), f"{key}: {shown_row!r}"
            # The row runs to the table's right edge (its scroll bar aside), and no further.
            assert table.size.width - 4 <= len(shown_row) <= table.size.width
            await app.screen.run_action("app.pop_screen")
            await until(pilot, on(app, DashboardScreen))
    app = build_app(ready)
    async with app.run_test(size=(100, 30)) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("j")
        await until(pilot, on(app, JournalScreen))
        table = app.screen.query_one(DataTable)
        await until(pilot, lambda: table.row_count == 1)
        await until(pilot, settled(app))
        await pilot.pause()
        shown_row = first_row(table)
        assert shown_row.endswith("…") and LONG[:60] in shown_row
        assert len(shown_row) <= table.size.width


def keys_outside(app: ExbackApp, screen: Screen[Any]) -> list[str]:
    """The footer keys of ``screen`` the terminal does not show: cut off at its edge, or under
    the palette's key, which a one-row footer docks on the right."""
    width, height = app.size
    keys = list(screen.query("FooterKey"))
    palette = [key.region for key in keys if key.has_class("-command-palette")]
    return [
        shown(key)
        for key in keys
        if key.region.width == 0
        or key.region.right > width
        or key.region.bottom > height
        or any(key.region.overlaps(p) for p in palette if not key.has_class("-command-palette"))
    ]


def footer_drawn(screen: Screen[Any]) -> Callable[[], bool]:
    """A condition: every footer of the screen has drawn its keys."""
    return lambda: all(footer.query("FooterKey") for footer in screen.query(SteadyFooter))


def footer_rows(screen: Screen[Any], rows: int) -> Callable[[], bool]:
    """A condition: the screen's footer takes ``rows`` rows."""
    return lambda: screen.query_one(SteadyFooter).size.height == rows


@pytest.mark.parametrize("name", sorted(SCREENS))
async def test_every_screen_shows_all_its_keys_at_80_columns(ready: Journal, name: str) -> None:
    """The phase screen cut off Help, Blank, Lock and Quit at 80 columns, the journal Lock
    and Quit, the urge pause Quit: a footer whose keys do not fit goes to two rows."""
    app = build_app(ready)
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_ready(pilot, app)
        app.call_later(app.action_open, name)
        await until(pilot, on(app, screen_class(name)))
        screen = app.screen
        await until(pilot, footer_drawn(screen))
        await pilot.pause()
        assert keys_outside(app, screen) == []
        if name == "phase":  # and back to one row when it is wide enough
            assert any(key.strip() == "q Quit" for key in footer_keys(screen))
            await until(pilot, footer_rows(screen, 2))
            await pilot.resize_terminal(160, 40)
            await until(pilot, footer_rows(screen, 1))
            await pilot.resize_terminal(80, 24)
            await until(pilot, footer_rows(screen, 2))
