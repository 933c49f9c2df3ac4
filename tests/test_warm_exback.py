"""The warm exback (tests/warm_exback.py) answers as the installed command does: the same exit
code, the same bytes on stdout and stderr, for the environment the test gives, stdin read,
bytes that are not UTF-8 in argv, a usage error and a run stopped by a signal."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import EXBACK, editor_env, new_journal, wait_for
from warm_exback import limit_file_size, run_warm, run_warm_bytes, start_warm

from exback_tui.store.journal import Journal


def installed(
    args: list[str | bytes], env: dict[str, str], input: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [os.fsencode(EXBACK), *map(os.fsencode, args)],
        env=env,
        input=input if input is not None else b"",
        capture_output=True,
        timeout=60,
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "journal.db"
    with Journal.open(new_journal(path)) as journal:
        journal.set_journey(how="planned", children=False, onboarded=True)
        journal.record_checkin(date.today(), mood=3, urge=7, note="a hard day, a long note " * 9)
        journal.add_entry("Words with a [b]bracket[/b] and an \x1b[31mescape")
    return {**os.environ, "EXBACK_DB": str(path), "HOME": str(tmp_path / "home")}


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["status", "--json"],
        ["entries"],
        ["habits"],
        ["phase", "9"],  # a usage error: exit 2, argparse's words
        ["checkin", "--mood", "11"],
        ["--version"],
        ["search", b"\xff"],  # not UTF-8: refused in one sentence
        ["contact", "list"],
    ],
)
@pytest.mark.parametrize("columns", ["40", "120"])
def test_the_warm_run_gives_what_the_installed_command_gives(
    env: dict[str, str], args: list[str | bytes], columns: str
) -> None:
    """COLUMNS is read when exback's consoles are made, as its modules load: the warm run
    loads them under the test's environment, so both widths wrap as the real command does."""
    env = {**env, "COLUMNS": columns}
    real = installed(args, env)
    warm = run_warm_bytes(args, env=env)
    assert (warm.returncode, warm.stdout, warm.stderr) == (
        real.returncode,
        real.stdout,
        real.stderr,
    )


def left_behind(folder: Path) -> list[tuple[str, int]]:
    """What a run left in ``folder``: each file's name, with a backup's journal id and time
    blotted out, and its size (the journal's own aside: its pages follow the backup's id)."""
    return sorted(
        (
            re.sub(r"-[0-9a-f]{8}-|[0-9]", "9", str(p.relative_to(folder))),
            0 if p.name == "journal.db" else p.stat().st_size,
        )
        for p in folder.rglob("*")
        if p.is_file()
    )


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["checkin", "--mood", "6", "--note", "steady"],
        ["entry", "a few words"],
        ["backup"],
        ["export", "--format", "md", "--output", "@/out.md"],
        ["encrypt"],  # refused without a passphrase: nothing may be left
    ],
)
def test_a_warm_run_leaves_the_folder_as_the_installed_one_does(
    tmp_path: Path, args: list[str]
) -> None:
    """A warm run ends without tearing down its modules (``warm_exback._end``): what an exit
    closes, flushes or removes (the -wal and -shm files, a file written) must be the same."""
    left = []
    for name, run in (("installed", installed), ("warm", run_warm_bytes)):
        folder = tmp_path / name
        with Journal.open(folder / "journal.db") as journal:
            journal.set_journey(how="planned", children=False, onboarded=True)
        env = {**os.environ, "EXBACK_DB": str(folder / "journal.db"), "HOME": str(tmp_path)}
        env.pop("EXBACK_PASSPHRASE_FILE", None)
        done = run([a.replace("@", str(folder)) for a in args], env=env)
        left.append((done.returncode, left_behind(folder)))
    assert left[0] == left[1]


@pytest.mark.parametrize("limit", [0, 4096])
def test_a_file_size_limit_is_the_installed_command_s_ulimit(
    env: dict[str, str], limit: int
) -> None:
    """``file_size_limit`` is ``ulimit -f`` for the run: the same refusal, word for word."""
    args = ["entry", "words that must not be lost " * 400]
    real = subprocess.run(
        [EXBACK, *args],
        env=env,
        capture_output=True,
        preexec_fn=lambda: limit_file_size(limit),
        timeout=60,
    )
    warm = run_warm_bytes(args, env=env, file_size_limit=limit)
    assert real.returncode != 0 and b"file size limit" in real.stderr, real.stderr
    assert (warm.returncode, warm.stdout, warm.stderr) == (
        real.returncode,
        real.stdout,
        real.stderr,
    )


