"""Writing prompts: a few questions per phase, one a day, the same in the app and the CLI."""

from __future__ import annotations

from datetime import date
from typing import Final

# Each phase's prompts, in the order they come round. Written to be answered in a few lines,
# never to send anywhere: phase 1's first one is the letter you write instead of a message.
PROMPTS: Final[dict[int, tuple[str, ...]]] = {
    1: (
        "If you had written to them today, what would you have said? Say it here instead.",
        "What did the urge to reach out feel like today, and what did you do with it?",
        "What can you see more clearly now than on the day it ended?",
        "Who did you talk to today, other than them?",
    ),
    2: (
        "What did you do for yourself today?",
        "When did you feel most like yourself this week?",
        "Which part of your plan moved, even a little?",
        "Who did you see, even though you didn't feel like it?",
    ),
    3: (
        "Is there something between you worth saving? What is it?",
        "Did you add to their life, or take from it? Be honest and kind to yourself.",
        "Can what broke you apart be worked out, or would it happen again?",
        "If you let go, what would you do next? If you go on, what are you fighting for?",
    ),
    4: (
        "How did the last contact feel, on your side and, as far as you could tell, on theirs?",
        "What did you learn about their pace? Is the next step small enough?",
        "Did anything you did raise the pressure? What would lower it?",
    ),
    5: (
        "What do you want to say to them, in plain words?",
        "If the answer is 'not yet', what will you do the day after?",
        "What has changed in you since the breakup that they could notice?",
    ),
    6: (
        "Which old pattern showed up this week, and what did you do instead?",
        "What did you do for the relationship with yourself this week?",
        "Was there a small friction you talked about before it grew?",
    ),
}


def prompt_for(phase: int, day: date, turn: int = 0) -> str:
    """The prompt of ``phase`` for ``day``; ``turn`` steps to the next ones ("another").

    It rotates by the day's number, so every way in (the app, ``exback prompt``) agrees.
    """
    prompts = PROMPTS.get(phase, PROMPTS[1])
    return prompts[(day.toordinal() + turn) % len(prompts)]
