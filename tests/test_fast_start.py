"""The fast start: the first frame is read with plain sqlite3, the journal opens behind it."""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import app_until

from exback_tui.cli import _fast_start
from exback_tui.core.values import Snapshot
from exback_tui.store.demo import build_demo
from exback_tui.store.journal import Journal
from exback_tui.store.snapshot_read import read_snapshot
from exback_tui.tui.app import ExbackApp
from exback_tui.tui.screens.checkin import CheckInScreen
from exback_tui.tui.screens.dashboard import DashboardScreen

TODAY = date(2026, 11, 23)


def test_plain_sqlite_snapshot_agrees_with_the_orm_reads(journal_path: Path) -> None:
    """The plain-SQL reader and the service's ORM reads see the same journal."""
    with Journal.open(journal_path, today=TODAY - timedelta(days=500)) as journal:
        build_demo(journal, 500, 4, TODAY)
        expected = Snapshot(
            today=TODAY,
            journey=journal.journey(),
            phase_steps=tuple(journal.phase_history()),
            checkins=tuple(journal.checkins(None, TODAY)),
            habits=tuple(journal.habits(include_archived=True)),
            contacts=tuple(reversed(journal.contacts(None, TODAY))),
            evaluation=journal.latest_evaluation(),
            checklist=tuple(journal.checklist_marks()),
            support=tuple(journal.support_contacts()),
        )
    con = sqlite3.connect(journal_path)
    try:
        found = read_snapshot(con, TODAY)
    finally:
        con.close()
    assert found == expected
    assert len(found.checkins) > 300 and found.contacts and found.evaluation is not None


def test_an_unreadable_row_is_left_out_not_fatal(
    journal: Journal, journal_path: Path, today: date
) -> None:
    journal.record_checkin(today - timedelta(days=1), mood=5)
    journal.log_contact(medium="text", initiated_by="me")
    con = sqlite3.connect(journal_path)
    con.execute(
        "INSERT INTO contact (at, at_offset_min, day, medium, initiated_by, response, "
        "logistics, note, created_at, updated_at, utc_offset_min) VALUES "
        "('2026-11-01 10:00:00.000000', 0, '2026-11-01', 'pigeon', 'me', 'none', 0, '',"
        " '2026-11-01 10:00:00', '2026-11-01 10:00:00', 0)"
    )
    con.commit()
    snap = read_snapshot(con, today)
    con.close()
    assert [c.medium.value for c in snap.contacts] == ["text"]
    assert len(snap.checkins) == 1


def test_fast_start_only_for_a_current_plain_journal(tmp_path: Path, journal_path: Path) -> None:
    args = argparse.Namespace(db=tmp_path / "new.db")
    assert _fast_start(args) is None  # a new journal is created the ordinary way
    Journal.open(journal_path).close()
    found = _fast_start(argparse.Namespace(db=journal_path))
    assert found is not None
    opener, first, theme = found
    assert first.phase == 1 and theme is None
    with opener() as journal:
        assert journal.path == journal_path


def test_fast_start_paints_without_sqlalchemy(journal_path: Path) -> None:
    Journal.open(journal_path).close()
    code = (
        "import argparse, sys\n"
        "from pathlib import Path\n"
        "from exback_tui.cli import _fast_start\n"
        "from exback_tui.tui import app, dashboard_data\n"
        f"found = _fast_start(argparse.Namespace(db=Path({str(journal_path)!r})))\n"
        "dashboard_data.compute(found[1])\n"
        "print('sqlalchemy' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def busy(app: ExbackApp, group: str) -> bool:
    """True while a worker of ``group`` (Textual's public worker list) has not finished."""
    return any(w.group == group and not w.is_finished for w in app.workers)


async def test_typing_before_the_journal_has_opened_is_kept(
    journal_path: Path, today: date
) -> None:
    with Journal.open(journal_path) as journal:
        journal.set_journey(how="planned")
        first = journal.snapshot(today)
    release = threading.Event()
    opening = threading.Event()

    def slow_opener() -> Journal:
        # The journal is still opening while the user types; opens at once once released.
        opening.set()
        assert release.wait(60), "the test never let the journal open"
        return Journal.open(journal_path)

    app = ExbackApp(opener=slow_opener, first=first, today=today)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await app_until(
                pilot,
                lambda: isinstance(app.screen, DashboardScreen) and app.screen.data is not None,
                "the first frame",
            )
            await pilot.press("c")
            await app_until(
                pilot, lambda: isinstance(app.screen, CheckInScreen), "the check-in form"
            )
            await pilot.press("7", "tab", "3")
            # Typed while the journal is still opening, behind the form. (It once waited
            # for the dashboard's repaint, and a busy machine let the form come first.)
            await app_until(
                pilot,
                lambda: opening.is_set() and busy(app, "open") and busy(app, "checkin-load"),
                "the journal to be opening behind the form",
            )
            release.set()
            await app_until(
                pilot,
                lambda: not busy(app, "open") and not busy(app, "checkin-load"),
                "the journal to open and the form to load the saved day",
            )
            await pilot.press("ctrl+s")
            # The form closes only after the save has been committed.
            await app_until(
                pilot, lambda: isinstance(app.screen, DashboardScreen), "the saved form to close"
            )
    finally:
        release.set()  # a failed test lets the opener's thread go
    with Journal.open(journal_path) as journal:
        saved = journal.checkin(today)
    assert saved is not None and (saved.mood, saved.urge) == (7, 3)


async def test_the_journal_opened_behind_the_first_frame_keeps_the_history(
    journal_path: Path, today: date
) -> None:
    """A first frame that had to read every day leaves the totals for the next start."""
    with Journal.open(journal_path, today=today - timedelta(days=800)) as journal:
        build_demo(journal, 800, 4, today)
    found = _fast_start(argparse.Namespace(db=journal_path))
    assert found is not None
    opener, first, _ = found
    assert first.history is None and len(first.checkins) > 700
    app = ExbackApp(opener=opener, first=first)

    def totals_kept() -> bool:
        again = _fast_start(argparse.Namespace(db=journal_path))
        return again is not None and again[1].history is not None

    async with app.run_test(size=(120, 40)) as pilot:
        await app_until(pilot, totals_kept, "the totals of the old days to be kept")
    again = _fast_start(argparse.Namespace(db=journal_path))
    assert again is not None and again[1].history is not None
    assert len(again[1].checkins) < 500


@pytest.mark.slow
def test_fast_start_on_a_damaged_journal_never_raises(journal_path: Path) -> None:
    """Every page of the journal damaged in turn: the fast look either paints or steps aside
    for the ordinary way (which finds the damage and says so), and never raises."""
    import os

    with Journal.open(journal_path, today=TODAY - timedelta(days=200)) as journal:
        build_demo(journal, 200, 1, TODAY)
    pristine = journal_path.read_bytes()
    page = 4096
    stepped_aside = 0
    for n in range(1, len(pristine) // page):
        noisy = bytearray(pristine)
        noisy[n * page : n * page + 300] = os.urandom(300)
        journal_path.write_bytes(bytes(noisy))
        for suffix in ("-wal", "-shm"):
            Path(f"{journal_path}{suffix}").unlink(missing_ok=True)
        if _fast_start(argparse.Namespace(db=journal_path)) is None:
            stepped_aside += 1
    assert stepped_aside > 0
