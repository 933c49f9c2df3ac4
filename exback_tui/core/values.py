"""Plain values that flow between the store, the domain rules and the screens.

Nothing here knows about SQLite, SQLAlchemy or Textual: the store turns rows into these, the
domain code in ``core`` reasons over them, and the TUI and CLI render them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

MOOD_MIN, MOOD_MAX = 1, 10
URGE_MIN, URGE_MAX = 0, 10
RATING_MIN, RATING_MAX = 1, 9  # intimacy, passion, commitment in the evaluation


class Medium(StrEnum):
    """How a contact with the ex happened, least to most invasive."""

    TEXT = "text"
    LETTER = "letter"
    EMAIL = "email"
    CALL = "call"
    VIDEO = "video"
    SOCIAL = "social"
    MEETUP = "meetup"


class Initiator(StrEnum):
    """Who reached out first."""

    ME = "me"
    THEM = "them"


class Response(StrEnum):
    """How the ex responded to a contact; ``NONE`` means no answer (yet)."""

    HOSTILE = "hostile"
    COLD = "cold"
    NEUTRAL = "neutral"
    FRIENDLY = "friendly"
    WARM = "warm"
    NONE = "none"

    @property
    def is_good(self) -> bool:
        """A friendly or warm response: the kind that moves the ladder up."""
        return self in (Response.FRIENDLY, Response.WARM)

    @property
    def is_bad(self) -> bool:
        """A hostile or cold response: the kind that moves the ladder down."""
        return self in (Response.HOSTILE, Response.COLD)


class HowEnded(StrEnum):
    """How the breakup happened: in the heat of the moment, or coming for a while."""

    RASH = "rash"
    PLANNED = "planned"


class Answer(StrEnum):
    """An answer to one of the three evaluation questions."""

    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


class Decision(StrEnum):
    """Where the phase 3 evaluation ends."""

    PURSUE = "pursue"
    LET_GO = "let-go"
    UNDECIDED = "undecided"


class Transition(StrEnum):
    """Life transitions that can set a couple on diverging paths."""

    CAREER = "career"
    MARRIAGE = "marriage"
    CHILDREN = "children"


class RedFlag(StrEnum):
    """Reasons to reconsider getting back together at all."""

    ABUSE = "abuse"
    CONTROL = "control"
    UNCHANGEABLE_HARM = "unchangeable-harm"


class AskAnswer(StrEnum):
    """What the ex said when asked to get back together (phase 5)."""

    YES = "yes"
    NO = "no"
    MAYBE = "maybe"
    NOT_NOW = "not-now"


class StepKind(StrEnum):
    """What kind of thing the one recommended next step asks of you."""

    CARE = "care"  # look after yourself: contact is not the question right now
    WAIT = "wait"  # hold off on contact: the pause, space after a chill, a cool-down
    RECORD = "record"  # check in, rate the urge, tick habits: the advice needs the facts
    GROW = "grow"  # work on the current phase (yourself, the evaluation): no contact asked
    CONTACT = "contact"  # one small contact, at the rung the ladder says
    ASK = "ask"  # say plainly what you want (phase 5)
    HEALTH = "health"  # phase 6: look after the relationship you are building


class EntryKind(StrEnum):
    """A journal entry, or a message written during an urge and never sent."""

    ENTRY = "entry"
    UNSENT = "unsent"


@dataclass(frozen=True, slots=True)
class Journey:
    """The answers about the breakup that shape the pause and the advice."""

    breakup_date: date | None = None
    how: HowEnded | None = None
    children: bool = False
    living_together: bool = False
    hurt_ex: bool = False  # the user hurt the ex (betrayal, verbal abuse): apologise first
    ex_dating: bool = False  # the ex is seeing someone else
    pause_target_days: int | None = None  # None: the default for how the breakup happened
    onboarded: bool = False  # the first-run questions were answered (TUI or `exback journey`)


@dataclass(frozen=True, slots=True)
class PhaseStep:
    """One move on the roadmap; the latest one is the current phase."""

    phase: int
    entered_on: date
    reason: str = ""
    forced: bool = False  # moved forward on purpose, past unmet signals or a skipped phase


@dataclass(frozen=True, slots=True)
class ChecklistMark:
    """A ticked checklist item of a phase."""

    phase: int
    item_key: str
    done_on: date


@dataclass(frozen=True, slots=True)
class Habit:
    """A self-improvement habit the user tracks (friends, exercise, sleep ...)."""

    id: int
    name: str
    position: int = 0
    archived: bool = False


@dataclass(frozen=True, slots=True)
class CheckIn:
    """One calendar day: mood 1-10, urge to contact 0-10, the habits done, a note.

    ``mood`` or ``urge`` is None when that day only has the other, or only habit marks.
    """

    day: date
    mood: int | None = None
    urge: int | None = None
    note: str = ""
    habits: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Entry:
    """Free journal text, or an unsent message written during an urge."""

    id: int
    day: date
    text: str
    kind: EntryKind = EntryKind.ENTRY
    tags: tuple[str, ...] = ()
    created_at: datetime | None = None  # aware, in the user's offset at the time
    prompt: str = ""  # the writing prompt it was written to; empty when none


@dataclass(frozen=True, slots=True)
class Contact:
    """One contact with the ex."""

    id: int
    when: datetime  # aware, in the user's offset at the time
    medium: Medium
    initiated_by: Initiator
    response: Response = Response.NONE
    logistics: bool = False  # parenting or household: does not break the pause
    minutes: int | None = None
    note: str = ""

    @property
    def day(self) -> date:
        """The user's calendar day of the contact."""
        return self.when.date()

    @property
    def is_personal_by_me(self) -> bool:
        """A personal contact the user started: the kind that breaks the pause."""
        return self.initiated_by is Initiator.ME and not self.logistics


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The phase 3 evaluation; the latest one counts."""

    made_on: date
    worth: Answer  # is there something worth saving?
    added_value: Answer  # did you add value to their life?
    differences: Answer  # can the differences be worked out or managed?
    intimacy: int
    passion: int
    commitment: int
    decision: Decision
    transitions: tuple[Transition, ...] = ()
    red_flags: tuple[RedFlag, ...] = ()
    patterns: tuple[str, ...] = ()  # old patterns that helped end it: safeguards in phase 6
    note: str = ""


@dataclass(frozen=True, slots=True)
class NextStep:
    """The single next thing the app suggests, and what kind of thing it is."""

    kind: StepKind
    text: str
    rung: int | None = None  # the ladder rung, for a contact step
    until: date | None = None  # for a wait: the first day it is over


@dataclass(frozen=True, slots=True)
class Ask:
    """The moment you asked to get back together, and their answer."""

    id: int
    when: datetime  # aware, in the user's offset at the time
    answer: AskAnswer
    note: str = ""

    @property
    def day(self) -> date:
        """The user's calendar day of the ask."""
        return self.when.date()


