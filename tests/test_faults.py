"""Fault injection: conversions and backups stopped by SIGKILL, SIGTERM or SIGHUP at random
points, round after round, on one demo journal of realistic size.

Each round starts ``exback encrypt``, ``decrypt``, ``rekey`` or ``backup`` through the installed
command, waits until it reaches a stage drawn from a seeded generator (a conversion: it holds
its lock, its work file is there, or it has swapped the journal; a backup: it has the journal
open), lets it run on for a random moment more, and sends a signal. The moment is a random
part of how long that command ran on after that stage when the test paced it on a copy of
the journal first (:func:`pace`), so the signal lands part way on a fast machine as on a slow
one: a fixed moment let every command finish first on a machine three times faster. Then a normal
command opens the journal and writes to it (``exback entry`` or the quick ``exback checkin``),
and the round checks what must always hold:

- the journal passes its integrity check, and every write that was reported saved is there;
- nothing a stopped conversion leaves (work file, lock) is left after that opening;
- while the journal is encrypted, no file beside it or in its backups folder opens as a
  plaintext SQLite database (its first bytes are not ``SQLite format 3\\0``).

ROUNDS rounds (seed SEED) take from 3 s to about a minute on a two-core machine, by its speed.
"""

from __future__ import annotations

import collections
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import wait_for
from warm_exback import WarmProcess, run_warm, start_warm

from exback_tui.store import crypto, leftovers
from exback_tui.store.errors import WrongPassphrase
from exback_tui.store.journal import Journal

EXBACK = str(Path(sys.executable).with_name("exback"))
SEED = 8  # gives rounds of each kind, and each signal just after a swap
ROUNDS = 10
DEMO_DAYS = 1000  # about 650 KB: three years of daily use
PASSPHRASES = ("the first long passphrase", "the second long passphrase")
SIGNALS = (signal.SIGKILL, signal.SIGTERM, signal.SIGHUP)
SQLITE_MAGIC = b"SQLite format 3\x00"
# Where a round waits before its random moment: every part of a conversion is reached, the
# swap and the clean-up after it included, however fast or slow the machine is.
STAGES = {
    "encrypt": ("lock", "work", "swap", "swap"),  # after the swap is where most can go wrong
    "decrypt": ("lock", "work", "swap", "swap"),
    "rekey": ("lock", "work", "swap", "swap"),
    "backup": ("open",),
}
# A round's moment after its stage: up to this part of how long the command ran on after it.
MOMENT = 0.9
# How often a round looks for its stage: a conversion's last step, after its swap, takes a
# few milliseconds on a fast machine.
LOOK_EVERY = 0.001


def is_plain_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def has_open(pid: int, path: Path) -> bool:
    """Whether process ``pid`` has the file at ``path`` open (it is past start-up)."""
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


class UnderTest:
    """The journal under test: where it is, the passphrase it has now, what was confirmed."""

    def __init__(self, path: Path, secret: Path) -> None:
        self.path = path
        self.secret = secret
        self.key: str | None = None
        self.entries: list[str] = []
        self.notes: dict[date, str] = {}

    @property
    def encrypted(self) -> bool:
        return not is_plain_sqlite(self.path)

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "EXBACK_DB": str(self.path),
            "EXBACK_PASSPHRASE_FILE": str(self.secret),
        }

    def set_key(self, key: str | None) -> None:
        self.key = key
        self.secret.write_text((key or PASSPHRASES[0]) + "\n")
        self.secret.chmod(0o600)

    def find_key(self) -> None:
        """After a rekey that may or may not have swapped: the passphrase that opens it."""
        if not self.encrypted:
            self.set_key(None)
            return
        for key in PASSPHRASES:
            try:
                crypto.check_passphrase(self.path, key)
            except WrongPassphrase:
                continue
            self.set_key(key)
            return
        pytest.fail("neither passphrase opens the journal")


