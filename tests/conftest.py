"""Shared fixtures: real journal files in tmp_path and the installed ``exback`` command."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pytest
from collector import forget_finished_apps, settle
from hypothesis import HealthCheck, settings
from key_derivation import QUICK_ROUNDS, SQLCIPHER_ROUNDS, use_rounds
from warm_exback import run_warm

from exback_tui.store import database
from exback_tui.store.journal import Journal

if TYPE_CHECKING:
    from textual.pilot import Pilot

# Hypothesis profiles, chosen by $HYPOTHESIS_PROFILE (default "ci"). No deadline: a busy CI
# machine makes one slow example, not a bug. The properties take their number of examples
# from the profile (only the app's hostile-text test caps its own: each example runs the
# whole app). "ci" still runs every property over dozens of examples; "thorough" is for a
# hunt.
settings.register_profile(
    "ci",
    max_examples=50,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", parent=settings.get_profile("ci"), max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

EXBACK = Path(sys.executable).parent / "exback"


def pytest_configure(config: pytest.Config) -> None:
    """Key this process's SQLCipher connections with a few rounds (tests/key_derivation.py)."""
    use_rounds(QUICK_ROUNDS)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Freeze what every test shares, once it is all imported (tests/collector.py)."""
    settle()


def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    """Let go of what Textual keeps of a finished app (tests/collector.py)."""
    forget_finished_apps()


@pytest.fixture
def real_key_derivation() -> Iterator[None]:
    """SQLCipher's own rounds for this test, for a journal keyed here and then opened by the
    installed ``exback``, which derives its keys as a user's would. Take it with
    ``@pytest.mark.usefixtures``, so it is set before any journal fixture keys a journal."""
    use_rounds(SQLCIPHER_ROUNDS)
    try:
        yield
    finally:
        use_rounds(QUICK_ROUNDS)


class RunExback(Protocol):
    """The ``run_exback`` fixture: run ``exback`` with arguments, get the finished process."""

    def __call__(
        self,
        *args: str,
        input: str | None = None,
        db: Path | None = ...,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]: ...


@pytest.fixture
def today() -> date:
    """The machine's today, read when the test starts (never at import, so a suite that runs
    past midnight builds each test's data around the day that test runs on)."""
    return date.today()


def wait_for(
    condition: Callable[[], bool], what: str, timeout: float = 30.0, every: float = 0.02
) -> None:
    """Poll ``condition`` each ``every`` seconds until it holds; fail saying ``what`` was
    awaited after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(every)


async def app_until(
    pilot: Pilot[Any], condition: Callable[[], bool], what: str, timeout: float = 30.0
) -> None:
    """Let a Textual app run (``pilot.pause``) until ``condition`` holds; fail on timeout."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await pilot.pause(0.02)


def editor_env(tmp_path: Path, script: str, **extra: str) -> dict[str, str]:
    """The environment that makes ``script`` (a shell script) $EDITOR, $VISUAL empty, with a
    private runtime folder for the file it edits; ``extra`` adds variables the script reads."""
    editor = tmp_path / "editor.sh"
    editor.write_text(script)
    editor.chmod(0o700)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    return {"EDITOR": str(editor), "VISUAL": "", "XDG_RUNTIME_DIR": str(runtime), **extra}


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    """Where a test's journal lives (not created yet)."""
    return tmp_path / "data" / "journal.db"


# The bytes of a new journal, made by the real opener and migrations, by the day it was made
# for (its first phase step and its habits are dated).
_NEW_JOURNALS: dict[date, bytes] = {}


def new_journal(path: Path, today: date | None = None) -> Path:
    """Put a new journal at ``path``, as ``Journal.open(path, today=today)`` makes one (or
    leave the journal already there, as it would).

    Each test process makes one a day by the real opener and migrations, in a folder of its
    own; every test gets its bytes, written 0600 in a 0700 folder as the opener writes them.
    Running the six migrations costs about 0.07 s a journal, and hundreds of tests start from
    a new one. A copy opens as a journal that exists: its first open makes today's daily
    backup and records its own id (none is copied). Tests of making a journal (the first run,
    its permissions, the migrations, its first backup) call the opener themselves.
    """
    day = today or date.today()
    if path.exists():
        return path
    if day not in _NEW_JOURNALS:
        with tempfile.TemporaryDirectory() as folder:
            made = Path(folder) / "journal.db"
            Journal.open(made, today=today).close()
            _NEW_JOURNALS[day] = made.read_bytes()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(fd, "wb") as out:
        out.write(_NEW_JOURNALS[day])
    return path


@pytest.fixture
def made(journal_path: Path) -> Path:
    """A new journal at ``journal_path`` (:func:`new_journal`), for tests of a command rather
    than of a first run: an ``exback`` that makes the journal pays about 0.8 s more, for
    Alembic, than one that finds it."""
    return new_journal(journal_path)


@pytest.fixture
def journal(journal_path: Path) -> Iterator[Journal]:
    """A new journal (:func:`new_journal`), opened through the real opener."""
    with Journal.open(new_journal(journal_path)) as j:
        yield j


@pytest.fixture
def run_exback(journal_path: Path, tmp_path: Path) -> RunExback:
    """Run ``exback`` on the test's journal, as a process of its own forked from the warm
    server (tests/warm_exback.py); returns the CompletedProcess."""

    def run(
        *args: str,
        input: str | None = None,
        db: Path | None = journal_path,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, "HOME": str(tmp_path / "home"), "COLUMNS": "100"}
        full_env.pop("EXBACK_DB", None)
        if db is not None:
            full_env["EXBACK_DB"] = str(db)
        full_env.update(env or {})
        done: subprocess.CompletedProcess[str] = run_warm(args, env=full_env, input=input)
        return done

    return run


def journal_at(path: Path, revision: str) -> None:
    """Make a new journal at ``path`` with the schema of an older ``revision``, as an older
    exback left it, through the real Alembic scripts."""
    from alembic import command
    from alembic.config import Config

    path.parent.mkdir(mode=0o700, exist_ok=True)
    engine = database.create_journal_engine(path)
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(database.__file__).parent / "migrations"))
    try:
        with engine.execution_options(exback_write=True).connect() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            conn.commit()
    finally:
        engine.dispose()


class Connections:
    """Every DB-API connection the store sets up, recorded as ``database.set_pragmas`` (the one
    function every engine connection and the quick path's connection pass through) prepares it.

    A test sees what a journal's connections carry, or fills the disk under them, through that
    public seam instead of reaching into a Journal or a QuickJournal.
    """

    def __init__(self) -> None:
        self.opened: list[Any] = []
        self.full = False

    def fill_the_disk(self) -> None:
        """From now on each connection may grow the file by two pages only: a real SQLITE_FULL."""
        self.full = True
        for con in self.opened:
            try:
                _two_pages_left(con)
            except sqlite3.ProgrammingError:
                continue  # closed since: a pool dropped it


def _two_pages_left(con: Any) -> None:
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.execute(f"PRAGMA max_page_count = {pages + 2}")


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> Connections:
    """Record every connection opened from here on (see :class:`Connections`)."""
    record = Connections()
    prepare = database.set_pragmas

    def recording(con: Any, *, read_only: bool = False, encrypted: bool = False) -> None:
        prepare(con, read_only=read_only, encrypted=encrypted)
        record.opened.append(con)
        if record.full:
            _two_pages_left(con)

    monkeypatch.setattr(database, "set_pragmas", recording)
    return record
