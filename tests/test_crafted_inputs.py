"""Crafted files and arguments never end in a traceback (issue 13, items 10-12).

Each case runs the installed ``exback`` and expects what every mistake gets: one sentence on
standard error, a non-zero exit, no traceback, none of the journal's words in the message, and
the journal byte for byte as it was. Then one odd row must not stop an export, and an import
must keep to the bounds the command line keeps.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import new_journal
from warm_exback import run_warm

from exback_tui.store import crypto
from exback_tui.store.errors import InvalidInput
from exback_tui.store.import_document import parse_document
from exback_tui.store.journal import Journal

# Each test's journal is made before it runs (conftest.made): these are tests of commands, and
# the first run that makes a journal is tested on its own (test_cli_basic's default path test,
# tests/e2e, tests/test_store_open.py).
pytestmark = pytest.mark.usefixtures("made")

EXBACK = str(Path(sys.executable).with_name("exback"))
SECRET = "words for nobody else"  # in the journal: never in a message
IMPORTED = "private imported words"  # in each crafted file: never in a message either
PASSPHRASE = "correct horse battery"


def run(
    *args: str, db: Path, cwd: Path, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != "EXBACK_PASSPHRASE_FILE"}
    full.update({"HOME": str(cwd / "home"), "EXBACK_DB": str(db), **(env or {})})
    done: subprocess.CompletedProcess[str] = run_warm(args, env=full, cwd=cwd, timeout=timeout)
    return done


def digest(path: Path) -> str:
    """The journal file's bytes, and whether a -wal beside it holds any."""
    wal = path.with_name(path.name + "-wal")
    extra = wal.read_bytes() if wal.exists() else b""
    return hashlib.sha256(path.read_bytes() + extra).hexdigest()


def assert_refused(result: subprocess.CompletedProcess[str]) -> str:
    """One sentence on stderr (one line, ``exback: ...``), a non-zero exit, no traceback, no
    journal text; returns the sentence."""
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("exback: "), result.stderr[:2000]
    assert SECRET not in result.stderr and IMPORTED not in result.stderr
    return lines[0]


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    """A journal with one entry of words that must never appear in a message."""
    path = tmp_path / "journal.db"
    with Journal.open(new_journal(path)) as j:
        j.add_entry(SECRET)
    (tmp_path / "home").mkdir()
    return opened_once(path, tmp_path)


