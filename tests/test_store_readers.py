"""One reader: odd rows read the same through the snapshot and through each single read.

Each journal is made through the Journal, then edited by hand with raw sqlite3 (as another
tool, a newer exback or damage would leave it), and every field of the snapshot is held equal
to the Journal's own read of that kind of row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from conftest import new_journal

from exback_tui.core.values import Answer, Decision, Evaluation, Snapshot
from exback_tui.store.journal import Journal
from exback_tui.store.snapshot_read import read_snapshot

TODAY = date(2026, 11, 23)


def _evaluation(made_on: date, decision: Decision) -> Evaluation:
    return Evaluation(
        made_on=made_on,
        worth=Answer.YES,
        added_value=Answer.YES,
        differences=Answer.YES,
        intimacy=7,
        passion=6,
        commitment=8,
        decision=decision,
    )


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12)).astimezone()


def _filled(path: Path) -> None:
    began = TODAY - timedelta(days=30)
    with Journal.open(new_journal(path, began), today=began) as j:
        j.set_journey(
            breakup_date=TODAY - timedelta(days=40),
            how="planned",
            children=True,
            pause_target_days=30,
        )
        for i in range(5):
            j.record_checkin(
                TODAY - timedelta(days=i), mood=4 + i, urge=i, note=f"day {i}", habits=["sleep"]
            )
            j.log_contact(
                medium="text",
                initiated_by="them",
                response="friendly",
                minutes=5,
                note=f"contact {i}",
                when=_noon(TODAY - timedelta(days=i)),
            )
        j.move_phase(2, "ready", on=TODAY - timedelta(days=3))
        j.tick(1, "no-contact", on=TODAY - timedelta(days=4))
        j.tick(2, "hobby", on=TODAY - timedelta(days=2))
        j.record_evaluation(_evaluation(TODAY - timedelta(days=2), Decision.PURSUE))
        j.record_evaluation(_evaluation(TODAY - timedelta(days=1), Decision.LET_GO))
        j.add_support_contact("Sam", "0123")
        j.record_ask("maybe", when=_noon(TODAY - timedelta(days=1)))
        j.set_setting("theme", "nord")


ODD_ROWS: dict[str, list[str]] = {
    "unknown how": ["UPDATE journey SET how = 'mystery'"],
    "malformed breakup date": ["UPDATE journey SET breakup_date = '2026-02-30'"],
    "pause target out of range": ["UPDATE journey SET pause_target_days = 9999"],
    "evaluation out of range": ["UPDATE evaluation SET intimacy = 42 WHERE id = 2"],
    "evaluation with an unknown decision": [
        "UPDATE evaluation SET decision = 'maybe' WHERE id = 2"
    ],
    "evaluation with broken lists": ["UPDATE evaluation SET red_flags = '{not json' WHERE id = 2"],
    "mood out of range": ["UPDATE checkin SET mood = 42 WHERE id = 1"],
    "urge as text": ["UPDATE checkin SET urge = 'lots' WHERE id = 2"],
    "malformed check-in day": ["UPDATE checkin SET day = '2026-13-01' WHERE id = 3"],
    "malformed habit mark day": ["UPDATE habit_mark SET day = 'someday' WHERE rowid = 1"],
    "unknown medium": ["UPDATE contact SET medium = 'carrier pigeon' WHERE id = 1"],
    "minutes out of range": ["UPDATE contact SET minutes = -3 WHERE id = 2"],
    "malformed contact time": ["UPDATE contact SET at = 'not a time' WHERE id = 3"],
    "phase out of range": ["UPDATE phase_step SET phase = 9 WHERE id = 2"],
    "malformed checklist day": ["UPDATE checklist_mark SET done_on = 'soon' WHERE id = 1"],
    "unknown ask answer": ["UPDATE ask SET answer = 'perhaps'"],
    "support without a name": ["UPDATE support_contact SET name = 42"],
    "all at once": [
        "UPDATE journey SET how = 'mystery', pause_target_days = 0",
        "UPDATE evaluation SET passion = 0 WHERE id = 2",
        "UPDATE checkin SET mood = 0, urge = 11 WHERE id = 4",
        "UPDATE contact SET response = 'ecstatic' WHERE id = 5",
    ],
}


def _single_reads(j: Journal) -> Snapshot:
    return Snapshot(
        today=TODAY,
        journey=j.journey(),
        phase_steps=tuple(j.phase_history()),
        checkins=tuple(j.checkins(None, TODAY)),
        habits=tuple(j.habits(include_archived=True)),
        contacts=tuple(reversed(j.contacts(None, TODAY))),
        evaluation=j.latest_evaluation(),
        checklist=tuple(j.checklist_marks()),
        support=tuple(j.support_contacts()),
        asks=tuple(j.asks()),
    )


def _without_history(snapshot: Snapshot) -> Snapshot:
    """The snapshot as if every day were read one by one (the single reads have no cache)."""
    from dataclasses import replace

    return replace(snapshot, history=None)


@pytest.mark.parametrize("edits", list(ODD_ROWS.values()), ids=list(ODD_ROWS))
def test_the_snapshot_and_the_single_reads_agree_on_odd_rows(
    journal_path: Path, edits: list[str]
) -> None:
    _filled(journal_path)
    con = sqlite3.connect(journal_path)
    con.execute("PRAGMA ignore_check_constraints = 1")  # as a hand edit or another tool would
    for sql in edits:
        assert con.execute(sql).rowcount >= 1, sql
    con.commit()
    try:
        plain = read_snapshot(con, TODAY)
    finally:
        con.close()
    with Journal.open(journal_path) as j:
        single = _single_reads(j)
        through_journal = j.snapshot(TODAY)
    assert _without_history(plain) == single
    assert _without_history(through_journal) == single


ExpectFn = Callable[[Snapshot], object]

# The one behaviour: keep every readable value, read an unreadable one as missing, leave out a
# row whose needed values cannot be read, and let the newest readable evaluation count.
EXPECTED: dict[str, tuple[ExpectFn, object]] = {
    "unknown how": (
        lambda s: (s.journey.how, s.journey.children, s.journey.breakup_date),
        (None, True, TODAY - timedelta(days=40)),
    ),
    "malformed breakup date": (
        lambda s: (s.journey.breakup_date, s.journey.how),
        (None, "planned"),
    ),
    "pause target out of range": (
        lambda s: (s.journey.pause_target_days, s.journey.children),
        (None, True),
    ),
    "evaluation out of range": (lambda s: s.evaluation and s.evaluation.decision, Decision.PURSUE),
    "mood out of range": (
        lambda s: [(c.mood, c.note) for c in s.checkins if c.note == "day 0"],
        [(None, "day 0")],
    ),
    "unknown medium": (
        lambda s: sorted(c.note for c in s.contacts),
        ["contact 1", "contact 2", "contact 3", "contact 4"],
    ),
    "minutes out of range": (
        lambda s: [c.minutes for c in s.contacts if c.note == "contact 1"],
        [None],
    ),
    "phase out of range": (
        lambda s: [p.reason for p in s.phase_steps][:1],
        ["Started the journal"],
    ),
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_an_odd_value_reads_as_missing_and_keeps_the_rest(journal_path: Path, name: str) -> None:
    _filled(journal_path)
    con = sqlite3.connect(journal_path)
    con.execute("PRAGMA ignore_check_constraints = 1")
    for sql in ODD_ROWS[name]:
        con.execute(sql)
    con.commit()
    con.close()
    read, expected = EXPECTED[name]
    with Journal.open(journal_path) as j:
        assert read(j.snapshot(TODAY)) == expected
        assert read(_single_reads(j)) == expected
