"""Nothing a journal holds, nor a path, can drive the terminal (issue 13, item 7).

Input is cleaned before it is stored, but a journal from an older version or a crafted restore
can hold raw escape sequences. Here one is made as such a journal would be (written with
sqlite3 past every check) and every read command runs on it through the installed ``exback``:
no ESC, no C1 control and no BEL may come out, and the words around each sequence still do.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from conftest import new_journal
from warm_exback import run_warm_bytes

from exback_tui.core.text import json_safe, shown
from exback_tui.core.values import Answer, Decision, Evaluation
from exback_tui.store.journal import Journal

# Each test's journal is made before it runs (conftest.made): these are tests of commands, and
# the first run that makes a journal is tested on its own (test_cli_basic's default path test,
# tests/e2e, tests/test_store_open.py).
pytestmark = pytest.mark.usefixtures("made")

EXBACK = str(Path(sys.executable).with_name("exback"))

# What a hostile journal carries: the clipboard (OSC 52), the window title (OSC 0), a hidden
# link (OSC 8), clearing the screen (CSI 2J, and its 8-bit form), a bell and a bare ESC.
ESCAPES = (
    "\x1b]52;c;cHduZWQ=\x07"
    "\x1b]0;PWNED-TITLE\x07"
    "\x1b]8;;https://example.invalid\x1b\\"
    "\x1b]8;;\x1b\\"
    "\x1b[2J"
    "\x9b2J"
    "\x07"
    "\x1b"
)
# Every text column a person's words reach, and how the crafted value is written into it.
CRAFTED_COLUMNS = {
    "entry": ("text", "tags"),
    "checkin": ("note",),
    "habit": ("name",),
    "support_contact": ("name", "detail"),
    "contact": ("note",),
    "evaluation": ("note",),
    "ask": ("note",),
    "phase_step": ("reason",),
    "setting": ("value",),
}
C1 = re.compile("[\x80-\x9f]")


def craft(text: str) -> str:
    """``text`` with the hostile sequences in its middle: the words either side must stay."""
    return f"{text}{ESCAPES}tail"


def seed_crafted(path: Path, today: date) -> None:
    """A journal with something in every text column, then each value made hostile with
    sqlite3, as an older exback or a crafted restore would leave it."""
    with Journal.open(new_journal(path)) as journal:
        journal.set_journey(
            breakup_date=today - timedelta(days=40), how="planned", children=False, onboarded=True
        )
        journal.add_habit("walk")
        journal.record_checkin(today, mood=5, urge=2, note="quiet", habits=["walk"])
        journal.add_entry("river walking", day=today, tags=["calm"])
        journal.log_contact(
            medium="text",
            initiated_by="them",
            note="about the car",
            when=datetime.combine(today - timedelta(days=3), time(12)).astimezone(),
        )
        journal.add_support_contact("Sam", "sister")
        journal.record_evaluation(
            Evaluation(
                made_on=today,
                worth=Answer.YES,
                added_value=Answer.YES,
                differences=Answer.YES,
                intimacy=6,
                passion=5,
                commitment=7,
                decision=Decision.PURSUE,
                patterns=("keeping score",),
                note="give it time",
            )
        )
        journal.move_phase(2, "the pause held")
        journal.record_ask(
            "not-now",
            "over coffee",
            when=datetime.combine(today - timedelta(days=1), time(19)).astimezone(),
        )
        journal.set_setting("idle_lock_minutes", "5")
    con = sqlite3.connect(path)
    try:
        for table, columns in CRAFTED_COLUMNS.items():
            for column in columns:
                rows = con.execute(f"SELECT rowid, {column} FROM {table}").fetchall()
                assert rows, f"nothing to craft in {table}.{column}"
                for rowid, value in rows:
                    con.execute(
                        f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (craft(value), rowid)
                    )
        patterns = json.dumps([craft("keeping score")])
        con.execute("UPDATE evaluation SET patterns = ?", (patterns,))
        con.commit()
    finally:
        con.close()


def run(
    *args: str | bytes, db: Path | None, home: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """The installed ``exback``, output kept as bytes (a terminal gets bytes)."""
    full = {k: v for k, v in os.environ.items() if k not in ("EXBACK_DB", "FORCE_COLOR")}
    full.update({"HOME": str(home), "COLUMNS": "100", **(env or {})})
    if db is not None:
        full["EXBACK_DB"] = str(db)
    done: subprocess.CompletedProcess[bytes] = run_warm_bytes(args, env=full, timeout=120)
    return done


def assert_terminal_safe(data: bytes, what: str, *, styled: bool = False) -> str:
    """No ESC (but Rich's own colours when ``styled``), no C1, no BEL; the text as decoded."""
    text = data.decode("utf-8")
    escapes = re.sub(r"\x1b\[[0-9;]*m", "", text) if styled else text
    assert "\x1b" not in escapes, f"{what}: an escape sequence reached the terminal"
    assert not C1.search(text), f"{what}: a C1 control reached the terminal"
    assert "\x07" not in text, f"{what}: a bell reached the terminal"
    return text


@pytest.fixture
def crafted(tmp_path: Path, today: date) -> Path:
    """A journal holding escape sequences in every text column."""
    path = tmp_path / "crafted.db"
    seed_crafted(path, today)
    return path


# -- the filter itself ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sequence",
    [
        "\x1b]52;c;cHduZWQ=\x07",
        "\x1b]0;PWNED-TITLE\x07",
        "\x1b]0;PWNED-TITLE\x1b\\",
        "\x1b]8;;https://example.invalid\x1b\\",
        "\x1b[2J",
        "\x1b[31;1m",
        "\x9b2J",
        "\x9d0;PWNED-TITLE\x9c",
        "\x1bP1$q\x1b\\",
        "\x07",
        "\x1b",
        "\x00",
        "\x7f",
        "\x85",
    ],
)
def test_shown_removes_each_sequence_whole_and_keeps_the_words(sequence: str) -> None:
    assert shown(f"before{sequence}after") == "beforeafter"


