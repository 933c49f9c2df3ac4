"""Reading a :class:`Snapshot` with plain SQL over any DB-API connection to a journal.

The dashboard's first frame needs only this read, so it is kept free of SQLAlchemy: the app
can paint real data from a plain ``sqlite3`` connection while SQLAlchemy (a fifth of a second
to import) loads behind it. ``Journal.snapshot`` uses the same function over its own pooled
connection, so there is one reading of the data, not two that could drift apart.

A row holding a value this version cannot read is left out, never allowed to break the list.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, Protocol, TypeVar

from ..core.values import (
    MOOD_MAX,
    MOOD_MIN,
    URGE_MAX,
    URGE_MIN,
    Answer,
    Ask,
    AskAnswer,
    CheckIn,
    ChecklistMark,
    Contact,
    Decision,
    Evaluation,
    Habit,
    HowEnded,
    Initiator,
    Journey,
    Medium,
    PhaseStep,
    RedFlag,
    Response,
    Snapshot,
    SupportContact,
    Transition,
)
from .history import read_history, window_start

_log = logging.getLogger(__name__)
_T = TypeVar("_T")


class Connection(Protocol):
    """The part of a DB-API connection this module uses (sqlite3 and sqlcipher3 alike)."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...


def read_snapshot(con: Connection, today: date) -> Snapshot:
    """Everything the meter, the roadmap and the insights need. Run it in one transaction.

    The check-ins are the recent days only when the history cache is fresh (store.history);
    otherwise every day, with no history.
    """
    habits = tuple(_rows(
        con.execute("SELECT id, name, position, archived FROM habit ORDER BY position, id"),
        lambda r: Habit(r[0], r[1], r[2], bool(r[3])), "habit"))
    history = read_history(con, today, habits)
    return Snapshot(
        today=today,
        journey=_journey(con),
        phase_steps=tuple(_rows(
            con.execute("SELECT id, phase, entered_on, reason, forced FROM phase_step "
                        "ORDER BY entered_on, id"),
            lambda r: PhaseStep(_phase(r[1]), _day(r[2]), r[3], bool(r[4])), "phase_step")),
        checkins=tuple(_checkins(con, today, window_start(history))),
        habits=habits,
        history=history,
        contacts=tuple(_rows(
            con.execute("SELECT id, at, at_offset_min, medium, initiated_by, response, "
                        "logistics, minutes, note FROM contact WHERE day <= ? ORDER BY at, id",
                        (today.isoformat(),)),
            _contact, "contact")),
        evaluation=_evaluation(con),
        checklist=tuple(_rows(
            con.execute("SELECT id, phase, item_key, done_on FROM checklist_mark "
                        "ORDER BY phase, id"),
            lambda r: ChecklistMark(_phase(r[1]), r[2], _day(r[3])), "checklist_mark")),
        support=tuple(_rows(
            con.execute("SELECT id, name, detail FROM support_contact ORDER BY position"),
            lambda r: SupportContact(r[0], r[1], r[2]), "support_contact")),
        asks=tuple(read_asks(con, today)),
    )


def read_asks(con: Connection, until: date | None = None) -> list[Ask]:
    """The asks on local days up to ``until`` (every one without it), oldest first.

    The one reader of ask rows: the snapshot and ``Journal.asks`` both call it.
    """
    sql = "SELECT id, at, at_offset_min, answer, note FROM ask"
    if until is None:
        rows = con.execute(f"{sql} ORDER BY at, id")
    else:
        rows = con.execute(f"{sql} WHERE day <= ? ORDER BY at, id", (until.isoformat(),))
    return _rows(rows, lambda r: Ask(r[0], _moment(r[1], r[2]), AskAnswer(r[3]), r[4]), "ask")


def _rows(rows: Iterable[Any], convert: Callable[[Any], _T], what: str) -> list[_T]:
    values = []
    for row in rows:
        try:
            values.append(convert(row))
        except (ValueError, KeyError, TypeError, OverflowError):
            _log.warning("Left out an unreadable %s row (id %s)", what, row[0])
    return values


