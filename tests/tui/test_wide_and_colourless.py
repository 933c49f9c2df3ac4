"""The wide terminal, used, and levels told without colour (issue 14, items 16 and 17).

A tall terminal adds a twelve-week strip to the mood pane, the current phase's checklist to the
roadmap and the contact ladder to the readiness pane; at 80x24 none of them takes room. Every
mood level reads by its shape, and a colour-blind-safe theme is offered in Settings.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import new_journal
from textual.color import Color
from textual.widgets import OptionList, SelectionList, Static

from exback_tui.core.exit_signals import current_ladder
from exback_tui.core.ladder import RUNGS
from exback_tui.store.journal import Journal
from exback_tui.tui.app import ExbackApp, build_app
from exback_tui.tui.render import MOOD_SHADES, mood_colour, mood_shade, sparkline
from exback_tui.tui.screens.checkin import CheckInScreen
from exback_tui.tui.screens.dashboard import DashboardScreen
from exback_tui.tui.screens.insights import InsightsScreen
from exback_tui.tui.screens.settings import SettingsScreen
from exback_tui.tui.themes import CLEAR_SIGHT
from exback_tui.tui.widgets.year_heatmap import LABEL_CELLS, WEEKS

from .helpers import DEMO_TODAY, dashboard_ready, on, on_phase, reread, settled, until
from .wide_helpers import drawn, fill_climbing

EXTRAS = ("strip", "phase-checklist", "ladder")


@pytest.fixture
def climbing(tmp_path: Path) -> Iterator[Journal]:
    """Phase 4, a few rungs up the contact ladder (today is DEMO_TODAY)."""
    start = DEMO_TODAY - timedelta(days=90)
    with Journal.open(new_journal(tmp_path / "climbing.db", start), today=start) as journal:
        fill_climbing(journal)
        yield journal


def extras_shown(app: ExbackApp) -> dict[str, bool]:
    """Which of the tall terminal's parts are on show (laid out, so they can be read)."""
    parts = {name: app.screen.query_one(f"#{name}", Static) for name in EXTRAS}
    return {name: part.display and part.size.height > 0 for name, part in parts.items()}


def text_of(app: ExbackApp, name: str) -> str:
    """What a part of a pane draws, line by line."""
    return "\n".join(drawn(app.screen.query_one(f"#{name}", Static)))


async def test_a_tall_terminal_shows_the_strip_the_checklist_and_the_ladder(
    climbing: Journal,
) -> None:
    app = build_app(climbing, today=DEMO_TODAY)
    async with app.run_test(size=(160, 50)) as pilot:
        await dashboard_ready(pilot, app)
        await until(pilot, lambda: all(extras_shown(app).values()))
        checklist = text_of(app, "phase-checklist")
        assert "Checklist · 1 of" in checklist
        assert "✓ Sent a first, low-pressure text" in checklist
        assert "○ Had a short coffee together" in checklist
        ladder = text_of(app, "ladder")
        here = current_ladder(climbing.snapshot(DEMO_TODAY))
        assert 0 < here.rung_index < len(RUNGS) - 1  # rungs on both sides of the mark
        assert f"● {here.rung.title}  ← you are here" in ladder
        assert f"✓ {RUNGS[0].title}" in ladder
        assert f"○ {RUNGS[-1].title}" in ladder
        assert ladder.count("●") == 1
        strip = text_of(app, "strip")
        assert "Last 12 weeks" in strip
        assert "█ 8-10" in strip  # the legend says what each shade is
        # Nothing spills: every pane holds all it shows without scrolling.
        for pane in ("#roadmap", "#mood", "#readiness"):
            widget = app.screen.query_one(pane)
            assert widget.max_scroll_y == 0, pane


async def test_80x24_keeps_its_room_for_what_was_there(climbing: Journal) -> None:
    app = build_app(climbing, today=DEMO_TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await dashboard_ready(pilot, app)
        for key in ("1", "2", "3"):
            await pilot.press(key)
            await until(pilot, lambda: app.screen.query_one(f"#{screen.active}").size.height > 0)
            await pilot.pause()
            assert not any(extras_shown(app).values())
        # Grown to a tall terminal, the same panes make use of it; back, they give it up.
        await pilot.resize_terminal(160, 50)
        await until(pilot, lambda: all(extras_shown(app).values()))
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: not any(extras_shown(app).values()))


