"""``exback checkin`` and ``exback search`` without SQLAlchemy: the same rows, the same refusals.

Real journal files, the installed ``exback``, and Journal.open as the reference.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import Connections, journal_at, new_journal

from exback_tui.core.readiness import assess
from exback_tui.core.week_review import WEEK_START_SETTING
from exback_tui.store import crypto, database
from exback_tui.store.backup import backups_dir, daily_backups
from exback_tui.store.checkin_write import UNSET
from exback_tui.store.demo import build_demo
from exback_tui.store.errors import (
    InvalidInput,
    JournalLocked,
    JournalUnwritable,
    PassphraseNeeded,
    WrongPassphrase,
)
from exback_tui.store.journal import Journal
from exback_tui.store.quick_journal import QuickJournal
from exback_tui.store.week_read import first_day_of_week, read_week_review

RunExback = Callable[..., subprocess.CompletedProcess[str]]
PASSPHRASE = "a quick 'one\""
HEAVY = ("sqlalchemy", "alembic", "textual")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row a check-in touches, with its times reduced to their stored form."""
    con = sqlite3.connect(path)
    try:
        checkins = [
            (*row[:5], _time_form(row[5]), _time_form(row[6]), row[7])
            for row in con.execute(
                "SELECT id, day, mood, urge, note, created_at, updated_at, utc_offset_min "
                "FROM checkin ORDER BY id"
            )
        ]
        return {
            "checkin": checkins,
            "habit_mark": con.execute(
                "SELECT habit_id, day FROM habit_mark ORDER BY day, habit_id"
            ).fetchall(),
            "search_index": con.execute(
                "SELECT rowid, body, source, ref, day FROM search_index ORDER BY rowid"
            ).fetchall(),
        }
    finally:
        con.close()


def _time_form(value: str) -> str:
    """'2026-11-23 19:37:00.000000' -> '9999-99-99 99:99:99.999999' (SQLAlchemy's format)."""
    return "".join("9" if ch.isdigit() else ch for ch in value)


def modules_after_main(*argv: str, env: dict[str, str] | None = None) -> set[str]:
    """Top-level modules loaded by ``exback ARGV`` in a fresh interpreter (which must exit 0)."""
    code = (
        "import sys\n"
        "from exback_tui.cli import main\n"
        f"code = main({list(argv)!r})\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
        "sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


@pytest.fixture
def current(journal_path: Path, today: date) -> Path:
    """A journal at the current revision with a check-in and an entry in it."""
    with Journal.open(new_journal(journal_path)) as j:
        j.record_checkin(today - timedelta(days=1), mood=5, note="a walk by the river")
        j.add_entry("walked home the long way")
    return journal_path


# -- no SQLAlchemy ---------------------------------------------------------------------------


def test_checkin_and_search_on_a_current_journal_load_no_sqlalchemy(
    current: Path, today: date
) -> None:
    db = str(current)
    loaded = modules_after_main("--db", db, "checkin", "--mood", "6", "--habit", "friends")
    assert "exback_tui" in loaded
    assert not loaded & set(HEAVY), loaded & set(HEAVY)
    loaded = modules_after_main("--db", db, "search", "walk")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)
    with Journal.open(current) as j:
        saved = j.checkin(today)
    assert saved is not None and saved.mood == 6 and saved.habits == {"friends"}


@pytest.mark.usefixtures("real_key_derivation")  # handed to a new interpreter
def test_an_encrypted_journal_is_also_written_without_sqlalchemy(
    current: Path, tmp_path: Path, today: date
) -> None:
    crypto.encrypt_journal(current, PASSPHRASE)
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE + "\n")
    secret.chmod(0o600)
    env = {"EXBACK_PASSPHRASE_FILE": str(secret)}
    loaded = modules_after_main("--db", str(current), "checkin", "--mood", "7", env=env)
    assert not loaded & set(HEAVY), loaded & set(HEAVY)
    with Journal.open(current, passphrase=PASSPHRASE) as j:
        saved = j.checkin(today)
        assert saved is not None and saved.mood == 7
    assert not current.read_bytes().startswith(database.SQLITE_MAGIC)