def _day(value: str) -> date:
    return date.fromisoformat(value)


def _phase(value: object) -> int:
    if not isinstance(value, int) or not 1 <= value <= 6:
        raise ValueError("phase out of range")
    return value


def _number(value: object, low: int, high: int) -> int | None:
    if value is not None and not (isinstance(value, int) and low <= value <= high):
        raise ValueError("out of range")
    return value


def _journey(con: Connection) -> Journey:
    row = con.execute(
        "SELECT breakup_date, how, children, living_together, hurt_ex, ex_dating, "
        "pause_target_days, onboarded FROM journey WHERE id = 1"
    ).fetchone()
    if row is None:
        return Journey()
    try:
        return Journey(
            breakup_date=_day(row[0]) if row[0] else None,
            how=HowEnded(row[1]) if row[1] else None,
            children=bool(row[2]),
            living_together=bool(row[3]),
            hurt_ex=bool(row[4]),
            ex_dating=bool(row[5]),
            pause_target_days=row[6],
            onboarded=bool(row[7]),
        )
    except (ValueError, TypeError):
        _log.warning("Left out unreadable journey answers")
        return Journey(onboarded=bool(row[7]))


def _checkins(con: Connection, today: date, start: date | None) -> list[CheckIn]:
    """The days from ``start`` (or the first) to today, oldest first."""
    span = ((start or date.min).isoformat(), today.isoformat())
    marks: dict[str, set[str]] = defaultdict(set)
    for day, name in con.execute(
        "SELECT m.day, h.name FROM habit_mark m JOIN habit h ON h.id = m.habit_id "
        "WHERE m.day BETWEEN ? AND ?", span
    ):
        marks[day].add(name)
    days: dict[date, CheckIn] = {}
    for day, mood, urge, note in con.execute(
        "SELECT day, mood, urge, note FROM checkin WHERE day BETWEEN ? AND ?", span
    ):
        names = frozenset(marks.pop(day, ()))
        try:
            days[_day(day)] = CheckIn(_day(day), _number(mood, MOOD_MIN, MOOD_MAX),
                                      _number(urge, URGE_MIN, URGE_MAX), note, names)
        except (ValueError, TypeError):
            _log.warning("Left out an unreadable checkin row")
    for day, names_set in marks.items():
        try:
            days[_day(day)] = CheckIn(_day(day), habits=frozenset(names_set))
        except (ValueError, TypeError):
            _log.warning("Left out unreadable habit marks")
    return [days[d] for d in sorted(days)]


def _moment(utc_text: str, offset_min: int) -> datetime:
    """A stored naive-UTC time, shown in the offset the user had then."""
    moment = datetime.fromisoformat(utc_text).replace(tzinfo=UTC)
    return moment.astimezone(timezone(timedelta(minutes=offset_min)))


def _contact(r: Any) -> Contact:
    return Contact(
        id=r[0],
        when=_moment(r[1], r[2]),
        medium=Medium(r[3]),
        initiated_by=Initiator(r[4]),
        response=Response(r[5]),
        logistics=bool(r[6]),
        minutes=r[7],
        note=r[8],
    )


def _evaluation(con: Connection) -> Evaluation | None:
    for r in con.execute(
        "SELECT id, made_on, worth, added_value, differences, intimacy, passion, commitment, "
        "decision, transitions, red_flags, patterns, note FROM evaluation ORDER BY id DESC"
    ):
        try:
            return Evaluation(
                made_on=_day(r[1]),
                worth=Answer(r[2]),
                added_value=Answer(r[3]),
                differences=Answer(r[4]),
                intimacy=r[5],
                passion=r[6],
                commitment=r[7],
                decision=Decision(r[8]),
                transitions=tuple(Transition(t) for t in json.loads(r[9])),
                red_flags=tuple(RedFlag(f) for f in json.loads(r[10])),
                patterns=tuple(json.loads(r[11])),
                note=r[12],
            )
        except (ValueError, TypeError, KeyError):
            # The newest readable evaluation counts.
            _log.warning("Left out an unreadable evaluation row (id %s)", r[0])
    return None