def start(journal: UnderTest, verb: str, other: Path) -> WarmProcess:
    args = {
        "encrypt": ["encrypt", "--yes"],
        "decrypt": ["decrypt", "--yes"],
        "rekey": ["rekey", "--new-passphrase-file", str(other)],
        "backup": ["backup"],
    }[verb]
    return start_warm([*args], env=journal.env())


def file_id(path: Path) -> tuple[int, int]:
    found = path.stat()
    return (found.st_dev, found.st_ino)


def signs(proc: WarmProcess, path: Path, verb: str) -> dict[str, Callable[[], bool]]:
    """Whether the command has reached each stage, seen from outside it."""
    lock = path.with_name(f".{path.name}.converting")
    work = path.with_name(f".{path.name}.{verb}ing")
    before = file_id(path)
    return {
        "open": lambda: has_open(proc.pid, path),
        "lock": lock.exists,
        "work": work.exists,
        "swap": lambda: file_id(path) != before,
    }


def reached(proc: WarmProcess, journal: UnderTest, verb: str, stage: str) -> bool:
    """Wait until the command reaches ``stage`` (False if it ended first)."""
    sign = signs(proc, journal.path, verb)[stage]
    wait_for(lambda: sign() or proc.poll() is not None, f"{verb} at {stage}", 120, LOOK_EVERY)
    return proc.poll() is None


def pace(path: Path, tmp_path: Path) -> dict[tuple[str, str], float]:
    """How long each command runs on after each of its stages, on this machine now: each is
    run once, unstopped, on a copy of the journal at ``path``, while the test looks for its
    stages as a round does."""
    folder = tmp_path / "pace"
    folder.mkdir(mode=0o700)
    copy = UnderTest(folder / path.name, tmp_path / "pace-secret")
    copy.path.write_bytes(path.read_bytes())
    copy.set_key(None)
    other = tmp_path / "pace-other"
    other.write_text(PASSPHRASES[1] + "\n")
    other.chmod(0o600)
    ran_on: dict[tuple[str, str], float] = {}
    # Each command in turn, and the passphrase the copy has after it.
    for verb, key in (
        ("encrypt", PASSPHRASES[0]),
        ("rekey", PASSPHRASES[1]),
        ("decrypt", None),
        ("backup", None),
    ):
        for stage, seconds in run_on_after(copy, verb, other).items():
            ran_on[(verb, stage)] = seconds
        copy.set_key(key)
    return ran_on


def run_on_after(journal: UnderTest, verb: str, other: Path) -> dict[str, float]:
    """Run the command unstopped; how long it ran on after each of its stages."""
    proc = start(journal, verb, other)
    at = signs(proc, journal.path, verb)
    seen: dict[str, float] = {}

    def look() -> bool:
        for stage in STAGES[verb]:
            if stage not in seen and at[stage]():
                seen[stage] = time.monotonic()
        return proc.poll() is not None

    wait_for(look, f"{verb} to end while paced", 120, LOOK_EVERY)
    ended = time.monotonic()
    _, err = proc.communicate()
    assert proc.returncode == 0, f"{verb}, paced: {err}"
    missed = [stage for stage in STAGES[verb] if stage not in seen]
    assert not missed, f"{verb} ended before it was seen at {missed}"
    return {stage: ended - when for stage, when in seen.items()}


def write_between_rounds(
    journal: UnderTest, n: int, today: date
) -> subprocess.CompletedProcess[str]:
    """The normal command that opens the journal after a round, and the write it makes."""
    done: subprocess.CompletedProcess[str]
    if n % 2:
        words = f"fault round {n}"
        done = run_warm(["entry", words], env=journal.env(), timeout=120)
        if done.returncode == 0:
            journal.entries.append(words)
    else:
        day, note = today - timedelta(days=n), f"fault note {n}"
        done = run_warm(
            ["checkin", "--date", day.isoformat(), "--note", note], env=journal.env(), timeout=120
        )
        if done.returncode == 0:
            journal.notes[day] = note
    return done


