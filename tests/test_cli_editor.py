"""Writing in $VISUAL/$EDITOR through the installed `exback`: `exback entry` with no text and
`exback checkin --edit-note`. The editor is a small script that reports where its file is and
how it is protected, then writes text, writes nothing, fails, or is stopped with Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import EXBACK, RunExback, editor_env

# Each test's journal is made before it runs (conftest.made): these are tests of commands, and
# the first run that makes a journal is tested on its own (test_cli_basic's default path test,
# tests/e2e, tests/test_store_open.py).
pytestmark = pytest.mark.usefixtures("made")

# The editor: records its file's path and modes, then does what $EDITOR_DOES says.
EDITOR = r"""#!/bin/sh
file="$1"
python3 - "$file" "$REPORT" <<'PY'
import json, os, stat, sys
path = sys.argv[1]
folder = os.path.dirname(path)
info = {"path": path, "file_mode": stat.S_IMODE(os.stat(path).st_mode),
        "folder_mode": stat.S_IMODE(os.stat(folder).st_mode), "before": open(path).read()}
open(sys.argv[2], "w").write(json.dumps(info))
PY
case "$EDITOR_DOES" in
  write) printf '%s\n\n' "$EDITOR_TEXT" > "$file" ;;
  swap) printf 'swap' > "$(dirname "$file")/.swp"; printf '%s\n' "$EDITOR_TEXT" > "$file" ;;
  nothing) : ;;
  empty) : > "$file" ;;
  fail) exit 3 ;;
  interrupt) kill -INT 0; sleep 5 ;;
