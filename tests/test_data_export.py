"""Export: the complete versioned JSON round trip, the Markdown journal, the CSV sheet, the CLI."""

from __future__ import annotations

import csv
import io
import json
import stat
import subprocess
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from exback_tui.core.values import (
    Answer,
    Decision,
    EntryKind,
    Evaluation,
    HowEnded,
    Transition,
)
from exback_tui.store.journal import Journal
from exback_tui.store.portable import VERSION, to_csv, to_json, to_markdown

# Each test's journal is made before it runs (conftest.made): these are tests of commands, and
# the first run that makes a journal is tested on its own (test_cli_basic's default path test,
# tests/e2e, tests/test_store_open.py).
pytestmark = pytest.mark.usefixtures("made")

D = date(2025, 3, 1)
TOKYO = timezone(timedelta(hours=9))
NEW_YORK = timezone(timedelta(hours=-5))

RunExback = Callable[..., subprocess.CompletedProcess[str]]


def fill(j: Journal) -> None:
    """A small journal that touches every table and the awkward values."""
    j.set_journey(breakup_date=D - timedelta(days=10), how=HowEnded.RASH, children=True)
    j.move_phase(2, "Calmer now", on=D + timedelta(days=2))
    j.tick(1, "no-calls-texts", on=D)
    j.add_habit("cold showers")
    j.record_checkin(D, mood=3, urge=8, note="rough, but ok", habits=["friends", "sleep"])
    j.record_checkin(D + timedelta(days=1), mood=5, urge=None, note='=SUM(A1) "quoted", comma')
    j.record_checkin(D + timedelta(days=2), habits=["cold showers"])  # marks only, no mood
    j.archive_habit("cold showers")
    j.add_entry(
        "Long walk by the river.\n# not a heading\nEmoji 😢 and [bold]markup[/]",
        day=D,
        tags=["outdoors", "#good-day"],
        when=datetime(2025, 3, 1, 21, 5, 7, 123456, tzinfo=TOKYO),
    )
    j.add_entry(
        "I miss you.",
        day=D + timedelta(days=1),
        kind=EntryKind.UNSENT,
        when=datetime(2025, 3, 2, 23, 0, tzinfo=NEW_YORK),
    )
    j.log_contact(
        medium="text",
        initiated_by="them",
        response="neutral",
        logistics=True,
        when=datetime(2025, 3, 2, 8, 30, tzinfo=NEW_YORK),
        note="Handover times",
    )
    j.log_contact(
        medium="call",
        initiated_by="me",
        response="friendly",
        minutes=12,
        when=datetime(2025, 3, 3, 19, 0, tzinfo=TOKYO),
    )
    j.record_evaluation(
        Evaluation(
            made_on=D + timedelta(days=3),
            worth=Answer.YES,
            added_value=Answer.UNSURE,
            differences=Answer.YES,
            intimacy=7,
            passion=5,
            commitment=8,
            decision=Decision.PURSUE,
            transitions=(Transition.CAREER,),
            patterns=("Going quiet",),
            note="Worth it",
        )
    )
    j.add_support_contact("Sam", "call after six")
    j.set_setting("theme", "nord")


@pytest.fixture
def filled(journal: Journal) -> Journal:
    fill(journal)
    return journal


def test_json_round_trip_through_an_empty_journal_gives_the_same_document(
    filled: Journal, tmp_path: Path
) -> None:
    first = filled.export_data()
    with Journal.open(tmp_path / "other.db") as other:
        summary = other.import_data(json.loads(to_json(first)))
        second = other.export_data()
    assert summary.into_empty
    assert summary.kind == "exback"
    assert summary.added["checkins"] == 3 and summary.added["entries"] == 2
    assert not summary.skipped
    assert second == first
    assert to_json(second) == to_json(first)


