"""Soft wrapping whose cost follows the edit, not the length of the paragraph edited.

Textual's ``WrappedDocument`` rewraps every line an edit touches from its first character and
finds a row of a line by splitting the whole line: nothing for code, but a second a key in a
224,000-character paragraph. ``ProseWrap`` gives the same rows (the tests compare the two),
doing on a long line only what an edit can change.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from textual._cells import cell_len
from textual._wrap import compute_wrap_offsets
from textual.document._document import DocumentBase, Location
from textual.document._wrapped_document import WrappedDocument
from textual.expand_tabs import get_tab_widths
from textual.geometry import Offset

# Lines shorter than this take Textual's own way: it costs little there, and it is Textual's.
LONG_LINE = 2_000
# Narrower than this, a character may not fit a row at all and rows come out empty; Textual's
# way handles that, and no entry is edited that narrow.
MIN_WIDTH = 4


class ProseWrap(WrappedDocument):
    """Textual's wrapped view of a document, quick on long lines without tabs.

    Greedy wrapping restarts cleanly at any row break: the rows after a break depend only on
    the text after it. So an edit rewraps from just before the row it can first move, and
    stops at the first new break that falls where an old one did (moved by the edit's length)
    past the edit: from there the old breaks hold. A tab's width depends on everything before
    it on the line, so lines holding a tab take Textual's way.
    """

    _wrapped_lines: list[str]
    """Each line's text when it was last wrapped: what an edit is measured against."""

    def __init__(
        self, document: DocumentBase, width: int = 0, tab_width: int = 4, long_line: int = LONG_LINE
    ) -> None:
        self.long_line = long_line
        """Lines at least this long take the quick way (tests lower it to try short ones)."""
        self._wrapped_lines = []
        super().__init__(document, width, tab_width)

    def wrap(self, width: int, tab_width: int | None = None) -> None:
        """Wrap every line, as Textual does; a line without tabs skips Textual's search for
        them (a regular expression over the whole line: a tenth of a second a million
        characters, each time the view is laid out). Asked again with nothing changed (the
        text area asks when its scroll bar comes or goes), it keeps the rows it has."""
        lines = self.document.lines
        if (
            width == self._width
            and tab_width in (None, self._tab_width)
            and self._wrapped_lines == lines
        ):
            return
        self._width = width
        if tab_width:
            self._tab_width = tab_width
        wrap_offsets: list[list[int]] = []
        tab_widths: list[list[int]] = []
        for line in lines:
            sections = get_tab_widths(line, self._tab_width) if "\t" in line else _no_tabs(line)
            tab_widths.append([w for _, w in sections])
            wrap_offsets.append(
                compute_wrap_offsets(
                    line, width, self._tab_width, precomputed_tab_sections=sections
                )
                if width
                else []
            )
        self._wrap_offsets = wrap_offsets
        self._tab_width_cache = tab_widths
        self._offset_to_line_info = []
        self._line_index_to_offsets = []
        row = 0
        for index, offsets in enumerate(wrap_offsets):
            count = len(offsets) + 1
            self._offset_to_line_info.extend((index, section) for section in range(count))
            self._line_index_to_offsets.append(list(range(row, row + count)))
            row += count
        self._wrapped_lines = list(lines)

    def wrap_range(self, start: Location, old_end: Location, new_end: Location) -> None:
        """Rewrap after an edit between ``start`` and ``old_end`` that now ends at ``new_end``."""
        top, old_bottom, new_bottom = start[0], old_end[0], new_end[0]
        lines = self.document.lines
        old_lines = self._wrapped_lines[top : old_bottom + 1]
        new_lines = lines[top : new_bottom + 1]
        if not self._quick_for(top, old_bottom, new_bottom, old_lines, new_lines):
            super().wrap_range(start, old_end, new_end)
            self._wrapped_lines = list(lines)
            return
        old_offsets = self._wrap_offsets[top : old_bottom + 1]
        kept = _common_prefix(old_lines[0], new_lines[0], start[1])
        tail = _common_suffix(old_lines[-1], new_lines[-1], len(new_lines[-1]) - new_end[1])
        if len(new_lines) == len(old_lines) == 1:
            # One line before and after: what is kept at each end cannot overlap.
            tail = min(tail, len(old_lines[0]) - kept, len(new_lines[0]) - kept)
        new_offsets = []
        for index, line in enumerate(new_lines):
            first, last = index == 0, index == len(new_lines) - 1
            new_offsets.append(
                self._rewrap(
                    line,
                    old_offsets[0] if first else [],
                    kept if first else 0,
                    old_offsets[-1] if last else [],
                    len(old_lines[-1]) - tail if last else len(line),
                    len(line) - tail if last else len(line),
                )
            )
        self._replace_lines(top, old_bottom, new_lines, new_offsets)

    def _quick_for(
        self,
        top: int,
        old_bottom: int,
        new_bottom: int,
        old_lines: list[str],
        new_lines: list[str],
    ) -> bool:
        """Is this edit one the quick way handles (a wrapped, long line without tabs)?"""
        return (
            self._width >= MIN_WIDTH
            and 0 <= top <= min(old_bottom, new_bottom)
            and old_bottom < len(self._wrap_offsets)
            and new_bottom < self.document.line_count
            and len(old_lines) == old_bottom - top + 1
            and any(len(line) >= self.long_line for line in (*old_lines, *new_lines))
            and not any("\t" in line for line in (*old_lines, *new_lines))
        )

    def _rewrap(
        self,
        line: str,
        old_offsets: list[int],
        kept: int,
        old_tail_offsets: list[int],
        old_tail_start: int,
        tail_start: int,
    ) -> list[int]:
        """The breaks of ``line``, whose first ``kept`` characters were wrapped at
        ``old_offsets`` and whose text from ``tail_start`` on was at ``old_tail_start`` on a
        line wrapped at ``old_tail_offsets``."""
        width = self._width
        begin = _restart(old_offsets, kept)
        out = old_offsets[: bisect_right(old_offsets, begin)]
        moved = tail_start - old_tail_start
        span = max(tail_start - begin, 0) + 8 * width
        position = begin
        while True:
            # A window may end inside a word. Every break found before that word holds, and
            # one at its start too (cut short, it still did not fit); the next window starts
            # from the last break found, so the word is wrapped whole there.
            end = min(position + span, len(line))
            for rel in compute_wrap_offsets(line[position:end], width, self._tab_width):
                b = position + rel
                if b >= tail_start:
                    # Past the edit, a break where an old one was (moved by the edit's
                    # length): the old breaks from there on hold.
                    i = bisect_left(old_tail_offsets, b - moved)
                    if i < len(old_tail_offsets) and old_tail_offsets[i] == b - moved:
                        return out + [o + moved for o in old_tail_offsets[i:]]
                out.append(b)
            if end >= len(line):
                return out
            if out and out[-1] > position:
                position = out[-1]
            span *= 2

    def _replace_lines(
        self, top: int, old_bottom: int, new_lines: list[str], new_offsets: list[list[int]]
    ) -> None:
        """Put the new lines' breaks in place, and move the rows below by what they gained."""
        old_counts = [len(o) + 1 for o in self._wrap_offsets[top : old_bottom + 1]]
        new_counts = [len(o) + 1 for o in new_offsets]
        old_rows, new_rows = sum(old_counts), sum(new_counts)
        self._wrap_offsets[top : old_bottom + 1] = new_offsets
        self._tab_width_cache[top : old_bottom + 1] = [
            [w for _, w in _no_tabs(line)] for line in new_lines
        ]
        self._wrapped_lines[top : old_bottom + 1] = new_lines
        if old_counts == new_counts:
            return  # every line has the rows it had; only the breaks inside them moved
        first_row = self._line_index_to_offsets[top][0]
        line_info: list[tuple[int, int]] = []
        line_rows: list[list[int]] = []
        row = first_row
        for index, offsets in enumerate(new_offsets, top):
            count = len(offsets) + 1
            line_info.extend((index, section) for section in range(count))
            line_rows.append(list(range(row, row + count)))
            row += count
        self._offset_to_line_info[first_row : first_row + old_rows] = line_info
        self._line_index_to_offsets[top : old_bottom + 1] = line_rows
        line_shift = len(new_lines) - (old_bottom - top + 1)
        row_shift = new_rows - old_rows
        below = top + len(new_lines)
        if line_shift:
            info = self._offset_to_line_info
            for y in range(first_row + new_rows, len(info)):
                index, section = info[y]
                info[y] = (index + line_shift, section)
        if row_shift:
            rows = self._line_index_to_offsets
            for index in range(below, len(rows)):
                rows[index] = [y + row_shift for y in rows[index]]

    def is_long_plain(self, line_index: int) -> bool:
        """Is this line one the quick way answers for (long, no tab, wrapped)?"""
        if not 0 <= line_index < len(self._wrap_offsets) or self._width < MIN_WIDTH:
            return False
        line = self.document[line_index]
        return len(line) >= self.long_line and "\t" not in line

    def section_span(self, line_index: int, section: int) -> tuple[int, int]:
        """Where row ``section`` of a line starts and ends, in characters."""
        offsets = self._wrap_offsets[line_index]
        begin = offsets[section - 1] if section > 0 else 0
        end = offsets[section] if section < len(offsets) else len(self.document[line_index])
        return begin, end

    def row_of(self, y: int) -> tuple[int, int] | None:
        """(line, section) shown at row ``y`` of the wrapped view, or None below the text."""
        info = self._offset_to_line_info
        return info[y] if 0 <= y < len(info) else None

    def get_sections(self, line_index: int) -> list[str]:
        """The rows of a line, each as its text (slices, not a split of the whole line)."""
        if not self.is_long_plain(line_index):
            return super().get_sections(line_index)
        line = self.document[line_index]
        offsets = self._wrap_offsets[line_index]
        return [line[a:b] for a, b in zip([0, *offsets], [*offsets, len(line)], strict=True)]

    def location_to_offset(self, location: Location) -> Offset:
        """Where ``location`` shows in the wrapped view, reading only its row."""
        line_index, column = location
        if column < 0 or not self.is_long_plain(line_index):
            return super().location_to_offset(location)
        offsets = self._wrap_offsets[line_index]
        section = bisect_right(offsets, column)
        begin, end = self.section_span(line_index, section)
        x = cell_len(self.document[line_index][begin : min(column, end)])
        return Offset(x, self._line_index_to_offsets[line_index][section])

    def get_target_document_column(self, line_index: int, x_offset: int, y_offset: int) -> int:
        """The column of a line at ``x_offset`` in its row ``y_offset``, reading only that row."""
        if not self.is_long_plain(line_index):
            return super().get_target_document_column(line_index, x_offset, y_offset)
        count = len(self._wrap_offsets[line_index]) + 1
        section = y_offset + count if y_offset < 0 else y_offset
        if not 0 <= section < count:
            return super().get_target_document_column(line_index, x_offset, y_offset)
        begin, end = self.section_span(line_index, section)
        text = self.document[line_index][begin:end]
        column = begin + _column_at(text, x_offset)
        if y_offset not in (count - 1, -1):
            column = min(column, begin + len(text) - 1)
        return column


def _column_at(text: str, x: int) -> int:
    """The index of the character of tab-free ``text`` at cell ``x`` (its length past the end)."""
    cells = 0
    for index, character in enumerate(text):
        cells += cell_len(character)
        if cells > x:
            return index
    return len(text)


def _no_tabs(line: str) -> list[tuple[str, int]]:
    """What Textual's ``get_tab_widths`` finds in a line without tabs."""
    return [(line, 0)] if line else []


def _restart(offsets: list[int], kept: int) -> int:
    """The row break to rewrap from, after an edit that kept the first ``kept`` characters:
    the start of the row two above the one holding the last kept character.

    The chunk (a word and its spaces) holding that character may have changed: grown, lost
    its space, been split. If it starts on that row or the one above, the row above it may
    now take it, and the rows above that begin with chunks the edit did not reach. If it
    starts higher, it is wider than a row (it crosses two row breaks) and stays so, so it
    still folds the same way down to the edit's row. (Rows are at least ``MIN_WIDTH`` wide.)
    """
    if kept <= 0:
        return 0
    row = bisect_right(offsets, kept - 1)
    return offsets[row - 3] if row >= 3 else 0


def _common_prefix(old: str, new: str, hint: int) -> int:
    """How many leading characters ``old`` and ``new`` share, at least as far as needed:
    ``hint`` (the edit's start) if it holds, else the exact count."""
    hint = min(hint, len(old), len(new))
    if hint >= 0 and new.startswith(old[:hint]):
        return hint
    low, high = 0, min(len(old), len(new))
    while low < high:  # the longest shared start, by halves (each comparison is in C)
        mid = (low + high + 1) // 2
        if old[:mid] == new[:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _common_suffix(old: str, new: str, hint: int) -> int:
    """How many trailing characters ``old`` and ``new`` share (``hint`` if it holds)."""
    hint = min(hint, len(old), len(new))
    if hint >= 0 and old.endswith(new[len(new) - hint :]):
        return hint
    low, high = 0, min(len(old), len(new))
    while low < high:
        mid = (low + high + 1) // 2
        if old[len(old) - mid :] == new[len(new) - mid :]:
            low = mid
        else:
            high = mid - 1
    return low
