"""The contact ladder of phase 4: small steps up after warmth spread over time, back after a chill.

The ladder is replayed from the contact log (and the asks) every time, so editing or deleting
a logged contact simply changes the result; nothing about the ladder is stored. Every number
it uses is in ``LadderRules``, with the reason for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from types import MappingProxyType

from exback_tui.core.values import (
    Ask,
    AskAnswer,
    Contact,
    HowEnded,
    Initiator,
    Journey,
    Medium,
    NextStep,
    PhaseStep,
    Response,
    StepKind,
)

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
COFFEE_RUNG = 4

# The lowest rung each medium belongs to: a text asks least of them, a meetup most.
MEDIUM_RUNG: Mapping[Medium, int] = MappingProxyType(
    {
        Medium.TEXT: 1,
        Medium.SOCIAL: 1,  # a message on social media is as light as a text
        Medium.LETTER: 3,
        Medium.EMAIL: 3,
        Medium.CALL: 3,
        Medium.VIDEO: 3,
        Medium.MEETUP: COFFEE_RUNG,
    }
)


def _min_days() -> tuple[int, ...]:
    # Days to stay on each rung before the next: a few days for the light rungs, a week for
    # messages and calls, two to three weeks once you meet, where rushing costs the most.
    return (0, 3, 7, 7, 14, 21, 21, 0)


def _ask_rungs() -> Mapping[AskAnswer, int]:
    # Where an ask that was not a yes leaves you: a "no" back to short coffees, a "maybe"
    # or "not now" to friendly meetups. Lower, but not back to the start.
    return MappingProxyType({AskAnswer.NO: COFFEE_RUNG, AskAnswer.MAYBE: 5, AskAnswer.NOT_NOW: 5})


def _ask_cooldowns() -> Mapping[AskAnswer, int]:
    # How long before asking again is even on the table: two months after a "no" (people
    # rarely go from no to yes without a long maybe), a month after "maybe" or "not now".
    return MappingProxyType({AskAnswer.NO: 60, AskAnswer.MAYBE: 30, AskAnswer.NOT_NOW: 30})


@dataclass(frozen=True, slots=True)
class LadderRules:
    """Every number the ladder uses, with why."""

    # Friendly or warm replies, on different days, that earn the next rung. One kind reply
    # can be politeness; two on different days are a pattern ("not just once").
    good_in_a_row: int = 2
    # Days on a rung before the next one (by rung index; see _min_days).
    min_days_at_rung: tuple[int, ...] = field(default_factory=_min_days)
    # A cold or hostile reply drops this many rungs: ease off, but keep what you built.
    steps_down_on_bad: int = 1
    # Unanswered contacts you started, in a row, that drop a rung: silence is an answer.
    unanswered_in_a_row: int = 2
    # Days to wait after silence or a cold reply before anything else.
    wait_after_silence_days: int = 7
    wait_after_cold_days: int = 7
    # A hostile reply asks for real space: two weeks without contact.
    space_after_hostile_days: int = 14
    # Cold or hostile replies within the window that say "step back, and maybe let go".
    step_back_bad_replies: int = 3
    step_back_window_days: int = 30
    # Unanswered contacts in a row that say the same.
    step_back_unanswered: int = 4
    ask_rung: Mapping[AskAnswer, int] = field(default_factory=_ask_rungs)
    ask_cooldown_days: Mapping[AskAnswer, int] = field(default_factory=_ask_cooldowns)


LADDER_RULES = LadderRules()

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
    """How one logged contact (or ask) moved the ladder, or didn't."""

    contact_id: int  # the contact's id; for an ask, its id negated
    day: date
    response: Response
    rung_before: int
    rung_after: int
    jumped_ahead: bool = False  # a contact you started above where the ladder stands

    @property
    def moved(self) -> int:
        """How many rungs it moved: positive up, negative down, 0 stayed."""
        return self.rung_after - self.rung_before


@dataclass(frozen=True, slots=True)
class LadderState:
    """Where you are on the ladder, how you got there, and the one next step."""

    rung_index: int
    rung: Rung
    history: tuple[LadderStep, ...]
    good_streak: int  # friendly or warm replies, on different days, at the current rung
    step: NextStep
    on_rung_since: date | None = None
    wait_until: date | None = None  # no contact before this day (after silence or a chill)
    cooldown_until: date | None = None  # no asking again before this day
    jumped_ahead: bool = False  # the latest contact you started skipped rungs
    step_back: bool = False  # the replies say: step back, and maybe let go

    @property
    def is_top(self) -> bool:
        """The top rung: the ground is ready to ask."""
        return self.rung_index == TOP_RUNG

    @property
    def next_step(self) -> str:
        """The next step in words."""
        return self.step.text


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


