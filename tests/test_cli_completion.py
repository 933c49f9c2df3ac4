"""Shell completion and the manual page, both made from the argparse parser: each shell's
script names every subcommand, bash completes habit names through `exback habits --names`,
completion costs `exback checkin` nothing, and the shipped man page matches the parser."""

from __future__ import annotations

import argparse
import os
import stat
import subprocess
from pathlib import Path

import pytest
from conftest import EXBACK, RunExback
from test_layers import loaded_after

from exback_tui.cli_parser import build_parser
from exback_tui.commands.man_page import render
from exback_tui.store import journey_writes
from exback_tui.store.journal import Journal

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "exback_tui" / "data" / "exback.1"
DEFAULT_HABITS = list(journey_writes.DEFAULT_HABITS)  # what a new journal starts with


def subcommands() -> list[str]:
    """Every subcommand of the parser, as argparse knows it."""
    parser = build_parser()
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(sub.choices)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shells_script_is_printed_and_names_every_subcommand(
    run_exback: RunExback, shell: str
) -> None:
    result = run_exback("completion", shell)
    assert result.returncode == 0, result.stderr
    script = result.stdout
    assert len(script) > 1000
    names = subcommands()
    assert {"checkin", "entry", "entries", "completion", "man", "export"} <= set(names)
    for name in names:
        assert name in script, f"{shell} script does not name {name}"
    for option in ("mood", "no-habit", "edit-note", "starred"):  # fish: -l no-habit
        assert option in script
    assert "habits --names" in script  # habit names come from the quick path
    assert "--names" not in script.replace("habits --names", "")  # the hidden option stays hidden


def complete(script: Path, words: list[str], env: dict[str, str]) -> list[str]:
    """What bash offers after ``words`` (the last one being completed), through the script."""
    line = " ".join(words)
    program = f"""
source {script}
COMP_WORDS=({" ".join(f"'{w}'" for w in words)})
COMP_CWORD={len(words) - 1}
COMP_LINE='{line}'
COMP_POINT={len(line)}
_shtab_exback exback '{words[-1]}' '{words[-2]}'
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    done = subprocess.run(
        ["bash", "--norc", "-c", program], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if line]


def test_bash_completes_subcommands_options_and_habit_names(
    run_exback: RunExback, journal_path: Path, tmp_path: Path
) -> None:
    with Journal.open(journal_path) as journal:
        for name in ("walk", "evening call", "gym"):
            journal.add_habit(name)
        journal.archive_habit("gym")
    script = tmp_path / "exback.bash"
    script.write_text(run_exback("completion", "bash").stdout)
    env = {**os.environ, "EXBACK_DB": str(journal_path), "HOME": str(tmp_path)}
    env["PATH"] = f"{EXBACK.parent}:{os.environ['PATH']}"  # the installed exback answers
    assert complete(script, ["exback", "ent"], env) == ["entry", "entries"]
    assert complete(script, ["exback", "checkin", "--no-h"], env) == ["--no-habit"]
    # A name with a space stays one choice.
    everyone = [*DEFAULT_HABITS, "walk", "evening call"]  # not gym: it is no longer tracked
    assert complete(script, ["exback", "checkin", "--habit", ""], env) == everyone
    assert complete(script, ["exback", "checkin", "--habit", "ev"], env) == ["evening call"]
    assert complete(script, ["exback", "habits", "remove", ""], env) == everyone


def test_habit_names_are_a_quick_read_that_never_asks_or_writes(
    run_exback: RunExback, journal_path: Path, tmp_path: Path
) -> None:
    assert run_exback("habits", "--names").stdout == ""  # no journal: nothing, none made
    assert not journal_path.exists()
    with Journal.open(journal_path) as journal:
        journal.add_habit("walk")
    before = {p.name: p.stat().st_mtime_ns for p in journal_path.parent.iterdir()}
    result = run_exback("habits", "--names")
    names = "".join(f"{name}\n" for name in [*DEFAULT_HABITS, "walk"])
    assert (result.returncode, result.stdout, result.stderr) == (0, names, "")
    after = {p.name: p.stat().st_mtime_ns for p in journal_path.parent.iterdir()}
    assert after == before  # no backup made, nothing written
    wrong = tmp_path / "not-a-journal.db"
    wrong.write_text("hello")
    assert run_exback("habits", "--names", db=wrong).stdout == ""


def test_checkin_never_loads_the_completion_library(tmp_path: Path) -> None:
    """The completion script is static: the shell reads it, and no command pays for shtab."""
    code = (
        "from exback_tui.cli import main\n"
        f"main(['--db', {str(tmp_path / 'j.db')!r}, 'checkin', '--mood', '5'])"
    )
    assert "shtab" not in loaded_after(code)
    assert "shtab" in loaded_after(
        "from exback_tui.commands.completion import completion_script\ncompletion_script('bash')"
    )


def test_the_shipped_man_page_matches_the_parser() -> None:
    """Changed a command's arguments or help? Run: python scripts/make_man_page.py"""
    assert PAGE.read_text(encoding="utf-8") == render(build_parser())


def test_man_prints_the_shipped_page(run_exback: RunExback) -> None:
    result = run_exback("man")
    assert result.returncode == 0, result.stderr
    assert result.stdout == PAGE.read_text(encoding="utf-8")
    assert result.stdout.startswith(".TH EXBACK 1")
    for name in subcommands():
        assert f".SS {name}" in result.stdout
    assert stat.S_ISREG(PAGE.stat().st_mode)


@pytest.mark.parametrize("argv", [["habits", "--names"], ["entries", "-n", "3"]])
def test_habit_names_and_entries_load_neither_sqlalchemy_nor_textual(
    tmp_path: Path, argv: list[str]
) -> None:
    """Tab in the shell waits on `habits --names`; `entries` is read in a pipe: both stay on
    the quick path of a current journal."""
    path = tmp_path / "j.db"
    with Journal.open(path) as journal:
        journal.add_entry("A line.")
    code = f"from exback_tui.cli import main\nmain(['--db', {str(path)!r}, *{argv!r}])"
    loaded = loaded_after(code)
    assert "exback_tui" in loaded
    assert not {"sqlalchemy", "textual", "shtab"} & loaded