esac
"""


@pytest.fixture
def editor(tmp_path: Path) -> dict[str, str]:
    """The environment that makes the script above the editor, with a private runtime folder."""
    env: dict[str, str] = editor_env(tmp_path, EDITOR, REPORT=str(tmp_path / "report.json"))
    return env


def report(env: dict[str, str]) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(Path(env["REPORT"]).read_text())
    return found


def entries(path: Path) -> list[tuple[str, str]]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT text, tags FROM entry ORDER BY id").fetchall()
    finally:
        con.close()


def test_entry_without_text_is_written_in_the_editor_in_a_private_file(
    run_exback: RunExback, journal_path: Path, editor: dict[str, str]
) -> None:
    env = {**editor, "EDITOR_DOES": "swap", "EDITOR_TEXT": "Walked by the river.\nFelt calm."}
    result = run_exback("entry", "--tag", "walk", env=env)
    assert result.returncode == 0, result.stderr
    assert "Entry 1 saved for today (6 words)" in result.stdout
    assert entries(journal_path) == [("Walked by the river.\nFelt calm.", "walk")]
    seen = report(env)
    path = Path(seen["path"])
    assert path.parent.parent == Path(editor["XDG_RUNTIME_DIR"]) / "exback"
    assert seen["file_mode"] == 0o600
    assert seen["folder_mode"] == 0o700
    assert seen["before"] == ""
    assert not path.parent.exists()  # the folder and the editor's swap file are gone
    assert list((Path(editor["XDG_RUNTIME_DIR"]) / "exback").iterdir()) == []


def test_without_a_runtime_folder_the_text_goes_in_the_private_cache_folder(
    run_exback: RunExback, journal_path: Path, editor: dict[str, str], tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)  # a runtime folder others can open is not used
    env = {**editor, "XDG_RUNTIME_DIR": str(shared), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env |= {"EDITOR_DOES": "write", "EDITOR_TEXT": "Cached words."}
    result = run_exback("entry", env=env)
    assert result.returncode == 0, result.stderr
    path = Path(report(env)["path"])
    assert path.parent.parent == tmp_path / "cache" / "exback"
    assert stat.S_IMODE((tmp_path / "cache" / "exback").stat().st_mode) == 0o700
    assert not path.parent.exists()
    assert list(shared.iterdir()) == []
    assert entries(journal_path) == [("Cached words.", "")]


@pytest.mark.parametrize("does", ["nothing", "empty"])
def test_an_empty_entry_saves_nothing_and_says_so(
    run_exback: RunExback, journal_path: Path, editor: dict[str, str], does: str
) -> None:
    run_exback("habits")  # the journal exists
    result = run_exback("entry", env={**editor, "EDITOR_DOES": does})
    assert result.returncode == 1
    assert result.stderr == "exback: The entry is empty; nothing was saved.\n"
    assert entries(journal_path) == []
    assert not Path(report(editor)["path"]).parent.exists()


def test_an_editor_that_fails_saves_nothing_and_leaves_nothing(
    run_exback: RunExback, journal_path: Path, editor: dict[str, str]
) -> None:
    run_exback("habits")
    result = run_exback("entry", env={**editor, "EDITOR_DOES": "fail"})
    assert result.returncode == 1
    assert "The editor stopped with an error (3); nothing was saved." in result.stderr
    assert "Traceback" not in result.stderr
    assert entries(journal_path) == []
    assert not Path(report(editor)["path"]).parent.exists()


def test_ctrl_c_in_the_editor_saves_nothing_and_leaves_nothing(
    journal_path: Path, editor: dict[str, str], tmp_path: Path
) -> None:
    """Ctrl-C reaches the whole foreground group (exback and the editor), as a terminal sends
    it: exback waits for the editor, then says nothing changed and removes the folder."""
    env = {**os.environ, **editor, "EDITOR_DOES": "interrupt", "EXBACK_DB": str(journal_path)}
    env["HOME"] = str(tmp_path / "home")
    subprocess.run([str(EXBACK), "habits"], env=env, capture_output=True, check=True)
    # Started as from a terminal, Ctrl-C and Ctrl-\ in their default state: a test run
    # started in the background (`pytest &`, nohup) has them ignored, and exback and the
    # editor would inherit that.
    restore = (
        "import os, signal, sys\n"
        "for sig in (signal.SIGINT, signal.SIGQUIT):\n"
        "    signal.signal(sig, signal.SIG_DFL)\n"
        "os.execv(sys.argv[1], sys.argv[1:])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", restore, str(EXBACK), "entry"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,  # its own group, so `kill 0` reaches exback and not pytest
    )
    assert result.returncode == 128 + signal.SIGINT
    assert "stopped; nothing was changed" in result.stderr
    assert "Traceback" not in result.stderr
    assert entries(journal_path) == []
    assert not Path(report(editor)["path"]).parent.exists()


def test_no_editor_set_is_one_sentence(run_exback: RunExback, journal_path: Path) -> None:
    run_exback("habits")
    result = run_exback("entry", env={"EDITOR": "", "VISUAL": ""})
    assert result.returncode == 1
    assert result.stderr.startswith("exback: No editor is set: set $VISUAL or $EDITOR")
    assert result.stderr.count("\n") == 1


def test_visual_comes_before_editor(
    run_exback: RunExback, journal_path: Path, editor: dict[str, str]
) -> None:
    env = {**editor, "VISUAL": editor["EDITOR"], "EDITOR": "false"}
    result = run_exback("entry", env={**env, "EDITOR_DOES": "write", "EDITOR_TEXT": "Visual."})
    assert result.returncode == 0, result.stderr
    assert entries(journal_path) == [("Visual.", "")]


def note_of(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return str(con.execute("SELECT note FROM checkin").fetchone()[0])
    finally:
        con.close()


def test_edit_note_opens_the_days_note_and_saves_the_new_one(
    run_exback: RunExback, journal_path: Path, editor: dict[str, str]
) -> None:
    assert run_exback("checkin", "--mood", "6", "--note", "Short day.").returncode == 0
    env = {**editor, "EDITOR_DOES": "write", "EDITOR_TEXT": "A longer day, written out."}
    result = run_exback("checkin", "--edit-note", "--urge", "2", env=env)
    assert result.returncode == 0, result.stderr
    assert "Updated the check-in for today: urge 2/10; a note." in result.stdout
    assert report(env)["before"] == "Short day."
    assert note_of(journal_path) == "A longer day, written out."
    assert not Path(report(env)["path"]).parent.exists()


@pytest.mark.parametrize(
    ("does", "says"),
    [
        ("nothing", "The note is unchanged; nothing was saved."),
        ("empty", "The note is empty; nothing was saved. To remove the day's note, use --clear"),
    ],
)
def test_an_unchanged_or_empty_note_saves_nothing(
    run_exback: RunExback, journal_path: Path, editor: dict[str, str], does: str, says: str
) -> None:
    assert run_exback("checkin", "--mood", "6", "--note", "Short day.").returncode == 0
    result = run_exback(
        "checkin", "--edit-note", "--mood", "2", env={**editor, "EDITOR_DOES": does}
    )
    assert result.returncode == 1
    assert says in result.stderr
    assert note_of(journal_path) == "Short day."
    con = sqlite3.connect(journal_path)
    assert con.execute("SELECT mood FROM checkin").fetchone() == (6,)  # nothing at all saved
    con.close()
