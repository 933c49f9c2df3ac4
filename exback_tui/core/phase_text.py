"""The words of the roadmap: each phase's purpose, guidance and checklist, and every note,
warning and hint the rules in ``core.phases`` choose between.

Written for the person using the app: short, warm, second person, drawn from the guide
(shared/PHASES.md) in the project's own words. No rules live here: which words apply when is
decided in ``core.phases``, ``core.readiness`` and ``core.ladder``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from exback_tui.core.values import Transition

YES_ITEM = "they-said-yes"  # the phase 5 checklist item that records a yes

FIRST_QUESTION = "Which phase are you in now?"
ROADMAP_INTRO = (
    "Getting back together is a process, not a single moment. Find the phase you're in, "
    "work through it, and don't rush ahead: jumping a phase, or beginning at the wrong one, "
    "makes a comeback less likely."
)
SKIP_WARNING = (
    "Skipping ahead lowers your odds: each phase builds what the next one needs. "
    "You can still go on if you're sure."
)
BACK_REASON_HINT = (
    "What happened? Moving back is normal: a new clash, for example, means a fresh pause."
)
FORCED_REASON_HINT = "Why move on now? A line for your future self."
FORCED_DEFAULT_REASON = "skipped"

TRANSITION_LABELS: Mapping[Transition, str] = MappingProxyType(
    {
        Transition.CAREER: "Career: a new job, a promotion or a demotion",
        Transition.MARRIAGE: "Marriage: one of you marrying, or wanting to",
        Transition.CHILDREN: "Children: a baby, or one of you wanting to start a family",
    }
)
TRANSITION_TALK: Mapping[Transition, str] = MappingProxyType(
    {
        Transition.CAREER: "the work change that pulled you apart",
        Transition.MARRIAGE: "where each of you stands on marriage",
        Transition.CHILDREN: "where each of you stands on children",
    }
)


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One thing to do in a phase; the key is a stable slug stored with the tick."""

    key: str
    text: str


@dataclass(frozen=True, slots=True)
class Phase:
    """One phase of the roadmap and everything the app says about it."""

    number: int
    key: str
    title: str
    purpose: str
    choose_hint: str  # one line for onboarding: "which phase are you in now?"
    guidance: tuple[str, ...]
    checklist: tuple[ChecklistItem, ...]
    done_when: tuple[str, ...]  # the exit signals in words; exit_signals() measures them


def day_count(n: int) -> str:
    """``n`` days in words: "1 day", "3 days"."""
    return f"{n} day" if n == 1 else f"{n} days"


# Items that only apply with children together or a shared home: without either, there is no
# needed contact to keep to logistics.
LOGISTICS_ITEMS = frozenset({"logistics-only"})


def _items(*pairs: tuple[str, str]) -> tuple[ChecklistItem, ...]:
    return tuple(ChecklistItem(key, text) for key, text in pairs)


