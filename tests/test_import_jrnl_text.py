"""Importing jrnl's own journal file (plain text) through the installed ``exback``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import RunExback
from import_helpers import entries, exported, refusal, sample

# Each test's journal is made before it runs (conftest.made): these are tests of commands, and
# the first run that makes a journal is tested on its own (test_cli_basic's default path test,
# tests/e2e, tests/test_store_open.py).
pytestmark = pytest.mark.usefixtures("made")

JRNL_ENTRIES = [
    (
        "2024-02-03",
        "2024-02-03 09:15",
        "Rough day at work.\n\nNobody noticed, which was fine. @work\n\nTomorrow is better.",
        ["work"],
    ),
    ("2024-02-04", "2024-02-04 22:40", "Missed them tonight.", ["starred"]),
    (
        "2024-02-05",
        "2024-02-05 07:00",
        "Morning pages @sad @Work\n\nÉcrit en français — ça fait du bien. 🌅",
        ["sad", "work"],
    ),
]


def test_a_jrnl_journal_becomes_entries_with_times_tags_and_stars(
    tmp_path: Path, journal_path: Path, run_exback: RunExback
) -> None:
    result = run_exback("import", str(sample(tmp_path, "journal.txt")))
    assert result.returncode == 0, result.stderr
    assert "(jrnl journal) into your journal. Added 3 entries." in result.stdout
    assert "1 starred (tagged starred); tags: work, sad" in result.stdout
    assert entries(exported(journal_path)) == JRNL_ENTRIES


def test_twelve_hour_times_read_with_midnight_after_eleven_pm(
    tmp_path: Path, journal_path: Path, run_exback: RunExback
) -> None:
    result = run_exback("import", str(sample(tmp_path, "journal_12h.txt")))
    assert result.returncode == 0, result.stderr
    assert entries(exported(journal_path)) == [
        (
            "2023-11-05",
            "2023-11-05 21:15",
            "Couldn't sleep.\n\nThinking about the move.",
            ["starred"],
        ),
        ("2023-11-06", "2023-11-06 00:05", "Still up. #insomnia", ["insomnia"]),
    ]


def test_the_journal_again_or_its_json_export_adds_nothing(
    tmp_path: Path, journal_path: Path, run_exback: RunExback
) -> None:
    source = sample(tmp_path, "journal.txt")
    assert run_exback("import", str(source)).returncode == 0
    again = run_exback("import", str(source))
    assert "Added nothing new. Skipped 3 entries already in the journal." in again.stdout
    # What `jrnl --export json` writes for the same journal: the same three entries.
    export = {
        "tags": {"@work": 2, "@sad": 1},
        "entries": [
            {
                "title": "Rough day at work.",
                "body": "Nobody noticed, which was fine. @work\n\nTomorrow is better.",
                "date": "2024-02-03",
                "time": "09:15",
                "tags": ["@work"],
                "starred": False,
            },
            {
                "title": "Missed them tonight.",
                "body": "",
                "date": "2024-02-04",
                "time": "22:40",
                "tags": [],
                "starred": True,
            },
            {
                "title": "Morning pages @sad @Work",
                "body": "Écrit en français — ça fait du bien. 🌅",
                "date": "2024-02-05",
                "time": "07:00",
                "tags": ["@sad", "@work"],
                "starred": False,
            },
        ],
    }
    exported_json = tmp_path / "jrnl.json"
    exported_json.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    from_json = run_exback("import", str(exported_json))
    assert "(jrnl export)" in from_json.stdout
    assert "Added nothing new. Skipped 3 entries already in the journal." in from_json.stdout
    assert entries(exported(journal_path)) == JRNL_ENTRIES


def test_standard_input_is_read_as_a_file_would_be(
    journal_path: Path, run_exback: RunExback
) -> None:
    text = "[2024-01-02 08:00] From a pipe.\n"
    result = run_exback("import", "-", input=text)
    assert result.returncode == 0, result.stderr
    assert "Imported Standard input (jrnl journal)" in result.stdout
    assert entries(exported(journal_path)) == [
        ("2024-01-02", "2024-01-02 08:00", "From a pipe.", [])
    ]


def test_a_line_it_cannot_read_is_named_and_nothing_changes(
    tmp_path: Path, journal_path: Path, run_exback: RunExback
) -> None:
    assert run_exback("entry", "mine").returncode == 0
    before = journal_path.read_bytes()
    cases = {
        "[2024-01-02 08:00] Fine.\n\n[2024-02-30 10:00] Not a day.\n": (
            "line 3: the date '2024-02-30' is not a day"
        ),
        "[2024-01-02 13:00 PM] Not a time.\n": "line 1: the time '13:00' is not a time of day",
        "[2999-01-02 08:00] Later.\n": (
            "line 1: the date 2999-01-02 is in the future; pick today or earlier"
        ),
    }
    for text, what in cases.items():
        bad = tmp_path / "journal.txt"
        bad.write_text(text, encoding="utf-8")
        assert refusal(run_exback("import", str(bad))) == f"{bad}, {what}; nothing was imported."
    assert journal_path.read_bytes() == before
