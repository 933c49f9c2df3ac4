"""A writer holding the old passphrase while a rekey changes it (issue 13, item 9).

It waits for the conversion, opens the journal again, and is told that the passphrase changed:
never "wrong passphrase, or the file is damaged". Real journals, the installed ``exback``, and
the conversion's own lock held by this process while a writer waits on it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import wait_for
from key_derivation import rounds_in_use
from warm_exback import WarmProcess, run_warm, start_warm

from exback_tui.store import cipher, crypto, database, leftovers, opening
from exback_tui.store.file_guard import conversion_lock_file
from exback_tui.store.journal import Journal
from exback_tui.store.unlocking import PassphraseChanged, through_conversions

EXBACK = str(Path(sys.executable).with_name("exback"))
OLD = "the old passphrase, long enough"
NEW = "the new passphrase, long enough"
WRITERS = {
    "entry": ["entry", "words written during a rekey"],
    "checkin": ["checkin", "--mood", "5", "--note", "a note during a rekey"],
}


def secret(folder: Path, text: str, name: str) -> Path:
    path = folder / name
    path.write_text(text + "\n")
    path.chmod(0o600)
    return path


def start(db: Path, passphrase_file: Path, *args: str) -> WarmProcess:
    env = {**os.environ, "EXBACK_DB": str(db), "EXBACK_PASSPHRASE_FILE": str(passphrase_file)}
    return start_warm([*args], env=env)


def has_open(pid: int, path: Path) -> bool:
    """Whether process ``pid`` has the file at ``path`` open now."""
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") == str(path):
                return True
        except OSError:
            continue
    return False


def exback_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("exback: ")]


def _encrypted_journal(folder: Path) -> Path:
    """An encrypted journal with a few rows in ``folder``, under OLD, and no plaintext copy."""
    folder.mkdir(mode=0o700)
    path = folder / "journal.db"
    with Journal.open(path) as opened:
        opened.add_entry("written before the rekey")
    crypto.encrypt_journal(path, OLD, delete_plaintext=True)
    return path


@pytest.fixture(scope="module")
def made_today() -> dict[tuple[date, int], Path]:
    """The encrypted journal's folder, made once a day per module and per key derivation
    (tests/key_derivation.py); its entry and backups are dated today."""
    return {}


@pytest.fixture
def journal(
    tmp_path: Path,
    made_today: dict[tuple[date, int], Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    """An encrypted journal with a few rows, under OLD, and no plaintext copy: a copy of the
    folder made once today."""
    made_for = (date.today(), rounds_in_use())
    if made_for not in made_today:
        made = _encrypted_journal(tmp_path_factory.mktemp("made") / "data")
        made_today[made_for] = made.parent
    folder = tmp_path / "data"
    shutil.copytree(made_today[made_for], folder, symlinks=True)
    return folder / "journal.db"


def rekeyed_copy(journal: Path, tmp_path: Path) -> Path:
    """The file a rekey of ``journal`` would swap in: the same rows, under NEW."""
    work = tmp_path / "work"
    work.mkdir(mode=0o700)
    copy = work / journal.name
    shutil.copyfile(journal, copy)
    crypto.rekey_journal(copy, OLD, NEW)
    return copy


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see the wait")
@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.usefixtures("real_key_derivation")  # handed to the installed exback
def test_a_writer_waiting_for_a_rekey_is_told_the_passphrase_changed(
    journal: Path, tmp_path: Path, writer: str
) -> None:
    old = secret(tmp_path, OLD, "old")
    swapped_in = rekeyed_copy(journal, tmp_path)
    lock = conversion_lock_file(journal)
    with leftovers.converting(journal, "rekey"):
        proc = start(journal, old, *WRITERS[writer])
        # The writer waits on the conversion's lock file, holding it open meanwhile.
        wait_for(lambda: has_open(proc.pid, lock) or proc.poll() is not None, "the writer to wait")
        assert proc.poll() is None, proc.communicate()
        os.replace(swapped_in, journal)  # the rekey's swap, then it lets go
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode != 0
    said = exback_lines(stderr)
    assert len(said) == 1, stderr
    assert "passphrase" in said[0] and "changed" in said[0], said[0]
    for wrong in ("damaged", "Wrong passphrase", "Traceback"):
        assert wrong not in stderr, stderr
    # Nothing was saved under the old key, and the journal takes the write with the new one.
    new = secret(tmp_path, NEW, "new")
    again = subprocess.run(
        [EXBACK, *WRITERS[writer]],
        env={**os.environ, "EXBACK_DB": str(journal), "EXBACK_PASSPHRASE_FILE": str(new)},
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert again.returncode == 0, again.stderr
    with Journal.open(journal, passphrase=NEW) as reopened:
        assert reopened.integrity_ok()


def test_the_old_passphrase_after_a_rekey_is_told_it_changed(journal: Path, tmp_path: Path) -> None:
    """Once the rekey is done, a script with the old passphrase file hears that it is the old
    one (it opens the backup made before the change), not that the journal may be damaged."""
    old = secret(tmp_path, OLD, "old")
    env = {**os.environ, "EXBACK_DB": str(journal), "EXBACK_PASSPHRASE_FILE": str(old)}
    crypto.rekey_journal(journal, OLD, NEW)  # as "exback rekey" does
    for args in (WRITERS["entry"], WRITERS["checkin"], ["status"]):
        late = run_warm([*args], env=env, timeout=120)
        assert late.returncode != 0
        said = exback_lines(late.stderr)
        assert len(said) == 1 and "passphrase was changed on" in said[0], late.stderr
        assert "damaged" not in late.stderr
    # A passphrase that never opened it is still just wrong.
    wrong = secret(tmp_path, "not a passphrase it ever had", "wrong")
    never = run_warm(["status"], env={**env, "EXBACK_PASSPHRASE_FILE": str(wrong)}, timeout=120)
    assert never.returncode != 0 and "Wrong passphrase" in never.stderr
    assert "changed" not in never.stderr


# -- a file replaced between the look and the connection ----------------------------------


def test_a_journal_re_keyed_between_look_and_connection_is_said_to_have_a_new_passphrase(
    journal: Path, tmp_path: Path
) -> None:
    """The quick path's order (look, then connect to the file looked at), with the rekey's
    swap landing in between: the connection is refused as replaced, the opening is tried again
    after the conversion, and the old passphrase is then said to have changed."""
    swapped_in = rekeyed_copy(journal, tmp_path)
    module = cipher.cipher_module(journal)
    tries: list[int] = []

    def attempt(passphrase: str) -> Any:
        tries.append(1)
        state = opening.look(journal, passphrase)
        if len(tries) == 1:
            os.replace(swapped_in, journal)  # the conversion lands here, once
        return database.connect(journal, module, passphrase, file_id=state.file_id)

    with pytest.raises(PassphraseChanged, match="passphrase"):
        through_conversions(journal, OLD, attempt)
    assert len(tries) == 2, "opened again after the file was replaced"


def test_a_journal_decrypted_between_look_and_connection_is_opened_again(
    journal: Path, tmp_path: Path
) -> None:
    work = tmp_path / "plain"
    work.mkdir(mode=0o700)
    plain = work / journal.name
    shutil.copyfile(journal, plain)
    crypto.decrypt_journal(plain, OLD)
    module = cipher.cipher_module(journal)
    tries: list[int] = []

    def attempt(passphrase: str) -> Any:
        tries.append(1)
        state = opening.look(journal, passphrase)
        if len(tries) == 1:
            os.replace(plain, journal)  # the decrypt's swap lands here, once
        key = passphrase if state.encrypted else None
        return database.connect(journal, module if key else sqlite3, key, file_id=state.file_id)

    con = through_conversions(journal, OLD, attempt)
    try:
        texts = [row[0] for row in con.execute("SELECT text FROM entry")]
    finally:
        con.close()
    assert len(tries) == 2, "opened again after the file was replaced"
    assert texts == ["written before the rekey"]
