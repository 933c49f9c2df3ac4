"""A realistic demo journal: a journey through the phases, built from a seed, the same every time.

The demo is an export document, the same shape ``exback export`` writes, loaded through the
importer: the importer validates every demo, and the demo exercises the importer. Everything,
timestamps included, is derived from ``seed`` and ``today``, so two demos built with the same
pair export to the same document.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Final

from ..core import phase_text, phases
from ..core.values import (
    Answer,
    Decision,
    EntryKind,
    HowEnded,
    Initiator,
    Medium,
    Response,
    Transition,
)
from .demo_text import (
    ACTIVITIES,
    CLOSERS,
    HIGH_FEELINGS,
    LOGISTICS_NOTES,
    LOW_FEELINGS,
    MID_FEELINGS,
    NOTES,
    OUTINGS,
    PEOPLE,
    PERSONAL_NOTES,
    PLACES,
    REASONS,
    REFLECTIONS,
    SLIP_NOTE,
    TAGS,
    UNSENT,
)
from .document import FORMAT, VERSION, Doc, Progress
from .errors import InvalidInput
from .journal import Journal

MAX_DAYS: Final = 36_500
# The demo person lives one hour east of UTC; a fixed offset keeps timestamps reproducible.
OFFSET: Final = timezone(timedelta(minutes=60))

HABITS: Final = (
    # name, how regular it becomes (0-1), how much it lifts the day's mood
    ("friends", 0.55, 0.6),
    ("exercise", 0.65, 0.7),
    ("sleep", 0.8, 0.5),
    ("something for me", 0.5, 0.4),
)
LATE_HABIT: Final = ("meditation", 0.45, 0.3)  # added when phase 2 starts
# The contact ladder of phases 4 and 5: a step further every 20 days.
LADDER: Final = (
    Medium.TEXT,
    Medium.TEXT,
    Medium.EMAIL,
    Medium.LETTER,
    Medium.CALL,
    Medium.VIDEO,
    Medium.MEETUP,
)
# How co-parenting messages before phase 4 are answered: mostly neutral.
CO_PARENTING: Final = (Response.NEUTRAL, Response.NEUTRAL, Response.FRIENDLY, Response.COLD)


def build_demo(
    journal: Journal,
    days: int,
    seed: int,
    today: date,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Fill an empty journal with ``days`` days of a believable journey; returns row counts.

    The breakup is ``days`` days before ``today``. Deterministic for ``seed`` and ``today``.
    """
    _check_days(days)
    if not journal.is_empty():
        raise InvalidInput("A demo is only built into a new, empty journal.")
    # Making the document is about a quarter of the work; importing it (checking every
    # record, then writing) is the rest.
    made = days // 4
    doc = demo_document(days, seed, today, _share(progress, 0, made, days))
    summary = journal.import_data(doc, _share(progress, made, days - made, days))
    if progress is not None:
        progress(days, days)
    return {
        "days": days,
        "check-ins": summary.added.get("checkins", 0),
        "entries": summary.added.get("entries", 0),
        "contacts": summary.added.get("contacts", 0),
        "habit marks": summary.added.get("habit_marks", 0),
    }


