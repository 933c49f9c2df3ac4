"""What every opening of a journal does before anything else: it removes (or finishes) what a
stopped conversion or backup left, leaves a running conversion alone and waits for it, and
warns of anyone else who can change the journal.

Real journals, the installed ``exback`` and real processes killed or racing; the leftovers are
made by the code that makes them, stopped the way a power cut or ``kill -9`` stops it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import app_until, wait_for
from warm_exback import WarmProcess, run_warm, start_warm

from exback_tui.store import copies, crypto, leftovers
from exback_tui.store.backup import backups_dir
from exback_tui.store.journal import Journal
from exback_tui.tui.app import build_app

EXBACK = str(Path(sys.executable).with_name("exback"))
PASSPHRASE = "a long enough passphrase, with a comma"
NEW_PASSPHRASE = "another passphrase, just as long"
SQLITE_MAGIC = b"SQLite format 3\x00"


def run(db: Path, secret: Path | None, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EXBACK_DB": str(db), "COLUMNS": "200"}
    env.pop("EXBACK_PASSPHRASE_FILE", None)
    if secret is not None:
        env["EXBACK_PASSPHRASE_FILE"] = str(secret)
    done: subprocess.CompletedProcess[str] = run_warm(args, env=env, timeout=120)
    return done


def start(db: Path, secret: Path | None, *args: str) -> WarmProcess:
    env = {**os.environ, "EXBACK_DB": str(db)}
    if secret is not None:
        env["EXBACK_PASSPHRASE_FILE"] = str(secret)
    return start_warm([*args], env=env)


def secret_file(folder: Path, text: str, name: str = "secret") -> Path:
    path = folder / name
    path.write_text(text + "\n")
    path.chmod(0o600)
    return path


def plain_sqlite(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC


@pytest.fixture(scope="module")
def big_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ten years of demo journal (about 2 MB: a conversion of it takes a few seconds)."""
    path = tmp_path_factory.mktemp("demo") / "journal.db"
    made = run(path, None, "demo", "--days", "3650", "--seed", "3", "--output", str(path))
    assert made.returncode == 0, made.stderr
    return path


