"""A realistic demo journal: a journey through the phases, built from a seed, the same every time.

Everything, timestamps included, is derived from ``seed`` and ``today``, so two demos built with
the same pair export to the same document. The rows are generated in memory and written in one
transaction with executemany, so ten years of days take a couple of seconds and a century
stays well under a minute.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Final

from sqlalchemy import delete, insert

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
from .errors import InvalidInput
from .import_write import is_empty
from .journal import Journal
from .models import (
    CheckInRow,
    ChecklistMarkRow,
    ContactRow,
    EntryRow,
    EvaluationRow,
    HabitMarkRow,
    HabitRow,
    JourneyRow,
    PhaseStepRow,
    SupportContactRow,
    table_of,
)

Progress = Callable[[int, int], None]
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

# -- sentence fragments ----------------------------------------------------------------------

PEOPLE: Final = (
    "Maya", "Jonas", "Priya", "Tom", "my sister", "my brother", "Mum", "Dad", "Alex", "Sam",
    "Lena", "the neighbours", "my cousin", "Chris", "an old friend from school", "Noor",
)
PLACES: Final = (
    "the park", "the river path", "the old town", "the market", "the lake", "the library",
    "the climbing gym", "the café on the corner", "the hills", "the beach", "the garden",
    "the bookshop", "the forest trail", "the swimming pool", "the station",
)
ACTIVITIES: Final = (
    "went for a long walk", "cooked a proper dinner", "went for a run", "did an hour of yoga",
    "read for most of the afternoon", "cleaned the whole flat", "went swimming",
    "played guitar for a while", "tried a new recipe", "went to the gym", "took the bike out",
    "did the weekly shop without rushing", "fixed the shelf that had been wobbling for months",
    "sorted out old photos", "went to a pottery class", "watched a silly film",
    "sat in the sun with a book", "made soup for the week", "repotted the plants",
    "went to a concert", "walked the long way home", "baked bread", "wrote a letter to Gran",
    "painted the hallway", "went climbing", "started a new book",
)
OUTINGS: Final = frozenset({"went for a long walk", "went for a run", "took the bike out"})
LOW_FEELINGS: Final = (
    "Everything feels heavy today.", "I miss them more than I expected to.",
    "Woke up at four and couldn't get back to sleep.", "The flat is too quiet.",
    "I keep replaying the last argument.", "I almost texted. I didn't.",
    "Saw a couple laughing on the tram and had to look away.",
    "Their song came on in the shop and I had to leave.", "I feel like I failed at something big.",
    "Hard to focus on anything at work.", "Cried in the car, then felt a bit lighter.",
    "Ate cereal for dinner again.", "I checked their profile. Not proud of it.",
    "Everything reminds me of them.", "The weekend stretched out forever.",
    "I wonder if they think about me at all.", "I wrote three messages and deleted them all.",
    "Tired in a way sleep doesn't fix.", "Not much to say. Just a grey day.",
    "Hard not to blame myself for all of it.", "Couldn't face anyone today.",
    "Their jumper is still in the wardrobe.", "The evenings are the worst part.",
    "Felt angry for most of the day, then just sad.", "I don't know who I am without us yet.",
    "Everyone says it gets better. It doesn't feel like it.",
)
MID_FEELINGS: Final = (
    "An ordinary day, and that felt like progress.", "Some sadness, but it passed quicker.",
    "Thought about them once or twice, without the spiral.", "Work kept me busy, which helped.",
    "A quiet evening that didn't feel lonely.", "Up and down, but more up than down.",
    "Had a real laugh for the first time in a while.", "Slept through the night for once.",
    "Noticed I hadn't checked my phone all afternoon.", "A bit flat, but steady.",
    "I can think about the good times without it hurting as much.",
    "Small wins today. I'll take them.", "Felt restless, so I went outside.",
    "I'm starting to enjoy my own company again.", "Not a great day, not a bad one.",
    "Talked it through and felt clearer afterwards.", "Less noise in my head today.",
    "Remembered something funny they used to say and smiled.",
    "Some days I miss them, some days I miss who I was with them.",
    "I made plans for the weekend and actually want to go.",
    "The urge to reach out came and went.", "I wrote instead of texting. It helped.",
    "Felt a little proud of how I handled today.", "Steady. Boring, even. Good.",
)
HIGH_FEELINGS: Final = (
    "Genuinely happy today.", "I feel like myself again.", "Lots of energy; got loads done.",
    "A really good day from start to finish.", "Laughed so much my face hurt.",
    "I'm proud of the changes I've made.", "Felt light, calm and clear-headed.",
    "Looking forward to the week ahead.", "Caught myself singing in the kitchen.",
    "I realised I hadn't thought about the breakup all day.", "Felt strong on the run today.",
    "Grateful for the people around me.", "Work went really well; got good feedback.",
    "The kind of day I want more of.", "Felt confident, not needy.",
    "Calm about the future, whatever happens.", "I like the life I'm building.",
    "Everything felt easy today.", "Quietly content.", "I feel ready for what comes next.",
)
REFLECTIONS: Final = (
    "I think I'm learning to sit with the feeling instead of running from it.",
    "I want to talk less and listen more, with everyone.",
    "I used to go quiet instead of saying what I needed. I can see that now.",
    "Being needy never helped; being steady might.",
    "The fights were never really about the dishes.",
    "I need to keep my own friendships alive, whatever happens.",
    "I'm doing this for me, not to win anyone back.",
    "Patience. One day at a time.", "I can't control what they feel, only what I do.",
    "It's OK that some days are bad; the trend is what matters.",
    "I'm noticing how much better I sleep when I move during the day.",
    "I want a relationship where we both grow, not the old one again.",
    "Maybe the distance is good for both of us.",
    "I keep wanting to explain myself. Nobody asked.",
    "If we ever talk properly again, I want to be calm, not desperate.",
    "Writing things down stops them going round and round.",
    "Friends are better company than my own thoughts at midnight.",
    "I took them for granted towards the end. I know that now.",
    "Resentment grew because we never said the small things.",
    "I'm less afraid of being alone than I was.",
    "Career changes pulled us in different directions; nobody's fault.",
    "I can be kind about it and still keep my distance.",
    "Some things were worth saving. Some habits weren't.",
    "The urge is a wave. It rises and it passes.",
)
CLOSERS: Final = (
    "Early night.", "Tomorrow is another day.", "Going to bed now.", "That's enough for today.",
    "Phone off, book on.", "Bed.", "Good night, journal.", "Onwards.", "One more day done.",
    "Time to rest.", "More tomorrow.", "Need to drink more water.", "Alarm set for the run.",
    "", "", "", "",
)
NOTES: Final = (
    "tired", "long day at work", "good chat with {person}", "rainy, stayed in",
    "{activity} — helped", "headache", "sunny walk to {place}", "busy but fine",
    "missed them this evening", "quiet day", "dinner with {person}", "slept badly",
    "productive", "gym in the morning", "lazy Sunday", "visited {person}", "anxious morning",
    "felt calm", "bad dream about them", "nice surprise from {person}", "overthinking again",
    "kept busy", "coffee at {place}", "lonely evening", "felt proud",
)
TAGS: Final = (
    "work", "family", "friends", "gym", "sleep", "therapy", "memories", "progress",
    "bad-day", "good-day", "weekend", "health", "money", "creative", "outdoors",
)
UNSENT: Final = (
    "I miss you. I know I shouldn't say it, but I do.",
    "Why did you give up so easily? I keep asking myself that.",
    "I saw your new photos. You look happy. I hope you are.",
    "I'm sorry for how I spoke to you that night. I was scared.",
    "Do you ever think about the trip to the coast? I do, all the time.",
    "I just want to hear your voice, even for a minute.",
    "You were right about some things. Not everything, but some.",
    "Happy birthday. I wrote this and I'm not sending it.",
    "I drove past our old place today and nearly called you.",
    "I hope one day we can talk without it hurting.",
)
LOGISTICS_NOTES: Final = (
    "Handover for the weekend; kept it short and friendly.",
    "Sorted the school pick-up times.", "Agreed who takes them to the dentist.",
    "Quick call about the holiday plans for the kids.", "Swapped weekends; easy.",
    "Parents' evening dates; polite.", "Dropped off the kids' winter things.",
    "Birthday party arrangements for the little one.",
)
PERSONAL_NOTES: Final = (
    "A short, light message about nothing much. They replied.",
    "Sent a funny photo of the dog they used to walk.", "Wished them luck for the new job.",
    "They asked how my family was doing.", "Talked for a while about a film we both liked.",
    "Coffee, twenty minutes, and I left while it still felt good.",
    "They laughed at my story; felt like old times for a second.",
    "Kept it friendly and brief, as planned.", "They mentioned they'd been thinking of me.",
    "Easy conversation; no pressure from either side.", "A bit awkward at first, then fine.",
    "They seemed tired; I didn't push.", "Shared a memory; they smiled.",
    "Walk by the river; they suggested meeting again.",
)
SLIP_NOTE: Final = "Sent a long message at midnight. Regretted it straight away."
REASONS: Final = {
    2: "The pause has held and I'm calmer; time to work on me.",
    3: "Mostly OK most days now. Time to think clearly about what I want.",
    4: "Decided it's worth trying, slowly and carefully.",
    5: "Things have been warm for a while; time to say what I want.",
    6: "They said yes. Building something new, not the old thing.",
}


@dataclass(slots=True)
class _Rows:
    """Everything the demo writes, by table, ready for executemany."""

    steps: list[dict[str, Any]] = field(default_factory=list)
    ticks: list[dict[str, Any]] = field(default_factory=list)
    marks: list[dict[str, Any]] = field(default_factory=list)
    checkins: list[dict[str, Any]] = field(default_factory=list)
    entries: list[dict[str, Any]] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)


def _at(day: date, rng: random.Random, start: int = 18, end: int = 23) -> datetime:
    """A deterministic local time on ``day`` between ``start`` and ``end`` o'clock."""
    minutes = rng.randrange(start * 60, end * 60)
    return datetime.combine(day, time(minutes // 60, minutes % 60), OFFSET)


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
    if not 1 <= days <= MAX_DAYS:
        raise InvalidInput(f"A demo can span 1 to {MAX_DAYS:,} days, not {days:,}.")
    rng = random.Random(seed)
    breakup = today - timedelta(days=days)
    children = rng.random() < 0.45
    how = HowEnded.PLANNED if rng.random() < 0.75 else HowEnded.RASH
    starts = _phase_starts(days)
    phase_on = [(breakup + timedelta(days=off), ph) for ph, off in starts]
    eval_day = next((d for d, ph in phase_on if ph == 4), None)
    rows = _Rows()
    report = max(1, days // 200)

    for ph, off in starts:
        on = breakup + timedelta(days=off)
        reason = "Started the journal" if ph == 1 else REASONS[ph]
        rows.steps.append(
            {"phase": ph, "entered_on": on, "reason": reason, "created_at": _at(on, rng, 9, 22)}
        )
        # Most of a phase's checklist gets ticked over its first weeks.
        items = [item.key for item in phases.checklist(ph)]
        for key in items:
            if ph == 5 and key == phase_text.YES_ITEM and not any(p == 6 for p, _ in starts):
                continue
            if rng.random() < 0.75:
                ticked = min(on + timedelta(days=rng.randrange(0, 21)), today)
                rows.ticks.append({"phase": ph, "item_key": key, "done_on": ticked})

    habits = list(HABITS)
    late_from = next((off for ph, off in starts if ph == 2), None)
    if late_from is not None:
        habits.append(LATE_HABIT)
    slip_day = rng.randrange(3, max(4, min(20, days))) if rng.random() < 0.5 else -1
    bad_left = 0
    phase = 1
    next_phase = 1
    contact_gap = rng.randrange(3, 8)
    for offset in range(1, days + 1):
        day = breakup + timedelta(days=offset)
        while next_phase < len(starts) and starts[next_phase][1] <= offset:
            phase = starts[next_phase][0]
            next_phase += 1
        t = offset / max(days, 1)
        progress_curve = 1 - math.exp(-offset / max(30.0, min(days * 0.3, 240.0)))
        if bad_left == 0 and rng.random() < 1 / 45:
            bad_left = rng.randrange(2, 7)
        bad = bad_left > 0
        bad_left = max(0, bad_left - 1)

        done: list[int] = []
        lift = 0.0
        for index, (_name, regularity, boost) in enumerate(habits):
            if index == len(HABITS) and (late_from is None or offset < late_from):
                continue
            chance = 0.12 + regularity * progress_curve - (0.2 if bad else 0.0)
            if rng.random() < chance:
                done.append(index + 1)
                lift += boost
        for habit_id in done:
            rows.marks.append({"habit_id": habit_id, "day": day})

        mood_f = 2.4 + 4.6 * progress_curve + 0.35 * lift + rng.gauss(0, 1.0) - (2.2 if bad else 0)
        mood = min(10, max(1, round(mood_f)))
        urge_f = 1.0 + 8.0 * math.exp(-offset / max(20.0, min(days * 0.2, 150.0)))
        urge = min(10, max(0, round(urge_f + rng.gauss(0, 1.0) + (2.0 if bad else 0))))
        skip = rng.random() < 0.18 - 0.08 * t
        if not skip:
            note = ""
            if rng.random() < 0.35:
                note = _fill(rng.choice(NOTES), rng)
            at = _at(day, rng, 19, 23)
            rows.checkins.append(
                {
                    "day": day, "mood": mood, "urge": urge, "note": note,
                    "created_at": at, "updated_at": at, "utc_offset_min": 60,
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
                rows.entries.append(
                    {
                        "day": day, "kind": EntryKind.ENTRY.value,
                        "text": _entry_text(rng, mood), "tags": " ".join(tags),
                        "created_at": at, "updated_at": at, "utc_offset_min": 60,
                    }
                )
        if phase <= 2 and urge >= 7 and rng.random() < 0.05:
            at = _at(day, rng, 21, 24)
            rows.entries.append(
                {
                    "day": day, "kind": EntryKind.UNSENT.value, "text": rng.choice(UNSENT),
                    "tags": "", "created_at": at, "updated_at": at, "utc_offset_min": 60,
                }
            )

        contact_gap -= 1
        if offset == slip_day:
            _contact(rows, day, rng, Medium.TEXT, Initiator.ME, Response.COLD, False, SLIP_NOTE)
        elif children and contact_gap <= 0 and phase < 4:
            contact_gap = rng.randrange(6, 15)
            _contact(
                rows, day, rng, rng.choice((Medium.TEXT, Medium.CALL, Medium.MEETUP)),
                rng.choice((Initiator.ME, Initiator.THEM)),
                rng.choice((Response.NEUTRAL, Response.NEUTRAL, Response.FRIENDLY, Response.COLD)),
                True, rng.choice(LOGISTICS_NOTES),
            )
        elif phase in (4, 5) and contact_gap <= 0:  # back together in 6: no more logging
            contact_gap = rng.randrange(4, 11)
            since = offset - next(off for ph, off in starts if ph == 4)
            ladder = (Medium.TEXT, Medium.TEXT, Medium.EMAIL, Medium.LETTER, Medium.CALL,
                      Medium.VIDEO, Medium.MEETUP)
            medium = ladder[min(len(ladder) - 1, since // 20)]
            if children and rng.random() < 0.3:
                _contact(rows, day, rng, Medium.TEXT, Initiator.THEM, Response.FRIENDLY, True,
                         rng.choice(LOGISTICS_NOTES))
                continue
            response = rng.choices(
                (Response.WARM, Response.FRIENDLY, Response.NEUTRAL, Response.COLD),
                weights=(3, 6, 2, 1),
            )[0]
            who = Initiator.ME if rng.random() < 0.6 else Initiator.THEM
            _contact(rows, day, rng, medium, who, response, False, rng.choice(PERSONAL_NOTES))
        if progress is not None and offset % report == 0:
            progress(offset, days)

    with journal._write() as s:
        if not is_empty(s):
            raise InvalidInput("A demo is only built into a new, empty journal.")
        for seeded in (HabitRow, PhaseStepRow, JourneyRow):
            s.execute(delete(seeded))
        s.execute(
            insert(table_of(JourneyRow)),
            [{
                "id": 1, "breakup_date": breakup, "how": how.value, "children": children,
                "living_together": False, "hurt_ex": rng.random() < 0.2,
                "ex_dating": rng.random() < 0.15, "pause_target_days": None, "onboarded": True,
                "created_at": _at(breakup + timedelta(days=1), rng, 20, 23),
            }],
        )
        s.execute(
            insert(table_of(HabitRow)),
            [
                {
                    "id": i, "name": name, "position": i - 1, "archived": False,
                    "created_at": _at(
                        breakup + timedelta(days=late_from if i > len(HABITS) and late_from
                                            else 1), rng, 20, 23
                    ),
                }
                for i, (name, _r, _b) in enumerate(habits, start=1)
            ],
        )
        for model, batch in (
            (PhaseStepRow, rows.steps), (ChecklistMarkRow, rows.ticks),
            (HabitMarkRow, rows.marks), (CheckInRow, rows.checkins), (EntryRow, rows.entries),
            (ContactRow, rows.contacts),
        ):
            if batch:
                s.execute(insert(table_of(model)), batch)
        if eval_day is not None:
            made_on = eval_day - timedelta(days=rng.randrange(1, 8))
            s.execute(
                insert(table_of(EvaluationRow)),
                [{
                    "made_on": made_on, "worth": Answer.YES.value,
                    "added_value": Answer.YES.value, "differences": Answer.UNSURE.value,
                    "intimacy": rng.randrange(6, 9), "passion": rng.randrange(5, 9),
                    "commitment": rng.randrange(6, 9),
                    "transitions": json.dumps([Transition.CAREER.value]),
                    "red_flags": "[]",
                    "patterns": json.dumps(
                        ["Letting small resentments pile up", "Going quiet instead of talking"]
                    ),
                    "decision": Decision.PURSUE.value,
                    "note": "There is something worth saving, if we both do it differently.",
                    "created_at": _at(made_on, rng, 19, 23),
                }],
            )
        s.execute(
            insert(table_of(SupportContactRow)),
            [{"name": "Maya (best friend)", "detail": "Call any evening; she always picks up.",
              "position": 1}],
        )
    if progress is not None:
        progress(days, days)
    return {
        "days": days,
        "check-ins": len(rows.checkins),
        "entries": len(rows.entries),
        "contacts": len(rows.contacts),
        "habit marks": len(rows.marks),
    }


def _contact(
    rows: _Rows,
    day: date,
    rng: random.Random,
    medium: Medium,
    who: Initiator,
    response: Response,
    logistics: bool,
    note: str,
) -> None:
    at = _at(day, rng, 8, 21)
    minutes: int | None = None
    if medium in (Medium.CALL, Medium.VIDEO):
        minutes = rng.randrange(5, 45)
    elif medium is Medium.MEETUP:
        minutes = rng.randrange(20, 120)
    rows.contacts.append(
        {
            "at": at, "at_offset_min": 60, "day": day, "medium": medium.value,
            "initiated_by": who.value, "response": response.value, "logistics": logistics,
            "minutes": minutes, "note": note, "created_at": at, "updated_at": at,
            "utc_offset_min": 60,
        }
    )


__all__: Sequence[str] = ("build_demo",)
