"""A journal path that is a symlink: exback works on the real file behind it and never replaces
the link, so the two can never diverge (and no readable copy is left at the target).

Through the installed ``exback``; after each step both the link and its target are checked.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from warm_exback import run_warm

from exback_tui.store.journal import Journal

EXBACK = str(Path(sys.executable).with_name("exback"))
PASSPHRASE = "a long enough passphrase, with a comma"
NEW_PASSPHRASE = "another passphrase, just as long"
SQLITE_MAGIC = b"SQLite format 3\x00"


def run(link: Path, secret: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EXBACK_DB": str(link), "EXBACK_PASSPHRASE_FILE": str(secret)}
    done: subprocess.CompletedProcess[str] = run_warm(args, env=env, timeout=120)
    return done


def plain(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret"
    path.write_text(PASSPHRASE + "\n")
    path.chmod(0o600)
    return path


@pytest.fixture
def linked(tmp_path: Path) -> tuple[Path, Path]:
    """A journal in one folder and a symlink to it in another (as a synced folder is used)."""
    real_folder, link_folder = tmp_path / "synced", tmp_path / "data"
    real_folder.mkdir(mode=0o700)
    link_folder.mkdir(mode=0o700)
    target = real_folder / "journal.db"
    with Journal.open(target) as journal:
        journal.add_entry("written before the link")
    link = link_folder / "journal.db"
    link.symlink_to(target)
    return link, target


def assert_linked(link: Path, target: Path) -> None:
    """The link is still a link to the target, and nothing readable sits beside either."""
    assert link.is_symlink(), "the link was replaced by a file"
    assert Path(os.path.realpath(link)) == target
    for folder in (link.parent, target.parent):
        hidden = [p.name for p in folder.iterdir() if p.name.startswith(".")]
        assert hidden == [], hidden  # no work file, no lock file left


def entries(target: Path, passphrase: str | None) -> set[str]:
    with Journal.open(target, passphrase=passphrase) as journal:
        return {entry.text for entry in journal.entries()}


@pytest.mark.slow
def test_encrypt_rekey_decrypt_through_a_symlink_convert_the_target_and_keep_the_link(
    linked: tuple[Path, Path], secret: Path, tmp_path: Path
) -> None:
    link, target = linked

    done = run(link, secret, "encrypt", "--yes")
    assert done.returncode == 0, done.stderr
    assert_linked(link, target)
    assert not plain(target), "the target was left in plain text"
    assert run(link, secret, "entry", "written through the link").returncode == 0
    assert entries(target, PASSPHRASE) == {"written before the link", "written through the link"}

    new = tmp_path / "new"
    new.write_text(NEW_PASSPHRASE + "\n")
    new.chmod(0o600)
    done = run(link, secret, "rekey", "--new-passphrase-file", str(new))
    assert done.returncode == 0, done.stderr
    assert_linked(link, target)
    assert run(link, new, "entry", "after the rekey").returncode == 0
    assert "after the rekey" in entries(target, NEW_PASSPHRASE)

    done = run(link, new, "decrypt", "--yes")
    assert done.returncode == 0, done.stderr
    assert_linked(link, target)
    assert plain(target)
    assert entries(target, None) == {
        "written before the link",
        "written through the link",
        "after the rekey",
    }


def test_backup_and_restore_through_a_symlink_keep_the_link(
    linked: tuple[Path, Path], secret: Path, tmp_path: Path
) -> None:
    link, target = linked
    done = run(link, secret, "backup", str(tmp_path / "copy.db"))
    assert done.returncode == 0, done.stderr
    assert run(link, secret, "entry", "written after the backup").returncode == 0
    assert_linked(link, target)

    done = run(link, secret, "restore", str(tmp_path / "copy.db"), "--yes")
    assert done.returncode == 0, done.stderr
    assert_linked(link, target)
    assert entries(target, None) == {"written before the link"}
    # Read through the link, the journal is the same file.
    assert entries(link, None) == {"written before the link"}