def demo_document(days: int, seed: int, today: date, progress: Progress | None = None) -> Doc:
    """The demo as an export document, ready for ``Journal.import_data`` (see build_demo)."""
    _check_days(days)
    rng = random.Random(seed)
    breakup = today - timedelta(days=days)
    children = rng.random() < 0.45
    how = HowEnded.PLANNED if rng.random() < 0.75 else HowEnded.RASH
    starts = _phase_starts(days)
    steps, ticks = _steps(rng, breakup, today, starts)
    late_from = next((off for ph, off in starts if ph == 2), None)
    story = _Story(rng, breakup, starts, children, late_from)
    story.live(days, progress)
    journey = {
        "breakup_date": breakup.isoformat(),
        "how": how.value,
        "children": children,
        "living_together": False,
        "hurt_ex": rng.random() < 0.2,
        "ex_dating": rng.random() < 0.15,
        "pause_target_days": None,
        "onboarded": True,
        "created_at": _at(breakup + timedelta(days=1), rng, 20, 23),
    }
    habits = []
    for i, ((name, _r, _b), done_on) in enumerate(zip(story.habits, story.marks, strict=True)):
        since = late_from if late_from is not None and i >= len(HABITS) else 1
        at = _at(breakup + timedelta(days=since), rng, 20, 23)
        habits.append(
            {"name": name, "position": i, "archived": False, "created_at": at, "done_on": done_on}
        )
    eval_day = next((breakup + timedelta(days=off) for ph, off in starts if ph == 4), None)
    return {
        "format": FORMAT,
        "version": VERSION,
        "journey": journey,
        "phase_steps": steps,
        "checklist": ticks,
        "habits": habits,
        "checkins": story.checkins,
        "entries": story.entries,
        "contacts": story.contacts,
        "asks": [],
        "evaluations": [] if eval_day is None else [_evaluation(rng, eval_day)],
        "support_contacts": [
            {
                "name": "Maya (best friend)",
                "detail": "Call any evening; she always picks up.",
                "position": 1,
            }
        ],
        "settings": {},
    }


def _check_days(days: int) -> None:
    if not 1 <= days <= MAX_DAYS:
        raise InvalidInput(f"A demo can span 1 to {MAX_DAYS:,} days, not {days:,}.")


