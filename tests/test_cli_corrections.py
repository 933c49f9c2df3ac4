"""Correcting mistakes from the shell, through the installed `exback`: delete a day's check-in
(asks on a terminal, --yes in a script, refuses a script without it), untick a habit, list and
delete logged contacts."""

from __future__ import annotations

import os
import pty
import sqlite3
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import EXBACK, RunExback, new_journal

from exback_tui.store.journal import Journal

# Each test's journal is made before it runs (conftest.made): these are tests of commands, and
# the first run that makes a journal is tested on its own (test_cli_basic's default path test,
# tests/e2e, tests/test_store_open.py).
pytestmark = pytest.mark.usefixtures("made")


def rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def two_days(journal_path: Path, today: date) -> Path:
    """Yesterday and today checked in, with habits ticked and a note yesterday."""
    with Journal.open(new_journal(journal_path)) as journal:
        for name in ("walk", "gym", "evening call"):
            journal.add_habit(name)
        journal.record_checkin(
            today - timedelta(days=1), mood=4, urge=6, note="Private words.", habits=["walk", "gym"]
        )
        journal.record_checkin(today, mood=7, habits=["walk"])
    return journal_path


def answered(journal_path: Path, tmp_path: Path, answer: bytes, *args: str) -> tuple[int, str]:
    """Run exback on a terminal (a pty), type ``answer`` at its question; exit code and output."""
    leader, follower = pty.openpty()
    env = {**os.environ, "EXBACK_DB": str(journal_path), "HOME": str(tmp_path)}
    process = subprocess.Popen(
        [str(EXBACK), *args], stdin=follower, stdout=follower, stderr=follower, env=env
    )
    os.close(follower)
    output = b""
    while b"[y/N]" not in output:
        chunk = os.read(leader, 4096)
        assert chunk, output
        output += chunk
    os.write(leader, answer)
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    code = process.wait(timeout=60)
    os.close(leader)
    return code, output.decode()


def test_delete_a_days_checkin_asks_first_on_a_terminal(
    two_days: Path, tmp_path: Path, today: date
) -> None:
    code, said = answered(two_days, tmp_path, b"n\n", "checkin", "--date", "yesterday", "--delete")
    assert code == 1
    assert "Delete the check-in for yesterday (mood 4, urge 6, 2 habits ticked, a note)?" in said
    assert "Private words" not in said  # the question never shows the note
    assert "Nothing was deleted." in said
    assert len(rows(two_days, "SELECT day FROM checkin")) == 2
    code, said = answered(two_days, tmp_path, b"y\n", "checkin", "--date", "yesterday", "--delete")
    assert code == 0, said
    assert "Deleted the check-in for yesterday." in said
    assert rows(two_days, "SELECT day FROM checkin") == [(today.isoformat(),)]
    assert rows(two_days, "SELECT day FROM habit_mark") == [(today.isoformat(),)]


def test_delete_in_a_script_needs_yes(run_exback: RunExback, two_days: Path, today: date) -> None:
    days = "SELECT c.*, m.habit_id FROM checkin c LEFT JOIN habit_mark m ON m.day = c.day"
    before = rows(two_days, days)
    refused = run_exback("checkin", "--date", "yesterday", "--delete", input="y\n")
    assert refused.returncode == 1
    assert refused.stderr == (
        "exback: Deleting a check-in asks first; run it in a terminal or add --yes.\n"
    )
    assert rows(two_days, days) == before
    done = run_exback("checkin", "--date", "yesterday", "--delete", "--yes")
    assert done.returncode == 0, done.stderr
    assert rows(two_days, "SELECT day FROM checkin") == [(today.isoformat(),)]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--date", "3 days ago", "--delete", "--yes"), "There is no check-in for "),
        (("--delete", "--mood", "5", "--yes"), "--delete removes the whole day"),
    ],
)
def test_delete_refusals_are_one_sentence(
    run_exback: RunExback, two_days: Path, args: tuple[str, ...], says: str
) -> None:
    result = run_exback("checkin", *args)
    assert result.returncode == 1
    assert says in result.stderr and result.stderr.count("\n") == 1


