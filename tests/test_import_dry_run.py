"""``exback import --dry-run``: says what every importer would add, skip and map, and writes
nothing (the journal stays byte for byte as it was; no journal is made)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import RunExback
from import_helpers import sample

from exback_tui.store.journal import Journal

# Each sample, what its dry run into a journal with one check-in of today says it would add,
# and a line of how it maps names.
SAMPLES = {
    "daylio_export_2024_03_10.csv": (
        "would add 3 habits, 6 habit marks, 4 check-ins and 4 entries, and skip 2 habits "
        "already in the journal",
        "'awful' → 1 (1 row)",
    ),
    "Loop Habits Backup 2024-03-10 101500.db": (
        "would add 5 habits, 10 habit marks and 3 entries.",
        "Habit 'Coffee' (numerical, at most 2 cups): 3 days met the target",
    ),
    "Loop Habits CSV 2024-03-10.zip": (
        "would add 5 habits, 10 habit marks and 3 entries.",
        "Habit 'Meditate' (yes or no): 2 days done",
    ),
    "journal.txt": ("would add 3 entries.", "jrnl entries → entries: 3, 1 starred"),
}


@pytest.mark.parametrize("name", list(SAMPLES))
def test_a_dry_run_says_what_it_would_do_and_writes_nothing(
    name: str, tmp_path: Path, journal_path: Path, run_exback: RunExback, today: date
) -> None:
    with Journal.open(journal_path) as journal:
        journal.record_checkin(today, mood=6)
    # Opened again, as any command does: that names the journal and makes today's backup.
    Journal.open(journal_path).close()
    before = journal_path.read_bytes()
    files = sorted(p.name for p in journal_path.parent.rglob("*"))
    result = run_exback("import", "--dry-run", str(sample(tmp_path, name)))
    assert result.returncode == 0, result.stderr
    would, mapped = SAMPLES[name]
    assert result.stdout.startswith("Dry run: importing ")
    assert "into your journal " + would in result.stdout
    assert "Nothing was written." in result.stdout
    assert mapped in result.stdout
    assert journal_path.read_bytes() == before
    assert sorted(p.name for p in journal_path.parent.rglob("*")) == files
    # And the import itself does what the dry run said.
    done = run_exback("import", str(tmp_path / "samples" / name))
    assert done.returncode == 0, done.stderr
    assert would.removeprefix("would add ").split(",")[0] in done.stdout


def test_a_dry_run_without_a_journal_makes_none(
    tmp_path: Path, journal_path: Path, run_exback: RunExback
) -> None:
    result = run_exback("import", "--dry-run", str(sample(tmp_path, "journal_12h.txt")))
    assert result.returncode == 0, result.stderr
    assert f"into a new journal at {journal_path} would add 2 entries." in result.stdout
    assert not journal_path.parent.exists()


def test_a_dry_run_of_a_file_it_cannot_read_refuses_it_the_same_way(
    tmp_path: Path, journal_path: Path, run_exback: RunExback
) -> None:
    source = sample(tmp_path, "daylio_export_2023_12_31.csv")
    result = run_exback("import", "--dry-run", str(source))
    assert result.returncode == 1
    assert "'super' and 'fine' have no level; the moods found are" in result.stderr
    assert not journal_path.exists()
