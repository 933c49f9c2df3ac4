"""Fixtures for the app's tests: journals on disk, set up through the Journal API only."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from conftest import new_journal

from exback_tui.core.values import Answer, Decision, EntryKind, Evaluation
from exback_tui.store.journal import Journal

from .helpers import DEMO_TODAY


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Journal]:
    """A new journal that has not been set up (the first-run questions will show)."""
    with Journal.open(new_journal(tmp_path / "fresh.db")) as journal:
        yield journal


@pytest.fixture
def ready(tmp_path: Path) -> Iterator[Journal]:
    """A set-up journal with no check-ins: opens straight on the dashboard."""
    with Journal.open(new_journal(tmp_path / "ready.db")) as journal:
        journal.set_journey(how="planned", children=False)
        yield journal


def fill_demo(journal: Journal, today: date = DEMO_TODAY, days: int = 60) -> None:
    """Sixty days of fixed check-ins, a few contacts, entries and an evaluation."""
    journal.set_journey(
        breakup_date=today - timedelta(days=days + 10), how="planned", children=True, onboarded=True
    )
    habits = [h.name for h in journal.habits()]
    for i in range(days):
        day = today - timedelta(days=days - 1 - i)
        if i % 9 == 4:
            continue  # a few missed days
        mood = 3 + (i * 7 % 5) + i // 15
        urge = max(0, 8 - i // 8 - (i % 3))
        done = [h for k, h in enumerate(habits) if (i + k) % 3 != 0]
        journal.record_checkin(
            day,
            mood=min(10, mood),
            urge=urge,
            habits=done,
            note="steady day" if i % 4 == 0 else "",
            today=today,
        )
    journal.move_phase(2, "The pause held", on=today - timedelta(days=30))
    journal.move_phase(3, "Feeling steadier", on=today - timedelta(days=8))
    for key in ("saw-friends", "growth-plan", "fitness"):
        journal.tick(2, key, on=today - timedelta(days=20))
    journal.tick(3, "three-questions", on=today - timedelta(days=5))
    at = datetime.combine(today - timedelta(days=40), time(18, 30)).astimezone()
    journal.log_contact(
        medium="text",
        initiated_by="them",
        response="neutral",
        logistics=True,
        when=at,
        note="about the car",
    )
    journal.log_contact(
        medium="call",
        initiated_by="them",
        response="friendly",
        when=at + timedelta(days=25),
        minutes=12,
        note="she called [b]first[/b]",
    )
    journal.add_entry(
        "Walked by the river and felt lighter. todo [x] done [/]",
        day=today - timedelta(days=3),
        tags=["walk"],
    )
    journal.add_entry(
        "I miss you. I would have said sorry.",
        day=today - timedelta(days=10),
        kind=EntryKind.UNSENT,
        tags=["unsent", "urge"],
    )
    journal.record_evaluation(
        Evaluation(
            made_on=today - timedelta(days=2),
            worth=Answer.YES,
            added_value=Answer.YES,
            differences=Answer.UNSURE,
            intimacy=6,
            passion=5,
            commitment=7,
            decision=Decision.UNDECIDED,
            note="Give it time",
        )
    )
    journal.add_support_contact("Sam", "sister, 555 0101")


def fill_together(journal: Journal, today: date = DEMO_TODAY) -> None:
    """The demo journal, then contact, the ask, a yes: phase 6, one check looked at."""
    fill_demo(journal, today)
    journal.record_evaluation(
        Evaluation(
            made_on=today - timedelta(days=2),
            worth=Answer.YES,
            added_value=Answer.YES,
            differences=Answer.YES,
            intimacy=7,
            passion=6,
            commitment=8,
            decision=Decision.PURSUE,
            patterns=("keeping score [b]",),
        )
    )
    journal.move_phase(4, "Pursuing, one small step at a time", on=today - timedelta(days=2))
    journal.move_phase(5, "Ready to ask", on=today - timedelta(days=1), forced=True)
    journal.record_ask(
        "yes",
        "over coffee",
        when=datetime.combine(today - timedelta(days=1), time(19)).astimezone(),
    )
    journal.tick(6, "defuse-early", on=today)


@pytest.fixture
def together(tmp_path: Path) -> Iterator[Journal]:
    """Back together: the demo journal moved on to phase 6 (today is DEMO_TODAY)."""
    start = DEMO_TODAY - timedelta(days=90)
    with Journal.open(new_journal(tmp_path / "together.db", start), today=start) as journal:
        fill_together(journal)
        yield journal


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Journal]:
    """The fixed demo journal (today is DEMO_TODAY)."""
    start = DEMO_TODAY - timedelta(days=90)
    with Journal.open(new_journal(tmp_path / "demo.db", start), today=start) as journal:
        fill_demo(journal)
        yield journal
