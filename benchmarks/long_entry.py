"""Typing in long entries: milliseconds from a key to the letter on screen, in the entry
editor of the real app in a real terminal (tmux), for the entries of issue 14 item 15.

    python benchmarks/long_entry.py [--keys N] [--rounds N]

Also run by ``benchmarks/run.py`` (its last rows). Each figure opens a journal holding one
entry, opens the entry from the journal list, and types ``--keys`` letters at the start of
the text (or at its end, after ctrl+end), one at a time, each sent when the one before is on
screen; the same typing in an entry of one screenful (200 words), alternating with it, is
the reference, and the screenful itself is typed against the same text in Textual's own
TextArea in a minimal app (minimal_editor.py). Beside each latency, the app's CPU time per
key.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from exback_tui.core.text import MAX_TEXT_CHARS
from exback_tui.store.journal import Journal

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
EXBACK = str(Path(sys.executable).parent / "exback")
SIZE = (120, 40)  # as in run.py
# The dashboard of a journal with no check-in yet, drawn and taking keys.
READY = re.compile(r"Not enough data yet|Not yet")
TARGET_MS = 50
# The entry starts with this word, so the letters typed before it are found on screen only
# where the editor shows them (the journal list and the preview show it without them).
FIRST_WORD = "Tonight"
LAST_WORD = "Goodnight"  # the same, for typing at the end
WORDS = (
    "I",
    "walked",
    "by",
    "the",
    "river",
    "and",
    "thought",
    "about",
    "what",
    "we",
    "had",
    "want",
    "now",
    "it",
    "was",
    "quiet",
    "my",
    "sister",
    "called",
    "laughed",
    "nothing",
    "evening",
    "felt",
    "lighter",
    "than",
    "last",
    "week",
    "some",
    "days",
    "are",
    "still",
    "hard",
    "miss",
    "small",
    "things",
    "most",
    "but",
    "am",
    "sleeping",
    "better",
    "again",
)
# Typed letters: the whole run typed so far is looked for, so no earlier screen can match.
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def one_paragraph(chars: int, seed: int = 7) -> str:
    """``chars`` characters of words and spaces, no line break."""
    rng = random.Random(seed)
    parts = [FIRST_WORD]
    size = len(FIRST_WORD)
    while size < chars:
        word = rng.choice(WORDS)
        parts.append(word)
        size += len(word) + 1
    return " ".join(parts)[: chars - len(LAST_WORD) - 1].rstrip() + " " + LAST_WORD


def paragraphs(words: int, per_paragraph: int = 100, seed: int = 7) -> str:
    """``words`` words in paragraphs of about ``per_paragraph`` words, a blank line between."""
    rng = random.Random(seed)
    chosen = [FIRST_WORD, *(rng.choice(WORDS) for _ in range(words - 1))]
    return "\n\n".join(
        " ".join(chosen[i : i + per_paragraph]) for i in range(0, words, per_paragraph)
    )


def journal_with(name: str, text: str) -> Path:
    """A set-up journal under benchmarks/out holding one entry of ``text`` (built once)."""
    path = OUT / f"long-entry-{name}.db"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        with Journal.open(path) as journal:
            journal.set_journey(how="planned", children=False)
            journal.add_entry(text)
    return path


class Figure(NamedTuple):
    """One row of the table (run.py's ``Row``, field for field)."""

    figure: str
    ours: str
    reference: str
    ratio: float | None
    target: str
    ok: bool | None


def wait_for(session: str, pattern: re.Pattern[str], timeout: float = 30) -> None:
    """Poll a tmux pane until ``pattern`` shows; fail after ``timeout`` seconds."""
    deadline = time.perf_counter() + timeout
    screen = ""
    while time.perf_counter() < deadline:
        screen = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
        ).stdout
        if pattern.search(screen):
            return
        time.sleep(0.002)
    raise RuntimeError(f"{pattern.pattern!r} never appeared:\n{screen}")


class Typed(NamedTuple):
    """One session: the median key's latency, the app's CPU time per key, and how long the
    entry took to open (Enter in the journal list to the editor on screen)."""

    latency_ms: float
    cpu_ms: float
    open_ms: float


