"""Whatever another app's file holds, reading it ends in its rows or in one sentence: no other
exception reaches the command line (store.import_formats, no journal involved)."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exback_tui.store.errors import InvalidInput
from exback_tui.store.import_formats import read_import
from exback_tui.store.import_source import ImportOptions

OPTIONS = ImportOptions(today=date(2025, 1, 1))
DAYLIO = "\ufefffull_date,date,weekday,time,mood,activities,scales,note_title,note\n"
DAYLIO_OLD = "year,date,weekday,time,mood,activities,note\n"
JRNL = "[2024-01-01 10:00] A first entry.\n"
# Characters the formats give meaning to, and a few that are hard to store or show.
PIECES = [
    *',"\n\r |<>&;#@*[]:-./0123456789 ampAPM',
    "rad",
    "meh",
    "2024-02-29",
    "10:00 pm",
    "[2024-01-02 25:00] ",
    "&amp;",
    "<br>",
    "\x1b[31m",
    "é📚",
]


def read(raw: bytes) -> None:
    """Read ``raw`` as a file: rows, or InvalidInput with one sentence naming the file."""
    try:
        read_import(None, raw, "sample", OPTIONS)
    except InvalidInput as exc:
        sentence = str(exc)
        assert sentence.startswith("sample") or sentence.startswith("--")
        assert sentence.endswith("nothing was imported.") and "\n" not in sentence


@given(
    st.sampled_from([DAYLIO, DAYLIO_OLD, JRNL]),
    st.lists(st.sampled_from(PIECES), max_size=80).map("".join),
)
def test_text_after_a_known_first_line_is_read_or_refused(first: str, rest: str) -> None:
    read((first + rest).encode())


@given(
    st.lists(st.sampled_from([*PIECES, "YES_NO", "NUMERICAL", "true"]), max_size=60).map("".join),
    st.lists(st.sampled_from([*PIECES, "YES_MANUAL", "SKIP", "8000"]), max_size=60).map("".join),
)
def test_a_loop_zip_of_any_rows_is_read_or_refused(habits: str, marks: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "Habits.csv", "Position,Name,Type,Target Type,Target Value,Archived?\n" + habits
        )
        archive.writestr("001 Run/Checkmarks.csv", "Date,Value,Notes\n" + marks)
    read(buffer.getvalue())


@pytest.mark.parametrize(
    ("habit", "repetition"),
    [
        ("(NULL, 'x', 0, 0, 0, 0, '')", "(1, 0, 2, NULL)"),
        ("(0, NULL, 0, 0, 0, 0, '')", "(1, 0, 2, NULL)"),
        ("(0, 'x', 7, 0, 0, 0, '')", "(1, 0, 2, NULL)"),
        ("(0, 'x', 1, 0, 'lots', 0, '')", "(1, 0, 2, NULL)"),
        ("(0, 'x', 0, 0, 0, 0, '')", "(1, 'noon', 2, NULL)"),
        ("(0, 'x', 0, 0, 0, 0, '')", "(1, 0, 'yes', NULL)"),
        ("(0, 'x', 0, 0, 0, 0, '')", "(1, 0, 9, NULL)"),
        ("(0, 'x', 1, 0, 1, 0, '')", "(1, 0, -5, NULL)"),
        ("(0, 'x', 0, 0, 0, 0, '')", "(1, 0, 2, x'00ff')"),
        ("(0, 'x', 0, 0, 0, 0, '')", "(1, 9223372036854775807, 2, NULL)"),
        ("(0, 'x', 0, 0, 0, 0, '')", "(1, -9223372036800000000, 2, NULL)"),
    ],
)
def test_a_loop_backup_with_odd_rows_is_read_or_refused(
    habit: str, repetition: str, tmp_path: Path
) -> None:
    path = tmp_path / "loop.db"
    con = sqlite3.connect(path)
    con.executescript(
        "create table Habits (id integer primary key, archived integer, name text, "
        "type integer, target_type integer, target_value real, position integer, unit text);"
        "create table Repetitions (id integer primary key, habit integer, timestamp integer, "
        "value integer, notes text);"
        "insert into Habits (archived, name, type, target_type, target_value, position, unit) "
        f"values {habit};"
        f"insert into Repetitions (habit, timestamp, value, notes) values {repetition};"
    )
    con.commit()
    con.close()
    read(path.read_bytes())
    try:
        read_import(path, path.read_bytes(), "sample", OPTIONS)
    except InvalidInput as exc:
        assert str(exc).endswith("nothing was imported.")
