"""Export and import: our versioned JSON (complete), Markdown and CSV out; our JSON and jrnl in.

The JSON document is the journal, table by table, without row ids (habit marks name their
habit), so that importing an export into an empty journal and exporting again gives the same
document. Timestamps keep the offset the user had when they were written. Markdown and CSV are
rendered from that same document, so the three formats can never disagree.

Import is one transaction through the Journal's unit of work: any invalid value anywhere
raises :class:`InvalidInput` and nothing is written. Rows are read and written in bulk (column
tuples out, executemany in), so ten years of days take well under a second each way.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

from ..core import phases
from ..core.text import collapse_spaces
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
from .errors import InvalidInput, JournalPathError
from .journal import Journal, _tags
from .models import (
    AskRow,
    CheckInRow,
    ChecklistMarkRow,
    ContactRow,
    EntryRow,
    EvaluationRow,
    HabitMarkRow,
    HabitRow,
    JourneyRow,
    PhaseStepRow,
    SettingRow,
    SupportContactRow,
    table_of,
)
from .write_rules import cleaned

FORMAT: Final = "exback"
# 2 added the asks and the forced flag of phase moves. Version 1 documents still import; an
# older exback refuses a version 2 one instead of silently dropping what it cannot hold.
VERSION: Final = 2
Progress = Callable[[int, int], None]
Doc = dict[str, Any]

# The sections of a document in the order they are written, with the words a summary uses
# (one, several).
SECTIONS: Final = {
    "journey": ("journey", "journeys"),
    "phase_steps": ("phase move", "phase moves"),
    "checklist": ("checklist tick", "checklist ticks"),
    "habits": ("habit", "habits"),
    "habit_marks": ("habit mark", "habit marks"),
    "checkins": ("check-in", "check-ins"),
    "entries": ("entry", "entries"),
    "contacts": ("contact", "contacts"),
    "asks": ("ask", "asks"),
    "evaluations": ("evaluation", "evaluations"),
    "support_contacts": ("support contact", "support contacts"),
    "settings": ("setting", "settings"),
}


@dataclass(slots=True)
class ImportSummary:
    """What an import added and what it skipped as already there, counted per kind of row."""

    kind: str  # "exback" or "jrnl"
    into_empty: bool = False
    added: dict[str, int] = field(default_factory=dict)  # by section name, e.g. "checkins"
    skipped: dict[str, int] = field(default_factory=dict)

    @property
    def total_added(self) -> int:
        """How many rows were added in all."""
        return sum(self.added.values())

    @property
    def total_skipped(self) -> int:
        """How many rows were skipped in all."""
        return sum(self.skipped.values())

    def describe(self) -> str:
        """One or two sentences for a person: what was added, what was skipped."""
        added = _counts(self.added) or "nothing new"
        sentence = f"Added {added}."
        if self.skipped:
            sentence += f" Skipped {_counts(self.skipped)} already in the journal."
        return sentence

    def _count(self, section: str, added: int, skipped: int = 0) -> None:
        if added:
            self.added[section] = self.added.get(section, 0) + added
        if skipped:
            self.skipped[section] = self.skipped.get(section, 0) + skipped


def _counts(counts: Mapping[str, int]) -> str:
    parts = [
        f"{n:,} {SECTIONS[section][0 if n == 1 else 1]}" for section, n in counts.items() if n
    ]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else ""


class _Ticker:
    """Calls ``progress(done, total)`` as work is done; does nothing without a callback."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, max(total, 1), 0
        self.step(0)

    def step(self, n: int) -> None:
        self.done = min(self.total, self.done + n)
        if self.progress is not None:
            self.progress(self.done, self.total)


# -- times ----------------------------------------------------------------------------------


