"""A full disk, or a file size limit reached: every command says so in one sentence, exits
non-zero, leaves the journal as it was and makes no file.

Two ways to run out of room: ``RLIMIT_FSIZE`` (``ulimit -f``), set in the run only (a warm
run, ``run_warm(file_size_limit=...)``), which works everywhere; and a real, full, small file
system (a tmpfs mounted in a user namespace), where the machine allows it, with the installed
``exback``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from warm_exback import run_warm

from exback_tui.store.errors import MIN_ROOM

EXBACK = str(Path(sys.executable).with_name("exback"))
PASSPHRASE = "a long enough passphrase"


def commands(folder: Path, journal: Path, backup: Path) -> list[list[str]]:
    """Every kind of command: quick reads and writes, the full opener, copies, conversions."""
    return [
        ["status"],
        ["checkin", "--mood", "5", "--note", "a full day"],
        ["entry", "words that must not be lost"],
        ["search", "pause"],
        ["habits", "list"],
        ["phase"],
        ["backup"],
        ["export", "--format", "md", "--output", str(folder / "out.md")],
        ["encrypt", "--yes"],
        ["restore", str(backup), "--yes"],
        ["demo", "--days", "30", "--output", str(folder / "new.db")],
    ]


def listing(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a digest of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _make_journal(folder: Path) -> tuple[Path, Path]:
    """A demo journal that has been opened (so it is in WAL mode, as in use) and a backup."""
    journal = folder / "journal.db"
    env = {**os.environ, "EXBACK_DB": str(journal)}
    for args in (["demo", "--days", "120", "--output", str(journal)], ["backup"], ["status"]):
        done = run_warm(args, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
    backup = next((folder / "backups").glob("*.db"))
    return journal, backup


@pytest.fixture(scope="module")
def made_today(tmp_path_factory: pytest.TempPathFactory) -> Callable[[], tuple[Path, Path]]:
    """The demo journal and its backup, made once a day (the demo's days and the backups'
    names follow today) by :func:`_make_journal`."""

    made: dict[date, tuple[Path, Path]] = {}

    def get() -> tuple[Path, Path]:
        day = date.today()
        if day not in made:
            folder = tmp_path_factory.mktemp("made") / "data"
            folder.mkdir(mode=0o700)
            made[day] = _make_journal(folder)
        return made[day]

    return get


@pytest.fixture
def make_journal(
    made_today: Callable[[], tuple[Path, Path]],
) -> Callable[[Path], tuple[Path, Path]]:
    """Put a copy of today's demo journal and its backup in a test's folder."""

    def make(folder: Path) -> tuple[Path, Path]:
        journal, backup = made_today()
        shutil.copytree(journal.parent, folder, symlinks=True, dirs_exist_ok=True)
        copied = folder / journal.name
        assert copied.read_bytes()[18] == 2, "the control: the journal is in WAL mode"
        return copied, folder / "backups" / backup.name

    return make


def assert_said_and_left_alone(
    args: list[str],
    done: subprocess.CompletedProcess[str],
    before: dict[str, str],
    folder: Path,
    words: str,
) -> None:
    what = " ".join(args[:1])
    assert done.returncode != 0, f"{what} succeeded without room"
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, f"{what}: {done.stderr!r}"
    assert lines[0].startswith("exback: ") and words in lines[0], f"{what}: {lines[0]!r}"
    for wrong in ("damaged", "restore", "Traceback", "disk I/O"):
        assert wrong not in done.stderr, f"{what}: {done.stderr!r}"
    assert listing(folder) == before, f"{what} changed or made a file"


@pytest.mark.slow
@pytest.mark.parametrize("limit", ["zero", "below the journal's size"])
def test_every_command_says_the_file_size_limit_is_reached(
    tmp_path: Path, limit: str, make_journal: Callable[[Path], tuple[Path, Path]]
) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    journal, backup = make_journal(folder)
    secret = tmp_path / "secret"
    secret.write_text(PASSPHRASE)
    secret.chmod(0o600)
    env = {**os.environ, "EXBACK_DB": str(journal), "EXBACK_PASSPHRASE_FILE": str(secret)}
    size = 0 if limit == "zero" else journal.stat().st_size // 2
    before = listing(folder)
    for args in commands(folder, journal, backup):
        done = run_warm(args, env=env, timeout=120, file_size_limit=size)
        assert_said_and_left_alone(args, done, before, folder, "file size limit is reached")
    # The control: with room again, the same journal opens and takes a write.
    again = run_warm(["entry", "room again"], env=env, timeout=120)
    assert again.returncode == 0, again.stderr


# Runs inside a new user and mount namespace: mounts a small tmpfs, fills it, and runs every
# command there; prints what each said as JSON.
ON_A_FULL_DISK = textwrap.dedent(
    """
    import errno, hashlib, json, os, shutil, subprocess, sys
    from pathlib import Path

    mount, journal, backup, exback, *names = sys.argv[1:]
    commands = json.loads(names[0])
    leave = int(names[1]) if len(names) > 1 else 0  # bytes left free after filling
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", mount],
                   check=True)
    folder = Path(mount) / "data"
    folder.mkdir(mode=0o700)
    (folder / "backups").mkdir(mode=0o700)
    shutil.copy(journal, folder / "journal.db")
    shutil.copy(backup, folder / "backups" / Path(backup).name)
    (Path(mount) / "secret").write_text("a long enough passphrase")
    (Path(mount) / "secret").chmod(0o600)
    with open(Path(mount) / "filler", "wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"x" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC, exc
    if leave:
        filler_size = os.path.getsize(Path(mount) / "filler")
        os.truncate(Path(mount) / "filler", filler_size - leave)
    def listing():
        return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob("*")) if p.is_file()}
    before = listing()
    env = {**os.environ, "EXBACK_DB": str(folder / "journal.db"),
           "EXBACK_PASSPHRASE_FILE": str(Path(mount) / "secret")}
    said = []
    for args in commands:
        args = [a.replace("@BACKUP@", str(folder / "backups" / Path(backup).name))
                 .replace("@FOLDER@", str(folder)) for a in args]
        done = subprocess.run([exback, *args], env=env, capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, timeout=120)
        said.append([args, done.returncode, done.stderr, listing() == before, done.stdout])
    print(json.dumps(said))
    """
)


def namespaces_allowed() -> str:
    """Why a small file system cannot be mounted here without root; "" when it can."""
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return "the unshare and mount commands are not installed"
    tried = subprocess.run(
        ["unshare", "-rm", "mount", "-t", "tmpfs", "tmpfs", "/mnt"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    if tried.returncode != 0:
        return f"user namespaces cannot mount a tmpfs here ({tried.stderr.strip()})"
    return ""


@pytest.mark.slow
def test_every_command_says_the_disk_is_full_on_a_full_file_system(
    tmp_path: Path, make_journal: Callable[[Path], tuple[Path, Path]]
) -> None:
    why = namespaces_allowed()
    if why:
        pytest.skip(f"no small file system without root: {why}")
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    journal, backup = make_journal(folder)
    mount = tmp_path / "small"
    mount.mkdir()
    script = tmp_path / "full_disk.py"
    script.write_text(ON_A_FULL_DISK)
    named = [
        [a.replace(str(backup), "@BACKUP@").replace(str(folder), "@FOLDER@") for a in args]
        for args in commands(folder, journal, backup)
    ]
    ran = subprocess.run(
        [
            "unshare",
            "-rm",
            sys.executable,
            str(script),
            str(mount),
            str(journal),
            str(backup),
            EXBACK,
            json.dumps(named),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert ran.returncode == 0, ran.stderr
    results = json.loads(ran.stdout)
    assert len(results) == len(named)
    for args, code, stderr, untouched, _ in results:
        what = args[0]
        assert code != 0, f"{what} succeeded on a full disk"
        lines = stderr.strip().splitlines()
        assert len(lines) == 1 and "disk is full" in lines[0], f"{what}: {stderr!r}"
        for wrong in ("damaged", "restore", "Traceback", "disk I/O"):
            assert wrong not in stderr, f"{what}: {stderr!r}"
        assert untouched, f"{what} changed or made a file on the full disk"


def on_a_small_disk(
    tmp_path: Path,
    make_journal: Callable[[Path], tuple[Path, Path]],
    named: list[list[str]],
    leave: Callable[[int], int],
) -> list[tuple[list[str], int, str, bool, str]]:
    """Run each of ``named`` (with @FOLDER@ and @BACKUP@) on a copy of a demo journal in a
    small file system that has ``leave(the journal's size)`` bytes free; what each said, and
    whether every file there was left as it was."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    journal, backup = make_journal(folder)
    room = leave(journal.stat().st_size)
    mount = tmp_path / "small"
    mount.mkdir()
    script = tmp_path / "full_disk.py"
    script.write_text(ON_A_FULL_DISK)
    where = [str(mount), str(journal), str(backup)]
    ran = subprocess.run(
        [
            "unshare",
            "-rm",
            sys.executable,
            str(script),
            *where,
            EXBACK,
            json.dumps(named),
            str(room),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert ran.returncode == 0, ran.stderr
    return [tuple(found) for found in json.loads(ran.stdout)]


@pytest.mark.slow
def test_a_daily_backup_never_takes_the_room_the_journal_needs(
    tmp_path: Path, make_journal: Callable[[Path], tuple[Path, Path]]
) -> None:
    """With room for a day's backup but not for the journal to go on after it, status shows
    everything, makes no backup and no file, and exits 0: a backup that filled the disk
    would turn every later command into "the disk is full"."""
    why = namespaces_allowed()
    if why:
        pytest.skip(f"no small file system without root: {why}")
    # Enough to open the journal (MIN_ROOM), not enough to be left after a copy of it.
    results = on_a_small_disk(
        tmp_path, make_journal, [["status"], ["status"]], lambda size: MIN_ROOM + size // 2
    )
    for args, code, stderr, untouched, stdout in results:
        assert code == 0, f"{args}: {stderr!r}"
        assert "Readiness" in stdout
        assert untouched, f"{args} made or changed a file on the nearly full disk"


def test_status_leaves_nothing_beside_the_journal(
    tmp_path: Path, make_journal: Callable[[Path], tuple[Path, Path]]
) -> None:
    """No -wal or -shm is left behind by status's look at the file (a read-only connection,
    the last to close, cannot remove them)."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    journal, _ = make_journal(folder)
    for sidecar in ("-wal", "-shm"):
        journal.with_name(journal.name + sidecar).unlink(missing_ok=True)
    env = {**os.environ, "EXBACK_DB": str(journal)}
    for args in (["status"], ["status", "--json"]):
        done = run_warm([*args], env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        beside = sorted(p.name for p in folder.iterdir() if p.is_file())
        assert beside == ["journal.db"], f"{args}: {beside}"