def app_cpu_seconds(session: str) -> float:
    """CPU time (user and system) the program in a tmux pane has used so far."""
    pid = subprocess.run(
        ["tmux", "display", "-p", "-t", session, "#{pane_pid}"], capture_output=True, text=True
    ).stdout.strip()
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_idle(session: str, timeout: float = 60) -> None:
    """Wait until the app in a tmux pane uses next to no CPU (under 5% over a quarter second)."""
    deadline = time.perf_counter() + timeout
    before = app_cpu_seconds(session)
    while time.perf_counter() < deadline:
        time.sleep(0.25)
        now = app_cpu_seconds(session)
        if now - before < 0.0125:
            return
        before = now
    raise RuntimeError("the app never went idle")


def start(name: str, command: str) -> None:
    """A tmux session of the benchmark's size running ``command``."""
    subprocess.run(["tmux", "kill-session", "-t", name], stderr=subprocess.DEVNULL)
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", name, "-x", str(SIZE[0]), "-y", str(SIZE[1]), command],
        check=True,
    )


def type_letters(name: str, keys: int, at_end: bool) -> tuple[float, float]:
    """Type ``keys`` letters into the focused editor, each sent when the one before is on
    screen: the median key's latency and the app's CPU time per key. The whole run typed so
    far is looked for beside the text's first (or last) word, so no screen from before the
    key can match. CPU time is the app's, from the first key to the last letter on screen: it
    counts what the app does for a key even when a busy machine delays the screen."""
    wait_idle(name)  # the opening's last work (a rewrap, a worker) is not the keys'
    samples = []
    typed = ""
    cpu_before = app_cpu_seconds(name)
    for i in range(keys):
        letter = LETTERS[i % len(LETTERS)]
        typed += letter
        seen = LAST_WORD + typed if at_end else typed + FIRST_WORD
        begun = time.perf_counter()
        subprocess.run(["tmux", "send-keys", "-t", name, "-l", letter], check=True)
        wait_for(name, re.compile(re.escape(seen)))
        samples.append((time.perf_counter() - begun) * 1000)
    cpu = (app_cpu_seconds(name) - cpu_before) * 1000 / keys
    return statistics.median(samples), cpu


def typing(db: Path, keys: int, at_end: bool = False) -> Typed:
    """Open the journal's one entry in exback's editor and type ``keys`` letters at the start
    of its text (or at its end, after ctrl+end)."""
    name = f"longentry{os.getpid()}"
    start(name, f"exec {EXBACK} --db {db}")
    try:
        wait_for(name, READY)
        subprocess.run(["tmux", "send-keys", "-t", name, "j"], check=True)
        wait_for(name, re.compile(FIRST_WORD))
        opening = time.perf_counter()
        subprocess.run(["tmux", "send-keys", "-t", name, "Enter"], check=True)
        # Opened: its title, and the text wrapped (a second row of words under the first;
        # the first frame may show the first row alone, not yet wrapped).
        wait_for(name, re.compile(rf"Entry · [\s\S]*{FIRST_WORD}.*\n.*▊ \w"), timeout=120)
        open_ms = (time.perf_counter() - opening) * 1000
        if at_end:
            subprocess.run(["tmux", "send-keys", "-t", name, "C-End"], check=True)
            wait_for(name, re.compile(re.escape(LAST_WORD)))
        return Typed(*type_letters(name, keys, at_end), open_ms)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], stderr=subprocess.DEVNULL)


def typing_bare(text: str, keys: int) -> Typed:
    """The same typing in Textual's own TextArea in a minimal app (minimal_editor.py), holding
    ``text``: what Textual and tmux cost by themselves."""
    OUT.mkdir(exist_ok=True)
    source = OUT / "long-entry-bare.txt"
    source.write_text(text)
    name = f"bareentry{os.getpid()}"
    start(name, f"exec {sys.executable} {HERE / 'minimal_editor.py'} {source}")
    try:
        wait_for(name, re.compile(rf"MINIMAL-READY[\s\S]*{FIRST_WORD}"))
        return Typed(*type_letters(name, keys, False), 0.0)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], stderr=subprocess.DEVNULL)


