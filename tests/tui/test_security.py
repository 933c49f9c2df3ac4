"""The app under pressure: the lock screen, the idle lock, read-only and full journals, and
hostile text through every screen that shows it."""

from __future__ import annotations

import asyncio
import os
import pty
import select
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import Connections, new_journal
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static, TextArea

from exback_tui.store import crypto
from exback_tui.store.errors import InvalidInput
from exback_tui.store.journal import Journal
from exback_tui.tui.app import ExbackApp, build_app
from exback_tui.tui.screens.blank import BlankScreen
from exback_tui.tui.screens.checkin import CheckInScreen
from exback_tui.tui.screens.dashboard import DashboardScreen
from exback_tui.tui.screens.entry import EntryScreen
from exback_tui.tui.screens.journal import JournalScreen
from exback_tui.tui.screens.lock import LockScreen
from exback_tui.tui.screens.settings import SettingsScreen

from .helpers import SIZE, dashboard_ready, notified, on, reread, shown, until

PASSPHRASE = "correct horse 'battery\" staple"


@pytest.fixture
def encrypted_path(tmp_path: Path) -> Path:
    """A set-up journal, encrypted with PASSPHRASE."""
    path = tmp_path / "secret.db"
    with Journal.open(new_journal(path)) as journal:
        journal.set_journey(how="planned", children=False, onboarded=True)
        journal.add_entry("the secret entry")
    crypto.encrypt_journal(path, PASSPHRASE)
    return path


@pytest.fixture
def encrypted(encrypted_path: Path) -> Iterator[Journal]:
    """The encrypted journal, already open (as with $EXBACK_PASSPHRASE_FILE)."""
    with Journal.open(encrypted_path, passphrase=PASSPHRASE) as journal:
        yield journal


def lock_message(app: ExbackApp) -> str:
    """What the lock screen says ("" once it has gone: the third wrong try closes the app)."""
    if not (isinstance(app.screen, LockScreen) and app.screen.is_mounted):
        return ""
    return str(app.screen.query_one("#lock-message", Static).render())


async def type_passphrase(pilot: Pilot[Any], app: ExbackApp, passphrase: str) -> None:
    await until(
        pilot,
        lambda: (
            isinstance(app.screen, LockScreen)
            and bool(app.screen.query("#passphrase"))
            and not app.screen.query_one("#passphrase", Input).disabled
        ),
    )
    field = app.screen.query_one("#passphrase", Input)
    assert field.password  # never echoed
    field.value = passphrase
    await pilot.press("enter")


def unlocker(path: Path, opened: list[Journal]) -> Callable[[str], Journal]:
    """Opens the journal with a passphrase, keeping what it opened (for the test to close)."""

    def unlock(passphrase: str) -> Journal:
        journal = Journal.open(path, passphrase=passphrase)
        opened.append(journal)
        return journal

    return unlock


# -- the lock screen at start ----------------------------------------------------------------


async def test_encrypted_journal_starts_on_the_lock_screen(encrypted_path: Path) -> None:
    opened: list[Journal] = []
    app = ExbackApp(unlock=unlocker(encrypted_path, opened))
    try:
        async with app.run_test(size=SIZE) as pilot:
            await type_passphrase(pilot, app, "not it")
            await until(
                pilot, lambda: "Wrong passphrase, or the file is damaged" in lock_message(app)
            )
            assert "2 more tries" in lock_message(app)
            assert opened == [] and app.locked
            await type_passphrase(pilot, app, PASSPHRASE)
            await dashboard_ready(pilot, app)
            assert app.journal.encrypted
    finally:
        for journal in opened:
            journal.close()