PHASES: tuple[Phase, ...] = (
    Phase(
        number=1,
        key="pause",
        title="Pause",
        purpose="Step back, stop contact, and let things cool down.",
        choose_hint="It just ended, or you just had a big fight: you need space first.",
        guidance=(
            "Give both of you room to cool off and make sense of what happened. Distance "
            "brings back the calm, clear head that drama takes away, and it makes it easier "
            "to see the things in you that pushed them away.",
            "No calls, no texts, no messages. Stay quiet on social media too: don't post "
            "about the breakup. What you post tells them how you're doing. Hurting is "
            "human, not weak: bring the hard days to people who care for you, not to a feed "
            "they may read.",
            "Pause right after the breakup, and pause again after any later blow-up.",
            "Children together, or still sharing a home? Keep handling those duties; they "
            "don't break the pause. Pull back where you can and show up where it matters. "
            "Log those contacts as logistics.",
            "If it ended in a heated moment that neither of you planned, and they didn't "
            "really want it, a day or two may be enough. Then get in touch with your pride "
            'set aside: "sorry, can we talk?"',
            "This is a gentler, more strategic cousin of strict no contact, with less risk.",
            "You still love them, and that's OK. But love that comes from a wound can tip "
            "into obsession and desperate moves. Staying quiet is sad today, and it improves "
            "your chances tomorrow.",
        ),
        checklist=_items(
            ("no-calls-texts", "No calls, texts or messages to them"),
            ("no-social-posts", "Nothing about the breakup on social media"),
            ("logistics-only", "Kept any needed contact to kids or home matters"),
            ("pause-target", "Chose how long your pause will last"),
            ("unsent-instead", "Wrote what you wanted to send in the journal instead"),
            ("composure-back", "Feel calmer and clearer than when it ended"),
            ("urge-easing", "Noticed the urge to reach out getting weaker"),
        ),
        done_when=(
            "The quiet has lasted a good while.",
            "Your composure is back.",
            "The urge to reach out is fading.",
        ),
    ),
    Phase(
        number=2,
        key="yourself",
        title="Get yourself back",
        purpose="Rebuild your relationship with yourself until your heart and mind feel steady.",
        choose_hint="The dust has settled a little, but you don't feel like yourself yet.",
        guidance=(
            "Start with you. Aim for a steady heart and mind: most of your days feel mostly "
            "OK, and now and then one is good, even happy.",
            "See friends, even when you'd rather not. Too much time alone is poor company.",
            "Make a plan to grow: your self-esteem, how you look and how fit you are (the "
            "gym helps), and how you communicate. Find again the things that make you, you.",
            "Keep your work, your friends and your family in good shape. Do all of it for "
            "yourself, not as a show for them.",
            "Expect to hit bottom at first. Rejection really hurts; that's biology, not "
            "weakness. The pain does ease.",
            "Bad days will still turn up, and that's normal while the trend improves. Be "
            'patient, and take a "we\'ll see" attitude.',
            "Nothing wrecks a comeback faster than neediness, insecurity and desperation. "
            "Never let them think you need them to be happy or sane.",
        ),
        checklist=_items(
            ("saw-friends", "Saw friends, even on a day you didn't feel like it"),
            ("growth-plan", "Wrote down a plan to grow"),
            ("self-esteem", "Did something for your self-esteem"),
            ("fitness", "Moved your body: gym, sport or a long walk"),
            ("communication", "Worked on how you communicate"),
            ("rediscover-you", "Did something that's truly you again"),
            ("life-in-order", "Kept work, friends and family in good shape"),
            ("changes-visible", "Can see real changes in yourself"),
        ),
        done_when=(
            "Your mood has been mostly OK for weeks.",
            "Your plan is running.",
            "You can see the changes.",
        ),
    ),
    Phase(
        number=3,
        key="evaluate",
        title="Evaluate",
        purpose="Once your head is clear, decide if getting back together is worth it.",
        choose_hint="You feel steadier and want to think clearly about whether to try again.",
        guidance=(
            "Now that you're steadier, ask whether this relationship is worth winning back at all.",
            "Ask yourself three things. Is anything here worth saving, something a happy future "
            "can stand on? Did you make their life better rather than worse? Can the "
            "differences that split you be solved, or at least handled, so it doesn't "
            "repeat? Three yeses mean more to fight for.",
            "Rate intimacy, passion and commitment, the three sides of love in Sternberg's "
            "triangle. Looking at each on its own helps you sort out what you feel.",
            "Look at the big life changes that can pull a couple apart: a new job, a "
            "promotion or a demotion, marriage, children. Be honest, too, if you were never "
            "a good match and hoped they would change. Most people don't.",
            "Red flags: abuse, or harm to their life that you can't undo. Then rethink the "
            "goal. Some exes are better as exes.",
            "Moving on is a real, valid ending, and there's no shame in getting help to do it.",
            "This phase ends in a choice, pursue or let go, and you'll know exactly what "
            "you'd be fighting for.",
        ),
        checklist=_items(
            ("three-questions", "Answered the three questions honestly"),
            ("rated-triangle", "Rated intimacy, passion and commitment"),
            ("life-transitions", "Looked at the life changes pulling you apart"),
            ("compatibility", "Asked whether you were ever really compatible"),
            ("red-flags", "Checked for red flags"),
            ("decision", "Chose: pursue, or let go"),
            ("fighting-for", "Know what you'd be fighting for"),
        ),
        done_when=("You've chosen to pursue and know what you're fighting for.",),
    ),
    Phase(
        number=4,
        key="contact",
        title="Progressive contact",
        purpose="Reconnect step by step, at a pace they can take.",
        choose_hint="You've decided to try, and you're starting to be in touch again.",
        guidance=(
            "Begin with the smallest step that suits where they are now. Each contact should "
            "feel reasonable from where they stand and stir up as little resistance as "
            "possible. Living far apart changes none of this, even long distance.",
            "At first the aim is only to let the bad feelings fade. After that, let each "
            "contact leave them feeling a little better. Respect their boundaries instead "
            "of pushing against them.",
            "Climb one rung at a time: a text first, since it asks least of them; then "
            "something warmer, like a handwritten letter, or an email; after that a call or "
            "a video chat. Only when they're friendly and open, and more than once, suggest "
            "a twenty-minute coffee. After that, a handful of brief, friendly meetings (not "
            "dates), and only then longer time together.",
            "If you hurt them (cheating, harsh words, crossing a line), apologise first. "
            "Nobody warms to someone they see as the enemy.",
            "Follow their mood and remember how it ended. Rushing ahead is the classic mistake.",
            'Being "just friends" is a normal stop on the way, not the end. What they say '
            "now isn't the final score; feelings change.",
            "If they're seeing someone, don't ask for commitment. Stay friendly, and don't "
            "compete or try to control it. A rebound is usually short-lived.",
            "As you reconnect, think about all three sides of love: intimacy, passion and "
            "commitment.",
            "Don't push for a decision while they'd mostly say no. Aim for maybe.",
        ),
        checklist=_items(
            ("apology-first", "Apologised first, if you hurt them"),
            ("first-text", "Sent a first, low-pressure text"),
            ("respect-boundaries", "Respected their boundaries"),
            ("step-by-step", "Moved up only after friendly replies, more than once"),
            ("short-coffee", "Had a short coffee together"),
            ("friendly-meetups", "Met a few times as friends, not dates"),
            ("no-push", "Didn't push for a decision"),
        ),
        done_when=("The ladder has reached its top rung: you're ready to ask.",),
    ),
    Phase(
        number=5,
        key="ask",
        title="Ask",
        purpose="When the good feelings are back and you feel strong, say what you want.",
        choose_hint="Things feel good between you again, and you're ready to say what you want.",
        guidance=(
            "Ask when the good feelings have been nurtured, you feel strong, and you haven't "
            "skipped a phase. Be open about what you want, as the natural next step rather "
            "than a leap.",
            'A "no" is common and it isn\'t final. People rarely go straight from no to '
            "yes; there's usually a maybe in between.",
            "Don't treat their first answer as the final word. Give them time, and give "
            "your own judgement time too. No pressure, ever, in any moment together.",
            "A yes takes you to building something new. A no takes you back to the steady "
            "rhythm of phase 4, to keep building, patiently.",
        ),
        checklist=_items(
            ("feel-strong", "Feel strong, with no phase skipped"),
            ("said-it", "Said plainly what you want"),
            ("no-pressure", "Kept pressure out of it"),
            ("gave-time", "Gave them time, and yourself too"),
            ("they-said-yes", "They said yes"),
        ),
        done_when=("They said yes.",),
    ),
    Phase(
        number=6,
        key="build",
        title="Build anew",
        purpose="Build a better relationship, not a copy of the old one.",
        choose_hint="You're back together and want it to work better this time.",
        guidance=(
            "Don't rebuild the old relationship; build a better one. Learn from what went "
            "wrong and guard against the old harmful habits. Go slowly, and bring your best.",
            "Notice trouble early and calm drama before it grows. Never let resentment sit "
            "unspoken.",
            "People cycle through three moods: hold me tight, put me down, leave me alone "
            "(Desmond Morris, Intimate Behaviour). Meet your partner where they are: when "
            "they want closeness, be there; when they want independence, trust them; when "
            "they want space, get on with your own goals.",
            "Three relationships need care: the one you have with yourself, the one they "
            "have with themselves, and the one you share.",
        ),
        checklist=_items(
            ("learned-from-past", "Named what went wrong before"),
            ("slow-but-better", "Going slowly while bringing your best"),
            ("defuse-early", "Talked about small frictions before they grew"),
            ("no-resentment", "Cleared up resentment instead of letting it sit"),
            ("match-their-stage", "Met them where they were: close, independent or needing space"),
            ("three-relationships", "Looked after yourself, them, and the two of you"),
        ),
        done_when=(),
    ),
)

