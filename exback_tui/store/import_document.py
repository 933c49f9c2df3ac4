"""Reading and validating an import document: pure, no database needed.

An exback export (any version up to ours) or a jrnl JSON export becomes :class:`Parsed`, rows
ready for insert; any invalid value anywhere raises :class:`InvalidInput` naming it, before
anything is written.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ..core.values import (
    MOOD_MAX,
    MOOD_MIN,
    RATING_MAX,
    RATING_MIN,
    URGE_MAX,
    URGE_MIN,
    Answer,
    AskAnswer,
    Decision,
    EntryKind,
    HowEnded,
    Initiator,
    Medium,
    RedFlag,
    Response,
    Transition,
)
from .document import (
    FORMAT,
    SECTIONS,
    VERSION,
    Doc,
)
from .errors import InvalidInput, JournalPathError
from .write_rules import cleaned, offset_min, tag_text

# -- reading a file -------------------------------------------------------------------------


def detect(doc: Any) -> str | None:
    """'exback' or 'jrnl' for a document we can import, None for anything else."""
    if not isinstance(doc, dict):
        return None
    if doc.get("format") == FORMAT:
        return "exback"
    entries = doc.get("entries")
    if (
        "format" not in doc
        and isinstance(entries, list)
        and all(isinstance(e, dict) and "date" in e and ("body" in e or "title" in e)
                for e in entries)
    ):
        return "jrnl"
    return None


def parse_export(raw: bytes | str, name: str) -> Doc:
    """Parse an export's text; ``name`` is how the sentences refer to it."""
    try:
        doc = json.loads(raw)
    except UnicodeDecodeError:
        raise InvalidInput(f"{name} is not a text file, so not an exback or jrnl export; "
                           "nothing was imported.") from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"{name} is not valid JSON ({exc.msg} at line {exc.lineno}), so not an exback or "
            "jrnl export; nothing was imported."
        ) from None
    if detect(doc) is None:
        raise InvalidInput(f"{name} is not an exback or jrnl export; nothing was imported.")
    return doc  # type: ignore[no-any-return]


