"""Backups: consistent while another connection writes, the daily one and its retention, restore."""

from __future__ import annotations

import shutil
import sqlite3
import stat
import subprocess
import threading
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from conftest import wait_for

from exback_tui.store.backup import (
    KEEP_DAILY,
    Owner,
    backup_file_name,
    backups_dir,
    daily_backup,
    daily_backups,
    owner_of,
)
from exback_tui.store.errors import NotAJournal
from exback_tui.store.journal import Journal
from exback_tui.store.restore import restore_from

START = date(2001, 1, 1)

RunExback = Callable[..., subprocess.CompletedProcess[str]]


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def integrity(path: Path) -> str:
    return str(rows(path, "PRAGMA integrity_check")[0][0])


def test_backup_while_another_connection_writes_is_consistent_and_complete(
    journal: Journal, journal_path: Path, tmp_path: Path
) -> None:
    committed: list[date] = []
    stop = threading.Event()
    failures: list[BaseException] = []

    def write() -> None:
        # A second Journal (its own engine and connections), as the app would be.
        with Journal.open(journal_path) as writer:
            i = 0
            while not stop.is_set() or i < 200:
                day = START + timedelta(days=i)
                try:
                    writer.record_checkin(day, mood=1 + i % 10, note=f"day {i}")
                    writer.add_entry(f"entry {i}", day=day)
                except BaseException as exc:  # surfaced to the test below, never swallowed
                    failures.append(exc)
                    return
                committed.append(day)
                i += 1

    thread = threading.Thread(target=write)
    thread.start()
    wait_for(lambda: len(committed) >= 200 or not thread.is_alive(), "200 saves")
    copies = []
    for n in range(3):  # several copies, each taken mid-stream
        before = list(committed)
        copies.append((journal.backup(tmp_path / f"copy-{n}.db"), before))
    stop.set()
    thread.join(timeout=60)
    assert not failures
    assert len(committed) >= 200
    for copy, before in copies:
        assert integrity(copy) == "ok"
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        assert not Path(str(copy) + "-wal").exists()
        days = {date.fromisoformat(str(d)) for (d,) in rows(copy, "SELECT day FROM checkin")}
        assert set(before) <= days
        n_entries = rows(copy, "SELECT count(*) FROM entry")[0][0]
        assert isinstance(n_entries, int) and n_entries >= len(before)
        # The search index came along in step with its rows.
        indexed = rows(copy, "SELECT count(*) FROM search_index WHERE rowid % 4 = 1")[0][0]
        assert indexed == n_entries


def test_backup_goes_to_a_dated_file_in_the_backups_folder_by_default(
    journal: Journal, journal_path: Path
) -> None:
    journal.record_checkin(date(2025, 1, 1), mood=5)
    made = journal.backup()
    assert made.parent == backups_dir(journal_path)
    # Named for the journal and its id, which the copy records too.
    journal_id = journal.setting("journal_id")
    assert journal_id is not None
    assert made.name.startswith(f"journal-{journal_id}-") and made.suffix == ".db"
    assert rows(made, "SELECT value FROM setting WHERE key = 'journal_id'") == [(journal_id,)]
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
    assert rows(made, "SELECT mood FROM checkin") == [(5,)]
    again = journal.backup()  # within the same second: a second file, not an error
    assert again != made and again.exists() and made.exists()


def test_first_open_of_the_day_makes_one_daily_backup_but_not_for_a_new_journal(
    journal_path: Path,
) -> None:
    with Journal.open(journal_path) as j:
        j.record_checkin(date(2025, 1, 1), mood=4)
    assert daily_backups(backups_dir(journal_path)) == []  # a brand-new journal: nothing to keep
    with Journal.open(journal_path):
        pass
    with Journal.open(journal_path):
        pass
    made = daily_backups(backups_dir(journal_path))
    assert len(made) == 1
    assert made[0].name.endswith("-daily.db")
    assert rows(made[0], "SELECT mood FROM checkin") == [(4,)]


