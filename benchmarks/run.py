"""exback's benchmark suite: one command, one table. Run by hand, never in CI.

    python benchmarks/run.py [--rounds N] [--quick]

It builds demo journals with ``exback demo --days N --output`` (1, 10 and 100 years), a jrnl
journal holding the same entries, then measures every figure of the performance issue side by
side with its reference in the same run, alternating A and B, and prints figure, ours, the
reference, the ratio, the target and pass or fail. Absolute times drift between machines and
runs; the ratios are what the targets speak of.

Needs tmux (the real-terminal figures) and installs jrnl into benchmarks/out/jrnl-venv the
first time.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import venv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import long_entry

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
BIN = Path(sys.executable).parent
EXBACK = str(BIN / "exback")
SIZE = (120, 40)
# Shown by the dashboard only once the meter has been computed from the journal's data; in
# phase 6 (where every demo of a year or more ends) the meter's pane counts the week's checks.
DASHBOARD_MARKER = re.compile(
    r"Not enough data yet|Not yet|Getting there|Nearly ready|Ready for a small step|Paused"
    r"|Relationship health · \d+ of \d+"
)
MINIMAL_MARKER = re.compile("MINIMAL-READY")
SEARCH_WORD = "walk"
COMMON_WORD = "the"  # in about one entry in ten: a long list to draw


@dataclass
class Row:
    """One line of the results table."""

    figure: str
    ours: str
    reference: str
    ratio: float | None
    target: str
    ok: bool | None


# -- building the journals --------------------------------------------------------------------


def build_journal(days: int) -> Path:
    """A demo journal of ``days`` days (built once, then reused)."""
    path = OUT / f"demo-{days}.db"
    if not path.exists():
        print(f"building a {days}-day demo journal ...", file=sys.stderr)
        subprocess.run(
            [EXBACK, "--db", str(path), "demo", "--days", str(days), "--seed", "7",
             "--output", str(path)],
            check=True, stdout=subprocess.DEVNULL,
        )
    keep_history(path)
    return path


def keep_history(db: Path) -> None:
    """One open, as on any evening before: it keeps the totals of the old days (the history
    cache), which a journal in daily use always has."""
    subprocess.run([EXBACK, "--db", str(db), "status"], check=True, stdout=subprocess.DEVNULL)


def jrnl_bin() -> Path:
    """jrnl in its own virtual environment under benchmarks/out."""
    env = OUT / "jrnl-venv"
    exe = env / "bin" / "jrnl"
    if not exe.exists():
        print("installing jrnl for the reference figures ...", file=sys.stderr)
        venv.create(env, with_pip=True)
        subprocess.run([str(env / "bin" / "pip"), "install", "-q", "jrnl==4.6"], check=True)
    return exe


def build_jrnl(db: Path) -> dict[str, str]:
    """A jrnl journal with the demo journal's entries; returns the environment to use it."""
    import sqlite3

    home = OUT / "jrnl-home"
    journal = home / "journal.txt"
    config_dir = home / "config" / "jrnl"
    config_dir.mkdir(parents=True, exist_ok=True)
    if not journal.exists():
        con = sqlite3.connect(db)
        lines = []
        for day, text in con.execute("SELECT day, text FROM entry ORDER BY day, id"):
            first, _, rest = text.partition("\n")
            lines.append(f"[{day} 21:00] {first}\n{rest}\n")
        con.close()
        journal.write_text("\n".join(lines))
    (config_dir / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\n"
        "highlight: false\nindent_character: '|'\n"
        f"journals: {{default: {{journal: {journal}}}}}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%F %r'\n"
        "version: v4.6\n"
    )
    return {**os.environ, "XDG_CONFIG_HOME": str(home / "config"), "HOME": str(home)}


# -- measuring --------------------------------------------------------------------------------


