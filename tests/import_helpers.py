"""What the importer tests share: the sample files, and reading back what an import wrote."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

from exback_tui.store.journal import Journal

FIXTURES = Path(__file__).parent / "fixtures" / "import"
DEFAULT_HABITS = ["friends", "exercise", "sleep", "something for me"]


def sample(tmp_path: Path, name: str) -> Path:
    """A copy of the sample file ``name`` in a folder of its own, so a test can see that
    importing it changed nothing there (no journal files beside it, the same bytes)."""
    folder = tmp_path / "samples"
    folder.mkdir(exist_ok=True)
    return Path(shutil.copy2(FIXTURES / name, folder / name))


def exported(journal_path: Path) -> dict[str, Any]:
    """Everything in the journal, as its export document."""
    with Journal.open(journal_path) as journal:
        return journal.export_data()


def wall(moment: str) -> str:
    """An exported time as the wall clock it was written at: 'YYYY-MM-DD HH:MM'."""
    return datetime.fromisoformat(moment).strftime("%Y-%m-%d %H:%M")


def moods(doc: dict[str, Any]) -> dict[str, tuple[int | None, str]]:
    """Each check-in's day: its mood and when it was saved."""
    return {c["day"]: (c["mood"], wall(c["created_at"])) for c in doc["checkins"]}


def entries(doc: dict[str, Any]) -> list[tuple[str, str, str, list[str]]]:
    """Each entry as (day, written at, text, tags), oldest first."""
    rows = [(e["day"], wall(e["created_at"]), e["text"], e["tags"]) for e in doc["entries"]]
    return sorted(rows, key=lambda r: r[1])


def habits(doc: dict[str, Any]) -> dict[str, tuple[bool, list[str]]]:
    """Each habit's name: whether it is stopped, and the days it was done, in the journal's
    order."""
    ordered = sorted(doc["habits"], key=lambda h: h["position"])
    return {h["name"]: (h["archived"], h["done_on"]) for h in ordered}


def refusal(result: subprocess.CompletedProcess[str]) -> str:
    """The one sentence an import was refused with (checked: exit 1, one line, no trace)."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("exback: ") and lines[0].endswith("nothing was imported.")
    return lines[0].removeprefix("exback: ")
