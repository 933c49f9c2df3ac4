"""The manual page, exback(1), written in roff from the argparse parser itself: every command,
its options and their help, as `exback COMMAND --help` gives them.

scripts/make_man_page.py writes it to exback_tui/data/exback.1, which ships in the package
(`exback man` prints it); a test keeps that file equal to what this makes from the parser.
"""

from __future__ import annotations

import argparse

from .. import __version__

ENVIRONMENT = (
    ("EXBACK_DB", "The journal file, when --db is not given."),
    (
        "EXBACK_PASSPHRASE_FILE",
        "A file holding the passphrase of an encrypted journal, for scripts; otherwise it is "
        "typed at the terminal, never given on the command line.",
    ),
    (
        "VISUAL, EDITOR",
        "The editor that exback entry (without text) and exback checkin --edit-note open. "
        "The text is kept in a private folder only you can open, removed afterwards.",
    ),
    ("NO_COLOR", "Set to anything: no colour in the app or the commands."),
)
FILES = (
    (
        "~/.local/share/exback/journal.db",
        "The journal (on Linux; your system's data folder elsewhere), created 0600 in a folder "
        "made 0700. Daily backups sit in backups/ beside it.",
    ),
)


def render(parser: argparse.ArgumentParser) -> str:
    """The whole page for ``parser`` (the ``exback`` parser), in roff."""
    lines = [
        f'.TH EXBACK 1 "" "exback {__version__}" "User Commands"',
        ".SH NAME",
        f"exback \\- {_roff(_first_sentence(parser.description or ''))}",
        ".SH SYNOPSIS",
        ".B exback",
        "[\\fB\\-\\-db\\fR \\fIPATH\\fR] [\\fICOMMAND\\fR [\\fIOPTIONS\\fR]]",
        ".SH DESCRIPTION",
        _roff(parser.description or ""),
        ".PP",
        "Every command has \\fB\\-\\-help\\fR. A mistake is said in one sentence on standard "
        "error, with exit status 1 (2 for a command line that cannot be read); nothing already "
        "saved is changed. Days may be written YYYY\\-MM\\-DD, today, yesterday, a weekday "
        '(the last one, e.g. friday) or 3 days ago; times as "YYYY\\-MM\\-DD HH:MM" or '
        '"yesterday 21:30".',
        ".SH OPTIONS",
        *_options(parser),
        ".SH COMMANDS",
    ]
    for name, sub, help_text in _commands(parser):
        lines.extend(_command(name, sub, help_text))
    lines.append(".SH ENVIRONMENT")
    for name, meaning in ENVIRONMENT:
        lines.extend([".TP", f".B {_roff(name)}", _roff(meaning)])
    lines.append(".SH FILES")
    for name, meaning in FILES:
        lines.extend([".TP", f".I {_roff(name)}", _roff(meaning)])
    return "\n".join(lines) + "\n"


def _commands(
    parser: argparse.ArgumentParser, prefix: str = ""
) -> list[tuple[str, argparse.ArgumentParser, str]]:
    """Every subcommand (nested ones too, as "habits add"), with its one-line help."""
    found = []
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
        for name, sub in action.choices.items():
            full = f"{prefix}{name}"
            found.append((full, sub, helps.get(name, "")))
            found.extend(_commands(sub, full + " "))
    return found


def _command(name: str, parser: argparse.ArgumentParser, help_text: str) -> list[str]:
    """One command's section: its usage, what it does, and its options."""
    lines = [f".SS {_roff(name)}", f".B {_roff(_usage(name, parser))}", ".PP"]
    text = parser.description or help_text
    if text:
        lines.append(_roff(text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")))
    lines.extend(_options(parser))
    return lines


def _options(parser: argparse.ArgumentParser) -> list[str]:
    """A tagged paragraph for each argument shown in --help (not help or subcommands)."""
    formatter = parser._get_formatter()
    lines = []
    for action in parser._actions:
        if not _listed(action) or isinstance(action, argparse._SubParsersAction):
            continue
        lines.extend([".TP", f".B {_roff(_invocation(action))}"])
        if action.help:
            lines.append(_roff(formatter._expand_help(action)))
    return lines


def _listed(action: argparse.Action) -> bool:
    """Whether --help shows ``action`` (not --help itself, nor a hidden one)."""
    return action.help != argparse.SUPPRESS and not isinstance(action, argparse._HelpAction)


def _usage(name: str, parser: argparse.ArgumentParser) -> str:
    """'exback entry [OPTIONS] [text]': written here, not by argparse, whose layout changes
    between Python versions (the page must not)."""
    words = [f"exback {name}"]
    if any(_listed(a) and a.option_strings for a in parser._actions):
        words.append("[OPTIONS]")
    for action in parser._get_positional_actions():
        value = _value(action)
        if action.nargs == "?":
            value = f"[{value}]"
        elif action.nargs == "+":
            value = f"{value} ..."
        words.append(value)
    return " ".join(words)


def _invocation(action: argparse.Action) -> str:
    """'--tag TAG', '--yes, -y', 'text': an argument as it is typed."""
    if not action.option_strings:
        return _value(action)
    names = ", ".join(action.option_strings)
    return names if action.nargs == 0 else f"{names} {_value(action)}"


def _value(action: argparse.Action) -> str:
    """What an argument's value is called: its metavar, its choices, or its name."""
    if isinstance(action.metavar, str):
        return action.metavar
    if action.choices is not None and not isinstance(action, argparse._SubParsersAction):
        return "{" + ",".join(str(c) for c in action.choices) + "}"
    if isinstance(action, argparse._SubParsersAction):
        return "ACTION"
    return action.dest if not action.option_strings else action.dest.upper()


def _first_sentence(text: str) -> str:
    return text.split(". ", 1)[0].rstrip(".")


def _roff(text: str) -> str:
    """``text`` safe in roff: backslashes and dashes escaped, no line read as a request."""
    text = " ".join(text.split()).replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + text if text[:1] in (".", "'") else text
