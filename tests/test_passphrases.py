"""Passphrases as people type them: any Unicode form, a file with a BOM, a file others can read,
and a new passphrase too short to be safe."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from exback_tui.store import crypto, database
from exback_tui.store.errors import InvalidInput, WrongPassphrase
from exback_tui.store.journal import Journal

EXBACK = str(Path(sys.executable).with_name("exback"))
NFC = unicodedata.normalize("NFC", "pässwörd für später")
NFD = unicodedata.normalize("NFD", NFC)


def run(db: Path, secret: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EXBACK_PASSPHRASE_FILE": str(secret), "EXBACK_DB": str(db)}
    return subprocess.run(
        [EXBACK, *args],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    with Journal.open(path) as j:
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
