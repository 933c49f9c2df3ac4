"""Pilot tests of the screens the dashboard's keys and the palette open: keys in, then what
reached the journal file."""

from __future__ import annotations

import io
from datetime import date

from rich.console import Console
from textual.command import CommandList, CommandPalette
from textual.widgets import DataTable, Input, SelectionList, Static, TextArea

from exback_tui.core.values import Decision, EntryKind, RedFlag
from exback_tui.store.journal import Journal
from exback_tui.tui.app import build_app
from exback_tui.tui.screens.blank import BlankScreen
from exback_tui.tui.screens.care import CareScreen
from exback_tui.tui.screens.confirm import ConfirmScreen
from exback_tui.tui.screens.dashboard import DashboardScreen
from exback_tui.tui.screens.entry import EntryScreen
from exback_tui.tui.screens.help import HelpScreen
from exback_tui.tui.screens.help_now import HelpNowScreen
from exback_tui.tui.screens.insights import InsightsScreen
from exback_tui.tui.screens.journal import JournalScreen
from exback_tui.tui.screens.phase import PhaseScreen
from exback_tui.tui.screens.prompt import PromptScreen
from exback_tui.tui.screens.settings import SettingsScreen
from exback_tui.tui.screens.urge import UrgeScreen

from .helpers import DEMO_TODAY, SIZE, dashboard_ready, mood_text, on, reread, shown, until

# -- every other screen ---------------------------------------------------------------------


async def test_help_and_blank(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("question_mark")
        await until(pilot, on(app, HelpScreen))
        text = app.export_screenshot().replace("&#160;", " ")
        for words in ("Check-in", "Evaluate", "Settings", "Blank", "palette"):
            assert words in text
        # Further down, the entry editor's own keys, the jumps to its ends among them.
        printer = Console(width=120, record=True, file=io.StringIO())
        for part in app.screen.query(Static):
            printer.print(part.content)
        listed = printer.export_text()
        assert "An entry" in listed
        assert "ctrl+home" in listed and "ctrl+end" in listed and "Jump to the last word" in listed
        await pilot.press("escape", "ctrl+b")
        await until(pilot, on(app, BlankScreen))
        await pilot.press("x")
        await until(pilot, on(app, DashboardScreen))


async def test_a_write_from_another_program_shows_up(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        with reread(ready) as other:
            other.record_checkin(date.today(), mood=9)
        # Picked up by the file watch, with no key pressed; no deadline of its own (it was
        # 3 s, which a machine running three suites at once missed): speed is for benchmarks.
        await until(pilot, lambda: "mood 9/10" in mood_text(app))


async def test_palette_opens_insights(demo: Journal) -> None:
    app = build_app(demo, today=DEMO_TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("ctrl+p")
        await until(pilot, on(app, CommandPalette))
        await pilot.press(*"Insights")

        def first_hit() -> str:
            hits = app.screen.query_one(CommandList)
            if hits.highlighted is None:
                return ""
            return str(hits.get_option_at_index(hits.highlighted).prompt)

        await until(pilot, lambda: "Insights" in first_hit())
        await pilot.press("enter")
        await until(pilot, on(app, InsightsScreen))
        await until(pilot, lambda: "8-10" in str(app.screen.query_one("#heatmap").render()))


async def test_journal_write_search_open_delete(ready: Journal) -> None:
    ready.add_entry("Walked by the river [/] and [link=x]felt[/link] lighter")
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("j")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, JournalScreen)
                and app.screen.query_one(DataTable).row_count == 1
            ),
        )
        await pilot.press("n")
        await until(pilot, on(app, EntryScreen))
        await pilot.press(*"A new day")
        await pilot.press("ctrl+s")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, JournalScreen)
                and app.screen.query_one(DataTable).row_count == 2
            ),
        )
        await pilot.press("slash", *'"foo AND -', "enter")  # bad FTS syntax: searched as words
        await until(
            pilot,
            lambda: "for the search" in shown(app.screen.query_one("#journal-summary", Static)),
        )
        assert shown(app.screen.query_one("#journal-summary", Static)).startswith("0 matches")
        assert app.screen.query_one(DataTable).row_count == 0
        await pilot.press("escape")
        await pilot.press("slash", *"river", "enter")
        await until(pilot, lambda: app.screen.query_one(DataTable).row_count == 1)
        await pilot.press("d")
        await until(pilot, on(app, ConfirmScreen))
        await pilot.press("y")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, JournalScreen)
                and app.screen.query_one(DataTable).row_count == 0
            ),
        )
    with reread(ready) as j:
        assert [e.text for e in j.entries()] == ["A new day"]