def test_no_habit_unticks_and_leaves_the_rest(
    run_exback: RunExback, two_days: Path, today: date
) -> None:
    yesterday = (today - timedelta(days=1)).isoformat()
    result = run_exback("checkin", "--date", "yesterday", "--no-habit", "GYM")
    assert result.returncode == 0, result.stderr
    assert "Updated the check-in for yesterday: unticked: GYM." in result.stdout
    marks = "SELECT m.day, h.name FROM habit_mark m JOIN habit h ON h.id = m.habit_id ORDER BY 1"
    assert rows(two_days, marks) == [(yesterday, "walk"), (today.isoformat(), "walk")]
    assert rows(two_days, f"SELECT mood, urge, note FROM checkin WHERE day = '{yesterday}'") == [
        (4, 6, "Private words.")
    ]


def test_unticking_a_day_without_a_checkin_makes_none(
    run_exback: RunExback, journal_path: Path, today: date
) -> None:
    """A day with ticks only (an import from Loop, say) keeps having no check-in."""
    day = today - timedelta(days=5)
    with Journal.open(journal_path) as journal:
        journal.add_habit("walk")
    con = sqlite3.connect(journal_path)
    con.execute(
        "INSERT INTO habit_mark (habit_id, day) SELECT id, ? FROM habit WHERE name = 'walk'",
        (day.isoformat(),),
    )
    con.commit()
    con.close()
    result = run_exback("checkin", "--date", "5 days ago", "--no-habit", "walk")
    assert result.returncode == 0, result.stderr
    assert rows(journal_path, "SELECT count(*) FROM checkin") == [(0,)]
    assert rows(journal_path, "SELECT count(*) FROM habit_mark") == [(0,)]
    assert rows(journal_path, "SELECT count(*) FROM habit WHERE name = 'walk'") == [(1,)]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--no-habit", "swimming"), "There is no habit called 'swimming'."),
        (("--habit", "walk", "--no-habit", "Walk"), "both ticked and unticked"),
    ],
)
def test_untick_refusals_change_nothing(
    run_exback: RunExback, two_days: Path, args: tuple[str, ...], says: str
) -> None:
    before = rows(two_days, "SELECT * FROM habit_mark ORDER BY 1, 2")
    result = run_exback("checkin", *args)
    assert result.returncode == 1
    assert says in result.stderr
    assert rows(two_days, "SELECT * FROM habit_mark ORDER BY 1, 2") == before


@pytest.fixture
def contacts(run_exback: RunExback, journal_path: Path) -> Path:
    logged = [
        ("--medium", "text", "--initiated-by", "me", "--when", "3 days ago 20:15"),
        ("--medium", "call", "--initiated-by", "them", "--response", "warm", "--note", "Kind."),
    ]
    for args in logged:
        assert run_exback("contact", *args).returncode == 0
    return journal_path


def test_contact_list_shows_each_with_its_id(
    run_exback: RunExback, contacts: Path, today: date
) -> None:
    result = run_exback("contact", "--list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "When", "How", "Who", "They", "were", "Note"]
    assert lines[1].split()[:5] == [
        "1",
        (today - timedelta(days=3)).isoformat(),
        "20:15",
        "text",
        "you",
    ]
    assert lines[2].split()[0] == "2" and lines[2].split()[3:] == ["call", "them", "warm", "Kind."]


def test_contact_delete_asks_or_takes_yes(
    run_exback: RunExback, contacts: Path, tmp_path: Path
) -> None:
    refused = run_exback("contact", "--delete", "1")
    assert refused.returncode == 1
    assert "asks first; run it in a terminal or add --yes" in refused.stderr
    code, said = answered(contacts, tmp_path, b"y\n", "contact", "--delete", "2")
    assert code == 0, said
    assert "Delete contact 2 (a call on " in said and "they reached out)?" in said
    assert "Kind." not in said
    assert rows(contacts, "SELECT id FROM contact") == [(1,)]
    assert run_exback("contact", "--delete", "1", "--yes").returncode == 0
    assert rows(contacts, "SELECT id FROM contact") == []
    missing = run_exback("contact", "--delete", "1", "--yes")
    assert missing.returncode == 1
    assert "There is no contact number 1" in missing.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--list", "--medium", "text"), "--list and --delete each stand alone"),
        (("--medium", "text"), "To log a contact, give --medium and --initiated-by"),
        (("--delete", "0"), "The contact is a whole number like 12, not '0'"),
    ],
)
def test_contact_refusals(
    run_exback: RunExback, contacts: Path, args: tuple[str, ...], says: str
) -> None:
    result = run_exback("contact", *args)
    assert result.returncode in (1, 2)
    assert says in result.stderr
