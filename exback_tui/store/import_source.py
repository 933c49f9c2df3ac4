"""What the importers of other apps' files share: the options, what a file was found to hold,
the one way to refuse it, and the exback document they all build.

Pure: no database and no file. Each importer (:mod:`.import_daylio`, :mod:`.import_loop`,
:mod:`.import_jrnl_text`) turns a file into an exback export document with
:class:`DocumentBuilder`, and :func:`incoming` validates it as any export is validated
(:func:`.import_document.parse_document`) and labels it, so the merge writer takes it as it
takes every other import.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from ..core.text import MAX_TEXT_CHARS
from ..core.values import MOOD_MAX, MOOD_MIN
from .document import FORMAT, VERSION, Doc
from .errors import InvalidInput
from .import_document import Parsed, parse_document
from .write_rules import check_day, habit_name

# Daylio's five default moods, from best to worst, onto exback's 1-10: spread evenly, with
# meh at 5, where exback counts a day as OK, and bad at 3, where it counts a day as low.
DAYLIO_LEVELS: Mapping[str, int] = {"rad": 10, "good": 8, "meh": 5, "bad": 3, "awful": 1}


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """How to read another app's file: mood levels and habit names given, and today."""

    today: date
    mood_map: Mapping[str, int] = field(default_factory=dict)  # casefolded name -> 1-10
    habit_map: Mapping[str, str] = field(default_factory=dict)  # casefolded name -> new name

    def habit(self, name: str) -> str:
        """The exback name of another app's habit (--habit-map renames it)."""
        return self.habit_map.get(name.casefold(), name)


@dataclass(slots=True)
class Incoming:
    """A file read and recognised: what it is, its rows ready for the merge writer, and how
    its names were mapped (a line each, for the dry run)."""

    kind: str  # exback, jrnl, daylio, loop
    label: str  # how a sentence names it: "Daylio export", "Loop Habit Tracker backup"
    parsed: Parsed
    mapped: list[str] = field(default_factory=list)


class Refused(Exception):
    """A value in another app's file that cannot come in: where it is and what is wrong.

    The reader turns it into one sentence naming the file (:func:`refusal`).
    """

    def __init__(self, where: str, what: str) -> None:
        super().__init__(f"{where}: {what}")


def refusal(name: str, exc: Refused) -> InvalidInput:
    """The one sentence that refuses a file: its name, the line or field, what is wrong."""
    return InvalidInput(f"{name}, {exc}; nothing was imported.")


def named(value: str) -> str:
    """A name from the file (a mood, a habit) quoted for a sentence, cut if very long."""
    value = " ".join(value.split())
    return repr(value if len(value) <= 40 else value[:39] + "…")


def quiet(exc: InvalidInput) -> str:
    """A shared write rule's sentence as the end of a refusal (no capital, no full stop)."""
    text = str(exc).rstrip(".")
    return text[:1].lower() + text[1:]


def parse_mood_map(text: str | None) -> dict[str, int]:
    """``--mood-map "rad=10,good=8"`` as names (casefolded) to moods from 1 to 10."""
    levels: dict[str, int] = {}
    for name, value in _pairs(text, "--mood-map", "rad=10"):
        try:
            level = int(value)
        except ValueError:
            level = MOOD_MIN - 1
        if not MOOD_MIN <= level <= MOOD_MAX:
            raise InvalidInput(
                f"--mood-map gives {named(name)} the level {named(value)}, but a mood is a whole "
                f"number from {MOOD_MIN} to {MOOD_MAX}; nothing was imported."
            )
        levels[name.casefold()] = level
    return levels


def parse_habit_map(text: str | None) -> dict[str, str]:
    """``--habit-map "Old=New,Run=exercise"`` as old names (casefolded) to new ones."""
    names: dict[str, str] = {}
    for old, new in _pairs(text, "--habit-map", "Gym=exercise"):
        try:
            names[old.casefold()] = habit_name(new)
        except InvalidInput as exc:
            raise InvalidInput(
                f"--habit-map renames {named(old)}: {quiet(exc)}; nothing was imported."
            ) from None
    return names


