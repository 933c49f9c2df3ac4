"""The palette's export on a journal with one odd row (issue 13, item 11): what can be read is
written, and the rows left out are named by table and id, as ``exback export`` does."""

from __future__ import annotations

import json
import sqlite3
import stat
from datetime import date, timedelta
from pathlib import Path

from textual.command import CommandList, CommandPalette

from exback_tui.store.journal import Journal
from exback_tui.tui.app import build_app

from .helpers import SIZE, dashboard_ready, notified, on, until

KEPT = "yesterday's note, kept"
ODD = "today's note, on an odd row"


def with_an_odd_row(path: Path, today: date) -> int:
    """A journal with two check-ins, the second given a time zone offset of 69 days (written
    past the checks, as an older exback or a crafted file could): its id."""
    with Journal.open(path) as journal:
        journal.set_journey(how="planned", children=False)
        journal.record_checkin(today - timedelta(days=1), mood=4, note=KEPT)
        journal.record_checkin(today, mood=6, note=ODD)
    con = sqlite3.connect(path)
    try:
        (odd,) = con.execute(
            "SELECT id FROM checkin WHERE day = ?", (today.isoformat(),)
        ).fetchone()
        con.execute("UPDATE checkin SET utc_offset_min = 100000 WHERE id = ?", (odd,))
        con.commit()
    finally:
        con.close()
    return int(odd)


async def test_the_palette_export_writes_what_it_can_read_and_names_the_odd_row(
    tmp_path: Path,
) -> None:
    today = date.today()
    path = tmp_path / "journal.db"
    odd = with_an_odd_row(path, today)
    export = path.with_name(f"exback-export-{today.isoformat()}.json")
    with Journal.open(path) as journal:
        app = build_app(journal, today=today)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await dashboard_ready(pilot, app)
            await pilot.press("ctrl+p")
            await until(pilot, on(app, CommandPalette))
            await pilot.press(*"Export the journal")

            def first_hit() -> str:
                hits = app.screen.query_one(CommandList)
                if hits.highlighted is None:
                    return ""
                return str(hits.get_option_at_index(hits.highlighted).prompt)

            await until(pilot, lambda: "Export the journal" in first_hit())
            await pilot.press("enter")
            await until(pilot, notified(app, f"checkin {odd}"))
            assert notified(app, "left out of the export")()
            assert not notified(app, "Not saved")()
            assert not notified(app, ODD)()  # named by id, never by what it holds
    doc = json.loads(export.read_text())
    assert [c["note"] for c in doc["checkins"]] == [KEPT]
    assert stat.S_IMODE(export.stat().st_mode) == 0o600
