"""Settings say whether the daily reminder is installed, and at what time (issue 16)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Static

from exback_tui import reminder_timer
from exback_tui.store.journal import Journal
from exback_tui.tui.app import build_app
from exback_tui.tui.screens.settings import SettingsScreen

from .helpers import SIZE, dashboard_ready, on, settled, shown, until


@pytest.fixture
def own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A HOME of the test's own, with a `crontab` stand-in that has nothing installed, so the
    user's real timers and crontab are neither read nor touched."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    crontab = bin_dir / "crontab"
    crontab.write_text("#!/bin/sh\necho 'no crontab' >&2\nexit 1\n")
    crontab.chmod(0o755)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return tmp_path / "home"


async def reminder_text(ready: Journal) -> str:
    app = build_app(ready)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_ready(pilot, app)
        app.action_open("settings")
        await until(pilot, on(app, SettingsScreen))
        await until(pilot, settled(app))
        line = app.screen.query_one("#reminder", Static)
        await until(pilot, lambda: bool(shown(line)))
        return shown(line)


async def test_settings_say_no_reminder_and_how_to_add_one(ready: Journal, own_home: Path) -> None:
    said = await reminder_text(ready)
    assert "No reminder is installed" in said
    assert "exback remind --install --at 21:00" in said


async def test_settings_show_the_installed_time(ready: Journal, own_home: Path) -> None:
    units = reminder_timer.unit_dir()
    units.mkdir(parents=True)
    (units / "exback-remind.timer").write_text(reminder_timer.timer_text(20, 45))
    said = await reminder_text(ready)
    assert "every day at 20:45" in said and "systemd" in said
