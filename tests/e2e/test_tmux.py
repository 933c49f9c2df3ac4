"""End to end: the installed ``exback`` in a real terminal (tmux), a check-in typed, read back."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from exback_tui.store.journal import Journal

EXBACK = Path(sys.executable).parent / "exback"
pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


@pytest.fixture
def session(tmp_path: Path) -> Iterator[str]:
    name = f"exback-e2e-{uuid.uuid4().hex[:8]}"
    yield name
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def screen(name: str) -> str:
    return subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True
    ).stdout


def wait_for(name: str, check: Callable[[str], bool], timeout: float = 15) -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = screen(name)
        if check(text):
            return text
        time.sleep(0.2)
    raise AssertionError(f"the terminal never showed it; last screen:\n{text}")


def keys(name: str, *sequence: str) -> None:
    """Send the whole sequence in one go, as a paste or a fast typist does: every key must
    still land in the field that has focus when it is handled."""
    subprocess.run(["tmux", "send-keys", "-t", name, *sequence], check=True)


def start(session: str, db: Path, home: Path) -> None:
    """The installed exback on ``db`` in an 80x24 terminal, up to its first frame."""
    command = f"{EXBACK} --db {db}; echo EXITED $?; sleep 30"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "80", "-y", "24", command],
        check=True,
        env={"PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "HOME": str(home)},
    )
    wait_for(session, lambda s: "not yet, press c" in s or "Roadmap" in s)


def test_checkin_typed_in_a_terminal_reaches_the_file(tmp_path: Path, session: str) -> None:
    db = tmp_path / "journal.db"
    with Journal.open(db) as journal:
        journal.set_journey(how="planned", onboarded=True)
    start(session, db, tmp_path)
    keys(session, "c")
    wait_for(session, lambda s: "Check-in" in s and "Mood" in s)
    keys(session, "7", "Tab", "3", "C-s")
    wait_for(session, lambda s: "Saved the check-in" in s)
    keys(session, "q")
    wait_for(session, lambda s: "EXITED 0" in s)
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT mood, urge FROM checkin WHERE day = ?", (date.today().isoformat(),)
        ).fetchone()
    assert row == (7, 3)


def test_a_burst_of_keys_right_after_c_lands_field_by_field(tmp_path: Path, session: str) -> None:
    """Issue 14.1: the check-in opened and filled in one send: mood, Tab, urge, Tab, a tick,
    Tab, a note, save. Each key goes to the field that has focus when it is handled."""
    db = tmp_path / "journal.db"
    with Journal.open(db) as journal:
        journal.set_journey(how="planned", onboarded=True)
    start(session, db, tmp_path)  # sent at the first frame, while the journal still opens
    keys(session, "c", "7", "Tab", "3", "Tab", "Space", "Tab", "burst one", "C-s")
    wait_for(session, lambda s: "Saved the check-in" in s)
    keys(session, "q")
    wait_for(session, lambda s: "EXITED 0" in s)
    with Journal.open(db) as journal:
        saved = journal.checkin(date.today())
    assert saved is not None
    assert (saved.mood, saved.urge, saved.note) == (7, 3, "burst one")
    assert saved.habits == frozenset({"friends"})