async def test_heatmap_levels_differ_by_character_under_no_color(
    ready: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two moods of different bands draw different characters, so NO_COLOR (Textual's
    monochrome filter) still tells them apart; the sparkline's heights do the same."""
    today = DEMO_TODAY
    low_day, high_day = today - timedelta(days=8), today - timedelta(days=1)
    ready.record_checkin(low_day, mood=2, today=today)
    ready.record_checkin(high_day, mood=9, today=today)
    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(ready, today=today)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.no_color
        await dashboard_ready(pilot, app)
        await pilot.press("i")
        await until(pilot, on(app, InsightsScreen))
        heatmap = app.screen.query_one("#heatmap", Static)
        await until(pilot, lambda: "8-10" in "".join(drawn(heatmap)))
        lines = drawn(heatmap)

        def cell(day: date) -> str:
            first = today - timedelta(days=today.weekday(), weeks=WEEKS - 1)
            week = (day - first).days // 7
            return lines[1 + day.weekday()][LABEL_CELLS + week]

        assert cell(low_day) == mood_shade(2)
        assert cell(high_day) == mood_shade(9)
        assert cell(low_day) != cell(high_day)
        assert cell(today - timedelta(days=3)) == "·"  # no check-in: a dot, not a shade
        spark = "".join(drawn(app.screen.query_one("#insights-spark", Static)))
        bars = [ch for ch in spark if "▁" <= ch <= "█"]
        assert len(set(bars)) == 2  # the 2 and the 9, at two different heights


def test_every_band_has_its_own_shade_and_bar() -> None:
    shades = [mood_shade(mood) for mood in range(1, 11)]
    assert sorted(set(shades), key=shades.index) == [shade for _, shade in MOOD_SHADES]
    assert shades == sorted(shades, key="░▒▓█".index)  # never lighter for a better mood
    colours = {"error": "#D55E00", "warning": "#E69F00", "success": "#56B4E9"}
    bars = sparkline(list(range(1, 11)), colours).plain
    assert list(bars) == sorted(bars) and len(set(bars)) == 8


def hue(colour: str) -> float:
    """A colour's hue in degrees, 0-360."""
    return Color.parse(colour).hsl.h * 360


async def test_clear_sight_theme_is_offered_and_applies(demo: Journal) -> None:
    app = build_app(demo, today=DEMO_TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await dashboard_ready(pilot, app)
        await pilot.press("s")
        await until(pilot, on(app, SettingsScreen))
        themes = app.screen.query_one("#theme", OptionList)
        index = themes.get_option_index(CLEAR_SIGHT.name)
        assert "colour-blind safe" in str(themes.get_option_at_index(index).prompt)
        themes.focus()
        themes.highlighted = index
        await pilot.press("enter")
        await until(pilot, lambda: app.theme == CLEAR_SIGHT.name)
        variables = app.get_css_variables()
        # No red and green pair: the bad end is orange-red, the good end blue.
        assert hue(variables["error"]) < 40
        assert 180 < hue(variables["success"]) < 240
        await pilot.press("escape")
        await until(pilot, on(app, DashboardScreen))
        # The dashboard is drawn again in the theme's colours: today's mood, for one.
        data = screen.data
        assert data is not None and data.today_checkin is not None
        mood = data.today_checkin.mood
        assert mood is not None
        today = screen.query_one("#today", Static).content
        colours = {str(span.style) for span in getattr(today, "spans", ())}
        assert any(mood_colour(mood, variables) in style for style in colours)

        def saved_theme() -> str | None:
            with reread(demo) as j:
                return j.setting("theme")

        await until(pilot, lambda: saved_theme() == CLEAR_SIGHT.name)


async def test_ticks_read_by_shape_under_no_color(
    ready: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual draws the same "X" in a ticked and an unticked box, told apart by colour only;
    under NO_COLOR every item looked ticked. A tick shows only on what is ticked: the phase's
    checklist and the check-in's habits."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(ready, today=DEMO_TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.no_color
        await dashboard_ready(pilot, app)
        await pilot.press("p")
        await until(pilot, on_phase(app, 1))
        await until(pilot, settled(app))
        checklist = app.screen.query_one("#checklist", SelectionList)
        assert app.focused is checklist and checklist.highlighted == 0
        first = str(checklist.get_option_at_index(0).prompt)
        assert not any("✓" in line for line in drawn(checklist))
        await pilot.press("space")
        await until(pilot, lambda: len(checklist.selected) == 1)
        ticked = [line for line in drawn(checklist) if "✓" in line]
        assert len(ticked) == 1 and first[:20] in ticked[0]
        await pilot.press("escape")
        await until(pilot, on(app, DashboardScreen))
        await pilot.press("c")
        await until(pilot, on(app, CheckInScreen))
        habits = app.screen.query_one("#habits", SelectionList)
        await until(pilot, lambda: habits.option_count > 0)
        habits.select(habits.get_option_at_index(0).value)
        await until(pilot, lambda: sum("✓" in line for line in drawn(habits)) == 1)


def test_no_screen_builds_a_toggle_told_apart_by_colour_only() -> None:
    """Every tick box, radio button and selection list the app shows is one of ticks.py's,
    so a new screen cannot bring back the "X" that looks the same ticked and not (the
    onboarding and the ask answer were missed once)."""
    bare = {"Checkbox", "RadioButton", "SelectionList"}
    found = []
    for path in (Path(__file__).parents[2] / "exback_tui" / "tui").rglob("*.py"):
        if path.name == "ticks.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            called = node.func if isinstance(node, ast.Call) else None
            if isinstance(called, ast.Subscript):  # SelectionList[str](...)
                called = called.value
            if isinstance(called, ast.Name) and called.id in bare:
                found.append(f"{path.name}:{called.lineno} {called.id}")
            if isinstance(node, ast.ClassDef):
                found += [
                    f"{path.name}:{node.lineno} class {node.name}({base.id})"
                    for base in node.bases
                    if isinstance(base, ast.Name) and base.id in bare
                ]
    assert found == []
