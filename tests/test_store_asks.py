"""Asking to get back together, and moves made on purpose: saved, read, moved, carried along."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from conftest import journal_at, new_journal
from sqlalchemy.exc import DatabaseError

from exback_tui.core.phases import ask_move_reason
from exback_tui.core.values import Ask, AskAnswer, PhaseStep
from exback_tui.store import database
from exback_tui.store.errors import InvalidInput
from exback_tui.store.journal import Journal
from exback_tui.store.portable import to_json, to_markdown

START = date(2025, 1, 1)  # the day the journal was made
ASKED_ON = date(2025, 3, 4)
BERLIN = timezone(timedelta(hours=1))
WHEN = datetime(2025, 3, 4, 19, 30, tzinfo=BERLIN)
LATER = date(2025, 6, 1)  # "today" for the snapshots: after every ask of these tests


@pytest.fixture
def early(journal_path: Path) -> Iterator[Journal]:
    """A journal begun on START, so moves and asks can be dated after it without racing now."""
    with Journal.open(new_journal(journal_path, START), today=START) as j:
        yield j


def in_phase(j: Journal, phase: int) -> None:
    """Bring the journal to ``phase`` on purpose, on a day before the asks."""
    if phase != 1:
        j.move_phase(phase, "Test setup", on=date(2025, 3, 1), forced=True)


def raw(path: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Rows straight from the file, past the store."""
    con = sqlite3.connect(path)
    try:
        rows = con.execute(sql, params).fetchall()
        con.commit()
        return rows
    finally:
        con.close()


# -- the migration ----------------------------------------------------------------------------


def test_a_journal_of_the_previous_revision_is_upgraded_with_its_data(journal_path: Path) -> None:
    previous = database.REVISIONS[database.REVISIONS.index(database.HEAD) - 1]
    journal_at(journal_path, previous)
    raw(
        journal_path,
        "INSERT INTO phase_step (phase, entered_on, reason, created_at) VALUES "
        "(1, '2025-01-01', 'Started the journal', '2025-01-01 08:00:00'), "
        "(2, '2025-02-01', 'Calmer', '2025-02-01 08:00:00'), "
        "(5, '2025-03-01', 'Time to ask', '2025-03-01 08:00:00')",
    )
    raw(
        journal_path,
        "INSERT INTO contact (at, at_offset_min, day, medium, initiated_by, response, "
        "logistics, note, created_at, updated_at, utc_offset_min) VALUES "
        "('2025-02-20 18:00:00.000000', 60, '2025-02-20', 'call', 'me', 'warm', 0, 'good talk', "
        "'2025-02-20 18:00:00', '2025-02-20 18:00:00', 60)",
    )
    assert database.inspect(journal_path).revision == previous
    with Journal.open(journal_path) as j:
        assert database.inspect(journal_path).revision == database.HEAD
        assert j.phase_history() == [
            PhaseStep(1, START, "Started the journal"),
            PhaseStep(2, date(2025, 2, 1), "Calmer"),
            PhaseStep(5, date(2025, 3, 1), "Time to ask"),
        ]
        assert all(not step.forced for step in j.phase_history())
        assert j.asks() == []
        snapshot = j.snapshot(LATER)
        assert snapshot.asks == () and snapshot.phase == 5
        assert [c.note for c in snapshot.contacts] == ["good talk"]
        # The upgraded journal takes asks like a new one.
        _, step = j.record_ask(AskAnswer.YES, when=WHEN)
        assert step is not None and step.phase == 6
    assert raw(journal_path, "SELECT forced FROM phase_step") == [(0,), (0,), (0,), (0,)]
    assert list((journal_path.parent / "backups").glob(f"*before-upgrade-{previous}*"))


