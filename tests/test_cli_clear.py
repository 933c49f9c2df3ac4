"""``exback checkin``: a blank value never erases what was saved; --clear-* removes it by name."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

# Each test's journal is made before it runs (conftest.made): these are tests of commands, and
# the first run that makes a journal is tested on its own (test_cli_basic's default path test,
# tests/e2e, tests/test_store_open.py).
pytestmark = pytest.mark.usefixtures("made")

RunExback = Callable[..., subprocess.CompletedProcess[str]]


def day_row(path: Path, day: date) -> tuple[Any, ...]:
    con = sqlite3.connect(path)
    try:
        row = con.execute(
            "SELECT mood, urge, note FROM checkin WHERE day = ?", (day.isoformat(),)
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    return tuple(row)


@pytest.fixture
def saved_day(run_exback: RunExback, journal_path: Path, today: date) -> date:
    """Today's check-in with a mood, an urge and a note."""
    first = run_exback("checkin", "--mood", "6", "--urge", "7", "--note", "Kept busy.")
    assert first.returncode == 0, first.stderr
    assert day_row(journal_path, today) == (6, 7, "Kept busy.")
    return today


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_a_blank_note_is_refused_and_the_note_kept(
    run_exback: RunExback, journal_path: Path, saved_day: date, blank: str
) -> None:
    result = run_exback("checkin", "--note", blank)
    assert result.returncode != 0
    assert "--clear-note" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert day_row(journal_path, saved_day) == (6, 7, "Kept busy.")


def test_clear_note_removes_it_and_says_so(
    run_exback: RunExback, journal_path: Path, saved_day: date
) -> None:
    result = run_exback("checkin", "--clear-note")
    assert result.returncode == 0, result.stderr
    assert "note cleared" in result.stdout
    assert "Updated" in result.stdout
    assert day_row(journal_path, saved_day) == (6, 7, "")


def test_clear_mood_and_urge(run_exback: RunExback, journal_path: Path, saved_day: date) -> None:
    result = run_exback("checkin", "--clear-mood", "--clear-urge")
    assert result.returncode == 0, result.stderr
    assert "mood cleared" in result.stdout
    assert "urge cleared" in result.stdout
    assert day_row(journal_path, saved_day) == (None, None, "Kept busy.")


def test_the_line_names_what_changed_only(
    run_exback: RunExback, journal_path: Path, saved_day: date
) -> None:
    result = run_exback("checkin", "--urge", "3", "--clear-note")
    assert result.returncode == 0, result.stderr
    line = result.stdout
    assert "urge 3/10" in line
    assert "note cleared" in line
    assert "mood" not in line
    assert day_row(journal_path, saved_day) == (6, 3, "")


@pytest.mark.parametrize(
    ("args", "pointer"),
    [(("--mood", ""), "--clear-mood"), (("--urge", " "), "--clear-urge")],
)
def test_a_blank_number_points_at_its_clear(
    run_exback: RunExback,
    journal_path: Path,
    saved_day: date,
    args: tuple[str, ...],
    pointer: str,
) -> None:
    result = run_exback("checkin", *args)
    assert result.returncode == 2
    assert pointer in result.stderr
    assert "Traceback" not in result.stderr
    assert day_row(journal_path, saved_day) == (6, 7, "Kept busy.")


@pytest.mark.parametrize(
    "args",
    [
        ("--note", "x", "--clear-note"),
        ("--mood", "5", "--clear-mood"),
        ("--urge", "5", "--clear-urge"),
    ],
)
def test_a_value_and_its_clear_together_are_refused(
    run_exback: RunExback, journal_path: Path, saved_day: date, args: tuple[str, ...]
) -> None:
    result = run_exback("checkin", *args)
    assert result.returncode == 2
    assert "not allowed with" in result.stderr
    assert day_row(journal_path, saved_day) == (6, 7, "Kept busy.")
