"""Reading phase 3's evaluation: the clear yeses, the red flags, and what to say when one is
saved. The roadmap, its exit signals and the meter all judge an evaluation by these."""

from __future__ import annotations

from exback_tui.core.phase_text import HARM_NOTE, RED_FLAG_NOTE, UNCLEAR_PURSUE
from exback_tui.core.values import Answer, Decision, Evaluation, RedFlag

# Pursuing needs at least this many clear yeses to the three questions of phase 3.
MIN_CLEAR_YES = 2


def is_safety_flag(flag: RedFlag) -> bool:
    """Abuse or control: their behaviour, where your safety comes first."""
    return flag in (RedFlag.ABUSE, RedFlag.CONTROL)


def red_flag_note(evaluation: Evaluation) -> str:
    """The words for the red flags found: safety for theirs, repair for yours."""
    parts = []
    if any(is_safety_flag(f) for f in evaluation.red_flags):
        parts.append(RED_FLAG_NOTE)
    if RedFlag.UNCHANGEABLE_HARM in evaluation.red_flags:
        parts.append(HARM_NOTE)
    return " ".join(parts)


def clear_yeses(evaluation: Evaluation) -> int:
    """How many of the three questions were answered with a clear yes."""
    answers = (evaluation.worth, evaluation.added_value, evaluation.differences)
    return sum(1 for a in answers if a is Answer.YES)


def evaluation_warning(evaluation: Evaluation) -> str:
    """What to say when an evaluation is saved, beyond "saved" (empty when nothing)."""
    if evaluation.red_flags:
        return red_flag_note(evaluation)
    if evaluation.decision is Decision.PURSUE and clear_yeses(evaluation) < MIN_CLEAR_YES:
        return UNCLEAR_PURSUE
    return ""