# -- recording an ask ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "to"),
    [(AskAnswer.YES, 6), (AskAnswer.NO, 4), (AskAnswer.MAYBE, 4), (AskAnswer.NOT_NOW, 4)],
)
def test_an_answer_in_phase_5_moves_the_phase(early: Journal, answer: AskAnswer, to: int) -> None:
    in_phase(early, 5)
    ask, step = early.record_ask(answer, "over coffee", when=WHEN)
    assert ask == Ask(ask.id, WHEN, answer, "over coffee")
    assert step == PhaseStep(to, ASKED_ON, ask_move_reason(answer))
    assert early.current_phase() == step
    assert early.asks() == [ask]


@pytest.mark.parametrize("phase", [1, 2, 3, 4])
@pytest.mark.parametrize("answer", [AskAnswer.NO, AskAnswer.MAYBE, AskAnswer.NOT_NOW])
def test_a_no_before_the_ask_phase_moves_nothing(
    early: Journal, phase: int, answer: AskAnswer
) -> None:
    in_phase(early, phase)
    before = early.phase_history()
    ask, step = early.record_ask(answer.value, when=WHEN)  # the answer as typed also works
    assert step is None
    assert early.phase_history() == before
    assert early.asks() == [ask]


def test_a_yes_leads_to_phase_6_from_anywhere_but_phase_6(early: Journal) -> None:
    in_phase(early, 4)
    _, step = early.record_ask("yes", when=WHEN)
    assert step is not None and step.phase == 6
    _, again = early.record_ask("yes", when=WHEN + timedelta(days=1))
    assert again is None and early.current_phase().phase == 6


def test_an_ask_older_than_the_current_phase_still_moves_it_now(early: Journal) -> None:
    in_phase(early, 5)
    _, step = early.record_ask("no", when=datetime(2025, 2, 10, 12, 0, tzinfo=BERLIN))
    assert step is not None and step.entered_on == date(2025, 3, 1)
    assert early.current_phase() == step


def test_the_ask_and_its_move_are_saved_together_or_not_at_all(
    early: Journal, journal_path: Path
) -> None:
    in_phase(early, 5)
    raw(
        journal_path,
        "CREATE TRIGGER no_moves BEFORE INSERT ON phase_step "
        "BEGIN SELECT RAISE(ABORT, 'no moves today'); END",
    )
    with pytest.raises(DatabaseError, match="no moves today"):
        early.record_ask(AskAnswer.NO, "it went badly", when=WHEN)
    assert early.asks() == []
    assert early.current_phase().phase == 5
    raw(journal_path, "DROP TRIGGER no_moves")
    early.record_ask(AskAnswer.NO, "it went badly", when=WHEN)
    assert [a.note for a in early.asks()] == ["it went badly"]
    assert early.current_phase().phase == 4


def test_a_time_in_the_future_is_refused_and_nothing_saved(early: Journal) -> None:
    in_phase(early, 5)
    soon = datetime.now().astimezone() + timedelta(hours=2)
    with pytest.raises(InvalidInput, match=r"^That ask time is in the future; [^.]*\.$"):
        early.record_ask(AskAnswer.YES, when=soon)
    assert early.asks() == []
    assert early.current_phase().phase == 5


def test_an_unknown_answer_is_refused_naming_the_choices(early: Journal) -> None:
    with pytest.raises(InvalidInput) as refused:
        early.record_ask("perhaps", when=WHEN)
    assert str(refused.value) == ("Unknown answer 'perhaps'; use one of yes, no, maybe, not-now.")
    assert early.asks() == []


def test_a_naive_time_is_local_time(early: Journal) -> None:
    naive = datetime(2025, 3, 4, 19, 30)
    ask, _ = early.record_ask(AskAnswer.MAYBE, when=naive)
    assert ask.when == naive.astimezone() and ask.when.tzinfo is not None
    assert early.asks()[0].when == naive.astimezone()