def check(journal: UnderTest, said: str) -> None:
    """What must hold after every round."""
    folder = journal.path.parent
    # A conversion's work files and its lock (the day of the last check-in, which exback
    # remind reads, is kept beside an encrypted journal on purpose).
    left = [p.name for p in leftovers.work_files(journal.path)]
    left += [p.name for p in folder.glob(f".{journal.path.name}.converting")]
    assert left == [], f"left beside the journal after it was opened: {left}; {said}"
    with Journal.open(journal.path, passphrase=journal.key) as opened:
        assert opened.integrity_ok()
        texts = {entry.text for entry in opened.entries()}
        missing = [w for w in journal.entries if w not in texts]
        assert not missing, f"confirmed entries lost: {missing}"
        for day, note in journal.notes.items():
            found = opened.checkin(day)
            assert found is not None and found.note == note, f"confirmed check-in lost: {day}"
    if journal.encrypted:
        readable = [str(p) for p in folder.rglob("*") if p.is_file() and is_plain_sqlite(p)]
        assert readable == [], f"plaintext beside an encrypted journal: {readable}; {said}"


@pytest.mark.slow
def test_conversions_and_backups_stopped_at_random_points_lose_and_leak_nothing(
    tmp_path: Path, today: date
) -> None:
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to see when a command has the journal open")
    rng = random.Random(SEED)
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    path = folder / "journal.db"
    made = subprocess.run(
        [EXBACK, "demo", "--days", str(DEMO_DAYS), "--seed", str(SEED), "--output", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    journal = UnderTest(path, tmp_path / "secret")
    journal.set_key(None)
    ran_on = pace(path, tmp_path)
    other = tmp_path / "other"
    outcomes: collections.Counter[tuple[str, str, str]] = collections.Counter()

    for n in range(ROUNDS):
        verb = rng.choice(
            ["decrypt", "rekey", "backup"]
            if journal.encrypted
            else ["encrypt", "encrypt", "backup"]
        )
        sig = SIGNALS[n % len(SIGNALS)]
        stage = rng.choice(STAGES[verb])
        delay = rng.uniform(0, MOMENT) * ran_on[(verb, stage)]
        new_key = PASSPHRASES[1] if journal.key == PASSPHRASES[0] else PASSPHRASES[0]
        if verb == "encrypt":
            journal.secret.write_text(new_key + "\n")  # the passphrase it is encrypted with
        other.write_text(new_key + "\n")
        other.chmod(0o600)
        proc = start(journal, verb, other)
        sent = False
        if reached(proc, journal, verb, stage):
            try:
                proc.communicate(timeout=delay)
            except subprocess.TimeoutExpired:
                proc.send_signal(sig)
                sent = True
        _, err = proc.communicate(timeout=120)
        assert "Traceback" not in err, err
        ended = "stopped" if sent and proc.returncode != 0 else "finished"
        outcomes[(f"{verb} at {stage}", sig.name, ended)] += 1
        journal.find_key()
        said = f"round {n}: {verb} {sig.name} at {stage} + {delay:.2f} s, {ended}"

        done = write_between_rounds(journal, n, today)
        assert done.returncode == 0, f"{said}: {done.stderr}"
        for wrong in ("Traceback", "damaged"):
            assert wrong not in done.stderr, f"{said}: {done.stderr}"
        check(journal, said)

    summary = ", ".join(f"{v} {s} {o}: {c}" for (v, s, o), c in sorted(outcomes.items()))
    print(f"\n{ROUNDS} rounds (seed {SEED}): {summary}")
    stopped_rounds = sum(c for (_, _, o), c in outcomes.items() if o == "stopped")
    assert stopped_rounds >= ROUNDS // 4, f"too few rounds stopped anything: {summary}"
    assert len(journal.entries) + len(journal.notes) == ROUNDS
