"""Importing Loop Habit Tracker's backup and CSV zip through the installed ``exback``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import RunExback
from import_helpers import DEFAULT_HABITS, entries, exported, habits, moods, refusal, sample

# Each test's journal is made before it runs (conftest.made): these are tests of commands, and
# the first run that makes a journal is tested on its own (test_cli_basic's default path test,
# tests/e2e, tests/test_store_open.py).
pytestmark = pytest.mark.usefixtures("made")

BACKUP = "Loop Habits Backup 2024-03-10 101500.db"
CSV_ZIP = "Loop Habits CSV 2024-03-10.zip"

# What both files hold, as exback keeps it: a yes-or-no habit is done on its manual yeses
# (2) only, not on automatic ones (1), noes (0), skips (3) or unknowns (-1); a numerical one
# on the days its amount (stored times 1000) met the target.
LOOP_HABITS = {
    "Meditate": (False, ["2024-03-01", "2024-03-06"]),
    "Wake up early": (True, ["2024-03-01", "2024-03-02"]),  # archived in Loop: stopped here
    "Water": (False, ["2024-03-01", "2024-03-03"]),  # at least 8: 8000 and 12000, not 5500
    "Coffee": (False, ["2024-03-01", "2024-03-03", "2024-03-04"]),  # at most 2: 1, 2 and 0
    "Lire 📚": (False, ["2024-03-05"]),
}
LOOP_NOTES: list[tuple[str, str, str, list[str]]] = [
    ("2024-03-03", "2024-03-03 12:00", "Meditate: Sick", []),
    ("2024-03-05", "2024-03-05 12:00", "Lire 📚: Un chapitre 🌙", []),
    ("2024-03-06", "2024-03-06 12:00", 'Meditate: Felt calm, 10 min "om"', []),
]


@pytest.mark.parametrize("name", [BACKUP, CSV_ZIP])
def test_loop_habits_come_in_with_their_days_stops_and_notes(
    name: str, tmp_path: Path, journal_path: Path, run_exback: RunExback
) -> None:
    source = sample(tmp_path, name)
    original = source.read_bytes()
    result = run_exback("import", str(source))
    assert result.returncode == 0, result.stderr
    assert "Added 5 habits, 10 habit marks and 3 entries." in result.stdout
    assert "Habit 'Water' (numerical, at least 8 glasses): 2 days met the target" in result.stdout
    assert "Habit 'Wake up early' (yes or no): 2 days done; archived in Loop" in result.stdout
    doc = exported(journal_path)
    assert habits(doc) == {name: (False, []) for name in DEFAULT_HABITS} | LOOP_HABITS
    assert entries(doc) == LOOP_NOTES
    assert moods(doc) == {}
    # Loop's file is read, never written: the same bytes, and nothing made beside it.
    assert source.read_bytes() == original
    assert sorted(p.name for p in source.parent.iterdir()) == [name]


def test_the_csv_zip_after_the_backup_adds_nothing(
    tmp_path: Path, journal_path: Path, run_exback: RunExback
) -> None:
    assert run_exback("import", str(sample(tmp_path, BACKUP))).returncode == 0
    result = run_exback("import", str(sample(tmp_path, CSV_ZIP)))
    assert result.returncode == 0, result.stderr
    assert "Added nothing new." in result.stdout
    again = run_exback("import", str(tmp_path / "samples" / BACKUP))
    assert "Added nothing new." in again.stdout
    assert "Skipped 5 habits, 10 habit marks and 3 entries already" in again.stdout


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "America/Los_Angeles"])
def test_days_are_read_at_utc_midnight_whatever_the_time_zone(
    zone: str, tmp_path: Path, journal_path: Path, run_exback: RunExback
) -> None:
    result = run_exback("import", str(sample(tmp_path, BACKUP)), env={"TZ": zone})
    assert result.returncode == 0, result.stderr
    doc = exported(journal_path)
    assert habits(doc)["Coffee"] == LOOP_HABITS["Coffee"]
    assert [e[0] for e in entries(doc)] == ["2024-03-03", "2024-03-05", "2024-03-06"]


def test_a_habit_map_renames_loop_habits(
    tmp_path: Path, journal_path: Path, run_exback: RunExback
) -> None:
    source = sample(tmp_path, CSV_ZIP)
    result = run_exback("import", "--habit-map", "Meditate=sit,coffee=exercise", str(source))
    assert result.returncode == 0, result.stderr
    found = habits(exported(journal_path))
    assert found["sit"] == LOOP_HABITS["Meditate"]
    assert found["exercise"] == (False, LOOP_HABITS["Coffee"][1])  # the journal's own habit
    assert "Meditate" not in found and "Coffee" not in found


def _loop_db(path: Path, version: int, columns: str, rows: list[tuple[int, int]]) -> Path:
    """A small Loop database of an older or odd shape: one habit, ``rows`` of it."""
    con = sqlite3.connect(path)
    con.executescript(
        "create table Habits (id integer primary key autoincrement, archived integer, "
        "name text, position integer, reminder_days integer not null default 127);"
        f"create table Repetitions ({columns});"
        "insert into Habits (archived, name, position) values (0, 'Stretch', 0);"
    )
    for stamp, value in rows:
        if " value " in columns:
            con.execute(
                "insert into Repetitions (habit, timestamp, value) values (1, ?, ?)", (stamp, value)
            )
        else:
            con.execute("insert into Repetitions (habit, timestamp) values (1, ?)", (stamp,))
    con.execute(f"PRAGMA user_version = {version}")
    con.commit()
    con.close()
    return path


def test_an_older_backup_without_values_counts_every_row_as_done(
    tmp_path: Path, journal_path: Path, run_exback: RunExback
) -> None:
    march_1, march_2 = 1709251200000, 1709337600000
    old = _loop_db(
        tmp_path / "old.db",
        15,
        "id integer primary key autoincrement, habit integer references habits(id), "
        "timestamp integer",
        [(march_1, 0), (march_2, 0)],
    )
    result = run_exback("import", str(old))
    assert result.returncode == 0, result.stderr
    assert habits(exported(journal_path))["Stretch"] == (False, ["2024-03-01", "2024-03-02"])


def test_backups_it_cannot_read_are_refused_and_nothing_changes(
    tmp_path: Path, journal_path: Path, run_exback: RunExback
) -> None:
    assert run_exback("checkin", "--mood", "6").returncode == 0
    before = journal_path.read_bytes()
    newer = sample(tmp_path, "Loop Habits Backup 2030-01-01 000000.db")
    assert refusal(run_exback("import", str(newer))) == (
        f"{newer} is a Loop Habit Tracker backup of database version 26, newer than the 25 "
        "exback reads (export it from Loop as CSV instead, or update exback); nothing was "
        "imported."
    )
    cut = sample(tmp_path, "Loop Habits Backup truncated.db")
    assert refusal(run_exback("import", str(cut))) == (
        f"{cut} is a damaged or cut-short SQLite file, so it cannot be read as a Loop Habit "
        "Tracker backup; nothing was imported."
    )
    cut_zip = sample(tmp_path, "Loop Habits CSV truncated.zip")
    assert refusal(run_exback("import", str(cut_zip))) == (
        f"{cut_zip} is a damaged or cut-short zip file, so it cannot be read as a Loop Habit "
        "Tracker CSV export; nothing was imported."
    )
    odd = _loop_db(
        tmp_path / "odd.db",
        25,
        "id integer primary key autoincrement, habit integer not null, "
        "timestamp integer not null, value integer not null, notes text",
        [(1709251200000, 2), (1709251200001, 2)],
    )
    assert refusal(run_exback("import", str(odd))) == (
        f"{odd}, the Repetitions table, id 2: timestamp 1709251200001 is not a day "
        "(milliseconds at midnight UTC); nothing was imported."
    )
    journal_copy = tmp_path / "not-loop.db"
    journal_copy.write_bytes(before)
    assert refusal(run_exback("import", str(journal_copy))) == (
        f"{journal_copy} is an SQLite file but not a Loop Habit Tracker backup (it has no "
        "Habits and Repetitions tables); nothing was imported."
    )
    mapped = refusal(run_exback("import", "--mood-map", "rad=9", str(sample(tmp_path, CSV_ZIP))))
    assert mapped.startswith("--mood-map is for a Daylio export, and ")
    assert journal_path.read_bytes() == before
