"""`exback completion bash|zsh|fish` and `exback man`: the shell's completion script and the
manual page, both made from the one argparse parser (cli_parser), so neither can drift from
the commands.

The completion script is static: shtab writes it once, here, and the shell reads it at its own
start-up; `exback checkin` never loads shtab. Habit names come from `exback habits --names`,
a quick read-only path that never asks a question or changes a file.
"""

from __future__ import annotations

import argparse
from importlib import resources

from ..cli_parser import build_parser

HABIT_NAMES = "exback habits --names 2>/dev/null"
# Each shell's way of offering the habit names, one a line (a name may hold spaces).
HABIT_COMPLETER = {
    "bash": "_exback_habit_names",
    "zsh": "_exback_habit_names",
    "fish": f"({HABIT_NAMES})",
    "preamble": {
        "bash": "\n# habit names, one a line\n_exback_habit_names() {\n"
        f'  local IFS=$\'\\n\'\n  compgen -W "$({HABIT_NAMES})" -- "$1"\n}}\n',
        "zsh": "\n# habit names, one a line\n_exback_habit_names() {\n"
        f'  local -a names\n  names=(${{(f)"$({HABIT_NAMES})"}})\n'
        "  compadd -a names\n}\n",
    },
}
# The options and arguments that take a habit's name.
HABIT_ARGUMENTS = {("checkin", "habit"), ("checkin", "no_habit"), ("remove", "name")}
HABIT_ARGUMENTS |= {("rename", "old")}


def cmd_completion(args: argparse.Namespace) -> int:
    """Print the completion script for ``args.shell``."""
    print(completion_script(args.shell), end="")
    return 0


def cmd_man(args: argparse.Namespace) -> int:
    """Print the manual page shipped in the package (made by scripts/make_man_page.py)."""
    print(man_page_shipped(), end="")
    return 0


def completion_script(shell: str) -> str:
    """The completion script for ``shell`` (bash, zsh or fish)."""
    import shtab  # here, and only here: completion costs no other command anything

    parser = build_parser()
    for name, action in _actions(parser):
        if (name, action.dest) in HABIT_ARGUMENTS:
            action.complete = HABIT_COMPLETER  # type: ignore[attr-defined]
        elif action.dest in ("db", "file", "output", "dest", "new_passphrase_file"):
            action.complete = shtab.FILE  # type: ignore[attr-defined]
    script: str = shtab.complete(parser, shell=shell)
    return script


def man_page_shipped() -> str:
    """The manual page as shipped (exback_tui/data/exback.1)."""
    return resources.files("exback_tui").joinpath("data/exback.1").read_text(encoding="utf-8")


def _actions(parser: argparse.ArgumentParser, name: str = "") -> list[tuple[str, argparse.Action]]:
    """Every action of ``parser`` and its subcommands, each with its (sub)command's name."""
    found: list[tuple[str, argparse.Action]] = []
    for action in parser._actions:
        found.append((name, action))
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                found.extend(_actions(sub, sub_name))
    return found