def ask_cooldown(asks: Iterable[Ask], today: date) -> tuple[date, AskAnswer] | None:
    """The end of the cool-down after the latest ask that was not a yes, while it runs."""
    latest = None
    for ask in asks:
        if ask.day <= today:
            latest = ask
    if latest is None or latest.answer is AskAnswer.YES:
        return None
    until = latest.day + timedelta(days=LADDER_RULES.ask_cooldown_days[latest.answer])
    return (until, latest.answer) if today < until else None


def is_jump(contact: Contact, rung_index: int) -> bool:
    """A personal contact you started that asks more of them than the rung you are on."""
    return (
        contact.initiated_by is Initiator.ME
        and not contact.logistics
        and MEDIUM_RUNG[contact.medium] > max(rung_index, 1)
    )


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


@dataclass(slots=True)
class _Replay:
    """The running state of one replay; only ``ladder_state`` uses it."""

    index: int = 0
    streak: int = 0
    last_good_day: date | None = None
    since: date | None = None
    unanswered: int = 0
    wait_until: date | None = None
    wait_why: str = ""
    history: list[LadderStep] = field(default_factory=list)
    bad_days: list[date] = field(default_factory=list)
    last_mine_jumped: bool = False

    def move_to(self, index: int, day: date) -> None:
        if index != self.index:
            self.index = index
            self.since = day
        self.streak = 0
        self.last_good_day = None

    def wait(self, day: date, days: int, why: str) -> None:
        until = day + timedelta(days=days)
        if self.wait_until is None or until > self.wait_until:
            self.wait_until = until
            self.wait_why = why


def _replay_contact(r: _Replay, contact: Contact) -> None:
    rules = LADDER_RULES
    before = r.index
    response = contact.response
    jumped = is_jump(contact, before)
    mine = contact.initiated_by is Initiator.ME
    if response.is_bad:
        r.move_to(max(0, r.index - rules.steps_down_on_bad), contact.day)
        r.unanswered = 0
        r.bad_days.append(contact.day)
        if response is Response.HOSTILE:
            r.wait(contact.day, rules.space_after_hostile_days, "hostile")
        else:
            r.wait(contact.day, rules.wait_after_cold_days, "cold")
    elif response is Response.NONE and mine:
        r.unanswered += 1
        r.streak = 0
        r.last_good_day = None
        if r.index == 0:
            r.move_to(1, contact.day)
        elif r.unanswered % rules.unanswered_in_a_row == 0:
            r.move_to(max(0, r.index - 1), contact.day)
            r.wait(contact.day, rules.wait_after_silence_days, "silence")
    else:
        r.unanswered = 0
        if r.index == 0:
            r.move_to(1, contact.day)
        elif response.is_good and not jumped:
            if r.last_good_day is None or contact.day > r.last_good_day:
                r.streak += 1
                r.last_good_day = contact.day
            held = (contact.day - (r.since or contact.day)).days
            if (
                r.streak >= rules.good_in_a_row
                and held >= rules.min_days_at_rung[r.index]
                and r.index < TOP_RUNG
            ):
                r.move_to(r.index + 1, contact.day)
        elif not response.is_good:
            r.streak = 0
            r.last_good_day = None
    if mine and not contact.logistics:
        r.last_mine_jumped = jumped
    r.history.append(
        LadderStep(contact.id, contact.day, response, before, r.index, jumped_ahead=jumped)
    )


def _replay_ask(r: _Replay, ask: Ask) -> None:
    if ask.answer is AskAnswer.YES:
        return
    before = r.index
    r.move_to(min(r.index, LADDER_RULES.ask_rung[ask.answer]), ask.day)
    r.unanswered = 0
    r.history.append(LadderStep(-ask.id, ask.day, Response.NONE, before, r.index))


