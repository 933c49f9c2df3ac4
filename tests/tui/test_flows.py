"""Pilot tests of the first run, the dashboard and the check-in: keys in, then what reached the
journal file. The other screens' flows are in test_screen_flows.py."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widget import Widget
from textual.widgets import Checkbox, Input, RadioButton, RadioSet, SelectionList, TextArea

from exback_tui.store.journal import Journal
from exback_tui.tui.app import ExbackApp, build_app
from exback_tui.tui.screens.checkin import CheckInScreen
from exback_tui.tui.screens.confirm import ConfirmScreen
from exback_tui.tui.screens.dashboard import DashboardScreen
from exback_tui.tui.screens.help import HelpScreen
from exback_tui.tui.screens.onboarding import OnboardingScreen
from exback_tui.tui.widgets.mood_pane import MoodPane

from .helpers import SIZE, dashboard_ready, mood_text, notified, on, on_phase, reread, shown, until

# -- first run and the dashboard ------------------------------------------------------------


async def test_first_run_asks_the_journey_then_opens_the_dashboard(fresh: Journal) -> None:
    app = build_app(fresh)
    async with app.run_test(size=(120, 60)) as pilot:  # every question in view
        await until(
            pilot,
            lambda: isinstance(app.screen, OnboardingScreen) and bool(app.screen.query("#breakup")),
        )
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
        await until(
            pilot,
            lambda: (
                screen.query_one("#mood").has_class("-active")
                and not screen.query_one("#roadmap").has_class("-active")
            ),
        )
        assert not screen.query_one("#roadmap").display


async def test_help_is_in_sight_in_the_footer_at_80_columns(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await dashboard_ready(pilot, app)

        def help_keys() -> list[Widget]:
            return [k for k in screen.query("Footer FooterKey") if "Help" in shown(k)]

        # Laid out once it has a width; then it must sit clear of the palette's hint.
        await until(pilot, lambda: len(help_keys()) == 1 and help_keys()[0].region.width > 0)
        assert help_keys()[0].region.right <= 80 - len("^p palette")
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
        # The chosen pane stays, alone.
        await until(pilot, lambda: not screen.query_one("#roadmap").display)
        assert screen.query_one("#readiness").has_class("-active")
        assert screen.query_one("#readiness").display
        await pilot.press("1")
        await until(
            pilot,
            lambda: (
                screen.query_one("#roadmap").display and app.focused is screen.query_one("#stepper")
            ),
        )
        assert not screen.query_one("#readiness").display


async def test_roadmap_keys_and_clicks_open_a_phase(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("up", "enter")  # from the current phase (1) round to the last
        await until(pilot, on_phase(app, 6))
        await pilot.press("escape")
        await until(pilot, on(app, DashboardScreen))
        await pilot.press("down", "down", "enter")  # the highlight stayed on 6: round to 2
        await until(pilot, on_phase(app, 2))
        await pilot.press("escape")
        await until(pilot, on(app, DashboardScreen))
        await pilot.click("#stepper", offset=(4, 3))  # the fourth line
        await until(pilot, on_phase(app, 4))


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
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, CheckInScreen)
                and app.screen.query_one("#note", TextArea).text == "rough"
            ),
        )
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
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, CheckInScreen)
                and app.screen.query_one(SelectionList).option_count == 4
            ),
        )
        with reread(ready) as other:  # the habit goes away while the form is open
            other.archive_habit("friends")
        await pilot.press("5", "tab", "tab", "space", "ctrl+s")
        await until(pilot, notified(app, "no habit"))
        assert isinstance(app.screen, CheckInScreen)  # the form and its values stay
        assert app.is_running
