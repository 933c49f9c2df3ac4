"""Search: plain words by default, every odd query a person types, highlighting as parts, paging."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest

from exback_tui.core.values import EntryKind
from exback_tui.store.errors import InvalidInput
from exback_tui.store.journal import Journal
from exback_tui.store.search import plain_query

# Each test's journal is made before it runs (conftest.made): these are tests of commands, and
# the first run that makes a journal is tested on its own (test_cli_basic's default path test,
# tests/e2e, tests/test_store_open.py).
pytestmark = pytest.mark.usefixtures("made")

D = date(2025, 5, 1)

RunExback = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def filled(journal: Journal) -> Journal:
    j = journal
    j.add_entry("I went for a long walk by the river.", day=D)
    j.add_entry('She said "foo" twice and then laughed.', day=D + timedelta(days=1))
    j.add_entry("Learning c++ is hard AND slow.", day=D + timedelta(days=2))
    j.add_entry("it's fine, really", day=D + timedelta(days=3))
    j.add_entry("A grey one.", day=D + timedelta(days=4), tags=["sad"])
    j.add_entry("Rough night 😢 again", day=D + timedelta(days=5))
    j.add_entry("Rated the film *****", day=D + timedelta(days=6))
    j.add_entry("I still walk past your house.", day=D + timedelta(days=7), kind=EntryKind.UNSENT)
    j.add_entry("The [bold]walk[/] markup stays text", day=D + timedelta(days=8))
    j.record_checkin(D + timedelta(days=9), mood=6, note="walked to the park")
    j.log_contact(
        medium="meetup",
        initiated_by="me",
        response="friendly",
        when=datetime(2025, 5, 11, 12, 0).astimezone(),
        note="walk and talk",
    )
    return j


def text_of(parts: tuple[tuple[str, bool], ...]) -> str:
    return "".join(p for p, _ in parts)


def test_plain_words_find_every_source_newest_first(filled: Journal) -> None:
    result = filled.search("walk")
    assert result.total == 5
    assert [h.source for h in result.hits] == ["contact", "checkin", "entry", "unsent", "entry"]
    days = [h.day for h in result.hits]
    assert days == sorted(days, reverse=True)
    assert result.hits[1].day == D + timedelta(days=9)
    # A word is a prefix: "walk" finds "walked", and the match is the whole word.
    assert ("walked", True) in result.hits[1].snippet_parts


def test_matches_come_as_parts_not_markup(filled: Journal) -> None:
    hit = filled.search("markup").hits[0]
    assert text_of(hit.snippet_parts) == "The [bold]walk[/] markup stays text"
    assert ("markup", True) in hit.snippet_parts
    assert ("The [bold]walk[/] ", False) in hit.snippet_parts
    for result in (filled.search("walk"), filled.search("😢")):
        for h in result.hits:
            assert all("\x02" not in p and "\x03" not in p for p, _ in h.snippet_parts)
            assert any(is_match for _, is_match in h.snippet_parts)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"foo', ["She said"]),
        ("AND", ["walk and talk", "Learning c++", "She said"]),  # just the word "and"
        ("-foo", ["She said"]),
        ("c++", ["Learning c++"]),
        ("it's", ["it's fine"]),
        ("#sad", ["A grey one."]),
        ("*", ["Rated the film"]),
        ("😢", ["Rough night"]),
        ("walk NOT river", []),  # not syntax in plain mode: all three words must be there
    ],
)
def test_odd_queries_are_plain_words_and_never_raise(
    filled: Journal, query: str, expected: list[str]
) -> None:
    result = filled.search(query)
    found = [text_of(h.snippet_parts) for h in result.hits]
    assert result.total == len(expected)
    for start, text in zip(expected, found, strict=True):
        assert text.startswith(start)


def test_emoji_and_symbols_are_highlighted_literally(filled: Journal) -> None:
    hit = filled.search("😢").hits[0]
    assert ("😢", True) in hit.snippet_parts
    stars = filled.search("*").hits[0]
    assert ("*****", True) in stars.snippet_parts


@pytest.mark.parametrize("query", ["", "   ", "\n\t"])
def test_an_empty_query_finds_nothing(filled: Journal, query: str) -> None:
    result = filled.search(query)
    assert result.total == 0 and result.hits == ()


def test_plain_query_quotes_each_word_as_a_phrase() -> None:
    assert plain_query('say "hi') == '"say"* """hi"*'
    assert plain_query("  ab   cd ") == '"ab"* "cd"*'
    # A word ending in a symbol or a single letter is matched exactly, not as a prefix:
    # "c++" should not find every word that starts with c.
    assert plain_query("c++ it's a") == '"c++" "it\'s" "a"'


def test_advanced_mode_passes_fts_syntax_and_explains_errors(filled: Journal) -> None:
    assert filled.search("river OR laughed", advanced=True).total == 2
    assert filled.search("walk NOT river", advanced=True).total == 3  # no prefix: not "walked"
    for bad in ('"foo', "AND", "c++", "it's", "-foo"):
        with pytest.raises(InvalidInput, match=r"^That search could not be understood: "):
            filled.search(bad, advanced=True)


def test_paging_is_stable_and_the_total_counts_everything(journal: Journal) -> None:
    for n in range(25):
        journal.add_entry(f"walk number {n}", day=D + timedelta(days=n))
    first = journal.search("walk", limit=10)
    second = journal.search("walk", limit=10, offset=10)
    last = journal.search("walk", limit=10, offset=20)
    assert first.total == second.total == last.total == 25
    assert len(first.hits) == 10 and len(last.hits) == 5
    numbers = [int(text_of(h.snippet_parts).split()[-1]) for h in first.hits + second.hits]
    assert numbers == list(range(24, 4, -1))
    with pytest.raises(InvalidInput):
        journal.search("walk", limit=0)


def test_edits_and_deletes_reach_the_index(journal: Journal) -> None:
    entry = journal.add_entry("walk", day=D)
    journal.update_entry(entry.id, "swim")
    assert journal.search("walk").total == 0
    assert journal.search("swim").hits[0].ref == entry.id
    journal.delete_entry(entry.id)
    assert journal.search("swim").total == 0


def test_cli_search_prints_hits_and_a_count(filled: Journal, run_exback: RunExback) -> None:
    result = run_exback("search", "walk", "--limit", "2")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "contact note" in lines[0] and "walk and talk" in lines[0]
    assert lines[0].startswith("Sun 11 May 2025")
    assert lines[1].startswith("Sat 10 May 2025") and "check-in note" in lines[1]
    assert lines[-1] == "5 matches (showing first 2)"
    markup = run_exback("search", "markup")
    assert "The [bold]walk[/] markup stays text" in markup.stdout
    assert markup.stdout.splitlines()[-1] == "1 match"


def test_cli_search_never_shows_a_traceback(filled: Journal, run_exback: RunExback) -> None:
    for query in ('"foo', "AND", "-foo", "c++", "it's", "#sad", "*", "😢"):
        result = run_exback("search", "--", query)  # "--": "-foo" is a word, not an option
        assert result.returncode == 0, (query, result.stderr)
        assert "match" in result.stdout
        assert "Traceback" not in result.stderr
    nothing = run_exback("search", "zebra")
    assert nothing.stdout.strip() == "No matches for 'zebra'."
    bad = run_exback("search", "--advanced", '"foo')
    assert bad.returncode == 1
    assert bad.stderr.startswith("exback: That search could not be understood: ")
    assert "Traceback" not in bad.stderr
