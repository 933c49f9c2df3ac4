"""The lock screen: nothing of the journal shows until its passphrase is typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from ...store.errors import JournalError, WrongPassphrase

WRONG = "Wrong passphrase, or the file is damaged."


class LockScreen(Screen[Any]):
    """A passphrase line over an empty screen; dismissed with what ``attempt`` returned.

    ``attempt(passphrase)`` runs in a thread (opening an encrypted journal derives its key,
    about a tenth of a second) and raises :class:`WrongPassphrase` for a wrong one. After
    ``tries`` wrong ones the screen is dismissed with None; with ``tries=None`` the user may
    try for as long as they like (an unsaved draft waits underneath). Any other
    :class:`JournalError` (a damaged file) is the result itself, for the app to report.
    """

    AUTO_FOCUS = "#passphrase"  # type straight away
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "app.quit", "Quit", priority=True, tooltip="Leave exback"),
    ]

    def __init__(
        self, attempt: Callable[[str], Any], *, title: str, tries: int | None = None
    ) -> None:
        super().__init__()
        self.attempt = attempt
        self.title_text = title
        self.tries_left = tries

    def compose(self) -> ComposeResult:
        with Vertical(id="lock-dialog"):
            yield Static(Text(self.title_text, style="bold"), id="lock-title")
            yield Input(password=True, placeholder="passphrase", id="passphrase", compact=True)
            yield Static("", id="lock-message")
            yield Static(Text("enter unlocks · ctrl+q quits"), classes="hint")

    @on(Input.Submitted, "#passphrase")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value:
            return
        field = self.query_one("#passphrase", Input)
        field.disabled = True
        self._say("Unlocking…")
        self.unlock(event.value)

    @work(thread=True, exclusive=True, group="unlock", exit_on_error=False)
    def unlock(self, passphrase: str) -> None:
        """Try the passphrase off the event loop."""
        try:
            result = self.attempt(passphrase)
        except WrongPassphrase:
            self.app.call_from_thread(self._wrong)
            return
        except JournalError as error:
            self.app.call_from_thread(self.dismiss, error)
            return
        self.app.call_from_thread(self.dismiss, result)

    def _wrong(self) -> None:
        if self.tries_left is not None:
            self.tries_left -= 1
            if self.tries_left <= 0:
                self.dismiss(None)
                return
        more = ""
        if self.tries_left is not None:
            more = f" {self.tries_left} more {'try' if self.tries_left == 1 else 'tries'}."
        self._say(WRONG + more)
        field = self.query_one("#passphrase", Input)
        field.value = ""
        field.disabled = False
        field.focus()

    def _say(self, words: str) -> None:
        self.query_one("#lock-message", Static).update(Text(words))