def test_what_needs_more_than_the_work_asked_takes_the_full_open(
    journal_path: Path, tmp_path: Path
) -> None:
    assert QuickJournal.open(journal_path) is None  # a new journal: Journal.open creates it
    text = tmp_path / "notes.db"
    text.write_text("not a journal\n")
    assert QuickJournal.open(text) is None  # Journal.open refuses it in its own words
    Journal.open(journal_path).close()
    quick = QuickJournal.open(journal_path)
    assert quick is not None
    quick.close()


def test_a_journal_due_a_migration_is_upgraded_then_saved(
    run_exback: RunExback, journal_path: Path, today: date
) -> None:
    journal_at(journal_path, database.REVISIONS[-2])
    assert QuickJournal.open(journal_path) is None
    result = run_exback("checkin", "--mood", "6")
    assert result.returncode == 0, result.stderr
    assert database.inspect(journal_path).revision == database.HEAD
    with Journal.open(journal_path) as j:
        assert j.checkin(today) is not None


def test_refusals_are_word_for_word_the_journals(current: Path, today: date) -> None:
    bad: list[dict[str, Any]] = [
        {"day": today, "mood": 0},
        {"day": today, "urge": 11},
        {"day": today + timedelta(days=1), "mood": 5},
        {"day": today, "mood": 5, "habits": ["friends", "Yoga"]},
        {"day": today, "note": "x" * 1_000_001},
    ]
    said = []
    with Journal.open(current) as j:
        for kwargs in bad:
            with pytest.raises(InvalidInput) as caught:
                j.record_checkin(**kwargs)
            said.append(str(caught.value))
    before = digest(current)
    quick = QuickJournal.open(current)
    assert quick is not None
    with quick:
        for kwargs, sentence in zip(bad, said, strict=True):
            with pytest.raises(InvalidInput) as caught:
                quick.record_checkin(**kwargs)
            assert str(caught.value) == sentence
    assert digest(current) == before
    assert "Your habits: friends, exercise, sleep, something for me." in said[3]


# -- the same rows ---------------------------------------------------------------------------


def steps(today: date) -> list[dict[str, Any]]:
    """Check-ins, each written over the last, around ``today``."""
    return [
        {
            "day": today,
            "mood": 6,
            "urge": 3,
            "habits": ["friends", "EXERCISE "],
            "note": "Long walk\x1b[31m, felt\r\nlighter.",
        },
        {"day": today, "mood": 7, "habits": ["über"], "add_habits": True},  # added to
        {"day": today, "habits": ["friends"]},  # replaced
        {"day": today, "urge": None, "note": ""},
        {"day": today - timedelta(days=2), "note": "only a note"},
        {"day": today - timedelta(days=2), "mood": None, "habits": [], "add_habits": False},
        {"day": today - timedelta(days=3), "habits": ["exercise", "friends"], "add_habits": True},
        {"day": today - timedelta(days=3), "mood": 2, "note": "rain all day"},
    ]


def test_the_quick_write_stores_exactly_what_the_journal_stores(
    tmp_path: Path, today: date
) -> None:
    paths = [tmp_path / "journal" / "journal.db", tmp_path / "quick" / "journal.db"]
    for path in paths:
        with Journal.open(path) as j:
            j.add_habit("Über")
            j.archive_habit("sleep")
    with Journal.open(paths[0]) as journal:
        by_journal = [journal.record_checkin(**step) for step in steps(today)]
    quick = QuickJournal.open(paths[1])
    assert quick is not None
    with quick:
        by_quick = [quick.record_checkin(**step) for step in steps(today)]
    assert by_quick == by_journal
    assert [s.created for s in by_quick] == [True, False, False, False, True, False, True, False]
    assert dump(paths[1]) == dump(paths[0])
    assert dump(paths[0])["search_index"]  # the notes reached the index, through the triggers


def test_the_quick_search_finds_what_the_journal_finds(current: Path) -> None:
    with Journal.open(current) as j:
        j.add_entry("🌧 and c++ and it's fine", tags=["odd"])
        queries = [("walk", False), ("walk OR river", True), ("🌧", False), ("it's", False)]
        expected = [j.search(q, limit=5, advanced=a) for q, a in queries]
    quick = QuickJournal.open(current)
    assert quick is not None
    with quick:
        assert [quick.search(q, limit=5, advanced=a) for q, a in queries] == expected
        with pytest.raises(InvalidInput, match="That search could not be understood"):
            quick.search("walk AND", advanced=True)


