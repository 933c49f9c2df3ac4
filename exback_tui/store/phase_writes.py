"""Writing the roadmap: phase moves, checklist ticks, asks to get back together (which can
move the phase) and phase 3's evaluation. The rules live in core.phases; this only saves."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.phases import ask_move_reason, phase_after_ask
from ..core.values import (
    RATING_MAX,
    RATING_MIN,
    Answer,
    Ask,
    AskAnswer,
    Decision,
    Evaluation,
    PhaseStep,
    RedFlag,
    Transition,
)
from .errors import InvalidInput
from .models import AskRow, ChecklistMarkRow, EvaluationRow, PhaseStepRow
from .readers import read_latest_evaluation, read_phase_steps
from .sessions import raw_connection
from .write_rules import check_day, check_range, choices, cleaned, offset_min, past_moment


def check_move(phase: int, on: date | None) -> date:
    """The day of a move to ``phase`` (default today), checked: a real phase, not the future."""
    check_range(phase, 1, 6, "The phase")
    return check_day(on or date.today(), date.today())


def move_phase(s: Session, phase: int, day: date, *, reason: str, forced: bool) -> PhaseStep:
    """Write a move to ``phase`` on ``day`` (already checked) and return it."""
    row = PhaseStepRow(
        phase=phase, entered_on=day, reason=cleaned(reason, "reason"), forced=bool(forced)
    )
    s.add(row)
    return PhaseStep(phase, day, row.reason, row.forced)


def tick(s: Session, phase: int, item_key: str, *, done: bool, day: date, refresh: bool) -> bool:
    """Tick (or untick) a checklist item on ``day``; returns whether anything changed.

    With ``refresh``, an item ticked on an earlier day is ticked again on ``day``.
    """
    existing = s.scalar(
        select(ChecklistMarkRow).where(
            ChecklistMarkRow.phase == phase, ChecklistMarkRow.item_key == item_key
        )
    )
    if done and existing is None:
        s.add(ChecklistMarkRow(phase=phase, item_key=item_key, done_on=day))
        return True
    if done and refresh and existing is not None:
        # A malformed stored day (read as None) is older than any real one.
        if existing.done_on is None or existing.done_on < day:
            existing.done_on = day
            return True
        return False
    if not done and existing is not None:
        s.delete(existing)
        return True
    return False


@dataclass(frozen=True, slots=True)
class NewAsk:
    """An ask to record, checked before its transaction begins."""

    answer: AskAnswer
    at: datetime
    note: str


def check_ask(answer: AskAnswer | str, note: str, when: datetime | None) -> NewAsk:
    """An ask from what was given; InvalidInput for an unknown answer or a future time."""
    try:
        answer = AskAnswer(answer)
    except ValueError:
        raise InvalidInput(f"Unknown answer {answer!r}; use one of {choices(AskAnswer)}.") from None
    moment = past_moment(when, "That ask time is in the future; record asks that happened.")
    return NewAsk(answer, moment, cleaned(note, "note"))


def record_ask(s: Session, ask: NewAsk) -> tuple[Ask, PhaseStep | None]:
    """Write ``ask`` and the phase move it leads to (core.phases.phase_after_ask), if any.

    The move is dated the ask's local day, or the day the current phase began if the ask is
    older, so that it is the current phase afterwards.
    """
    steps = read_phase_steps(raw_connection(s))
    current = steps[-1] if steps else None
    row = AskRow(
        at=ask.at,
        at_offset_min=offset_min(ask.at),
        day=ask.at.date(),
        answer=ask.answer.value,
        note=ask.note,
    )
    s.add(row)
    step = None
    target = phase_after_ask(current.phase if current else 1, ask.answer)
    if target is not None:
        on = ask.at.date() if current is None else max(ask.at.date(), current.entered_on)
        step = PhaseStep(target, on, ask_move_reason(ask.answer))
        s.add(PhaseStepRow(phase=target, entered_on=on, reason=step.reason))
    s.flush()
    return Ask(row.id, ask.at, ask.answer, ask.note), step


def check_evaluation(evaluation: Evaluation) -> None:
    """InvalidInput if a rating is out of range or the evaluation is dated in the future."""
    for value, what in (
        (evaluation.intimacy, "Intimacy"),
        (evaluation.passion, "Passion"),
        (evaluation.commitment, "Commitment"),
    ):
        check_range(value, RATING_MIN, RATING_MAX, what)
    check_day(evaluation.made_on, date.today(), "evaluation date")


def record_evaluation(s: Session, evaluation: Evaluation) -> Evaluation:
    """Write a phase 3 evaluation (already checked) and return it as saved."""
    row = EvaluationRow(
        made_on=evaluation.made_on,
        worth=Answer(evaluation.worth).value,
        added_value=Answer(evaluation.added_value).value,
        differences=Answer(evaluation.differences).value,
        intimacy=evaluation.intimacy,
        passion=evaluation.passion,
        commitment=evaluation.commitment,
        transitions=json.dumps([Transition(t).value for t in evaluation.transitions]),
        red_flags=json.dumps([RedFlag(f).value for f in evaluation.red_flags]),
        patterns=json.dumps([cleaned(p, "pattern") for p in evaluation.patterns]),
        decision=Decision(evaluation.decision).value,
        note=cleaned(evaluation.note, "note"),
    )
    s.add(row)
    s.flush()
    saved = read_latest_evaluation(raw_connection(s))
    assert saved is not None  # just written, and checked on the way in
    return saved
