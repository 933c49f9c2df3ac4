"""The export document as CSV, one row a day, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from ..core.text import shown_in
from .document import (
    Doc,
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(doc: Doc) -> str:
    """One row a day with a check-in or a habit mark: date, mood, urge, a column a habit, note.

    Meant to be read, so no escape sequence or control character of an odd journal comes
    along; they go before the formula guard, which then sees the text as a spreadsheet will.
    """
    doc = shown_in(doc)
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
