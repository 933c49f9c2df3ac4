"""status, phase, journey, evaluate, checklist and support through the installed ``exback``."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from exback_tui.store.journal import Journal

# Each test's journal is made before it runs (conftest.made): these are tests of commands, and
# the first run that makes a journal is tested on its own (test_cli_basic's default path test,
# tests/e2e, tests/test_store_open.py).
pytestmark = pytest.mark.usefixtures("made")

RunExback = Callable[..., subprocess.CompletedProcess[str]]


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def fill(path: Path, today: date, days: int = 20) -> None:
    """Check-ins for the last ``days`` days, through the real service."""
    with Journal.open(path) as j:
        for i in range(days, -1, -1):
            j.record_checkin(today - timedelta(days=i), mood=5 + i % 3, urge=2, habits=["friends"])


def test_status_json_has_the_documented_shape(
    run_exback: RunExback, journal_path: Path, today: date
) -> None:
    fill(journal_path, today)
    result = run_exback("status", "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc["phase"]) >= {
        "number",
        "name",
        "days_in_phase",
        "checklist_done",
        "checklist_total",
    }
    assert doc["phase"]["number"] == 1 and doc["phase"]["name"] == "Pause"
    readiness = doc["readiness"]
    assert isinstance(readiness["score"], int) and 0 <= readiness["score"] <= 100
    assert readiness["blocked"] is False and readiness["level"] and readiness["next_step"]
    for factor in readiness["factors"]:
        assert set(factor) == {
            "key",
            "label",
            "score",
            "weight",
            "share",
            "unknown",
            "reason",
            "blocking",
        }
    keys = {f["key"] for f in readiness["factors"]}
    assert {"space", "mood", "habits", "neediness", "clarity", "receptiveness"} <= keys
    assert doc["today"] == {"date": today.isoformat(), "mood": 5, "urge": 2, "habits": ["friends"]}
    assert doc["streaks"]["checkin_current"] == 21
    assert set(doc["mood"]) >= {"avg7", "avg30", "trend"}
    # Every point of the score traces to a factor: the weighted mean reproduces it.
    scored = [f for f in readiness["factors"] if f["score"] is not None]
    total = sum(f["weight"] for f in scored)
    mean = sum(f["score"] * f["weight"] for f in scored) / total
    assert abs(round(mean) - readiness["score"]) <= 1


def test_status_on_a_new_journal_says_there_is_not_enough_data(run_exback: RunExback) -> None:
    doc = json.loads(run_exback("status", "--json").stdout)
    assert doc["readiness"]["score"] is None
    assert doc["readiness"]["level"] == "Not enough data yet"
    assert doc["today"] is None
    panels = run_exback("status")
    assert panels.returncode == 0
    for title in ("Roadmap", "Mood & habits", "Readiness"):
        assert title in panels.stdout
    assert "Pause 0 days" in panels.stdout
    assert run_exback("phase", "4", "--force", "--reason", "in touch").returncode == 0
    assert "Pause 0 days" not in run_exback("status").stdout  # in touch now: no pause count


def test_let_go_evaluation_blocks_the_meter_kindly(
    run_exback: RunExback, journal_path: Path, today: date
) -> None:
    fill(journal_path, today)
    result = run_exback(
        "evaluate",
        "--worth",
        "no",
        "--added-value",
        "unsure",
        "--differences",
        "no",
        "--intimacy",
        "3",
        "--passion",
        "2",
        "--commitment",
        "2",
        "--decision",
        "let-go",
        "--note",
        "Some exes make better exes",
    )
    assert result.returncode == 0, result.stderr
    assert "let go" in result.stdout.lower()
    doc = json.loads(run_exback("status", "--json").stdout)
    assert doc["readiness"]["blocked"] is True and doc["readiness"]["score"] is None
    assert rows(journal_path, "SELECT decision, intimacy FROM evaluation") == [("let-go", 3)]


def test_red_flag_evaluation_blocks_the_meter(
    run_exback: RunExback, journal_path: Path, today: date
) -> None:
    fill(journal_path, today)
    run_exback(
        "evaluate",
        "--worth",
        "yes",
        "--added-value",
        "yes",
        "--differences",
        "yes",
        "--intimacy",
        "8",
        "--passion",
        "8",
        "--commitment",
        "8",
        "--red-flag",
        "abuse",
        "--decision",
        "pursue",
    )
    doc = json.loads(run_exback("status", "--json").stdout)
    assert doc["readiness"]["blocked"] is True
    assert any(f["blocking"] for f in doc["readiness"]["factors"])


def test_evaluate_out_of_range_is_refused(run_exback: RunExback, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.db"
    result = run_exback(
        "evaluate",
        "--worth",
        "yes",
        "--added-value",
        "yes",
        "--differences",
        "yes",
        "--intimacy",
        "10",
        "--passion",
        "5",
        "--commitment",
        "5",
        "--decision",
        "pursue",
        db=fresh,
    )
    assert result.returncode == 2
    assert "Intimacy must be a whole number from 1 to 9, not 10" in result.stderr
    assert not fresh.exists()  # refused before the journal was even opened


def test_patterns_become_phase_6_safeguards(run_exback: RunExback) -> None:
    run_exback(
        "evaluate",
        "--worth",
        "yes",
        "--added-value",
        "yes",
        "--differences",
        "yes",
        "--intimacy",
        "7",
        "--passion",
        "7",
        "--commitment",
        "7",
        "--decision",
        "pursue",
        "--pattern",
        "stonewalling",
        "--pattern",
        "jealousy",
    )
    listed = run_exback("checklist", "6")
    assert "stonewalling" in listed.stdout and "jealousy" in listed.stdout


def test_phase_forward_needs_signals_or_force_and_back_needs_a_reason(
    run_exback: RunExback, journal_path: Path
) -> None:
    shown = run_exback("phase")
    assert shown.returncode == 0 and "Phase 1: Pause" in shown.stdout
    refused = run_exback("phase", "3")
    assert refused.returncode == 1
    assert "Add --force" in refused.stderr
    assert rows(journal_path, "SELECT phase FROM phase_step") == [(1,)]
    forced = run_exback("phase", "3", "--force")
    assert forced.returncode == 0, forced.stderr
    back = run_exback("phase", "1")
    assert back.returncode == 1 and "needs a reason" in back.stderr
    ok = run_exback("phase", "1", "--reason", "a new clash")
    assert ok.returncode == 0
    same = run_exback("phase", "1", "--reason", "again")
    assert same.returncode == 1 and "already in phase 1" in same.stderr
    assert rows(journal_path, "SELECT phase, reason FROM phase_step ORDER BY id") == [
        (1, "Started the journal"),
        (3, "skipped"),
        (1, "a new clash"),
    ]


def test_phase_forward_with_signals_met_moves_without_force(
    run_exback: RunExback, journal_path: Path, today: date
) -> None:
    fill(journal_path, today)
    with Journal.open(journal_path) as j:
        j.set_journey(breakup_date=today - timedelta(days=40), how="planned")
    result = run_exback("phase", "2", "--reason", "Two weeks of space held")
    assert result.returncode == 0, result.stdout + result.stderr
    assert rows(journal_path, "SELECT phase, reason FROM phase_step ORDER BY id DESC LIMIT 1") == [
        (2, "Two weeks of space held")
    ]


def test_checklist_tick_and_undo(run_exback: RunExback, journal_path: Path) -> None:
    assert run_exback("checklist", "1", "2").returncode == 0
    assert run_exback("checklist", "1", "no-calls-texts").returncode == 0
    marks = rows(journal_path, "SELECT phase, item_key FROM checklist_mark ORDER BY item_key")
    assert marks == [(1, "no-calls-texts"), (1, "no-social-posts")]
    assert run_exback("checklist", "1", "2", "--undo").returncode == 0
    assert rows(journal_path, "SELECT item_key FROM checklist_mark") == [("no-calls-texts",)]
    bad = run_exback("checklist", "1", "99")
    assert bad.returncode == 1 and "no checklist item '99'" in bad.stderr


def test_journey_set_and_show(run_exback: RunExback, journal_path: Path) -> None:
    result = run_exback(
        "journey",
        "--breakup-date",
        "2026-10-01",
        "--how",
        "rash",
        "--children",
        "yes",
        "--living-together",
        "no",
    )
    assert result.returncode == 0, result.stderr
    assert "2 days (default)" in result.stdout  # the fast path's short pause
    assert rows(journal_path, "SELECT breakup_date, how, children, onboarded FROM journey") == [
        ("2026-10-01", "rash", 1, 1)
    ]
    bad = run_exback("journey", "--children", "maybe")
    assert bad.returncode == 2 and "answer yes or no" in bad.stderr


def test_support_contacts(run_exback: RunExback) -> None:
    assert run_exback("support", "add", "Sam", "555-0100").returncode == 0
    assert "Sam" in run_exback("support").stdout
    assert run_exback("support", "remove", "sam").returncode == 0
    assert "No one listed yet" in run_exback("support").stdout
    missing = run_exback("support", "remove", "Alex")
    assert missing.returncode == 1 and "No support contact 'Alex'" in missing.stderr


def test_output_piped_into_a_reader_that_stops_early_is_not_an_error(
    journal_path: Path, tmp_path: Path, today: date
) -> None:
    """As `exback status | head -1` once the reader has gone: no traceback, no message and
    exit 0 (a script with `set -o pipefail` must not see a failure)."""
    import os
    import subprocess

    from tests.conftest import EXBACK

    fill(journal_path, today)
    env = {**os.environ, "EXBACK_DB": str(journal_path), "HOME": str(tmp_path)}
    for command in (["status", "--json"], ["status"], ["habits"], ["phase"]):
        read_end, write_end = os.pipe()
        os.close(read_end)  # the reader stopped before the first line
        try:
            result = subprocess.run(
                [str(EXBACK), *command],
                stdout=write_end,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
                timeout=60,
            )
        finally:
            os.close(write_end)
        assert (result.returncode, result.stderr) == (0, ""), command
