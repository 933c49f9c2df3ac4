"""An entry keeps the writing prompt it was written to: saved, upgraded into, exported and
imported back."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import journal_at

from exback_tui.core.prompts import prompt_for
from exback_tui.store import database
from exback_tui.store.errors import InvalidInput
from exback_tui.store.journal import Journal
from exback_tui.store.portable import to_json, to_markdown
from exback_tui.store.write_rules import PROMPT_MAX

DAY = date(2025, 3, 4)
PROMPT = prompt_for(2, DAY)


def raw(path: Path, sql: str) -> list[tuple[Any, ...]]:
    """Rows straight from the file, past the store."""
    con = sqlite3.connect(path)
    try:
        rows = con.execute(sql).fetchall()
        con.commit()
        return rows
    finally:
        con.close()


def test_an_entry_keeps_its_prompt_and_one_without_has_none(journal: Journal) -> None:
    written = journal.add_entry("A long walk.", day=DAY, prompt=PROMPT)
    plain = journal.add_entry("Nothing asked.", day=DAY)
    assert written.prompt == PROMPT and journal.entry(written.id).prompt == PROMPT
    assert plain.prompt == "" and journal.entry(plain.id).prompt == ""
    # Changing the text keeps the question it answered.
    assert journal.update_entry(written.id, "A longer walk.").prompt == PROMPT
    assert raw(journal.path, "SELECT prompt FROM entry ORDER BY id") == [(PROMPT,), (None,)]


def test_a_prompt_is_cleaned_to_one_line(journal: Journal) -> None:
    entry = journal.add_entry("Words.", day=DAY, prompt="  What\x1b[31m did\n you   do? ")
    assert entry.prompt == "What did you do?"
    assert journal.add_entry("Words.", day=DAY, prompt=" \n ").prompt == ""


def test_a_prompt_too_long_is_refused_and_nothing_is_saved(journal: Journal) -> None:
    with pytest.raises(InvalidInput, match=f"at most {PROMPT_MAX} characters"):
        journal.add_entry("Words.", day=DAY, prompt="why " * PROMPT_MAX)
    assert journal.entries() == []


def test_a_journal_of_the_previous_revision_is_upgraded_with_its_entries(
    journal_path: Path,
) -> None:
    previous = database.REVISIONS[database.REVISIONS.index("20261210_02") - 1]
    journal_at(journal_path, previous)
    raw(
        journal_path,
        "INSERT INTO entry (day, kind, text, tags, created_at, updated_at, utc_offset_min) "
        "VALUES ('2025-03-04', 'entry', 'walked by the river', 'walk', "
        "'2025-03-04 20:00:00', '2025-03-04 20:00:00', 60)",
    )
    assert database.inspect(journal_path).revision == previous
    with Journal.open(journal_path) as j:
        assert database.inspect(journal_path).revision == database.HEAD
        [old] = j.entries()
        assert (old.day, old.text, old.tags) == (DAY, "walked by the river", ("walk",))
        assert old.prompt == ""
        # The search triggers came through the new column: changes still reach the index.
        assert [h.ref for h in j.search("river").hits] == [old.id]
        j.update_entry(old.id, "walked by the sea")
        assert j.search("river").total == 0 and j.search("sea").total == 1
        new = j.add_entry("Called a friend.", day=DAY, prompt=PROMPT)
        assert j.entry(new.id).prompt == PROMPT
        assert [h.ref for h in j.search("friend").hits] == [new.id]
    assert list((journal_path.parent / "backups").glob(f"*before-upgrade-{previous}*"))


def test_an_export_round_trips_the_prompt(journal: Journal, tmp_path: Path) -> None:
    journal.add_entry("A long walk.", day=DAY, prompt=PROMPT)
    journal.add_entry("Nothing asked.", day=DAY)
    doc = journal.export_data()
    assert [e["prompt"] for e in doc["entries"]] == [PROMPT, None]
    with Journal.open(tmp_path / "empty.db", today=DAY) as other:
        assert other.import_data(json.loads(to_json(doc))).added["entries"] == 2
        assert [e.prompt for e in other.entries()] == ["", PROMPT]  # newest first
        assert other.export_data()["entries"] == doc["entries"]
    with Journal.open(tmp_path / "busy.db", today=DAY) as busy:
        busy.record_checkin(DAY, mood=5, today=DAY)  # not empty: the import merges
        assert busy.import_data(doc).added["entries"] == 2
        assert sorted(e.prompt for e in busy.entries()) == ["", PROMPT]


def test_an_export_without_prompts_still_imports(journal: Journal, tmp_path: Path) -> None:
    journal.add_entry("A long walk.", day=DAY, prompt=PROMPT)
    old = journal.export_data()
    for entry in old["entries"]:
        del entry["prompt"]
    with Journal.open(tmp_path / "other.db", today=DAY) as other:
        other.import_data(old)
        assert [(e.text, e.prompt) for e in other.entries()] == [("A long walk.", "")]


def test_a_bad_prompt_in_an_export_imports_nothing(journal: Journal, tmp_path: Path) -> None:
    journal.add_entry("A long walk.", day=DAY, prompt=PROMPT)
    doc = journal.export_data()
    doc["entries"][0]["prompt"] = ["not", "text"]
    with Journal.open(tmp_path / "other.db", today=DAY) as other:
        with pytest.raises(InvalidInput, match=r"entries record 1: prompt \(a list\) is not text"):
            other.import_data(doc)
        doc["entries"][0]["prompt"] = "why " * PROMPT_MAX
        with pytest.raises(InvalidInput, match=f"at most {PROMPT_MAX} characters"):
            other.import_data(doc)
        assert other.entries() == []


def test_markdown_shows_the_prompt_above_the_entry(journal: Journal) -> None:
    journal.add_entry("A long walk.", day=DAY, prompt=PROMPT)
    journal.add_entry("Nothing asked.", day=DAY)
    lines = to_markdown(journal.export_data()).splitlines()
    asked = lines.index(f"> *{PROMPT}*")
    assert lines[asked + 2] == "A long walk."
    assert lines[asked - 2].startswith("**Entry**")
    assert sum(line.startswith("> ") for line in lines) == 1
