"""The casebook: short stories, each with what the meter must say and the guide rule it defends.

Read the CASES table as a spec. Each row is one person's situation built from plain values,
the level the meter must show, what stopped it (a gate, or "" when nothing did), the kind of
next step (care / wait / record / grow / contact at a rung / ask / health), and a phrase the
step must contain. When in doubt the expected answer errs toward care and patience.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone

import pytest

from exback_tui.core import readiness as r
from exback_tui.core.readiness import assess
from exback_tui.core.values import (
    Answer,
    Ask,
    AskAnswer,
    ChecklistMark,
    Decision,
    HowEnded,
    Initiator,
    Journey,
    Medium,
    PhaseStep,
    RedFlag,
    Response,
    Snapshot,
    StepKind,
    SupportContact,
    Transition,
)

from .conftest import HABITS, ago, contact, days_of, evaluation, snap

ALL = ["friends", "gym", "sleep"]
F, W, N, X, C, H = (
    Response.FRIENDLY,
    Response.WARM,
    Response.NEUTRAL,
    Response.NONE,
    Response.COLD,
    Response.HOSTILE,
)


def steady(days: int = 21, mood: int = 7, urge: int = 2) -> tuple:  # type: ignore[type-arg]
    """A person doing well: mostly OK, a low urge, habits done."""
    return days_of([mood] * days, [urge] * days, [ALL] * days)


GOOD = steady()
PLANNED = Journey(breakup_date=ago(60), how=HowEnded.PLANNED, onboarded=True)
RASH = Journey(breakup_date=ago(3), how=HowEnded.RASH, onboarded=True)


def ask(days_ago: int, answer: AskAnswer) -> Ask:
    """An ask at 8 pm, ``days_ago`` days before today."""
    when = datetime.combine(ago(days_ago), time(20), tzinfo=timezone(timedelta(hours=1)))
    return Ask(days_ago + 1000, when, answer)


def spaced(
    start: int, every: int, count: int, response: Response = F, medium: Medium = Medium.TEXT
) -> tuple:  # type: ignore[type-arg]
    """``count`` contacts, the first ``start`` days ago, then one every ``every`` days."""
    return tuple(
        contact(ago(start - every * i), response=response, medium=medium) for i in range(count)
    )


def p4(**kw: object) -> Snapshot:
    """Phase 4 for 200 days, a planned breakup, pursue with three yeses, doing well."""
    base: dict[str, object] = {
        "phase": 4,
        "phase_since": ago(200),
        "journey": PLANNED,
        "checkins": GOOD,
        "evaluation": evaluation(made_on=ago(201)),
    }
    base.update(kw)
    return snap(**base)  # type: ignore[arg-type]


def first_pause(journey: Journey, started: int, **kw: object) -> Snapshot:
    """Still in the first pause, the journal begun ``started`` days ago."""
    return snap(steps=(PhaseStep(1, ago(started)),), journey=journey, **kw)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Case:
    """One story and what the meter must make of it."""

    rule: str  # the guide rule this row defends
    story: str
    snapshot: Callable[[], Snapshot]
    level: str
    gate: str  # the gate that stopped the meter, or ""
    kind: StepKind
    rung: int | None = None  # for a contact step: the rung it names
    says: str = ""  # a phrase the next step must contain (case-insensitive)


NOT_YET, GETTING, NEARLY, READY = (
    r.LEVEL_NOT_YET,
    r.LEVEL_GETTING_THERE,
    r.LEVEL_NEARLY,
    r.LEVEL_READY,
)
CARE, PAUSED, NO_DATA, HEALTH = r.LEVEL_CARE, r.LEVEL_PAUSED, r.LEVEL_NO_DATA, r.LEVEL_HEALTH
K = StepKind

# The casebook reads as a table, a story to a block: kept as written, not reflowed.
# fmt: off
CASES = [
    # -- 1. The pause ------------------------------------------------------------------
    Case("pause: stop contact and step back", "ten days after a planned breakup, doing well",
         lambda: first_pause(replace(PLANNED, breakup_date=ago(10)), 10, checkins=steady(10)),
         NOT_YET, "", K.WAIT, says="20 days more"),
    Case("pause: it counts from the breakup, not from the app",
         "opened the app today, ten days after it ended",
         lambda: first_pause(replace(PLANNED, breakup_date=ago(10)), 0, checkins=steady(10)),
         NOT_YET, "", K.WAIT, says="20 days more"),
    Case("pause: reaching out yourself starts it over", "texted them yesterday",
         lambda: first_pause(PLANNED, 60, checkins=GOOD, contacts=(contact(ago(1)),)),
         NOT_YET, "", K.WAIT, says="29 days more"),
    Case("pause: parenting and household duties don't break it",
         "a logistics call about the kids yesterday",
         lambda: first_pause(replace(PLANNED, children=True), 60, checkins=GOOD,
                             contacts=(contact(ago(1), logistics=True, medium=Medium.CALL),)),
         NOT_YET, "", K.GROW, says="getting yourself back"),
    Case("pause: the ex reaching out doesn't restart your pause", "they texted you",
         lambda: first_pause(PLANNED, 60, checkins=GOOD,
                             contacts=(contact(ago(1), by=Initiator.THEM, response=W),)),
         NOT_YET, "", K.GROW),
    Case("evaluate only once the pause has held: an early evaluation lifts nothing",
         "evaluation saved twelve days before the pause ends",
         lambda: first_pause(replace(PLANNED, breakup_date=ago(18)), 18, checkins=GOOD,
                             evaluation=evaluation()),
         NOT_YET, "", K.WAIT, says="12 days more"),
    # -- The fast path -----------------------------------------------------------------
    Case("fast path: a rash breakup needs a day or two first", "the day after a heated fight",
         lambda: first_pause(replace(RASH, breakup_date=ago(1)), 1, checkins=steady(2)),
         NOT_YET, "", K.WAIT, says="short pause"),
    Case("fast path: then an ego-free \"sorry, can we talk?\"", "three calm days after the fight",
         lambda: first_pause(RASH, 3, checkins=steady(3)),
         READY, "", K.CONTACT, rung=0, says="sorry, can we talk"),
    Case("fast path: the sanctioned apology doesn't restart the pause", "sent the sorry today",
         lambda: first_pause(RASH, 3, checkins=steady(3), contacts=(contact(ago(0)),)),
         GETTING, "", K.WAIT, says="said sorry"),
    Case("fast path: a kind answer opens progressive contact", "they answered warmly",
         lambda: first_pause(RASH, 3, checkins=steady(3), contacts=(contact(ago(0), response=W),)),
         GETTING, "", K.GROW, says="phase 4"),
    Case("fast path: a cold answer means the longer road", "they answered coldly",
         lambda: first_pause(RASH, 3, checkins=steady(3), contacts=(contact(ago(0), response=C),)),
         GETTING, "", K.WAIT, says="longer road"),
    Case("care first: no apology from a place of pain", "three awful days after the fight",
         lambda: first_pause(RASH, 3, checkins=days_of([2, 2, 2], [8, 8, 8])),
         CARE, "low-mood", K.CARE),
    # -- 2. Get yourself back ----------------------------------------------------------
    Case("get yourself back: aim for mostly OK more days than not", "phase 2, moods of 4",
         lambda: snap(phase=2, checkins=steady(mood=4), journey=PLANNED),
         NOT_YET, "", K.GROW, says="more OK days"),
    Case("get yourself back: a self-improvement plan", "phase 2, fine moods, no habit ticked",
         lambda: snap(phase=2, checkins=days_of([7] * 21, [2] * 21), journey=PLANNED),
         NOT_YET, "", K.GROW, says="pick one habit"),
    Case("get yourself back: contact is not the question yet", "phase 2, doing very well",
         lambda: snap(phase=2, checkins=GOOD, journey=PLANNED),
         NOT_YET, "", K.GROW, says="phase 3"),
    # -- Care before contact ----------------------------------------------------------
    Case("no contact from desperation: a low mood blocks the meter",
         "phase 4, mood 2 and urge 9 for two weeks, pursuing",
         lambda: p4(checkins=days_of([2] * 14, [9] * 14, [ALL] * 14)),
         CARE, "low-mood", K.CARE, says="look after yourself"),
    Case("neediness ruins more chances than anything: a strong urge blocks",
         "phase 4, fine moods but an urge of 9",
         lambda: p4(checkins=days_of([6] * 14, [9] * 14, [ALL] * 14)),
         CARE, "high-urge", K.CARE),
    Case("rock bottom is real: a low stretch blocks even after a better day or three",
         "seven hard days, then three better ones",
         lambda: p4(checkins=days_of([2] * 7 + [6] * 3, [3] * 10, [ALL] * 10)),
         CARE, "low-stretch", K.CARE),
    Case("care names your own people", "low week, a friend listed for hard days",
         lambda: p4(checkins=days_of([2] * 14, [3] * 14, [ALL] * 14),
                    support=(SupportContact(1, "Sam"),)),
         CARE, "low-mood", K.CARE, says="Sam"),
    Case("bad days happen while the trend improves: a hard week passed lifts the gate",
         "a hard week, then a good one",
         lambda: p4(checkins=days_of([2] * 7 + [7] * 7, [3] * 14, [ALL] * 14)),
         NEARLY, "", K.CONTACT, rung=0),
    Case("care gate in the pause, too", "phase 1, mood 2 every day",
         lambda: first_pause(PLANNED, 60, checkins=days_of([2] * 14, [5] * 14)),
         CARE, "low-mood", K.CARE),
    # -- 3. Evaluate -------------------------------------------------------------------
    Case("evaluate: three questions, then a decision", "phase 3, no evaluation yet",
         lambda: snap(phase=3, checkins=GOOD, journey=PLANNED),
         GETTING, "", K.GROW, says="three questions"),
    Case("evaluate: yes to all three is more to fight for", "phase 3, pursue, three yeses",
         lambda: snap(phase=3, checkins=GOOD, journey=PLANNED, evaluation=evaluation()),
         GETTING, "", K.GROW, says="phase 4"),
    Case("evaluate: pursuing without the yeses deserves another look",
         "phase 3, pursue, no question a clear yes",
         lambda: snap(phase=3, checkins=GOOD, journey=PLANNED,
                      evaluation=evaluation(answers=(Answer.NO, Answer.UNSURE, Answer.NO))),
         GETTING, "", K.GROW, says="another look"),
    Case("evaluate: undecided is fine; take your time", "phase 3, undecided",
         lambda: snap(phase=3, checkins=GOOD, journey=PLANNED,
                      evaluation=evaluation(Decision.UNDECIDED)),
         GETTING, "", K.GROW, says="take your time"),
    Case("red flag, theirs: abuse means safety and help", "phase 4, abuse named",
         lambda: p4(evaluation=evaluation(red_flags=(RedFlag.ABUSE,))),
         PAUSED, "red-flag", K.CARE, says="safety"),
    Case("red flag, yours: harm you can't undo means respect and repair",
         "phase 3, unchangeable harm named",
         lambda: snap(phase=3, checkins=GOOD, journey=PLANNED,
                      evaluation=evaluation(red_flags=(RedFlag.UNCHANGEABLE_HARM,))),
         PAUSED, "red-flag", K.CARE, says="respect their distance"),
    Case("letting go is a valid outcome; the journal stays", "phase 3, chose to let go",
         lambda: snap(phase=3, checkins=GOOD, journey=PLANNED,
                      evaluation=evaluation(Decision.LET_GO)),
         PAUSED, "let-go", K.CARE, says="healing"),
    # -- 4. Progressive contact --------------------------------------------------------
    Case("contact: start with the smallest step, a light text", "phase 4, no contact yet",
         lambda: p4(), NEARLY, "", K.CONTACT, rung=0, says="short, light text"),
    Case("contact: apologise first when you hurt them", "phase 4, you hurt them",
         lambda: p4(journey=replace(PLANNED, hurt_ex=True)),
         NEARLY, "", K.CONTACT, rung=0, says="apology"),
    Case("contact: receptive more than once, not a burst in one afternoon",
         "19 friendly replies in one afternoon",
         lambda: p4(contacts=tuple(contact(ago(0), response=F) for _ in range(19))),
         READY, "", K.CONTACT, rung=1),
    Case("contact: good replies spread over time climb one rung at a time",
         "friendly replies 20, 15 and 8 days ago",
         lambda: p4(contacts=(contact(ago(20), response=F), contact(ago(15), response=F),
                              contact(ago(8), response=F))),
         READY, "", K.CONTACT, rung=2),
    Case("contact: jumping ahead is the classic mistake", "three meetups as first contacts",
         lambda: p4(contacts=spaced(12, 4, 3, F, Medium.MEETUP)),
         GETTING, "", K.CONTACT, rung=1, says="jumped ahead"),
    Case("contact: respect boundaries; hostility means space", "a hostile reply yesterday",
         lambda: p4(contacts=(contact(ago(1), response=H),)),
         GETTING, "", K.WAIT, says="space"),
    Case("contact: a cold reply means ease off", "friendly, friendly, then cold",
         lambda: p4(contacts=(contact(ago(20), response=F), contact(ago(12), response=F),
                              contact(ago(2), response=C))),
         GETTING, "", K.WAIT, says="room"),
    Case("contact: silence is an answer", "two texts in a row unanswered",
         lambda: p4(contacts=spaced(6, 3, 2, X)),
         GETTING, "", K.WAIT, says="unanswered"),
    Case("contact: don't keep knocking; step back, and letting go is an option",
         "ten unanswered texts",
         lambda: p4(contacts=spaced(40, 4, 10, X)),
         NOT_YET, "", K.WAIT, says="letting go"),
    Case("contact: repeated coldness means step back, and letting go is an option",
         "three cold or hostile replies this month",
         lambda: p4(contacts=(contact(ago(25), response=C), contact(ago(15), response=H),
                              contact(ago(5), response=C))),
         NOT_YET, "", K.WAIT, says="letting go"),
    Case("missing data is unknown, never good: the urge and habits unrecorded",
         "phase 4, moods of 7, no urge rated, no habits",
         lambda: p4(checkins=days_of([7] * 14), habits=()),
         GETTING, "", K.RECORD, says="rate the urge"),
    Case("missing data is unknown: mood 4, nothing else recorded", "the issue's 80-point case",
         lambda: p4(checkins=days_of([4] * 14), habits=()),
         NOT_YET, "", K.RECORD),
    Case("a score needs data: too few check-ins, so no contact step yet",
         "phase 4, three check-ins",
         lambda: p4(checkins=steady(3)), NO_DATA, "", K.RECORD, says="check in"),
    Case("pause: on day one, holding the pause comes before the meter's data",
         "first evening, ten days after it ended",
         lambda: first_pause(replace(PLANNED, breakup_date=ago(10)), 0, checkins=steady(1)),
         NO_DATA, "", K.WAIT, says="20 days more"),
    Case("the ladder's top: say plainly what you want", "warm replies over months",
         lambda: p4(contacts=spaced(180, 11, 13, W)),
         READY, "", K.ASK, rung=7, says="say plainly"),
    Case("ex dating: don't ask for commitment, stay friendly", "at the top, they're dating",
         lambda: p4(journey=replace(PLANNED, ex_dating=True), contacts=spaced(180, 11, 13, W)),
         READY, "", K.CONTACT, rung=7, says="don't ask for commitment"),
    # -- 5. Ask ----------------------------------------------------------------------------
    Case("ask: when the good feelings are back and you feel strong", "phase 5, doing well",
         lambda: snap(phase=5, checkins=GOOD, journey=PLANNED, evaluation=evaluation()),
         NEARLY, "", K.ASK, says="without pressure"),
    Case("a no is not final: back to phase 4, aim for maybe, never ask again at once",
         "asked five days ago, they said no",
         lambda: p4(contacts=spaced(180, 11, 13, W), asks=(ask(5, AskAnswer.NO),),
                    steps=(PhaseStep(1, ago(300)), PhaseStep(4, ago(200)),
                           PhaseStep(5, ago(10)), PhaseStep(4, ago(5)))),
         READY, "", K.CONTACT, rung=4, says="aim for a maybe"),
    Case("don't rush the ex: a maybe cools down too", "asked three days ago: maybe",
         lambda: p4(contacts=spaced(180, 11, 13, W), asks=(ask(3, AskAnswer.MAYBE),),
                    steps=(PhaseStep(1, ago(300)), PhaseStep(4, ago(200)),
                           PhaseStep(5, ago(10)), PhaseStep(4, ago(3)))),
         READY, "", K.CONTACT, rung=5, says="patiently"),
    Case("don't rush: still in phase 5 after a not-now, no asking again yet",
         "forced back into phase 5 a day after a not-now",
         lambda: snap(phase=5, checkins=GOOD, journey=PLANNED, evaluation=evaluation(),
                      asks=(ask(2, AskAnswer.NOT_NOW),)),
         GETTING, "", K.WAIT, says="don't ask again yet"),
    # -- 6. Build anew -----------------------------------------------------------------------
    Case("build anew: a better relationship, not the old one", "they said yes",
         lambda: snap(phase=6, checkins=GOOD, journey=PLANNED, evaluation=evaluation(),
                      asks=(ask(10, AskAnswer.YES),)),
         HEALTH, "", K.HEALTH, says="what went wrong before"),
    Case("build anew: safeguards against the old patterns", "a pattern named in the evaluation",
         lambda: snap(phase=6, checkins=GOOD, journey=PLANNED,
                      evaluation=evaluation(patterns=("Shouting when tired",)),
                      checklist=tuple(ChecklistMark(6, k, ago(1)) for k in (
                          "learned-from-past", "slow-but-better", "defuse-early",
                          "no-resentment", "match-their-stage", "three-relationships"))),
         HEALTH, "", K.HEALTH, says="shouting when tired"),
    Case("build anew: life changes to talk about", "a career change named",
         lambda: snap(phase=6, checkins=GOOD, journey=PLANNED,
                      evaluation=replace(evaluation(), transitions=(Transition.CAREER,)),
                      checklist=tuple(ChecklistMark(6, k, ago(1)) for k in (
                          "learned-from-past", "slow-but-better", "defuse-early",
                          "no-resentment", "match-their-stage", "three-relationships"))),
         HEALTH, "", K.HEALTH, says="work change"),
    Case("build anew: a weekly rhythm, not a chore", "everything checked this week",
         lambda: snap(phase=6, checkins=GOOD, journey=PLANNED, evaluation=evaluation(),
                      checklist=tuple(ChecklistMark(6, k, ago(2)) for k in (
                          "learned-from-past", "slow-but-better", "defuse-early",
                          "no-resentment", "match-their-stage", "three-relationships"))),
         HEALTH, "", K.HEALTH, says="everything is checked"),
]
# fmt: on


def test_the_casebook_is_a_real_spec() -> None:
    assert len(CASES) >= 40
    assert len({c.rule for c in CASES}) == len(CASES), "one guide rule per row"


@pytest.mark.parametrize("case", CASES, ids=[c.story for c in CASES])
def test_casebook(case: Case) -> None:
    result = assess(case.snapshot())
    seen = (
        f"{result.level} / {result.gate or '-'} / {result.step.kind} rung {result.step.rung}: "
        f"{result.step.text}"
    )
    assert result.level == case.level, seen
    assert result.gate == case.gate, seen
    assert result.step.kind is case.kind, seen
    if case.rung is not None:
        assert result.step.rung == case.rung, seen
    assert case.says.casefold() in result.step.text.casefold(), seen


def test_a_blocked_meter_never_suggests_contact() -> None:
    for case in CASES:
        result = assess(case.snapshot())
        if result.blocked:
            assert result.step.kind not in (StepKind.CONTACT, StepKind.ASK), case.story
            assert result.score is None, case.story


def test_the_level_promises_a_step_only_when_there_is_one() -> None:
    """ "Nearly ready" and "Ready for a small step" come only with a contact or an ask."""
    for case in CASES:
        result = assess(case.snapshot())
        if result.level in (NEARLY, READY):
            assert result.step.kind in (StepKind.CONTACT, StepKind.ASK), case.story


def _date(d: date) -> str:
    return f"{d:%d %b}"


def test_the_cool_down_is_dated_and_shown() -> None:
    made = CASES[[c.story for c in CASES].index("asked five days ago, they said no")].snapshot()
    result = assess(made)
    assert result.cooldown_until == ago(5) + timedelta(days=60)
    assert HABITS  # the builders' habits are the ones the story ticks