def test_json_is_versioned_complete_and_free_of_row_ids(filled: Journal) -> None:
    doc = filled.export_data()
    assert doc["format"] == "exback" and doc["version"] == VERSION
    for section in (
        "journey",
        "phase_steps",
        "checklist",
        "habits",
        "checkins",
        "entries",
        "contacts",
        "evaluations",
        "support_contacts",
        "settings",
    ):
        assert section in doc
    assert doc["journey"]["how"] == "rash" and doc["journey"]["children"] is True
    assert [s["phase"] for s in doc["phase_steps"]] == [1, 2]
    assert doc["checklist"] == [{"phase": 1, "item_key": "no-calls-texts", "done_on": "2025-03-01"}]
    showers = next(h for h in doc["habits"] if h["name"] == "cold showers")
    assert showers["archived"] is True and showers["done_on"] == ["2025-03-03"]
    assert doc["settings"] == {"theme": "nord"}
    assert doc["support_contacts"][0]["name"] == "Sam"
    assert doc["evaluations"][0]["transitions"] == ["career"]
    # The offset the user had when writing is kept, to the microsecond.
    assert doc["entries"][0]["created_at"] == "2025-03-01T21:05:07.123456+09:00"
    assert doc["entries"][0]["tags"] == ["outdoors", "good-day"]
    assert doc["contacts"][0]["at"] == "2025-03-02T08:30:00-05:00"
    assert all("id" not in row for row in doc["checkins"] + doc["entries"] + doc["contacts"])


def test_export_reports_progress_up_to_its_total(filled: Journal) -> None:
    calls: list[tuple[int, int]] = []
    filled.export_data(lambda done, total: calls.append((done, total)))
    assert calls[0][0] == 0
    assert calls[-1][0] == calls[-1][1] > 0
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_markdown_is_a_readable_journal_a_section_a_day(filled: Journal) -> None:
    md = to_markdown(filled.export_data())
    assert md.startswith("# exback journal\n")
    assert "## Phase 1: Pause" in md and "## Phase 2: Get yourself back" in md
    assert "*Calmer now*" in md
    day = md.index("### Sat 2025-03-01")
    section = md[day : md.index("### Sun 2025-03-02")]
    assert "Mood 3/10 · urge 8/10" in section
    assert "Habits: friends, sleep" in section
    assert "Note: rough, but ok" in section
    assert "**Entry** (21:05) #outdoors #good-day" in section
    assert "Long walk by the river." in section
    assert "\\# not a heading" in section  # a '#' line in an entry never becomes a heading
    assert "😢" in section
    assert "**Unsent message** (23:00)" in md
    assert "**Contact:** 08:30 · text · they reached out · they were neutral · logistics" in md
    assert "call · you reached out · they were friendly · personal · 12 min" in md
    # Phase moves are headings in time order: phase 2 comes before its first day.
    assert md.index("## Phase 2") < md.index("### Mon 2025-03-03")
    assert md.index("## Phase 2") > md.index("### Sun 2025-03-02")


def test_csv_is_one_row_a_day_with_a_column_a_habit(filled: Journal) -> None:
    text = to_csv(filled.export_data())
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "date",
        "mood",
        "urge",
        "friends",
        "exercise",
        "sleep",
        "something for me",
        "cold showers",
        "note",
    ]
    assert rows[1] == ["2025-03-01", "3", "8", "1", "0", "1", "0", "0", "rough, but ok"]
    # A note a spreadsheet would run as a formula is kept as text.
    assert rows[2] == ["2025-03-02", "5", "", "0", "0", "0", "0", "0", '\'=SUM(A1) "quoted", comma']
    assert rows[3] == ["2025-03-03", "", "", "0", "0", "0", "0", "1", ""]
    assert len(rows) == 4


def test_cli_exports_json_to_a_private_file(
    filled: Journal, journal_path: Path, tmp_path: Path, run_exback: RunExback
) -> None:
    target = tmp_path / "out" / "export.json"
    target.parent.mkdir()
    result = run_exback("export", "--format", "json", "--output", str(target))
    assert result.returncode == 0, result.stderr
    assert "Exported 3 check-ins and 2 entries as json" in result.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert json.loads(target.read_text()) == filled.export_data()


def test_cli_exports_md_and_csv_to_stdout_without_a_progress_bar_when_piped(
    filled: Journal, run_exback: RunExback
) -> None:
    md = run_exback("export", "--format", "md")
    assert md.returncode == 0, md.stderr
    assert md.stdout.startswith("# exback journal")
    assert md.stderr == ""
    sheet = run_exback("export", "--format", "csv")
    assert sheet.stdout.splitlines()[0].startswith("date,mood,urge,friends")
    assert sheet.stderr == ""


def test_cli_refuses_to_export_over_the_journal(
    filled: Journal, journal_path: Path, run_exback: RunExback
) -> None:
    before = filled.export_data()
    result = run_exback("export", "--output", str(journal_path))
    assert result.returncode == 1
    assert "would overwrite the journal itself" in result.stderr
    assert filled.export_data() == before
