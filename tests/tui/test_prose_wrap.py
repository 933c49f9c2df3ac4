"""ProseWrap (the entry editor's wrapping) gives Textual's rows after any edit, in any text.

Each example edits a document the way a TextArea does (replace a range, then rewrap from the
edit's locations) and compares the view, row by row and cell by cell, with Textual's own
WrappedDocument wrapping the text afresh. ``long_line=0`` puts every line through the quick
way, so short texts try it.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from textual.document._document import Document, Location
from textual.document._wrapped_document import WrappedDocument
from textual.geometry import Offset

from exback_tui.tui.widgets.prose_wrap import ProseWrap

# Words of every shape a row break meets: short and long (longer than a row: folded), wide
# characters (two cells), accents, emoji; spaces single and double; paragraphs; now and then
# a tab (such lines take Textual's way, and the two ways must hand over cleanly).
WORDS = st.one_of(
    st.text(alphabet="abcdefghij", min_size=1, max_size=9),
    st.sampled_from(["漢字です", "😀", "café", "x" * 45, "ｗｉｄｅｗｏｒｄ", "a.b,c"]),
)
GAPS = st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", " \n", "\t"])
TEXTS = st.lists(st.tuples(WORDS, GAPS), max_size=60).map(
    lambda parts: "".join(w + g for w, g in parts)
)
INSERTS = st.one_of(
    st.sampled_from(["", "a", " ", "\n", "zz top", "x" * 30, "漢", " \n ", "word\nword"]),
    TEXTS,
)
EDITS = st.lists(
    st.tuples(st.floats(0, 1), st.integers(0, 40), INSERTS, st.booleans()), min_size=1, max_size=8
)


def location(text: str, index: int) -> Location:
    """The (row, column) of character ``index`` of ``text``."""
    before = text[:index]
    return before.count("\n"), index - (before.rfind("\n") + 1)


def assert_same_view(ours: WrappedDocument, width: int) -> None:
    """``ours`` shows its document exactly as Textual wraps it afresh."""
    fresh = WrappedDocument(Document(ours.document.text), tab_width=4)
    fresh.wrap(width, 4)
    document = ours.document
    assert ours.height == fresh.height
    for row in range(document.line_count):
        assert ours.get_offsets(row) == fresh.get_offsets(row), f"line {row}"
        assert ours.get_tab_widths(row) == fresh.get_tab_widths(row)
        assert ours.get_sections(row) == fresh.get_sections(row)
        for column in range(len(document[row]) + 1):
            where = (row, column)
            assert ours.location_to_offset(where) == fresh.location_to_offset(where), where
    for y in range(fresh.height):
        for x in (0, 1, width // 2, width - 1, width, width + 5):
            assert ours.offset_to_location(Offset(x, y)) == fresh.offset_to_location(
                Offset(x, y)
            ), (x, y)


@given(text=TEXTS, width=st.integers(4, 24), edits=EDITS)
def test_rows_after_edits_are_textuals_rows(
    text: str, width: int, edits: list[tuple[float, int, str, bool]]
) -> None:
    document = Document(text)
    ours = ProseWrap(document, tab_width=4, long_line=0)
    ours.wrap(width, 4)
    assert_same_view(ours, width)
    for at, length, insert, skewed in edits:
        current = document.text
        begin = int(at * len(current))
        end = min(len(current), begin + length)
        start, stop = location(current, begin), location(current, end)
        result = document.replace_range(start, stop, insert)
        new_end = result.end_location
        if skewed:
            # Textual's undo hands over the rows an edit spans but columns that may not be
            # where the edit began or ended: the rows after it must be right all the same.
            start, stop = (start[0], 0), (stop[0], len(current))
            new_end = (new_end[0], 0)
        ours.wrap_range(start, stop, new_end)
        assert_same_view(ours, width)


def test_every_small_edit_of_a_paragraph_at_every_width() -> None:
    """Every one- to three-character deletion and every small insertion, at every place of a
    paragraph of words short and long, at widths from 4 to 13: Textual's row breaks."""
    mixed = "aaa ccccccccc dd e  ffff gggggggggggggggggggg hh 漢字漢 i jj"
    every = [
        (mixed, width, range(4), ("", "a", " ", "\n", "kkkkkkkkkkkk")) for width in range(4, 14)
    ]
    # Words all alike: a row gained or lost moves every break after it, so the rewrap runs
    # through many windows to the end of the line, meeting no old break.
    alike = [("abcd " * 40, width, range(2), ("", "a")) for width in (4, 9, 10, 11)]
    for text, width, lengths, inserts in every + alike:
        for begin in range(len(text) + 1):
            for length in lengths:
                for insert in inserts:
                    document = Document(text)
                    ours = ProseWrap(document, tab_width=4, long_line=0)
                    ours.wrap(width, 4)
                    start, stop = (0, begin), (0, min(begin + length, len(text)))
                    result = document.replace_range(start, stop, insert)
                    ours.wrap_range(start, stop, result.end_location)
                    fresh = WrappedDocument(Document(document.text), tab_width=4)
                    fresh.wrap(width, 4)
                    rows = range(document.line_count)
                    assert [ours.get_offsets(r) for r in rows] == [
                        fresh.get_offsets(r) for r in rows
                    ], (width, begin, length, insert)
                    assert ours.height == fresh.height


def test_a_long_paragraph_edited_in_the_middle() -> None:
    """A 60,000-character paragraph (the quick way at its real threshold): typing, a space
    splitting a word, a line break and its removal, each leaves Textual's rows."""
    words = ["river", "walked", "a", "tomorrow", "I", "lighter", "quiet", "evening", "漢字"]
    text = " ".join(words[(i * 7) % len(words)] for i in range(9_000))
    document = Document(text)
    ours = ProseWrap(document, tab_width=4)
    ours.wrap(70, 4)
    middle = (0, len(text) // 2)
    for start, stop, insert in [
        (middle, middle, "x"),
        (middle, middle, " "),
        (middle, (0, middle[1] + 3), ""),
        (middle, middle, "\n"),
    ]:
        result = document.replace_range(start, stop, insert)
        ours.wrap_range(start, stop, result.end_location)
        fresh = WrappedDocument(Document(document.text), tab_width=4)
        fresh.wrap(70, 4)
        assert [ours.get_offsets(r) for r in range(document.line_count)] == [
            fresh.get_offsets(r) for r in range(document.line_count)
        ]
    joined = document.replace_range((0, len(document[0])), (1, 0), "")
    ours.wrap_range((0, len(document[0])), (1, 0), joined.end_location)
    fresh = WrappedDocument(Document(document.text), tab_width=4)
    fresh.wrap(70, 4)
    assert ours.get_offsets(0) == fresh.get_offsets(0)
    assert ours.height == fresh.height
