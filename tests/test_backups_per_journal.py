"""Backups belong to one journal: two journals in one folder never share, mix or delete theirs.

Issue 13, items 5, 6 and restore's litter (14). Real journals side by side in one folder, driven
through the installed ``exback``: each gets its own daily backup and rotation, restore lists
and the damage advice names only the journal's own, another journal's backup is restored only
after a warning and a yes, encrypt's clean-up deletes only its own plaintext copies, an
encrypted journal is replaced only with its current passphrase, and restore's checks leave
nothing beside the file they look at.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from warm_exback import run_warm

from exback_tui.store import copies, crypto, database
from exback_tui.store.backup import (
    DAILY_LABEL,
    KEEP_DAILY,
    backup_file_name,
    backups_dir,
    daily_backups,
)
from exback_tui.store.journal import Journal

EXBACK = str(Path(sys.executable).with_name("exback"))
FIRST = "the first passphrase, long enough"
SECOND = "the second passphrase, long enough"


def exback(
    db: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed command on the journal ``db``, with no terminal to ask at."""
    full = {**os.environ, "HOME": str(db.parent / "home"), "COLUMNS": "200", "EXBACK_DB": str(db)}
    full.pop("EXBACK_PASSPHRASE_FILE", None)
    full.update(env or {})
    done: subprocess.CompletedProcess[str] = run_warm(args, env=full, timeout=120)
    return done


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def plain_rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def journal_id(path: Path) -> str:
    """The id a plaintext journal (or backup) records in its settings."""
    found = plain_rows(path, "SELECT value FROM setting WHERE key = 'journal_id'")
    assert found, f"{path.name} records no journal id"
    return str(found[0][0])


def secret(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text + "\n")
    path.chmod(0o600)
    return path


def _two_journals(where: Path) -> None:
    """Make a.db and b.db in ``where`` through the installed command: a check-in creates each,
    and the second command of the day, an entry, makes its daily backup."""
    where.mkdir(mode=0o700)
    for name, words in (("a", "alpha words"), ("b", "bravo words")):
        db = where / f"{name}.db"
        ok(exback(db, "checkin", "--mood", "5", "--note", words))
        ok(exback(db, "entry", f"{words} in an entry"))


@pytest.fixture(scope="module")
def built() -> dict[date, Path]:
    """The two-journal folder, made once a day per module (daily backups are named by day)."""
    return {}


