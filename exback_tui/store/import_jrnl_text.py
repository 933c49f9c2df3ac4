"""jrnl's own journal file (plain text, what ``jrnl`` writes by default) read as its JSON
export would give it, then imported the same way: pure.

Each entry starts with a line ``[YYYY-MM-DD HH:MM] Title`` (or a 12-hour time, ``09:15 PM``);
a title ending in ``*`` is starred; ``@word`` and ``#word`` are tags, as jrnl finds them. The
title and the body become one entry's text, as from ``jrnl --export json``, so importing the
file and the export of the same journal gives the same entries once.
"""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any

from .import_source import ImportOptions, Incoming, Refused, day_in_bounds, incoming, text_in
from .import_values import described

_HEADER = re.compile(
    r"\[(\d{4}-\d{2}-\d{2}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AaPp])\.?[Mm]\.?)?\](?: (.*))?"
)
# jrnl's own tag pattern (Entry.tag_regex) with its default symbols.
_TAG = re.compile(r"(?<!\S)([@#][-+*#/\w]+)")


def is_jrnl_text(text: str) -> bool:
    """Whether ``text``'s first line that is not blank starts a jrnl entry."""
    for line in text.lstrip("\ufeff").splitlines():
        if line.strip():
            return _HEADER.fullmatch(line.rstrip()) is not None
    return False


def parse_jrnl_text(text: str, options: ImportOptions) -> Incoming:
    """A jrnl journal file as entries; :class:`Refused` names a bad line."""
    entries: list[dict[str, Any]] = []
    body: list[str] = []
    for n, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        match = _HEADER.fullmatch(line.rstrip())
        if match is None:
            body.append(line)
            continue
        if entries:
            _finish(entries[-1], body)
        body = []
        entries.append(_start(match, f"line {n}", options))
    if entries:
        _finish(entries[-1], body)
    starred = sum(1 for e in entries if e["starred"])
    tags = list(dict.fromkeys(t.lstrip("@#") for e in entries for t in e["tags"]))
    mapped = [
        f"jrnl entries → entries: {len(entries):,}"
        + (f", {starred:,} starred (tagged starred)" if starred else "")
        + (f"; tags: {', '.join(tags)}" if tags else "")
    ]
    return incoming(
        {"entries": [_public(e) for e in entries]}, "jrnl", "jrnl journal", options, mapped
    )


def _start(match: re.Match[str], where: str, options: ImportOptions) -> dict[str, Any]:
    day_text, hour_text, minute, second, half, title = match.groups()
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        raise Refused(where, f"the date {described(day_text)} is not a day") from None
    day_in_bounds(day, options, where, "date")
    hour = int(hour_text)
    try:
        if half:  # 12 AM is midnight, 12 PM noon
            if not 1 <= hour <= 12:
                raise ValueError
            hour = hour % 12 + (12 if half.lower() == "p" else 0)
        at = time(hour, int(minute), int(second or 0))
    except ValueError:
        clock = f"{hour_text}:{minute}"
        raise Refused(where, f"the time {described(clock)} is not a time of day") from None
    title = (title or "").strip()
    starred = title.endswith("*")
    return {
        "date": day.isoformat(),
        "time": at.isoformat(),
        "title": title.strip(" *") if starred else title,
        "starred": starred,
        "where": where,
    }


def _finish(entry: dict[str, Any], body: list[str]) -> None:
    entry["body"] = "\n".join(body).strip()
    whole = f"{entry['title']}\n{entry['body']}"
    text_in(whole, entry["where"], "entry")  # too long is refused here, naming its line
    entry["tags"] = list(dict.fromkeys(t.lower() for t in _TAG.findall(whole)))


def _public(entry: dict[str, Any]) -> dict[str, Any]:
    """The entry as ``jrnl --export json`` writes it."""
    return {k: entry[k] for k in ("title", "body", "date", "time", "tags", "starred")}
