"""The one reader of each kind of row: plain SQL over any DB-API connection, ``core`` values out.

The app's first frame (store.snapshot_read, before SQLAlchemy has loaded), the quick commands
and the Journal service (over its session's own connection) all call these functions, so there
is one reading of the data, not two that could drift apart on the rows nobody tested.

An odd row (edited by hand, written by a newer exback, damaged) is read the same way
everywhere:

- every readable value is kept, and an unreadable value that may be missing (a mood of 42, an
  unknown way the breakup happened, a malformed breakup date) reads as missing;
- a row whose needed values cannot be read (a malformed day, an unknown medium) is left out,
  with a warning that names its id and never its content, and never breaks the list;
- an evaluation is read whole or not at all: the newest readable one counts.
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
    RATING_MAX,
    RATING_MIN,
    URGE_MAX,
    URGE_MIN,
    Answer,
    Ask,
    AskAnswer,
    CheckIn,
    ChecklistMark,
    Contact,
    Decision,
    Entry,
    EntryKind,
    Evaluation,
    Habit,
    HowEnded,
    Initiator,
    Journey,
    Medium,
    PhaseStep,
    RedFlag,
    Response,
    SupportContact,
    Transition,
    UrgeReading,
)

_log = logging.getLogger(__name__)
_T = TypeVar("_T")

# The range `exback journey --pause-days` accepts; anything else stored reads as unset.
PAUSE_TARGET_MIN, PAUSE_TARGET_MAX = 1, 365
PHASE_MIN, PHASE_MAX = 1, 6


class Connection(Protocol):
    """The part of a DB-API connection the readers use (sqlite3 and sqlcipher3 alike)."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...


# -- single values ----------------------------------------------------------------------------


def _day(value: object) -> date:
    if not isinstance(value, str):
        raise ValueError("not a day")
    return date.fromisoformat(value)