@dataclass(frozen=True, slots=True)
class UrgeReading:
    """How strong the urge was at one moment of the urge pause (the urge log)."""

    id: int
    when: datetime  # aware, in the user's offset at the time
    strength: int

    @property
    def day(self) -> date:
        """The user's calendar day of the reading."""
        return self.when.date()


@dataclass(frozen=True, slots=True)
class SupportContact:
    """Someone the user can reach out to on a hard day."""

    id: int
    name: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class History:
    """All-time totals of the check-ins up to and including ``until``.

    A snapshot of a long journal carries these instead of every old day, so the dashboard
    reads the same few hundred days on day 36,500 as on day 400. Only the numbers that look
    back over the whole journal are kept: where it began, the mood totals and the longest run
    of consecutive check-in days.
    """

    until: date
    first_day: date | None = None  # the first day with a mood, an urge or a habit mark
    mood_days: int = 0
    mood_total: int = 0
    best_run: int = 0  # the longest run of consecutive days with a mood
    last_run: int = 0  # the run of consecutive days with a mood that ends on ``until``
    # habit name -> (the sum of the moods, the number of days) on days with that habit done
    habit_moods: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything the domain rules need, read in one go from the journal.

    ``checkins`` are oldest first, one per day that has a mood, an urge or a habit mark. With
    a ``history``, they are the days after ``history.until`` only, and the history holds the
    totals of the days before. ``contacts`` are oldest first. ``phase_steps`` are oldest first
    and never empty for a journal (a new one starts in phase 1).
    """

    today: date
    journey: Journey
    phase_steps: tuple[PhaseStep, ...]
    checkins: tuple[CheckIn, ...]
    habits: tuple[Habit, ...]
    contacts: tuple[Contact, ...]
    evaluation: Evaluation | None = None
    checklist: tuple[ChecklistMark, ...] = ()
    support: tuple[SupportContact, ...] = ()
    history: History | None = None
    asks: tuple[Ask, ...] = ()  # oldest first

    @property
    def first_day(self) -> date | None:
        """The first day of the journal with a check-in or a habit mark."""
        if self.history is not None and self.history.first_day is not None:
            return self.history.first_day
        return self.checkins[0].day if self.checkins else None

    @property
    def phase(self) -> int:
        """The current phase, 1-6."""
        return self.phase_steps[-1].phase if self.phase_steps else 1

    @property
    def phase_since(self) -> date:
        """The day the current phase began.

        The very first pause begins with the breakup, not with the day the journal was made:
        someone who starts the app ten days after it ended has paused for ten days.
        """
        if not self.phase_steps:
            return self.today
        last = self.phase_steps[-1]
        breakup = self.journey.breakup_date
        if (
            len(self.phase_steps) == 1
            and last.phase == 1
            and breakup is not None
            and breakup < last.entered_on
        ):
            return breakup
        return last.entered_on