def first_frame(command: str, marker: re.Pattern[str], size: tuple[int, int] = SIZE
                ) -> tuple[float, int]:
    """Seconds from launch in a fresh tmux pane until ``marker`` shows, and RSS (KiB) then."""
    name = f"bench{os.getpid()}"
    subprocess.run(["tmux", "kill-session", "-t", name], stderr=subprocess.DEVNULL)
    start = time.perf_counter()
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", name, "-x", str(size[0]), "-y", str(size[1]),
         f"exec {command}"],
        check=True,
    )
    try:
        deadline = start + 20
        while time.perf_counter() < deadline:
            screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", name],
                                    capture_output=True, text=True).stdout
            if marker.search(screen):
                elapsed = time.perf_counter() - start
                return elapsed, pane_rss(name)
            time.sleep(0.003)
        raise RuntimeError(f"marker never appeared for: {command}\n{screen}")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], stderr=subprocess.DEVNULL)


def pane_rss(session: str) -> int:
    """Resident memory of the program in a tmux pane, in KiB."""
    pid = subprocess.run(["tmux", "display", "-p", "-t", session, "#{pane_pid}"],
                         capture_output=True, text=True).stdout.strip()
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def paired(a: Callable[[], float], b: Callable[[], float], rounds: int
           ) -> tuple[float, float, float]:
    """Median of A, median of B and median of the paired ratios A/B, alternating the order."""
    xs, ys, ratios = [], [], []
    for i in range(rounds):
        if i % 2:
            y = b()
            x = a()
        else:
            x = a()
            y = b()
        xs.append(x)
        ys.append(y)
        ratios.append(x / y)
    return statistics.median(xs), statistics.median(ys), statistics.median(ratios)


def wall(argv: Sequence[str], env: dict[str, str] | None = None, stdin: str | None = None
         ) -> float:
    """Wall-clock seconds of one whole process."""
    start = time.perf_counter()
    subprocess.run(argv, env=env, input=stdin, text=True, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def key_latency(command: str, marker: re.Pattern[str],
                keys_to_note: Sequence[tuple[str, re.Pattern[str]]], rounds: int) -> float:
    """Median milliseconds from a keypress to the character on screen, typing in a note.

    Each key of ``keys_to_note`` is sent once the screen shows what the one before opened.
    The whole note typed so far is looked for, so no earlier screen can match (an earlier
    version looked for its last eight letters, which repeat every ten, and found them already
    on screen from the 18th key on). The note typed is ``rounds`` characters long.
    """
    name = f"keys{os.getpid()}"
    subprocess.run(["tmux", "kill-session", "-t", name], stderr=subprocess.DEVNULL)
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", str(SIZE[0]), "-y",
                    str(SIZE[1]), f"exec {command}"], check=True)
    try:
        wait_for(name, marker)
        for key, opened in keys_to_note:
            subprocess.run(["tmux", "send-keys", "-t", name, key], check=True)
            wait_for(name, opened)
        samples = []
        typed = ""
        for i in range(rounds):
            ch = "abcdefghij"[i % 10]
            typed += ch
            start = time.perf_counter()
            subprocess.run(["tmux", "send-keys", "-t", name, "-l", ch], check=True)
            wait_for(name, re.compile(re.escape(typed)), timeout=5)
            samples.append((time.perf_counter() - start) * 1000)
        return statistics.median(samples)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], stderr=subprocess.DEVNULL)


def search_latency(db: Path, rounds: int, word: str = SEARCH_WORD) -> float:
    """Median milliseconds from Enter in the journal search to the results on screen."""
    name = f"search{os.getpid()}"
    samples = []
    for _ in range(rounds):
        subprocess.run(["tmux", "kill-session", "-t", name], stderr=subprocess.DEVNULL)
        subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", str(SIZE[0]), "-y",
                        str(SIZE[1]), f"exec {EXBACK} --db {db}"], check=True)
        try:
            wait_for(name, DASHBOARD_MARKER)
            for key in ("j", "/"):
                subprocess.run(["tmux", "send-keys", "-t", name, key], check=True)
                time.sleep(0.4)
            subprocess.run(["tmux", "send-keys", "-t", name, "-l", word], check=True)
            time.sleep(0.3)
            start = time.perf_counter()
            subprocess.run(["tmux", "send-keys", "-t", name, "Enter"], check=True)
            wait_for(name, re.compile(r"\d[\d,]* match"), timeout=5)
            samples.append((time.perf_counter() - start) * 1000)
        finally:
            subprocess.run(["tmux", "kill-session", "-t", name], stderr=subprocess.DEVNULL)
    return statistics.median(samples)