def _number(value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError("out of range")
    return value


def _moment(utc_text: object, offset_min: object) -> datetime:
    """A stored naive-UTC time, shown in the offset the user had then."""
    if not isinstance(utc_text, str):
        raise ValueError("not a time")
    offset = offset_min if isinstance(offset_min, int) and abs(offset_min) < 24 * 60 else 0
    moment = datetime.fromisoformat(utc_text).replace(tzinfo=UTC)
    return moment.astimezone(timezone(timedelta(minutes=offset)))


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _flag(value: object) -> bool:
    return bool(value) if isinstance(value, int) else False


def _or_missing(read: Callable[[], _T]) -> _T | None:
    """``read()``, or None when the value it reads cannot be read (it counts as missing)."""
    try:
        return read()
    except (ValueError, TypeError, OverflowError):
        return None


def _rows(rows: Iterable[Any], convert: Callable[[Any], _T], what: str) -> list[_T]:
    """Convert rows (id first), leaving out and logging (without content) an unreadable one."""
    values = []
    for row in rows:
        try:
            values.append(convert(row))
        except (ValueError, KeyError, TypeError, OverflowError):
            _log.warning("Left out an unreadable %s row (id %s)", what, row[0])
    return values


def _span(column: str, start: date | None, end: date | None) -> tuple[str, tuple[str, ...]]:
    """A WHERE clause (maybe empty) for ``column`` from ``start`` to ``end`` inclusive."""
    terms, params = [], []
    if start is not None:
        terms.append(f"{column} >= ?")
        params.append(start.isoformat())
    if end is not None:
        terms.append(f"{column} <= ?")
        params.append(end.isoformat())
    return (" WHERE " + " AND ".join(terms) if terms else ""), tuple(params)


# -- the readers ------------------------------------------------------------------------------


def read_journey(con: Connection) -> Journey:
    """The answers about the breakup; an unreadable answer reads as unanswered."""
    row = con.execute(
        "SELECT breakup_date, how, children, living_together, hurt_ex, ex_dating, "
        "pause_target_days, onboarded FROM journey WHERE id = 1"
    ).fetchone()
    if row is None:
        return Journey()
    journey = Journey(
        breakup_date=_or_missing(lambda: _day(row[0])) if row[0] is not None else None,
        how=_or_missing(lambda: HowEnded(row[1])) if row[1] is not None else None,
        children=_flag(row[2]),
        living_together=_flag(row[3]),
        hurt_ex=_flag(row[4]),
        ex_dating=_flag(row[5]),
        pause_target_days=(
            _or_missing(lambda: _number(row[6], PAUSE_TARGET_MIN, PAUSE_TARGET_MAX))
            if row[6] is not None
            else None
        ),
        onboarded=_flag(row[7]),
    )
    read = (journey.breakup_date, journey.how, journey.pause_target_days)
    if sum(v is not None for v in read) != sum(v is not None for v in (row[0], row[1], row[6])):
        _log.warning("Read an unreadable journey answer as unanswered")
    return journey


def read_habits(con: Connection, include_archived: bool = True) -> list[Habit]:
    """The habits in their order; archived ones unless ``include_archived`` is False."""
    where = "" if include_archived else " WHERE archived = 0"
    rows = con.execute(
        f"SELECT id, name, position, archived FROM habit{where} ORDER BY position, id"
    )
    return _rows(
        rows, lambda r: Habit(r[0], _need_text(r[1]), _int_or(r[2], 0), _flag(r[3])), "habit"
    )


def _need_text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("not text")
    return value


def _int_or(value: object, default: int) -> int:
    return value if isinstance(value, int) else default


def read_checkins(
    con: Connection, start: date | None = None, end: date | None = None
) -> list[CheckIn]:
    """Days from ``start`` to ``end`` (inclusive) with a check-in or a habit mark, oldest first.

    A mood or urge out of range reads as not given; a malformed day leaves its row out.
    """
    where, params = _span("m.day", start, end)
    marks: dict[date, set[str]] = defaultdict(set)
    for day, name in con.execute(
        f"SELECT m.day, h.name FROM habit_mark m JOIN habit h ON h.id = m.habit_id{where}", params
    ):
        found = _or_missing(lambda: _day(day))  # noqa: B023 (called at once)
        if found is None:
            _log.warning("Left out an unreadable habit mark")
        else:
            marks[found].add(name)
    where, params = _span("day", start, end)
    days: dict[date, CheckIn] = {}
    for row_id, day, mood, urge, note in con.execute(
        f"SELECT id, day, mood, urge, note FROM checkin{where}", params
    ):
        found = _or_missing(lambda: _day(day))  # noqa: B023 (called at once)
        if found is None:
            _log.warning("Left out an unreadable checkin row (id %s)", row_id)
            continue
        read_mood = _or_missing(lambda: _number(mood, MOOD_MIN, MOOD_MAX))  # noqa: B023
        read_urge = _or_missing(lambda: _number(urge, URGE_MIN, URGE_MAX))  # noqa: B023
        if (read_mood is None) != (mood is None) or (read_urge is None) != (urge is None):
            _log.warning("Read an unreadable value of checkin row %s as not given", row_id)
        days[found] = CheckIn(
            found, read_mood, read_urge, _text(note), frozenset(marks.pop(found, ()))
        )
    for found, names in marks.items():
        days[found] = CheckIn(found, habits=frozenset(names))
    return [days[d] for d in sorted(days)]


def _contact(r: Any) -> Contact:
    _day(r[3])
    return Contact(
        id=r[0],
        when=_moment(r[1], r[2]),
        medium=Medium(r[4]),
        initiated_by=Initiator(r[5]),
        response=Response(r[6]),
        logistics=_flag(r[7]),
        minutes=_or_missing(lambda: _number(r[8], 0, 24 * 60)) if r[8] is not None else None,
        note=_text(r[9]),
    )


_CONTACT = (
    "SELECT id, at, at_offset_min, day, medium, initiated_by, response, logistics, "
    "minutes, note FROM contact"
)


def read_contacts(
    con: Connection, start: date | None = None, end: date | None = None
) -> list[Contact]:
    """Contacts on local days from ``start`` to ``end`` (inclusive), oldest first."""
    where, params = _span("day", start, end)
    return _rows(con.execute(f"{_CONTACT}{where} ORDER BY at, id", params), _contact, "contact")


def read_contact(con: Connection, contact_id: int) -> Contact | None:
    """One contact by its number; None when there is none or it cannot be read."""
    found = _rows(con.execute(f"{_CONTACT} WHERE id = ?", (contact_id,)), _contact, "contact")
    return found[0] if found else None


def read_asks(con: Connection, until: date | None = None) -> list[Ask]:
    """The asks on local days up to ``until`` (every one without it), oldest first."""
    where, params = _span("day", None, until)
    rows = con.execute(
        f"SELECT id, at, at_offset_min, answer, note FROM ask{where} ORDER BY at, id", params
    )
    return _rows(
        rows, lambda r: Ask(r[0], _moment(r[1], r[2]), AskAnswer(r[3]), _text(r[4])), "ask"
    )


def read_urge_log(con: Connection, until: date | None = None) -> list[UrgeReading]:
    """The urge pause's readings on local days up to ``until`` (all without it), oldest first."""
    where, params = _span("day", None, until)
    rows = con.execute(
        f"SELECT id, at, at_offset_min, strength FROM urge_log{where} ORDER BY at, id", params
    )
    return _rows(
        rows,
        lambda r: UrgeReading(r[0], _moment(r[1], r[2]), _number(r[3], URGE_MIN, URGE_MAX)),
        "urge_log",
    )


def read_phase_steps(con: Connection) -> list[PhaseStep]:
    """Every phase move, oldest first; the last is the current phase."""
    rows = con.execute(
        "SELECT id, phase, entered_on, reason, forced FROM phase_step ORDER BY entered_on, id"
    )
    return _rows(
        rows,
        lambda r: PhaseStep(
            _number(r[1], PHASE_MIN, PHASE_MAX), _day(r[2]), _text(r[3]), _flag(r[4])
        ),
        "phase_step",
    )


def read_checklist(con: Connection, phase: int | None = None) -> list[ChecklistMark]:
    """Ticked checklist items, of one phase or all, by phase."""
    where, params = ("", ()) if phase is None else (" WHERE phase = ?", (phase,))
    rows = con.execute(
        f"SELECT id, phase, item_key, done_on FROM checklist_mark{where} ORDER BY phase, id",
        params,
    )
    return _rows(
        rows,
        lambda r: ChecklistMark(_number(r[1], PHASE_MIN, PHASE_MAX), _need_text(r[2]), _day(r[3])),
        "checklist_mark",
    )


def _evaluation(r: Any) -> Evaluation:
    return Evaluation(
        made_on=_day(r[1]),
        worth=Answer(r[2]),
        added_value=Answer(r[3]),
        differences=Answer(r[4]),
        intimacy=_number(r[5], RATING_MIN, RATING_MAX),
        passion=_number(r[6], RATING_MIN, RATING_MAX),
        commitment=_number(r[7], RATING_MIN, RATING_MAX),
        decision=Decision(r[8]),
        transitions=tuple(Transition(t) for t in json.loads(r[9])),
        red_flags=tuple(RedFlag(f) for f in json.loads(r[10])),
        patterns=tuple(_need_text(p) for p in json.loads(r[11])),
        note=_text(r[12]),
    )


def read_latest_evaluation(con: Connection) -> Evaluation | None:
    """The evaluation that counts: the newest one that can be read whole."""
    rows = con.execute(
        "SELECT id, made_on, worth, added_value, differences, intimacy, passion, commitment, "
        "decision, transitions, red_flags, patterns, note FROM evaluation ORDER BY id DESC"
    )
    for row in rows:
        found = _rows([row], _evaluation, "evaluation")
        if found:
            return found[0]
    return None


def read_support(con: Connection) -> list[SupportContact]:
    """The people listed to reach out to on a hard day, in their order."""
    rows = con.execute("SELECT id, name, detail FROM support_contact ORDER BY position, id")
    return _rows(
        rows, lambda r: SupportContact(r[0], _need_text(r[1]), _text(r[2])), "support_contact"
    )


def read_setting(con: Connection, key: str, default: str | None = None) -> str | None:
    """A stored preference, or ``default``."""
    row = con.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    return row[0] if row is not None and isinstance(row[0], str) else default


def _entry(r: Any) -> Entry:
    return Entry(
        r[0],
        _day(r[1]),
        _text(r[3]),
        EntryKind(r[2]),
        tuple(_text(r[4]).split()),
        _moment(r[5], r[6]),
        _text(r[7]),
    )


_ENTRY = "SELECT id, day, kind, text, tags, created_at, utc_offset_min, prompt FROM entry"


def read_entries(
    con: Connection,
    start: date | None = None,
    end: date | None = None,
    limit: int | None = None,
) -> list[Entry]:
    """Entries on days from ``start`` to ``end`` (inclusive), newest first."""
    where, params = _span("day", start, end)
    sql = f"{_ENTRY}{where} ORDER BY day DESC, id DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return _rows(con.execute(sql, params), _entry, "entry")


def read_entry(con: Connection, entry_id: int) -> Entry | None:
    """One entry by its number; None when there is none (see :func:`entry_exists`)."""
    found = _rows(con.execute(f"{_ENTRY} WHERE id = ?", (entry_id,)), _entry, "entry")
    return found[0] if found else None


def entry_exists(con: Connection, entry_id: int) -> bool:
    """Whether an entry of that number is stored (readable or not)."""
    return con.execute("SELECT 1 FROM entry WHERE id = ?", (entry_id,)).fetchone() is not None
