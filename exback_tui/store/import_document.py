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
    SECTIONS,
    VERSION,
)
from .errors import InvalidInput
from .import_file import detect
from .import_values import (
    Bad,
    choice,
    choice_list,
    day_of,
    described,
    flag,
    list_of,
    moment_of,
    refused,
    text_of,
    whole,
)
from .write_rules import (
    HABIT_NAME_MAX,
    check_day,
    check_time,
    cleaned,
    offset_min,
    prompt_text,
    tag_text,
)

# -- validating what comes in ---------------------------------------------------------------


def _stamps(item: Mapping[str, Any]) -> dict[str, Any]:
    created = moment_of(item, "created_at")
    updated = moment_of(item, "updated_at") if "updated_at" in item else created
    return {"created_at": created, "updated_at": updated, "utc_offset_min": offset_min(updated)}


def _journey_row(item: Any) -> dict[str, Any]:
    if not isinstance(item, Mapping):
        raise Bad("it is not a record")
    return {
        "breakup_date": None if item.get("breakup_date") is None else day_of(item, "breakup_date"),
        "how": None if item.get("how") is None else choice(item, "how", HowEnded),
        "children": flag(item, "children"),
        "living_together": flag(item, "living_together"),
        "hurt_ex": flag(item, "hurt_ex"),
        "ex_dating": flag(item, "ex_dating"),
        "pause_target_days": whole(item, "pause_target_days", 1, 365, optional=True),
        "onboarded": flag(item, "onboarded"),
        "created_at": moment_of(item, "created_at"),
    }


def _step_row(item: Any) -> dict[str, Any]:
    return {
        "phase": whole(item, "phase", 1, 6),
        "entered_on": day_of(item, "entered_on"),
        "reason": text_of(item, "reason", optional=True),
        # Version 1 documents have no "forced": every move then was an ordinary one.
        "forced": flag(item, "forced") if "forced" in item else False,
        "created_at": moment_of(item, "created_at"),
    }


def _tick_row(item: Any) -> dict[str, Any]:
    key = text_of(item, "item_key").strip()
    if not key or len(key) > 80:
        raise Bad(f"item_key {described(key)} is not a checklist key")
    return {
        "phase": whole(item, "phase", 1, 6),
        "item_key": key,
        "done_on": day_of(item, "done_on"),
    }


def _habit_row(item: Any) -> dict[str, Any]:
    name = " ".join(text_of(item, "name").split())
    if not name or len(name) > HABIT_NAME_MAX:
        raise Bad(f"a habit's name must have 1 to {HABIT_NAME_MAX} characters")
    return {
        "name": name,
        "position": whole(item, "position", -(2**31), 2**31),
        "archived": flag(item, "archived"),
        "created_at": moment_of(item, "created_at"),
    }


def _checkin_row(item: Any) -> dict[str, Any]:
    return {
        "day": day_of(item, "day"),
        "mood": whole(item, "mood", MOOD_MIN, MOOD_MAX, optional=True),
        "urge": whole(item, "urge", URGE_MIN, URGE_MAX, optional=True),
        "note": text_of(item, "note", optional=True),
        **_stamps(item),
    }


def _entry_row(item: Any) -> dict[str, Any]:
    tags = item.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise Bad("tags is not a list of words")
    text = text_of(item, "text")
    if not text.strip():
        raise Bad("an entry without text")
    try:
        tags = tag_text(tags)
        # Exports before the writing prompts have none: an entry written to none.
        prompt = prompt_text(text_of(item, "prompt", optional=True)) or None
    except InvalidInput as exc:
        raise refused(exc) from None
    return {
        "day": day_of(item, "day"),
        "kind": choice(item, "kind", EntryKind),
        "text": text,
        "tags": tags,
        "prompt": prompt,
        **_stamps(item),
    }


def _contact_row(item: Any) -> dict[str, Any]:
    at = moment_of(item, "at")
    return {
        "at": at,
        "at_offset_min": offset_min(at),
        "day": at.date(),
        "medium": choice(item, "medium", Medium),
        "initiated_by": choice(item, "initiated_by", Initiator),
        "response": choice(item, "response", Response),
        "logistics": flag(item, "logistics"),
        "minutes": whole(item, "minutes", 0, 24 * 60, optional=True),
        "note": text_of(item, "note", optional=True),
        **_stamps(item),
    }


def _ask_row(item: Any) -> dict[str, Any]:
    at = moment_of(item, "at")
    return {
        "at": at,
        "at_offset_min": offset_min(at),
        "day": at.date(),
        "answer": choice(item, "answer", AskAnswer),
        "note": text_of(item, "note", optional=True),
        "created_at": moment_of(item, "created_at") if "created_at" in item else at,
    }


