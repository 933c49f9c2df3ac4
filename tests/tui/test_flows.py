"""Pilot tests of every flow: keys in, then what reached the journal file."""

from __future__ import annotations

from datetime import date, timedelta

from textual.command import CommandList, CommandPalette
from textual.widgets import (
    Checkbox,
    DataTable,
    Input,
    RadioButton,
    RadioSet,
    SelectionList,
    Static,
    TextArea,
)

from exback_tui.core.values import Decision, EntryKind, RedFlag
from exback_tui.store.journal import Journal
from exback_tui.tui.app import ExbackApp, build_app
from exback_tui.tui.screens.blank import BlankScreen
from exback_tui.tui.screens.care import CareScreen
from exback_tui.tui.screens.checkin import CheckInScreen
from exback_tui.tui.screens.confirm import ConfirmScreen
from exback_tui.tui.screens.dashboard import DashboardScreen
from exback_tui.tui.screens.entry import EntryScreen
from exback_tui.tui.screens.help import HelpScreen
from exback_tui.tui.screens.insights import InsightsScreen
from exback_tui.tui.screens.journal import JournalScreen
from exback_tui.tui.screens.onboarding import OnboardingScreen
from exback_tui.tui.screens.phase import PhaseScreen
from exback_tui.tui.screens.prompt import PromptScreen
from exback_tui.tui.screens.settings import SettingsScreen
from exback_tui.tui.screens.urge import UrgeScreen
from exback_tui.tui.widgets.mood_pane import MoodPane

from .helpers import DEMO_TODAY, SIZE, dashboard_ready, notified, on, reread, shown, until


def mood_text(app: ExbackApp) -> str:
    pane = app.screen.query_one(MoodPane)
    return str(pane.query_one("#today").render())


# -- first run and the dashboard ------------------------------------------------------------


async def test_first_run_asks_the_journey_then_opens_the_dashboard(fresh: Journal) -> None:
    app = build_app(fresh)
    async with app.run_test(size=(120, 60)) as pilot:  # every question in view
        await until(pilot, lambda: isinstance(app.screen, OnboardingScreen)
                    and bool(app.screen.query("#breakup")))
        screen = app.screen
        # Laid out, so the click lands.
        await until(pilot, lambda: list(screen.query("#phase RadioButton"))[1].region.height > 0)
        screen.query_one("#breakup", Input).value = (date.today() - timedelta(days=20)).isoformat()
        screen.query("#how RadioButton").first(RadioButton).value = True  # rash
        screen.query_one("#children", Checkbox).value = True
        await pilot.click(list(screen.query("#phase RadioButton"))[1])  # phase 2
        await until(pilot, lambda: screen.query_one("#phase", RadioSet).pressed_index == 1)
        await pilot.press("ctrl+s")
        await dashboard_ready(pilot, app)
    with reread(fresh) as j:
        journey = j.journey()
        assert journey.onboarded
        assert journey.how is not None and journey.how.value == "rash"
        assert journey.children
        assert journey.breakup_date == date.today() - timedelta(days=20)
        assert j.current_phase().phase == 2


