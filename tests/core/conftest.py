"""Builders for hand-made snapshots and hypothesis strategies for the core tests."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta, timezone
from itertools import count

from hypothesis import strategies as st

from exback_tui.core.exit_signals import Signal, exit_signals
from exback_tui.core.values import (
    Answer,
    Ask,
    CheckIn,
    ChecklistMark,
    Contact,
    Decision,
    Evaluation,
    Habit,
    HowEnded,
    Initiator,
    Journey,
    Medium,
    PhaseStep,
    RedFlag,
    Response,
    Snapshot,
    SupportContact,
)

TODAY = date(2024, 6, 30)
HABITS = (Habit(1, "friends"), Habit(2, "gym", 1), Habit(3, "sleep", 2))
_ids = count(1)


def ago(days: int, today: date = TODAY) -> date:
    """The day ``days`` before today."""
    return today - timedelta(days=days)


def contact(
    day: date,
    *,
    by: Initiator = Initiator.ME,
    response: Response = Response.NONE,
    logistics: bool = False,
    medium: Medium = Medium.TEXT,
    hour: int = 12,
) -> Contact:
    """A contact at noon of ``day`` in UTC+1."""
    when = datetime.combine(day, time(hour), tzinfo=timezone(timedelta(hours=1)))
    return Contact(next(_ids), when, medium, by, response, logistics)


def days_of(
    moods: Sequence[int | None],
    urges: Sequence[int | None] | None = None,
    habits: Sequence[Iterable[str]] | None = None,
    end: date = TODAY,
) -> tuple[CheckIn, ...]:
    """Consecutive check-ins, the last on ``end``; days with nothing at all are left out."""
    start = end - timedelta(days=len(moods) - 1)
    made = []
    for i, mood in enumerate(moods):
        urge = urges[i] if urges is not None else None
        done = frozenset(habits[i]) if habits is not None else frozenset()
        if mood is None and urge is None and not done:
            continue
        made.append(CheckIn(start + timedelta(days=i), mood, urge, "", done))
    return tuple(made)


def evaluation(
    decision: Decision = Decision.PURSUE,
    *,
    red_flags: tuple[RedFlag, ...] = (),
    answers: tuple[Answer, Answer, Answer] = (Answer.YES, Answer.YES, Answer.YES),
    patterns: tuple[str, ...] = (),
    made_on: date = TODAY,
) -> Evaluation:
    """A phase 3 evaluation."""
    return Evaluation(made_on, *answers, 7, 6, 7, decision, red_flags=red_flags, patterns=patterns)


def snap(
    *,
    phase: int = 1,
    phase_since: date | None = None,
    steps: tuple[PhaseStep, ...] | None = None,
    journey: Journey | None = None,
    checkins: tuple[CheckIn, ...] = (),
    habits: tuple[Habit, ...] = HABITS,
    contacts: tuple[Contact, ...] = (),
    evaluation: Evaluation | None = None,
    checklist: tuple[ChecklistMark, ...] = (),
    support: tuple[SupportContact, ...] = (),
    asks: tuple[Ask, ...] = (),
    today: date = TODAY,
) -> Snapshot:
    """A snapshot with sensible defaults: phase 1 since 60 days ago, a planned breakup."""
    if steps is None:
        first = ago(60, today)
        steps = (PhaseStep(1, first),)
        if phase != 1:
            steps += (PhaseStep(phase, phase_since or ago(20, today)),)
    return Snapshot(
        today=today,
        journey=journey or Journey(breakup_date=ago(60, today), how=HowEnded.PLANNED),
        phase_steps=steps,
        checkins=checkins,
        habits=habits,
        contacts=contacts,
        evaluation=evaluation,
        checklist=checklist,
        support=support,
        asks=asks,
    )


# -- hypothesis strategies ------------------------------------------------------------------

responses = st.sampled_from(list(Response))


@st.composite
def contacts_st(draw: st.DrawFn, max_size: int = 12, max_age: int = 40) -> tuple[Contact, ...]:
    """Contacts over the last ``max_age`` days, oldest first."""
    ages = draw(st.lists(st.integers(0, max_age), max_size=max_size))
    made = []
    for age in sorted(ages, reverse=True):
        made.append(
            contact(
                ago(age),
                by=draw(st.sampled_from(list(Initiator))),
                response=draw(responses),
                logistics=draw(st.booleans()),
            )
        )
    return tuple(made)


@st.composite
def checkins_st(draw: st.DrawFn, max_days: int = 35) -> tuple[CheckIn, ...]:
    """Check-ins over the last few weeks with gaps, moods, urges and habits."""
    n = draw(st.integers(0, max_days))
    moods = draw(st.lists(st.none() | st.integers(1, 10), min_size=n, max_size=n))
    urges = draw(st.lists(st.none() | st.integers(0, 10), min_size=n, max_size=n))
    names = [h.name for h in HABITS]
    habits = draw(st.lists(st.sets(st.sampled_from(names)), min_size=n, max_size=n))
    return days_of(moods, urges, habits)


@st.composite
def evaluations_st(draw: st.DrawFn) -> Evaluation | None:
    """No evaluation, or any kind of one."""
    if draw(st.booleans()):
        return None
    return evaluation(
        draw(st.sampled_from(list(Decision))),
        red_flags=tuple(draw(st.sets(st.sampled_from(list(RedFlag)), max_size=2))),
        answers=(
            draw(st.sampled_from(list(Answer))),
            draw(st.sampled_from(list(Answer))),
            draw(st.sampled_from(list(Answer))),
        ),
    )


@st.composite
def journeys_st(draw: st.DrawFn) -> Journey:
    """Any journey."""
    return Journey(
        breakup_date=draw(st.none() | st.integers(0, 90).map(ago)),
        how=draw(st.sampled_from([None, HowEnded.RASH, HowEnded.PLANNED])),
        children=draw(st.booleans()),
        living_together=draw(st.booleans()),
        hurt_ex=draw(st.booleans()),
        ex_dating=draw(st.booleans()),
        pause_target_days=draw(st.none() | st.integers(1, 60)),
    )


@st.composite
def snapshots_st(
    draw: st.DrawFn,
    phases: Sequence[int] = (1, 2, 3, 4, 5, 6),
    evaluations: st.SearchStrategy[Evaluation | None] | None = None,
) -> Snapshot:
    """Any snapshot in one of ``phases``."""
    return snap(
        phase=draw(st.sampled_from(list(phases))),
        phase_since=ago(draw(st.integers(0, 45))),
        journey=draw(journeys_st()),
        checkins=draw(checkins_st()),
        contacts=draw(contacts_st()),
        evaluation=draw(evaluations if evaluations is not None else evaluations_st()),
    )


def signal(snapshot: Snapshot, key: str) -> Signal:
    """The exit signal called ``key`` of the snapshot's phase."""
    return {s.key: s for s in exit_signals(snapshot)}[key]