def _urge_row(item: Any) -> dict[str, Any]:
    at = moment_of(item, "at")
    return {
        "at": at,
        "at_offset_min": offset_min(at),
        "day": at.date(),
        "strength": whole(item, "strength", URGE_MIN, URGE_MAX),
    }


def _evaluation_row(item: Any) -> dict[str, Any]:
    patterns = item.get("patterns", [])
    if not isinstance(patterns, list):
        raise Bad("patterns is not a list")
    return {
        "made_on": day_of(item, "made_on"),
        "worth": choice(item, "worth", Answer),
        "added_value": choice(item, "added_value", Answer),
        "differences": choice(item, "differences", Answer),
        "intimacy": whole(item, "intimacy", RATING_MIN, RATING_MAX),
        "passion": whole(item, "passion", RATING_MIN, RATING_MAX),
        "commitment": whole(item, "commitment", RATING_MIN, RATING_MAX),
        "transitions": choice_list(item, "transitions", Transition),
        "red_flags": choice_list(item, "red_flags", RedFlag),
        "patterns": json.dumps([text_of({"pattern": p}, "pattern") for p in patterns]),
        "decision": choice(item, "decision", Decision),
        "note": text_of(item, "note", optional=True),
        "created_at": moment_of(item, "created_at"),
    }


def _support_row(item: Any) -> dict[str, Any]:
    name = " ".join(text_of(item, "name").split())
    if not name:
        raise Bad("a support contact without a name")
    return {
        "name": name,
        "detail": text_of(item, "detail", optional=True),
        "position": whole(item, "position", -(2**31), 2**31),
    }


def _rows_of(
    doc: Mapping[str, Any], section: str, convert: Callable[[Any], dict[str, Any]]
) -> list[dict[str, Any]]:
    out = []
    for n, item in enumerate(list_of(doc, section), start=1):
        try:
            if not isinstance(item, Mapping):
                raise Bad("it is not a record")
            out.append(convert(item))
        except Bad as exc:
            raise Bad(f"{SECTIONS[section][1]} record {n}: {exc}") from None
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
    urge_log: list[dict[str, Any]] = field(default_factory=list)
    kind: str = "exback"  # or "jrnl"

    @property
    def size(self) -> int:
        return (
            len(self.steps)
            + len(self.ticks)
            + len(self.habits)
            + sum(len(d) for d in self.marks.values())
            + len(self.checkins)
            + len(self.entries)
            + len(self.contacts)
            + len(self.asks)
            + len(self.urge_log)
            + len(self.evaluations)
            + len(self.support)
            + len(self.settings)
        )


def _unique(rows: list[dict[str, Any]], key: Callable[[dict[str, Any]], Any], what: str) -> None:
    seen: set[Any] = set()
    for row in rows:
        k = key(row)
        if k in seen:
            raise Bad(f"the same {what} is listed twice ({k!s})")
        seen.add(k)


def _parse_exback(doc: Mapping[str, Any]) -> Parsed:
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise Bad(f"the format version {described(version)} is not one exback writes")
    if version > VERSION:
        raise InvalidInput(
            f"This export was made by a newer exback (format version {version}); update exback "
            "to import it. Nothing was imported."
        )
    journey = doc.get("journey")
    habits: list[dict[str, Any]] = []
    marks: dict[str, list[date]] = {}
    for n, item in enumerate(list_of(doc, "habits"), start=1):
        try:
            if not isinstance(item, Mapping):
                raise Bad("it is not a record")
            row = _habit_row(item)
            done = item.get("done_on", [])
            if not isinstance(done, list):
                raise Bad("done_on is not a list")
            # A day listed twice is the same mark; keep one.
            days = list(dict.fromkeys(day_of({"done_on": d}, "done_on") for d in done))
        except Bad as exc:
            raise Bad(f"habits record {n}: {exc}") from None
        if row["name"].casefold() in marks:
            raise Bad(f"habits record {n}: the same habit is listed before")
        marks[row["name"].casefold()] = days
        habits.append(row)
    settings = doc.get("settings", {})
    if not isinstance(settings, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and 0 < len(k) <= 60 for k, v in settings.items()
    ):
        raise Bad("settings is not a table of names and texts")
    try:
        # Shown in the app's settings: cleaned like every other text that comes in.
        settings = {cleaned(k, "setting"): cleaned(v, "setting") for k, v in settings.items()}
    except InvalidInput as exc:
        raise refused(exc) from None
    try:
        journey_row = None if journey is None else _journey_row(journey)
    except Bad as exc:
        raise Bad(f"the journey: {exc}") from None
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
        urge_log=_rows_of(doc, "urge_log", _urge_row),
        evaluations=_rows_of(doc, "evaluations", _evaluation_row),
        support=_rows_of(doc, "support_contacts", _support_row),
        settings=dict(settings),
    )


