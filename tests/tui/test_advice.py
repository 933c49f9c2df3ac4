"""Pilot tests of advice you can trust, on the dashboard: one next step, a meter whose column
adds up, care before contact, and relationship health in phase 6. The moments you choose (the
ask, forced moves, the evaluation) are in test_advice_choices.py."""

from __future__ import annotations

import re
from datetime import date, timedelta

from textual.widgets import OptionList, SelectionList, Static

from exback_tui.core import phases
from exback_tui.core.care import care_step_text
from exback_tui.core.readiness import assess
from exback_tui.core.values import Answer, Decision, Evaluation
from exback_tui.store.journal import Journal
from exback_tui.tui.app import build_app
from exback_tui.tui.screens.checkin import CheckInScreen
from exback_tui.tui.screens.dashboard import DashboardScreen
from exback_tui.tui.widgets.mood_pane import MoodPane
from exback_tui.tui.widgets.readiness_meter import ReadinessMeter
from exback_tui.tui.widgets.roadmap import Roadmap
from exback_tui.tui.widgets.scale import Scale

from .advice_helpers import line, moods, part, phase_screen, prompts, shown
from .helpers import DEMO_TODAY, SIZE, dashboard_ready, on, reread, until

VALUE = re.compile(r"(\+\d+|\?|–)\s*$")  # a factor's column, at the end of its first line


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
        by_label = {
            r.split(maxsplit=1)[1].rsplit(maxsplit=1)[0]: VALUE.search(r)
            for r in rows
            if VALUE.search(r)
        }
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
    ready.record_evaluation(
        Evaluation(
            made_on=date.today(),
            worth=Answer.NO,
            added_value=Answer.UNSURE,
            differences=Answer.NO,
            intimacy=3,
            passion=2,
            commitment=2,
            decision=Decision.LET_GO,
        )
    )
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
        headings = [
            text for o, text in zip(items.options, prompts(items), strict=True) if o.disabled
        ]
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
        await until(
            pilot,
            lambda: (
                app.screen is not dashboard or dashboard.query_one("#roadmap").has_class("-active")
            ),
        )
        assert app.screen is dashboard


async def test_before_phase_6_u_opens_the_urge_pause(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("u")
        await until(
            pilot, lambda: type(app.screen).__name__ == "UrgeScreen" and app.screen.is_mounted
        )


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
        await until(
            pilot,
            lambda: (
                "2 of 7 looked at this week" in shown(screen.query_one("#phase-signals", Static))
            ),
        )
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
        await until(
            pilot, lambda: isinstance(app.screen, CheckInScreen) and not app.screen.asks_urge
        )
        assert not app.screen.query_one("#urge", Scale).display
        assert not app.screen.query_one("#urge-label").display
        await pilot.press("6", "ctrl+s")
        await until(pilot, on(app, DashboardScreen))
    with reread(together) as j:
        saved = j.checkin(DEMO_TODAY)
        assert saved is not None and (saved.mood, saved.urge) == (6, 4)
