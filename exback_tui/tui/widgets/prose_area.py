"""A text area for writing prose: typing stays quick in a paragraph of any length."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.document._document import Location
from textual.document._wrapped_document import WrappedDocument
from textual.strip import Strip
from textual.widgets import TextArea

from .prose_wrap import ProseWrap


class ProseArea(TextArea):
    """Textual's soft-wrapped TextArea for journal text, quick on long paragraphs.

    The text is Textual's own document, untouched: what is typed is what is saved. Two things
    change. Wrapping is ``ProseWrap``'s, which rewraps only the rows an edit can move. And a
    row of a long line is drawn from its own characters (Textual styles and splits the whole
    line for every row it draws: 12 rows of a million characters, each key and each cursor
    blink). Brackets are not matched: it is prose, and finding an unmatched one reads the
    whole text at every move of the cursor.
    """

    # Room for the scroll bar from the start: an entry that grows past the box does not
    # reflow (nor rewrap a long text a second time as it opens).
    DEFAULT_CSS = """
    ProseArea {
        scrollbar-gutter: stable;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # A long entry is mostly added to at its end; Textual's keys stop at a line's ends.
        Binding(
            "ctrl+home", "text_start", "Start of the text", show=False, tooltip="Jump to the top"
        ),
        Binding(
            "ctrl+end", "text_end", "End of the text", show=False, tooltip="Jump to the last word"
        ),
    ]

    _prose_wrap: ProseWrap

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        super().__init__(text, **kwargs)
        self.match_cursor_bracket = False

    @property
    def wrapped_document(self) -> WrappedDocument:
        """The wrapped view of the document: always a ``ProseWrap``."""
        return self._prose_wrap

    @wrapped_document.setter
    def wrapped_document(self, wrapped: WrappedDocument) -> None:
        # TextArea makes a plain WrappedDocument whenever it loads a text; it is not wrapped
        # yet (width 0), so making ours in its place costs nothing twice.
        if not isinstance(wrapped, ProseWrap):
            wrapped = ProseWrap(wrapped.document)
        self._prose_wrap = wrapped

    def action_text_start(self) -> None:
        """Move the cursor to the start of the text (ctrl+home)."""
        self.move_cursor((0, 0))

    def action_text_end(self) -> None:
        """Move the cursor to the end of the text (ctrl+end)."""
        last = self.document.line_count - 1
        self.move_cursor((last, len(self.document[last])))

    def find_matching_bracket(self, bracket: str, search_from: Location) -> Location | None:
        """No bracket matching in prose (see the class)."""
        if not self.match_cursor_bracket:
            return None
        return super().find_matching_bracket(bracket, search_from)

    def _render_line(self, y: int) -> Strip:
        """One row of the view: a row of a long line drawn from its slice, else Textual's."""
        section = self._long_row(y)
        if section is None:
            return super()._render_line(y)
        return self._render_section(*section)

    def _long_row(self, y: int) -> tuple[int, int, int, int] | None:
        """(line, section, start, end) if row ``y`` of the view is a row of a long line that
        only this class draws (plain text: no tab, no highlighting, no line numbers, no
        suggestion); else None."""
        if (
            self.language is not None
            or self.show_line_numbers
            or self.suggestion
            or not self.soft_wrap
            or (self.match_cursor_bracket and self._has_cursor)
        ):
            return None
        wrapped = self._prose_wrap
        found = wrapped.row_of(y + self.scroll_offset.y)
        if found is None or not wrapped.is_long_plain(found[0]):
            return None
        line_index, section = found
        start, end = wrapped.section_span(line_index, section)
        return line_index, section, start, end

    def _render_section(self, line_index: int, section: int, start: int, end: int) -> Strip:
        """Textual 8's ``TextArea._render_line`` for one row of a long, plain line, styling
        only that row's characters (tests/tui/test_long_entry.py draws both and compares)."""
        theme = self._theme
        base_style = theme.base_style if theme and theme.base_style is not None else self.rich_style
        line_text = self.document[line_index]
        count = len(line_text)
        last = section == len(self._prose_wrap.get_offsets(line_index))
        row = Text(line_text[start:end], end="", no_wrap=True)
        if last:
            row.set_length(end - start + 1)  # the cell after the text, where the cursor may be

        def stylize(style: Style | None, begin: int, finish: int) -> None:
            """Style the line's characters ``begin`` to ``finish`` where this row holds them."""
            begin, finish = max(begin, start) - start, min(finish, start + len(row)) - start
            if style is not None and begin < finish:
                row.stylize(style, begin, finish)

        selection = self.selection
        sel_start, sel_end = selection
        cursor_row, cursor_column = sel_end
        (top_row, top_column), (bottom_row, bottom_column) = sorted(selection)
        highlight_cursor_line = self.highlight_cursor_line and self._has_cursor
        cursor_line_style = theme.cursor_line_style if (theme and highlight_cursor_line) else None
        if self._has_cursor and cursor_line_style and cursor_row == line_index:
            stylize(cursor_line_style, 0, count + 1)
        if sel_start != sel_end and top_row <= line_index <= bottom_row:
            selection_style = theme.selection_style if theme else None
            begin = top_column if line_index == top_row else 0
            finish = bottom_column if line_index == bottom_row else count
            stylize(selection_style, begin, finish)
        if cursor_row == line_index and self._draw_cursor:
            stylize(theme.cursor_style if theme else None, cursor_column, cursor_column + 1)

        target_width = self.scrollable_content_region.size.width - self.gutter_width
        strip = Strip(row.render(self.app.console), cell_length=row.cell_len)
        if cursor_row == line_index and self.highlight_cursor_line:
            line_style = cursor_line_style
        else:
            line_style = theme.base_style if theme else None
        return strip.extend_cell_length(target_width, line_style).apply_style(base_style)
