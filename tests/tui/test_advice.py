"""Pilot tests of advice you can trust: one next step, a meter whose column adds up, care
before contact, relationship health in phase 6, the ask, forced moves and their reasons."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from pathlib import Path

from rich.console import Console
from textual.pilot import Pilot
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
from exback_tui.core.care import care_step_text
from exback_tui.core.readiness import assess
from exback_tui.core.values import Answer, AskAnswer, Decision, Evaluation, RedFlag
from exback_tui.store.journal import Journal
from exback_tui.tui.app import ExbackApp, build_app
from exback_tui.tui.screens.ask import AskScreen
from exback_tui.tui.screens.care import CareScreen
from exback_tui.tui.screens.checkin import CheckInScreen
from exback_tui.tui.screens.confirm import ConfirmScreen
from exback_tui.tui.screens.dashboard import DashboardScreen
from exback_tui.tui.screens.notice import NoticeScreen
from exback_tui.tui.screens.phase import PhaseScreen
from exback_tui.tui.screens.prompt import PromptScreen
from exback_tui.tui.widgets.mood_pane import MoodPane
from exback_tui.tui.widgets.pane import Pane
from exback_tui.tui.widgets.readiness_meter import ReadinessMeter
from exback_tui.tui.widgets.roadmap import Roadmap
from exback_tui.tui.widgets.scale import Scale

from .helpers import DEMO_TODAY, SIZE, dashboard_ready, notified, on, reread, until

VALUE = re.compile(r"(\+\d+|\?|–)\s*$")  # a factor's column, at the end of its first line


def drawn(renderable: object, width: int = 60) -> str:
    """A Rich renderable (a Text, the meter's rows, an option's grid) as plain text."""
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def shown(widget: Static, width: int = 60) -> str:
    """What a Static shows, as plain text."""
    return drawn(widget.content, width)


def part(app: ExbackApp, pane: type[Pane], name: str) -> Static:
    """One part of a dashboard pane."""
    return app.screen.query_one(pane).query_one(f"#{name}", Static)


def prompts(options: OptionList, width: int = 200) -> list[str]:
    """Every option of a list as one line of plain text."""
    return [line(drawn(o.prompt, width)) for o in options.options]


def line(text: str) -> str:
    """Words as one line: how a sentence is compared with text wrapped on screen."""
    return " ".join(text.split())


async def phase_screen(pilot: Pilot[int], app: ExbackApp) -> PhaseScreen:
    await pilot.press("p")
    await until(pilot, lambda: isinstance(app.screen, PhaseScreen)
                and app.screen.snapshot is not None)
    screen = app.screen
    assert isinstance(screen, PhaseScreen)
    return screen


def moods(journal: Journal, *values: int, urge: int | None = None) -> None:
    """Check-ins with these moods on the days up to today, oldest first."""
    today = date.today()
    for back, mood in enumerate(reversed(values)):
        journal.record_checkin(today - timedelta(days=back), mood=mood, urge=urge)


# -- one next step ---------------------------------------------------------------------------


async def test_roadmap_meter_and_phase_screen_show_the_one_next_step(ready: Journal) -> None:
    ready.move_phase(4, "skipped", forced=True)
    snapshot = ready.snapshot(date.today())
    step = assess(snapshot).next_step
    # In phase 4 with no check-ins, the roadmap alone would say "a light text"; the meter
    # asks for check-ins first, and every screen shows the meter's step.
    assert step != phases.next_thing(snapshot)
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        assert line(shown(part(app, Roadmap, "phase-next"))) == f"Next: {step}"
        assert line(shown(part(app, ReadinessMeter, "next-step"))) == f"Next step: {step}"
        screen = await phase_screen(pilot, app)
        signals = shown(screen.query_one("#phase-signals", Static), width=200)
        assert f"Next: {step}" in signals


# -- the meter -------------------------------------------------------------------------------


async def test_each_factor_shows_its_share_and_the_column_adds_up(demo: Journal) -> None:
    result = assess(demo.snapshot(DEMO_TODAY))
    assert result.score is not None and result.cap_reason
    app = build_app(demo, today=DEMO_TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        rows = shown(part(app, ReadinessMeter, "factors")).splitlines()
        values = [m.group(1) for r in rows if (m := VALUE.search(r))]
        assert len(values) == len(result.factors)
        assert sum(int(v) for v in values if v.startswith("+")) == result.score
        assert values[[f.key for f in result.factors].index("receptiveness")] == "–"
        assert rows[-1].strip() == str(result.score)  # the total under the column
        cap = part(app, ReadinessMeter, "cap")
        assert cap.display and line(shown(cap)) == line(result.cap_reason)


async def test_the_phase_screen_adds_the_meter_up_too(demo: Journal) -> None:
    result = assess(demo.snapshot(DEMO_TODAY))
    assert result.score is not None
    app = build_app(demo, today=DEMO_TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        screen = await phase_screen(pilot, app)
        signals = line(shown(screen.query_one("#phase-signals", Static), width=400))
        found = re.search(r"Readiness (\d+), [^:]+: (.+?) = (\d+)", signals)
        assert found is not None, signals
        shares = [int(n) for n in re.findall(r"\+(\d+)", found.group(2))]
        assert int(found.group(1)) == int(found.group(3)) == sum(shares) == result.score
        assert len(shares) == sum(1 for f in result.factors if f.share is not None)


async def test_a_factor_without_data_shows_a_question_mark(ready: Journal) -> None:
    moods(ready, 6, 6, 7, 6, 7)  # moods only: no urge, no habits ticked
    result = assess(ready.snapshot(date.today()))
    assert result.score is not None
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        rows = shown(part(app, ReadinessMeter, "factors")).splitlines()
        by_label = {r.split(maxsplit=1)[1].rsplit(maxsplit=1)[0]: VALUE.search(r)
                    for r in rows if VALUE.search(r)}
        assert by_label["Neediness"] is not None and by_label["Neediness"].group(1) == "?"
        assert by_label["Self-improvement"] is not None
        assert by_label["Self-improvement"].group(1) == "?"
        shares = [m.group(1) for m in by_label.values() if m and m.group(1).startswith("+")]
        assert sum(int(v) for v in shares) == result.score


async def test_a_hard_week_puts_care_first_kindly(ready: Journal) -> None:
    moods(ready, 2, 3, 2)
    result = assess(ready.snapshot(date.today()))
    assert result.gate == "low-mood"
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        blocked = part(app, ReadinessMeter, "blocked")
        assert blocked.display and blocked.has_class("care")
        assert line(shown(blocked)) == line(result.block_reason)
        step = line(shown(part(app, ReadinessMeter, "next-step")))
        assert step == f"Next step: {line(care_step_text(ready.snapshot(date.today())))}"
        assert line(shown(part(app, Roadmap, "phase-next"))) == f"Next: {line(result.next_step)}"


async def test_letting_go_is_neutral_never_a_red_cross(ready: Journal) -> None:
    ready.record_evaluation(Evaluation(
        made_on=date.today(), worth=Answer.NO, added_value=Answer.UNSURE, differences=Answer.NO,
        intimacy=3, passion=2, commitment=2, decision=Decision.LET_GO))
    result = assess(ready.snapshot(date.today()))
    assert result.let_go and any(f.icon == "bad" for f in result.factors)
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        assert "✗" not in shown(part(app, ReadinessMeter, "factors"))
        assert part(app, ReadinessMeter, "let-go").display
        assert not part(app, ReadinessMeter, "blocked").display
        screen = await phase_screen(pilot, app)
        assert "✗" not in shown(screen.query_one("#phase-signals", Static), width=200)


# -- phase 6: relationship health ------------------------------------------------------------


async def test_together_the_meter_becomes_relationship_health(together: Journal) -> None:
    app = build_app(together, today=DEMO_TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("3")
        meter = app.screen.query_one(ReadinessMeter)
        title = line(shown(meter.query_one(".pane-title", Static)))
        assert title == "Relationship health · 1 of 7 this week"
        assert not part(app, ReadinessMeter, "gauge").display
        assert not part(app, ReadinessMeter, "factors").display
        items = meter.query_one("#health-items", OptionList)
        await until(pilot, lambda: app.focused is items)
        lines = dict(zip([o.id for o in items.options], prompts(items), strict=True))
        assert lines["defuse-early"].startswith("✓ Small frictions")
        assert lines["learned-from-past"].startswith("due What went wrong before")
        assert lines["pattern-keeping-score-b"] == "due Watch for: keeping score [b]"
        headings = [text for o, text in zip(items.options, prompts(items), strict=True)
                    if o.disabled]
        assert headings[:2] == ["Safeguards against old patterns", "Early warning signs"]
        # Mood, yes; the urge to reach out means nothing once you're together again.
        await pilot.press("2")
        assert "mood 9/10" in line(shown(part(app, MoodPane, "today")))
        assert "urge" not in shown(part(app, MoodPane, "today")).lower()
        assert "Urge" not in shown(part(app, MoodPane, "numbers"))
        # ... nor the urge pause's key: not in the footer, and u does nothing.
        shown_keys = {b.binding.action for b in app.screen.active_bindings.values() if b.enabled}
        assert "urge" not in shown_keys and "app.open('checkin')" in shown_keys
        # Keys are handled in order: once "1" has shown the roadmap, "u" was handled too.
        dashboard = app.screen
        await pilot.press("u", "1")
        await until(pilot, lambda: app.screen is not dashboard
                    or dashboard.query_one("#roadmap").has_class("-active"))
        assert app.screen is dashboard


async def test_before_phase_6_u_opens_the_urge_pause(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("u")
        await until(pilot, lambda: type(app.screen).__name__ == "UrgeScreen")


async def test_space_and_enter_look_at_a_check_again_this_week(together: Journal) -> None:
    later = DEMO_TODAY + timedelta(days=8)  # last week's check is due again
    app = build_app(together, today=later)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("3")
        items = app.screen.query_one("#health-items", OptionList)
        await until(pilot, lambda: app.focused is items)
        await pilot.press("down", "down", "down")  # past the second heading: "defuse-early"
        highlighted = items.highlighted
        assert highlighted is not None
        assert items.get_option_at_index(highlighted).id == "defuse-early"
        await pilot.press("space")

        def marks() -> dict[str, date]:
            with reread(together) as j:
                return {m.item_key: m.done_on for m in j.checklist_marks(6)}

        await until(pilot, lambda: marks().get("defuse-early") == later)
        await pilot.press("up", "up", "up", "enter")  # "learned-from-past", never looked at
        await until(pilot, lambda: marks().get("learned-from-past") == later)
        title = app.screen.query_one(ReadinessMeter).query_one(".pane-title", Static)
        await until(pilot, lambda: "2 of 7 this week" in shown(title))


async def test_the_phase_screen_checks_the_week_too(together: Journal) -> None:
    later = DEMO_TODAY + timedelta(days=3)
    app = build_app(together, today=later)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        screen = await phase_screen(pilot, app)
        checklist = screen.query_one("#checklist", SelectionList)
        assert screen.number == 6 and checklist.selected == ["defuse-early"]
        assert "1 of 7 looked at this week" in shown(screen.query_one("#phase-signals", Static))
        await pilot.press("space")  # the first: "learned-from-past"
        await until(pilot, lambda: "2 of 7 looked at this week"
                    in shown(screen.query_one("#phase-signals", Static)))
    with reread(together) as j:
        marks = {m.item_key: m.done_on for m in j.checklist_marks(6)}
        assert marks == {"defuse-early": DEMO_TODAY, "learned-from-past": later}


async def test_together_the_checkin_asks_no_urge_and_keeps_the_saved_one(
    together: Journal,
) -> None:
    together.record_checkin(DEMO_TODAY, urge=4, today=DEMO_TODAY)
    app = build_app(together, today=DEMO_TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, CheckInScreen)
                    and not app.screen.asks_urge)
        assert not app.screen.query_one("#urge", Scale).display
        assert not app.screen.query_one("#urge-label").display
        await pilot.press("6", "ctrl+s")
        await until(pilot, on(app, DashboardScreen))
    with reread(together) as j:
        saved = j.checkin(DEMO_TODAY)
        assert saved is not None and (saved.mood, saved.urge) == (6, 4)


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
        await until(pilot, lambda: isinstance(app.screen, PhaseScreen)
                    and app.screen.number == 4)
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
        await until(pilot, lambda: isinstance(app.screen, PhaseScreen)
                    and app.screen.number == 2)
    with reread(ready) as j:
        last = j.current_phase()
        assert (last.phase, last.reason, last.forced) == (2, phase_text.FORCED_DEFAULT_REASON, True)


async def test_forcing_past_a_red_flag_needs_your_own_words(ready: Journal) -> None:
    ready.move_phase(3, "Steadier now")
    ready.record_evaluation(Evaluation(
        made_on=date.today(), worth=Answer.YES, added_value=Answer.YES, differences=Answer.NO,
        intimacy=5, passion=5, commitment=5, decision=Decision.PURSUE,
        red_flags=(RedFlag.CONTROL,)))
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
        await until(pilot, lambda: isinstance(app.screen, PhaseScreen)
                    and app.screen.number == 4)
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
        journal.move_phase(3, "Straight to thinking it over", on=today - timedelta(days=10),
                           forced=True)
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
        await until(pilot, lambda: screen.query_one("#decision", RadioSet).pressed_index == 0
                    and screen.query_one("#q-worth", RadioSet).pressed_index == 0)
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
