"""The demo journal: the same for the same seed, and a believable journey through the phases."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from statistics import mean
from typing import Any

import pytest

from exback_tui.core import phases
from exback_tui.core.values import EntryKind, Snapshot
from exback_tui.store.demo import build_demo, demo_document
from exback_tui.store.errors import InvalidInput
from exback_tui.store.import_document import parse_document
from exback_tui.store.journal import Journal

TODAY = date(2026, 3, 15)
DAYS = 400

RunExback = Callable[..., subprocess.CompletedProcess[str]]


def demo(path: Path, seed: int, days: int = DAYS) -> dict[str, Any]:
    with Journal.open(path, today=TODAY) as j:
        build_demo(j, days, seed=seed, today=TODAY)
        return j.export_data()


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    path = tmp_path_factory.mktemp("demo") / "journal.db"
    with Journal.open(path, today=TODAY) as j:
        build_demo(j, DAYS, seed=3, today=TODAY)
        return j.snapshot(TODAY)


def test_same_seed_and_day_give_the_same_journal_to_the_byte(tmp_path: Path) -> None:
    first = demo(tmp_path / "a.db", seed=42)
    second = demo(tmp_path / "b.db", seed=42)
    assert first == second  # timestamps included
    other = demo(tmp_path / "c.db", seed=43)
    assert other["checkins"] != first["checkins"]
    assert other["entries"] != first["entries"]


def test_the_demo_is_an_export_document_the_importer_loads_whole(tmp_path: Path) -> None:
    document = demo_document(DAYS, seed=5, today=TODAY)
    exported = demo(tmp_path / "e.db", seed=5)
    # Times come back in UTC or in the writer's offset, so compare what the importer reads.
    assert parse_document(exported) == parse_document(document)
    assert len(document["checkins"]) > DAYS * 0.7
    assert sum(len(h["done_on"]) for h in document["habits"]) > DAYS


def test_the_journey_starts_with_the_breakup_and_moves_through_the_phases(
    snapshot: Snapshot,
) -> None:
    assert snapshot.journey.onboarded
    assert snapshot.journey.breakup_date == TODAY - timedelta(days=DAYS)
    steps = snapshot.phase_steps
    assert [s.phase for s in steps][:4] == [1, 2, 3, 4]
    assert [s.phase for s in steps] == sorted(s.phase for s in steps)
    assert all(s.reason for s in steps)
    assert all(a.entered_on < b.entered_on for a, b in pairwise(steps))
    assert steps[0].entered_on == snapshot.journey.breakup_date + timedelta(days=1)


def test_moods_rise_and_urges_fall_with_noise_and_bad_stretches(snapshot: Snapshot) -> None:
    checkins = snapshot.checkins
    assert len(checkins) > DAYS * 0.7  # most days, not all
    moods = [c.mood for c in checkins if c.mood is not None]
    urges = [c.urge for c in checkins if c.urge is not None]
    assert mean(moods[:30]) + 2 < mean(moods[-60:])
    assert mean(urges[:30]) > mean(urges[-60:]) + 3
    assert min(moods[-120:]) <= 4  # a bad day still happens late on
    assert len(set(moods)) >= 6


def test_habits_become_more_regular(snapshot: Snapshot) -> None:
    early = [len(c.habits) for c in snapshot.checkins[:40]]
    late = [len(c.habits) for c in snapshot.checkins[-80:]]
    assert mean(early) * 1.5 < mean(late)
    assert {h.name for h in snapshot.habits} >= {"friends", "exercise", "sleep", "meditation"}


def test_contacts_follow_the_phases(snapshot: Snapshot) -> None:
    phase4 = next(s.entered_on for s in snapshot.phase_steps if s.phase == 4)
    personal_by_me = [c for c in snapshot.contacts if c.is_personal_by_me]
    assert personal_by_me
    # Before phase 4 at most one slip, in the first weeks of the pause.
    early = [c for c in personal_by_me if c.day < phase4]
    assert len(early) <= 1
    good = [c for c in snapshot.contacts if c.day >= phase4 and c.response.is_good]
    later = [c for c in snapshot.contacts if c.day >= phase4 and not c.logistics]
    assert len(good) > len(later) / 2
    if snapshot.journey.children:
        assert any(c.logistics for c in snapshot.contacts)


def test_entries_evaluation_checklist_and_support(tmp_path: Path) -> None:
    doc = demo(tmp_path / "d.db", seed=3)
    entries = doc["entries"]
    assert len(entries) > DAYS * 0.3
    assert any(e["tags"] for e in entries)
    assert any(e["kind"] == EntryKind.UNSENT for e in entries)
    assert len({e["text"] for e in entries}) > len(entries) * 0.8  # varied, not a loop
    assert doc["evaluations"][0]["decision"] == "pursue"
    assert len(doc["evaluations"]) == 1
    for tick in doc["checklist"]:
        assert tick["item_key"] in {i.key for i in phases.checklist(tick["phase"])}
    assert len(doc["support_contacts"]) == 1
    assert doc["journey"]["onboarded"] is True


def test_demo_refuses_a_journal_with_data_and_reports_progress(journal: Journal) -> None:
    calls: list[tuple[int, int]] = []
    build_demo(journal, 30, seed=1, today=TODAY, progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (30, 30)
    assert all(t == 30 for _, t in calls)
    with pytest.raises(InvalidInput, match="empty journal"):
        build_demo(journal, 30, seed=1, today=TODAY)
    with pytest.raises(InvalidInput, match="1 to 36,500 days"):
        build_demo(journal, 0, seed=1, today=TODAY)


def test_cli_demo_writes_a_new_file_and_refuses_an_existing_one(
    tmp_path: Path, run_exback: RunExback
) -> None:
    target = tmp_path / "demo" / "journal.db"
    result = run_exback("demo", "--days", "90", "--seed", "9", "--output", str(target))
    assert result.returncode == 0, result.stderr
    assert f"Wrote a 90-day demo journal to {target}" in result.stdout
    assert result.stderr == ""  # no progress bar when not on a terminal
    with Journal.open(target) as j:
        assert j.journey().onboarded and len(j.checkins()) > 50
    stamp = target.stat().st_mtime_ns
    again = run_exback("demo", "--output", str(target))
    assert again.returncode == 1
    assert "already exists" in again.stderr
    assert target.stat().st_mtime_ns == stamp
    bad = run_exback("demo", "--days", "0", "--output", str(tmp_path / "x.db"))
    assert bad.returncode == 2 and not (tmp_path / "x.db").exists()
