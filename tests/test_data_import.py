"""Import: merging without duplicates, jrnl's JSON export, refusals, all or nothing."""

from __future__ import annotations

import copy
import json
import subprocess
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from exback_tui.store.demo import build_demo
from exback_tui.store.errors import InvalidInput
from exback_tui.store.journal import Journal
from exback_tui.store.portable import VERSION

TODAY = date(2026, 6, 1)

RunExback = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def demo_doc(tmp_path: Path) -> dict[str, Any]:
    """A 120-day demo journal, exported."""
    with Journal.open(tmp_path / "demo.db", today=TODAY) as j:
        build_demo(j, 120, seed=11, today=TODAY)
        return j.export_data()


def jrnl_export() -> dict[str, Any]:
    """A document shaped exactly like ``jrnl --export json`` writes it."""
    return {
        "tags": {"@work": 1, "@sad": 1},
        "entries": [
            {
                "title": "Rough day at work.",
                "body": " Nobody noticed, which was fine.\n\nTomorrow is better.\n",
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
                "tags": ["@sad"],
                "starred": True,
            },
        ],
    }


def test_import_into_a_journal_with_data_merges_without_duplicates(
    journal: Journal, demo_doc: dict[str, Any]
) -> None:
    first = journal.import_data(demo_doc)
    assert first.into_empty
    counts = journal.counts()
    again = journal.import_data(demo_doc)
    assert not again.into_empty
    assert again.total_added == 0
    assert again.skipped["checkins"] == len(demo_doc["checkins"])
    assert again.skipped["entries"] == len(demo_doc["entries"])
    assert again.skipped["contacts"] == len(demo_doc["contacts"])
    assert journal.counts() == counts
    assert "Added nothing new." in again.describe()
    assert "Skipped" in again.describe()


def test_merge_adds_what_is_new_and_keeps_what_was_already_there(
    journal: Journal, demo_doc: dict[str, Any]
) -> None:
    day0 = date.fromisoformat(demo_doc["checkins"][0]["day"])
    journal.record_checkin(day0, mood=9, note="my own")  # the journal now has data
    doc = copy.deepcopy(demo_doc)
    summary = journal.import_data(doc)
    assert not summary.into_empty
    assert summary.skipped["checkins"] == 1
    assert summary.added["checkins"] == len(doc["checkins"]) - 1
    mine = journal.checkin(day0)
    assert mine is not None and mine.mood == 9 and mine.note == "my own"
    names = [h.name for h in journal.habits()]
    assert names.count("exercise") == 1 and names[-1] == "meditation"
    assert summary.added["habits"] == 1  # meditation; the four defaults were there
    # Habit marks of the imported days arrived on the existing habits.
    marked = sum(len(h["done_on"]) for h in doc["habits"])
    assert summary.added["habit_marks"] + summary.skipped.get("habit_marks", 0) == marked
    assert journal.counts()["entries"] == len(doc["entries"])
    assert summary.added["evaluations"] == 1
    evaluation = journal.latest_evaluation()
    assert evaluation is not None and evaluation.decision.value == "pursue"
    # The journal was not set up yet, so the export's journey answers were taken.
    assert summary.added["journey"] == 1 and journal.journey().onboarded


def test_jrnl_export_becomes_entries_with_dates_and_tags(journal: Journal, tmp_path: Path) -> None:
    summary = journal.import_data(jrnl_export())
    assert summary.kind == "jrnl"
    assert summary.added == {"entries": 2}
    entries = sorted(journal.entries(), key=lambda e: e.day)
    first, second = entries
    assert first.day == date(2024, 2, 3)
    assert first.text == (
        "Rough day at work.\n\nNobody noticed, which was fine.\n\nTomorrow is better."
    )
    assert first.tags == ("work",)
    assert first.created_at is not None
    assert first.created_at.replace(tzinfo=None) == datetime(2024, 2, 3, 9, 15)
    assert second.text == "Missed them tonight."
    assert second.tags == ("sad", "starred")
    assert journal.search("nobody").total == 1
    again = journal.import_data(jrnl_export())
    assert again.total_added == 0 and again.skipped == {"entries": 2}


