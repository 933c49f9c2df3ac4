"""The installed ``exback`` command: every quick command of the foundation, and its bad input."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
import subprocess
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from exback_tui.store.journal import Journal

RunExback = Callable[..., subprocess.CompletedProcess[str]]
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


def test_version(run_exback: RunExback) -> None:
    result = run_exback("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("exback 0.")


def test_checkin_then_update_the_same_day(
    run_exback: RunExback, journal_path: Path, today: date
) -> None:
    first = run_exback(
        "checkin",
        "--mood",
        "6",
        "--urge",
        "3",
        "--habit",
        "friends",
        "--habit",
        "exercise",
        "--note",
        "Long walk, felt lighter.",
    )
    assert first.returncode == 0, first.stderr
    assert "Saved" in first.stdout
    second = run_exback("checkin", "--mood", "7", "--habit", "sleep")
    assert second.returncode == 0, second.stderr
    assert "Updated" in second.stdout
    assert rows(journal_path, "SELECT day, mood, urge, note FROM checkin") == [
        (today.isoformat(), 7, 3, "Long walk, felt lighter.")
    ]
    habits = rows(journal_path, "SELECT h.name FROM habit_mark m JOIN habit h ON h.id = m.habit_id")
    assert sorted(h for (h,) in habits) == ["exercise", "friends", "sleep"]


def test_checkin_for_another_day(run_exback: RunExback, journal_path: Path, today: date) -> None:
    day = (today - timedelta(days=3)).isoformat()
    result = run_exback("checkin", "--date", day, "--mood", "4")
    assert result.returncode == 0, result.stderr
    assert rows(journal_path, "SELECT day, mood FROM checkin") == [(day, 4)]


def test_entry_contact_phase_habits(run_exback: RunExback, journal_path: Path) -> None:
    assert run_exback("entry", "Couldn't sleep. Wrote it down instead of texting.").returncode == 0
    assert (
        run_exback(
            "contact",
            "--medium",
            "text",
            "--initiated-by",
            "me",
            "--response",
            "friendly",
            "--note",
            "Said happy birthday",
        ).returncode
        == 0
    )
    logistics = run_exback(
        "contact",
        "--medium",
        "call",
        "--initiated-by",
        "them",
        "--logistics",
        "--minutes",
        "5",
        "--when",
        "2026-11-20 08:15",
        "--note",
        "School pickup",
    )
    assert logistics.returncode == 0, logistics.stderr
    assert "don't count against your pause" in logistics.stdout
    assert run_exback("habits", "add", "Yoga class").returncode == 0
    assert run_exback("habits", "remove", "sleep").returncode == 0
    listed = run_exback("habits")
    assert listed.stdout.split("\n")[:4] == [
        "• friends",
        "• exercise",
        "• something for me",
        "• Yoga class",
    ]
    assert rows(journal_path, "SELECT text FROM entry") == [
        ("Couldn't sleep. Wrote it down instead of texting.",)
    ]
    assert rows(
        journal_path,
        "SELECT medium, initiated_by, response, logistics, minutes FROM contact ORDER BY id",
    ) == [("text", "me", "friendly", 0, None), ("call", "them", "none", 1, 5)]


def test_entry_from_stdin(run_exback: RunExback, journal_path: Path) -> None:
    result = run_exback("entry", "-", input="line one\nline two\n")
    assert result.returncode == 0, result.stderr
    assert rows(journal_path, "SELECT text FROM entry") == [("line one\nline two\n",)]


def test_db_option_wins_over_environment(
    run_exback: RunExback, tmp_path: Path, journal_path: Path
) -> None:
    other = tmp_path / "other.db"
    result = run_exback("--db", str(other), "checkin", "--mood", "5")
    assert result.returncode == 0, result.stderr
    assert rows(other, "SELECT mood FROM checkin") == [(5,)]
    assert rows(journal_path, "SELECT mood FROM checkin") == []  # $EXBACK_DB's journal: untouched
    # A --db that names no journal (a typo, say) makes one, and says where, once.
    assert result.stderr == f"exback: Started a new journal at {other} (none was there).\n"
    again = run_exback("--db", str(other), "status")
    assert again.returncode == 0 and again.stderr == ""


def test_default_path_is_in_the_user_data_folder(run_exback: RunExback, tmp_path: Path) -> None:
    result = run_exback(
        "checkin", "--mood", "5", db=None, env={"XDG_DATA_HOME": str(tmp_path / "xdg")}
    )
    assert result.returncode == 0, result.stderr
    made = tmp_path / "xdg" / "exback" / "journal.db"
    assert made.is_file()  # the first run made it, readable by its owner only
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
    assert rows(made, "SELECT mood FROM checkin") == [(5,)]
    assert result.stderr == f"exback: Started a new journal at {made} (none was there).\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["checkin", "--mood", "11"], "Mood must be a whole number from 1 to 10, not 11"),
        (["checkin", "--mood", "0"], "Mood must be a whole number from 1 to 10, not 0"),
        (["checkin", "--mood", "six"], "Mood must be a whole number from 1 to 10, not 'six'"),
        (["checkin", "--urge", "11"], "Urge must be a whole number from 0 to 10"),
        (["checkin", "--date", "2026-02-30", "--mood", "3"], "is not a date"),
        (["checkin", "--date", "yesterday-ish", "--mood", "3"], "is not a date"),
        (["checkin", "--date", "{in_two_days}", "--mood", "3"], "in the future"),
        (["checkin", "--mood", "5", "--habit", "karate"], "There is no habit called 'karate'"),
        (["checkin"], "Give at least one of --mood"),
        (["contact", "--medium", "pigeon", "--initiated-by", "me"], "invalid choice: 'pigeon'"),
        (
            ["contact", "--medium", "text", "--initiated-by", "me", "--response", "meh"],
            "invalid choice: 'meh'",
        ),
        (
            ["contact", "--medium", "text", "--initiated-by", "me", "--when", "noonish"],
            "is not a time",
        ),
        (["phase", "7"], "The phase must be a whole number from 1 to 6"),
        (["ask", "--answer", "perhaps"], "invalid choice: 'perhaps'"),
        (["ask", "--answer", "no", "--when", "{in_two_days} 10:00"], "in the future"),
        (
            ["contact", "--medium", "text", "--initiated-by", "me", "--logistics"],
            "you haven't said you share children or a home",
        ),
        (["habits", "remove", "karate"], "There is no habit called 'karate'"),
    ],
)
def test_bad_input_is_one_sentence_and_saved_data_survives(
    run_exback: RunExback, journal_path: Path, args: list[str], message: str, today: date
) -> None:
    in_two_days = (today + timedelta(days=2)).isoformat()
    assert run_exback("checkin", "--mood", "5", "--note", "keep me").returncode == 0
    result = run_exback(*(arg.format(in_two_days=in_two_days) for arg in args))
    assert result.returncode != 0
    assert message in result.stderr
    assert result.stderr.startswith("exback: ")
    assert "Traceback" not in result.stderr
    assert rows(journal_path, "SELECT mood, note FROM checkin") == [(5, "keep me")]


def test_db_pointing_at_a_folder(run_exback: RunExback, tmp_path: Path) -> None:
    result = run_exback("checkin", "--mood", "5", db=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"exback: {tmp_path} is a folder; give the path of a journal file instead."
    )


def test_db_that_cannot_be_written(run_exback: RunExback) -> None:
    result = run_exback("checkin", "--mood", "5", db=Path("/proc/exback/journal.db"))
    assert result.returncode == 1
    assert "Could not create the folder /proc/exback" in result.stderr


@pytest.mark.parametrize(
    "content", [b"hello, not a database\n", b"SQLite format 3\x00" + b"\xff" * 84]
)
def test_db_that_is_not_a_journal_is_left_byte_identical(
    run_exback: RunExback, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "file.db"
    path.write_bytes(content)
    result = run_exback("checkin", "--mood", "5", db=path)
    assert result.returncode == 1
    assert "not an exback journal" in result.stderr or "damaged" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == content


def test_sqlite_file_of_another_app_is_left_byte_identical(
    run_exback: RunExback, tmp_path: Path
) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (t TEXT)")
    con.commit()
    con.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = run_exback("checkin", "--mood", "5", db=path)
    assert result.returncode == 1
    assert "is a SQLite database but not an exback journal" in result.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_journal_from_a_newer_exback_is_refused(run_exback: RunExback, journal_path: Path) -> None:
    Journal.open(journal_path).close()
    con = sqlite3.connect(journal_path)
    con.execute("UPDATE alembic_version SET version_num = '29990101_01'")
    con.commit()
    con.close()
    before = journal_path.read_bytes()
    result = run_exback("checkin", "--mood", "5")
    assert result.returncode == 1
    assert "newer version of exback" in result.stderr
    assert journal_path.read_bytes() == before


def test_odd_note_is_stored_exactly(run_exback: RunExback, journal_path: Path) -> None:
    note = "😀 שלום\nline\ttab " + "z" * 100_000
    result = run_exback("checkin", "--mood", "5", "--note", note)
    assert result.returncode == 0, result.stderr
    assert rows(journal_path, "SELECT note FROM checkin") == [(note,)]
    result = run_exback("checkin", "--note", "bell\x07 and \x1b[31mred\x1b[0m")
    assert rows(journal_path, "SELECT note FROM checkin") == [("bell and red",)]


def test_python_dash_m_runs_the_same_cli(journal_path: Path) -> None:
    import os
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "exback_tui", "--db", str(journal_path), "checkin", "--mood", "8"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert result.returncode == 0, result.stderr
    assert rows(journal_path, "SELECT mood FROM checkin") == [(8,)]


def test_every_command_has_help(run_exback: RunExback) -> None:
    top = run_exback("--help")
    assert top.returncode == 0
    for command in ("checkin", "entry", "contact", "phase", "ask", "habits"):
        assert command in top.stdout
        result = run_exback(command, "--help")
        assert result.returncode == 0, command
        assert "usage: exback " + command in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("entry", "caf\udce9"),  # the byte 0xE9 as an argument, as a Latin-1 terminal would send
        ("checkin", "--mood", "5", "--note", "caf\udce9"),
        ("ask", "--answer", "no", "--note", "caf\udce9"),
        ("habits", "add", "caf\udce9"),
    ],
    ids=["entry", "checkin", "ask", "habits"],
)
def test_bytes_that_are_not_utf8_get_one_sentence_and_save_nothing(
    run_exback: RunExback, journal_path: Path, args: tuple[str, ...]
) -> None:
    assert run_exback("checkin", "--mood", "6").returncode == 0
    before = run_exback("export").stdout
    refused = run_exback(*args)
    assert refused.returncode == 2
    assert "Traceback" not in refused.stderr
    assert refused.stderr.splitlines()[0].endswith(
        "is not UTF-8 text (a byte from another encoding?); nothing was saved."
    )
    assert run_exback("export").stdout == before