def test_shown_keeps_what_people_write() -> None:
    text = "Line one\n\ttabbed · café 😊 עברית [b]not markup[/b]"
    assert shown(text) == text
    assert shown("a\r\nb\rc") == "a\nb\nc"
    # An OSC that never ends loses only its opening: what follows may be the writer's words.
    assert shown("x\x1b]0;half a title") == "x0;half a title"


def test_json_safe_escapes_c1_and_keeps_the_value() -> None:
    value = {"note": f"odd{ESCAPES}end"}
    text = json_safe(json.dumps(value, ensure_ascii=False))
    assert not C1.search(text) and "\x1b" not in text and "\x07" not in text
    assert json.loads(text) == value


# -- every read command -----------------------------------------------------------------------


READS = {
    "status": (["status"], ["walk", "tail"]),
    "status --json": (["status", "--json"], ["walk"]),
    "search": (["search", "river"], ["river walking", "tail"]),
    "habits": (["habits"], ["walktail"]),
    "support": (["support"], ["Samtail", "sistertail"]),
    "phase": (["phase"], ["Phase 2"]),
    "checklist 6": (["checklist", "6"], ["keeping scoretail"]),
    "export md": (
        ["export", "--format", "md"],
        ["river walkingtail", "quiettail", "the pause heldtail"],
    ),
    "export csv": (["export", "--format", "csv"], ["quiettail", "walktail"]),
}


@pytest.mark.parametrize("name", list(READS))
def test_every_read_command_sends_no_escape(name: str, crafted: Path, tmp_path: Path) -> None:
    args, words = READS[name]
    result = run(*args, db=crafted, home=tmp_path / "home")
    assert result.returncode == 0, result.stderr.decode()
    out = assert_terminal_safe(result.stdout, f"{name} (stdout)")
    assert_terminal_safe(result.stderr, f"{name} (stderr)")
    for word in words:  # the crafted text was shown, without what was hidden in it
        assert word in out, f"{name}: {word!r} is missing"
    if name != "status --json":
        assert "PWNED" not in out and "cHduZWQ" not in out


def test_status_in_colour_sends_only_its_own_colours(crafted: Path, tmp_path: Path) -> None:
    """On a terminal Rich styles the output (SGR sequences): those pass, nothing else does."""
    for args in (["status"], ["search", "river"], ["support"]):
        result = run(
            *args,
            db=crafted,
            home=tmp_path / "home",
            env={"FORCE_COLOR": "1", "TERM": "xterm-256color"},
        )
        assert result.returncode == 0, result.stderr.decode()
        out = assert_terminal_safe(result.stdout, " ".join(args), styled=True)
        assert "\x1b[" in out  # the control: it really was styled
        assert "PWNED" not in out