async def test_log_contact_then_delete_it(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("l")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ContactFormScreen")
        app.screen.query_one("#contact-note", Input).value = "said hi [b]"
        await pilot.press("ctrl+s")
        await until(pilot, on(app, DashboardScreen))
        with reread(ready) as j:
            [contact] = j.contacts()
            assert contact.note == "said hi [b]" and contact.is_personal_by_me
        await pilot.press("o")
        await until(
            pilot,
            lambda: (
                app.screen.__class__.__name__ == "ContactsScreen"
                and app.screen.query_one(DataTable).row_count == 1
            ),
        )
        await pilot.press("d")
        await until(pilot, on(app, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: app.screen.query_one(DataTable).row_count == 0)
    with reread(ready) as j:
        assert j.contacts() == []


async def test_phase_screen_ticks_and_moves_with_warning(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("enter")  # the roadmap's current phase
        await until(
            pilot, lambda: isinstance(app.screen, PhaseScreen) and app.screen.snapshot is not None
        )
        await pilot.press("space")
        await until(pilot, lambda: bool(app.screen.query_one(SelectionList).selected))
        await pilot.press("f")
        await until(pilot, on(app, ConfirmScreen))  # the skip warning: signals not met
        await pilot.press("y")
        await until(pilot, on(app, PromptScreen))  # why move on now?
        await pilot.press(*"ready to", "enter")
        await until(pilot, lambda: isinstance(app.screen, PhaseScreen) and app.screen.number == 2)
        await pilot.press("b")
        await until(pilot, on(app, PromptScreen))
        await pilot.press(*"a new clash", "enter")
        await until(pilot, lambda: isinstance(app.screen, PhaseScreen) and app.screen.number == 1)
    with reread(ready) as j:
        history = j.phase_history()
        assert [s.phase for s in history] == [1, 2, 1]
        assert [(s.reason, s.forced) for s in history[1:]] == [
            ("ready to", True),
            ("a new clash", False),
        ]
        assert [m.item_key for m in j.checklist_marks(1)] == ["no-calls-texts"]


async def test_urge_pause_then_unsent_message(ready: Journal) -> None:
    app = build_app(ready, urge_seconds=1)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("u")
        await until(
            pilot, lambda: isinstance(app.screen, UrgeScreen) and app.screen.writing, timeout=4
        )
        await pilot.press(*"I miss you [/]", "tab", "6", "ctrl+s")
        await until(pilot, on(app, DashboardScreen))
    with reread(ready) as j:
        [entry] = j.entries()
        assert entry.kind is EntryKind.UNSENT and entry.text == "I miss you [/]"
        assert set(entry.tags) == {"unsent", "urge"}
        # The reading goes to the urge log; the day's check-in is not made or changed.
        assert j.checkin(date.today()) is None
        assert [r.strength for r in j.urge_log()] == [6]
        assert j.search("miss").total == 1


async def test_urge_pause_leaves_early_with_escape(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("u")
        await until(pilot, on(app, UrgeScreen))
        await pilot.press("escape")
        assert app.screen.writing  # type: ignore[attr-defined]
        await pilot.press("escape")
        await until(pilot, on(app, DashboardScreen))


async def test_evaluation_with_a_red_flag_ends_on_care(ready: Journal) -> None:
    ready.add_support_contact("Sam [b]", "sister")
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("e")
        await until(pilot, lambda: app.screen.__class__.__name__ == "EvaluationScreen")
        await pilot.press("]", "8", "]", "]")  # intimacy 8
        await pilot.press("space")  # the first red flag: abuse
        await pilot.press("]", "]")
        await pilot.press("ctrl+s")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, CareScreen)
                and "Sam [b]" in str(app.screen.query_one("#care-support").render())
            ),
        )
    with reread(ready) as j:
        ev = j.latest_evaluation()
        assert ev is not None
        assert ev.red_flags == (RedFlag.ABUSE,) and ev.intimacy == 8
        assert ev.decision is Decision.UNDECIDED


async def test_settings_habit_and_theme(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("s")
        await until(pilot, on(app, SettingsScreen))
        app.screen.query_one("#habit-list").focus()
        await pilot.press("a")
        await until(pilot, on(app, PromptScreen))
        await pilot.press(*"walk [/]", "enter")
        await until(pilot, lambda: len(app.screen.habits) == 5)  # type: ignore[attr-defined]
        app.theme = "nord"

        def saved_theme() -> str | None:
            with reread(ready) as j:
                return j.setting("theme")

        await until(pilot, lambda: saved_theme() == "nord")
    with reread(ready) as j:
        assert "walk [/]" in [h.name for h in j.habits()]


async def test_demo_journal_with_markup_in_user_text_renders(demo: Journal) -> None:
    app = build_app(demo, today=DEMO_TODAY)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await dashboard_ready(pilot, app)
        assert screen.sub_title is not None and "phase 3" in screen.sub_title
        await pilot.press("j")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, JournalScreen)
                and app.screen.query_one(DataTable).row_count == 2
            ),
        )
        await pilot.press("escape", "o")
        await until(
            pilot,
            lambda: (
                app.screen.__class__.__name__ == "ContactsScreen"
                and app.screen.query_one(DataTable).row_count == 2
            ),
        )
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ContactFormScreen")


