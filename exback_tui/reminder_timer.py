"""The daily reminder, installed as a systemd user timer or, without systemd, a crontab line
(for `exback remind`, and read by the app's Settings).

Only what is installed here is ever removed: the two unit files named ``exback-remind`` and the
crontab line that ends with :data:`CRON_TAG`. Nothing here reads the journal.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .store.errors import InvalidInput

UNIT = "exback-remind"
CRON_TAG = "# exback-remind"
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Installed:
    """What is installed now: how, and at what time (None: nothing)."""

    via: str | None = None
    at: str | None = None


def parse_time(text: str) -> tuple[int, int]:
    """``HH:MM`` (24-hour) as hour and minute; anything else is refused in one sentence."""
    found = _TIME.match(text.strip())
    if found is None:
        raise InvalidInput(f"{text!r} is not a time of day; give it as HH:MM, e.g. 21:00.")
    return int(found[1]), int(found[2])


def exback_command() -> str:
    """The path of the installed ``exback`` (the timer must not depend on the shell's PATH)."""
    found = shutil.which("exback")
    if found:
        return str(Path(found).resolve())
    return str(Path(sys.argv[0]).resolve())


def remind_argv(journal: Path) -> list[str]:
    """What the timer runs: this journal's nudge, as a desktop notification."""
    return [exback_command(), "--db", str(journal), "remind", "--notify"]


def _systemd_word(word: str) -> str:
    # systemd splits ExecStart on spaces, honours double quotes and expands % specifiers.
    word = word.replace("%", "%%")
    if re.search(r'[\s"\\]', word):
        return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return word


def service_text(journal: Path) -> str:
    """The user service that runs the nudge once."""
    command = " ".join(_systemd_word(w) for w in remind_argv(journal))
    return (
        "[Unit]\n"
        "Description=exback: a nudge when today has no check-in\n\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={command}\n"
    )


def timer_text(hour: int, minute: int) -> str:
    """The user timer that starts the service every day at ``hour:minute``."""
    return (
        "[Unit]\n"
        f"Description=exback: the daily check-in nudge at {hour:02d}:{minute:02d}\n\n"
        "[Timer]\n"
        f"OnCalendar=*-*-* {hour:02d}:{minute:02d}:00\n\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


def cron_line(journal: Path, hour: int, minute: int) -> str:
    """The crontab line: cron has no desktop session, so it is given the user's bus."""
    bus = f"DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/{os.getuid()}/bus"
    command = " ".join(shlex.quote(w) for w in remind_argv(journal))
    return f"{minute} {hour} * * * {bus} {command} {CRON_TAG}"


def unit_dir() -> Path:
    """Where systemd looks for the user's own units."""
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "systemd" / "user"


def systemd_works() -> bool:
    """Whether a systemd user manager answers (else cron is used)."""
    if shutil.which("systemctl") is None:
        return False
    done = subprocess.run(
        ["systemctl", "--user", "show-environment"], capture_output=True, check=False
    )
    return done.returncode == 0


def install(journal: Path, at: str, via: str | None = None) -> str:
    """Install the daily nudge (replacing one installed before); returns how."""
    hour, minute = parse_time(at)
    uninstall()
    chosen = via or ("systemd" if systemd_works() else "cron")
    if chosen == "systemd":
        folder = unit_dir()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{UNIT}.service").write_text(service_text(journal), encoding="utf-8")
        (folder / f"{UNIT}.timer").write_text(timer_text(hour, minute), encoding="utf-8")
        _run(["systemctl", "--user", "daemon-reload"])
        _run(["systemctl", "--user", "enable", "--now", f"{UNIT}.timer"])
    else:
        lines = [*_cron_lines(), cron_line(journal, hour, minute)]
        _run(["crontab", "-"], "\n".join(lines) + "\n")
    return chosen


def uninstall() -> list[str]:
    """Remove what :func:`install` made, wherever it is; returns what was removed."""
    removed = []
    folder = unit_dir()
    units = [folder / f"{UNIT}.timer", folder / f"{UNIT}.service"]
    if any(u.exists() for u in units):
        if shutil.which("systemctl"):
            subprocess.run(
                ["systemctl", "--user", "disable", "--now", f"{UNIT}.timer"],
                capture_output=True,
                check=False,
            )
        for unit in units:
            unit.unlink(missing_ok=True)
        if shutil.which("systemctl"):
            subprocess.run(
                ["systemctl", "--user", "daemon-reload"], capture_output=True, check=False
            )
        removed.append("the systemd timer")
    lines = _cron_lines()
    kept = [line for line in lines if not line.rstrip().endswith(CRON_TAG)]
    if len(kept) != len(lines):
        _run(["crontab", "-"], "".join(f"{line}\n" for line in kept))
        removed.append("the crontab line")
    return removed


def installed() -> Installed:
    """What is installed now (read from the unit file or the crontab line)."""
    timer = unit_dir() / f"{UNIT}.timer"
    if timer.exists():
        found = re.search(r"OnCalendar=\*-\*-\* (\d\d:\d\d)", timer.read_text(encoding="utf-8"))
        return Installed("systemd", found[1] if found else None)
    for line in _cron_lines():
        if line.rstrip().endswith(CRON_TAG):
            minute, hour = line.split()[:2]
            return Installed("cron", f"{int(hour):02d}:{int(minute):02d}")
    return Installed()


def _cron_lines() -> list[str]:
    if shutil.which("crontab") is None:
        return []
    done = subprocess.run(["crontab", "-l"], capture_output=True, text=True, check=False)
    # "no crontab for you" is an empty crontab, not an error.
    return done.stdout.splitlines() if done.returncode == 0 else []


def _run(argv: list[str], stdin: str | None = None) -> None:
    if shutil.which(argv[0]) is None:
        raise InvalidInput(f"{argv[0]} was not found, so the reminder could not be installed.")
    done = subprocess.run(argv, input=stdin, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise InvalidInput(
            f"`{' '.join(argv[:3])}` failed ({done.stderr.strip()[:200] or done.returncode}); "
            "the reminder is not installed."
        )
