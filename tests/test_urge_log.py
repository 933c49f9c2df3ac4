"""The urge log: saved apart from the check-in, upgraded into, exported and imported once."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from conftest import journal_at

from exback_tui.store import database
from exback_tui.store.errors import InvalidInput
from exback_tui.store.journal import Journal
from exback_tui.store.portable import to_json

START = date(2025, 1, 1)
BERLIN = timezone(timedelta(hours=1))
FIRST = datetime(2025, 3, 4, 23, 30, tzinfo=BERLIN)  # the 4th in Berlin, the 4th in UTC too
SECOND = datetime(2025, 3, 5, 0, 30, tzinfo=BERLIN)  # the 5th in Berlin, still the 4th in UTC


def raw(path: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Rows straight from the file, past the store."""
    con = sqlite3.connect(path)
    try:
        rows = con.execute(sql, params).fetchall()
        con.commit()
        return rows
    finally:
        con.close()


def test_a_reading_is_kept_apart_from_the_checkin(journal: Journal) -> None:
    journal.record_checkin(FIRST.date(), urge=7, today=FIRST.date())
    reading = journal.log_urge(5, at=FIRST)
    assert (reading.when, reading.day, reading.strength) == (FIRST, date(2025, 3, 4), 5)
    assert journal.log_urge(2, at=SECOND).day == date(2025, 3, 5)  # the local day, not UTC's
    saved = journal.checkin(FIRST.date())
    assert saved is not None and saved.urge == 7
    assert [(r.when, r.strength) for r in journal.urge_log()] == [(FIRST, 5), (SECOND, 2)]


@pytest.mark.parametrize("strength", [-1, 11])
def test_a_reading_out_of_range_is_refused(journal: Journal, strength: int) -> None:
    with pytest.raises(InvalidInput, match="from 0 to 10"):
        journal.log_urge(strength, at=FIRST)
    assert journal.urge_log() == []


def test_a_reading_in_the_future_is_refused(journal: Journal) -> None:
    with pytest.raises(InvalidInput, match="future"):
        journal.log_urge(4, at=datetime.now(UTC) + timedelta(days=1))
    assert journal.urge_log() == []


def test_a_journal_of_the_previous_revision_is_upgraded_with_its_data(journal_path: Path) -> None:
    # The revision before the urge log's (20261210_01), named: later revisions move HEAD on.
    previous = database.REVISIONS[database.REVISIONS.index("20261210_01") - 1]
    journal_at(journal_path, previous)
    raw(
        journal_path,
        "INSERT INTO checkin (day, mood, urge, note, created_at, updated_at, utc_offset_min) "
        "VALUES ('2025-03-04', 4, 7, 'hard day', '2025-03-04 20:00:00', "
        "'2025-03-04 20:00:00', 60)",
    )
    raw(
        journal_path,
        "INSERT INTO ask (at, at_offset_min, day, answer, note, created_at) VALUES "
        "('2025-03-01 18:00:00.000000', 60, '2025-03-01', 'not-now', 'over coffee', "
        "'2025-03-01 18:00:00')",
    )
    assert database.inspect(journal_path).revision == previous
    with Journal.open(journal_path) as j:
        assert database.inspect(journal_path).revision == database.HEAD
        saved = j.checkin(date(2025, 3, 4))
        assert saved is not None and (saved.mood, saved.urge, saved.note) == (4, 7, "hard day")
        assert [a.note for a in j.asks()] == ["over coffee"]
        assert j.urge_log() == []
        # The upgraded journal takes readings like a new one.
        j.log_urge(3, at=FIRST)
        assert [r.strength for r in j.urge_log()] == [3]
    assert raw(journal_path, "SELECT day, strength, at_offset_min FROM urge_log") == [
        ("2025-03-04", 3, 60)
    ]
    assert list((journal_path.parent / "backups").glob(f"*before-upgrade-{previous}*"))


def test_the_urge_log_round_trips_and_merges_once(journal_path: Path, tmp_path: Path) -> None:
    with Journal.open(journal_path, today=START) as j:
        j.record_checkin(FIRST.date(), urge=7, today=FIRST.date())
        j.log_urge(5, at=FIRST)
        j.log_urge(2, at=SECOND)
        doc = j.export_data()
        readings = j.urge_log()
    assert doc["urge_log"] == [
        {"at": "2025-03-04T23:30:00+01:00", "strength": 5},
        {"at": "2025-03-05T00:30:00+01:00", "strength": 2},
    ]
    with Journal.open(tmp_path / "empty.db", today=START) as other:
        summary = other.import_data(json.loads(to_json(doc)))
        assert summary.into_empty and summary.added["urge_log"] == 2
        assert other.urge_log() == readings
        assert other.export_data() == doc
        again = other.import_data(doc)
        assert again.added.get("urge_log", 0) == 0 and again.skipped["urge_log"] == 2
        assert "2 urge readings" in again.describe()
        assert other.urge_log() == readings
    with Journal.open(tmp_path / "busy.db", today=START) as busy:
        busy.record_checkin(date(2025, 1, 5), mood=6)  # not empty: the import merges
        busy.log_urge(5, at=FIRST)  # the same reading is already there
        merged = busy.import_data(doc)
        assert not merged.into_empty
        assert merged.added["urge_log"] == 1 and merged.skipped["urge_log"] == 1
        assert [r.strength for r in busy.urge_log()] == [5, 2]
        checkin = busy.checkin(FIRST.date())
        assert checkin is not None and checkin.urge == 7


def test_an_export_without_an_urge_log_still_imports(journal: Journal, tmp_path: Path) -> None:
    journal.log_urge(5, at=FIRST)
    old = journal.export_data()
    del old["urge_log"]
    with Journal.open(tmp_path / "other.db", today=START) as other:
        summary = other.import_data(old)
        assert "urge_log" not in summary.added
        assert other.urge_log() == []


def test_a_bad_reading_in_an_export_imports_nothing(journal: Journal, tmp_path: Path) -> None:
    journal.log_urge(5, at=FIRST)
    doc = journal.export_data()
    doc["urge_log"][0]["strength"] = 12
    with Journal.open(tmp_path / "other.db", today=START) as other:
        with pytest.raises(InvalidInput, match=r"urge readings record 1: strength"):
            other.import_data(doc)
        assert other.urge_log() == []
