"""The ``exback`` command line: every command, its arguments and their help (cli_types turns
a typed value into a day, a time or a number in range; a mistake is one sentence).

Imported by every run of ``exback``, so it loads only what the arguments' choices need
(core.values); cli.py runs what it parses.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from . import __version__
from .cli_parser_nudges import add_nudge_commands
from .cli_parser_shell import add_shell_commands
from .cli_parser_week import add_week_commands
from .cli_types import DAY_WORDS, WHEN_WORDS, bounded, number, parse_day, parse_when, yes_no
from .core.text import shown
from .core.values import (
    MOOD_MAX,
    MOOD_MIN,
    URGE_MAX,
    URGE_MIN,
    Answer,
    AskAnswer,
    Decision,
    HowEnded,
    Initiator,
    Medium,
    RedFlag,
    Response,
    Transition,
)


class Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one clear line and exit 2 instead of a usage dump."""

    def error(self, message: str) -> NoReturn:
        # argparse repeats an unknown argument as it was typed (a file name, say): shown.
        sentence = shown(message[0].upper() + message[1:])
        self.exit(2, f"exback: {sentence}.\nTry '{self.prog} --help'.\n")


# -- help ---------------------------------------------------------------------------------


class EvaluateHelp(argparse.HelpFormatter):
    """Help for ``exback evaluate``: each --transition choice in words (core.phases)."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = super()._get_help_string(action)
        if action.dest != "transition" or text is None:
            return text
        # Imported only when help is shown, to keep every quick command's start light.
        from .core.phase_text import TRANSITION_LABELS

        choices = "; ".join(
            f"{t.value}: {label.split(': ', 1)[-1]}" for t, label in TRANSITION_LABELS.items()
        )
        return f"{text}: {choices}".replace("%", "%%")


# -- the parser -----------------------------------------------------------------------------


def build_parser() -> Parser:
    """The whole command line, with help on every command."""
    parser = Parser(
        prog="exback",
        description="A private journal for the way back after a breakup. "
        "Run with no command to open the full-screen app.",
    )
    parser.add_argument("--version", action="version", version=f"exback {__version__}")
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help="the journal file (default: $EXBACK_DB, else journal.db in your data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    p = sub.add_parser("checkin", help="record today's (or another day's) check-in")
    p.add_argument("--date", type=parse_day, help=f"the day (default today): {DAY_WORDS}")
    # Each value or its --clear-*: an explicit empty value is refused (cmd_checkin), so removing
    # one is always asked for by name, never a side effect of a blank.
    mood = p.add_mutually_exclusive_group()
    mood.add_argument(
        "--mood", type=bounded(MOOD_MIN, MOOD_MAX, "Mood", "--clear-mood"), help="mood 1-10"
    )
    mood.add_argument("--clear-mood", action="store_true", help="remove the day's mood")
    urge = p.add_mutually_exclusive_group()
    urge.add_argument(
        "--urge",
        type=bounded(URGE_MIN, URGE_MAX, "Urge", "--clear-urge"),
        help="urge to contact them, 0-10",
    )
    urge.add_argument("--clear-urge", action="store_true", help="remove the day's urge")
    p.add_argument(
        "--habit", action="append", default=[], metavar="NAME", help="a habit done (repeatable)"
    )
    p.add_argument("--no-habit", action="append", default=[], metavar="NAME", help="untick a habit")
    note = p.add_mutually_exclusive_group()
    note.add_argument("--note", help="a few words about the day")
    note.add_argument("--clear-note", action="store_true", help="remove the day's note")
    note.add_argument("--edit-note", action="store_true", help="write the note in $EDITOR")
    p.add_argument(
        "--delete", action="store_true", help="delete the day's check-in and ticks (asks first)"
    )
    p.add_argument("--yes", "-y", action="store_true", help="delete without asking")

    p = sub.add_parser("entry", help="write a journal entry (without TEXT: in $EDITOR)")
    p.add_argument(
        "text", nargs="?", help="the entry ('-' reads standard input; none opens $VISUAL/$EDITOR)"
    )
    p.add_argument("--date", type=parse_day, help=f"the day (default today): {DAY_WORDS}")
    p.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag (repeatable)")
    p.add_argument(
        "--prompt",
        action="store_true",
        help="write to today's prompt (exback prompt): shown atop the editor, kept with the entry",
    )
    change = p.add_mutually_exclusive_group()
    change.add_argument("--star", type=number("The entry"), metavar="ID", help="star entry ID")
    change.add_argument("--unstar", type=number("The entry"), metavar="ID", help="unstar it")
    change.add_argument(
        "--retag", type=number("The entry"), metavar="ID", help="give entry ID the --tag given"
    )

    p = sub.add_parser("contact", help="log a contact with your ex (or list, or delete one)")
    # Needed to log one (cmd_contact says so), not to list or delete.
    p.add_argument("--medium", choices=[m.value for m in Medium])
    p.add_argument("--initiated-by", choices=[i.value for i in Initiator])
    p.add_argument(
        "--response",
        default=Response.NONE.value,
        choices=[r.value for r in Response],
        help="how they responded (default: none)",
    )
    p.add_argument(
        "--logistics",
        action="store_true",
        help="a parenting or household contact: does not break the pause",
    )
    p.add_argument("--minutes", type=bounded(0, 1440, "Minutes"), help="how long it lasted")
    p.add_argument("--when", type=parse_when, help=f"when it happened (default now): {WHEN_WORDS}")
    p.add_argument("--note", default="", help="what happened, in a few words")
    p.add_argument("--list", action="store_true", help="list logged contacts with their IDs")
    p.add_argument("--delete", type=number("The contact"), metavar="ID", help="delete one")
    p.add_argument("--yes", "-y", action="store_true", help="delete without asking")

    p = sub.add_parser("phase", help="show your phase, or move to another")
    p.add_argument("number", nargs="?", type=bounded(1, 6, "The phase"), help="phase 1-6")
    p.add_argument(
        "--reason",
        default="",
        help="why you are moving: needed to move back, and to force a move past a red flag or "
        "a decision to let go (a forced move without one is saved as 'skipped')",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="move forward anyway, past unmet signals, a skipped phase, a hard week or a "
        "cool-down (recorded as a forced move)",
    )

    p = sub.add_parser("ask", help="record asking to get back together, and their answer")
    p.add_argument(
        "--answer",
        required=True,
        choices=[a.value for a in AskAnswer],
        help="what they said: yes takes you to phase 6; from phase 5, any other answer goes "
        "back to phase 4",
    )
    p.add_argument("--note", default="", help="how it went, in a few words")
    p.add_argument("--when", type=parse_when, help=f"when you asked (default now): {WHEN_WORDS}")

    p = sub.add_parser("habits", help="list, add, rename or remove your habits")
    # For shell completion (cli_parser_shell): the names alone, fast, never a question.
    p.add_argument("--names", action="store_true", help=argparse.SUPPRESS)
    hs = p.add_subparsers(dest="habits_command", metavar="ACTION", parser_class=Parser)
    hs.add_parser("list", help="list your habits")
    h = hs.add_parser("add", help="start tracking a habit")
    h.add_argument("name")
    h = hs.add_parser("remove", help="stop tracking a habit (its history is kept)")
    h.add_argument("name")
    h = hs.add_parser("rename", help="rename a habit")
    h.add_argument("old")
    h.add_argument("new")

    add_domain_commands(sub)
    add_data_commands(sub)
    add_crypto_commands(sub)
    add_shell_commands(sub)
    add_nudge_commands(sub)
    add_week_commands(sub)
    return parser


def add_domain_commands(sub: argparse._SubParsersAction[Parser]) -> None:
    """status (commands/status.py); journey, evaluate, checklist, support (commands/domain.py)."""
    p = sub.add_parser("status", help="your phase, mood and readiness at a glance")
    p.add_argument("--json", action="store_true", help="print it as one JSON object")

    p = sub.add_parser("journey", help="show or set the answers about the breakup")
    p.add_argument("--breakup-date", type=parse_day, metavar="YYYY-MM-DD")
    p.add_argument(
        "--how",
        choices=[h.value for h in HowEnded],
        help="rash (in the heat of the moment) or planned (it was coming)",
    )
    p.add_argument("--children", type=yes_no, metavar="yes|no", help="children together")
    p.add_argument("--living-together", type=yes_no, metavar="yes|no")
    p.add_argument(
        "--hurt-them",
        type=yes_no,
        metavar="yes|no",
        help="you hurt them (betrayal, harsh words): contact starts with an apology",
    )
    p.add_argument("--ex-dating", type=yes_no, metavar="yes|no", help="they are seeing someone")
    p.add_argument(
        "--pause-target",
        type=bounded(1, 365, "The pause target"),
        metavar="DAYS",
        help="days of pause you aim for (default: 2 after a rash breakup, else 30)",
    )

    p = sub.add_parser(
        "evaluate", help="record the phase 3 evaluation", formatter_class=EvaluateHelp
    )
    answers = [a.value for a in Answer]
    p.add_argument(
        "--worth",
        required=True,
        choices=answers,
        help="is there something worth saving, to build a happy future on?",
    )
    p.add_argument(
        "--added-value",
        required=True,
        choices=answers,
        help="did you add value to their life, rather than take it away?",
    )
    p.add_argument(
        "--differences",
        required=True,
        choices=answers,
        help="can the differences that ended it be worked out or managed?",
    )
    for name, meaning in (
        ("intimacy", "closeness, trust, being known"),
        ("passion", "attraction and desire"),
        ("commitment", "the will to stay and build"),
    ):
        p.add_argument(
            f"--{name}",
            required=True,
            type=bounded(1, 9, name.capitalize()),
            metavar="1-9",
            help=meaning,
        )
    p.add_argument(
        "--transition",
        action="append",
        default=[],
        choices=[t.value for t in Transition],
        help="a life change that pulled you apart (repeatable)",
    )
    p.add_argument(
        "--red-flag",
        action="append",
        default=[],
        choices=[f.value for f in RedFlag],
        help="a reason to reconsider (repeatable)",
    )
    p.add_argument(
        "--pattern",
        action="append",
        default=[],
        metavar="TEXT",
        help="an old pattern that helped end it (becomes a safeguard in phase 6)",
    )
    p.add_argument("--decision", required=True, choices=[d.value for d in Decision])
    p.add_argument("--note", default="")

    p = sub.add_parser("checklist", help="list a phase's checklist, or tick an item")
    p.add_argument(
        "phase", nargs="?", type=bounded(1, 6, "The phase"), help="phase 1-6 (default: yours)"
    )
    p.add_argument("item", nargs="?", help="the item's number or key, to tick it")
    p.add_argument("--undo", action="store_true", help="untick instead")

    p = sub.add_parser("support", help="people you can reach out to on a hard day")
    ss = p.add_subparsers(dest="support_command", metavar="ACTION", parser_class=Parser)
    ss.add_parser("list", help="list them")
    s = ss.add_parser("add", help="add someone")
    s.add_argument("name")
    s.add_argument("detail", nargs="?", default="", help="how to reach them")
    s = ss.add_parser("remove", help="remove someone (by number or name)")
    s.add_argument("which")


def add_data_commands(sub: argparse._SubParsersAction[Parser]) -> None:
    """export, import, backup, restore, search, demo (commands/data.py, restore.py)."""
    p = sub.add_parser("export", help="export the journal as JSON, Markdown or CSV")
    p.add_argument(
        "--format",
        choices=("json", "md", "csv"),
        default="json",
        help="json: complete, for import; md: a readable journal; csv: a row a day (default: json)",
    )
    p.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar="FILE",
        help="write to FILE (created private, 0600); without it, or with -, standard output",
    )

    p = sub.add_parser(
        "import",
        help="import an exback or jrnl export, a Daylio CSV, a Loop backup or a jrnl journal",
        description="Import FILE, recognised by its content: an exback JSON export, a jrnl "
        "JSON export or jrnl's journal file, a Daylio CSV export, or a Loop Habit Tracker "
        "backup (.db) or CSV export (.zip). All or nothing; what is already in the journal is "
        "skipped, so importing a file again adds nothing. Daylio's moods rad, good, meh, bad "
        "and awful become 10, 8, 5, 3 and 1 (meh at 5, where exback's OK days begin); its "
        "activities become habits. Loop's habits come in with the days they were done "
        "(numerical ones: the days their target was met), archived ones stopped, notes as "
        "entries.",
    )
    p.add_argument("file", metavar="FILE", help="the file to import ('-' reads standard input)")
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="say what would be added, skipped and mapped, and change nothing in the journal",
    )
    p.add_argument(
        "--mood-map",
        metavar="NAME=LEVEL,...",
        help="Daylio: the exback mood (1-10) of each mood name, over the defaults, e.g. "
        '"rad=10,good=8,meh=5,bad=3,awful=1"; a custom mood needs one',
    )
    p.add_argument(
        "--habit-map",
        metavar="OLD=NEW,...",
        help='Daylio and Loop: rename habits on the way in, e.g. "Gym=exercise,Read=reading"',
    )

    p = sub.add_parser("backup", help="copy the journal consistently, even while it is open")
    p.add_argument(
        "dest",
        nargs="?",
        type=Path,
        metavar="DEST",
        help="a folder or a file name (default: the backups folder beside the journal)",
    )

    p = sub.add_parser(
        "restore",
        help="put a backup back in place of the journal (without FILE: list them)",
        description="Without FILE, list this journal's backups (not other journals' in the "
        "same folder). With FILE, put it in place of the journal, keeping the journal as it "
        "was in a before-restore backup. A backup of another journal is restored only after a "
        "warning. Replacing an encrypted journal needs its current passphrase (typed, or in "
        "the file $EXBACK_PASSPHRASE_FILE names), and the restored journal keeps it; a backup "
        "made under an older passphrase also needs that one (typed, or "
        "--backup-passphrase-file).",
    )
    p.add_argument("file", nargs="?", type=Path, metavar="FILE", help="the backup to restore")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    p.add_argument(
        "--backup-passphrase-file",
        type=Path,
        metavar="FILE",
        help="read the backup's passphrase from FILE, when it is not the journal's current one",
    )

    p = sub.add_parser("search", help="search entries, unsent messages and notes")
    p.add_argument(
        "query",
        nargs="+",
        metavar="WORDS",
        help="the words to find, all of them (put -- before a word that starts with -)",
    )
    p.add_argument(
        "--limit",
        type=bounded(1, 10_000, "The limit"),
        default=20,
        help="how many matches to show (default: 20)",
    )
    p.add_argument(
        "--advanced",
        action="store_true",
        help='use SQLite FTS5 query syntax (OR, NOT, NEAR, "phrases", prefix*)',
    )

    p = sub.add_parser("demo", help="try exback on a made-up journal")
    p.add_argument(
        "--days",
        type=bounded(1, 36_500, "Days"),
        default=365,
        help="how many days the demo journey spans (default: 365)",
    )
    p.add_argument("--seed", type=int, default=1, help="the same seed gives the same demo")
    p.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar="PATH",
        help="write the demo journal to PATH (a new file) and exit, instead of opening it",
    )


def add_crypto_commands(sub: argparse._SubParsersAction[Parser]) -> None:
    """encrypt, decrypt, rekey (commands/crypto.py)."""
    where = (
        "The passphrase is typed at the terminal and never shown, or read from the file "
        "$EXBACK_PASSPHRASE_FILE names (for scripts); it is never taken from the command line."
    )
    p = sub.add_parser(
        "encrypt",
        help="encrypt the journal and its future backups with a passphrase",
        description="Encrypt the whole journal file (SQLCipher). " + where,
    )
    p.add_argument(
        "--yes",
        "-y",
        action="store_true",
        help="then delete the unencrypted backups without asking",
    )

    p = sub.add_parser(
        "decrypt",
        help="turn an encrypted journal back into a plain file",
        description="Decrypt the journal: it is then readable by anyone who can read the "
        "file. " + where,
    )
    p.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")

    p = sub.add_parser(
        "rekey",
        help="change the passphrase of an encrypted journal",
        description="Change the passphrase. " + where,
    )
    p.add_argument(
        "--new-passphrase-file",
        type=Path,
        metavar="FILE",
        help="read the new passphrase from FILE instead of asking (for scripts)",
    )