def test_stdin_and_text_as_subprocess_gives_them(env: dict[str, str], tmp_path: Path) -> None:
    """Input written to stdin, output decoded with universal newlines, as text=True does."""
    twin = tmp_path / "twin.db"
    shutil.copyfile(env["EXBACK_DB"], twin)
    text = "line one\r\nline two, ünïcode 💔\n"
    real = installed(["entry", "-"], env, text.encode())
    warm = run_warm(["entry", "-"], env={**env, "EXBACK_DB": str(twin)}, input=text)
    assert real.returncode == warm.returncode == 0
    assert warm.stdout == real.stdout.decode()
    assert run_warm(["entries"], env=env).stdout == run_warm(
        ["entries"], env={**env, "EXBACK_DB": str(twin)}
    ).stdout.replace(str(twin), env["EXBACK_DB"])


@pytest.mark.parametrize("signal", ["TERM", "KILL"])
def test_a_run_stopped_by_a_signal_ends_as_the_real_one(
    env: dict[str, str], tmp_path: Path, signal: str
) -> None:
    """An editor that signals its exback: a TERM it handles (130, a sentence), a KILL it
    cannot (the signal, negative, as subprocess reports it)."""
    # The editor's parent is the shell exback runs it through; exback is the one above.
    script = f"#!/bin/sh\nkill -{signal} $(cut -d' ' -f4 /proc/$PPID/stat)\nsleep 1\n"
    env = {**env, **editor_env(tmp_path, script)}
    real = installed(["entry"], env)
    warm = run_warm(["entry"], env=env)
    assert (warm.returncode, warm.stderr) == (real.returncode, real.stderr.decode())
    assert warm.returncode == (130 if signal == "TERM" else -9)


def test_a_run_past_its_timeout_is_killed(env: dict[str, str], tmp_path: Path) -> None:
    """As subprocess.run's timeout: the run is killed and TimeoutExpired raised; the server
    goes on serving."""
    env = {**env, **editor_env(tmp_path, "#!/bin/sh\nexec sleep 60\n")}
    with pytest.raises(subprocess.TimeoutExpired):
        run_warm(["entry"], env=env, timeout=2)
    assert run_warm(["--version"], env=env).returncode == 0


def test_a_started_run_is_signalled_and_waited_for_as_popen_would(
    env: dict[str, str], tmp_path: Path
) -> None:
    """start_warm: running until signalled (poll None, wait times out), then the same end as
    the installed command signalled the same way."""
    # An editor open until exback has ended (the shell between them holds exback's stdout
    # and stderr, so the real run's pipes close only when the editor does).
    script = (
        "#!/bin/sh\n"
        "exback=$(cut -d' ' -f4 /proc/$PPID/stat)\n"
        'while s=$(cut -d" " -f3 /proc/$exback/stat 2>/dev/null) && [ "$s" != Z ]; do\n'
        "  sleep 0.05\n"
        "done\n"
    )
    env = {**env, **editor_env(tmp_path, script)}
    editing = tmp_path / "runtime" / "exback"
    real = subprocess.Popen(
        [EXBACK, "entry"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    real_end = terminated_while_editing(real, editing)
    assert real_end == terminated_while_editing(start_warm(["entry"], env=env), editing)
    assert real_end[0] == 130


def terminated_while_editing(proc: Any, editing: Path) -> tuple[int, str, str]:
    """Wait until ``proc`` (a Popen or a WarmProcess) has its editor open, check that it is
    still running, send it SIGTERM; its exit code, stdout and stderr."""
    wait_for(lambda: any(editing.glob("edit-*")) or proc.poll() is not None, "the editor")
    assert proc.poll() is None
    with pytest.raises(subprocess.TimeoutExpired):
        proc.wait(timeout=0.2)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    return (proc.returncode, out, err)


def test_a_started_run_says_the_same_to_a_second_communicate(env: dict[str, str]) -> None:
    """As Popen: communicate after the run has ended (a test that waited with a timeout and
    then reads) gives what the run said again."""
    proc = start_warm(["status", "--json"], env=env)
    first = proc.communicate(timeout=60)
    assert proc.communicate(timeout=60) == first
    assert proc.returncode == 0 and first[0].startswith("{")
