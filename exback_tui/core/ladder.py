"""The contact ladder of phase 4: small steps up after repeated warmth, one step down after a chill.

The ladder is replayed from the contact log every time, so editing or deleting a logged
contact simply changes the result; nothing about the ladder is stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from exback_tui.core.values import Contact, HowEnded, Journey, PhaseStep, Response

# How many friendly or warm responses in a row, at one rung, earn the next rung. One kind
# reply can be politeness; two in a row is a pattern ("receptive, and not just once").
GOOD_IN_A_ROW = 2
# A hostile or cold response drops one rung: ease off, but don't throw away all the work.
STEPS_DOWN_ON_BAD = 1
# The first phase in which contact is expected; the ladder is replayed from there.
CONTACT_PHASE = 4


@dataclass(frozen=True, slots=True)
class Rung:
    """One step on the contact ladder."""

    key: str
    title: str
    advice: str


RUNGS: tuple[Rung, ...] = (
    Rung(
        "no-contact",
        "No contact yet",
        "When you feel steady, start with one short, light text that asks nothing of them.",
    ),
    Rung(
        "first-text",
        "A first text",
        "Keep it short and easy, and leave them free to answer or not.",
    ),
    Rung(
        "friendly-messages",
        "Regular friendly messages",
        "Send a light, friendly message now and then, and let the old bad feelings fade.",
    ),
    Rung(
        "letter-or-call",
        "A letter, email or call",
        "Try something a bit more personal: a handwritten letter, an email, or a short call.",
    ),
    Rung(
        "coffee",
        "A twenty-minute coffee",
        "Suggest a short coffee, about twenty minutes, and leave while it still feels good.",
    ),
    Rung(
        "meetups",
        "A few short meetups",
        "Meet a few times, short and friendly. These are not dates.",
    ),
    Rung(
        "more-time",
        "More time together",
        "Spend longer stretches together and let the good feelings grow at their pace.",
    ),
    Rung(
        "ready-to-ask",
        "Ready to ask",
        "The ground is ready. When you feel strong, say plainly what you want.",
    ),
)
TOP_RUNG = len(RUNGS) - 1

_APOLOGY_FIRST = "Start with a short, sincere apology for the hurt, and ask for nothing back."
_AFTER_APOLOGY = (
    "If you haven't apologised yet, do that first; keep everything short and ask for nothing."
)
_FAST_PATH_FIRST = 'Set your pride aside: a simple "sorry, can we talk?" is enough.'
_DATING_AT_TOP = (
    "They're seeing someone, so don't ask for commitment now. "
    "Stay friendly, and don't compete or try to control it."
)


@dataclass(frozen=True, slots=True)
class LadderStep:
    """How one logged contact moved the ladder (or didn't)."""

    contact_id: int
    day: date
    response: Response
    rung_before: int
    rung_after: int

    @property
    def moved(self) -> int:
        """+1 up, -1 down, 0 stayed."""
        return self.rung_after - self.rung_before


@dataclass(frozen=True, slots=True)
class LadderState:
    """Where you are on the ladder, how you got there, and the one next step."""

    rung_index: int
    rung: Rung
    history: tuple[LadderStep, ...]
    good_streak: int  # friendly or warm responses in a row at the current rung
    next_step: str

    @property
    def is_top(self) -> bool:
        """The top rung: the ground is ready to ask."""
        return self.rung_index == TOP_RUNG


def rungs(journey: Journey) -> tuple[Rung, ...]:
    """The ladder with its advice fitted to this breakup (apology first, fast path, dating)."""
    ladder = list(RUNGS)
    if journey.hurt_ex:
        # Nobody warms to someone they still see as the enemy: the apology comes first.
        ladder[0] = replace(ladder[0], advice=_APOLOGY_FIRST)
        ladder[1] = replace(ladder[1], advice=_AFTER_APOLOGY)
    elif journey.how is HowEnded.RASH:
        ladder[0] = replace(ladder[0], advice=_FAST_PATH_FIRST)
    if journey.ex_dating:
        ladder[TOP_RUNG] = replace(ladder[TOP_RUNG], advice=_DATING_AT_TOP)
    return tuple(ladder)


def contact_phase_start(phase_steps: Sequence[PhaseStep]) -> date | None:
    """The day the current run of contact phases (4 and later) began; None before phase 4.

    A "no" in phase 5 sends you back to phase 4 without losing the ladder you climbed, so
    the run, not the latest step, decides where the replay starts.
    """
    start: date | None = None
    for step in reversed(phase_steps):
        if step.phase < CONTACT_PHASE:
            break
        start = step.entered_on
    return start


def _next_step(ladder: tuple[Rung, ...], index: int, streak: int, last: LadderStep | None) -> str:
    """The one thing to do next, in a line."""
    rung = ladder[index]
    if last is not None and last.moved < 0:
        if index == 0:
            return "They pulled back, so give them room for a while before another light text."
        return f"They pulled back, so ease off and stay with {rung.title.lower()}. {rung.advice}"
    if index == TOP_RUNG:
        return rung.advice
    if streak == GOOD_IN_A_ROW - 1:
        following = ladder[index + 1].title.lower()
        return f"{rung.advice} One more friendly reply and you can move on to {following}."
    return rung.advice


def ladder_state(
    contacts: Iterable[Contact], journey: Journey, since: date | None = None
) -> LadderState:
    """Replay the contact log (oldest first) onto the ladder.

    Rules: logistics contacts never move it. Rung 0 ("no contact yet") is left for rung 1
    by the first personal contact, whoever started it, unless the ex answered coldly or with
    hostility. From rung 1 on, two friendly or warm responses in a row at the same rung move
    you up one rung; a neutral response or no answer breaks the run without moving you; a
    cold or hostile one moves you down one rung (never below 0). Every change of rung resets
    the run, so each rung must earn its own two good responses. Only contacts on or after
    ``since`` (normally the day the contact phases began) count; None counts them all.
    """
    ladder = rungs(journey)
    index = 0
    streak = 0
    history: list[LadderStep] = []
    for contact in contacts:
        if contact.logistics or (since is not None and contact.day < since):
            continue
        before = index
        response = contact.response
        if response.is_bad:
            index = max(0, index - STEPS_DOWN_ON_BAD)
            streak = 0
        elif index == 0:
            index = 1
            streak = 0
        elif response.is_good:
            streak += 1
            if streak >= GOOD_IN_A_ROW and index < TOP_RUNG:
                index += 1
                streak = 0
        else:
            streak = 0
        history.append(LadderStep(contact.id, contact.day, response, before, index))
    last = history[-1] if history else None
    return LadderState(
        rung_index=index,
        rung=ladder[index],
        history=tuple(history),
        good_streak=streak,
        next_step=_next_step(ladder, index, streak, last),
    )
