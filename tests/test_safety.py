"""Never lose a saved word: writers killed mid-save, and two processes writing at once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

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


def test_killed_writer_never_loses_a_reported_save(journal_path: Path) -> None:
    Journal.open(journal_path).close()
    rng = random.Random(20261123)
    for round_ in range(20):
        tag = f"r{round_}"
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(journal_path), tag],
            stdout=subprocess.PIPE, text=True,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.02, 0.25))
        os.kill(proc.pid, signal.SIGKILL)
        reported = [line.split() for line in proc.stdout.read().splitlines() if line]
        proc.wait()
        con = sqlite3.connect(journal_path)
        try:
            assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            texts = {t for (t,) in con.execute("SELECT text FROM entry")}
            for _, i, entry_id in reported:
                assert f"{tag} entry {i}" in texts
                row = con.execute("SELECT text FROM entry WHERE id = ?", (int(entry_id),))
                assert row.fetchone() == (f"{tag} entry {i}",)
        finally:
            con.close()
    with Journal.open(journal_path) as j:
        assert j.integrity_ok()


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


def test_two_processes_writing_at_once_lose_nothing(journal_path: Path) -> None:
    Journal.open(journal_path).close()
    count = 150
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SHARED_WRITER, str(journal_path), habit, str(count)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
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
