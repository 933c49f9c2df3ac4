"""Opening journals: creation, permissions, migrations, and refusing what is not ours."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest

from exback_tui.store import database
from exback_tui.store.errors import JournalPathError, NewerJournal, NotAJournal
from exback_tui.store.journal import Journal
from exback_tui.store.journey_writes import DEFAULT_HABITS
from exback_tui.store.migration import migrate


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_journal_is_private_migrated_and_seeded(journal_path: Path) -> None:
    with Journal.open(journal_path, today=date(2026, 11, 1)) as j:
        assert [h.name for h in j.habits()] == list(DEFAULT_HABITS)
        assert j.current_phase().phase == 1
        assert j.current_phase().entered_on == date(2026, 11, 1)
        assert j.integrity_ok()
    assert stat.S_IMODE(journal_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(journal_path.parent.stat().st_mode) == 0o700
    con = sqlite3.connect(journal_path)
    assert con.execute("PRAGMA application_id").fetchone()[0] == database.APPLICATION_ID
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == database.HEAD
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {
        "journey",
        "phase_step",
        "checklist_mark",
        "checkin",
        "habit",
        "habit_mark",
        "entry",
        "contact",
        "evaluation",
        "search_index",
    } <= tables
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def test_reopening_keeps_data_and_does_not_reseed(journal_path: Path) -> None:
    with Journal.open(journal_path) as j:
        j.record_checkin(date.today(), mood=6)
        j.archive_habit("sleep")
    with Journal.open(journal_path) as j:
        assert j.checkin(date.today()).mood == 6  # type: ignore[union-attr]
        assert "sleep" not in [h.name for h in j.habits()]
        assert len(j.phase_history()) == 1


def test_current_journal_opens_without_importing_alembic(journal_path: Path) -> None:
    Journal.open(journal_path).close()
    code = (
        "import sys; from exback_tui.store.journal import Journal;"
        f"Journal.open({str(journal_path)!r}).close();"
        "print('alembic' in sys.modules)"
    )
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_existing_world_readable_journal_is_tightened(journal_path: Path) -> None:
    Journal.open(journal_path).close()
    journal_path.chmod(0o644)
    Journal.open(journal_path).close()
    assert stat.S_IMODE(journal_path.stat().st_mode) == 0o600


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(JournalPathError, match="is a folder"):
        Journal.open(tmp_path)


def test_a_path_under_a_file_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(JournalPathError, match="is a file"):
        Journal.open(blocker / "journal.db")


def test_a_place_that_cannot_be_written_is_refused() -> None:
    # /proc refuses new folders even to root, so this holds wherever the tests run.
    with pytest.raises(JournalPathError, match=r"(?i)could not create|permission"):
        Journal.open(Path("/proc/exback-test/journal.db"))


def test_a_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("dear diary")
    before = digest(path)
    with pytest.raises(NotAJournal, match="not a SQLite database"):
        Journal.open(path)
    assert digest(path) == before


def test_an_empty_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(NotAJournal, match="empty"):
        Journal.open(path)
    assert path.stat().st_size == 0


def test_another_apps_sqlite_file_is_refused_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.execute("INSERT INTO recipes VALUES ('soup')")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(NotAJournal, match="not an exback journal"):
        Journal.open(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_a_journal_from_a_newer_exback_is_refused_untouched(journal_path: Path) -> None:
    with Journal.open(journal_path) as j:
        j.record_checkin(date.today(), mood=5)
    con = sqlite3.connect(journal_path)
    con.execute("UPDATE alembic_version SET version_num = '29991231_99'")
    con.commit()
    con.close()
    before = digest(journal_path)
    with pytest.raises(NewerJournal, match="newer version of exback"):
        Journal.open(journal_path)
    assert digest(journal_path) == before


def test_an_empty_sqlite_file_becomes_a_journal(tmp_path: Path) -> None:
    path = tmp_path / "blank.db"
    con = sqlite3.connect(path)  # a valid SQLite file with no tables: nothing to lose
    con.execute("CREATE TABLE t (x)")
    con.execute("DROP TABLE t")
    con.commit()
    con.close()
    with Journal.open(path) as j:
        assert j.current_phase().phase == 1


def test_upgrading_an_existing_journal_backs_it_up_first(journal_path: Path) -> None:
    """The real migrate() on an existing journal copies it aside before touching it."""
    with Journal.open(journal_path) as j:
        j.record_checkin(date.today(), mood=4, note="before the upgrade")
    engine = database.create_journal_engine(journal_path)
    try:
        migrate(engine, journal_path, database.HEAD)
    finally:
        engine.dispose()
    copies = list((journal_path.parent / "backups").glob("*before-upgrade*.db"))
    assert len(copies) == 1
    assert stat.S_IMODE(copies[0].stat().st_mode) == 0o600
    saved = sqlite3.connect(copies[0]).execute("SELECT note FROM checkin").fetchone()
    assert saved == ("before the upgrade",)
    with Journal.open(journal_path) as j:
        assert j.checkin(date.today()).note == "before the upgrade"  # type: ignore[union-attr]


def test_dot_dot_in_a_new_path_is_folded_as_a_shell_would(tmp_path: Path) -> None:
    # It used to make "nope/x", then fail with a traceback on opening the folder "nope".
    with Journal.open(tmp_path / "nope" / "x" / "..") as j:
        assert j.path == tmp_path / "nope"
    assert (tmp_path / "nope").is_file() and not (tmp_path / "nope" / "x").exists()