def opened_once(path: Path, cwd: Path) -> Path:
    """``path`` after one ordinary command: the first opening stamps what it needs once (a
    journal id) and the first look keeps a cache of the history; "nothing changed" is about
    what the crafted input did."""
    result = run("status", db=path, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def export(journal: Path, tmp_path: Path) -> dict[str, Any]:
    """The journal's own export, to craft from."""
    result = run("export", db=journal, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def with_entry(doc: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """``doc`` and one more entry (of words that must stay private), changed as given."""
    crafted = copy.deepcopy(doc)
    entry = {
        "day": "2026-01-02",
        "kind": "entry",
        "text": IMPORTED,
        "tags": [],
        "created_at": "2026-01-02T10:00:00+00:00",
    }
    crafted["entries"].append({**entry, **changes})
    return crafted


def dumped(doc: Any) -> str:
    return json.dumps(doc)


# Each crafted file: its text, made from the journal's export.
CRAFTED_FILES: dict[str, Callable[[dict[str, Any]], str]] = {
    "year 1 with an offset": lambda d: dumped(
        with_entry(d, created_at="0001-01-01T00:00:00+05:00")
    ),
    "year 9999 with an offset": lambda d: dumped(
        with_entry(d, created_at="9999-12-31T23:59:59-05:00")
    ),
    "a day in year 1": lambda d: dumped(with_entry(d, day="0001-01-01")),
    "a 5,000-digit integer": lambda d: dumped(with_entry(d)).replace(
        '"version": 2', '"version": ' + "7" * 5000
    ),
    "arrays 100,000 deep": lambda d: "[" * 100_000 + "]" * 100_000,
    "a journey that is a list": lambda d: dumped({**d, "journey": [1, 2]}),
    "a journey that is text": lambda d: dumped({**d, "journey": "x"}),
    "an entry that is a number": lambda d: dumped({**d, "entries": [7]}),
    "a lone surrogate": lambda d: dumped(with_entry(d)).replace(IMPORTED, "\\ud800" + IMPORTED),
    "a lone surrogate in a tag": lambda d: dumped(with_entry(d, tags=["\\ud800"])).replace(
        "\\\\ud800", "\\ud800"
    ),
    "a mood of words": lambda d: dumped(
        {
            **d,
            "checkins": [
                {
                    "day": "2026-01-02",
                    "mood": IMPORTED,
                    "urge": None,
                    "note": "",
                    "created_at": "2026-01-02T10:00:00+00:00",
                }
            ],
        }
    ),
    "a jrnl entry dated 0001-01-01": lambda d: dumped(
        {
            "tags": {},
            "entries": [
                {
                    "title": IMPORTED,
                    "body": "",
                    "date": "0001-01-01",
                    "time": "00:00",
                    "tags": [],
                    "starred": False,
                }
            ],
        }
    ),
}


@pytest.mark.parametrize("case", list(CRAFTED_FILES))
def test_a_crafted_import_file_gets_one_sentence(
    case: str, journal: Path, export: dict[str, Any], tmp_path: Path
) -> None:
    crafted = tmp_path / "crafted.json"
    crafted.write_text(CRAFTED_FILES[case](export), encoding="utf-8")
    before = digest(journal)
    sentence = assert_refused(run("import", str(crafted), db=journal, cwd=tmp_path))
    assert "nothing was imported" in sentence
    assert digest(journal) == before


def test_a_lone_surrogate_is_refused_before_the_write_begins(journal: Path) -> None:
    """Refused in validation, where the sentence names the record, never by SQLite halfway
    through the transaction with the entry's words in its message."""
    doc = with_entry({"format": "exback", "version": 2, "entries": []}, text="\ud800 words")
    with pytest.raises(InvalidInput, match=r"entries record 1: .*not valid Unicode"):
        parse_document(doc)


@pytest.mark.parametrize(
    "args",
    [
        ["import", "a" * 300 + ".json"],
        ["--db", "a" * 300 + ".db", "status"],
        ["--db", "/tmp/" + "abcdefg/" * 512 + "journal.db", "status"],
        ["--db", "~nosuchuser-exback/x.db", "status"],
        ["export", "--output", "b" * 300 + ".md"],
        ["support", "remove", "9" * 5000],
        ["checklist", "1", "9" * 5000],
    ],
)
def test_a_crafted_argument_gets_one_sentence(
    args: list[str], journal: Path, tmp_path: Path
) -> None:
    before = digest(journal)
    assert_refused(run(*args, db=journal, cwd=tmp_path))
    assert digest(journal) == before
    assert not list(tmp_path.glob("a" * 300 + "*"))  # nothing was made


# -- the passphrase file ----------------------------------------------------------------------


@pytest.fixture
def encrypted(journal: Path) -> Path:
    crypto.encrypt_journal(journal, PASSPHRASE)
    return journal


def test_a_passphrase_file_of_dev_zero_is_refused_without_reading_it_all(
    encrypted: Path, tmp_path: Path
) -> None:
    before = digest(encrypted)
    result = run("status", db=encrypted, cwd=tmp_path, env={"EXBACK_PASSPHRASE_FILE": "/dev/zero"})
    assert "not a file" in assert_refused(result)
    assert digest(encrypted) == before


def test_a_passphrase_file_too_large_is_refused(encrypted: Path, tmp_path: Path) -> None:
    big = tmp_path / "big"
    big.write_bytes(b"x" * (1 << 20))
    big.chmod(0o600)
    result = run("status", db=encrypted, cwd=tmp_path, env={"EXBACK_PASSPHRASE_FILE": str(big)})
    assert "too large" in assert_refused(result)


def test_a_named_pipe_nobody_writes_to_does_not_hang(encrypted: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo, 0o600)
    before = digest(encrypted)
    # A hang would be caught by the timeout; the answer comes at once, in one sentence.
    result = run(
        "status", db=encrypted, cwd=tmp_path, timeout=30, env={"EXBACK_PASSPHRASE_FILE": str(fifo)}
    )
    assert "empty" in assert_refused(result)
    assert digest(encrypted) == before


@pytest.fixture
def fifo_writer(tmp_path: Path) -> Iterator[Path]:
    """A named pipe that a thread writes the passphrase into, as ``<(pass show ...)`` does."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo, 0o600)

    def write() -> None:
        with fifo.open("w") as f:  # waits for the reader, then writes and closes
            f.write(PASSPHRASE + "\n")

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    yield fifo
    if writer.is_alive():  # the reader never came: open the pipe so the writer can finish
        with fifo.open("r") as f:
            f.read()
    writer.join(timeout=10)


def test_a_passphrase_from_a_pipe_opens_the_journal(
    encrypted: Path, fifo_writer: Path, tmp_path: Path
) -> None:
    result = run(
        "search",
        "nobody",
        db=encrypted,
        cwd=tmp_path,
        env={"EXBACK_PASSPHRASE_FILE": str(fifo_writer)},
    )
    assert result.returncode == 0, result.stderr
    assert SECRET in result.stdout


# -- item 11: one odd row ---------------------------------------------------------------------


@pytest.mark.parametrize("form", ["json", "md", "csv"])
def test_one_odd_row_does_not_stop_an_export(form: str, tmp_path: Path) -> None:
    """A time zone offset of 69 days on one check-in (written past the checks): the rest is
    exported, the odd row is named by table and id on one line, and the exit says so."""
    path = tmp_path / "journal.db"
    today = date.today()
    with Journal.open(path) as j:
        j.record_checkin(today - timedelta(days=1), mood=4, note="yesterday's note")
        j.record_checkin(today, mood=6, note="today's note")
        j.add_entry(SECRET)
    con = sqlite3.connect(path)
    odd_id = con.execute("SELECT id FROM checkin WHERE day = ?", (today.isoformat(),)).fetchone()[0]
    con.execute("UPDATE checkin SET utc_offset_min = 100000 WHERE id = ?", (odd_id,))
    con.commit()
    con.close()
    before = digest(opened_once(path, tmp_path))
    result = run("export", "--format", form, db=path, cwd=tmp_path)
    sentence = assert_refused(result)
    assert f"checkin {odd_id}" in sentence and "left out" in sentence
    assert "yesterday's note" in result.stdout and "today's note" not in result.stdout
    if form != "csv":  # a row a day: entries are not in it
        assert SECRET in result.stdout
    if form == "json":
        doc = json.loads(result.stdout)
        assert [c["note"] for c in doc["checkins"]] == ["yesterday's note"]
    assert digest(path) == before


# -- item 12: one set of bounds ---------------------------------------------------------------


def test_import_keeps_the_days_the_command_line_keeps(
    journal: Path, export: dict[str, Any], tmp_path: Path
) -> None:
    """A day the CLI refuses (far future, before 1900) is refused by an import too, for
    check-ins, entries and phase moves; the days it takes, an import takes."""
    today = date.today()
    for day in ("9999-12-31", (today + timedelta(days=1)).isoformat(), "1899-12-31"):
        cli = run("checkin", "--date", day, "--mood", "5", db=journal, cwd=tmp_path)
        assert "Traceback" not in cli.stderr and cli.returncode == 1, cli.stderr
        crafted = copy.deepcopy(export)
        crafted["checkins"] = [
            {
                "day": day,
                "mood": 5,
                "urge": None,
                "note": "",
                "created_at": "2026-01-02T10:00:00+00:00",
            }
        ]
        crafted["phase_steps"].append(
            {"phase": 2, "entered_on": day, "reason": "", "created_at": "2026-01-02T10:00:00+00:00"}
        )
        (tmp_path / "days.json").write_text(json.dumps(crafted))
        before = digest(journal)
        assert_refused(run("import", "days.json", db=journal, cwd=tmp_path))
        assert digest(journal) == before
        steps = copy.deepcopy(export)
        steps["phase_steps"].append(
            {"phase": 2, "entered_on": day, "reason": "", "created_at": "2026-01-02T10:00:00+00:00"}
        )
        with pytest.raises(InvalidInput, match="phase moves record 2: the entered_on"):
            parse_document(steps, today=today)
    taken = copy.deepcopy(export)
    taken["checkins"] = [
        {
            "day": "1900-01-01",
            "mood": 5,
            "urge": None,
            "note": "",
            "created_at": "1900-01-01T10:00:00+00:00",
        }
    ]
    (tmp_path / "taken.json").write_text(json.dumps(taken))
    result = run("import", "taken.json", db=journal, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (
        run("checkin", "--date", "1900-01-02", "--mood", "5", db=journal, cwd=tmp_path).returncode
        == 0
    )


def test_a_day_typed_long_before_the_breakup_is_refused_but_an_import_brings_it(
    journal: Path, export: dict[str, Any], tmp_path: Path
) -> None:
    """Issue 14: a day typed by hand is at most a year before the breakup (a slip of the year
    otherwise); an import keeps the absolute bounds alone, since a Daylio or Loop history may
    rightly reach further back."""
    assert run("journey", "--breakup-date", "2026-03-01", db=journal, cwd=tmp_path).returncode == 0
    before = digest(journal)
    sentence = assert_refused(
        run("checkin", "--date", "2024-06-01", "--mood", "5", db=journal, cwd=tmp_path)
    )
    assert sentence.endswith("the earliest day you can give is 2025-03-01.")
    assert digest(journal) == before
    crafted = copy.deepcopy(export)
    crafted["checkins"] = [
        {
            "day": "2024-06-01",
            "mood": 5,
            "urge": None,
            "note": "",
            "created_at": "2024-06-01T21:00:00+00:00",
        }
    ]
    (tmp_path / "history.json").write_text(json.dumps(crafted))
    result = run("import", "history.json", db=journal, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    con = sqlite3.connect(journal)
    assert con.execute("SELECT mood FROM checkin WHERE day = '2024-06-01'").fetchone() == (5,)
    con.close()


def test_the_bounds_follow_the_day_the_import_is_given() -> None:
    """Today is injected, not read twice: a check-in of "tomorrow" is refused today and taken
    the next day."""
    doc = {
        "format": "exback",
        "version": 2,
        "checkins": [
            {
                "day": "2030-05-02",
                "mood": 5,
                "urge": None,
                "note": "",
                "created_at": "2030-05-02T09:00:00+02:00",
            }
        ],
    }
    with pytest.raises(InvalidInput, match="check-ins record 1: the day 2030-05-02 is in the"):
        parse_document(doc, today=date(2030, 5, 1))
    assert len(parse_document(doc, today=date(2030, 5, 2)).checkins) == 1


def test_text_that_is_not_utf8_is_never_quoted_in_the_sentence(tmp_path: Path) -> None:
    """SQLite quotes a value it cannot decode; the sentence keeps the column, not the words."""
    path = tmp_path / "journal.db"
    with Journal.open(path) as j:
        j.add_habit("placeholder")
    con = sqlite3.connect(path)
    # "secret habit" and a byte that is not UTF-8, as another program could have written it
    con.execute(
        "UPDATE habit SET name = CAST(X'73656372657420686162697420ff' AS TEXT) "
        "WHERE name = 'placeholder'"
    )
    con.commit()
    con.close()
    result = run("habits", db=path, cwd=tmp_path)
    assert "secret habit" not in result.stderr and "Traceback" not in result.stderr
    assert result.returncode != 0