FAST_PATH = (
    "It ended in a heated moment that neither of you planned, and they didn't really want it. "
    "A day or two of quiet is enough. Then get in touch with your pride set aside: "
    '"sorry, can we talk?" That one message is the plan, so it doesn\'t restart your pause.'
)
FAST_PATH_SENT = (
    "You've said sorry. Give them time to answer, and don't follow it up. When they reply "
    "kindly, move on to phase 4 and take it one small step at a time."
)
FAST_PATH_CLOSED = (
    "They weren't ready to talk. That happens, and it isn't the end: take the longer road. "
    "Hold the pause, look after yourself, and let things settle before anything else."
)
FAST_PATH_SENT_NOTE = (
    "Log their answer when it comes. A kind one opens phase 4; a cold one means the longer "
    "road. Either way, you did the brave thing."
)
FAST_PATH_CLOSED_NOTE = (
    "The quick way back didn't open this time, and that's no verdict on you. The full pause, "
    "and time for yourself, often do what one message can't."
)
LOGISTICS_NOTE = (
    "Contact about your children or your shared home doesn't break the pause. Pull back "
    "where you can, show up where it matters, and log those contacts as logistics."
)
LOGISTICS_CHECK = (
    "You haven't said you share children or a home. Logistics contacts don't break the "
    "pause, so keep them to real practical matters, like returning belongings."
)
EX_DATING = (
    "Don't ask for commitment while they're with someone else. Stay friendly, and don't "
    "compete or try to control it: a rebound is usually short-lived."
)
APOLOGY_FIRST = (
    "You hurt them, so your first contact is a short, sincere apology that asks for nothing "
    "back. Nobody warms to someone they see as the enemy."
)
AFTER_NO = (
    "A no is common, and it isn't final: there's usually a maybe on the way to yes. Go back "
    "to the steady rhythm of phase 4, keep it friendly and free of pressure, and be patient "
    "with them and with yourself. Don't ask again soon; aim for a maybe."
)
AFTER_YES = "You're together again. Now build something better than before, slowly and with care."
LET_GO_INTRO = (
    "Letting go is a brave, valid ending, not a failure. The journal keeps working for you: "
    "for healing, and for moving on."
)
LET_GO_TRACK: tuple[str, ...] = (
    "Be kind to yourself: choosing to let go takes courage.",
    "Keep checking in. Your mood, your habits and your notes are still yours to grow.",
    "Keep the distance that helps you heal, with contact only where duties need it.",
    "Lean on friends and family, and keep your plan for yourself going.",
    "If it feels heavy, talk to a counsellor or therapist. Getting help is no shame.",
    "When you're ready, look ahead: what do you want your life to hold now?",
)
# Abuse and control are about their behaviour: the answer is safety and help.
RED_FLAG_NOTE = (
    "Your safety and wellbeing come first. If there was abuse or control, talk to someone "
    "you trust or a professional; getting help is no shame. Some exes are better as exes."
)
# Harm you did that can't be undone is about your behaviour: the answer is respect and repair.
HARM_NOTE = (
    "You found that you hurt their life in ways you can't undo. Respect their choice to keep "
    "their distance. Repair what you can for its own sake, not to win them back, and be "
    "honest with yourself about what needs to change in you."
)
SAFETY_STEP = "Put your safety first, and talk to someone you trust or a professional."
HARM_STEP = "Respect their distance, and work on what needs to change in you, for its own sake."
UNCLEAR_PURSUE = (
    "You chose to pursue, but fewer than two of the three questions are a clear yes. That's "
    "worth another look before any contact: what would have to be true for each to be a yes?"
)
SAFETY_FORCE_WARNING = (
    "Your evaluation names abuse or control. Moving toward contact can put you at risk. "
    "Please talk it through with someone you trust or a professional first."
)
HARM_FORCE_WARNING = (
    "Your evaluation says you hurt them in ways you can't undo. Moving toward contact can "
    "hurt them again; respect their choice first."
)
LET_GO_FORCE_WARNING = (
    "Your evaluation chose to let go. If that has changed, take the evaluation again first."
)