def ladder_state(
    contacts: Iterable[Contact],
    journey: Journey,
    since: date | None = None,
    today: date | None = None,
    asks: Iterable[Ask] = (),
) -> LadderState:
    """Replay the contact log and the asks (oldest first) onto the ladder.

    Rules (numbers in ``LADDER_RULES``): logistics contacts never move it. The first personal
    contact leaves rung 0 for rung 1 unless the ex answered coldly or with hostility. From
    rung 1 on, friendly or warm replies on two different days, after the rung's minimum
    days, climb one rung; many in one day count once. A contact you start above your rung
    jumps ahead and earns nothing. A neutral reply breaks the run. Unanswered contacts you
    started drop a rung every second one in a row, with a wait. A cold reply drops a rung with
    a wait; a hostile one drops a rung with two weeks of space. An ask that was not a yes
    sends you to a lower rung with a cool-down before asking again. Only events on or after
    ``since`` count (None: all); ``today`` dates the waits (None: the last event's day).
    """
    rules = LADDER_RULES
    events: list[tuple[date, int, Contact | Ask]] = []
    for contact in contacts:
        if contact.logistics or (since is not None and contact.day < since):
            continue
        events.append((contact.day, len(events), contact))
    ask_list = list(asks)
    for ask in ask_list:
        if since is None or ask.day >= since:
            events.append((ask.day, len(events), ask))
    events.sort(key=lambda e: (e[2].when, e[1]))
    r = _Replay()
    for _, _, event in events:
        if isinstance(event, Ask):
            _replay_ask(r, event)
        else:
            _replay_contact(r, event)
    day = today or (events[-1][0] if events else date.min)
    ladder = rungs(journey)
    recent_bad = [d for d in r.bad_days if (day - d).days < rules.step_back_window_days]
    step_back = (
        len(recent_bad) >= rules.step_back_bad_replies or r.unanswered >= rules.step_back_unanswered
    )
    jumped = r.last_mine_jumped
    cooldown = ask_cooldown(ask_list, day)
    wait_until = r.wait_until if r.wait_until is not None and day < r.wait_until else None
    state = LadderState(
        rung_index=r.index,
        rung=ladder[r.index],
        history=tuple(r.history),
        good_streak=r.streak,
        step=NextStep(StepKind.CONTACT, ladder[r.index].advice, rung=r.index),
        on_rung_since=r.since,
        wait_until=wait_until,
        cooldown_until=cooldown[0] if cooldown else None,
        jumped_ahead=jumped,
        step_back=step_back,
    )
    return replace(state, step=_next_step(state, ladder, r, day, cooldown))


_SAID = {AskAnswer.MAYBE: "Maybe", AskAnswer.NOT_NOW: "Not now", AskAnswer.NO: "No"}

STEP_BACK_TEXT = (
    "Their replies have been cold, hostile or silent for a while. Step back and give them "
    "space. It may also be time to ask yourself whether letting go is kinder to you: that "
    "is a valid choice, and the journal stays with you either way."
)


def _next_step(
    state: LadderState,
    ladder: tuple[Rung, ...],
    r: _Replay,
    day: date,
    cooldown: tuple[date, AskAnswer] | None,
) -> NextStep:
    """The one thing to do next on the ladder."""
    rules = LADDER_RULES
    index = state.rung_index
    rung = ladder[index]
    if state.step_back:
        return NextStep(StepKind.WAIT, STEP_BACK_TEXT, until=state.wait_until)
    if state.wait_until is not None:
        left = (state.wait_until - day).days
        why = {
            "hostile": "They answered with hostility. That means space: no contact for "
            f"{_days(left)}, then see how you feel.",
            "cold": f"They pulled back. Give them room: wait {_days(left)} before anything "
            + (
                f"else, then stay with {rung.title.lower()}."
                if index
                else "else, then start again gently, if you still want to."
            ),
            "silence": "Your last messages went unanswered, and silence is an answer too. "
            f"Wait {_days(left)} before anything else.",
        }[r.wait_why]
        return NextStep(StepKind.WAIT, why, until=state.wait_until)
    if state.cooldown_until is not None and index >= TOP_RUNG - 1:
        return NextStep(
            StepKind.WAIT,
            "Don't ask again yet. Keep it friendly and free of pressure, and aim for a "
            f'"maybe", not a decision. The cool-down runs until {state.cooldown_until:%d %b}.',
            until=state.cooldown_until,
        )
    patience = ""
    if cooldown is not None:
        if cooldown[1] is AskAnswer.NO:
            patience = (
                'A "no" is common and not final. Keep building, patiently and without '
                "pressure; aim for a maybe. "
            )
        else:
            patience = (
                f'"{_SAID[cooldown[1]]}" is not a no. Keep building, patiently and without '
                "pressure, and let them come to it. "
            )
    if state.jumped_ahead:
        return NextStep(
            StepKind.CONTACT,
            f"{patience}Your last contact jumped ahead of where things stand "
            f"({rung.title.lower()}). Go back to that rung and let them set the pace. "
            f"{rung.advice}",
            rung=index,
        )
    if index == TOP_RUNG:
        if rung.advice == _DATING_AT_TOP:
            # While they are seeing someone, the top rung means staying friendly, not asking.
            return NextStep(StepKind.CONTACT, rung.advice, rung=index)
        return NextStep(StepKind.ASK, rung.advice, rung=index)
    text = patience + rung.advice
    if not patience and index and r.streak >= rules.good_in_a_row - 1 and state.on_rung_since:
        following = ladder[index + 1].title.lower()
        held = (day - state.on_rung_since).days
        need = rules.min_days_at_rung[index] - held
        if need > 0:
            text += f" Give this rung {_days(need)} more before {following}."
        elif r.streak == rules.good_in_a_row - 1:
            text += f" One more friendly reply, on another day, and you can move on to {following}."
    return NextStep(StepKind.CONTACT, text, rung=index)
