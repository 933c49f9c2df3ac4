"""The history cache: all-time totals of the days before the dashboard's window.

The first frame reads the last :data:`WINDOW_DAYS` days one by one and everything older as one
cached row of totals (:class:`~exback_tui.core.values.History`), so a journal of a hundred
years opens as fast as one of a year. The cache is only ever a copy: triggers throw it away when
a day it covers changes (see the 20261123_02 migration), a reader that finds it missing or stale
reads every day instead, and a snapshot taken through the Journal or the quick journal writes
a fresh one (:func:`remember`).

Plain SQL over any DB-API connection, like :mod:`.snapshot_read`, which uses it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from ..core.insights import summarise
from ..core.values import Habit, History, Snapshot

_log = logging.getLogger(__name__)

# Days read one by one: a year of the insights heatmap (53 weeks) and every rule's window
# (core.insights.LOOKBACK_DAYS), with room to spare.
WINDOW_DAYS = 400
# The cache's last day moves in steps of this many days, so it is rebuilt about every two
# months rather than every day; the window is then 400 to 463 days long.
STEP_DAYS = 64


def history_until(today: date) -> date:
    """The last day the cache covers when the journal is opened on ``today``."""
    return date.fromordinal((today.toordinal() - WINDOW_DAYS) // STEP_DAYS * STEP_DAYS)


def read_history(con: Any, today: date, habits: Sequence[Habit]) -> History | None:
    """The cached totals, or None when there are none for ``today``'s window."""
    until = history_until(today)
    row = con.execute("SELECT until, data FROM history_cache WHERE id = 1").fetchone()
    if row is None or row[0] != until.isoformat():
        return None
    names = {h.id: h.name for h in habits}
    try:
        data = json.loads(row[1])
        return History(
            until=until,
            first_day=date.fromisoformat(data["first_day"]) if data["first_day"] else None,
            mood_days=int(data["mood_days"]),
            mood_total=int(data["mood_total"]),
            best_run=int(data["best_run"]),
            last_run=int(data["last_run"]),
            habit_moods=tuple(
                (names[habit_id], int(total), int(days))
                for habit_id, total, days in data["habits"]
                if habit_id in names
            ),
        )
    except (ValueError, KeyError, TypeError):
        _log.warning("The history cache could not be read; reading every day instead")
        return None


def write_history(con: Any, history: History, habits: Sequence[Habit]) -> None:
    """Store ``history`` as the cache (inside the caller's write transaction)."""
    ids = {h.name: h.id for h in habits}
    data = {
        "first_day": history.first_day.isoformat() if history.first_day else None,
        "mood_days": history.mood_days,
        "mood_total": history.mood_total,
        "best_run": history.best_run,
        "last_run": history.last_run,
        "habits": [
            [ids[name], total, days] for name, total, days in history.habit_moods if name in ids
        ],
    }
    con.execute(
        "INSERT INTO history_cache (id, until, data) VALUES (1, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET until = excluded.until, data = excluded.data",
        (history.until.isoformat(), json.dumps(data)),
    )


def remember(con: Any, snapshot: Snapshot) -> None:
    """Cache the totals of ``snapshot``'s old days (inside the caller's write transaction), so
    the next snapshot reads only the recent ones."""
    write_history(con, summarise(snapshot.checkins, history_until(snapshot.today)), snapshot.habits)


def window_start(history: History | None) -> date | None:
    """The first day read one by one (None: all of them)."""
    return history.until + timedelta(days=1) if history is not None else None
