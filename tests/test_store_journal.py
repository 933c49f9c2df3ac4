"""The Journal service against real SQLite files: what is saved is what comes back."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exback_tui.core.values import (
    Answer,
    Decision,
    EntryKind,
    Evaluation,
    Initiator,
    Medium,
    RedFlag,
    Response,
    Transition,
)
from exback_tui.store.errors import InvalidInput, NotFound
from exback_tui.store.journal import Journal


def test_second_checkin_of_a_day_updates_and_keeps_what_was_not_given(
    journal: Journal, today: date
) -> None:
    first = journal.record_checkin(today, mood=6, urge=3, note="walk", habits=["friends"])
    assert first.created
    second = journal.record_checkin(today, urge=1, habits=["exercise"], add_habits=True)
    assert not second.created
    c = second.checkin
    assert (c.mood, c.urge, c.note) == (6, 1, "walk")
    assert c.habits == {"friends", "exercise"}
    assert len(journal.checkins()) == 1
    replaced = journal.record_checkin(today, habits=["sleep"])
    assert replaced.checkin.habits == {"sleep"}


@pytest.mark.parametrize(
    ("field", "value"), [("mood", 0), ("mood", 11), ("urge", -1), ("urge", 11)]
)
def test_out_of_range_values_are_refused_and_nothing_changes(
    journal: Journal, field: str, value: int, today: date
) -> None:
    journal.record_checkin(today, mood=5, urge=5)
    with pytest.raises(InvalidInput, match="whole number"):
        journal.record_checkin(today, **{field: value})  # type: ignore[arg-type]
    saved = journal.checkin(today)
    assert saved is not None and (saved.mood, saved.urge) == (5, 5)


def test_future_days_and_unknown_habits_are_refused(journal: Journal, today: date) -> None:
    with pytest.raises(InvalidInput, match="future"):
        journal.record_checkin(today + timedelta(days=1), mood=5)
    with pytest.raises(InvalidInput, match="no habit called 'karate'"):
        journal.record_checkin(today, mood=5, habits=["karate"])
    assert journal.checkins() == []  # the refused habit rolled back the whole check-in


def test_habit_names_match_without_case_and_archiving_keeps_history(
    journal: Journal, today: date
) -> None:
    journal.record_checkin(today, mood=7, habits=["Friends"])
    journal.archive_habit("friends")
    assert "friends" not in [h.name for h in journal.habits()]
    assert journal.checkin(today).habits == {"friends"}  # type: ignore[union-attr]
    with pytest.raises(InvalidInput):
        journal.record_checkin(today, habits=["friends"])
    journal.add_habit("friends")  # comes back, with its history
    assert [h.name for h in journal.habits()][-1] == "friends"
    journal.rename_habit("friends", "people I love")
    assert journal.checkin(today).habits == {"people I love"}  # type: ignore[union-attr]
    with pytest.raises(InvalidInput, match="already"):
        journal.add_habit("People I Love")


def test_reorder_habits(journal: Journal) -> None:
    journal.reorder_habits(["sleep", "friends"])
    assert [h.name for h in journal.habits()] == [
        "sleep",
        "friends",
        "exercise",
        "something for me",
    ]


def test_checkins_by_day_range_include_habit_only_days(journal: Journal, today: date) -> None:
    for i in range(5):
        journal.record_checkin(today - timedelta(days=i), mood=i + 1)
    journal.record_checkin(today - timedelta(days=7), habits=["sleep"])
    week = journal.checkins(today - timedelta(days=7), today - timedelta(days=3))
    assert [c.day for c in week] == [today - timedelta(days=d) for d in (7, 4, 3)]
    assert week[0].mood is None and week[0].habits == {"sleep"}
    assert journal.delete_checkin(today - timedelta(days=7))
    assert journal.checkin(today - timedelta(days=7)) is None


def test_entries_crud_and_newest_first(journal: Journal, today: date) -> None:
    a = journal.add_entry("older", day=today - timedelta(days=2), tags=["#sad", "night"])
    b = journal.add_entry("newer")
    assert [e.id for e in journal.entries()] == [b.id, a.id]
    assert journal.entry(a.id).tags == ("sad", "night")
    journal.update_entry(a.id, "rewritten")
    assert journal.entry(a.id).text == "rewritten"
    unsent = journal.add_entry("what I would have said", kind=EntryKind.UNSENT, tags=["unsent"])
    assert journal.entry(unsent.id).kind is EntryKind.UNSENT
    journal.delete_entry(a.id)
    with pytest.raises(NotFound):
        journal.entry(a.id)
    with pytest.raises(InvalidInput):
        journal.add_entry("   ")


def test_contacts_keep_local_time_and_offset(journal: Journal) -> None:
    tz = timezone(timedelta(hours=-5))
    when = datetime(2026, 11, 20, 23, 30, tzinfo=tz)  # already the 21st in UTC
    c = journal.log_contact(
        medium="call",
        initiated_by="them",
        response="warm",
        minutes=20,
        when=when,
        note="kids' recital",
    )
    back = journal.contacts()[0]
    assert back.when == when and back.when.utcoffset() == timedelta(hours=-5)
    assert back.day == date(2026, 11, 20)
    assert (back.medium, back.initiated_by, back.response) == (
        Medium.CALL,
        Initiator.THEM,
        Response.WARM,
    )
    assert journal.contacts(date(2026, 11, 21), date(2026, 11, 21)) == []
    changed = journal.update_contact(c.id, logistics=True, response="neutral")
    assert changed.logistics and changed.response is Response.NEUTRAL and changed.minutes == 20
    journal.delete_contact(c.id)
    assert journal.contacts() == []


def test_contact_bad_values(journal: Journal) -> None:
    with pytest.raises(InvalidInput, match="medium 'pigeon'"):
        journal.log_contact(medium="pigeon", initiated_by="me")
    with pytest.raises(InvalidInput, match="future"):
        journal.log_contact(
            medium="text", initiated_by="me", when=datetime.now().astimezone() + timedelta(days=1)
        )
    assert journal.contacts() == []


def test_phase_moves_and_checklist(journal: Journal) -> None:
    journal.move_phase(2, "Two weeks of space held")
    journal.move_phase(1, "A new clash")
    assert [s.phase for s in journal.phase_history()] == [1, 2, 1]
    assert journal.current_phase().reason == "A new clash"
    with pytest.raises(InvalidInput):
        journal.move_phase(7)
    assert journal.tick(1, "no-social-posts")
    assert not journal.tick(1, "no-social-posts")
    assert [m.item_key for m in journal.checklist_marks(1)] == ["no-social-posts"]
    assert journal.tick(1, "no-social-posts", done=False)
    assert journal.checklist_marks() == []


def test_evaluation_round_trip_and_latest_counts(journal: Journal, today: date) -> None:
    base = Evaluation(
        today,
        Answer.YES,
        Answer.UNSURE,
        Answer.YES,
        7,
        5,
        8,
        Decision.PURSUE,
        transitions=(Transition.CAREER,),
        patterns=("stonewalling",),
        note="n",
    )
    journal.record_evaluation(base)
    second = Evaluation(
        today,
        Answer.NO,
        Answer.NO,
        Answer.NO,
        2,
        2,
        2,
        Decision.LET_GO,
        red_flags=(RedFlag.CONTROL,),
    )
    journal.record_evaluation(second)
    assert journal.latest_evaluation() == second
    with pytest.raises(InvalidInput, match="Intimacy"):
        journal.record_evaluation(
            Evaluation(today, Answer.YES, Answer.YES, Answer.YES, 10, 5, 5, Decision.PURSUE)
        )


def test_journey_and_snapshot(journal: Journal, today: date) -> None:
    journal.set_journey(breakup_date=today - timedelta(days=30), how="rash", children=True)
    journal.record_checkin(today, mood=5, habits=["sleep"])
    journal.log_contact(medium="text", initiated_by="me")
    snap = journal.snapshot(today)
    assert snap.journey.onboarded and snap.journey.children
    assert snap.phase == 1 and len(snap.checkins) == 1 and len(snap.contacts) == 1
    with pytest.raises(InvalidInput):
        journal.set_journey(pause_target_days=0)


def test_support_contacts_and_settings(journal: Journal) -> None:
    s = journal.add_support_contact("Sam", "555-0100")
    assert journal.support_contacts() == [s]
    journal.set_setting("theme", "nord")
    journal.set_setting("theme", "gruvbox")
    assert journal.setting("theme") == "gruvbox"
    journal.remove_support_contact(s.id)
    assert journal.support_contacts() == []


def test_notes_keep_odd_text_exactly_and_drop_control_characters(
    journal: Journal, today: date
) -> None:
    odd = "Emoji 😀👩‍👩‍👧, RTL שלום مرحبا\nnew line\ttab " + "x" * 100_000
    saved = journal.record_checkin(today, mood=5, note=odd).checkin
    assert saved.note == odd
    assert journal.checkin(today).note == odd  # type: ignore[union-attr]
    dirty = "a\x00b\x07c\x1b[31mred\x1b[0m\r\nd"
    assert journal.add_entry(dirty).text == "abcred\nd"


def test_too_long_text_is_refused_and_nothing_saved(journal: Journal) -> None:
    with pytest.raises(InvalidInput, match="too long"):
        journal.add_entry("x" * 1_000_001)
    assert journal.entries() == []


def test_search_index_follows_edits(journal: Journal, journal_path: Path, today: date) -> None:
    e = journal.add_entry("walked by the river")
    journal.record_checkin(today, mood=5, note="river again")
    journal.update_entry(e.id, "stayed home")
    con = sqlite3.connect(journal_path)
    rows = con.execute(
        "SELECT source FROM search_index WHERE search_index MATCH 'river'"
    ).fetchall()
    con.close()
    assert rows == [("checkin",)]


printable = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from("\n\t"),
    max_size=300,
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=printable)
def test_any_printable_note_round_trips_exactly(journal: Journal, note: str, today: date) -> None:
    journal.record_checkin(today, mood=5, note=note)
    assert journal.checkin(today).note == note  # type: ignore[union-attr]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=200))
def test_any_text_is_stored_without_control_characters(journal: Journal, text: str) -> None:
    if not text.strip():
        return
    try:
        entry = journal.add_entry(text)
    except InvalidInput:
        assert not "".join(c for c in text if c in "\n\t" or c.isprintable()).strip()
        return
    assert all(c in "\n\t" or not (ord(c) < 32 or 127 <= ord(c) < 160) for c in entry.text)
    assert journal.entry(entry.id).text == entry.text
