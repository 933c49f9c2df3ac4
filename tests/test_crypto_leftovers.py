"""No plaintext left behind: a conversion stopped by a signal, and re-running to finish one.

Drives the installed ``exback`` on real journal files, as a person closing the terminal would.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import wait_for
from warm_exback import run_warm, start_warm

from exback_tui.store import copies, crypto, database
from exback_tui.store.backup import backups_dir
from exback_tui.store.journal import Journal

EXBACK = str(Path(sys.executable).with_name("exback"))
PASSPHRASE = "a long enough passphrase, with a comma"


def run(db: Path, secret: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EXBACK_PASSPHRASE_FILE": str(secret), "EXBACK_DB": str(db)}
    done: subprocess.CompletedProcess[str] = run_warm(args, env=env, timeout=120)
    return done


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "passphrase"
    path.write_text(PASSPHRASE + "\n")
    path.chmod(0o600)
    return path


def _big_encrypted(folder: Path, secret: Path) -> Path:
    """Ten years of demo journal in ``folder``, encrypted, with no plaintext copy anywhere."""
    path = folder / "journal.db"
    made = run(path, secret, "demo", "--days", "3650", "--seed", "3", "--output", str(path))
    assert made.returncode == 0, made.stderr
    crypto.encrypt_journal(path, PASSPHRASE)
    copies.remove_copies(copies.plaintext_copies(path))
    assert copies.plaintext_copies(path) == []
    return path


@pytest.fixture(scope="module")
def made_today() -> dict[date, Path]:
    """The big encrypted journal's folder, made once a day per module (the demo's days follow
    today; encrypting ten years takes seconds)."""
    return {}


@pytest.fixture
def big_encrypted(
    tmp_path: Path,
    secret: Path,
    made_today: dict[date, Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    """A copy of today's ten years of demo journal, encrypted, with no plaintext copy anywhere,
    and what its making left beside it."""
    day = date.today()
    if day not in made_today:
        made_today[day] = _big_encrypted(tmp_path_factory.mktemp("big"), secret).parent
    shutil.copytree(made_today[day], tmp_path, symlinks=True, dirs_exist_ok=True)
    path = tmp_path / "journal.db"
    assert copies.plaintext_copies(path) == []
    return path


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_decrypt_stopped_by_a_signal_leaves_no_plaintext_copy(
    big_encrypted: Path, secret: Path, sig: signal.Signals
) -> None:
    path = big_encrypted
    work = path.with_name(f".{path.name}.decrypting")
    env = {**os.environ, "EXBACK_PASSPHRASE_FILE": str(secret), "EXBACK_DB": str(path)}
    proc = start_warm(["decrypt", "--yes"], env=env)
    wait_for(lambda: work.exists() or proc.poll() is not None, "the decrypt's work file", 60)
    assert proc.poll() is None, "the decrypt ended before its work file was seen"
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert not work.exists()
    assert "Traceback" not in stderr
    if database.inspect(path).encrypted:
        # Stopped before the swap: the journal is as it was, and nothing readable is left.
        assert copies.plaintext_copies(path) == []
        assert "nothing was changed" in stderr
        with Journal.open(path, passphrase=PASSPHRASE) as journal:
            assert journal.integrity_ok()
    else:
        # Stopped after the swap: decrypted as asked, and exback says so (nothing to rerun).
        assert "was decrypted: the journal is complete" in stderr


def test_rerunning_encrypt_finishes_an_encrypt_that_left_plaintext_copies(
    tmp_path: Path, secret: Path
) -> None:
    path = tmp_path / "journal.db"
    with Journal.open(path) as journal:
        journal.record_checkin(date.today(), mood=6, note="private words")
    # No terminal and no --yes: the encrypt keeps the plaintext backups, as after a kill.
    first = run(path, secret, "encrypt")
    assert first.returncode == 0, first.stderr
    plain = copies.plaintext_copies(path)
    assert plain, "the control: plaintext backups are left without --yes"
    status = run(path, secret, "status")
    assert "unencrypted cop" in status.stdout
    assert all(f"  {copy}" in status.stdout.splitlines() for copy in plain)  # never wrapped
    finish = run(path, secret, "encrypt", "--yes")
    assert finish.returncode == 0, finish.stderr
    assert "finishing an earlier encrypt" in " ".join(finish.stdout.split())
    assert copies.plaintext_copies(path) == []
    assert "unencrypted" not in run(path, secret, "status").stdout
    # With nothing left to finish, a second encrypt is refused as before.
    again = run(path, secret, "encrypt", "--yes")
    assert again.returncode == 1 and "already encrypted" in again.stderr


def test_a_backup_cut_short_counts_as_a_plaintext_copy(tmp_path: Path, secret: Path) -> None:
    path = tmp_path / "journal.db"
    with Journal.open(path) as journal:
        journal.add_entry("words nobody else should read")
    folder = backups_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{path.stem}-2026-12-01-120000.db.partial"
    shutil.copyfile(path, partial)  # what a killed 'exback backup' leaves behind
    assert partial in copies.plaintext_copies(path)
    done = run(path, secret, "encrypt", "--yes")
    assert done.returncode == 0, done.stderr
    assert not partial.exists()
    said = " ".join(done.stdout.split())
    assert (
        "On disk now: the encrypted journal" in said
        and "unencrypted" not in said.split("On disk now")[1]
    )
