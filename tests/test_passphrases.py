"""Passphrases as people type them: any Unicode form, a file with a BOM, a file others can read,
and a new passphrase too short to be safe."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import new_journal
from warm_exback import run_warm

from exback_tui.store import crypto, database
from exback_tui.store.errors import InvalidInput, WrongPassphrase
from exback_tui.store.journal import Journal

EXBACK = str(Path(sys.executable).with_name("exback"))
NFC = unicodedata.normalize("NFC", "pässwörd für später")
NFD = unicodedata.normalize("NFD", NFC)


def run(db: Path, secret: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EXBACK_PASSPHRASE_FILE": str(secret), "EXBACK_DB": str(db)}
    done: subprocess.CompletedProcess[str] = run_warm(args, env=env, timeout=120)
    return done


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    with Journal.open(new_journal(path)) as j:
        j.add_entry("words for nobody else")
    return path


def test_the_same_words_in_another_unicode_form_open_the_journal(journal: Path) -> None:
    assert NFC != NFD  # the control: two different strings to a computer
    crypto.encrypt_journal(journal, NFD)  # set as typed on one keyboard ...
    with Journal.open(journal, passphrase=NFC) as j:  # ... opened from another
        assert j.count_entries() == 1
        assert j.verify_passphrase(NFD) and j.verify_passphrase(NFC)
        assert not j.verify_passphrase("pässwörd für heute")
    with Journal.open(journal, passphrase=NFD) as j:
        assert j.count_entries() == 1
    assert crypto.check_passphrase(journal, NFD) == NFC  # the form that opens it
    with pytest.raises(WrongPassphrase):
        Journal.open(journal, passphrase="something else entirely")


def test_a_new_passphrase_has_a_minimum_length(journal: Path, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=f"at least {crypto.MIN_PASSPHRASE_CHARS} characters"):
        crypto.check_new_passphrase("short")
    secret = tmp_path / "short"
    secret.write_text("short\n")
    secret.chmod(0o600)
    before = journal.read_bytes()
    refused = run(journal, secret, "encrypt", "--yes")
    assert refused.returncode == 1
    assert "at least" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    assert not database.inspect(journal).encrypted
    assert journal.read_bytes() == before


def test_a_passphrase_file_with_a_bom_works_and_a_shared_one_is_warned_of(
    journal: Path, tmp_path: Path
) -> None:
    crypto.encrypt_journal(journal, NFC)
    secret = tmp_path / "secret"
    secret.write_text("\ufeff" + NFC + "\n", encoding="utf-8")  # as some editors save it
    secret.chmod(0o600)
    opened = run(journal, secret, "search", "nobody")
    assert opened.returncode == 0, opened.stderr
    assert "warning" not in opened.stderr
    secret.chmod(0o644)
    shared = run(journal, secret, "search", "nobody")
    assert shared.returncode == 0, shared.stderr
    assert f"other users can read {secret}" in shared.stderr
    assert NFC not in shared.stderr + shared.stdout  # the warning never shows the secret


# -- a passphrase through a pipe --------------------------------------------------------------


@pytest.mark.usefixtures("real_key_derivation")  # handed to the installed exback
def test_a_passphrase_piped_to_standard_input_is_refused_with_the_way_to_pipe_it(
    journal: Path, tmp_path: Path
) -> None:
    """``echo pw | exback status``: standard input is not a terminal and may hold other input
    (``exback import -``), so it is refused at once, in one sentence that says how to pipe
    it; ``EXBACK_PASSPHRASE_FILE=/dev/stdin`` then takes it."""
    crypto.encrypt_journal(journal, NFC)
    before = journal.read_bytes()
    env = {**os.environ, "EXBACK_DB": str(journal)}
    env.pop("EXBACK_PASSPHRASE_FILE", None)
    piped = subprocess.run(
        [EXBACK, "status"], env=env, input=NFC + "\n", capture_output=True, text=True, timeout=120
    )
    assert piped.returncode != 0
    said = piped.stderr.strip().splitlines()
    assert len(said) == 1 and "EXBACK_PASSPHRASE_FILE=/dev/stdin" in said[0], piped.stderr
    assert journal.read_bytes() == before
    through_the_file = subprocess.run(
        [EXBACK, "status"],
        env={**env, "EXBACK_PASSPHRASE_FILE": "/dev/stdin"},
        input=NFC + "\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert through_the_file.returncode == 0, through_the_file.stderr


@pytest.mark.usefixtures("real_key_derivation")  # handed to the installed exback
def test_a_pipe_kept_open_after_the_passphrase_is_read_at_once(
    journal: Path, tmp_path: Path
) -> None:
    """A writer that sends its line and keeps the pipe open (``(echo pw; sleep 60) | ...``):
    the passphrase is its first line, taken as soon as it is complete."""
    crypto.encrypt_journal(journal, NFC)
    env = {**os.environ, "EXBACK_DB": str(journal), "EXBACK_PASSPHRASE_FILE": "/dev/stdin"}
    shown = tmp_path / "stdout"
    with shown.open("w") as stdout:
        proc = subprocess.Popen(
            [EXBACK, "search", "nobody"],
            env=env,
            stdin=subprocess.PIPE,
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdin is not None and proc.stderr is not None
        proc.stdin.write(NFC + "\n")
        proc.stdin.flush()  # and the pipe stays open until the command has ended
        try:
            code = proc.wait(timeout=120)
            stderr = proc.stderr.read()
        finally:
            proc.stdin.close()
            proc.stderr.close()
    assert code == 0, stderr
    assert "words for nobody else" in shown.read_text()