def read_export(path: Path) -> Doc:
    """Read and recognise an export file (raises with one clear sentence)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise JournalPathError(f"{path} does not exist; nothing was imported.") from None
    except IsADirectoryError:
        raise JournalPathError(f"{path} is a folder; give the export file itself.") from None
    except PermissionError:
        raise JournalPathError(f"There is no permission to read {path}.") from None
    except OSError as exc:
        raise JournalPathError(f"{path} could not be read ({exc.strerror}).") from None
    return parse_export(raw, str(path))


# -- validating what comes in ---------------------------------------------------------------


class _Bad(Exception):
    """A value in the document that cannot go into a journal; the message says which."""


def _need(item: Mapping[str, Any], key: str) -> Any:
    if not isinstance(item, Mapping) or key not in item:
        raise _Bad(f"a record without {key!r}")
    return item[key]


def _date(item: Mapping[str, Any], key: str) -> date:
    value = _need(item, key)
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _Bad(f"{key} {value!r} is not a date") from None


def _moment(item: Mapping[str, Any], key: str) -> datetime:
    value = _need(item, key)
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise _Bad(f"{key} {value!r} is not a time") from None
    if moment.tzinfo is None:
        raise _Bad(f"{key} {value!r} has no UTC offset")
    return moment


def _int(item: Mapping[str, Any], key: str, low: int, high: int, optional: bool = False) -> Any:
    value = _need(item, key)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _Bad(f"{key} {value!r} is not a whole number from {low} to {high}")
    return value


def _bool(item: Mapping[str, Any], key: str) -> bool:
    value = _need(item, key)
    if not isinstance(value, bool):
        raise _Bad(f"{key} {value!r} is not true or false")
    return value


def _str(item: Mapping[str, Any], key: str, optional: bool = False) -> str:
    value = item.get(key, "") if optional else _need(item, key)
    if value is None and optional:
        value = ""
    if not isinstance(value, str):
        raise _Bad(f"{key} {value!r} is not text")
    try:
        return cleaned(value, key)
    except InvalidInput as exc:
        raise _Bad(str(exc)) from None


def _choice(item: Mapping[str, Any], key: str, enum: type[Any]) -> str:
    value = _need(item, key)
    try:
        return str(enum(value).value)
    except ValueError:
        raise _Bad(f"{key} {value!r} is not one of {', '.join(m.value for m in enum)}") from None


def _choices(item: Mapping[str, Any], key: str, enum: type[Any]) -> str:
    values = item.get(key, [])
    if not isinstance(values, list):
        raise _Bad(f"{key} is not a list")
    return json.dumps([_choice({key: v}, key, enum) for v in values])


def _list(doc: Mapping[str, Any], key: str) -> list[Any]:
    value = doc.get(key, [])
    if not isinstance(value, list):
        raise _Bad(f"{key} is not a list")
    return value


def _stamps(item: Mapping[str, Any]) -> dict[str, Any]:
    created = _moment(item, "created_at")
    updated = _moment(item, "updated_at") if "updated_at" in item else created
    return {"created_at": created, "updated_at": updated, "utc_offset_min": offset_min(updated)}


def _journey_row(item: Any) -> dict[str, Any]:
    return {
        "breakup_date": None if item.get("breakup_date") is None else _date(item, "breakup_date"),
        "how": None if item.get("how") is None else _choice(item, "how", HowEnded),
        "children": _bool(item, "children"),
        "living_together": _bool(item, "living_together"),
        "hurt_ex": _bool(item, "hurt_ex"),
        "ex_dating": _bool(item, "ex_dating"),
        "pause_target_days": _int(item, "pause_target_days", 1, 365, optional=True),
        "onboarded": _bool(item, "onboarded"),
        "created_at": _moment(item, "created_at"),
    }


def _step_row(item: Any) -> dict[str, Any]:
    return {
        "phase": _int(item, "phase", 1, 6),
        "entered_on": _date(item, "entered_on"),
        "reason": _str(item, "reason", optional=True),
        # Version 1 documents have no "forced": every move then was an ordinary one.
        "forced": _bool(item, "forced") if "forced" in item else False,
        "created_at": _moment(item, "created_at"),
    }


def _tick_row(item: Any) -> dict[str, Any]:
    key = _str(item, "item_key").strip()
    if not key or len(key) > 80:
        raise _Bad(f"item_key {key!r} is not a checklist key")
    return {"phase": _int(item, "phase", 1, 6), "item_key": key, "done_on": _date(item, "done_on")}


def _habit_row(item: Any) -> dict[str, Any]:
    name = " ".join(_str(item, "name").split())
    if not name or len(name) > 60:
        raise _Bad(f"name {name!r} is not a habit name")
    return {
        "name": name,
        "position": _int(item, "position", -(2**31), 2**31),
        "archived": _bool(item, "archived"),
        "created_at": _moment(item, "created_at"),
    }


def _checkin_row(item: Any) -> dict[str, Any]:
    return {
        "day": _date(item, "day"),
        "mood": _int(item, "mood", MOOD_MIN, MOOD_MAX, optional=True),
        "urge": _int(item, "urge", URGE_MIN, URGE_MAX, optional=True),
        "note": _str(item, "note", optional=True),
        **_stamps(item),
    }


def _entry_row(item: Any) -> dict[str, Any]:
    tags = item.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise _Bad("tags is not a list of words")
    text = _str(item, "text")
    if not text.strip():
        raise _Bad("an entry without text")
    return {
        "day": _date(item, "day"),
        "kind": _choice(item, "kind", EntryKind),
        "text": text,
        "tags": tag_text(tags),
        **_stamps(item),
    }


def _contact_row(item: Any) -> dict[str, Any]:
    at = _moment(item, "at")
    return {
        "at": at,
        "at_offset_min": offset_min(at),
        "day": at.date(),
        "medium": _choice(item, "medium", Medium),
        "initiated_by": _choice(item, "initiated_by", Initiator),
        "response": _choice(item, "response", Response),
        "logistics": _bool(item, "logistics"),
        "minutes": _int(item, "minutes", 0, 24 * 60, optional=True),
        "note": _str(item, "note", optional=True),
        **_stamps(item),
    }


def _ask_row(item: Any) -> dict[str, Any]:
    at = _moment(item, "at")
    return {
        "at": at,
        "at_offset_min": offset_min(at),
        "day": at.date(),
        "answer": _choice(item, "answer", AskAnswer),
        "note": _str(item, "note", optional=True),
        "created_at": _moment(item, "created_at") if "created_at" in item else at,
    }


def _evaluation_row(item: Any) -> dict[str, Any]:
    patterns = item.get("patterns", [])
    if not isinstance(patterns, list):
        raise _Bad("patterns is not a list")
    return {
        "made_on": _date(item, "made_on"),
        "worth": _choice(item, "worth", Answer),
        "added_value": _choice(item, "added_value", Answer),
        "differences": _choice(item, "differences", Answer),
        "intimacy": _int(item, "intimacy", RATING_MIN, RATING_MAX),
        "passion": _int(item, "passion", RATING_MIN, RATING_MAX),
        "commitment": _int(item, "commitment", RATING_MIN, RATING_MAX),
        "transitions": _choices(item, "transitions", Transition),
        "red_flags": _choices(item, "red_flags", RedFlag),
        "patterns": json.dumps([_str({"pattern": p}, "pattern") for p in patterns]),
        "decision": _choice(item, "decision", Decision),
        "note": _str(item, "note", optional=True),
        "created_at": _moment(item, "created_at"),
    }


def _support_row(item: Any) -> dict[str, Any]:
    name = " ".join(_str(item, "name").split())
    if not name:
        raise _Bad("a support contact without a name")
    return {
        "name": name,
        "detail": _str(item, "detail", optional=True),
        "position": _int(item, "position", -(2**31), 2**31),
    }


def _rows_of(doc: Mapping[str, Any], section: str, convert: Callable[[Any], dict[str, Any]]
             ) -> list[dict[str, Any]]:
    out = []
    for n, item in enumerate(_list(doc, section), start=1):
        try:
            out.append(convert(item))
        except _Bad as exc:
            raise _Bad(f"{SECTIONS[section][1]} record {n}: {exc}") from None
    return out


@dataclass(slots=True)
class Parsed:
    """A validated exback document: rows ready for insert, habit marks by habit name."""

    journey: dict[str, Any] | None
    steps: list[dict[str, Any]]
    ticks: list[dict[str, Any]]
    habits: list[dict[str, Any]]
    marks: dict[str, list[date]]
    checkins: list[dict[str, Any]]
    entries: list[dict[str, Any]]
    contacts: list[dict[str, Any]]
    evaluations: list[dict[str, Any]]
    support: list[dict[str, Any]]
    settings: dict[str, str]
    asks: list[dict[str, Any]] = field(default_factory=list)
    kind: str = "exback"  # or "jrnl"

    @property
    def size(self) -> int:
        return (
            len(self.steps) + len(self.ticks) + len(self.habits)
            + sum(len(d) for d in self.marks.values()) + len(self.checkins)
            + len(self.entries) + len(self.contacts) + len(self.asks) + len(self.evaluations)
            + len(self.support) + len(self.settings)
        )


def _unique(rows: list[dict[str, Any]], key: Callable[[dict[str, Any]], Any], what: str) -> None:
    seen: set[Any] = set()
    for row in rows:
        k = key(row)
        if k in seen:
            raise _Bad(f"the same {what} is listed twice ({k!s})")
        seen.add(k)


def _parse_exback(doc: Mapping[str, Any]) -> Parsed:
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _Bad(f"the format version {version!r} is not one exback writes")
    if version > VERSION:
        raise InvalidInput(
            f"This export was made by a newer exback (format version {version}); update exback "
            "to import it. Nothing was imported."
        )
    journey = doc.get("journey")
    habits: list[dict[str, Any]] = []
    marks: dict[str, list[date]] = {}
    for n, item in enumerate(_list(doc, "habits"), start=1):
        try:
            row = _habit_row(item)
            done = item.get("done_on", [])
            if not isinstance(done, list):
                raise _Bad("done_on is not a list")
            # A day listed twice is the same mark; keep one.
            days = list(dict.fromkeys(_date({"done_on": d}, "done_on") for d in done))
        except _Bad as exc:
            raise _Bad(f"habits record {n}: {exc}") from None
        if row["name"].casefold() in marks:
            raise _Bad(f"habits record {n}: the habit {row['name']!r} is listed twice")
        marks[row["name"].casefold()] = days
        habits.append(row)
    settings = doc.get("settings", {})
    if not isinstance(settings, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and 0 < len(k) <= 60
        for k, v in settings.items()
    ):
        raise _Bad("settings is not a table of names and texts")
    try:
        journey_row = None if journey is None else _journey_row(journey)
    except _Bad as exc:
        raise _Bad(f"the journey: {exc}") from None
    ticks = _rows_of(doc, "checklist", _tick_row)
    _unique(ticks, lambda r: (r["phase"], r["item_key"]), "checklist tick")
    checkins = _rows_of(doc, "checkins", _checkin_row)
    _unique(checkins, lambda r: r["day"], "check-in")
    return Parsed(
        journey=journey_row,
        steps=_rows_of(doc, "phase_steps", _step_row),
        ticks=ticks,
        habits=habits,
        marks=marks,
        checkins=checkins,
        entries=_rows_of(doc, "entries", _entry_row),
        contacts=_rows_of(doc, "contacts", _contact_row),
        asks=_rows_of(doc, "asks", _ask_row),
        evaluations=_rows_of(doc, "evaluations", _evaluation_row),
        support=_rows_of(doc, "support_contacts", _support_row),
        settings=dict(settings),
    )


def _parse_jrnl(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """jrnl's JSON export (title, body, date, time, tags, starred) as entry rows."""
    rows = []
    for n, item in enumerate(_list(doc, "entries"), start=1):
        try:
            day = _date(item, "date")
            clock = item.get("time") or "00:00"
            try:
                at = time.fromisoformat(clock) if isinstance(clock, str) else None
            except ValueError:
                at = None
            if at is None:
                raise _Bad(f"time {clock!r} is not a time of day")
            title = item.get("title") or ""
            body = item.get("body") or ""
            tags = item.get("tags") or []
            if not isinstance(title, str) or not isinstance(body, str):
                raise _Bad("title and body must be text")
            if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
                raise _Bad("tags is not a list of words")
            text = cleaned("\n\n".join(p for p in (title.strip(), body.strip()) if p), "entry")
            if not text:
                continue  # jrnl allows an empty entry; a journal entry needs words
            # jrnl writes tags with their symbol (@work by default); ours are bare words.
            words = [t.lstrip("@#") for t in tags]
            if item.get("starred") is True:
                words.append("starred")
            # jrnl's times are the writer's local wall-clock time.
            moment = datetime.combine(day, at).astimezone()
        except _Bad as exc:
            raise _Bad(f"jrnl entry {n}: {exc}") from None
        rows.append(
            {
                "day": day,
                "kind": EntryKind.ENTRY.value,
                "text": text,
                "tags": tag_text(words),
                "created_at": moment,
                "updated_at": moment,
                "utc_offset_min": offset_min(moment),
            }
        )
    return rows



def parse_document(doc: Mapping[str, Any]) -> Parsed:
    """Validate an exback or jrnl document; raises :class:`InvalidInput` naming a bad value."""
    kind = detect(doc)
    if kind is None:
        raise InvalidInput("This is not an exback or jrnl export; nothing was imported.")
    try:
        if kind == "jrnl":
            return Parsed(
                journey=None, steps=[], ticks=[], habits=[], marks={}, checkins=[],
                entries=_parse_jrnl(doc), contacts=[], evaluations=[], support=[], settings={},
                kind="jrnl",
            )
        return _parse_exback(doc)
    except _Bad as exc:
        raise InvalidInput(
            f"The {kind} export has a value that cannot be imported ({exc}); "
            "nothing was imported."
        ) from None
