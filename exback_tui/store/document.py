"""The exback export document: its format and version, its sections, and what an import did.

Shared by building the document (store.export_document), rendering it (export_json,
export_markdown, export_csv), reading one (store.import_document) and writing it into a
journal (store.import_write). No SQLAlchemy here.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Final

from .errors import JournalPathError

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
    "urge_log": ("urge reading", "urge readings"),
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

    def count(self, section: str, added: int, skipped: int = 0) -> None:
        """Count ``added`` (and ``skipped``) rows of ``section``."""
        if added:
            self.added[section] = self.added.get(section, 0) + added
        if skipped:
            self.skipped[section] = self.skipped.get(section, 0) + skipped


def _counts(counts: Mapping[str, int]) -> str:
    parts = [f"{n:,} {SECTIONS[section][0 if n == 1 else 1]}" for section, n in counts.items() if n]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else ""


class Ticker:
    """Calls ``progress(done, total)`` as work is done; does nothing without a callback."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, max(total, 1), 0
        self.step(0)

    def step(self, n: int) -> None:
        self.done = min(self.total, self.done + n)
        if self.progress is not None:
            self.progress(self.done, self.total)


# -- times ----------------------------------------------------------------------------------


def in_offset(moment: datetime, offset_min: int) -> str:
    return moment.astimezone(timezone(timedelta(minutes=offset_min))).isoformat()


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` as a new 0600 file, replacing it only once fully written."""
    try:
        path = path.expanduser()
        folder = path.is_dir()
    except RuntimeError:  # "~name/..." for a user this system does not have
        raise JournalPathError(
            f"{path} starts with ~ and a user this system does not have."
        ) from None
    except OSError as exc:  # a name too long for the file system, a loop of links
        raise JournalPathError(f"Could not write {path}: {exc.strerror}.") from None
    if folder:
        raise JournalPathError(f"{path} is a folder; give a file name for the export.")
    partial = path.with_name(f".{path.name}.partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(partial, path)
    except OSError as exc:
        with contextlib.suppress(OSError):  # it may never have been made (a name too long)
            partial.unlink(missing_ok=True)
        raise JournalPathError(f"Could not write {path}: {exc.strerror}.") from None