def _share(progress: Progress | None, start: int, span: int, days: int) -> Progress | None:
    """``progress`` for one part of the work: its (done, total) as ``span`` of ``days``."""
    if progress is None:
        return None
    report = progress
    return lambda done, total: report(start + done * span // max(total, 1), days)


def _at(day: date, rng: random.Random, start: int = 18, end: int = 23) -> str:
    """A deterministic local time on ``day`` between ``start`` and ``end`` o'clock."""
    minutes = rng.randrange(start * 60, end * 60)
    return datetime.combine(day, time(minutes // 60, minutes % 60), OFFSET).isoformat()


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        person=rng.choice(PEOPLE), place=rng.choice(PLACES), activity=rng.choice(ACTIVITIES)
    )


def _entry_text(rng: random.Random, mood: int) -> str:
    feelings = LOW_FEELINGS if mood <= 4 else MID_FEELINGS if mood <= 7 else HIGH_FEELINGS
    activity = rng.choice(ACTIVITIES)
    parts = [rng.choice(feelings)]
    if rng.random() < 0.7:
        with_whom = f" with {rng.choice(PEOPLE)}" if rng.random() < 0.4 else ""
        where = f" to {rng.choice(PLACES)}" if activity in OUTINGS else ""
        parts.append(f"{activity[0].upper()}{activity[1:]}{where}{with_whom}.")
    if rng.random() < 0.5:
        parts.append(rng.choice(feelings))
    if rng.random() < 0.45:
        parts.append(rng.choice(REFLECTIONS))
    closer = rng.choice(CLOSERS)
    if closer:
        parts.append(closer)
    # Keep the order natural but drop an accidental repeat of the same sentence.
    return " ".join(dict.fromkeys(parts))


def _phase_starts(days: int) -> list[tuple[int, int]]:
    """(phase, day offset from the breakup) for each phase the demo reaches, in order."""
    p2 = min(max(round(days * 0.1), 14), 60)
    p3 = p2 + min(max(round(days * 0.25), 30), 180)
    p4 = p3 + min(max(round(days * 0.08), 14), 45)
    p5 = p4 + 180
    p6 = p5 + 21
    starts = [(1, 1), (2, p2), (3, p3), (4, p4), (5, p5), (6, p6)]
    return [(phase, offset) for phase, offset in starts if offset < days]


def _steps(
    rng: random.Random, breakup: date, today: date, starts: list[tuple[int, int]]
) -> tuple[list[Doc], list[Doc]]:
    """The phase moves, and the checklist ticks of each phase (most, over its first weeks)."""
    steps: list[Doc] = []
    ticks: list[Doc] = []
    reached_6 = any(ph == 6 for ph, _ in starts)
    for ph, off in starts:
        on = breakup + timedelta(days=off)
        steps.append(
            {
                "phase": ph,
                "entered_on": on.isoformat(),
                "reason": "Started the journal" if ph == 1 else REASONS[ph],
                "forced": False,
                "created_at": _at(on, rng, 9, 22),
            }
        )
        for item in phases.checklist(ph):
            if ph == 5 and item.key == phase_text.YES_ITEM and not reached_6:
                continue
            if rng.random() < 0.75:
                ticked = min(on + timedelta(days=rng.randrange(0, 21)), today)
                ticks.append({"phase": ph, "item_key": item.key, "done_on": ticked.isoformat()})
    return steps, ticks


def _evaluation(rng: random.Random, eval_day: date) -> Doc:
    """The phase 3 evaluation, made in the week before phase 4: worth pursuing."""
    made_on = eval_day - timedelta(days=rng.randrange(1, 8))
    return {
        "made_on": made_on.isoformat(),
        "worth": Answer.YES.value,
        "added_value": Answer.YES.value,
        "differences": Answer.UNSURE.value,
        "intimacy": rng.randrange(6, 9),
        "passion": rng.randrange(5, 9),
        "commitment": rng.randrange(6, 9),
        "transitions": [Transition.CAREER.value],
        "red_flags": [],
        "patterns": ["Letting small resentments pile up", "Going quiet instead of talking"],
        "decision": Decision.PURSUE.value,
        "note": "There is something worth saving, if we both do it differently.",
        "created_at": _at(made_on, rng, 19, 23),
    }


@dataclass(slots=True)
class _Story:
    """The days after the breakup as they are lived, collected as export records."""

    rng: random.Random
    breakup: date
    starts: list[tuple[int, int]]
    children: bool
    late_from: int | None  # the day the late habit starts (phase 2), if the demo gets there
    habits: list[tuple[str, float, float]] = field(default_factory=list)
    marks: list[list[str]] = field(default_factory=list)  # the days each habit was done
    checkins: list[Doc] = field(default_factory=list)
    entries: list[Doc] = field(default_factory=list)
    contacts: list[Doc] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.habits = [*HABITS] if self.late_from is None else [*HABITS, LATE_HABIT]
        self.marks = [[] for _ in self.habits]

    def live(self, days: int, progress: Progress | None) -> None:
        """Every day from the breakup to ``days`` later: habits, check-ins, entries, contacts."""
        rng, starts = self.rng, self.starts
        report = max(1, days // 200)
        slip_day = rng.randrange(3, max(4, min(20, days))) if rng.random() < 0.5 else -1
        bad_left = 0
        phase = 1
        next_phase = 1
        contact_gap = rng.randrange(3, 8)
        for offset in range(1, days + 1):
            day = self.breakup + timedelta(days=offset)
            while next_phase < len(starts) and starts[next_phase][1] <= offset:
                phase = starts[next_phase][0]
                next_phase += 1
            progress_curve = 1 - math.exp(-offset / max(30.0, min(days * 0.3, 240.0)))
            if bad_left == 0 and rng.random() < 1 / 45:
                bad_left = rng.randrange(2, 7)
            bad = bad_left > 0
            bad_left = max(0, bad_left - 1)
            lift = self._habits(offset, day, progress_curve, bad)
            mood_f = 2.4 + 4.6 * progress_curve + 0.35 * lift + rng.gauss(0, 1.0)
            mood = min(10, max(1, round(mood_f - (2.2 if bad else 0))))
            urge_f = 1.0 + 8.0 * math.exp(-offset / max(20.0, min(days * 0.2, 150.0)))
            urge = min(10, max(0, round(urge_f + rng.gauss(0, 1.0) + (2.0 if bad else 0))))
            self._write(day, offset / days, mood, urge, phase, bad)
            contact_gap -= 1
            if offset == slip_day:
                self._contact(day, Medium.TEXT, Initiator.ME, Response.COLD, False, SLIP_NOTE)
            elif self.children and contact_gap <= 0 and phase < 4:
                contact_gap = rng.randrange(6, 15)
                self._contact(
                    day,
                    rng.choice((Medium.TEXT, Medium.CALL, Medium.MEETUP)),
                    rng.choice((Initiator.ME, Initiator.THEM)),
                    rng.choice(CO_PARENTING),
                    True,
                    rng.choice(LOGISTICS_NOTES),
                )
            elif phase in (4, 5) and contact_gap <= 0:  # back together in 6: no more logging
                contact_gap = rng.randrange(4, 11)
                since = offset - next(off for ph, off in starts if ph == 4)
                self._reach_out(day, LADDER[min(len(LADDER) - 1, since // 20)])
            if progress is not None and offset % report == 0:
                progress(offset, days)

    def _habits(self, offset: int, day: date, progress_curve: float, bad: bool) -> float:
        """Mark the habits done on ``day``; returns how much they lift its mood."""
        lift = 0.0
        for index, (_name, regularity, boost) in enumerate(self.habits):
            if index == len(HABITS) and (self.late_from is None or offset < self.late_from):
                continue
            chance = 0.12 + regularity * progress_curve - (0.2 if bad else 0.0)
            if self.rng.random() < chance:
                self.marks[index].append(day.isoformat())
                lift += boost
        return lift

    def _write(self, day: date, t: float, mood: int, urge: int, phase: int, bad: bool) -> None:
        """The day's check-in (most days), entries (some days) and now and then an unsent one."""
        rng = self.rng
        if rng.random() >= 0.18 - 0.08 * t:  # skipped less often as time goes on
            note = _fill(rng.choice(NOTES), rng) if rng.random() < 0.35 else ""
            at = _at(day, rng, 19, 23)
            self.checkins.append(
                {
                    "day": day.isoformat(),
                    "mood": mood,
                    "urge": urge,
                    "note": note,
                    "created_at": at,
                    "updated_at": at,
                }
            )
        if rng.random() < 0.38:
            for _ in range(1 if rng.random() < 0.85 else 2):
                tags: list[str] = []
                if rng.random() < 0.3:
                    tags = rng.sample(TAGS, rng.randrange(1, 3))
                    if bad and "bad-day" not in tags:
                        tags.append("bad-day")
                at = _at(day, rng, 7, 23)
                self._entry(day, EntryKind.ENTRY, _entry_text(rng, mood), tags, at)
        if phase <= 2 and urge >= 7 and rng.random() < 0.05:
            at = _at(day, rng, 21, 24)
            self._entry(day, EntryKind.UNSENT, rng.choice(UNSENT), [], at)

    def _entry(self, day: date, kind: EntryKind, text: str, tags: list[str], at: str) -> None:
        self.entries.append(
            {
                "day": day.isoformat(),
                "kind": kind.value,
                "text": text,
                "tags": tags,
                "created_at": at,
                "updated_at": at,
            }
        )

    def _reach_out(self, day: date, medium: Medium) -> None:
        """A contact of phases 4 and 5: mostly warm or friendly, now and then logistics."""
        rng = self.rng
        if self.children and rng.random() < 0.3:
            note = rng.choice(LOGISTICS_NOTES)
            self._contact(day, Medium.TEXT, Initiator.THEM, Response.FRIENDLY, True, note)
            return
        response = rng.choices(
            (Response.WARM, Response.FRIENDLY, Response.NEUTRAL, Response.COLD),
            weights=(3, 6, 2, 1),
        )[0]
        who = Initiator.ME if rng.random() < 0.6 else Initiator.THEM
        self._contact(day, medium, who, response, False, rng.choice(PERSONAL_NOTES))

    def _contact(
        self,
        day: date,
        medium: Medium,
        who: Initiator,
        response: Response,
        logistics: bool,
        note: str,
    ) -> None:
        at = _at(day, self.rng, 8, 21)
        minutes: int | None = None
        if medium in (Medium.CALL, Medium.VIDEO):
            minutes = self.rng.randrange(5, 45)
        elif medium is Medium.MEETUP:
            minutes = self.rng.randrange(20, 120)
        self.contacts.append(
            {
                "at": at,
                "medium": medium.value,
                "initiated_by": who.value,
                "response": response.value,
                "logistics": logistics,
                "minutes": minutes,
                "note": note,
                "created_at": at,
                "updated_at": at,
            }
        )


__all__: Sequence[str] = ("build_demo", "demo_document")
