"""Never lose a saved word: writers killed mid-save, and two processes writing at once."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext
from pathlib import Path

import pytest

from exback_tui.store.journal import Journal


def write_until_killed(path: str, tag: str, out: Connection) -> None:
    """A writer: saves a check-in and an entry again and again, reporting each pair only after
    both commits returned (these must survive anything), until it is killed."""
    journal = Journal.open(path)
    out.send("ready")
    i = 0
    while True:
        day = date.today() - timedelta(days=i % 400)
        journal.record_checkin(day, mood=1 + i % 10, note=f"{tag}-{i}")
        entry = journal.add_entry(f"{tag} entry {i}")
        out.send(f"done {i} {entry.id}")
        i += 1


def writers() -> ForkServerContext:
    """Processes forked from a server that has already imported the Journal: a new process
    each round, killed as any other, without paying 0.5 s of imports twenty times."""
    context: ForkServerContext = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["exback_tui.store.journal"])
    return context


class Reports:
    """What a writer reported, message by message; a wait fails after ``timeout``."""

    def __init__(self, received: Connection) -> None:
        self._received = received

    def next(self, timeout: float = 60) -> str | None:
        """The next report; None once the writer has gone and everything it sent is read."""
        if not self._received.poll(timeout):
            raise AssertionError(f"the writer reported nothing for {timeout} s")
        try:
            report: str = self._received.recv()
        except EOFError:
            return None
        return report

    def rest(self) -> list[str]:
        """Every report still to come, up to the writer's end."""
        found = []
        while (report := self.next()) is not None:
            found.append(report)
        return found


@pytest.mark.slow
def test_killed_writer_never_loses_a_reported_save(journal_path: Path) -> None:
    """Twenty writers, each killed after a random number of confirmed saves, while it is in the
    middle of the next one: every save it confirmed is there, in an intact file."""
    Journal.open(journal_path).close()
    rng = random.Random(20261123)
    confirmed: dict[int, str] = {}  # entry id -> text, for every save a writer reported
    rounds_with_saves = 0
    context = writers()
    for round_ in range(20):
        tag = f"r{round_}"
        received, sent = context.Pipe(duplex=False)
        proc = context.Process(target=write_until_killed, args=(str(journal_path), tag, sent))
        proc.start()
        sent.close()  # only the writer holds it now: its death ends the reports
        try:
            reports = Reports(received)
            assert reports.next() == "ready"
            reported = [reports.next() for _ in range(rng.randint(0, 25))]
            # Killed while it is still writing: a writer that had died on its own would make
            # this test pass without killing anything.
            assert proc.is_alive(), f"the writer ended on its own ({proc.exitcode})"
            assert proc.pid is not None
            os.kill(proc.pid, signal.SIGKILL)
            proc.join(timeout=60)
            assert proc.exitcode == -signal.SIGKILL
            reported += reports.rest()
        finally:
            if proc.is_alive():
                proc.kill()
                proc.join()
            received.close()
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