def test_the_json_export_keeps_every_character_but_as_escapes(
    crafted: Path, tmp_path: Path
) -> None:
    """The complete export imports back as it was: the characters are kept, written as JSON
    escapes, so printing it to a terminal drives nothing either."""
    result = run("export", "--format", "json", db=crafted, home=tmp_path / "home")
    assert result.returncode == 0, result.stderr.decode()
    text = assert_terminal_safe(result.stdout, "export json")
    doc = json.loads(text)
    assert doc["entries"][0]["text"] == craft("river walking")
    assert doc["support_contacts"][0]["detail"] == craft("sister")


@pytest.mark.parametrize("form", ["md", "csv"])
def test_an_export_to_a_file_is_private_and_carries_no_escape(
    form: str, crafted: Path, tmp_path: Path
) -> None:
    """``--output`` makes a 0600 file (item 14), and Markdown and CSV, made to be read, carry
    no escape sequence even in a file: ``cat`` would replay it."""
    target = tmp_path / "out" / f"journal.{form}"
    target.parent.mkdir()
    result = run(
        "export", "--format", form, "--output", str(target), db=crafted, home=tmp_path / "home"
    )
    assert result.returncode == 0, result.stderr.decode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = assert_terminal_safe(target.read_bytes(), f"{form} file")
    assert "quiettail" in text and "PWNED" not in text


def test_a_csv_cell_that_hid_a_formula_behind_an_escape_is_still_guarded(
    tmp_path: Path, today: date
) -> None:
    """The escape goes before the formula guard looks, so "\\x1b=cmd" cannot become "=cmd"."""
    path = tmp_path / "j.db"
    with Journal.open(path) as journal:
        journal.record_checkin(today, mood=4, note="placeholder")
    con = sqlite3.connect(path)
    con.execute("UPDATE checkin SET note = ?", ("\x1b=HYPERLINK(1)",))
    con.commit()
    con.close()
    result = run("export", "--format", "csv", db=path, home=tmp_path / "home")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().splitlines()[1].endswith(",'=HYPERLINK(1)")


# -- paths ------------------------------------------------------------------------------------


def test_import_echoes_a_file_name_without_its_escapes(crafted: Path, tmp_path: Path) -> None:
    export = run("export", db=crafted, home=tmp_path / "home")
    name = "in\x1b]0;PWNED-TITLE\x07put\x9b2J.json"
    (tmp_path / name).write_bytes(export.stdout)
    result = subprocess.run(
        [EXBACK, "import", name],
        capture_output=True,
        cwd=tmp_path,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path / "home"), "EXBACK_DB": str(tmp_path / "other.db")},
    )
    assert result.returncode == 0, result.stderr.decode()
    out = assert_terminal_safe(result.stdout, "import")
    assert "input.json" in out and "PWNED" not in out


@pytest.mark.parametrize(
    "args",
    [
        ["status", "extra\x1b]0;PWNED-TITLE\x07"],  # argparse repeats what it did not expect
        ["import", "gone\x1b]0;PWNED-TITLE\x07.json"],
        ["--db", "file-not-folder/\x1b]0;PWNED-TITLE\x07j.db", "status"],
        ["export", "--output", "no-such-folder/\x1b[2Jx.md"],
    ],
)
def test_an_error_naming_a_path_sends_no_escape(
    args: list[str], crafted: Path, tmp_path: Path
) -> None:
    (tmp_path / "file-not-folder").write_text("a file, not a folder")
    result = subprocess.run(
        [EXBACK, *args],
        capture_output=True,
        cwd=tmp_path,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path / "home"), "EXBACK_DB": str(crafted)},
    )
    assert result.returncode != 0
    err = assert_terminal_safe(result.stderr, " ".join(args))
    assert err.startswith("exback: ") and "Traceback" not in err
    assert_terminal_safe(result.stdout, " ".join(args))


def test_sqlalchemy_never_prints_a_traceback_of_its_own(journal_path: Path) -> None:
    """SQLAlchemy logs a connection it could not reset with a traceback, and Python printed
    it to stderr above exback's one sentence (a SIGTERM landing in a conversion's clean-up
    did it). A real one here: the DB-API connection closed under the pool. exback's own
    warnings, which say what was left out of a read, still reach stderr."""
    code = (
        "import logging\n"
        "from pathlib import Path\n"
        "from exback_tui.store import database\n"
        f"engine = database.create_journal_engine(Path({str(journal_path)!r}))\n"
        "con = engine.raw_connection()\n"
        "con.driver_connection.close()\n"
        "con.close()\n"
        "logging.getLogger('exback_tui.store.readers').warning('exback says what it left out')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "exback says what it left out\n"