def figures(keys: int = 25, rounds: int = 3) -> list[Figure]:
    """The table's rows: each long entry against a one-screen entry typed the same way, the
    two alternating ``rounds`` times (a busy machine slows both alike)."""
    limit = one_paragraph(MAX_TEXT_CHARS)
    cases = [
        ("a 224,000-character paragraph", "224k", one_paragraph(224_000), False),
        (f"a {MAX_TEXT_CHARS:,}-character paragraph (the limit)", "1m", limit, False),
        (f"a {MAX_TEXT_CHARS:,}-character paragraph, at its end", "1m", limit, True),
        ("7,900 words in paragraphs", "7900w", paragraphs(7_900), False),
    ]
    # A screenful (two paragraphs filling the editor): a key redraws the rows after it, so
    # this is what any entry that fills the editor costs, long or not.
    short = journal_with("screenful", paragraphs(200))
    out = []
    # First, a screenful in the entry editor against the same text in a bare TextArea: what
    # exback adds to a key on top of what Textual and tmux cost.
    ours_short: list[Typed] = []
    bare: list[Typed] = []
    for i in range(rounds):
        if i % 2:
            bare.append(typing_bare(paragraphs(200), keys))
        ours_short.append(typing(short, keys))
        if not i % 2:
            bare.append(typing_bare(paragraphs(200), keys))
    ms = statistics.median(t.latency_ms for t in ours_short)
    ref = statistics.median(t.latency_ms for t in bare)
    out.append(
        Figure(
            "keypress to screen, typing in a one-screen entry",
            f"{ms:.1f} ms ({statistics.median(t.cpu_ms for t in ours_short):.1f} ms CPU)",
            f"{ref:.1f} ms ({statistics.median(t.cpu_ms for t in bare):.1f} ms CPU) bare TextArea",
            statistics.median(
                a.latency_ms / b.latency_ms for a, b in zip(ours_short, bare, strict=True)
            ),
            f"< {TARGET_MS} ms median",
            ms < TARGET_MS,
        )
    )
    opened: dict[str, list[float]] = {}
    for label, name, text, at_end in cases:
        long = journal_with(name, text)
        ours: list[Typed] = []
        reference: list[Typed] = []
        for i in range(rounds):
            pair = [(ours, long, at_end), (reference, short, False)]
            for found, db, end in pair if i % 2 == 0 else pair[::-1]:
                found.append(typing(db, keys, end))
        ms = statistics.median(t.latency_ms for t in ours)
        ref = statistics.median(t.latency_ms for t in reference)
        ratio = statistics.median(
            a.latency_ms / b.latency_ms for a, b in zip(ours, reference, strict=True)
        )
        opened.setdefault(name, []).extend(t.open_ms for t in ours)
        opened.setdefault("screenful", []).extend(t.open_ms for t in reference)
        cpu = statistics.median(t.cpu_ms for t in ours)
        ref_cpu = statistics.median(t.cpu_ms for t in reference)
        out.append(
            Figure(
                f"keypress to screen, typing in {label}",
                f"{ms:.1f} ms ({cpu:.1f} ms CPU)",
                f"{ref:.1f} ms ({ref_cpu:.1f} ms CPU) one-screen entry",
                ratio,
                f"< {TARGET_MS} ms median",
                ms < TARGET_MS,
            )
        )
    screenful = statistics.median(opened["screenful"])
    for label, name in (("224,000", "224k"), (f"{MAX_TEXT_CHARS:,}", "1m")):
        ms = statistics.median(opened[name])
        out.append(
            Figure(
                f"opening a {label}-character entry (Enter to the editor on screen)",
                f"{ms:.0f} ms",
                f"{screenful:.0f} ms one-screen entry",
                ms / screenful,
                "",
                None,
            )
        )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Measure and print the rows."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keys", type=int, default=25, help="letters typed per entry (<= 26)")
    parser.add_argument("--rounds", type=int, default=3, help="sessions per entry")
    args = parser.parse_args(argv)
    found = figures(min(args.keys, len(LETTERS)), args.rounds)
    print("| figure | ours | reference | ratio | target | result |")
    print("| --- | --- | --- | --- | --- | --- |")
    for f in found:
        result = {True: "pass", False: "FAIL", None: ""}[f.ok]
        ratio = "" if f.ratio is None else f"{f.ratio:.2f}"
        print(f"| {f.figure} | {f.ours} | {f.reference} | {ratio} | {f.target} | {result} |")
    return 0 if all(r.ok is not False for r in found) else 1


if __name__ == "__main__":
    sys.exit(main())