def _in_offset(moment: datetime, offset_min: int) -> str:
    return moment.astimezone(timezone(timedelta(minutes=offset_min))).isoformat()


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _offset_min(moment: datetime) -> int:
    offset = moment.utcoffset()
    return int(offset.total_seconds() // 60) if offset else 0


# -- export ---------------------------------------------------------------------------------


def _rows(s: Session, table: Table, *order: Any) -> list[Any]:
    return list(s.execute(select(table).order_by(*order)))


def export_data(journal: Journal, progress: Progress | None = None) -> Doc:
    """The whole journal as a versioned JSON-ready document, read in one transaction."""
    with journal._reading() as s:
        total = sum(
            s.scalar(select(func.count()).select_from(m)) or 0
            for m in (CheckInRow, HabitMarkRow, EntryRow, ContactRow, AskRow, PhaseStepRow)
        )
        ticker = _Ticker(progress, total)
        journey = s.get(JourneyRow, 1)
        doc: Doc = {
            "format": FORMAT,
            "version": VERSION,
            "journey": None if journey is None else {
                "breakup_date": _iso(journey.breakup_date),
                "how": journey.how,
                "children": journey.children,
                "living_together": journey.living_together,
                "hurt_ex": journey.hurt_ex,
                "ex_dating": journey.ex_dating,
                "pause_target_days": journey.pause_target_days,
                "onboarded": journey.onboarded,
                "created_at": _utc(journey.created_at),
            },
        }
        t = table_of(PhaseStepRow)
        steps = _rows(s, t, t.c.id)
        doc["phase_steps"] = [
            {
                "phase": r.phase,
                "entered_on": r.entered_on.isoformat(),
                "reason": r.reason,
                "forced": r.forced,
                "created_at": _utc(r.created_at),
            }
            for r in steps
        ]
        ticker.step(len(steps))
        t = table_of(ChecklistMarkRow)
        doc["checklist"] = [
            {"phase": r.phase, "item_key": r.item_key, "done_on": r.done_on.isoformat()}
            for r in _rows(s, t, t.c.id)
        ]
        marks: dict[int, list[str]] = defaultdict(list)
        mark_rows = list(s.execute(select(HabitMarkRow.habit_id, HabitMarkRow.day).order_by(
            HabitMarkRow.habit_id, HabitMarkRow.day
        )))
        for habit_id, day in mark_rows:
            marks[habit_id].append(day.isoformat())
        ticker.step(len(mark_rows))
        t = table_of(HabitRow)
        doc["habits"] = [
            {
                "name": r.name,
                "position": r.position,
                "archived": r.archived,
                "created_at": _utc(r.created_at),
                "done_on": marks.get(r.id, []),
            }
            for r in _rows(s, t, t.c.id)
        ]
        t = table_of(CheckInRow)
        checkins = _rows(s, t, t.c.day)
        doc["checkins"] = [
            {
                "day": r.day.isoformat(),
                "mood": r.mood,
                "urge": r.urge,
                "note": r.note,
                "created_at": _in_offset(r.created_at, r.utc_offset_min),
                "updated_at": _in_offset(r.updated_at, r.utc_offset_min),
            }
            for r in checkins
        ]
        ticker.step(len(checkins))
        t = table_of(EntryRow)
        entries = _rows(s, t, t.c.id)
        doc["entries"] = [
            {
                "day": r.day.isoformat(),
                "kind": r.kind,
                "text": r.text,
                "tags": r.tags.split(),
                "created_at": _in_offset(r.created_at, r.utc_offset_min),
                "updated_at": _in_offset(r.updated_at, r.utc_offset_min),
            }
            for r in entries
        ]
        ticker.step(len(entries))
        t = table_of(ContactRow)
        contacts = _rows(s, t, t.c.id)
        doc["contacts"] = [
            {
                "at": _in_offset(r.at, r.at_offset_min),
                "medium": r.medium,
                "initiated_by": r.initiated_by,
                "response": r.response,
                "logistics": r.logistics,
                "minutes": r.minutes,
                "note": r.note,
                "created_at": _in_offset(r.created_at, r.utc_offset_min),
                "updated_at": _in_offset(r.updated_at, r.utc_offset_min),
            }
            for r in contacts
        ]
        ticker.step(len(contacts))
        t = table_of(AskRow)
        asks = _rows(s, t, t.c.at, t.c.id)
        doc["asks"] = [
            {
                "at": _in_offset(r.at, r.at_offset_min),
                "answer": r.answer,
                "note": r.note,
                "created_at": _utc(r.created_at),
            }
            for r in asks
        ]
        ticker.step(len(asks))
        t = table_of(EvaluationRow)
        doc["evaluations"] = [
            {
                "made_on": r.made_on.isoformat(),
                "worth": r.worth,
                "added_value": r.added_value,
                "differences": r.differences,
                "intimacy": r.intimacy,
                "passion": r.passion,
                "commitment": r.commitment,
                "transitions": json.loads(r.transitions),
                "red_flags": json.loads(r.red_flags),
                "patterns": json.loads(r.patterns),
                "decision": r.decision,
                "note": r.note,
                "created_at": _utc(r.created_at),
            }
            for r in _rows(s, t, t.c.id)
        ]
        t = table_of(SupportContactRow)
        doc["support_contacts"] = [
            {"name": r.name, "detail": r.detail, "position": r.position}
            for r in _rows(s, t, t.c.position, t.c.id)
        ]
        t = table_of(SettingRow)
        doc["settings"] = {r.key: r.value for r in _rows(s, t, t.c.key)}
    ticker.step(ticker.total)
    return doc


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` as a new 0600 file, replacing it only once fully written."""
    path = path.expanduser()
    if path.is_dir():
        raise JournalPathError(f"{path} is a folder; give a file name for the export.")
    partial = path.with_name(f".{path.name}.partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise JournalPathError(f"Could not write {path}: {exc.strerror}.") from None


def to_json(doc: Doc) -> str:
    """The document as UTF-8-friendly, indented JSON text ending in a newline."""
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# -- Markdown and CSV, rendered from the document -------------------------------------------


def _day_title(day: date) -> str:
    return f"{day:%a} {day.isoformat()}"


def _paragraph(text: str) -> str:
    # A journal entry is already prose (often Markdown); keep it, but never let a line of it
    # turn into one of our headings.
    return "\n".join("\\" + line if line.startswith("#") else line for line in text.split("\n"))


def _contact_line(c: Mapping[str, Any]) -> str:
    at = datetime.fromisoformat(c["at"])
    who = "you reached out" if c["initiated_by"] == Initiator.ME else "they reached out"
    bits = [f"{at:%H:%M}", c["medium"], who]
    if c["response"] != Response.NONE:
        bits.append(f"they were {c['response']}")
    bits.append("logistics" if c["logistics"] else "personal")
    if c["minutes"] is not None:
        bits.append(f"{c['minutes']} min")
    return " · ".join(bits)


def _ask_line(a: Mapping[str, Any]) -> str:
    at = datetime.fromisoformat(a["at"])
    said = a["answer"].replace("-", " ")  # "not-now" reads "not now"
    line = f"{at:%H:%M} · they said {said}"
    return f"{line} — {collapse_spaces(a['note'])}" if a["note"] else line


def to_markdown(doc: Doc) -> str:
    """A readable journal: a section a day, with the phase moves as headings."""
    days: dict[date, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for c in doc["checkins"]:
        days[date.fromisoformat(c["day"])]["checkin"].append(c)
    for h in doc["habits"]:
        for d in h["done_on"]:
            days[date.fromisoformat(d)]["habits"].append(h["name"])
    for e in doc["entries"]:
        days[date.fromisoformat(e["day"])]["entries"].append(e)
    for c in doc["contacts"]:
        days[datetime.fromisoformat(c["at"]).date()]["contacts"].append(c)
    for a in doc.get("asks", []):
        days[datetime.fromisoformat(a["at"]).date()]["asks"].append(a)
    for ev in doc["evaluations"]:
        days[date.fromisoformat(ev["made_on"])]["evaluations"].append(ev)
    steps = sorted(
        enumerate(doc["phase_steps"]), key=lambda p: (p[1]["entered_on"], p[0])
    )
    moves = [s for _, s in steps]

    lines = ["# exback journal", ""]
    journey = doc.get("journey") or {}
    if journey.get("breakup_date"):
        how = f" ({journey['how']})" if journey.get("how") else ""
        lines += [f"Breakup: {_day_title(date.fromisoformat(journey['breakup_date']))}{how}.", ""]

    def phase_heading(step: Mapping[str, Any]) -> None:
        title = phases.phase(step["phase"]).title
        on = _day_title(date.fromisoformat(step["entered_on"]))
        lines.extend([f"## Phase {step['phase']}: {title} (from {on})", ""])
        if step["reason"]:
            lines.extend([f"*{collapse_spaces(step['reason'])}*", ""])
        if step.get("forced"):
            lines.extend(["*Moved ahead on purpose.*", ""])

    for day in sorted(days):
        while moves and date.fromisoformat(moves[0]["entered_on"]) <= day:
            phase_heading(moves.pop(0))
        found = days[day]
        lines.extend([f"### {_day_title(day)}", ""])
        for c in found["checkin"]:
            rated = []
            if c["mood"] is not None:
                rated.append(f"mood {c['mood']}/10")
            if c["urge"] is not None:
                rated.append(f"urge {c['urge']}/10")
            if rated:
                lines.append("- " + " · ".join(rated).capitalize())
        if found["habits"]:
            lines.append("- Habits: " + ", ".join(found["habits"]))
        for c in found["checkin"]:
            if c["note"]:
                lines.append(f"- Note: {collapse_spaces(c['note'])}")
        if found["checkin"] or found["habits"]:
            lines.append("")
        for e in found["entries"]:
            label = "Unsent message" if e["kind"] == EntryKind.UNSENT else "Entry"
            at = datetime.fromisoformat(e["created_at"])
            tags = "".join(f" #{t}" for t in e["tags"])
            lines.extend([f"**{label}** ({at:%H:%M}){tags}", "", _paragraph(e["text"]), ""])
        for c in found["contacts"]:
            lines.append(f"**Contact:** {_contact_line(c)}")
            if c["note"]:
                lines.extend(["", _paragraph(c["note"])])
            lines.append("")
        for a in found["asks"]:
            lines.extend([f"**Asked:** {_ask_line(a)}", ""])
        for ev in found["evaluations"]:
            lines.extend([f"**Evaluation:** decided to {ev['decision']}", ""])
    for step in moves:
        phase_heading(step)
    return "\n".join(lines).rstrip("\n") + "\n"


# Spreadsheets run a cell that starts with one of these as a formula; a leading apostrophe
# keeps a note like "=( long day" as text (OWASP's advice for CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(doc: Doc) -> str:
    """One row a day with a check-in or a habit mark: date, mood, urge, a column a habit, note."""
    habits = sorted(enumerate(doc["habits"]), key=lambda p: (p[1]["position"], p[0]))
    names = [h["name"] for _, h in habits]
    done: dict[str, set[str]] = defaultdict(set)
    for _, h in habits:
        for d in h["done_on"]:
            done[d].add(h["name"])
    checkins = {c["day"]: c for c in doc["checkins"]}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["date", "mood", "urge", *(_cell(n) for n in names), "note"])
    for day in sorted(set(checkins) | set(done)):
        c = checkins.get(day, {})
        writer.writerow(
            [
                day,
                "" if c.get("mood") is None else c["mood"],
                "" if c.get("urge") is None else c["urge"],
                *(1 if n in done[day] else 0 for n in names),
                _cell(c.get("note", "")),
            ]
        )
    return buffer.getvalue()


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
    return {"created_at": created, "updated_at": updated, "utc_offset_min": _offset_min(updated)}


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
        "tags": _tags(tags),
        **_stamps(item),
    }


def _contact_row(item: Any) -> dict[str, Any]:
    at = _moment(item, "at")
    return {
        "at": at,
        "at_offset_min": _offset_min(at),
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
        "at_offset_min": _offset_min(at),
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
class _Parsed:
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


def _parse_exback(doc: Mapping[str, Any]) -> _Parsed:
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
    return _Parsed(
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
                "tags": _tags(words),
                "created_at": moment,
                "updated_at": moment,
                "utc_offset_min": _offset_min(moment),
            }
        )
    return rows


# -- writing what comes in ------------------------------------------------------------------


def _is_empty(s: Session) -> bool:
    """A journal with nothing a person wrote: only what opening a new one seeds."""
    for model in (
        CheckInRow, HabitMarkRow, EntryRow, ContactRow, AskRow, EvaluationRow,
        ChecklistMarkRow, SupportContactRow,
    ):
        if s.scalar(select(func.count()).select_from(model)):
            return False
    if (s.scalar(select(func.count()).select_from(PhaseStepRow)) or 0) > 1:
        return False
    journey = s.get(JourneyRow, 1)
    return journey is None or not journey.onboarded


def _bulk(s: Session, model: type[Any], rows: list[dict[str, Any]], ticker: _Ticker) -> None:
    batch = 2000
    for start in range(0, len(rows), batch):
        chunk = rows[start : start + batch]
        s.execute(insert(model.__table__), chunk)
        ticker.step(len(chunk))


def import_data(
    journal: Journal, doc: Mapping[str, Any], progress: Progress | None = None
) -> ImportSummary:
    """Import an exback or jrnl document in one transaction; nothing is written on any error.

    Into an empty journal an exback document replaces what opening seeded, so exporting again
    gives the same document; into one with data it is merged, skipping rows already there.
    """
    kind = detect(doc)
    if kind is None:
        raise InvalidInput("This is not an exback or jrnl export; nothing was imported.")
    try:
        if kind == "jrnl":
            parsed = _Parsed(
                journey=None, steps=[], ticks=[], habits=[], marks={}, checkins=[],
                entries=_parse_jrnl(doc), contacts=[], evaluations=[], support=[], settings={},
            )
        else:
            parsed = _parse_exback(doc)
    except _Bad as exc:
        raise InvalidInput(
            f"The {kind} export has a value that cannot be imported ({exc}); "
            "nothing was imported."
        ) from None
    summary = ImportSummary(kind)
    ticker = _Ticker(progress, parsed.size)
    with journal._write() as s:
        if kind == "exback" and _is_empty(s):
            summary.into_empty = True
            _replace_all(s, parsed, summary, ticker)
        else:
            _merge(s, parsed, summary, ticker)
    ticker.step(ticker.total)
    return summary


def _replace_all(s: Session, p: _Parsed, summary: ImportSummary, ticker: _Ticker) -> None:
    for model in (HabitRow, PhaseStepRow, SettingRow, JourneyRow):
        s.execute(delete(model))
    if p.journey is not None:
        s.execute(insert(table_of(JourneyRow)), [{"id": 1, **p.journey}])
        summary._count("journey", 1)
    else:
        s.execute(insert(table_of(JourneyRow)), [{"id": 1}])
    _bulk(s, PhaseStepRow, p.steps, ticker)
    _bulk(s, ChecklistMarkRow, p.ticks, ticker)
    _bulk(s, HabitRow, p.habits, ticker)
    ids = {name.casefold(): id_ for id_, name in s.execute(select(HabitRow.id, HabitRow.name))}
    marks = [
        {"habit_id": ids[key], "day": day}
        for key, days in p.marks.items()
        for day in days
    ]
    _bulk(s, HabitMarkRow, marks, ticker)
    _bulk(s, CheckInRow, p.checkins, ticker)
    _bulk(s, EntryRow, p.entries, ticker)
    _bulk(s, ContactRow, p.contacts, ticker)
    _bulk(s, AskRow, p.asks, ticker)
    _bulk(s, EvaluationRow, p.evaluations, ticker)
    _bulk(s, SupportContactRow, p.support, ticker)
    _bulk(s, SettingRow, [{"key": k, "value": v} for k, v in p.settings.items()], ticker)
    for section, n in (
        ("phase_steps", len(p.steps)), ("checklist", len(p.ticks)), ("habits", len(p.habits)),
        ("habit_marks", len(marks)), ("checkins", len(p.checkins)),
        ("entries", len(p.entries)), ("contacts", len(p.contacts)), ("asks", len(p.asks)),
        ("evaluations", len(p.evaluations)), ("support_contacts", len(p.support)),
        ("settings", len(p.settings)),
    ):
        summary._count(section, n)


def _new_only(
    rows: Iterable[dict[str, Any]], key: Callable[[dict[str, Any]], Any], have: set[Any]
) -> tuple[list[dict[str, Any]], int]:
    """The rows whose key is not in ``have`` (nor earlier in ``rows``) and how many were not."""
    new, skipped = [], 0
    for row in rows:
        k = key(row)
        if k in have:
            skipped += 1
            continue
        have.add(k)
        new.append(row)
    return new, skipped


def _keys(s: Session, *columns: Any) -> set[tuple[Any, ...]]:
    return {tuple(row) for row in s.execute(select(*columns))}


def _utc_key(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(microsecond=0)


def _merge(s: Session, p: _Parsed, summary: ImportSummary, ticker: _Ticker) -> None:
    if p.journey is not None:
        journey = s.get(JourneyRow, 1)
        if journey is None or not journey.onboarded:
            values = {k: v for k, v in p.journey.items() if k != "created_at"}
            if journey is None:
                s.add(JourneyRow(id=1, **values))
            else:
                for k, v in values.items():
                    setattr(journey, k, v)
            summary._count("journey", 1)
        else:
            summary._count("journey", 0, 1)

    def add(section: str, model: type[Any], rows: list[dict[str, Any]],
            key: Callable[[dict[str, Any]], Any], have: set[Any]) -> None:
        new, skipped = _new_only(rows, key, have)
        _bulk(s, model, new, ticker)
        ticker.step(skipped)
        summary._count(section, len(new), skipped)

    t = PhaseStepRow
    add("phase_steps", t, p.steps, lambda r: (r["phase"], r["entered_on"], r["reason"]),
        _keys(s, t.phase, t.entered_on, t.reason))
    add("checklist", ChecklistMarkRow, p.ticks, lambda r: (r["phase"], r["item_key"]),
        _keys(s, ChecklistMarkRow.phase, ChecklistMarkRow.item_key))

    have_habits = {n.casefold() for n in s.scalars(select(HabitRow.name))}
    last = s.scalar(select(func.max(HabitRow.position))) or 0
    # Habits new to this journal go after the user's own, in the export's order.
    ordered = sorted(p.habits, key=lambda r: r["position"])
    placed = [{**r, "position": last + i} for i, r in enumerate(ordered, start=1)]
    add("habits", HabitRow, placed, lambda r: r["name"].casefold(), have_habits)
    habit_ids = {n.casefold(): id_ for id_, n in s.execute(select(HabitRow.id, HabitRow.name))}
    marks = [{"habit_id": habit_ids[k], "day": d} for k, days in p.marks.items() for d in days]
    add("habit_marks", HabitMarkRow, marks, lambda r: (r["habit_id"], r["day"]),
        _keys(s, HabitMarkRow.habit_id, HabitMarkRow.day))
    add("checkins", CheckInRow, p.checkins, lambda r: r["day"],
        set(s.scalars(select(CheckInRow.day))))
    add("entries", EntryRow, p.entries, lambda r: (r["day"], r["kind"], r["text"]),
        _keys(s, EntryRow.day, EntryRow.kind, EntryRow.text))
    c = ContactRow
    add("contacts", c, p.contacts,
        lambda r: (_utc_key(r["at"]), r["medium"], r["initiated_by"]),
        {(_utc_key(at), m, i) for at, m, i in s.execute(select(c.at, c.medium, c.initiated_by))})
    # The same moment and answer is the same ask. The phase moves it made came in above with
    # the other moves; an imported ask never moves the phase again.
    add("asks", AskRow, p.asks, lambda r: (_utc_key(r["at"]), r["answer"]),
        {(_utc_key(at), a) for at, a in s.execute(select(AskRow.at, AskRow.answer))
         if at is not None})
    e = EvaluationRow
    eval_cols = (e.made_on, e.worth, e.added_value, e.differences, e.intimacy, e.passion,
                 e.commitment, e.decision)
    add("evaluations", e, p.evaluations,
        lambda r: tuple(r[col.key] for col in eval_cols),
        _keys(s, *eval_cols))
    last_support = s.scalar(select(func.max(SupportContactRow.position))) or 0
    support = [{**r, "position": last_support + i} for i, r in enumerate(p.support, start=1)]
    add("support_contacts", SupportContactRow, support,
        lambda r: (r["name"].casefold(), r["detail"]),
        {(n.casefold(), d) for n, d in s.execute(
            select(SupportContactRow.name, SupportContactRow.detail))})
    add("settings", SettingRow, [{"key": k, "value": v} for k, v in p.settings.items()],
        lambda r: r["key"], set(s.scalars(select(SettingRow.key))))
