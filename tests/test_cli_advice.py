"""Advice you can trust, from the shell: asks, gated and forced phase moves, the meter's shares,
relationship health and the logistics check, through the installed ``exback``."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import new_journal

from exback_tui.core.ladder import LADDER_RULES
from exback_tui.core.phase_text import AFTER_NO, AFTER_YES, HARM_NOTE, SAFETY_FORCE_WARNING
from exback_tui.core.values import Answer, AskAnswer, Decision, Evaluation, RedFlag
from exback_tui.store.journal import Journal

RunExback = Callable[..., subprocess.CompletedProcess[str]]


def rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def last_step(path: Path) -> tuple[Any, ...]:
    """The latest phase move: (phase, reason, forced)."""
    return rows(
        path,
        "SELECT phase, reason, forced FROM phase_step ORDER BY entered_on DESC, id DESC LIMIT 1",
    )[0]


def pursue(
    today: date, *, red_flags: tuple[RedFlag, ...] = (), decision: Decision = Decision.PURSUE
) -> Evaluation:
    """An evaluation with three clear yeses."""
    return Evaluation(
        today, Answer.YES, Answer.YES, Answer.YES, 7, 7, 7, decision, red_flags=red_flags
    )


def make_journal(
    path: Path,
    today: date,
    *,
    mood: int = 7,
    urge: int = 2,
    phases: tuple[int, ...] = (),
    evaluation: Evaluation | None = None,
) -> None:
    """A journal begun 30 days ago: two weeks of check-ins, then ``phases`` entered one a day,
    the last of them yesterday, through the real service."""
    began = today - timedelta(days=30)
    with Journal.open(new_journal(path, began), today=began) as j:
        j.set_journey(breakup_date=today - timedelta(days=40), how="planned")
        for i in range(13, -1, -1):
            j.record_checkin(
                today - timedelta(days=i), mood=mood, urge=urge, habits=["friends", "exercise"]
            )
        if evaluation is not None:
            j.record_evaluation(evaluation)
        for n, number in enumerate(phases):
            j.move_phase(number, on=today - timedelta(days=len(phases) - n))


def status_json(run_exback: RunExback) -> dict[str, Any]:
    result = run_exback("status", "--json")
    assert result.returncode == 0, result.stderr
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


# -- ask ------------------------------------------------------------------------------------


@pytest.mark.parametrize("answer", list(AskAnswer))
def test_ask_records_the_answer_and_moves_the_phase(
    run_exback: RunExback, journal_path: Path, answer: AskAnswer, today: date
) -> None:
    make_journal(journal_path, today, phases=(2, 3, 4, 5), evaluation=pursue(today))
    result = run_exback("ask", "--answer", answer.value, "--note", "Over coffee")
    assert result.returncode == 0, result.stderr
    out = " ".join(result.stdout.split())  # Rich wraps long lines
    assert rows(journal_path, "SELECT answer, note FROM ask") == [(answer.value, "Over coffee")]
    if answer is AskAnswer.YES:
        assert last_step(journal_path)[0] == 6
        assert "Now in phase 6: Build anew." in out
        assert AFTER_YES in out
    else:
        assert last_step(journal_path)[0] == 4
        assert "Back to phase 4: Progressive contact." in out
        until = today + timedelta(days=LADDER_RULES.ask_cooldown_days[answer])
        assert f"Don't ask again before {until:%a %d %b %Y}" in out
        assert AFTER_NO in out


def test_ask_in_the_future_or_with_an_unknown_answer_saves_nothing(
    run_exback: RunExback, journal_path: Path, today: date
) -> None:
    make_journal(journal_path, today, phases=(2, 3, 4, 5), evaluation=pursue(today))
    tomorrow = f"{today + timedelta(days=1)} 10:00"
    future = run_exback("ask", "--answer", "yes", "--when", tomorrow)
    assert future.returncode == 1
    assert future.stderr.startswith("exback: ") and "in the future" in future.stderr
    assert len(future.stderr.strip().splitlines()) == 1
    unknown = run_exback("ask", "--answer", "perhaps")
    assert unknown.returncode == 2 and "invalid choice: 'perhaps'" in unknown.stderr
    assert rows(journal_path, "SELECT * FROM ask") == []
    assert last_step(journal_path)[0] == 5


# -- gated and forced moves -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("mood", "urge", "gate", "reason"),
    [
        (2, 9, "low-mood", "your mood has averaged 2.0 of 10 this week"),
        (7, 9, "high-urge", "the urge to reach out has averaged 9.0 of 10 this week"),
    ],
)
def test_a_hard_week_gates_3_to_4_until_forced(
    run_exback: RunExback,
    journal_path: Path,
    mood: int,
    urge: int,
    gate: str,
    reason: str,
    today: date,
) -> None:
    make_journal(journal_path, today, mood=mood, urge=urge, phases=(2, 3), evaluation=pursue(today))
    meter = status_json(run_exback)["readiness"]
    assert (meter["gate"], meter["blocked"], meter["step"]["kind"]) == (gate, True, "care")
    refused = run_exback("phase", "4")
    assert refused.returncode == 1
    assert refused.stderr == f"exback: Not moved: {reason}. Add --force to move anyway.\n"
    assert reason[1:] in " ".join(refused.stdout.split())  # the problem, in full
    assert last_step(journal_path)[0] == 3
    shown = run_exback("phase")
    # The meter's step, as on the dashboard: care first, not the roadmap's "start contact".
    assert "Next: Look after yourself first" in shown.stdout
    forced = run_exback("phase", "4", "--force")
    assert forced.returncode == 0, forced.stderr
    assert "Now in phase 4" in forced.stdout
    assert last_step(journal_path) == (4, "skipped", 1)


def test_a_hard_week_gates_4_to_5_and_force_keeps_the_reason(
    run_exback: RunExback, journal_path: Path, today: date
) -> None:
    make_journal(journal_path, today, mood=2, urge=9, phases=(2, 3, 4), evaluation=pursue(today))
    refused = run_exback("phase", "5")
    assert refused.returncode == 1
    assert "Not moved: your mood has averaged 2.0 of 10 this week." in refused.stderr
    problems = " ".join(refused.stdout.split())
    assert "That's a hard stretch" in problems
    assert 'Not met yet: "The ladder is at its top rung".' in problems
    forced = run_exback("phase", "5", "--force", "--reason", "We talk every day")
    assert forced.returncode == 0, forced.stderr
    assert last_step(journal_path) == (5, "We talk every day", 1)


@pytest.mark.parametrize(
    "flaw",
    [{"red_flags": (RedFlag.ABUSE,)}, {"decision": Decision.LET_GO}],
    ids=["red-flag", "let-go"],
)
def test_force_past_a_red_flag_or_letting_go_needs_a_reason(
    run_exback: RunExback, journal_path: Path, flaw: dict[str, Any], today: date
) -> None:
    evaluation = pursue(today, **flaw)
    make_journal(journal_path, today, phases=(2, 3), evaluation=evaluation)
    refused = run_exback("phase", "4")
    assert refused.returncode == 1
    assert "Add --force with --reason to move anyway." in refused.stderr
    no_reason = run_exback("phase", "4", "--force")
    assert no_reason.returncode == 1 and "needs a reason" in no_reason.stderr
    assert last_step(journal_path)[0] == 3
    forced = run_exback("phase", "4", "--force", "--reason", "Talked it through with Sam")
    assert forced.returncode == 0, forced.stderr
    if evaluation.red_flags:
        # The warning stands even when the move is forced.
        assert SAFETY_FORCE_WARNING in " ".join(forced.stdout.split())
    assert last_step(journal_path) == (4, "Talked it through with Sam", 1)


def test_a_no_starts_a_cool_down_that_gates_asking_again(
    run_exback: RunExback, journal_path: Path, today: date
) -> None:
    make_journal(journal_path, today, phases=(2, 3, 4, 5), evaluation=pursue(today))
    assert run_exback("ask", "--answer", "no").returncode == 0
    refused = run_exback("phase", "5")
    assert refused.returncode == 1
    until = today + timedelta(days=LADDER_RULES.ask_cooldown_days[AskAnswer.NO])
    assert (
        f"Not moved: you asked recently, and the cool-down runs until {until:%d %b %Y}."
        in refused.stderr
    )
    assert "You asked recently." in refused.stdout
    assert last_step(journal_path)[0] == 4
    assert run_exback("phase", "5", "--force").returncode == 0
    assert last_step(journal_path) == (5, "skipped", 1)


def test_moving_back_still_needs_a_reason(
    run_exback: RunExback, journal_path: Path, today: date
) -> None:
    make_journal(journal_path, today, phases=(2, 3))
    refused = run_exback("phase", "1", "--force")
    assert refused.returncode == 1 and "needs a reason" in refused.stderr
    assert run_exback("phase", "1", "--reason", "a new clash").returncode == 0
    assert last_step(journal_path) == (1, "a new clash", 0)


# -- status ---------------------------------------------------------------------------------


def test_status_shows_shares_that_add_up_and_the_ask(
    run_exback: RunExback, journal_path: Path, today: date
) -> None:
    make_journal(journal_path, today, phases=(2, 3, 4, 5), evaluation=pursue(today))
    with Journal.open(journal_path) as j:
        j.record_ask(AskAnswer.MAYBE, "They need time")
    doc = status_json(run_exback)
    until = today + timedelta(days=LADDER_RULES.ask_cooldown_days[AskAnswer.MAYBE])
    assert doc["cooldown_until"] == until.isoformat()
    [ask] = doc["asks"]
    assert (ask["answer"], ask["note"]) == ("maybe", "They need time")
    assert datetime.fromisoformat(ask["when"]).date() == today
    meter = doc["readiness"]
    assert isinstance(meter["score"], int)
    factors = {f["key"]: f for f in meter["factors"]}
    assert sum(f["share"] for f in factors.values() if f["share"] is not None) == meter["score"]
    # No contact in this run of phase 4 yet: receptiveness counts, is unknown and adds nothing.
    assert factors["receptiveness"]["unknown"] is True
    assert factors["receptiveness"]["share"] == 0
    assert factors["mood"]["unknown"] is False
    assert meter["gate"] is None and meter["health"] is None
    assert meter["step"]["text"] == meter["next_step"]
    assert meter["step"]["kind"] == "contact" and isinstance(meter["step"]["rung"], int)
    assert set(meter["step"]) == {"kind", "text", "rung", "until"}
    assert doc["phase"]["state"] == "current"
    assert [s["state"] for s in doc["roadmap"]] == [
        "done",
        "done",
        "done",
        "current",
        "ahead",
        "ahead",
    ]

    panels = run_exback("status")
    assert panels.returncode == 0, panels.stderr
    meter_panel = panels.stdout[panels.stdout.index("Readiness") :]
    shares = [int(n) for n in re.findall(r"(?<=\s)\+(\d+)(?=\s)", meter_panel)]
    assert len(shares) == 7  # in phase 4 every factor counts, space only a little
    assert sum(shares) == meter["score"]
    assert f"={meter['score']}" in meter_panel
    text = " ".join(panels.stdout.split())
    assert f"don't ask again before {until:%a %d %b %Y}" in text
    assert "After the ask." in text  # the special-case notes, as the dashboard shows them


def test_status_says_why_the_level_is_held_down(
    run_exback: RunExback, journal_path: Path, today: date
) -> None:
    make_journal(journal_path, today, phases=(2, 3), evaluation=pursue(today))
    meter = status_json(run_exback)["readiness"]
    assert meter["cap_reason"] and meter["gate"] is None and not meter["blocked"]
    shown = " ".join(run_exback("status").stdout.split())
    assert f"Why not higher: {meter['cap_reason']}" in shown


def test_roadmap_marks_skipped_phases_and_only_done_ones_get_a_tick(
    run_exback: RunExback, journal_path: Path, today: date
) -> None:
    with Journal.open(journal_path, today=today - timedelta(days=30)) as j:
        j.move_phase(3, on=today - timedelta(days=1), forced=True)
    panels = run_exback("status")
    roadmap = panels.stdout[: panels.stdout.index("Readiness")]
    assert "✓" not in roadmap  # nothing was done as planned: counts carry no tick
    skipped = next(line for line in roadmap.splitlines() if "2. Get yourself back" in line)
    assert "skipped" in skipped and "–" in skipped
    assert "1 day in this phase" in roadmap
    doc = status_json(run_exback)
    assert [s["state"] for s in doc["roadmap"]] == [
        "left-early",
        "skipped",
        "current",
        "ahead",
        "ahead",
        "ahead",
    ]
    assert doc["phase"]["days_in_phase"] == 1
    assert "Phase 3: Evaluate · 1 day (since yesterday)" in run_exback("phase").stdout


def test_notes_and_a_first_pause_counted_from_the_breakup(
    run_exback: RunExback, journal_path: Path, today: date
) -> None:
    breakup = today - timedelta(days=12)
    assert (
        run_exback(
            "journey",
            "--breakup-date",
            breakup.isoformat(),
            "--how",
            "planned",
            "--children",
            "yes",
        ).returncode
        == 0
    )
    doc = status_json(run_exback)
    assert doc["phase"]["since"] == breakup.isoformat()
    assert doc["phase"]["days_in_phase"] == 12
    assert "12 days in this phase" in run_exback("status").stdout
    for command in ("status", "phase"):
        shown = " ".join(run_exback(command).stdout.split())
        assert "Duties that don't break the pause. Contact about your children" in shown


def test_phase_6_weekly_checks(run_exback: RunExback, journal_path: Path, today: date) -> None:
    with Journal.open(journal_path, today=today - timedelta(days=30)) as j:
        j.move_phase(6, on=today - timedelta(days=20), forced=True)
        j.tick(6, "defuse-early", on=today - timedelta(days=10))
    before = status_json(run_exback)["readiness"]
    assert before["score"] is None and before["factors"] == []
    assert before["level"] == "Relationship health"
    assert before["health"]["checked"] == 0
    item = next(i for i in before["health"]["items"] if i["key"] == "defuse-early")
    assert item == {
        "key": "defuse-early",
        "kind": "warning",
        "title": item["title"],
        "checked_on": (today - timedelta(days=10)).isoformat(),
        "due": True,
    }
    checked = run_exback("checklist", "6", "defuse-early")
    assert checked.returncode == 0, checked.stderr
    assert "Checked this week" in checked.stdout
    assert rows(journal_path, "SELECT done_on FROM checklist_mark") == [(today.isoformat(),)]
    after = status_json(run_exback)["readiness"]["health"]
    assert after["checked"] == 1
    item = next(i for i in after["items"] if i["key"] == "defuse-early")
    assert (item["checked_on"], item["due"]) == (today.isoformat(), False)
    panels = run_exback("status").stdout
    assert f"1 of {len(after['items'])} checked this week" in panels
    assert "checked today" in panels


# -- evaluate and logistics -----------------------------------------------------------------


def test_evaluate_warns_on_an_unclear_pursue_and_on_harm(run_exback: RunExback) -> None:
    base = (
        "evaluate",
        "--intimacy",
        "6",
        "--passion",
        "6",
        "--commitment",
        "6",
        "--decision",
        "pursue",
    )
    unclear = run_exback(*base, "--worth", "yes", "--added-value", "unsure", "--differences", "no")
    assert unclear.returncode == 0, unclear.stderr
    text = " ".join(unclear.stdout.split())
    assert "fewer than two of the three questions are a clear yes" in text
    assert "When you're ready" not in text
    harm = run_exback(
        *base,
        "--worth",
        "yes",
        "--added-value",
        "yes",
        "--differences",
        "yes",
        "--red-flag",
        "unchangeable-harm",
    )
    assert HARM_NOTE in " ".join(harm.stdout.split())
    helped = " ".join(run_exback("evaluate", "--help").stdout.split())
    assert "career: a new job, a promotion or a demotion" in helped


@pytest.mark.usefixtures("made")  # a journal in use: the first run says where it made one
def test_logistics_without_children_or_a_home_needs_a_note(
    run_exback: RunExback, journal_path: Path
) -> None:
    bare = ("contact", "--medium", "text", "--initiated-by", "me", "--logistics")
    for extra in ((), ("--note", "   ")):
        refused = run_exback(*bare, *extra)
        assert refused.returncode == 1
        assert "you haven't said you share children or a home" in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1
    assert rows(journal_path, "SELECT * FROM contact") == []
    assert run_exback(*bare, "--note", "Returned their books").returncode == 0
    assert run_exback("journey", "--children", "yes").returncode == 0
    assert run_exback(*bare).returncode == 0  # parenting: no reason needed
    assert rows(journal_path, "SELECT logistics, note FROM contact ORDER BY id") == [
        (1, "Returned their books"),
        (1, ""),
    ]


# -- start-up -------------------------------------------------------------------------------


def modules_after(argv: list[str], db: Path) -> set[str]:
    """Every module loaded after ``exback ARGV`` in a fresh interpreter."""
    code = (
        "import sys\n"
        "from exback_tui.cli import main\n"
        "try:\n"
        f"    main(['--db', {str(db)!r}, *{argv!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sorted(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


@pytest.mark.parametrize(
    "argv",
    [
        ["status"],
        ["phase"],
        ["ask", "--answer", "not-now"],
        ["checklist", "6", "1"],
        ["evaluate", "--help"],
    ],
)
def test_advice_commands_do_not_import_textual(tmp_path: Path, argv: list[str]) -> None:
    assert not any(m.split(".")[0] == "textual" for m in modules_after(argv, tmp_path / "j.db"))


def test_checkin_does_not_load_the_roadmap_rules(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    modules_after(["habits"], db)  # create the journal, so checkin takes the quick path
    loaded = modules_after(["checkin", "--mood", "5"], db)
    assert "exback_tui.store.quick_journal" in loaded
    assert "exback_tui.core.phases" not in loaded  # only `evaluate --help` needs its labels
