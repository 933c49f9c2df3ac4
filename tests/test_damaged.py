"""Damaged, unwritable and full journals: never written to, a copy kept, a way back offered.

Real files damaged the ways disks damage them, a real read-only file and folder (without
root's power to write through file modes when the tests run as root), and a real
"disk full" from SQLite's max_page_count.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import new_journal
from sqlalchemy import Engine, event

from exback_tui.store.errors import (
    JournalDamaged,
    JournalUnwritable,
    NotAJournal,
)
from exback_tui.store.integrity import damaged_copies
from exback_tui.store.journal import Journal

RunExback = Callable[..., subprocess.CompletedProcess[str]]
PAGE = 4096


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fill(path: Path, today: date, days: int = 200) -> Path:
    """A journal with a few hundred rows over many pages, and a backup of it; returns the backup."""
    began = today - timedelta(days=days)
    with Journal.open(new_journal(path, began), today=began) as j:
        for i in range(days):
            day = today - timedelta(days=i)
            j.record_checkin(day, mood=1 + i % 10, urge=i % 11, note=f"day {i} " + "words " * 30)
            j.add_entry(f"entry {i} " + "lorem ipsum " * 40, day=day)
        return j.backup()


def quick_check(path: Path) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        con.close()


def test_a_truncated_journal_is_kept_aside_left_as_is_and_restorable(
    journal_path: Path, run_exback: RunExback, today: date
) -> None:
    backup = fill(journal_path, today)
    os.truncate(journal_path, journal_path.stat().st_size // 2)
    before = digest(journal_path)
    with pytest.raises(JournalDamaged) as caught:
        Journal.open(journal_path)
    message = str(caught.value)
    assert f"{journal_path} is damaged; a copy was kept at" in message
    assert f"restore {backup}" in message
    copy = caught.value.damage.copy  # type: ignore[union-attr]
    assert copy is not None and digest(copy) == before
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert digest(journal_path) == before
    with pytest.raises(JournalDamaged):
        Journal.open(journal_path)
    assert damaged_copies(journal_path) == [copy]  # the same damage is not copied twice

    cli = run_exback("status")
    assert cli.returncode == 1 and "is damaged" in cli.stderr and "Traceback" not in cli.stderr
    restored = run_exback("restore", "--yes", str(backup))
    assert restored.returncode == 0, restored.stderr
    with Journal.open(journal_path) as j:
        assert j.integrity_ok()
        assert len(j.checkins()) == 200


def test_random_bytes_in_a_page_open_read_only_and_refuse_every_write(
    journal_path: Path, run_exback: RunExback, today: date
) -> None:
    backup = fill(journal_path, today)
    pages = journal_path.stat().st_size // PAGE
    pristine = journal_path.read_bytes()
    # A page in the middle, overwritten with noise; the quick check must notice (it reads
    # every b-tree page), which is asserted before anything else relies on it.
    for page in range(pages // 2, pages):
        noisy = bytearray(pristine)
        noisy[page * PAGE : page * PAGE + 200] = os.urandom(200)
        journal_path.write_bytes(bytes(noisy))
        if quick_check(journal_path) != ["ok"]:
            break
    else:
        pytest.fail("no page's damage was visible to the quick check")
    before = digest(journal_path)

    with Journal.open(journal_path) as j:
        assert j.read_only and j.damage is not None
        assert "It was opened read-only" in j.read_only_reason
        assert f"restore {backup}" in j.read_only_reason
        assert [h.name for h in j.habits()]  # what can be read still reads
        with pytest.raises(JournalUnwritable, match="Nothing was saved"):
            j.record_checkin(today, mood=5)
        with pytest.raises(JournalUnwritable, match="Nothing was saved"):
            j.add_entry("one more")
    assert digest(journal_path) == before

    status = run_exback("habits")
    assert status.returncode == 0, status.stderr
    assert "is damaged" in status.stderr
    write = run_exback("checkin", "--mood", "5")
    assert write.returncode == 1 and "Nothing was saved" in write.stderr
    assert digest(journal_path) == before
    assert len(damaged_copies(journal_path)) == 1


def test_a_zero_byte_journal_is_refused_untouched_and_points_to_the_backup(
    journal_path: Path, run_exback: RunExback, today: date
) -> None:
    backup = fill(journal_path, today, days=20)
    journal_path.write_bytes(b"")
    with pytest.raises(NotAJournal, match="empty file") as caught:
        Journal.open(journal_path)
    assert f"restore {backup}" in str(caught.value)
    assert journal_path.stat().st_size == 0
    restored = run_exback("restore", "--yes", str(backup))
    assert restored.returncode == 0, restored.stderr
    with Journal.open(journal_path) as j:
        assert len(j.checkins()) == 20


def test_a_sqlite_file_with_an_overwritten_header_is_damaged_not_encrypted(
    journal_path: Path,
    today: date,
) -> None:
    fill(journal_path, today, days=5)
    data = bytearray(journal_path.read_bytes())
    data[:16] = b"\x00" * 16
    journal_path.write_bytes(bytes(data))
    with pytest.raises(JournalDamaged, match="is damaged; a copy was kept"):
        Journal.open(journal_path)
    assert journal_path.read_bytes() == bytes(data)


# -- unwritable ------------------------------------------------------------------------------

READ_ONLY_PROBE = textwrap.dedent(
    """
    import sys
    from datetime import date
    from exback_tui.store.errors import JournalUnwritable
    from exback_tui.store.journal import Journal

    with Journal.open(sys.argv[1]) as j:
        print("read_only", j.read_only)
        print("reason", j.read_only_reason)
        print("checkins", len(j.checkins()))
        try:
            j.record_checkin(date.today(), mood=2)
        except JournalUnwritable as exc:
            print("refused", exc)
    """
)


# What lets root write through any file mode. Without them root is an ordinary owner, who
# can't write a 0400 file or create a file in a 0555 folder. Dropping them (instead of becoming
# another user) keeps the checkout, the interpreter and the packages readable wherever they
# live, a 0700 home or temp folder included.
OVERRIDES = "-dac_override,-dac_read_search,-fowner,-linux_immutable"


def without_overrides(argv: list[str]) -> list[str]:
    """``argv`` run without root's power to ignore file modes (as is, for any other user)."""
    if os.geteuid() != 0:
        return argv
    return ["setpriv", f"--inh-caps={OVERRIDES}", f"--bounding-set={OVERRIDES}", *argv]


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_journal_that_cannot_be_written_opens_read_only_with_a_reason(
    tmp_path: Path, what: str, today: date
) -> None:
    folder = tmp_path / "data"
    path = folder / "journal.db"
    fill(path, today, days=10)
    shutil.rmtree(folder / "backups")
    if what == "file":
        path.chmod(0o400)
    else:
        folder.chmod(0o555)
    try:
        before = digest(path)
        env = {**os.environ, "HOME": str(tmp_path)}
        probe = subprocess.run(
            without_overrides([sys.executable, "-c", READ_ONLY_PROBE, str(path)]),
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert probe.returncode == 0, probe.stderr
        lines = dict(line.split(" ", 1) for line in probe.stdout.splitlines())
        assert lines["read_only"] == "True"
        expected = "write to the file" if what == "file" else "write in its folder"
        assert expected in lines["reason"]
        assert lines["checkins"] == "10"
        assert lines["refused"].startswith("Nothing was saved.")
        cli = subprocess.run(
            without_overrides(
                [sys.executable, "-m", "exback_tui", "--db", str(path), "checkin", "--mood", "3"]
            ),
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert cli.returncode == 1
        assert "open read-only" in cli.stderr and "Traceback" not in cli.stderr
        assert digest(path) == before
        assert not (folder / "backups").exists()  # a read-only journal writes no backup
    finally:
        folder.chmod(0o700)  # so that pytest can clean up as any user


def test_read_only_on_request(journal_path: Path, today: date) -> None:
    fill(journal_path, today, days=3)
    before = digest(journal_path)
    with Journal.open(journal_path, read_only=True) as j:
        assert j.read_only and "as asked" in j.read_only_reason
        assert len(j.checkins()) == 3
        with pytest.raises(JournalUnwritable):
            j.set_setting("theme", "dark")
    assert digest(journal_path) == before


# -- disk full -------------------------------------------------------------------------------


@contextmanager
def small_disk() -> Iterator[None]:
    """A disk with room for two more pages, for every SQLAlchemy connection opened inside."""

    def limit(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 2}")

    event.listen(Engine, "connect", limit)
    try:
        yield
    finally:
        event.remove(Engine, "connect", limit)


def test_a_full_disk_saves_nothing_and_harms_nothing(journal_path: Path, today: date) -> None:
    fill(journal_path, today, days=30)
    with Journal.open(journal_path) as j:
        before_counts, before_entries = j.counts(), j.entries()
    with small_disk(), Journal.open(journal_path) as j:
        with pytest.raises(JournalUnwritable, match="The disk is full; nothing was saved"):
            j.add_entry("a long entry " * 20_000)
        with pytest.raises(JournalUnwritable, match="disk is full"):
            j.record_checkin(today, mood=3, note="x" * 100_000)
        assert j.counts() == before_counts  # still readable, still consistent
    with Journal.open(journal_path) as j:
        assert j.integrity_ok()
        assert j.counts() == before_counts
        assert j.entries() == before_entries


# -- one odd row -----------------------------------------------------------------------------


def test_one_malformed_row_never_breaks_a_whole_list(
    journal_path: Path, run_exback: RunExback, today: date
) -> None:
    with Journal.open(journal_path, today=today - timedelta(days=10)) as j:
        for i in range(3):
            j.log_contact(medium="text", initiated_by="me", when=None, note=f"contact {i}")
            j.record_checkin(today - timedelta(days=i), mood=5 + i)
            j.add_entry(f"entry {i}")
    con = sqlite3.connect(journal_path)
    con.execute("PRAGMA ignore_check_constraints = 1")  # as a hand edit or another tool would
    con.execute("UPDATE contact SET medium = 'carrier pigeon' WHERE note = 'contact 1'")
    con.execute("UPDATE checkin SET mood = 42 WHERE day = ?", (today.isoformat(),))
    con.execute("UPDATE entry SET kind = 'poem' WHERE text = 'entry 2'")
    con.execute("UPDATE journey SET how = 'mystery'")
    con.commit()
    con.close()
    with Journal.open(journal_path) as j:
        assert sorted(c.note for c in j.contacts()) == ["contact 0", "contact 2"]
        assert sorted(e.text for e in j.entries()) == ["entry 0", "entry 1"]
        snapshot = j.snapshot()
        assert len(snapshot.contacts) == 2
        # A mood out of range reads as not given; the day's other values stay.
        assert [c.mood for c in snapshot.checkins] == [7, 6, None]
        assert snapshot.journey.how is None
    status = run_exback("status")
    assert status.returncode == 0, status.stderr


def test_a_malformed_date_leaves_out_its_row_only(journal_path: Path, today: date) -> None:
    with Journal.open(journal_path, today=today - timedelta(days=10)) as j:
        for i in range(3):
            j.record_checkin(today - timedelta(days=i), mood=5, habits=["sleep"])
            j.add_entry(f"entry {i}", day=today - timedelta(days=i))
            j.log_contact(medium="call", initiated_by="them", note=f"contact {i}")
    con = sqlite3.connect(journal_path)
    con.execute("UPDATE checkin SET day = '2026-02-30' WHERE id = 1")
    con.execute("UPDATE habit_mark SET day = 'someday' WHERE rowid = 1")
    con.execute("UPDATE entry SET created_at = 'yesterday-ish' WHERE text = 'entry 1'")
    con.execute("UPDATE contact SET at = 'not a time' WHERE note = 'contact 0'")
    con.commit()
    con.close()
    with Journal.open(journal_path) as j:
        assert len(j.checkins()) == 2
        assert sorted(e.text for e in j.entries()) == ["entry 0", "entry 2"]
        assert sorted(c.note for c in j.snapshot().contacts) == ["contact 1", "contact 2"]
