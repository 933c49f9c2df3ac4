"""The export document as Markdown, for reading: one section a day, newest first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from ..core import phases
from ..core.text import collapse_spaces, shown_in
from ..core.values import (
    EntryKind,
    Initiator,
    Response,
)
from .document import (
    Doc,
)

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
    """A readable journal: a section a day, with the phase moves as headings.

    Meant to be read (often on a terminal), so no escape sequence or control character of an
    odd journal comes along; they go first, so none can hide a line that looks like a heading.
    """
    doc = shown_in(doc)
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
    steps = sorted(enumerate(doc["phase_steps"]), key=lambda p: (p[1]["entered_on"], p[0]))
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
            lines.extend([f"**{label}** ({at:%H:%M}){tags}", ""])
            if e.get("prompt"):  # the question it was written to, quoted above it
                lines.extend([f"> *{collapse_spaces(e['prompt'])}*", ""])
            lines.extend([_paragraph(e["text"]), ""])
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
