"""The history cache: old days read as totals, thrown away whenever one of them changes."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

from conftest import journal_at

from exback_tui.core.insights import insights
from exback_tui.core.readiness import assess
from exback_tui.core.values import Snapshot
from exback_tui.store import database
from exback_tui.store.demo import build_demo
from exback_tui.store.history import WINDOW_DAYS, history_until
from exback_tui.store.journal import Journal
from exback_tui.store.snapshot_read import read_snapshot

TODAY = date(2026, 11, 23)
UNTIL = history_until(TODAY)


def cached(path: Path) -> tuple[str, str] | None:
    """The cache row as stored, or None."""
    con = sqlite3.connect(path)
    try:
        row: tuple[str, str] | None = con.execute(
            "SELECT until, data FROM history_cache"
        ).fetchone()
        return row
    finally:
        con.close()


def every_day(path: Path) -> Snapshot:
    """A snapshot of every day, read past the cache on a copy."""
    copy = path.with_name("copy.db")
    src, dst = sqlite3.connect(path), sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    dst.execute("DELETE FROM history_cache")
    dst.commit()
    snapshot = read_snapshot(dst, TODAY)
    dst.close()
    copy.unlink()
    assert snapshot.history is None
    return snapshot


def same_answers(a: Snapshot, b: Snapshot) -> None:
    assert insights(a) == insights(b)
    assert assess(a) == assess(b)


def test_a_long_journal_reads_recent_days_and_the_cached_totals(journal: Journal) -> None:
    build_demo(journal, 1500, seed=3, today=TODAY)
    first = journal.snapshot(TODAY)
    assert first.history is None  # nothing cached yet: every day was read ...
    assert cached(journal.path) is not None  # ... and the totals were kept
    second = journal.snapshot(TODAY)
    assert second.history is not None and second.history.until == UNTIL
    assert all(c.day > UNTIL for c in second.checkins)
    assert len(second.checkins) <= WINDOW_DAYS + 64
    assert second.history.mood_days > 0
    same_answers(first, second)


def test_changing_an_old_day_throws_the_cache_away(journal: Journal) -> None:
    build_demo(journal, 1500, seed=3, today=TODAY)
    journal.snapshot(TODAY)
    old = UNTIL - timedelta(days=100)
    journal.record_checkin(old, mood=1, habits=["exercise"], today=TODAY)
    assert cached(journal.path) is None
    fresh = journal.snapshot(TODAY)
    assert fresh.history is None
    same_answers(journal.snapshot(TODAY), every_day(journal.path))
    journal.delete_checkin(old)
    assert cached(journal.path) is None


def test_recent_days_keep_the_cache(journal: Journal) -> None:
    build_demo(journal, 1500, seed=3, today=TODAY)
    journal.snapshot(TODAY)
    journal.record_checkin(TODAY, mood=9, habits=["exercise"], today=TODAY)
    assert cached(journal.path) is not None
    now = journal.snapshot(TODAY)
    assert now.history is not None
    same_answers(now, every_day(journal.path))


def test_habits_renamed_or_removed(journal: Journal) -> None:
    build_demo(journal, 1500, seed=3, today=TODAY)
    journal.snapshot(TODAY)
    journal.rename_habit("exercise", "training")
    renamed = journal.snapshot(TODAY)
    assert renamed.history is not None  # the cache names habits by id, not by name
    assert "training" in insights(renamed).habit_mood
    same_answers(renamed, every_day(journal.path))
    con = sqlite3.connect(journal.path)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("DELETE FROM habit WHERE name = 'training'")  # its marks go by cascade
    con.commit()
    con.close()
    assert cached(journal.path) is None


def test_an_unreadable_cache_is_read_past_and_rewritten(journal: Journal) -> None:
    build_demo(journal, 1500, seed=3, today=TODAY)
    journal.snapshot(TODAY)
    con = sqlite3.connect(journal.path)
    con.execute("UPDATE history_cache SET data = '{not json'")
    con.commit()
    con.close()
    assert journal.snapshot(TODAY).history is None
    assert journal.snapshot(TODAY).history is not None


def test_a_stale_cache_is_not_used(journal: Journal) -> None:
    build_demo(journal, 1500, seed=3, today=TODAY)
    journal.snapshot(TODAY)
    later = TODAY + timedelta(days=64)
    assert history_until(later) != UNTIL
    assert journal.snapshot(later).history is None
    assert journal.snapshot(later).history is not None


def test_a_read_only_journal_reads_every_day(journal_path: Path) -> None:
    with Journal.open(journal_path) as j:
        build_demo(j, 800, seed=3, today=TODAY)
    with Journal.open(journal_path, read_only=True) as j:
        assert j.snapshot(TODAY).history is None
        assert j.snapshot(TODAY).history is None
    assert cached(journal_path) is None


def test_a_journal_of_the_first_revision_is_upgraded_with_its_data(journal_path: Path) -> None:
    journal_at(journal_path, "20261123_01")
    con = sqlite3.connect(journal_path)
    con.execute(
        "INSERT INTO checkin (day, mood, urge, note, created_at, updated_at, utc_offset_min) "
        "VALUES ('2020-01-01', 7, 2, 'long ago', '2020-01-01 20:00:00', "
        "'2020-01-01 20:00:00', 0)"
    )
    con.commit()
    con.close()
    assert database.inspect(journal_path).revision == "20261123_01"
    with Journal.open(journal_path) as j:
        assert database.inspect(journal_path).revision == database.HEAD
        assert j.checkin(date(2020, 1, 1)).note == "long ago"  # type: ignore[union-attr]
        snapshot = j.snapshot(TODAY)
        assert snapshot.first_day == date(2020, 1, 1)
        again = j.snapshot(TODAY)
        assert again.history is not None and again.history.first_day == date(2020, 1, 1)
        assert again.checkins == ()
        assert insights(again).checkin_best == 1
    assert list((journal_path.parent / "backups").glob("*before-upgrade-20261123_01*"))