async def test_palette_export_and_backup_write_private_files(ready: Journal) -> None:
    import json
    import stat

    from exback_tui.store.portable import detect

    ready.add_entry("kept in the export")
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        app.action_export()
        export = ready.path.with_name(f"exback-export-{date.today().isoformat()}.json")
        await until(pilot, export.exists)
        app.action_backup()
        backups = ready.path.parent / "backups"
        # backup_to writes a .partial file and renames it, so a .db name means complete.
        await until(pilot, lambda: any("daily" not in p.name for p in backups.glob("*.db")))
    doc = json.loads(export.read_text())
    assert detect(doc) == "exback"
    assert any(e["text"] == "kept in the export" for e in doc["entries"])
    assert stat.S_IMODE(export.stat().st_mode) == 0o600
    for copy in backups.glob("*.db"):
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600


async def test_letters_typed_during_the_pause_are_not_keys(ready: Journal) -> None:
    """A message begun before the pause ends: 'q' once quit the app and '?' opened the
    help. The letters go nowhere, and the pause says when the page to write on comes."""
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("u")
        await until(pilot, on(app, UrgeScreen))
        screen = app.screen
        assert isinstance(screen, UrgeScreen)

        def offered() -> list[str]:
            return [shown(key).strip() for key in screen.query("FooterKey")]

        # The footer offers neither q nor ? while they are letters; Help now (h) stays.
        await until(pilot, lambda: "h Help now" in offered() and "q Quit" not in offered())
        assert "? Help" not in offered()
        await pilot.press(*"quiet? so quiet")

        def countdown() -> str:
            return shown(screen.query_one("#countdown", Static))

        await until(pilot, lambda: "Breathe first: the page to write on opens in" in countdown())
        assert not screen.writing and app.is_running
        # A message that begins with h opens Help now; the letters after it are not keys
        # there either. Keys are handled in order, so the escape after them coming back to
        # the pause shows that neither q (quit) nor ? (the help on top) was taken.
        await pilot.press(*"hey q?")
        await until(pilot, on(app, HelpNowScreen))
        await pilot.press("escape")
        await until(pilot, on(app, UrgeScreen))
        assert app.is_running and not screen.writing
        await pilot.press("escape")  # ends the pause: nothing typed early was kept
        await until(pilot, lambda: screen.writing)
        assert screen.query_one("#unsent", TextArea).text == ""
        await pilot.press("q")  # on the page to write on, letters are the message
        assert screen.query_one("#unsent", TextArea).text == "q"
