"""Reading a :class:`Snapshot` with plain SQL over any DB-API connection to a journal.

The dashboard's first frame needs only this read, so it is kept free of SQLAlchemy: the app
can paint real data from a plain ``sqlite3`` connection while SQLAlchemy (a fifth of a second
to import) loads behind it. ``Journal.snapshot`` uses the same function over its own pooled
connection, and each kind of row is read by the same function of store.readers that the
Journal's single reads call, so the snapshot and those reads cannot disagree.
"""

from __future__ import annotations

from datetime import date

from ..core.values import Snapshot
from .history import read_history, window_start
from .readers import (
    Connection,
    read_asks,
    read_checkins,
    read_checklist,
    read_contacts,
    read_habits,
    read_journey,
    read_latest_evaluation,
    read_phase_steps,
    read_support,
)


def read_snapshot(con: Connection, today: date) -> Snapshot:
    """Everything the meter, the roadmap and the insights need. Run it in one transaction.

    The check-ins are the recent days only when the history cache is fresh (store.history);
    otherwise every day, with no history.
    """
    habits = tuple(read_habits(con))
    history = read_history(con, today, habits)
    return Snapshot(
        today=today,
        journey=read_journey(con),
        phase_steps=tuple(read_phase_steps(con)),
        checkins=tuple(read_checkins(con, window_start(history), today)),
        habits=habits,
        history=history,
        contacts=tuple(read_contacts(con, end=today)),
        evaluation=read_latest_evaluation(con),
        checklist=tuple(read_checklist(con)),
        support=tuple(read_support(con)),
        asks=tuple(read_asks(con, today)),
    )