def wait_for(session: str, pattern: re.Pattern[str], timeout: float = 20) -> str:
    """Poll a tmux pane until ``pattern`` shows; returns the screen."""
    deadline = time.perf_counter() + timeout
    screen = ""
    while time.perf_counter() < deadline:
        screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", session],
                                capture_output=True, text=True).stdout
        if pattern.search(screen):
            return screen
        time.sleep(0.002)
    raise RuntimeError(f"{pattern.pattern!r} never appeared:\n{screen}")


def forget_history(db: Path) -> None:
    """Drop the journal's history cache, as a change to an old day does."""
    import sqlite3

    con = sqlite3.connect(db)
    con.execute("DELETE FROM history_cache")
    con.commit()
    con.close()


def imports_alembic(db: Path) -> bool:
    """Does opening a current journal import Alembic?"""
    code = (f"import sys; from exback_tui.store.journal import Journal; "
            f"Journal.open({str(db)!r}).close(); print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    return out.strip() == "True"


# -- the suite --------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Build, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=15, help="rounds per paired figure")
    parser.add_argument("--quick", action="store_true", help="fewer rounds, no 100-year journal")
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        print("benchmarks need tmux", file=sys.stderr)
        return 2
    rounds = 5 if args.quick else args.rounds
    OUT.mkdir(exist_ok=True)
    year, decade = build_journal(365), build_journal(3650)
    century = None if args.quick else build_journal(36500)
    jrnl = jrnl_bin()
    jrnl_env = build_jrnl(decade)
    minimal = f"{sys.executable} {HERE / 'minimal_app.py'}"
    rows: list[Row] = []

    # 1. The dashboard on ten years against the minimal three-pane app.
    mem: dict[str, list[int]] = {"ours": [], "ref": []}

    def ours10() -> float:
        seconds, rss = first_frame(f"{EXBACK} --db {decade}", DASHBOARD_MARKER)
        mem["ours"].append(rss)
        return seconds

    def ref() -> float:
        seconds, rss = first_frame(minimal, MINIMAL_MARKER)
        mem["ref"].append(rss)
        return seconds

    a, b, ratio = paired(ours10, ref, rounds)
    rows.append(Row("dashboard on 10 years, first frame with data", f"{a*1000:.0f} ms",
                    f"{b*1000:.0f} ms minimal app", ratio, "<= 1.5x", ratio <= 1.5))
    extra = (statistics.median(mem["ours"]) - statistics.median(mem["ref"])) / 1024
    rows.append(Row("memory at that moment, above the minimal app", f"{extra:+.1f} MiB",
                    f"{statistics.median(mem['ref'])/1024:.1f} MiB minimal app", None,
                    "<= 20 MiB", extra <= 20))

    # 2. 365 days against 36,500 days.
    if century is not None:
        def first(db: Path) -> Callable[[], float]:
            return lambda: first_frame(f"{EXBACK} --db {db}", DASHBOARD_MARKER)[0]

        a, b, ratio = paired(first(century), first(year), rounds)
        rows.append(Row("dashboard, 100 years vs 1 year", f"{a*1000:.0f} ms",
                        f"{b*1000:.0f} ms (1 year)", ratio, "within 10%",
                        0.9 <= ratio <= 1.1))

        # For the record, no target: the start that finds no history cache (the first after
        # an old day was changed, or once every 64 days) reads every day of the century.
        def cold() -> float:
            forget_history(century)
            return first(century)()

        a, b, ratio = paired(cold, first(year), max(3, rounds // 3))
        keep_history(century)
        rows.append(Row("dashboard, 100 years, history cache rebuilt (vs 1 year)",
                        f"{a*1000:.0f} ms", f"{b*1000:.0f} ms (1 year)", ratio, "", None))

    # 3. Quick commands on ten years against jrnl on the same entries.
    env = {**os.environ}
    env.pop("EXBACK_DB", None)
    scratch = OUT / "scratch-10y.db"
    shutil.copy(decade, scratch)
    jrnl_file = OUT / "jrnl-home" / "journal.txt"
    jrnl_backup = jrnl_file.read_text()
    try:
        a, b, ratio = paired(
            lambda: wall([EXBACK, "--db", str(scratch), "checkin", "--mood", "6"], env),
            lambda: wall([str(jrnl), "Checked in, mood six."], jrnl_env),
            rounds,
        )
    finally:
        jrnl_file.write_text(jrnl_backup)
    rows.append(Row("exback checkin vs jrnl add (10 years)", f"{a*1000:.0f} ms",
                    f"{b*1000:.0f} ms jrnl", ratio, "< 1.0x", ratio < 1.0))
    a, b, ratio = paired(
        lambda: wall([EXBACK, "--db", str(decade), "search", SEARCH_WORD], env),
        lambda: wall([str(jrnl), "-contains", SEARCH_WORD], jrnl_env),
        rounds,
    )
    rows.append(Row(f"exback search {SEARCH_WORD} vs jrnl -contains (10 years)",
                    f"{a*1000:.0f} ms", f"{b*1000:.0f} ms jrnl", ratio, "< 1.0x", ratio < 1.0))

    # 4. In the app: typing and searching.
    note = 60  # characters: a short evening's entry
    to_note = [("j", re.compile(r"\d[\d,]* entr")), ("n", re.compile("New entry"))]
    typing = key_latency(f"{EXBACK} --db {scratch}", DASHBOARD_MARKER, to_note, note)
    editor = key_latency(f"{sys.executable} {HERE / 'minimal_editor.py'}", MINIMAL_MARKER, [],
                         note)
    # The target is issue 14's, for every entry: under 50 ms a key. (It was "< 16 ms", one
    # frame, set on the figure the old, wrong lookup gave; the minimal editor itself takes
    # longer than that measured right.)
    rows.append(Row("keypress to screen, typing an entry (10 years)", f"{typing:.1f} ms",
                    f"{editor:.1f} ms minimal editor", typing / editor,
                    f"< {long_entry.TARGET_MS} ms median", typing < long_entry.TARGET_MS))
    for word in (SEARCH_WORD, COMMON_WORD):
        found = search_latency(decade, rounds=max(3, rounds // 3), word=word)
        rows.append(Row(f"search '{word}' Enter to results (10 years)", f"{found:.0f} ms",
                        "", None, "< 100 ms", found < 100))

    # 5. Opening a current journal never imports Alembic.
    uses = imports_alembic(decade)
    rows.append(Row("opening a current journal imports Alembic", "yes" if uses else "no", "",
                    None, "no", not uses))

    # 6. Typing in long entries, up to the longest a journal takes (issue 14 item 15).
    rows.extend(Row(*figure) for figure in long_entry.figures(rounds=max(1, rounds // 5)))

    print_table(rows)
    return 0 if all(r.ok is not False for r in rows) else 1


def print_table(rows: list[Row]) -> None:
    """The results as a Markdown table (pasted into the README as it is)."""
    print(f"\nMeasured {date.today().isoformat()} on {os.cpu_count()} cores, "
          f"Python {sys.version.split()[0]}.\n")
    print("| figure | ours | reference | ratio | target | result |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in rows:
        ratio = "" if r.ratio is None else f"{r.ratio:.2f}"
        result = {True: "pass", False: "FAIL", None: ""}[r.ok]
        print(f"| {r.figure} | {r.ours} | {r.reference} | {ratio} | {r.target} | {result} |")


if __name__ == "__main__":
    raise SystemExit(main())
