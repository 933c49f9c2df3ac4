"""Encryption at rest: nothing readable on disk, wrong passphrases refused cleanly, rekey, decrypt.

Real files, the real sqlcipher3, and the installed ``exback`` with EXBACK_PASSPHRASE_FILE.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pty
import select
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from key_derivation import QUICK_ROUNDS, SQLCIPHER_ROUNDS, rounds_in_use

from exback_tui.store import cipher, copies, crypto, database
from exback_tui.store.backup import backups_dir
from exback_tui.store.errors import (
    InvalidInput,
    JournalLocked,
    PassphraseNeeded,
    WrongPassphrase,
)
from exback_tui.store.journal import Journal

RunExback = Callable[..., subprocess.CompletedProcess[str]]
EXBACK = Path(sys.executable).parent / "exback"

PASSPHRASE = "correct horse 'battery\" staple"  # both quote characters, on purpose
MARKER = "ZEBRA-MARKER-7f3a"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def holds_marker(path: Path, marker: str = MARKER) -> bool:
    data = path.read_bytes()
    return marker.encode() in data or marker.encode("utf-16-le") in data


def make_plain_journal(path: Path, today: date) -> None:
    with Journal.open(path, today=today - timedelta(days=30)) as j:
        for i in range(20):
            j.record_checkin(today - timedelta(days=i), mood=1 + i % 10, note=f"{MARKER} day {i}")
        j.add_entry(f"{MARKER} in an entry", tags=["private"])
        j.log_contact(medium="text", initiated_by="me", note=f"{MARKER} contact")


def secret_file(tmp_path: Path, text: str, name: str = "passphrase") -> Path:
    path = tmp_path / name
    path.write_text(text + "\n")
    path.chmod(0o600)
    return path


@pytest.fixture(scope="module")
def encrypted_today() -> dict[tuple[date, int], Path]:
    """The encrypted journal's folder, made once a day per module and per key derivation
    (tests/key_derivation.py: one for this process, one for the installed exback); its days
    follow today."""
    return {}


@pytest.fixture
def encrypted(
    journal_path: Path,
    today: date,
    encrypted_today: dict[tuple[date, int], Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    """A journal with data, then encrypted with PASSPHRASE; returns its path. A copy of the
    folder (journal and backups) made once today."""
    made_for = (today, rounds_in_use())
    if made_for not in encrypted_today:
        made = tmp_path_factory.mktemp("encrypted") / "data" / journal_path.name
        make_plain_journal(made, today)
        crypto.encrypt_journal(made, PASSPHRASE)
        encrypted_today[made_for] = made.parent
    shutil.copytree(encrypted_today[made_for], journal_path.parent, symlinks=True)
    return journal_path


def test_the_file_its_wal_and_its_backups_hold_no_readable_text(
    encrypted: Path, tmp_path: Path
) -> None:
    assert not encrypted.read_bytes().startswith(database.SQLITE_MAGIC)
    assert not holds_marker(encrypted)
    with Journal.open(encrypted, passphrase=PASSPHRASE) as j:
        assert j.encrypted
        assert j.search(MARKER).total >= 20  # the search index has it, encrypted with the rest
        j.add_entry(f"{MARKER} written while open")
        wal = encrypted.with_name(encrypted.name + "-wal")
        assert wal.stat().st_size > 0  # the new entry sits in the WAL, not yet checkpointed
        assert not holds_marker(wal)
        assert not holds_marker(encrypted)
        backup = j.backup(tmp_path / "copy.db")
    assert not holds_marker(backup)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert database.inspect(backup, PASSPHRASE).revision == database.HEAD
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(backup).execute("SELECT count(*) FROM sqlite_master").fetchone()
    # Every backup made since encrypting is encrypted too; the older ones are listed as plain.
    after = copies.encrypted_copies(encrypted)
    assert after and not any(holds_marker(p) for p in after)
    plain = copies.plaintext_copies(encrypted)
    assert any("before-encrypt" in p.name for p in plain)
    assert all(holds_marker(p) for p in plain)  # proves holds_marker finds it when it is there


def test_a_plaintext_wal_would_show_the_marker(journal_path: Path) -> None:
    """The control for the test above: the same write in a plain journal is readable."""
    with Journal.open(journal_path) as j:
        j.add_entry(f"{MARKER} written while open")
        assert holds_marker(journal_path.with_name(journal_path.name + "-wal"))


def test_an_encrypted_journal_asks_for_its_passphrase_and_refuses_a_wrong_one(
    caplog: pytest.LogCaptureFixture,
    encrypted: Path,
) -> None:
    before = digest(encrypted)
    with pytest.raises(PassphraseNeeded):
        Journal.open(encrypted)
    with pytest.raises(WrongPassphrase, match=r"(?i)wrong passphrase, or the file is damaged"):
        Journal.open(encrypted, passphrase="not it")
    with pytest.raises(WrongPassphrase) as caught:
        Journal.open(encrypted, passphrase=PASSPHRASE[:-1])
    assert PASSPHRASE[:-1] not in str(caught.value)
    assert digest(encrypted) == before
    # What SQLAlchemy's engine and pool say at their most verbose (they name the database URL).
    caplog.set_level(logging.DEBUG, logger="sqlalchemy")
    with Journal.open(encrypted, passphrase=PASSPHRASE) as j:
        assert j.verify_passphrase(PASSPHRASE)
        assert not j.verify_passphrase("not it")
        assert len(j.checkins()) == 20
        assert PASSPHRASE not in repr(j)
    assert caplog.records and PASSPHRASE not in caplog.text


def test_a_binary_file_of_whole_pages_is_treated_as_possibly_encrypted_and_left_alone(
    tmp_path: Path,
) -> None:
    path = tmp_path / "blob.db"
    path.write_bytes(os.urandom(8192))
    before = digest(path)
    with pytest.raises(PassphraseNeeded):
        Journal.open(path)
    with pytest.raises(WrongPassphrase):
        Journal.open(path, passphrase="anything")
    assert digest(path) == before


def test_rekey_changes_the_passphrase_and_keeps_every_row(encrypted: Path) -> None:
    with Journal.open(encrypted, passphrase=PASSPHRASE) as j:
        counts = j.counts()
    done = crypto.rekey_journal(encrypted, PASSPHRASE, "a new one")
    with pytest.raises(WrongPassphrase):
        Journal.open(encrypted, passphrase=PASSPHRASE)
    with Journal.open(encrypted, passphrase="a new one") as j:
        assert j.counts() == counts
        assert j.integrity_ok()
        assert j.search(MARKER).total >= 20
    assert database.inspect(done.backup_before, PASSPHRASE).revision == database.HEAD
    assert database.inspect(done.backup_after, "a new one").revision == database.HEAD
    assert not holds_marker(encrypted)


def test_decrypt_round_trip_gives_back_a_plain_sqlite_journal(encrypted: Path) -> None:
    with Journal.open(encrypted, passphrase=PASSPHRASE) as j:
        j.snapshot()  # the first one caches the history; the copy must carry it
        counts, snapshot = j.counts(), j.snapshot()
    crypto.decrypt_journal(encrypted, PASSPHRASE)
    assert encrypted.read_bytes().startswith(database.SQLITE_MAGIC)
    con = sqlite3.connect(encrypted)
    assert con.execute("PRAGMA application_id").fetchone()[0] == database.APPLICATION_ID
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()
    with Journal.open(encrypted) as j:
        assert not j.encrypted
        assert j.counts() == counts
        assert j.snapshot() == snapshot
        assert j.search(MARKER).total >= 20
    assert stat.S_IMODE(encrypted.stat().st_mode) == 0o600


def test_conversions_refuse_what_does_not_fit(encrypted: Path, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="already encrypted"):
        crypto.encrypt_journal(encrypted, "x")
    with pytest.raises(InvalidInput, match="cannot be empty"):
        crypto.rekey_journal(encrypted, PASSPHRASE, "")
    with pytest.raises(WrongPassphrase):
        crypto.decrypt_journal(encrypted, "wrong")
    before = digest(encrypted)
    with Journal.open(encrypted, passphrase=PASSPHRASE) as app:  # the app has it open
        watch = app.watch_changes()  # as the app does: one connection held for the poll
        with pytest.raises(JournalLocked, match="open in another program"):
            crypto.decrypt_journal(encrypted, PASSPHRASE)
        assert not watch.changed()
        watch.close()
    assert digest(encrypted) == before
    assert not list(encrypted.parent.glob(".*ing"))  # no half-made copy left behind


# -- the installed command --------------------------------------------------------------------


def opens_with_rounds(path: Path, passphrase: str, rounds: int) -> bool:
    """Whether ``path`` opens with ``passphrase`` turned into a key with ``rounds`` rounds."""
    from sqlcipher3 import dbapi2

    con = dbapi2.connect(str(path))
    try:
        cipher.apply_key(con, passphrase)
        con.execute(f"PRAGMA kdf_iter = {rounds}")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except dbapi2.DatabaseError:
        return False
    finally:
        con.close()


def test_the_installed_exback_keys_a_journal_with_sqlcipher_s_own_rounds(
    journal_path: Path, tmp_path: Path, today: date
) -> None:
    """What the tests' quick key derivation (tests/key_derivation.py) must not hide: a user's
    journal, encrypted and then rekeyed, takes SQLCipher's own 256,000 rounds to open."""
    make_plain_journal(journal_path, today)
    env = {**os.environ, "EXBACK_DB": str(journal_path), "COLUMNS": "100"}
    env["EXBACK_PASSPHRASE_FILE"] = str(secret_file(tmp_path, PASSPHRASE))
    new = secret_file(tmp_path, "the second passphrase", "new")
    for args, opens_with in (
        (["encrypt", "--yes"], PASSPHRASE),
        (["rekey", "--new-passphrase-file", str(new)], "the second passphrase"),
    ):
        done = subprocess.run(
            [str(EXBACK), *args], env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        assert opens_with_rounds(journal_path, opens_with, SQLCIPHER_ROUNDS), args
        assert not opens_with_rounds(journal_path, opens_with, QUICK_ROUNDS), args


@pytest.mark.slow
def test_status_finds_readable_copies_of_an_encrypted_journal_without_sqlalchemy(
    encrypted: Path, tmp_path: Path
) -> None:
    """exback status on an encrypted journal warns of the plaintext copies beside it (here,
    the backups made before it was encrypted) without loading SQLAlchemy, which it once did
    for that look alone: 0.6 s of every status."""
    secret = secret_file(tmp_path, PASSPHRASE)
    probe = (
        "import sys\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from key_derivation import QUICK_ROUNDS, use_rounds\n"
        "use_rounds(QUICK_ROUNDS)  # as the journal was keyed here\n"
        "from exback_tui.cli import main\n"
        f"code = main(['--db', {str(encrypted)!r}, 'status'])\n"
        "print('sqlalchemy loaded:', 'sqlalchemy' in sys.modules, 'exit:', code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env={**os.environ, "EXBACK_PASSPHRASE_FILE": str(secret), "COLUMNS": "200"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "can be read without the passphrase" in done.stdout
    assert done.stdout.rstrip().endswith("sqlalchemy loaded: False exit: 0")


def test_cli_encrypt_status_rekey_decrypt_with_passphrase_files(
    run_exback: RunExback, journal_path: Path, tmp_path: Path, today: date
) -> None:
    make_plain_journal(journal_path, today)
    secret = secret_file(tmp_path, PASSPHRASE)
    env = {"EXBACK_PASSPHRASE_FILE": str(secret)}

    done = run_exback("encrypt", "--yes", env=env)
    assert done.returncode == 0, done.stderr
    assert "Nobody can recover" in done.stdout
    assert "Deleted" in done.stdout and "On disk now: the encrypted journal" in done.stdout
    assert not copies.plaintext_copies(journal_path)
    assert not holds_marker(journal_path)
    assert not any(holds_marker(p) for p in backups_dir(journal_path).iterdir())

    status = run_exback("status", env=env)
    assert status.returncode == 0, status.stderr
    saved = run_exback("checkin", "--mood", "8", env=env)
    assert saved.returncode == 0, saved.stderr
    exported = run_exback("export", "--format", "csv", env=env)
    assert exported.returncode == 0 and MARKER in exported.stdout  # plain, as asked ...
    assert "this export is plain text" in exported.stderr  # ... and said so

    no_secret = run_exback("status")
    assert no_secret.returncode == 1
    assert "is encrypted" in no_secret.stderr and "EXBACK_PASSPHRASE_FILE" in no_secret.stderr
    wrong_file = secret_file(tmp_path, "no", "wrong")
    wrong = run_exback("status", env={"EXBACK_PASSPHRASE_FILE": str(wrong_file)})
    assert wrong.returncode == 1
    assert "wrong passphrase, or the file is damaged" in wrong.stderr.lower()
    missing = run_exback("status", env={"EXBACK_PASSPHRASE_FILE": str(tmp_path / "nowhere")})
    assert missing.returncode == 1 and "could not be read" in missing.stderr
    for result in (no_secret, wrong, missing):
        assert "Traceback" not in result.stderr and "CORE" not in result.stderr  # no SQLCipher log

    new = secret_file(tmp_path, "the second passphrase", "new")
    rekey = run_exback("rekey", "--new-passphrase-file", str(new), env=env)
    assert rekey.returncode == 0, rekey.stderr
    assert run_exback("status", env=env).returncode == 1
    env = {"EXBACK_PASSPHRASE_FILE": str(new)}

    asks = run_exback("decrypt", env=env)
    assert asks.returncode == 1 and "add --yes" in asks.stderr
    plain = run_exback("decrypt", "--yes", env=env)
    assert plain.returncode == 0, plain.stderr
    con = sqlite3.connect(journal_path)
    mood = con.execute("SELECT mood FROM checkin WHERE day = ?", (today.isoformat(),))
    assert mood.fetchone() == (8,)
    con.close()


def test_cli_restores_an_encrypted_backup(
    run_exback: RunExback, encrypted: Path, tmp_path: Path
) -> None:
    env = {"EXBACK_PASSPHRASE_FILE": str(secret_file(tmp_path, PASSPHRASE))}
    backup = tmp_path / "kept.db"
    assert run_exback("backup", str(backup), env=env).returncode == 0
    assert not holds_marker(backup)
    with Journal.open(encrypted, passphrase=PASSPHRASE) as j:
        j.add_entry("written after the backup")
    restored = run_exback("restore", "--yes", str(backup), env=env)
    assert restored.returncode == 0, restored.stderr
    with Journal.open(encrypted, passphrase=PASSPHRASE) as j:
        assert all(e.text != "written after the backup" for e in j.entries())
        assert j.encrypted


def test_without_sqlcipher3_an_encrypted_journal_is_refused_never_read_as_plain(
    encrypted: Path, tmp_path: Path
) -> None:
    blocker = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'sqlcipher3':\n"
        "            raise ImportError('blocked for the test')\n"
        "sys.meta_path.insert(0, Block())\n"
        "from exback_tui.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    before = digest(encrypted)
    env = {**os.environ, "EXBACK_PASSPHRASE_FILE": str(secret_file(tmp_path, PASSPHRASE))}
    for args in (["status"], ["checkin", "--mood", "5"], ["decrypt", "--yes"]):
        result = subprocess.run(
            [sys.executable, "-c", blocker, "--db", str(encrypted), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert result.returncode == 1, result.stderr
        assert "sqlcipher3" in result.stderr and "cannot" in result.stderr
        assert "Traceback" not in result.stderr
    assert digest(encrypted) == before


# -- a person at a terminal -------------------------------------------------------------------


def run_in_terminal(
    args: list[str], answers: list[str], env: dict[str, str], prompt: bytes = b"Passphrase for"
) -> tuple[int, str]:
    """Run exback on a pseudo-terminal, typing the next answer after each ``prompt``."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: exback with the pty as its controlling terminal
        os.execve(str(EXBACK), [str(EXBACK), *args], env)
    seen = b""
    given = 0
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child exited and the pty closed
                break
            if not chunk:
                break
            seen += chunk
            if given < len(answers) and seen.count(prompt) > given:
                os.write(fd, answers[given].encode() + b"\n")
                given += 1
        else:
            os.kill(pid, 9)
            pytest.fail(f"exback did not finish; the screen showed: {seen!r}")
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    return os.waitstatus_to_exitcode(status), seen.decode(errors="replace")


@pytest.mark.usefixtures("real_key_derivation")  # handed to the installed exback
def test_three_wrong_passphrases_at_the_terminal_end_cleanly(
    encrypted: Path, tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "EXBACK_PASSPHRASE_FILE"}
    env.update(EXBACK_DB=str(encrypted), HOME=str(tmp_path), COLUMNS="100")
    typed = ["wrong-alpha", "wrong-beta", "wrong-gamma"]
    code, screen = run_in_terminal(["status"], typed, env)
    assert code == 1
    assert screen.lower().count("wrong passphrase, or the file is damaged") == 3
    assert "3 wrong passphrases" in screen
    assert not any(word in screen for word in typed)  # never echoed
    code, screen = run_in_terminal(["status"], ["nope", PASSPHRASE], env)
    assert code == 0, screen
    assert "Roadmap" in screen
