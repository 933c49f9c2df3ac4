"""Reading and marking entries from the shell, through the installed `exback`: `exback entries`
(filters, plain in a pipe, nothing a journal holds can drive the terminal), starring and
retagging, and `exback export --output -`."""

from __future__ import annotations

import json
import os
import pty
import sqlite3
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import EXBACK, RunExback, new_journal

from exback_tui.store.journal import Journal

# Each test's journal is made before it runs (conftest.made): these are tests of commands, and
# the first run that makes a journal is tested on its own (test_cli_basic's default path test,
# tests/e2e, tests/test_store_open.py).
pytestmark = pytest.mark.usefixtures("made")


@pytest.fixture
def written(journal_path: Path, today: date) -> dict[str, int]:
    """Four entries over four days, with tags, one starred; their ids by a word of each."""
    with Journal.open(new_journal(journal_path)) as journal:
        ids = {
            "river": journal.add_entry(
                "Walked by the river.", day=today - timedelta(days=3), tags=["walk"]
            ).id,
            "sister": journal.add_entry(
                "Called my sister.", day=today - timedelta(days=2), tags=["family", "starred"]
            ).id,
            "gym": journal.add_entry(
                "Gym, then early night.", day=today - timedelta(days=1), tags=["walk", "sleep"]
            ).id,
            "quiet": journal.add_entry("A quiet evening.\nSecond line.", day=today).id,
        }
    return ids


def blocks(stdout: str) -> list[str]:
    """The first line of each entry's text as printed (the line after each heading)."""
    lines = stdout.splitlines()
    return [lines[i + 1] for i, line in enumerate(lines) if "  entry " in line]


def test_entries_prints_every_entry_oldest_first_plain_in_a_pipe(
    run_exback: RunExback, written: dict[str, int], today: date
) -> None:
    result = run_exback("entries")
    assert result.returncode == 0, result.stderr
    assert blocks(result.stdout) == [
        "Walked by the river.",
        "Called my sister.",
        "Gym, then early night.",
        "A quiet evening.",
    ]
    assert "\x1b" not in result.stdout  # plain in a pipe: no colour codes
    heading = next(
        line for line in result.stdout.splitlines() if "Called my" in line or "★" in line
    )
    assert heading.startswith(f"{today - timedelta(days=2):%a %d %b %Y}")
    assert f"entry {written['sister']} ★  #family" in heading
    assert "Second line." in result.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("-n", "2"), ["Gym, then early night.", "A quiet evening."]),
        (("--tag", "walk"), ["Walked by the river.", "Gym, then early night."]),
        (("--tag", "#WALK", "--tag", "sleep"), ["Gym, then early night."]),
        (("--tag", "walk", "-n", "1"), ["Gym, then early night."]),
        (("--starred",), ["Called my sister."]),
        (
            ("--from", "2 days ago"),
            ["Called my sister.", "Gym, then early night.", "A quiet evening."],
        ),
        (
            ("--from", "3 days ago", "--to", "yesterday", "-n", "2"),
            ["Called my sister.", "Gym, then early night."],
        ),
        (("--to", "3 days ago"), ["Walked by the river."]),
    ],
)
def test_entries_filters(
    run_exback: RunExback, written: dict[str, int], args: tuple[str, ...], expected: list[str]
) -> None:
    result = run_exback("entries", *args)
    assert result.returncode == 0, result.stderr
    assert blocks(result.stdout) == expected


def test_no_match_says_so_on_stderr_and_prints_nothing(
    run_exback: RunExback, written: dict[str, int]
) -> None:
    result = run_exback("entries", "--tag", "nothing-like-it")
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr == "No entries match.\n"


def test_from_after_to_is_one_sentence(run_exback: RunExback, written: dict[str, int]) -> None:
    result = run_exback("entries", "--from", "yesterday", "--to", "3 days ago")
    assert result.returncode == 1
    assert "is after --to" in result.stderr and result.stderr.count("\n") == 1


def test_entries_on_a_terminal_are_drawn_in_colour_and_still_safe(
    journal_path: Path, tmp_path: Path
) -> None:
    """On a terminal: Rich's colours; a sequence the journal holds never reaches it."""
    with Journal.open(journal_path) as journal:
        entry = journal.add_entry("Safe words.", tags=["walk"])
    con = sqlite3.connect(journal_path)  # as an older version or another program could leave it
    con.execute(
        "UPDATE entry SET text = ?, tags = ? WHERE id = ?",
        ("Title\x1b]0;owned\x07 and \x1b[2J gone", "walk \x1b[31mred", entry.id),
    )
    con.commit()
    con.close()
    leader, follower = pty.openpty()
    env = {**os.environ, "EXBACK_DB": str(journal_path), "HOME": str(tmp_path), "COLUMNS": "80"}
    env.pop("NO_COLOR", None)
    env["TERM"] = "xterm-256color"
    process = subprocess.Popen(
        [str(EXBACK), "entries"], stdin=follower, stdout=follower, stderr=follower, env=env
    )
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed: the command is done
            break
        if not chunk:
            break
        output += chunk
    assert process.wait(timeout=60) == 0
    os.close(leader)
    text = output.decode()
    assert "\x1b[1m" in text  # the heading in bold: Rich drew it for a terminal
    assert "Title and  gone" in text
    assert "#walk #red" in text
    assert "owned" not in text
    assert "\x1b]" not in text and "\x1b[2J" not in text and "\x1b[31m" not in text


def test_star_unstar_and_retag_from_the_shell(
    run_exback: RunExback, written: dict[str, int], journal_path: Path
) -> None:
    river = str(written["river"])
    starred = run_exback("entry", "--star", river)
    assert starred.returncode == 0, starred.stderr
    assert f"Starred entry {river}" in starred.stdout
    assert blocks(run_exback("entries", "--starred").stdout) == [
        "Walked by the river.",
        "Called my sister.",
    ]
    retagged = run_exback("entry", "--retag", river, "--tag", "river", "--tag", "calm")
    assert retagged.returncode == 0, retagged.stderr
    assert "now has #river #calm" in retagged.stdout
    with Journal.open(journal_path) as journal:
        entry = journal.entry(written["river"])
    assert entry.tags == ("river", "calm", "starred")  # the star stays through a retag
    assert entry.text == "Walked by the river."
    assert run_exback("entry", "--unstar", river).returncode == 0
    assert blocks(run_exback("entries", "--starred").stdout) == ["Called my sister."]


@pytest.mark.parametrize(
    ("args", "says", "code"),
    [
        (("entry", "--star", "999"), "There is no entry number 999.", 1),
        (("entry", "--star", "1", "some text"), "give no text or --date with them", 1),
        (("entry", "--star", "1", "--tag", "x"), "use --retag ID with --tag", 1),
        (("entry", "--star", "x1"), "The entry is a whole number like 12, not 'x1'", 2),
        (("entry", "--star", "1", "--unstar", "1"), "not allowed with argument", 2),
    ],
)
def test_marking_an_entry_wrongly_is_one_sentence(
    run_exback: RunExback, written: dict[str, int], args: tuple[str, ...], says: str, code: int
) -> None:
    result = run_exback(*args)
    assert result.returncode == code
    assert says in result.stderr
    assert "Traceback" not in result.stderr


def test_export_to_standard_output_with_a_dash(
    run_exback: RunExback, written: dict[str, int], tmp_path: Path
) -> None:
    result = run_exback("export", "--output", "-")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert len(doc["entries"]) == 4
    assert not (tmp_path / "-").exists()
    assert run_exback("export", "-o", "-", "--format", "md").stdout.startswith("#")