async def test_onboarded_journal_opens_on_the_dashboard(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        screen = await dashboard_ready(pilot, app)
        assert "not yet, press c" in mood_text(app)
        assert screen.sub_title is not None and "phase 1" in screen.sub_title
        assert app.screen_stack == [screen]  # the dashboard is the first screen


async def test_narrow_terminal_shows_one_pane_at_a_time(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await dashboard_ready(pilot, app)
        assert screen.has_class("-narrow")
        assert screen.query_one("#roadmap").display
        await pilot.press("2")
        await pilot.pause()
        assert screen.query_one("#mood").has_class("-active")
        assert not screen.query_one("#roadmap").has_class("-active")


async def test_help_is_in_sight_in_the_footer_at_80_columns(ready: Journal) -> None:
    from textual.widgets._footer import FooterKey

    app = build_app(ready)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await dashboard_ready(pilot, app)
        await pilot.pause()
        [help_key] = [k for k in screen.query(FooterKey) if k.key == "question_mark"]
        assert help_key.region.right <= 80 - len("^p palette")
        await pilot.press("question_mark")
        await until(pilot, on(app, HelpScreen))


async def test_the_pause_count_shows_until_contact_is_the_plan(ready: Journal) -> None:
    def numbers(app: ExbackApp) -> str:
        return str(app.screen.query_one(MoodPane).query_one("#numbers").render())

    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        assert "Pause " in numbers(app)
    ready.move_phase(4, "Back in touch, slowly")
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        assert "Pause " not in numbers(app) and "Check-in streak" in numbers(app)


async def test_tabs_are_made_when_the_terminal_narrows(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        screen = await dashboard_ready(pilot, app)
        assert not screen.query("#pane-tabs")  # side by side: no tabs to make
        await pilot.press("3")  # wide: the key focuses the pane
        assert app.focused is screen.query_one("#readiness")
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: screen.has_class("-narrow") and bool(screen.query("#pane-tabs")))
        await pilot.pause()
        assert screen.query_one("#readiness").has_class("-active")  # the chosen pane stays
        assert not screen.query_one("#roadmap").display
        await pilot.press("1")
        await pilot.pause()
        assert screen.query_one("#roadmap").display and app.focused is screen.query_one("#stepper")


async def test_roadmap_keys_and_clicks_open_a_phase(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("up", "enter")  # from the current phase (1) round to the last
        await until(pilot, lambda: isinstance(app.screen, PhaseScreen) and app.screen.number == 6)
        await pilot.press("escape")
        await until(pilot, on(app, DashboardScreen))
        await pilot.press("down", "down", "enter")  # the highlight stayed on 6: round to 2
        await until(pilot, lambda: isinstance(app.screen, PhaseScreen) and app.screen.number == 2)
        await pilot.press("escape")
        await until(pilot, on(app, DashboardScreen))
        await pilot.click("#stepper", offset=(4, 3))  # the fourth line
        await until(pilot, lambda: isinstance(app.screen, PhaseScreen) and app.screen.number == 4)


# -- check-in ------------------------------------------------------------------------------


async def test_checkin_typed_then_saved_reaches_the_file(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("c")
        await until(pilot, on(app, CheckInScreen))
        await pilot.press("7", "tab", "3", "tab", "space", "tab")
        await pilot.press(*"hi [/] there [b]")
        await pilot.press("ctrl+s")
        await until(pilot, on(app, DashboardScreen))
        await until(pilot, lambda: "mood 7/10" in mood_text(app))
    with reread(ready) as j:
        saved = j.checkin(date.today())
        assert saved is not None
        assert (saved.mood, saved.urge) == (7, 3)
        assert saved.note == "hi [/] there [b]"
        assert saved.habits == frozenset({"friends"})


async def test_checkin_ten_and_previous_day(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("c")
        await until(pilot, on(app, CheckInScreen))
        await pilot.press("]")  # never past today
        checkin = app.screen
        assert isinstance(checkin, CheckInScreen)
        assert checkin.day == date.today()
        await pilot.press("[")
        await until(pilot, lambda: checkin.day == date.today() - timedelta(days=1))
        await pilot.press("1", "0", "ctrl+s")
        await until(pilot, on(app, DashboardScreen))
    with reread(ready) as j:
        assert j.checkin(date.today()) is None
        saved = j.checkin(date.today() - timedelta(days=1))
        assert saved is not None and saved.mood == 10


async def test_reopening_a_saved_day_edits_it(ready: Journal) -> None:
    ready.record_checkin(date.today(), mood=4, urge=6, note="rough")
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, CheckInScreen)
                    and app.screen.query_one("#note", TextArea).text == "rough")
        assert app.screen.has_class("-saved")
        await pilot.press("8", "ctrl+s")
        await until(pilot, on(app, DashboardScreen))
    with reread(ready) as j:
        saved = j.checkin(date.today())
        assert saved is not None and (saved.mood, saved.urge, saved.note) == (8, 6, "rough")


async def test_escape_with_changes_asks_first(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("c")
        await until(pilot, on(app, CheckInScreen))
        await pilot.press("5", "escape")
        await until(pilot, on(app, ConfirmScreen))
        await pilot.press("n")
        await until(pilot, on(app, CheckInScreen))
        await pilot.press("escape")
        await until(pilot, on(app, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, on(app, DashboardScreen))
    with reread(ready) as j:
        assert j.checkin(date.today()) is None


async def test_quit_with_unsaved_edits_asks(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("c")
        await until(pilot, on(app, CheckInScreen))
        await pilot.press("6")
        await app.run_action("quit")
        await until(pilot, on(app, ConfirmScreen))
        await pilot.press("n")
        await until(pilot, on(app, CheckInScreen))
        assert app.is_running


async def test_an_error_is_a_notification_not_a_traceback(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, CheckInScreen)
                    and app.screen.query_one(SelectionList).option_count == 4)
        with reread(ready) as other:  # the habit goes away while the form is open
            other.archive_habit("friends")
        await pilot.press("5", "tab", "tab", "space", "ctrl+s")
        await until(pilot, notified(app, "no habit"))
        assert isinstance(app.screen, CheckInScreen)  # the form and its values stay
        assert app.is_running


# -- the rest of the keys -------------------------------------------------------------------


async def test_help_and_blank(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("question_mark")
        await until(pilot, on(app, HelpScreen))
        text = app.export_screenshot().replace("&#160;", " ")
        for words in ("Check-in", "Evaluate", "Settings", "Blank", "palette"):
            assert words in text
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
        await until(pilot, lambda: "mood 9/10" in mood_text(app), timeout=3)


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
        await until(pilot, lambda: "■" in str(app.screen.query_one("#heatmap").render()))


async def test_journal_write_search_open_delete(ready: Journal) -> None:
    ready.add_entry("Walked by the river [/] and [link=x]felt[/link] lighter")
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("j")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen)
                    and app.screen.query_one(DataTable).row_count == 1)
        await pilot.press("n")
        await until(pilot, on(app, EntryScreen))
        await pilot.press(*"A new day")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen)
                    and app.screen.query_one(DataTable).row_count == 2)
        await pilot.press("slash", *'"foo AND -', "enter")  # bad FTS syntax: searched as words
        await until(pilot, lambda: "for the search" in shown(app.screen.query_one(
            "#journal-summary", Static)))
        assert shown(app.screen.query_one("#journal-summary", Static)).startswith("0 matches")
        assert app.screen.query_one(DataTable).row_count == 0
        await pilot.press("escape")
        await pilot.press("slash", *"river", "enter")
        await until(pilot, lambda: app.screen.query_one(DataTable).row_count == 1)
        await pilot.press("d")
        await until(pilot, on(app, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen)
                    and app.screen.query_one(DataTable).row_count == 0)
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
        await until(pilot, lambda: app.screen.__class__.__name__ == "ContactsScreen"
                    and app.screen.query_one(DataTable).row_count == 1)
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
        await until(pilot, lambda: isinstance(app.screen, PhaseScreen)
                    and app.screen.snapshot is not None)
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
            ("ready to", True), ("a new clash", False)]
        assert [m.item_key for m in j.checklist_marks(1)] == ["no-calls-texts"]


async def test_urge_pause_then_unsent_message(ready: Journal) -> None:
    app = build_app(ready, urge_seconds=1)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("u")
        await until(pilot, lambda: isinstance(app.screen, UrgeScreen) and app.screen.writing,
                    timeout=4)
        await pilot.press(*"I miss you [/]", "tab", "6", "ctrl+s")
        await until(pilot, on(app, DashboardScreen))
    with reread(ready) as j:
        [entry] = j.entries()
        assert entry.kind is EntryKind.UNSENT and entry.text == "I miss you [/]"
        assert set(entry.tags) == {"unsent", "urge"}
        saved = j.checkin(date.today())
        assert saved is not None and saved.urge == 6
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
        await until(pilot, lambda: isinstance(app.screen, CareScreen)
                    and "Sam [b]" in str(app.screen.query_one("#care-support").render()))
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
        await until(pilot, lambda: isinstance(app.screen, JournalScreen)
                    and app.screen.query_one(DataTable).row_count == 2)
        await pilot.press("escape", "o")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ContactsScreen"
                    and app.screen.query_one(DataTable).row_count == 2)
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