def test_ask_notes_keep_odd_text_and_drop_control_characters(early: Journal) -> None:
    odd = "Emoji 😀👩‍👩‍👧, RTL שלום مرحبا\nnew line\ttab"
    ask, _ = early.record_ask(AskAnswer.NOT_NOW, odd, when=WHEN)
    assert ask.note == odd
    dirty, _ = early.record_ask(
        AskAnswer.NO, "a\x00b\x07c\x1b[31mred\x1b[0m\r\nd", when=WHEN + timedelta(hours=1)
    )
    assert dirty.note == "abcred\nd"
    assert [a.note for a in early.asks()] == [odd, "abcred\nd"]
    with pytest.raises(InvalidInput, match="too long"):
        early.record_ask(AskAnswer.NO, "x" * 1_000_001, when=WHEN)
    assert len(early.asks()) == 2


# -- the two readers ----------------------------------------------------------------------------


def test_the_snapshot_and_the_service_read_the_same_asks_and_moves(early: Journal) -> None:
    early.move_phase(4, "Careful contact", on=date(2025, 2, 1))
    early.move_phase(5, "Ready to ask", on=date(2025, 3, 1), forced=True)
    early.record_ask(AskAnswer.MAYBE, "they need time", when=WHEN)
    early.move_phase(5, "Asking again", on=date(2025, 4, 1), forced=True)
    early.record_ask(AskAnswer.YES, when=datetime(2025, 4, 2, 9, 15, tzinfo=UTC))
    snapshot = early.snapshot(LATER)
    assert snapshot.asks == tuple(early.asks())
    assert [a.answer for a in snapshot.asks] == [AskAnswer.MAYBE, AskAnswer.YES]
    assert snapshot.phase_steps == tuple(early.phase_history())
    assert [(s.phase, s.forced) for s in snapshot.phase_steps] == [
        (1, False),
        (4, False),
        (5, True),
        (4, False),
        (5, True),
        (6, False),
    ]
    # Like contacts, an ask after the snapshot's day is not in it yet.
    assert early.snapshot(date(2025, 3, 31)).asks == snapshot.asks[:1]