def test_the_quick_snapshot_is_the_journals_and_writes_the_history_cache(
    journal_path: Path, today: date
) -> None:
    """`exback status` reads through the quick journal: the same snapshot as the Journal's,
    and a stale history cache is written afresh, as Journal.snapshot does."""
    with Journal.open(journal_path) as j:
        build_demo(j, 900, seed=3, today=today)  # older than the cache's window
        j.record_checkin(today - timedelta(days=700), mood=9)  # a day the cache covers: stale
    quick = QuickJournal.open(journal_path)
    assert quick is not None
    with quick:
        first = quick.snapshot(today)
        assert first.history is None  # stale: every day read
        second = quick.snapshot(today)
    assert second.history is not None  # the cache written by the first
    with Journal.open(journal_path) as j:
        assert j.snapshot(today) == second
    assert assess(first) == assess(second)


def test_status_on_a_current_journal_loads_no_sqlalchemy(current: Path) -> None:
    loaded = modules_after_main("--db", str(current), "status")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)
    loaded = modules_after_main("--db", str(current), "status", "--json")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_the_week_reads_the_same_through_both_journals(journal_path: Path, today: date) -> None:
    """`exback week` reads through the quick journal and the app through the Journal: the same
    review, for last week and for a week behind the history cache."""
    with Journal.open(journal_path) as j:
        build_demo(j, 900, seed=5, today=today)
        j.set_setting(WEEK_START_SETTING, "sunday")
        j.log_urge(7, at=datetime.now().astimezone() - timedelta(days=5))
    for start in (today - timedelta(days=7), today - timedelta(days=600)):
        quick = QuickJournal.open(journal_path)
        assert quick is not None
        with quick:
            fast = read_week_review(quick, start, today)
            first = first_day_of_week(quick)
        with Journal.open(journal_path) as j:
            assert read_week_review(j, start, today) == fast
            assert first_day_of_week(j) == first == 6
        assert fast.days_checked_in > 0  # a week with days in it, not two empty reviews
        assert fast.urge_pauses == (1 if start == today - timedelta(days=7) else 0)
    loaded = modules_after_main("--db", str(journal_path), "week")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_showing_the_phase_loads_no_sqlalchemy_and_moving_still_writes(current: Path) -> None:
    """`exback phase`, `exback journey` and `exback habits` without changes only look, so they
    take the quick path (0.3 s, not 1.2 s); a move still goes through the Journal's checks and
    lands."""
    for look in (["phase"], ["journey"], ["habits"]):
        loaded = modules_after_main("--db", str(current), *look)
        assert not loaded & set(HEAVY), (look, loaded & set(HEAVY))
    loaded = modules_after_main("--db", str(current), "phase", "2", "--force", "--reason", "ok")
    assert "sqlalchemy" in loaded
    with Journal.open(current) as j:
        assert j.snapshot(date.today()).phase == 2


# -- the guarantees of the full open ---------------------------------------------------------


def test_the_quick_open_keeps_the_daily_backup_and_the_pragmas(
    current: Path, connections: Connections
) -> None:
    for old in daily_backups(backups_dir(current)):
        old.unlink()
    current.chmod(0o644)
    before = len(connections.opened)
    quick = QuickJournal.open(current)
    assert quick is not None
    with quick:
        [con] = connections.opened[before:]  # one connection, set up as the engine's are
        assert con.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert con.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert con.execute("PRAGMA busy_timeout").fetchone()[0] == database.BUSY_TIMEOUT_MS
    made = daily_backups(backups_dir(current))
    assert len(made) == 1 and made[0].stat().st_mode & 0o777 == 0o600
    assert database.inspect(made[0]).revision == database.HEAD
    assert current.stat().st_mode & 0o777 == 0o600


