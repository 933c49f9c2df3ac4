"""Pilot tests of advice at the moments you choose: the ask and its cool-down, forced moves and
their reasons, the roadmap's marks, the evaluation's warnings and the contact form."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual.widgets import (
    Checkbox,
    Input,
    OptionList,
    RadioButton,
    RadioSet,
    SelectionList,
    Static,
)

from exback_tui.core import phase_text, phases
from exback_tui.core.readiness import assess
from exback_tui.core.values import Answer, AskAnswer, Decision, Evaluation, RedFlag
from exback_tui.store.journal import Journal
from exback_tui.tui.app import build_app
from exback_tui.tui.screens.ask import AskScreen
from exback_tui.tui.screens.care import CareScreen
from exback_tui.tui.screens.confirm import ConfirmScreen
from exback_tui.tui.screens.dashboard import DashboardScreen
from exback_tui.tui.screens.notice import NoticeScreen
from exback_tui.tui.screens.phase import PhaseScreen
from exback_tui.tui.screens.prompt import PromptScreen
from exback_tui.tui.widgets.roadmap import Roadmap

from .advice_helpers import line, part, phase_screen, prompts, shown
from .helpers import SIZE, dashboard_ready, notified, on, on_phase, reread, until

# -- the ask ---------------------------------------------------------------------------------


async def test_recording_a_no_goes_back_to_phase_4_with_a_cool_down(ready: Journal) -> None:
    ready.move_phase(5, "Ready to ask", forced=True)
    app = build_app(ready)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await dashboard_ready(pilot, app)
        await phase_screen(pilot, app)
        await pilot.press("a")
        await until(pilot, on(app, AskScreen))
        await pilot.press("ctrl+s")  # no answer chosen yet: nothing happens but a word
        await until(pilot, notified(app, "Choose what they said first."))
        assert isinstance(app.screen, AskScreen)
        answers = list(app.screen.query(RadioButton))
        answers[[b.name for b in answers].index("no")].value = True
        form = app.screen
        await until(pilot, lambda: form.answer() is AskAnswer.NO)
        form.query_one("#ask-note", Input).focus()
        await pilot.press(*"over coffee [b]", "enter")
        await until(pilot, on(app, NoticeScreen))
        cooldown = assess(ready.snapshot(date.today())).cooldown_until
        assert cooldown is not None
        body = line(shown(app.screen.query_one("#notice-body", Static), width=200))
        assert line(phase_text.AFTER_NO) in body
        assert f"Asking again waits until {cooldown:%A %d %B %Y}." in body
        assert "You're now in phase 4" in body
        await pilot.press("enter")
        await until(pilot, on_phase(app, 4))
    with reread(ready) as j:
        [ask] = j.asks()
        assert (ask.answer, ask.note) == (AskAnswer.NO, "over coffee [b]")
        assert j.current_phase().phase == 4


async def test_escape_leaves_the_ask_unsaved_and_the_key_is_for_phase_5(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        screen = await phase_screen(pilot, app)
        await pilot.press("a", "right_square_bracket")  # phase 1: nothing to answer yet
        # Keys are handled in order: once "]" has moved on to phase 2, "a" was handled too.
        await until(pilot, lambda: app.screen is not screen or screen.number == 2)
        assert app.screen is screen
    ready.move_phase(5, "Ready to ask", forced=True)
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await phase_screen(pilot, app)
        await pilot.press("a")
        await until(pilot, on(app, AskScreen))
        app.screen.query(RadioButton).first(RadioButton).value = True  # yes
        await pilot.press("escape")
        await until(pilot, on(app, PhaseScreen))
    with reread(ready) as j:
        assert j.asks() == [] and j.current_phase().phase == 5


# -- moving on, on purpose -------------------------------------------------------------------


async def test_a_forced_move_lists_every_problem_and_keeps_skipped(ready: Journal) -> None:
    check = phases.check_move(ready.snapshot(date.today()), 2)
    assert len(check.problems) > 1
    app = build_app(ready)
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_ready(pilot, app)
        await phase_screen(pilot, app)
        await pilot.press("f")
        await until(pilot, on(app, ConfirmScreen))
        assert isinstance(app.screen, ConfirmScreen)
        for problem in check.problems:
            assert problem in app.screen.question
        await pilot.press("y")
        await until(pilot, on(app, PromptScreen))
        await pilot.press("enter")  # no reason given
        await until(pilot, on_phase(app, 2))
    with reread(ready) as j:
        last = j.current_phase()
        assert (last.phase, last.reason, last.forced) == (2, phase_text.FORCED_DEFAULT_REASON, True)


async def test_forcing_past_a_red_flag_needs_your_own_words(ready: Journal) -> None:
    ready.move_phase(3, "Steadier now")
    ready.record_evaluation(
        Evaluation(
            made_on=date.today(),
            worth=Answer.YES,
            added_value=Answer.YES,
            differences=Answer.NO,
            intimacy=5,
            passion=5,
            commitment=5,
            decision=Decision.PURSUE,
            red_flags=(RedFlag.CONTROL,),
        )
    )
    check = phases.check_move(ready.snapshot(date.today()), 4)
    assert check.forced_reason_required and check.red_flag_warning
    app = build_app(ready)
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_ready(pilot, app)
        await phase_screen(pilot, app)
        await pilot.press("f")
        await until(pilot, on(app, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, on(app, PromptScreen))
        warning = app.screen.query_one("#prompt-warning", Static)
        assert warning.has_class("care")
        assert line(shown(warning)) == line(check.red_flag_warning)
        await pilot.press("enter")  # empty: not accepted here
        await until(pilot, lambda: app.screen.query_one("#prompt-missing").display)
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"My choice [b]", "enter")
        await until(pilot, on_phase(app, 4))
    with reread(ready) as j:
        last = j.current_phase()
        assert (last.phase, last.reason, last.forced) == (4, "My choice [b]", True)


# -- the roadmap -----------------------------------------------------------------------------


async def test_the_roadmap_counts_the_pause_from_the_breakup(ready: Journal) -> None:
    breakup = date.today() - timedelta(days=10)
    ready.set_journey(breakup_date=breakup, onboarded=True)
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        first = prompts(app.screen.query_one("#stepper", OptionList))[0]
        assert first.startswith("● 1 Pause") and first.endswith("· 10d")
        assert f"since {breakup:%d %b}" in shown(part(app, Roadmap, "phase-purpose"))


async def test_the_roadmap_marks_a_skipped_phase_as_skipped(tmp_path: Path) -> None:
    today = date.today()
    with Journal.open(tmp_path / "skipped.db", today=today - timedelta(days=20)) as journal:
        journal.set_journey(how="planned", onboarded=True)
        journal.move_phase(
            3, "Straight to thinking it over", on=today - timedelta(days=10), forced=True
        )
        app = build_app(journal)
        async with app.run_test(size=SIZE) as pilot:
            await dashboard_ready(pilot, app)
            marks = [text[:3] for text in prompts(app.screen.query_one("#stepper", OptionList))]
            assert marks == ["› 1", "– 2", "● 3", "○ 4", "○ 5", "○ 6"]


# -- the evaluation and the contact form -----------------------------------------------------


async def test_pursuing_with_one_clear_yes_is_saved_with_a_warning(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("e")
        await until(pilot, lambda: app.screen.__class__.__name__ == "EvaluationScreen")
        screen = app.screen
        labels = prompts(screen.query_one("#transitions", SelectionList))
        assert labels == list(phase_text.TRANSITION_LABELS.values())
        for answers, name in (("#q-worth", "yes"), ("#decision", "pursue")):
            buttons = screen.query(f"{answers} RadioButton").results(RadioButton)
            next(b for b in buttons if b.name == name).value = True
        await until(
            pilot,
            lambda: (
                screen.query_one("#decision", RadioSet).pressed_index == 0
                and screen.query_one("#q-worth", RadioSet).pressed_index == 0
            ),
        )
        await pilot.press("ctrl+s")
        await until(pilot, on(app, NoticeScreen))
        body = line(shown(app.screen.query_one("#notice-body", Static), width=200))
        assert body == line(phase_text.UNCLEAR_PURSUE)
    with reread(ready) as j:
        saved = j.latest_evaluation()
        assert saved is not None and saved.decision is Decision.PURSUE


async def test_harm_you_did_is_met_with_repair_not_safety_words(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("e")
        await until(pilot, lambda: app.screen.__class__.__name__ == "EvaluationScreen")
        app.screen.query_one("#flags", SelectionList).select(RedFlag.UNCHANGEABLE_HARM.value)
        await pilot.press("ctrl+s")
        await until(pilot, on(app, CareScreen))
        assert line(shown(app.screen.query_one("#care-note", Static))) == line(phase_text.HARM_NOTE)
        assert "Respect and repair" in shown(app.screen.query_one(".page-title", Static))


async def test_a_logistics_contact_without_duties_asks_first(ready: Journal) -> None:
    assert phases.logistics_needs_reason(ready.journey())
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("l")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ContactFormScreen")
        form = app.screen
        form.query_one("#logistics", Checkbox).value = True
        form.query_one("#contact-note", Input).value = "returned the [b]books[/b]"
        await pilot.press("ctrl+s")
        await until(pilot, on(app, ConfirmScreen))
        assert isinstance(app.screen, ConfirmScreen)
        assert phase_text.LOGISTICS_CHECK in app.screen.question
        await pilot.press("n")
        await until(pilot, lambda: app.screen is form)
        assert form.query_one("#logistics", Checkbox).value
        with reread(ready) as j:
            assert j.contacts() == []
        await pilot.press("ctrl+s")
        await until(pilot, on(app, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, on(app, DashboardScreen))
    with reread(ready) as j:
        [contact] = j.contacts()
        assert contact.logistics and contact.note == "returned the [b]books[/b]"


async def test_a_logistics_contact_with_children_is_logged_straight_away(
    ready: Journal,
) -> None:
    ready.set_journey(children=True)
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("l")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ContactFormScreen")
        app.screen.query_one("#logistics", Checkbox).value = True
        await pilot.press("ctrl+s")
        await until(pilot, on(app, DashboardScreen))
    with reread(ready) as j:
        [contact] = j.contacts()
        assert contact.logistics