def test_an_unreadable_ask_is_left_out_with_a_warning(
    early: Journal, journal_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    kept, _ = early.record_ask(AskAnswer.NO, "kept", when=WHEN)
    raw(
        journal_path,
        "INSERT INTO ask (at, at_offset_min, day, answer, note, created_at) "
        "VALUES ('2025-03-05 10:00:00.000000', 60, '2025-03-05', 'perhaps', "
        "'odd', '2025-03-05 10:00:00')",
    )
    with caplog.at_level(logging.WARNING):
        assert early.asks() == [kept]
        assert early.snapshot(LATER).asks == (kept,)
    assert "Left out an unreadable ask row" in caplog.text
    assert "odd" not in caplog.text  # never journal content


def test_a_weekly_check_can_be_ticked_again(early: Journal) -> None:
    monday, next_monday = date(2025, 3, 3), date(2025, 3, 10)
    assert early.tick(6, "weekly-talk", on=monday)
    assert not early.tick(6, "weekly-talk", on=next_monday)  # without refresh: as before
    assert early.tick(6, "weekly-talk", on=next_monday, refresh=True)
    assert not early.tick(6, "weekly-talk", on=next_monday, refresh=True)
    assert not early.tick(6, "weekly-talk", on=monday, refresh=True)  # never back in time
    assert [m.done_on for m in early.checklist_marks(6)] == [next_monday]
    assert early.tick(6, "weekly-talk", done=False, refresh=True)
    assert early.checklist_marks(6) == []


# -- export and import --------------------------------------------------------------------------


def filled(j: Journal) -> None:
    """A journey through the ask: a forced move, a "not now", then a yes."""
    j.set_journey(how="planned")
    j.move_phase(4, "Careful contact", on=date(2025, 2, 1))
    j.move_phase(5, "Ready to ask", on=date(2025, 3, 1), forced=True)
    j.record_ask(AskAnswer.NOT_NOW, "Over coffee 😶\nthey need time", when=WHEN)
    j.move_phase(5, "Asking again", on=date(2025, 4, 1), forced=True)
    j.record_ask(AskAnswer.YES, when=datetime(2025, 4, 2, 9, 15, tzinfo=UTC))


def test_asks_and_forced_moves_round_trip_through_json(early: Journal, tmp_path: Path) -> None:
    filled(early)
    doc = early.export_data()
    assert [{k: a[k] for k in ("at", "answer", "note")} for a in doc["asks"]] == [
        {
            "at": "2025-03-04T19:30:00+01:00",
            "answer": "not-now",
            "note": "Over coffee 😶\nthey need time",
        },
        {"at": "2025-04-02T09:15:00+00:00", "answer": "yes", "note": ""},
    ]
    assert [s["forced"] for s in doc["phase_steps"]] == [False, False, True, False, True, False]
    with Journal.open(tmp_path / "other.db", today=START) as other:
        summary = other.import_data(json.loads(to_json(doc)))
        assert summary.into_empty and summary.added["asks"] == 2
        assert other.export_data() == doc
        assert [(a.when, a.answer, a.note) for a in other.asks()] == [
            (a.when, a.answer, a.note) for a in early.asks()
        ]
        assert other.phase_history() == early.phase_history()
        assert other.snapshot(LATER).asks == early.snapshot(LATER).asks
        counts = other.counts()
        assert counts["asks"] == 2
        again = other.import_data(doc)
        assert again.total_added == 0
        assert again.skipped["asks"] == 2 and again.skipped["phase_steps"] == 6
        assert "2 asks" in again.describe()
        assert other.counts() == counts


def test_an_ask_merges_into_a_journal_with_data_once(early: Journal, tmp_path: Path) -> None:
    filled(early)
    doc = early.export_data()
    with Journal.open(tmp_path / "other.db", today=START) as other:
        other.record_checkin(date(2025, 1, 5), mood=6)  # not empty: the import merges
        first = other.import_data(doc)
        assert not first.into_empty and first.added["asks"] == 2
        assert other.import_data(doc).total_added == 0
        assert len(other.asks()) == 2
        # Importing an ask never moves the phase by itself: the moves came with the document.
        assert other.current_phase().phase == 6


def test_an_export_from_before_asks_still_imports(early: Journal, tmp_path: Path) -> None:
    filled(early)
    old = early.export_data()
    old["version"] = 1
    del old["asks"]
    for step in old["phase_steps"]:
        del step["forced"]
    with Journal.open(tmp_path / "other.db", today=START) as other:
        summary = other.import_data(old)
        assert "asks" not in summary.added
        assert other.asks() == []
        assert [s.phase for s in other.phase_history()] == [1, 4, 5, 4, 5, 6]
        assert not any(s.forced for s in other.phase_history())


def test_a_bad_answer_in_an_export_imports_nothing(early: Journal, tmp_path: Path) -> None:
    filled(early)
    doc = early.export_data()
    doc["asks"][1]["answer"] = "perhaps"
    with Journal.open(tmp_path / "other.db", today=START) as other:
        with pytest.raises(InvalidInput, match=r"asks record 2: answer 'perhaps' is not one of"):
            other.import_data(doc)
        assert other.asks() == [] and other.counts()["phase moves"] == 1


def test_an_ask_written_by_hand_needs_only_its_time_and_answer(journal: Journal) -> None:
    doc = journal.export_data()
    doc["asks"] = [{"at": "2025-03-04T19:30:00+01:00", "answer": "no"}]
    assert journal.import_data(doc).added["asks"] == 1
    assert journal.asks()[0].when == WHEN and journal.asks()[0].note == ""


def test_markdown_shows_each_ask_on_its_day(early: Journal) -> None:
    filled(early)
    md = to_markdown(early.export_data())
    day = md.index("### Tue 2025-03-04")
    assert md.index("**Asked:** 19:30 · they said not now — Over coffee 😶 they need time") > day
    assert "**Asked:** 09:15 · they said yes\n" in md
    assert md.count("*Moved ahead on purpose.*") == 2