def _pairs(text: str | None, option: str, example: str) -> list[tuple[str, str]]:
    if text is None:
        return []
    pairs = []
    for part in text.split(","):
        if not part.strip():
            continue
        name, sep, value = part.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise InvalidInput(
                f"{option} takes name=value pairs separated by commas, like {example}, and "
                f"{named(part)} is not one; nothing was imported."
            )
        pairs.append((" ".join(name.split()), value.strip()))
    return pairs


def day_in_bounds(day: date, options: ImportOptions, where: str, what: str) -> date:
    """``day`` if a journal takes it (1900 to today), else :class:`Refused` at ``where``."""
    try:
        return check_day(day, options.today, what)
    except InvalidInput as exc:
        raise Refused(where, quiet(exc)) from None


def text_in(value: str, where: str, what: str) -> str:
    """``value`` if a journal can hold it, else :class:`Refused` naming ``where``.

    Only its size can be refused here (decoded UTF-8 holds no lone surrogate); it is cleaned
    once, as every import's text is, when the document is validated.
    """
    if len(value) > MAX_TEXT_CHARS:
        raise Refused(
            where,
            f"the {what} is {len(value):,} characters, over the {MAX_TEXT_CHARS:,} a journal takes",
        )
    return value


def local_moment(day: date, at: time) -> datetime:
    """A wall-clock time on ``day`` as an aware time in this computer's zone (as jrnl's
    and Daylio's times are written)."""
    return datetime.combine(day, at).astimezone()


class DocumentBuilder:
    """An exback export document made from another app's rows: habits and the days they
    were done, one check-in a day, entries."""

    def __init__(self) -> None:
        self._habits: dict[str, dict[str, Any]] = {}
        self._done: dict[str, set[date]] = {}
        self._checkins: dict[date, dict[str, Any]] = {}
        self._entries: list[dict[str, Any]] = []

    def habit(self, name: str, first: datetime, where: str, archived: bool = False) -> str:
        """The habit ``name`` (added once, in the order first met); returns its key.

        Two of the app's habits with one name (in any case) are one habit here, stopped only
        when both are.
        """
        try:
            name = habit_name(name)
        except InvalidInput as exc:
            raise Refused(where, f"the habit {named(name)}: {quiet(exc)}") from None
        key = name.casefold()
        row = self._habits.get(key)
        if row is None:
            row = {
                "name": name,
                "position": len(self._habits) + 1,
                "archived": archived,
                "created_at": first.isoformat(),
            }
            self._habits[key] = row
            self._done[key] = set()
        else:
            row["archived"] = row["archived"] and archived
            row["created_at"] = min(row["created_at"], first.isoformat())
        return key

    def done(self, key: str, day: date) -> None:
        """The habit ``key`` (from :meth:`habit`) was done on ``day``."""
        self._done[key].add(day)

    def checkin(self, day: date, mood: int, at: datetime) -> None:
        """The check-in of ``day``: its mood, saved at ``at``; a later call for the day wins."""
        self._checkins[day] = {
            "day": day.isoformat(),
            "mood": mood,
            "urge": None,
            "note": "",
            "created_at": at.isoformat(),
        }

    def entry(self, day: date, at: datetime, text: str) -> None:
        """A journal entry of ``day`` written at ``at``."""
        self._entries.append(
            {"day": day.isoformat(), "kind": "entry", "text": text, "created_at": at.isoformat()}
        )

    def document(self) -> Doc:
        """The exback export document (format version :data:`VERSION`) of what was added."""
        habits = [
            {**row, "done_on": [d.isoformat() for d in sorted(self._done[key])]}
            for key, row in self._habits.items()
        ]
        return {
            "format": FORMAT,
            "version": VERSION,
            "habits": habits,
            "checkins": [self._checkins[d] for d in sorted(self._checkins)],
            "entries": sorted(self._entries, key=lambda e: (e["day"], e["created_at"])),
        }

    def done_days(self, key: str) -> int:
        """How many days the habit ``key`` was done."""
        return len(self._done[key])


def incoming(
    doc: Doc, kind: str, label: str, options: ImportOptions, mapped: list[str]
) -> Incoming:
    """``doc`` validated as every export is, labelled as the ``kind`` it came from.

    Labelled other than "exback", it is merged into the journal (never replacing what a new
    journal starts with).
    """
    parsed = dataclasses.replace(parse_document(doc, options.today), kind=kind)
    return Incoming(kind, label, parsed, mapped)