def test_daily_backups_keep_the_last_fourteen_and_leave_others_alone(journal_path: Path) -> None:
    # Made here: the fixture's journal is a copy (conftest.new_journal), which opens as one
    # that already exists and so already has today's daily backup.
    with Journal.open(journal_path) as journal:
        folder = backups_dir(journal_path)
        first = journal.backup()
        owner = owner_of_file(journal_path)
        for n in range(20):
            when = datetime.combine(date(2025, 1, 1) + timedelta(days=n), time(8))
            shutil.copy(
                first, folder / backup_file_name(journal_path, owner.journal_id, "daily", when)
            )
        manual = folder / backup_file_name(
            journal_path, owner.journal_id, "", datetime(2024, 1, 1, 8)
        )
        shutil.copy(first, manual)
        made = daily_backup(journal.backup, journal_path, owner, today=date(2025, 6, 1))
        assert made is not None
        kept = daily_backups(folder)
        assert len(kept) == KEEP_DAILY
        assert kept[-1] == made
        assert "-2025-01-08-" in kept[0].name  # the oldest seven went
        assert manual.exists() and first.exists()
        # Same day again: nothing new.
        assert daily_backup(journal.backup, journal_path, owner, today=date(2025, 6, 1)) is None
        assert len(daily_backups(folder)) == KEEP_DAILY


def owner_of_file(path: Path) -> Owner:
    """The journal at ``path`` as the owner of its backups (its id recorded if need be)."""
    con = sqlite3.connect(path)
    try:
        owner = owner_of(con)
    finally:
        con.close()
    assert owner is not None
    return owner


def test_a_failing_daily_backup_never_stops_the_journal_opening(journal_path: Path) -> None:
    with Journal.open(journal_path) as j:
        j.record_checkin(date(2025, 1, 1), mood=4)
    backups_dir(journal_path).write_text("not a folder")  # the backup cannot be written
    with Journal.open(journal_path) as j:
        assert j.checkin(date(2025, 1, 1)) is not None
    assert backups_dir(journal_path).read_text() == "not a folder"


def test_restore_puts_the_backup_back_and_keeps_the_current_journal(
    journal: Journal, journal_path: Path
) -> None:
    journal.record_checkin(date(2025, 1, 1), mood=3)
    saved = journal.backup()
    journal.record_checkin(date(2025, 1, 2), mood=8)
    journal.add_entry("written after the backup", day=date(2025, 1, 2))
    safety = restore_from(saved, journal_path)
    # The Journal that was open during the restore sees the restored data.
    assert [c.day for c in journal.checkins()] == [date(2025, 1, 1)]
    assert journal.search("written").total == 0
    assert journal.integrity_ok()
    assert stat.S_IMODE(journal_path.stat().st_mode) == 0o600
    assert safety is not None and "before-restore" in safety.name
    assert rows(safety, "SELECT count(*) FROM checkin") == [(2,)]
    with Journal.open(journal_path) as again:
        assert [c.mood for c in again.checkins()] == [3]


def test_restore_refuses_what_is_not_an_intact_exback_journal(
    journal: Journal, journal_path: Path, tmp_path: Path
) -> None:
    journal.record_checkin(date(2025, 1, 1), mood=3)
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    damaged = tmp_path / "damaged.db"
    shutil.copy(journal.backup(), damaged)
    with damaged.open("r+b") as f:  # wreck every page after the first
        size = damaged.stat().st_size
        f.seek(4096)
        f.write(b"\x07" * (size - 4096))
    for bad in (other, text, damaged):
        with pytest.raises(NotAJournal):
            restore_from(bad, journal_path)
    assert [c.mood for c in journal.checkins()] == [3]


def test_cli_backup_and_restore(
    journal: Journal, journal_path: Path, tmp_path: Path, run_exback: RunExback
) -> None:
    journal.record_checkin(date(2025, 1, 1), mood=3)
    dest = tmp_path / "mine.db"
    result = run_exback("backup", str(dest))
    assert result.returncode == 0, result.stderr
    assert f"Backed up to {dest}" in result.stdout
    assert integrity(dest) == "ok"
    default = run_exback("backup")
    assert default.returncode == 0 and str(backups_dir(journal_path)) in default.stdout

    journal.record_checkin(date(2025, 1, 2), mood=9)
    refused = run_exback("restore", str(dest))  # no terminal, no --yes
    assert refused.returncode == 1
    assert "add --yes" in refused.stderr
    assert len(journal.checkins()) == 2
    done = run_exback("restore", str(dest), "--yes")
    assert done.returncode == 0, done.stderr
    assert "Restored" in done.stdout and "before-restore" in done.stdout
    assert [c.mood for c in journal.checkins()] == [3]
    bad = run_exback("restore", str(tmp_path / "missing.db"), "--yes")
    assert bad.returncode == 1 and "does not exist" in bad.stderr
