"""`exback search` asks for a word when given none, and says in plain words what is wrong with an
advanced search: never SQLite's own "fts5: syntax error near ..."."""

from __future__ import annotations

import subprocess
from collections.abc import Callable

import pytest

from exback_tui.store.journal import Journal

# Each test's journal is made before it runs (conftest.made): these are tests of commands, and
# the first run that makes a journal is tested on its own (test_cli_basic's default path test,
# tests/e2e, tests/test_store_open.py).
pytestmark = pytest.mark.usefixtures("made")

RunExback = Callable[..., subprocess.CompletedProcess[str]]


@pytest.mark.parametrize("words", ["", "   "])
def test_an_empty_search_asks_for_a_word(
    journal: Journal, run_exback: RunExback, words: str
) -> None:
    """Issue 14: `exback search ""` said "No matches for ''"."""
    journal.add_entry("A walk by the river.")
    result = run_exback("search", words)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == "exback: Give a word to search for, like: exback search walk"


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ('"river', 'a double quote (") is opened and never closed'),
        ("AND", "AND needs a word or a phrase on each side"),
        ("NOT river", "NOT needs a word or a phrase on each side"),
        ("river AND", "it ends too soon"),
        ("(river", "it ends too soon"),
        ("river)", "a bracket is opened or closed without its pair"),
        ("hidden:river", "a word before a colon (:) is read as a column name"),
    ],
)
def test_an_advanced_search_error_is_said_in_plain_words(
    journal: Journal, run_exback: RunExback, query: str, reason: str
) -> None:
    """Issue 14: the errors read "fts5: syntax error near ..."; now they say what is wrong,
    and never repeat what was typed (it may be as private as the journal)."""
    journal.add_entry("A walk by the river.")
    result = run_exback("search", "--advanced", "--", query)
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("exback: That search could not be understood: " + reason), line
    assert "fts5" not in line and "syntax error" not in line and "river" not in line
    assert "Traceback" not in result.stderr