async def test_three_wrong_passphrases_exit_with_one(
    encrypted_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opened: list[Journal] = []
    app = ExbackApp(unlock=unlocker(encrypted_path, opened))
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await type_passphrase(pilot, app, "wrong")
            await until(pilot, lambda: app.return_code is not None or "Wrong" in lock_message(app))
        await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 1
    assert app.return_value == 1
    said = capsys.readouterr().err  # once the terminal is back to normal
    assert said.strip() == "exback: 3 wrong passphrases; the journal was left untouched."
    assert opened == []


# -- ctrl+l and the idle lock ----------------------------------------------------------------


async def test_ctrl_l_locks_over_a_draft_and_the_passphrase_brings_it_back(
    encrypted: Journal,
) -> None:
    app = build_app(encrypted)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("c")
        await until(pilot, on(app, CheckInScreen))
        await pilot.press("6", "tab", "tab", "tab", *"half a thought")
        await pilot.press("ctrl+l")  # from inside the text area
        await until(pilot, on(app, LockScreen))
        assert app.locked
        # Nothing opens over the lock: not help, not the palette, not another lock.
        lock = app.screen
        await pilot.press("ctrl+p", "ctrl+b", "ctrl+l", "x")
        # Keys are handled in order: once "x" is in the passphrase field, the others were too.
        await until(
            pilot,
            lambda: app.screen is not lock or lock.query_one("#passphrase", Input).value == "x",
        )
        assert app.screen is lock
        assert not app.check_action("open", ("journal",))
        await type_passphrase(pilot, app, "guess")
        await until(pilot, lambda: "Wrong passphrase" in lock_message(app))
        assert "more" not in lock_message(app)  # a relock does not count down
        await type_passphrase(pilot, app, PASSPHRASE)
        await until(pilot, on(app, CheckInScreen))
        assert app.screen.query_one("#note", TextArea).text == "half a thought"
        assert not app.locked


async def test_ctrl_l_on_a_plain_journal_blanks_and_says_why(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("ctrl+l")
        await until(pilot, on(app, BlankScreen))
        await until(pilot, notified(app, "Locking needs an encrypted journal: exback encrypt"))
        await pilot.press("x")
        await until(pilot, on(app, DashboardScreen))


class Clock:
    """The idle lock's clock, moved on by the test instead of waited for."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def test_idle_lock(encrypted: Journal) -> None:
    clock = Clock()
    app = ExbackApp(encrypted, idle_lock_seconds=60, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        clock.now += 61
        await until(pilot, on(app, LockScreen))
        await type_passphrase(pilot, app, PASSPHRASE)
        await until(pilot, on(app, DashboardScreen))
        for _ in range(3):  # two minutes, but never one without a key: it stays open
            clock.now += 40
            await pilot.press("2")
            app.idle_lock.check()
            assert isinstance(app.screen, DashboardScreen)
        clock.now += 60  # a minute of quiet after the last key
        await until(pilot, on(app, LockScreen))
        await type_passphrase(pilot, app, PASSPHRASE)
        await until(pilot, on(app, DashboardScreen))


async def test_idle_lock_on_a_plain_journal_blanks(ready: Journal) -> None:
    clock = Clock()
    app = ExbackApp(ready, idle_lock_seconds=60, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        clock.now += 60
        await until(pilot, on(app, BlankScreen))


async def test_idle_lock_setting_is_kept_and_read(ready: Journal) -> None:
    ready.set_setting("idle_lock_minutes", "5")
    app = build_app(ready)
    async with app.run_test(size=(120, 60)) as pilot:
        await dashboard_ready(pilot, app)
        assert app.idle_lock_seconds == 300
        await pilot.press("s")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, SettingsScreen)
                and app.screen.query_one("#idle-lock", Input).value == "5"
            ),
        )
        field = app.screen.query_one("#idle-lock", Input)
        field.focus()
        field.value = "0"
        await pilot.press("enter")
        await until(pilot, lambda: app.idle_lock_seconds is None)
    with reread(ready) as j:
        assert j.setting("idle_lock_minutes") == "0"


# -- read-only and full journals keep what was typed -----------------------------------------


async def test_read_only_journal_shows_a_banner_and_keeps_the_form(ready: Journal) -> None:
    with Journal.open(ready.path, read_only=True) as journal:
        app = build_app(journal)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            screen = await dashboard_ready(pilot, app)
            banner = screen.query_one("#read-only", Static)
            assert banner.display
            assert "open read-only, as asked" in str(banner.render())
            await pilot.press("c")
            await until(pilot, on(app, CheckInScreen))
            await pilot.press("4", "tab", "tab", "tab", *"kept [b]safe[/b]", "ctrl+s")
            await until(pilot, notified(app, "Nothing was saved."))
            assert isinstance(app.screen, CheckInScreen)
            assert app.screen.query_one("#note", TextArea).text == "kept [b]safe[/b]"


async def test_writable_journal_has_no_banner(ready: Journal) -> None:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        screen = await dashboard_ready(pilot, app)
        assert not screen.query_one("#read-only", Static).display


@pytest.fixture
def small_disk(tmp_path: Path, connections: Connections) -> Iterator[Journal]:
    """A set-up journal whose every connection is recorded, so the test can fill the disk."""
    with Journal.open(tmp_path / "small.db") as journal:
        journal.set_journey(how="planned", children=False)
        yield journal


async def test_disk_full_keeps_the_checkin_and_the_entry(
    small_disk: Journal, connections: Connections
) -> None:
    note = "a long evening " * 2_000
    app = build_app(small_disk)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await dashboard_ready(pilot, app)
        connections.fill_the_disk()
        await pilot.press("c")
        await until(pilot, on(app, CheckInScreen))
        await pilot.press("5")
        app.screen.query_one("#note", TextArea).load_text(note)
        await pilot.press("ctrl+s")
        await until(pilot, notified(app, "The disk is full; nothing was saved"))
        assert isinstance(app.screen, CheckInScreen)
        assert app.screen.query_one("#note", TextArea).text == note
        assert app.screen.has_unsaved_changes
        await pilot.press("escape")  # asks before dropping the draft
        await pilot.press("escape")  # "keep editing"
        app.pop_screen()
        await until(pilot, on(app, DashboardScreen))
        await pilot.press("j")
        await until(pilot, on(app, JournalScreen))
        await pilot.press("n")
        await until(pilot, on(app, EntryScreen))
        app.screen.query_one("#entry-text", TextArea).load_text(note)
        app.clear_notifications()  # so the next one is the entry's
        await pilot.press("ctrl+s")
        await until(pilot, notified(app, "disk is full"))
        assert isinstance(app.screen, EntryScreen)
        assert app.screen.query_one("#entry-text", TextArea).text == note
    with reread(small_disk) as j:
        assert j.checkin(date.today()) is None
        assert j.count_entries() == 0


# -- hostile text ----------------------------------------------------------------------------

HOSTILE = st.one_of(
    st.sampled_from(
        [
            "[/]",
            "[b]",
            "[link=x]",
            "\x1b[31m",
            "\u202e",
            "e\u0301\u0308",
            "💔👨‍👩‍👧",
            "[bold red]x[/bold red]",
            "\\[",
            "\t",
            "$warning",
            "@click=app.quit",
        ]
    ),
    st.text(min_size=1, max_size=12),
)
HOSTILE_TEXT = (
    st.lists(HOSTILE, min_size=1, max_size=6)
    .map("".join)
    .filter(lambda s: bool(s.strip()) and "\x00" not in s)
)


@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(texts=st.lists(HOSTILE_TEXT, min_size=1, max_size=5))
def test_hostile_text_is_shown_as_it_was_written(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str]
) -> None:
    """Each text, as an entry (the list's preview, the entry screen) and as a check-in note
    (the check-in form), on a day of its own; one app shows them all, a day at a time."""
    path = tmp_path_factory.mktemp("hostile") / "j.db"
    today = date.today()
    with Journal.open(path) as journal:
        journal.set_journey(how="planned", children=False, onboarded=True)
        shown_back: list[tuple[str, str]] = []
        for text in texts:
            day = today - timedelta(days=len(shown_back))
            try:
                entry = journal.add_entry(text, day=day, tags=["x"])
            except InvalidInput:
                continue  # nothing left once control characters go: refused, rightly
            journal.record_checkin(day, mood=5, note=text)
            note = journal.checkin(day)
            assert note is not None
            shown_back.append((journal.entry(entry.id).text, note.note))
        if not shown_back:
            reject()
        asyncio.run(_show_hostile(journal, shown_back))


async def _show_hostile(journal: Journal, texts: list[tuple[str, str]]) -> None:
    """Newest first: entry ``i`` and note ``i`` are ``i`` days before today."""
    app = build_app(journal)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("j")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, JournalScreen)
                and app.screen.query_one(DataTable).row_count == len(texts)
            ),
        )
        preview = app.screen.query_one("#entry-preview", Static)
        for row, (stored, _) in enumerate(texts):
            if row:
                await pilot.press("down")
            await until(
                pilot,
                lambda: shown(preview).partition("\n")[2] == stored[:4000],  # noqa: B023
            )
            await pilot.press("enter")
            await until(pilot, on(app, EntryScreen))
            assert app.screen.query_one("#entry-text", TextArea).text == stored
            await pilot.press("escape")
            await until(pilot, on(app, JournalScreen))
        await pilot.press("escape")
        await until(pilot, on(app, DashboardScreen))
        await pilot.press("c")
        for day, (_, note) in enumerate(texts):
            if day:
                await pilot.press("[")
            await until(
                pilot,
                lambda: (
                    isinstance(app.screen, CheckInScreen)
                    and app.screen.day == date.today() - timedelta(days=day)  # noqa: B023
                    and app.screen.query_one("#note", TextArea).text == note  # noqa: B023
                ),
            )
        await pilot.press("escape")
        await until(pilot, on(app, DashboardScreen))
        assert app.is_running


SEARCHES = [
    '"foo',
    "AND",
    "-foo",
    "c++",
    "it's",
    "#sad",
    "*",
    "",
    "NEAR(",
    "foo OR",
    "\x1b[31m",
    "[/]",
]


async def test_the_search_box_takes_anything(ready: Journal) -> None:
    ready.add_entry("foo and c++ and it's #sad")
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        await pilot.press("j")
        await until(pilot, on(app, JournalScreen))
        screen = app.screen
        summary = screen.query_one("#journal-summary", Static)
        for query in SEARCHES:
            summary.update("")
            field = screen.query_one("#search", Input)
            field.focus()
            field.value = query
            await pilot.press("enter")
            await until(pilot, lambda: bool(shown(summary)))
            said = shown(summary)
            assert "match" in said or "entr" in said, (query, said)
            assert app.is_running


# -- the installed exback on a real terminal --------------------------------------------------


def test_exback_on_an_encrypted_journal_opens_on_the_lock_screen(
    encrypted_path: Path, tmp_path: Path
) -> None:
    """Typed at the lock screen (never echoed): two wrong, then nothing left but exit 1."""
    exback = Path(sys.executable).parent / "exback"
    env = {k: v for k, v in os.environ.items() if k != "EXBACK_PASSPHRASE_FILE"}
    env.update(
        EXBACK_DB=str(encrypted_path),
        HOME=str(tmp_path),
        TERM="xterm-256color",
        COLUMNS="100",
        LINES="30",
    )
    steps = [
        (b"encrypted", b"wrong-alpha\r"),
        (b"2 more", b"wrong-beta\r"),
        (b"1 more", b"wrong-gamma\r"),
    ]
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(str(exback), [str(exback)], env)
    seen = b""
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if steps and steps[0][0] in seen:
                os.write(fd, steps.pop(0)[1])
            ready, _, _ = select.select([fd], [], [], 0.2)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        else:
            os.kill(pid, 9)
            pytest.fail(f"exback did not finish: {seen[-400:]!r}")
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    screen = seen.decode(errors="replace")
    assert os.waitstatus_to_exitcode(status) == 1
    assert not steps
    assert "exback: 3 wrong passphrases; the journal was left untouched." in screen
    assert "wrong-" not in screen  # never echoed
    assert "Traceback" not in screen
