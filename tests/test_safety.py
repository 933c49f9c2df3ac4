"""Never lose a saved word: writers killed mid-save, and two processes writing at once."""

from __future__ import annotations

import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from exback_tui.store.journal import Journal

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date, timedelta
    from exback_tui.store.journal import Journal

    path, tag = sys.argv[1], sys.argv[2]
    journal = Journal.open(path)
    print("ready", flush=True)
    i = 0
    while True:
        day = date.today() - timedelta(days=i % 400)
        journal.record_checkin(day, mood=1 + i % 10, note=f"{tag}-{i}")
        entry = journal.add_entry(f"{tag} entry {i}")
        # Reported only after both commits returned: these must survive anything.
        print(f"done {i} {entry.id}", flush=True)
        i += 1
    """
)


class Lines:
    """A child's standard output, line by line, read in a thread so a wait can time out."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        self._lines: queue.Queue[str | None] = queue.Queue()
        stream = proc.stdout

        def pump() -> None:
            for line in stream:
                self._lines.put(line.strip())
            self._lines.put(None)  # the end: the child closed its output (it exited)

        self._thread = threading.Thread(target=pump, daemon=True)
        self._thread.start()

    def next(self, timeout: float = 60) -> str | None:
        """The next line; None once the child's output has ended. Fails after ``timeout``."""
        try:
            return self._lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"the writer printed nothing for {timeout} s") from None

    def rest(self) -> list[str]:
        """Every line still to come, up to the end of the output."""
        found = []
        while (line := self.next()) is not None:
            found.append(line)
        return found


@pytest.mark.slow
def test_killed_writer_never_loses_a_reported_save(journal_path: Path) -> None:
    """Twenty writers, each killed after a random number of confirmed saves, while it is in the
    middle of the next one: every save it confirmed is there, in an intact file."""
    Journal.open(journal_path).close()
    rng = random.Random(20261123)
    confirmed: dict[int, str] = {}  # entry id -> text, for every save a writer reported
    rounds_with_saves = 0
    for round_ in range(20):
        tag = f"r{round_}"
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(journal_path), tag],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            lines = Lines(proc)
            assert lines.next() == "ready"
            reported = [lines.next() for _ in range(rng.randint(0, 25))]
            # Killed while it is still writing: a writer that had died on its own would make
            # this test pass without killing anything.
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            os.kill(proc.pid, signal.SIGKILL)
            assert proc.wait(timeout=60) == -signal.SIGKILL
            reported += lines.rest()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        saves = [line.split() for line in reported if line is not None]
        assert all(word == "done" for word, _, _ in saves), reported
        rounds_with_saves += bool(saves)
        con = sqlite3.connect(journal_path)
        try:
            assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            for _, i, entry_id in saves:
                row = con.execute("SELECT text FROM entry WHERE id = ?", (int(entry_id),))
                assert row.fetchone() == (f"{tag} entry {i}",)
                confirmed[int(entry_id)] = f"{tag} entry {i}"
        finally:
            con.close()
    assert rounds_with_saves >= 15, "most writers confirmed a save before they were killed"
    with Journal.open(journal_path) as j:
        assert j.integrity_ok()
        assert {entry_id: j.entry(entry_id).text for entry_id in confirmed} == confirmed


SHARED_WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date, timedelta
    from exback_tui.store.journal import Journal

    path, habit, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with Journal.open(path) as journal:
        for i in range(count):
            day = date.today() - timedelta(days=i % 50)
            # Read-modify-write of the same days from both processes: each adds its own habit
            # to the day's marks, which only survives if neither update is lost.
            journal.record_checkin(day, urge=i % 11, habits=[habit], add_habits=True)
            journal.add_entry(f"{habit} {i}")
    print("finished", flush=True)
    """
)


@pytest.mark.slow
def test_two_processes_writing_at_once_lose_nothing(journal_path: Path) -> None:
    Journal.open(journal_path).close()
    count = 150
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SHARED_WRITER, str(journal_path), habit, str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for habit in ("friends", "exercise")
    ]
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 0, stderr
        assert stdout.strip() == "finished"
    with Journal.open(journal_path) as j:
        days = j.checkins()
        assert len(days) == 50
        assert all(c.habits == {"friends", "exercise"} for c in days)
        assert j.count_entries() == 2 * count
        assert j.integrity_ok()