@pytest.mark.parametrize(
    "content",
    [
        '{"entries": "nope"}',
        '{"format": "something-else", "version": 1}',
        "[1, 2, 3]",
        '{"hello": "world"}',
        '"just a string"',
    ],
)
def test_cli_refuses_a_file_that_is_neither_format_and_writes_nothing(
    content: str, tmp_path: Path, journal_path: Path, run_exback: RunExback
) -> None:
    source = tmp_path / "thing.json"
    source.write_text(content)
    result = run_exback("import", str(source))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"exback: {source} is not an exback or jrnl export; nothing was imported."
    )
    assert "Traceback" not in result.stderr
    assert not journal_path.exists()  # not even a new journal was made


def test_cli_refuses_a_file_that_is_not_json(
    tmp_path: Path, journal_path: Path, run_exback: RunExback
) -> None:
    source = tmp_path / "notes.txt"
    source.write_text("dear diary,\n")
    result = run_exback("import", str(source))
    assert result.returncode == 1
    assert "is not valid JSON" in result.stderr and "nothing was imported" in result.stderr
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\xff")
    result = run_exback("import", str(binary))
    assert result.returncode == 1
    assert "nothing was imported" in result.stderr and "Traceback" not in result.stderr
    missing = run_exback("import", str(tmp_path / "missing.json"))
    assert missing.returncode == 1 and "does not exist" in missing.stderr


def test_one_bad_value_anywhere_imports_nothing(journal: Journal, demo_doc: dict[str, Any]) -> None:
    doc = copy.deepcopy(demo_doc)
    doc["evaluations"][-1]["decision"] = "maybe"  # the last section but two
    with pytest.raises(InvalidInput, match="nothing was imported") as caught:
        journal.import_data(doc)
    assert "evaluations record" in str(caught.value) and "'maybe'" in str(caught.value)
    assert journal.counts()["check-ins"] == 0
    assert journal.counts()["entries"] == 0
    doc = copy.deepcopy(demo_doc)
    doc["checkins"][5]["mood"] = 12
    with pytest.raises(InvalidInput, match="mood 12"):
        journal.import_data(doc)
    doc = copy.deepcopy(demo_doc)
    doc["checkins"].append(doc["checkins"][0])  # the same day twice
    with pytest.raises(InvalidInput, match="listed twice"):
        journal.import_data(doc)
    assert journal.counts()["check-ins"] == 0
    assert journal.export_data()["habits"][0]["done_on"] == []


def test_an_export_from_a_newer_exback_is_refused(
    journal: Journal, demo_doc: dict[str, Any]
) -> None:
    doc = {**demo_doc, "version": VERSION + 1}
    with pytest.raises(InvalidInput, match="newer exback"):
        journal.import_data(doc)
    assert journal.counts()["check-ins"] == 0


def test_imported_text_is_cleaned_like_typed_text(journal: Journal) -> None:
    doc = jrnl_export()
    doc["entries"][0]["body"] = "red \x1b[31malert\x1b[0m and a bell\x07"
    journal.import_data(doc)
    texts = {e.text for e in journal.entries()}
    assert "Rough day at work.\n\nred alert and a bell" in texts


def test_cli_imports_and_says_what_was_added_and_skipped(
    tmp_path: Path, demo_doc: dict[str, Any], run_exback: RunExback
) -> None:
    source = tmp_path / "export.json"
    source.write_text(json.dumps(demo_doc))
    first = run_exback("import", str(source))
    assert first.returncode == 0, first.stderr
    assert "into the empty journal" in first.stdout
    assert f"{len(demo_doc['checkins'])} check-ins" in first.stdout
    second = run_exback("import", str(source))
    assert second.returncode == 0, second.stderr
    assert "Added nothing new." in second.stdout
    assert "Skipped" in second.stdout and "already in the journal" in second.stdout
    jrnl = tmp_path / "jrnl.json"
    jrnl.write_text(json.dumps(jrnl_export()))
    third = run_exback("import", str(jrnl))
    assert third.returncode == 0, third.stderr
    assert "(jrnl export)" in third.stdout and "Added 2 entries." in third.stdout
