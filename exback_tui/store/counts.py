"""How much a journal holds, and whether SQLite finds it whole: numbers, never content."""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from .models import AskRow, CheckInRow, ContactRow, EntryRow, EvaluationRow, PhaseStepRow

#: The kinds of row a summary counts, in the words it shows them with.
COUNTED = {
    "check-ins": CheckInRow,
    "entries": EntryRow,
    "contacts": ContactRow,
    "asks": AskRow,
    "phase moves": PhaseStepRow,
    "evaluations": EvaluationRow,
}


def row_counts(s: Session) -> dict[str, int]:
    """How many rows of each kind in :data:`COUNTED` the journal holds."""
    return {
        name: s.scalar(select(func.count()).select_from(model)) or 0
        for name, model in COUNTED.items()
    }


def entry_count(s: Session) -> int:
    """How many entries the journal holds."""
    return s.scalar(select(func.count()).select_from(EntryRow)) or 0


def quick_check_ok(s: Session) -> bool:
    """SQLite's own quick check of the file."""
    result: str = s.execute(text("PRAGMA quick_check")).scalar_one()
    return result == "ok"
