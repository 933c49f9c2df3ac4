"""`exback entry --prompt` through the installed `exback`: today's writing prompt atop the
editor's file (left out of what is saved) or with the text given, kept with the entry, and
`exback entries` printing it above the entry (issue 16)."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from conftest import RunExback, editor_env

from exback_tui.core.prompts import prompt_for

# Each test's journal is made before it runs (conftest.made): these are tests of commands, and
# the first run that makes a journal is tested on its own (test_cli_basic's default path test,
# tests/e2e, tests/test_store_open.py).
pytestmark = pytest.mark.usefixtures("made")

# The editor: keeps a copy of the file as exback wrote it, then appends $EDITOR_TEXT to it
# (or, with $EDITOR_REPLACE, writes that instead), as a person typing below the prompt would.
EDITOR = r"""#!/bin/sh
cp "$1" "$SEEN"
if [ -n "$EDITOR_REPLACE" ]; then
  printf '%s\n' "$EDITOR_REPLACE" > "$1"
else
  printf '%s\n' "$EDITOR_TEXT" >> "$1"
fi
"""


@pytest.fixture
def editor(tmp_path: Path) -> dict[str, str]:
    """The environment that makes the script above the editor, with a private runtime folder."""
    env: dict[str, str] = editor_env(
        tmp_path, EDITOR, SEEN=str(tmp_path / "seen.md"), EDITOR_TEXT="", EDITOR_REPLACE=""
    )
    return env


def saved(path: Path) -> list[tuple[str, str | None]]:
    """Each entry's text and prompt, straight from the file."""
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT text, prompt FROM entry ORDER BY id").fetchall()
    finally:
        con.close()


def todays_prompt() -> str:
    """A new journal's (phase 1) prompt for the machine's today, as `exback prompt` prints it."""
    return prompt_for(1, date.today())


def test_the_editor_shows_the_prompt_and_the_entry_keeps_it_without_the_comment_lines(
    run_exback: RunExback, journal_path: Path, editor: dict[str, str]
) -> None:
    env = {**editor, "EDITOR_TEXT": "# My evening\nMade soup and called my sister."}
    result = run_exback("entry", "--prompt", env=env)
    assert result.returncode == 0, result.stderr
    assert "Entry 1 saved for today" in result.stdout
    seen = Path(editor["SEEN"]).read_text().splitlines()
    assert seen[0] == f"# Today's prompt: {todays_prompt()}"
    assert seen[1].startswith("# ") and "not saved" in seen[1]
    assert seen[2:] == [""]
    # The prompt's lines are gone; a heading of the user's own, below them, stays.
    assert saved(journal_path) == [
        ("# My evening\nMade soup and called my sister.", todays_prompt())
    ]
    printed = run_exback("prompt")
    assert printed.stdout.strip() == todays_prompt()


def test_nothing_written_below_the_prompt_saves_nothing(
    run_exback: RunExback, journal_path: Path, editor: dict[str, str]
) -> None:
    result = run_exback("entry", "--prompt", env=editor)
    assert result.returncode != 0
    assert "The entry is empty; nothing was saved." in result.stderr
    assert "Traceback" not in result.stderr
    assert saved(journal_path) == []


def test_prompt_lines_removed_in_the_editor_leave_the_text_whole(
    run_exback: RunExback, journal_path: Path, editor: dict[str, str]
) -> None:
    env = {**editor, "EDITOR_REPLACE": "# Not a prompt\nMy own heading, kept."}
    assert run_exback("entry", "--prompt", env=env).returncode == 0
    assert saved(journal_path) == [("# Not a prompt\nMy own heading, kept.", todays_prompt())]


def test_text_or_stdin_with_prompt_keeps_it_without_an_editor(
    run_exback: RunExback, journal_path: Path, editor: dict[str, str]
) -> None:
    no_editor = {**editor, "EDITOR": "false"}
    assert run_exback("entry", "--prompt", "Walked it off.", env=no_editor).returncode == 0
    piped = run_exback("entry", "--prompt", "-", input="From a pipe.\n", env=no_editor)
    assert piped.returncode == 0, piped.stderr
    assert run_exback("entry", "No prompt here.", env=no_editor).returncode == 0
    assert saved(journal_path) == [
        ("Walked it off.", todays_prompt()),
        ("From a pipe.\n", todays_prompt()),
        ("No prompt here.", None),
    ]
    assert not Path(editor["SEEN"]).exists()


def test_entries_prints_the_prompt_above_the_text(run_exback: RunExback) -> None:
    assert run_exback("entry", "--prompt", "Walked it off.").returncode == 0
    assert run_exback("entry", "No prompt here.").returncode == 0
    lines = run_exback("entries").stdout.splitlines()
    asked = lines.index(todays_prompt())
    assert "entry 1" in lines[asked - 1] and lines[asked + 1] == "Walked it off."
    second = next(n for n, line in enumerate(lines) if "entry 2" in line)
    assert lines[second + 1] == "No prompt here."
    assert lines.count(todays_prompt()) == 1


def test_prompt_with_star_is_refused(run_exback: RunExback, journal_path: Path) -> None:
    assert run_exback("entry", "Walked it off.").returncode == 0
    result = run_exback("entry", "--prompt", "--star", "1")
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and "--prompt is for writing a new entry" in result.stderr
    assert saved(journal_path) == [("Walked it off.", None)]


def test_a_crafted_prompt_prints_without_its_escape_sequences(
    run_exback: RunExback, journal_path: Path
) -> None:
    assert run_exback("entry", "Walked it off.").returncode == 0
    con = sqlite3.connect(journal_path)
    try:
        con.execute("UPDATE entry SET prompt = 'Why\x1b]0;owned\x07 now\x1b[2J?'")
        con.commit()
    finally:
        con.close()
    result = run_exback("entries")
    assert result.returncode == 0, result.stderr
    assert "Why now?" in result.stdout.splitlines()
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
