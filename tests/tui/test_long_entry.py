"""A paragraph as long as an entry may be: opened, typed in where the cursor is, saved exactly;
and its rows drawn as Textual's own TextArea draws them."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widgets import DataTable, TextArea
from textual.widgets.text_area import Selection

from exback_tui.core.text import MAX_TEXT_CHARS
from exback_tui.store.journal import Journal
from exback_tui.tui.app import build_app
from exback_tui.tui.screens.entry import EntryScreen
from exback_tui.tui.screens.journal import JournalScreen
from exback_tui.tui.widgets.prose_area import ProseArea
from exback_tui.tui.widgets.prose_wrap import LONG_LINE

from .helpers import SIZE, dashboard_ready, on, reread, settled, until

WORDS = (
    "I",
    "walked",
    "by",
    "the",
    "river",
    "and",
    "thought",
    "about",
    "what",
    "we",
    "had",
    "it",
    "was",
    "quiet",
    "my",
    "sister",
    "called",
    "laughed",
    "evening",
    "felt",
    "lighter",
    "café",
    "漢字",
    "naïve",
    "😀",
    "some",
    "days",
    "are",
    "still",
    "hard",
)


def paragraph(chars: int, seed: int = 3) -> str:
    """``chars`` characters of words (accents, wide characters, emoji among them), one line."""
    rng = random.Random(seed)
    words: list[str] = []
    size = 0
    while size < chars:
        words.append(rng.choice(WORDS))
        size += len(words[-1]) + 1
    return " ".join(words)[:chars]


def shows(area: TextArea, text: str) -> bool:
    """A condition: ``text`` is on one of the rows the text area draws."""
    return any(text in area.render_line(y).text for y in range(area.size.height))


async def test_a_million_character_paragraph_is_edited_where_the_cursor_is_and_saved_exactly(
    tmp_path: Path,
) -> None:
    text = paragraph(MAX_TEXT_CHARS)
    with Journal.open(tmp_path / "long.db") as journal:
        journal.set_journey(how="planned", children=False)
        entry = journal.add_entry(text)
        app = build_app(journal)
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
            await pilot.press("enter")
            await until(pilot, on(app, EntryScreen))
            area = app.screen.query_one("#entry-text", TextArea)
            assert area.text == text
            middle = len(text) // 2
            area.move_cursor((0, middle))
            await pilot.press("X")
            await until(pilot, lambda: area.cursor_location == (0, middle + 1))
            assert area.text == text[:middle] + "X" + text[middle:]
            await until(pilot, lambda: shows(area, "X"))
            await pilot.press("enter", "backspace")  # a paragraph split and joined again
            await until(pilot, lambda: area.document.line_count == 1)
            assert area.text == text[:middle] + "X" + text[middle:]
            await pilot.press("delete")  # the letter after the cursor: back to the limit
            await until(pilot, lambda: len(area.text) == MAX_TEXT_CHARS)
            await pilot.press("ctrl+end")  # where a long entry is added to
            await until(pilot, lambda: area.cursor_location == (0, MAX_TEXT_CHARS))
            await until(pilot, lambda: shows(area, text[-12:]))
            await pilot.press("ctrl+home")
            await until(pilot, lambda: area.cursor_location == (0, 0))
            await pilot.press("ctrl+s")
            await until(pilot, lambda: isinstance(app.screen, JournalScreen))
            await until(pilot, settled(app))
    with reread(journal) as again:
        assert again.entry(entry.id).text == text[:middle] + "X" + text[middle + 1 :]


# -- the rows drawn -----------------------------------------------------------------------------


class SideBySide(App[None]):
    """Textual's TextArea and ours, the same size, holding the same text."""

    CSS = "TextArea { width: 44; height: 9; }"

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield TextArea(self.text, id="textual")
        yield ProseArea(self.text, id="ours")

    def on_mount(self) -> None:
        """A steady cursor: the rows drawn do not depend on when they are drawn."""
        for area in self.query(TextArea):
            area.cursor_blink = False


def cells(strip: Strip) -> list[tuple[str, object]]:
    """A drawn row as (character, style) for each character, however it is cut in segments."""
    return [(ch, seg.style) for seg in strip for ch in seg.text if not seg.is_control]


async def drawn(pilot: Pilot[None], area: TextArea) -> list[list[tuple[str, object]]]:
    """What ``area`` draws on each of its rows, once it has the focus and its style is
    updated for it."""
    area.focus()
    await until(pilot, lambda: area.has_focus)
    await pilot.pause()
    return [cells(area.render_line(y)) for y in range(area.size.height)]


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_rows_of_a_long_paragraph_are_drawn_as_textual_draws_them(theme: str) -> None:
    """Cursor, cursor line, selections within and across rows and lines, the end of the text,
    a scrolled view: every cell and its style, against Textual's TextArea, dark and light."""
    long_line = paragraph(LONG_LINE * 3)
    text = f"{long_line}\nA second, short line.\n{paragraph(LONG_LINE + 500, seed=9)}"
    app = SideBySide(text)
    async with app.run_test(size=(100, 24)) as pilot:
        app.theme = theme
        textual_area = app.query_one("#textual", TextArea)
        ours = app.query_one("#ours", ProseArea)
        cases = [
            ((0, 0), (0, 0)),
            ((0, 3_000), (0, 3_000)),
            ((0, 2_950), (0, 3_060)),  # a selection over a few rows of one line
            ((0, 5_990), (2, 30)),  # from a long line, over a short one, into a long one
            ((2, 40), (0, 5_000)),  # the same backwards
            ((0, len(long_line)), (0, len(long_line))),  # the end of a line, past its text
            ((2, LONG_LINE + 500), (2, LONG_LINE + 500)),  # the end of the text
        ]
        for start, end in cases:
            for area in (textual_area, ours):
                area.selection = Selection(start, end)
                area.scroll_cursor_visible()
            await pilot.pause()
            assert ours.scroll_offset == textual_area.scroll_offset
            assert await drawn(pilot, ours) == await drawn(pilot, textual_area), (start, end)