def test_a_locked_journal_is_one_sentence_and_loses_nothing(
    current: Path, monkeypatch: pytest.MonkeyPatch, today: date
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 100)
    quick = QuickJournal.open(current)
    assert quick is not None
    other = sqlite3.connect(current, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with quick, pytest.raises(JournalLocked, match="busy in another program; nothing was"):
            quick.record_checkin(today, mood=9)
    finally:
        other.close()
    with Journal.open(current) as j:
        assert j.checkin(today) is None
        assert len(j.checkins()) == 1


def test_a_full_disk_is_one_sentence_and_harms_nothing(
    current: Path, today: date, connections: Connections
) -> None:
    quick = QuickJournal.open(current)
    assert quick is not None
    with quick:
        connections.fill_the_disk()
        with pytest.raises(JournalUnwritable, match="The disk is full; nothing was saved"):
            quick.record_checkin(today, mood=3, note="x" * 100_000)
        saved = quick.record_checkin(today - timedelta(days=1), urge=2)  # still usable
    assert saved.checkin.note == "a walk by the river"
    with Journal.open(current) as j:
        assert j.integrity_ok()
        assert j.checkin(today) is None


def test_an_encrypted_journal_needs_its_passphrase(current: Path, today: date) -> None:
    crypto.encrypt_journal(current, PASSPHRASE)
    before = digest(current)
    with pytest.raises(PassphraseNeeded):
        QuickJournal.open(current)
    with pytest.raises(WrongPassphrase):
        QuickJournal.open(current, passphrase="not it")
    assert digest(current) == before
    for plain in daily_backups(backups_dir(current)):
        plain.unlink()  # made before it was encrypted
    quick = QuickJournal.open(current, passphrase=PASSPHRASE)
    assert quick is not None
    with quick:
        quick.record_checkin(today, mood=4, habits=UNSET)
    backup = daily_backups(backups_dir(current))[-1]
    assert not backup.read_bytes().startswith(database.SQLITE_MAGIC)  # encrypted too
    assert database.inspect(backup, PASSPHRASE).revision == database.HEAD


# -- bad input through the quick path --------------------------------------------------------


def test_bad_input_is_one_sentence_a_failure_and_no_change(
    run_exback: RunExback, current: Path, tmp_path: Path, today: date
) -> None:
    run_exback("search", "walk")  # today's backup made, so later runs touch nothing at all
    before = digest(current)
    future = (today + timedelta(days=1)).isoformat()
    cases = [
        (("checkin", "--mood", "11"), "Mood must be a whole number from 1 to 10, not 11."),
        (("checkin", "--urge", "-3"), "Urge must be a whole number from 0 to 10"),
        (
            ("checkin", "--habit", "yoga"),
            "There is no habit called 'yoga'. Your habits: friends, exercise, sleep, "
            "something for me.",
        ),
        (
            ("checkin", "--date", future, "--mood", "5"),
            f"The date {future} is in the future; pick today or earlier.",
        ),
        (("checkin",), "Give at least one of --mood, --urge, --habit or --note."),
        (("search", "--advanced", "walk AND"), "That search could not be understood"),
    ]
    for argv, sentence in cases:
        result = run_exback(*argv)
        assert result.returncode != 0, argv
        assert result.stderr.startswith("exback: ") and sentence in result.stderr, argv
        assert "Traceback" not in result.stderr
    assert digest(current) == before


def test_wrong_files_are_refused_untouched(run_exback: RunExback, tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("not a journal\n")
    newer = tmp_path / "newer.db"
    Journal.open(newer).close()
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '29990101_01'")
    con.commit()
    con.close()
    for path, sentence in (
        (other, "is not an exback journal"),
        (newer, "written by a newer version of exback"),
    ):
        before = digest(path)
        for argv in (("checkin", "--mood", "5"), ("search", "walk")):
            result = run_exback(*argv, db=path)
            assert result.returncode == 1
            assert sentence in result.stderr and result.stderr.count("\n") == 1
            assert digest(path) == before


def test_a_wrong_passphrase_file_is_refused_untouched(
    run_exback: RunExback, current: Path, tmp_path: Path
) -> None:
    crypto.encrypt_journal(current, PASSPHRASE)
    run_exback("search", "walk", env={"EXBACK_PASSPHRASE_FILE": _secret(tmp_path, PASSPHRASE)})
    before = digest(current)
    wrong = {"EXBACK_PASSPHRASE_FILE": _secret(tmp_path, "not it", "wrong")}
    for argv in (("checkin", "--mood", "5"), ("search", "walk")):
        result = run_exback(*argv, env=wrong)
        assert result.returncode == 1
        assert result.stderr == (
            f"exback: Wrong passphrase, or the file is damaged; {current} was left untouched.\n"
        )
    assert digest(current) == before


def _secret(tmp_path: Path, text: str, name: str = "passphrase") -> str:
    path = tmp_path / name
    path.write_text(text + "\n")
    path.chmod(0o600)
    return str(path)
