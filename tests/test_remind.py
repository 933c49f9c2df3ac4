"""`exback remind` and `exback prompt` (issue 16): quiet once you checked in, never reading
what the journal holds, and a daily timer that installs and removes exactly its own lines."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import EXBACK, RunExback

from exback_tui import reminder_timer as remind_install
from exback_tui.commands.remind import NUDGE
from exback_tui.core.prompts import PROMPTS, prompt_for
from exback_tui.store import crypto, reminder
from exback_tui.store.journal import Journal

PASSPHRASE = "a long enough passphrase"


def test_remind_nudges_until_today_has_a_check_in(run_exback: RunExback, today: date) -> None:
    first = run_exback("remind")
    assert (first.returncode, first.stdout.strip(), first.stderr) == (0, NUDGE, "")
    run_exback("checkin", "--mood", "6", "--date", (today - timedelta(days=1)).isoformat())
    assert run_exback("remind").stdout.strip() == NUDGE  # yesterday's is not today's
    run_exback("checkin", "--mood", "6", "--date", today.isoformat())
    quiet = run_exback("remind")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def test_remind_loads_neither_textual_nor_sqlalchemy(journal_path: Path) -> None:
    code = (
        "import sys\n"
        f"sys.argv = ['exback', '--db', {str(journal_path)!r}, 'remind']\n"
        "from exback_tui.cli import main\n"
        "main()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'sqlalchemy'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"


def test_an_encrypted_journal_is_never_opened_only_its_check_in_date_read(
    journal_path: Path, run_exback: RunExback, tmp_path: Path, today: date
) -> None:
    with Journal.open(journal_path) as j:
        j.record_checkin(today - timedelta(days=1), mood=5)
    crypto.encrypt_journal(journal_path, PASSPHRASE)
    # No passphrase anywhere, no terminal to type one: remind must not need it.
    assert run_exback("remind", input="").stdout.strip() == NUDGE
    secret = tmp_path / "pw"
    secret.write_text(PASSPHRASE)
    secret.chmod(0o600)
    saved = run_exback("checkin", "--mood", "7", env={"EXBACK_PASSPHRASE_FILE": str(secret)})
    assert saved.returncode == 0, saved.stderr
    mark = reminder.marker(journal_path)
    assert mark.read_text() == today.isoformat()  # a date, nothing of what was written
    assert stat.S_IMODE(mark.stat().st_mode) == 0o600
    quiet = run_exback("remind", input="")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def test_the_marker_keeps_the_latest_day(journal_path: Path, today: date) -> None:
    journal_path.parent.mkdir(parents=True)
    reminder.note_checkin(journal_path, today)
    reminder.note_checkin(journal_path, today - timedelta(days=3))  # a late check-in
    assert reminder.marker(journal_path).read_text() == today.isoformat()


# -- the daily timer -----------------------------------------------------------------------


def test_the_unit_files_and_crontab_line(journal_path: Path) -> None:
    exback = remind_install.exback_command()
    assert remind_install.service_text(journal_path) == (
        "[Unit]\n"
        "Description=exback: a nudge when today has no check-in\n\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={exback} --db {journal_path} remind --notify\n"
    )
    assert remind_install.timer_text(21, 5) == (
        "[Unit]\n"
        "Description=exback: the daily check-in nudge at 21:05\n\n"
        "[Timer]\n"
        "OnCalendar=*-*-* 21:05:00\n\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    bus = f"DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/{os.getuid()}/bus"
    assert remind_install.cron_line(journal_path, 7, 30) == (
        f"30 7 * * * {bus} {exback} --db {journal_path} remind --notify # exback-remind"
    )


def test_a_path_with_spaces_and_percent_is_quoted_for_systemd(tmp_path: Path) -> None:
    odd = tmp_path / "my journal 100%" / "j.db"
    line = next(
        x for x in remind_install.service_text(odd).splitlines() if x.startswith("ExecStart")
    )
    assert f'"{str(odd).replace("%", "%%")}"' in line


@pytest.fixture
def fake_tools(tmp_path: Path) -> dict[str, str]:
    """A HOME of the test's own and stand-ins for `crontab` and `systemctl` (system tools,
    not ours) that keep their state in files under it: no real crontab or timer is touched."""
    home = tmp_path / "home"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (home / ".cron").mkdir(parents=True)
    (bin_dir / "crontab").write_text(
        "#!/bin/sh\n"
        f'tab="{home}/.cron/tab"\n'
        'if [ "$1" = "-l" ]; then [ -f "$tab" ] || { echo "no crontab" >&2; exit 1; }; '
        'cat "$tab"; exit 0; fi\n'
        'if [ "$1" = "-" ]; then cat > "$tab"; exit 0; fi\n'
        "exit 2\n"
    )
    (bin_dir / "systemctl").write_text(
        f'#!/bin/sh\necho "$@" >> "{home}/.cron/systemctl.log"\nexit 0\n'
    )
    for tool in ("crontab", "systemctl"):
        (bin_dir / tool).chmod(0o755)
    return {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
    }


def test_cron_install_show_and_uninstall_touch_only_their_line(
    run_exback: RunExback, fake_tools: dict[str, str], journal_path: Path
) -> None:
    tab = Path(fake_tools["HOME"]) / ".cron" / "tab"
    tab.write_text("0 8 * * * backup-photos\n")
    done = run_exback("remind", "--install", "--at", "21:30", "--via", "cron", env=fake_tools)
    assert done.returncode == 0, done.stderr
    assert "21:30" in done.stdout
    lines = tab.read_text().splitlines()
    assert lines[0] == "0 8 * * * backup-photos"
    assert lines[1] == remind_install.cron_line(journal_path, 21, 30).replace(
        remind_install.exback_command(), str(EXBACK.resolve())
    )
    assert "21:30 (cron)" in run_exback("remind", "--show", env=fake_tools).stdout
    # Installing again replaces, never doubles.
    run_exback("remind", "--install", "--at", "06:00", "--via", "cron", env=fake_tools)
    assert sum("exback-remind" in x for x in tab.read_text().splitlines()) == 1
    gone = run_exback("remind", "--uninstall", env=fake_tools)
    assert "crontab line" in gone.stdout
    assert tab.read_text() == "0 8 * * * backup-photos\n"
    assert "No reminder is installed" in run_exback("remind", "--show", env=fake_tools).stdout


def test_systemd_install_writes_enables_and_removes_its_units(
    run_exback: RunExback, fake_tools: dict[str, str]
) -> None:
    units = Path(fake_tools["XDG_CONFIG_HOME"]) / "systemd" / "user"
    done = run_exback("remind", "--install", "--at", "21:00", "--via", "systemd", env=fake_tools)
    assert done.returncode == 0, done.stderr
    assert "OnCalendar=*-*-* 21:00:00" in (units / "exback-remind.timer").read_text()
    assert "remind --notify" in (units / "exback-remind.service").read_text()
    log = Path(fake_tools["HOME"]) / ".cron" / "systemctl.log"
    assert "--user enable --now exback-remind.timer" in log.read_text()
    assert "21:00 (systemd)" in run_exback("remind", "--show", env=fake_tools).stdout
    run_exback("remind", "--uninstall", env=fake_tools)
    assert not list(units.iterdir())
    assert "--user disable --now exback-remind.timer" in log.read_text()


@pytest.mark.parametrize("at", ["25:00", "9pm", "", "21:60"])
def test_a_time_that_is_not_one_is_refused_and_nothing_installed(
    run_exback: RunExback, fake_tools: dict[str, str], at: str
) -> None:
    done = run_exback("remind", "--install", "--at", at, "--via", "cron", env=fake_tools)
    assert done.returncode == 1
    assert "is not a time of day" in done.stderr and "Traceback" not in done.stderr
    assert not (Path(fake_tools["HOME"]) / ".cron" / "tab").exists()


# -- prompts --------------------------------------------------------------------------------


def test_prompts_rotate_by_day_and_another_steps_on() -> None:
    day = date(2026, 3, 2)
    week = {prompt_for(2, day + timedelta(days=i)) for i in range(len(PROMPTS[2]))}
    assert week == set(PROMPTS[2])  # every prompt comes round
    assert prompt_for(2, day, 1) == prompt_for(2, day + timedelta(days=1))
    assert all(len(p) <= 100 for ps in PROMPTS.values() for p in ps)  # one line at 100 columns


def test_exback_prompt_prints_the_phase_prompt_of_the_day(
    run_exback: RunExback, journal_path: Path, today: date
) -> None:
    with Journal.open(journal_path) as j:
        phase = j.current_phase().phase
    done = run_exback("prompt")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == prompt_for(phase, today)
    assert run_exback("prompt", "--another", "1").stdout.strip() == prompt_for(phase, today, 1)