@pytest.fixture
def journal(tmp_path: Path, big_demo: Path) -> Path:
    """A copy of the big demo journal in a private folder of the test's own."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    path = folder / "journal.db"
    shutil.copyfile(big_demo, path)
    path.chmod(0o600)
    return path


def backed_up(journal: Path) -> None:
    """A backup of the plaintext ``journal``, made as "exback backup" makes it."""
    with Journal.open(journal) as opened:
        opened.backup()


def exback_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("exback: ")]


# -- a stopped conversion ------------------------------------------------------------------


def kill_when_working(proc: WarmProcess, work: Path) -> None:
    """SIGKILL ``proc`` once its work file is there: what a power cut leaves."""
    wait_for(lambda: work.exists() or proc.poll() is not None, "the work file", 120)
    assert proc.poll() is None, "the conversion ended before its work file was seen"
    proc.kill()
    proc.communicate(timeout=60)


@pytest.mark.slow
def test_a_killed_decrypt_s_plaintext_copy_is_removed_by_the_next_command(
    journal: Path, tmp_path: Path
) -> None:
    secret = secret_file(tmp_path, PASSPHRASE)
    crypto.encrypt_journal(journal, PASSPHRASE, delete_plaintext=True)
    work = journal.with_name(f".{journal.name}.decrypting")
    kill_when_working(start(journal, secret, "decrypt", "--yes"), work)
    assert work.exists() and not plain_sqlite(journal), "the control: a stopped decrypt"

    done = run(journal, secret, "checkin", "--mood", "6")
    assert done.returncode == 0, done.stderr
    said = exback_lines(done.stderr)
    assert len(said) == 1 and "stopped 'exback decrypt'" in said[0], done.stderr
    assert "as it was" in said[0]
    beside = [p for p in journal.parent.iterdir() if p.is_file()]
    assert not any(plain_sqlite(p) for p in beside), beside
    assert leftovers.work_files(journal) == []
    assert not journal.with_name(f".{journal.name}.converting").exists()
    again = run(journal, secret, "status")
    assert again.returncode == 0 and exback_lines(again.stderr) == []  # said once only
    with Journal.open(journal, passphrase=PASSPHRASE) as reopened:
        assert reopened.integrity_ok()


# The encrypt's own lock and record, as it writes them before its swap, then a SIGKILL.
KILLED_AFTER_THE_SWAP = textwrap.dedent(
    """
    import json, os, signal, sys
    from pathlib import Path
    from exback_tui.store import leftovers

    path, plain = Path(sys.argv[1]), [Path(p) for p in json.loads(sys.argv[2])]
    with leftovers.converting(path, "encrypt") as lock:
        lock.plan_deletions(plain)
        lock.keep_record = True
        os.kill(os.getpid(), signal.SIGKILL)
    """
)


@pytest.mark.slow
def test_an_encrypt_killed_between_its_swap_and_its_clean_up_is_finished_on_open(
    journal: Path, tmp_path: Path
) -> None:
    secret = secret_file(tmp_path, PASSPHRASE)
    # A real encrypt that was told not to delete: the journal is encrypted, its plaintext
    # backups are left, as an encrypt --yes killed right after its swap leaves them ...
    backed_up(journal)
    crypto.encrypt_journal(journal, PASSPHRASE)
    plain = copies.plaintext_copies(journal)
    assert plain, "the control: plaintext backups beside an encrypted journal"
    # ... and the lock record it had written before the swap, left by a SIGKILL.
    script = tmp_path / "killed.py"
    script.write_text(KILLED_AFTER_THE_SWAP)
    killed = subprocess.run(
        [sys.executable, str(script), str(journal), json.dumps([str(p) for p in plain])],
        timeout=60,
    )
    assert killed.returncode == -signal.SIGKILL

    done = run(journal, secret, "status")
    assert done.returncode == 0, done.stderr
    said = exback_lines(done.stderr)
    assert any("Finished an 'exback encrypt' that was stopped" in line for line in said), said
    assert copies.plaintext_copies(journal) == []
    # Gone, or (a daily backup stamped in the same second as a deleted plaintext one) now
    # encrypted: nothing plain is left at any of those names.
    assert not any(p.exists() and plain_sqlite(p) for p in plain)
    folder_files = [*journal.parent.iterdir(), *backups_dir(journal).iterdir()]
    assert not any(p.is_file() and plain_sqlite(p) for p in folder_files)


@pytest.mark.parametrize("left", [".restoring", ".restore-source"])
def test_what_a_stopped_restore_left_is_removed_by_the_next_command(
    journal: Path, left: str
) -> None:
    """A restore killed while it copied the backup beside the journal (to rename it over a
    damaged one, or to re-key it for an encrypted one) leaves that copy: the journal is as it
    was, and the next opening removes the copy and says so."""
    backed_up(journal)
    backup = next(backups_dir(journal).glob("*.db"))
    work = journal.with_name(f".{journal.name}{left}")
    shutil.copyfile(backup, work)  # what the restore had copied when it was killed
    done = run(journal, None, "status")
    assert done.returncode == 0, done.stderr
    said = exback_lines(done.stderr)
    assert len(said) == 1 and "stopped 'exback restore'" in said[0], said
    assert not work.exists()
    assert exback_lines(run(journal, None, "status").stderr) == []  # said once only


@pytest.mark.parametrize("journal_is", ["empty", "damaged"])
def test_a_restore_stopped_while_mending_a_journal_leaves_nothing_after_the_next_command(
    journal: Path, journal_is: str
) -> None:
    """A restore copies the backup beside the journal only to mend one SQLite cannot write
    into (empty, damaged), so that is where a stopped one leaves its copy: the next command
    removes it while it says what is wrong with the journal."""
    backed_up(journal)
    backup = next(backups_dir(journal).glob("*.db"))
    if journal_is == "empty":
        journal.write_bytes(b"")
    else:
        with journal.open("r+b") as f:  # the first page's header, overwritten
            f.seek(16)
            f.write(b"\xff" * 84)
    work = journal.with_name(f".{journal.name}.restoring")
    shutil.copyfile(backup, work)  # what the restore had copied when it was killed
    done = run(journal, None, "status")
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "stopped 'exback restore'" in done.stderr, done.stderr
    assert not work.exists()
    assert run(journal, None, "restore", str(backup), "--yes").returncode == 0  # mended


# -- a running conversion is left alone, and waited for ------------------------------------


@pytest.mark.slow
def test_a_running_conversion_s_work_file_survives_another_command_opening_the_journal(
    journal: Path, tmp_path: Path
) -> None:
    secret = secret_file(tmp_path, PASSPHRASE)
    work = journal.with_name(f".{journal.name}.encrypting")
    proc = start(journal, secret, "encrypt", "--yes")
    wait_for(lambda: work.exists() or proc.poll() is not None, "the work file", 120)
    assert proc.poll() is None, "the encrypt ended before its work file was seen"
    lock = journal.with_name(f".{journal.name}.converting")
    assert stat.S_IMODE(lock.stat().st_mode) == 0o600
    # An opening in this process and one through the command, while the encrypt works:
    assert leftovers.tidy(journal) == []
    reader = run(journal, secret, "status")
    out, err = proc.communicate(timeout=120)
    # Had either removed the work file, the encrypt could not have swapped it in.
    assert proc.returncode == 0, err
    assert "Encrypted" in out
    assert reader.returncode == 0, reader.stderr
    assert "Removed" not in reader.stderr and "damaged" not in reader.stderr
    assert not plain_sqlite(journal) and not work.exists() and not lock.exists()
    with Journal.open(journal, passphrase=PASSPHRASE) as reopened:
        assert reopened.integrity_ok()


@pytest.mark.slow
@pytest.mark.parametrize("verb", ["encrypt", "decrypt", "rekey"])
def test_a_writer_racing_a_conversion_is_told_it_runs_or_waits_never_that_it_is_damaged(
    journal: Path, tmp_path: Path, verb: str
) -> None:
    old = secret_file(tmp_path, PASSPHRASE)
    new = secret_file(tmp_path, NEW_PASSPHRASE, "new")
    if verb != "encrypt":
        crypto.encrypt_journal(journal, PASSPHRASE, delete_plaintext=True)
    args = {
        "encrypt": ["--yes"],
        "decrypt": ["--yes"],
        "rekey": ["--new-passphrase-file", str(new)],
    }[verb]
    lock = journal.with_name(f".{journal.name}.converting")
    proc = start(journal, old, verb, *args)
    wait_for(lambda: lock.exists() or proc.poll() is not None, "the conversion's lock", 120)
    assert proc.poll() is None, f"the conversion ended before it was raced: {proc.communicate()}"
    # Three writers at once while it runs (each waits for it), and one once it is done.
    racing = {
        f"race {verb} {n}": start(journal, old, "entry", f"race {verb} {n}") for n in range(3)
    }
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    finished = {words: writer.communicate(timeout=120) for words, writer in racing.items()}
    codes = {words: writer.returncode for words, writer in racing.items()}
    after = run(journal, old, "entry", f"race {verb} after")
    finished[f"race {verb} after"] = (after.stdout, after.stderr)
    codes[f"race {verb} after"] = after.returncode
    confirmed: list[str] = []
    outcomes: list[str] = []
    for words, (_, said) in finished.items():
        assert "Traceback" not in said and "damaged" not in said, said
        if codes[words] == 0:
            confirmed.append(words)
            outcomes.append("saved")
        elif "conversion" in said and "is running" in said:
            outcomes.append("told")
        elif verb == "rekey" and "passphrase" in said and "changed" in said:
            outcomes.append("told it changed")  # the old passphrase opens it no more
        else:
            pytest.fail(f"a writer racing {verb} was told: {said!r}")
    print(f"\n{verb}: 3 writers during it and 1 after: {Counter(outcomes)}")
    key = NEW_PASSPHRASE if verb == "rekey" else PASSPHRASE
    with Journal.open(journal, passphrase=None if verb == "decrypt" else key) as reopened:
        assert reopened.integrity_ok()
        texts = {entry.text for entry in reopened.entries()}
    assert set(confirmed) <= texts, set(confirmed) - texts


# -- a stopped backup -----------------------------------------------------------------------


def test_what_a_stopped_or_failed_backup_left_is_removed_and_a_working_one_is_not(
    journal: Path, tmp_path: Path
) -> None:
    folder = backups_dir(journal)
    folder.mkdir(mode=0o700)
    stale = folder / ".journal-2026-11-30-120000-daily.db.partial"
    failed = folder / ".journal-2026-11-29-120000.db.partial-journal"  # its partial is gone
    fresh = folder / ".journal-2026-12-01-120000.db.partial"  # written a moment ago
    working = folder / ".journal-2026-12-01-120500.db.partial"  # old, but SQLite holds it
    for file in (stale, failed, fresh, working):
        shutil.copyfile(journal, file)
    an_hour_ago = time.time() - 3600
    for file in (stale, failed, working):
        os.utime(file, (an_hour_ago, an_hour_ago))
    holder = sqlite3.connect(working, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # a backup copying into it holds this lock
        done = run(journal, None, "status")
    finally:
        holder.close()
    assert done.returncode == 0, done.stderr
    said = exback_lines(done.stderr)
    assert len(said) == 1 and "stopped or failed backup" in said[0], said
    assert not stale.exists() and not failed.exists()
    assert fresh.exists() and working.exists()


# -- who else can change it ----------------------------------------------------------------


def test_a_journal_others_could_change_is_made_private_and_said_so(
    journal: Path, tmp_path: Path
) -> None:
    journal.chmod(0o666)
    done = run(journal, None, "status")
    assert done.returncode == 0, done.stderr
    said = exback_lines(done.stderr)
    assert len(said) == 1 and "private (0600) now" in said[0], said
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600
    assert exback_lines(run(journal, None, "status").stderr) == []  # once fixed, quiet


def test_a_folder_anyone_can_write_in_is_warned_of(journal: Path) -> None:
    journal.parent.chmod(0o777)
    for args in (["status"], ["checkin", "--mood", "5"]):  # the full and the quick opener
        done = run(journal, None, *args)
        assert done.returncode == 0, done.stderr
        said = exback_lines(done.stderr)
        assert len(said) == 1 and "Other users can add or replace files" in said[0], said
        assert str(journal.parent) in said[0]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_a_journal_owned_by_another_user_is_warned_of(journal: Path) -> None:
    os.chown(journal, 65534, 65534)
    journal.chmod(0o666)
    done = run(journal, None, "status")
    assert done.returncode == 0, done.stderr
    said = " ".join(exback_lines(done.stderr))
    assert "belongs to another user account (uid 65534)" in said


def test_the_files_sqlite_makes_beside_a_new_journal_are_private(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with Journal.open(path) as journal:
        journal.add_entry("kept private")
        for name in (path, path.with_name("new.db-wal"), path.with_name("new.db-shm")):
            assert stat.S_IMODE(name.stat().st_mode) == 0o600, name


async def test_the_app_shows_what_opening_did_as_a_notice(journal: Path) -> None:
    journal.chmod(0o666)
    with Journal.open(journal) as opened:
        app = build_app(opened)
        async with app.run_test(size=(120, 40), notifications=True) as pilot:

            def toast_says(words: str) -> bool:
                return any(words in str(toast.render()) for toast in app.screen.query("Toast"))

            await app_until(pilot, lambda: toast_says("private (0600) now"), "the notice")


def test_notices_never_hold_journal_text(journal: Path, tmp_path: Path) -> None:
    """The sentences name paths and counts only: nothing from inside the journal."""
    folder = backups_dir(journal)
    folder.mkdir(mode=0o700)
    stale = folder / ".journal-2026-11-30-120000-daily.db.partial"
    shutil.copyfile(journal, stale)
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    journal.chmod(0o644)
    with Journal.open(journal) as opened:
        notices = opened.notices
        words = {e.text for e in opened.entries()}
    assert len(notices) == 2, notices
    assert not any(text in json.dumps(notices) for text in words if len(text) > 12)