def _parse_jrnl(doc: Mapping[str, Any], today: date) -> list[dict[str, Any]]:
    """jrnl's JSON export (title, body, date, time, tags, starred) as entry rows."""
    rows = []
    for n, item in enumerate(list_of(doc, "entries"), start=1):
        try:
            if not isinstance(item, Mapping):
                raise Bad("it is not a record")
            day = day_of(item, "date")
            clock = item.get("time") or "00:00"
            try:
                at = time.fromisoformat(clock) if isinstance(clock, str) else None
            except ValueError:
                at = None
            if at is None:
                raise Bad(f"time {clock!r} is not a time of day")
            title = item.get("title") or ""
            body = item.get("body") or ""
            tags = item.get("tags") or []
            if not isinstance(title, str) or not isinstance(body, str):
                raise Bad("title and body must be text")
            if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
                raise Bad("tags is not a list of words")
            try:
                # Before the day meets a time zone below: near year 1 that arithmetic fails.
                check_day(day, today, "date")
                text = cleaned("\n\n".join(p for p in (title.strip(), body.strip()) if p), "entry")
                # jrnl writes tags with their symbol (@work by default); ours are bare words.
                tags_text = tag_text(
                    [t.lstrip("@#") for t in tags]
                    + (["starred"] if item.get("starred") is True else [])
                )
            except InvalidInput as exc:
                raise refused(exc) from None
            if not text:
                continue  # jrnl allows an empty entry; a journal entry needs words
            # jrnl's times are the writer's local wall-clock time.
            moment = datetime.combine(day, at).astimezone()
        except Bad as exc:
            raise Bad(f"jrnl entry {n}: {exc}") from None
        rows.append(
            {
                "day": day,
                "kind": EntryKind.ENTRY.value,
                "text": text,
                "tags": tags_text,
                "created_at": moment,
                "updated_at": moment,
                "utc_offset_min": offset_min(moment),
            }
        )
    return rows


def parse_document(doc: Mapping[str, Any], today: date | None = None) -> Parsed:
    """Validate an exback or jrnl document; raises :class:`InvalidInput` naming a bad value.

    Days and times must fall within the bounds every way in shares (write_rules: from 1900
    to ``today``, the clock's unless given), so an import holds no day the command line or
    the app would refuse.
    """
    kind = detect(doc)
    if kind is None:
        raise InvalidInput("This is not an exback or jrnl export; nothing was imported.")
    today = today or date.today()
    try:
        if kind == "jrnl":
            parsed = Parsed(
                journey=None,
                steps=[],
                ticks=[],
                habits=[],
                marks={},
                checkins=[],
                entries=_parse_jrnl(doc, today),
                contacts=[],
                evaluations=[],
                support=[],
                settings={},
                kind="jrnl",
            )
        else:
            parsed = _parse_exback(doc)
        _check_bounds(parsed, today)
        return parsed
    except Bad as exc:
        raise InvalidInput(
            f"The {kind} export has a value that cannot be imported ({exc}); nothing was imported."
        ) from None


def _check_bounds(p: Parsed, today: date) -> None:
    """Every day and time in ``p`` within write_rules' bounds (check_day, check_time)."""
    sections = {
        "journey": [p.journey] if p.journey else [],
        "phase_steps": p.steps,
        "checklist": p.ticks,
        "habits": p.habits,
        "checkins": p.checkins,
        "entries": p.entries,
        "contacts": p.contacts,
        "asks": p.asks,
        "urge_log": p.urge_log,
        "evaluations": p.evaluations,
    }
    for section, rows in sections.items():
        for n, row in enumerate(rows, start=1):
            where = "the journey" if section == "journey" else f"{SECTIONS[section][1]} record {n}"
            try:
                for key, value in row.items():
                    if isinstance(value, datetime):
                        check_time(value, today, key)
                    elif isinstance(value, date):
                        check_day(value, today, key)
                if section == "habits":
                    for day in p.marks.get(row["name"].casefold(), []):
                        check_day(day, today, "done_on")
            except InvalidInput as exc:
                raise Bad(f"{where}: {refused(exc)}") from None