@pytest.fixture
def folder(
    tmp_path: Path, built: dict[date, Path], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """One folder with two journals in it, a.db and b.db, each with a few days written and
    one daily backup (the second command of the day makes it). Every test gets its own copy
    of a folder made once today by :func:`_two_journals`."""
    day = date.today()
    if day not in built:
        template = tmp_path_factory.mktemp("two-journals") / "shared"
        _two_journals(template)
        built[day] = template
    where = tmp_path / "shared"
    shutil.copytree(built[day], where, symlinks=True)
    return where


def backed_up(journal: Path) -> None:
    """A backup of the plaintext ``journal``, made in-process as "exback backup" makes it."""
    with Journal.open(journal) as opened:
        opened.backup()


def named_for(journal: Path) -> list[Path]:
    """The files in the backups folder whose names say they are ``journal``'s."""
    prefix = f"{journal.stem}-{journal_id(journal)}-"
    return sorted(p for p in backups_dir(journal).iterdir() if p.name.startswith(prefix))


# -- the daily backup and its rotation --------------------------------------------------------


def test_two_journals_in_one_folder_each_get_their_own_daily_backup(folder: Path) -> None:
    a, b = folder / "a.db", folder / "b.db"
    for journal in (a, b):
        ok(exback(journal, "status"))  # another open the same day: no second daily
        dailies = daily_backups(backups_dir(journal), journal_id(journal))
        assert len(dailies) == 1, [p.name for p in backups_dir(journal).iterdir()]
        assert dailies[0].name.startswith(f"{journal.stem}-{journal_id(journal)}-")
        # The backup records which journal it came from, inside the copy itself.
        assert journal_id(dailies[0]) == journal_id(journal)
    assert journal_id(a) != journal_id(b)
    assert len(daily_backups(backups_dir(a))) == 2  # the folder holds one daily each


def test_the_rotation_keeps_fourteen_per_journal(folder: Path, today: date) -> None:
    a, b = folder / "a.db", folder / "b.db"
    backups = backups_dir(a)
    for journal in (a, b):
        (today_s,) = daily_backups(backups, journal_id(journal))
        for n in range(1, 21):  # twenty older dailies each, as twenty days of use leave them
            when = datetime.combine(today - timedelta(days=n), time(8))
            name = backup_file_name(journal, journal_id(journal), DAILY_LABEL, when)
            shutil.copy(today_s, backups / name)
        today_s.unlink()  # so that the next open makes today's
    b_before = {p.name: digest(p) for p in daily_backups(backups, journal_id(b))}

    ok(exback(a, "status"))
    kept_a = daily_backups(backups, journal_id(a))
    assert len(kept_a) == KEEP_DAILY
    assert kept_a[-1].name.startswith(f"a-{journal_id(a)}-{today.isoformat()}")
    # b's twenty-one dailies are b's to rotate: not one was touched by a's open.
    assert {p.name: digest(p) for p in daily_backups(backups, journal_id(b))} == b_before

    ok(exback(b, "status"))
    assert len(daily_backups(backups, journal_id(b))) == KEEP_DAILY
    assert len(daily_backups(backups, journal_id(a))) == KEEP_DAILY


def test_older_backups_without_an_id_are_named_for_the_journal_they_copy(
    tmp_path: Path, today: date
) -> None:
    where = tmp_path / "older"
    backups = where / "backups"
    backups.mkdir(parents=True, mode=0o700)
    older: dict[str, Path] = {}
    for name in ("a", "b"):
        db = where / f"{name}.db"
        with Journal.open(db) as journal:  # a new journal records no id until its first backup
            journal.add_entry(f"{name} before ids existed")
        # What an exback from before ids left: "journal-<time>-daily.db", whoever's it was.
        older[name] = backups / f"journal-2025-01-0{1 if name == 'a' else 2}-080000-daily.db"
        shutil.copy(db, older[name])
    ok(exback(where / "a.db", "status"))
    a_named = named_for(where / "a.db")
    assert any(p.name.endswith("2025-01-01-080000-daily.db") for p in a_named)
    assert not older["a"].exists()
    assert older["b"].exists(), "b's older backup is not a's to rename"
    ok(exback(where / "b.db", "status"))
    assert any(p.name.endswith("2025-01-02-080000-daily.db") for p in named_for(where / "b.db"))


def test_a_journal_filled_from_an_export_keeps_an_id_of_its_own(folder: Path) -> None:
    a, c = folder / "a.db", folder / "c.db"
    exported = folder / "a.json"
    ok(exback(a, "export", "--format", "json", "--output", str(exported)))
    assert "journal_id" not in exported.read_text()
    ok(exback(c, "import", str(exported)))
    ok(exback(c, "backup"))
    assert journal_id(c) != journal_id(a)
    assert named_for(c) and not set(named_for(c)) & set(named_for(a))


# -- encrypt's clean-up -----------------------------------------------------------------------


def test_encrypt_yes_on_one_journal_leaves_the_others_backups_intact(
    folder: Path, tmp_path: Path
) -> None:
    a, b = folder / "a.db", folder / "b.db"
    backed_up(b)
    b_backups = {p.name: digest(p) for p in named_for(b)}
    assert len(b_backups) == 2
    env = {"EXBACK_PASSPHRASE_FILE": str(secret(tmp_path, "pass", FIRST))}
    done = ok(exback(a, "encrypt", "--yes", env=env))
    assert "Deleted" in done.stdout
    assert copies.plaintext_copies(a) == []
    assert {p.name: digest(p) for p in named_for(b)} == b_backups
    for left in backups_dir(a).iterdir():
        if left.name.startswith("a-"):  # a's own: encrypted, every one of them
            assert not left.read_bytes().startswith(database.SQLITE_MAGIC), left.name


# -- restore: what it offers, and whose --------------------------------------------------------


def test_restore_lists_only_this_journals_backups(folder: Path) -> None:
    a, b = folder / "a.db", folder / "b.db"
    backed_up(a)
    listed = ok(exback(a, "restore")).stdout
    for own in named_for(a):
        assert str(own) in listed
    for other in named_for(b):
        assert str(other) not in listed
    assert "1 backup of other journals" in listed
    assert f"restore {named_for(a)[-1]}" in " ".join(listed.split())


def test_restoring_another_journals_backup_warns_and_needs_a_yes(folder: Path) -> None:
    a, b = folder / "a.db", folder / "b.db"
    a_id = journal_id(a)
    (b_daily,) = named_for(b)
    renamed = folder / "keep-this.db"  # a backup renamed by hand still says whose it is
    shutil.copy(b_daily, renamed)
    before = digest(a)
    for candidate in (b_daily, renamed):
        refused = exback(a, "restore", str(candidate))
        assert refused.returncode == 1
        warned = " ".join(refused.stderr.split())
        assert "is a backup of another journal" in warned and "Traceback" not in warned
        assert "add --yes" in warned
        assert digest(a) == before

    done = ok(exback(a, "restore", "--yes", str(b_daily)))
    assert "is a backup of another journal (b)" in " ".join(done.stderr.split())
    assert "Restored" in done.stdout
    # b's daily was made on b's second open, before its entry: b's check-in came with it.
    assert plain_rows(a, "SELECT note FROM checkin") == [("bravo words",)]
    # a is still a: its id stays, so its next backups are named for it, not for b.
    assert journal_id(a) == a_id
    made = ok(exback(a, "backup")).stdout
    assert f"a-{a_id}-" in made


def test_restoring_its_own_backup_asks_nothing_more(folder: Path) -> None:
    a = folder / "a.db"
    (own,) = named_for(a)
    done = ok(exback(a, "restore", "--yes", str(own)))
    assert "warning" not in done.stderr
    assert "Restored" in done.stdout


def test_the_damage_advice_names_only_this_journals_backup(folder: Path) -> None:
    a, b = folder / "a.db", folder / "b.db"
    (a_daily,) = named_for(a)
    backed_up(b)  # b's is the newest backup in the folder
    os.truncate(a, a.stat().st_size // 2)
    status = exback(a, "status")
    said = " ".join(status.stderr.split())
    assert "is damaged" in said and "Traceback" not in said
    assert f"restore {a_daily}" in said
    assert not any(str(p) in said for p in named_for(b))


# -- restore over an encrypted journal ---------------------------------------------------------


def test_restore_over_an_encrypted_journal_needs_its_current_passphrase(
    folder: Path, tmp_path: Path
) -> None:
    a = folder / "a.db"
    first = secret(tmp_path, "first", FIRST)
    second = secret(tmp_path, "second", SECOND)
    with_first = {"EXBACK_PASSPHRASE_FILE": str(first)}
    with_second = {"EXBACK_PASSPHRASE_FILE": str(second)}
    crypto.encrypt_journal(a, FIRST, delete_plaintext=True)  # as "encrypt --yes" does
    made = ok(exback(a, "backup", str(folder / "under-first.db"), env=with_first))
    assert "Backed up" in made.stdout
    old = folder / "under-first.db"
    crypto.rekey_journal(a, FIRST, SECOND)  # as "rekey" does
    with Journal.open(a, passphrase=SECOND) as journal:
        journal.add_entry("written under the second passphrase")
    before = digest(a)

    nobody = exback(a, "restore", "--yes", str(old))  # no terminal, no passphrase file
    assert nobody.returncode == 1 and "Traceback" not in nobody.stderr
    assert "passphrase" in nobody.stderr
    stale = exback(a, "restore", "--yes", str(old), env=with_first)  # the old one: refused
    assert stale.returncode == 1 and "Traceback" not in stale.stderr
    # The old passphrase is named for what it is (issue 13, item 9), not taken for damage.
    assert "passphrase was changed" in " ".join(stale.stderr.split())
    no_backup_key = exback(a, "restore", "--yes", str(old), env=with_second)
    assert no_backup_key.returncode == 1
    assert "--backup-passphrase-file" in " ".join(no_backup_key.stderr.split())
    assert digest(a) == before  # refused three times, the journal untouched

    done = ok(
        exback(
            a, "restore", "--yes", "--backup-passphrase-file", str(first), str(old), env=with_second
        )
    )
    assert "Restored" in done.stdout
    # The restored journal holds the backup's entries and keeps the current passphrase.
    found = ok(exback(a, "search", "written", env=with_second))
    assert "No matches" in found.stdout
    assert exback(a, "status", env=with_first).returncode != 0


# -- litter and the journal itself -------------------------------------------------------------


def sidecars(path: Path) -> list[Path]:
    return [
        p
        for p in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
        if p.exists()
    ]


def test_restores_checks_leave_nothing_beside_the_files_they_look_at(folder: Path) -> None:
    a = folder / "a.db"
    # A copy of the journal file itself is in WAL mode, which SQLite reads only with a -wal
    # and a -shm beside it: the kind of candidate that used to be littered.
    copied = folder / "copied.db"
    shutil.copy(a, copied)
    assert copied.read_bytes()[18:20] == b"\x02\x02"  # the header's read and write versions: WAL
    ok(exback(a, "restore", "--yes", str(copied)))
    assert sidecars(copied) == []

    # The damage advice looks at a's backups, newest first: the newest is now a WAL-mode file.
    newest = named_for(a)[-1]
    shutil.copy(a, newest)
    os.truncate(a, a.stat().st_size // 2)
    status = exback(a, "status")
    assert f"restore {newest}" in " ".join(status.stderr.split())
    assert [p for p in backups_dir(a).iterdir() if p.name.endswith(("-wal", "-shm"))] == []


def test_restore_from_the_journal_itself_is_refused(folder: Path) -> None:
    a = folder / "a.db"
    link = folder / "link.db"
    link.symlink_to(a)
    hard = folder / "hard.db"
    os.link(a, hard)
    before = digest(a)
    for same in (link, a, hard):
        refused = exback(a, "restore", "--yes", str(same))
        assert refused.returncode == 1
        said = " ".join(refused.stderr.split())
        assert "is the journal itself" in said and "Traceback" not in said
        assert "Restored" not in refused.stdout
    assert digest(a) == before


# -- what a stopped backup left belongs to its journal too ------------------------------------


def test_a_stopped_backup_of_another_journal_is_left_to_that_journal(folder: Path) -> None:
    """Each journal's opening tidies the unfinished copies named for it, and only those."""
    a, b = folder / "a.db", folder / "b.db"
    backups = backups_dir(a)
    stamp = datetime(2026, 11, 30, 12, 0)
    stale = {
        journal: backups / f".{backup_file_name(journal, journal_id(journal), 'daily', stamp)}"
        f".partial"
        for journal in (a, b)
    }
    an_hour_ago = datetime.now().timestamp() - 3600
    for journal, partial in stale.items():
        shutil.copyfile(journal, partial)  # what a killed 'exback backup' leaves behind
        os.utime(partial, (an_hour_ago, an_hour_ago))
    opened_a = ok(exback(a, "status"))
    assert "stopped or failed backup" in opened_a.stderr
    assert not stale[a].exists()
    assert stale[b].exists(), "a's opening removed b's unfinished backup"
    opened_b = ok(exback(b, "status"))
    assert "stopped or failed backup" in opened_b.stderr
    assert not stale[b].exists()
