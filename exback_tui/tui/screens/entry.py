"""Read, edit or write one journal entry."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from ...core.text import shown
from ...core.values import Entry, EntryKind
from ..host import HostedScreen
from ..widgets.prose_area import ProseArea
from .confirm import ConfirmScreen


class EntryScreen(HostedScreen, ModalScreen[bool]):
    """One entry in a text area; ctrl+s saves, escape asks before dropping changes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="Save the entry"),
        Binding("escape", "cancel", "Close", priority=True, tooltip="Close (asks if changed)"),
    ]

    def __init__(self, entry: Entry | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.entry = entry

    def compose(self) -> ComposeResult:
        e = self.entry
        with Vertical(classes="dialog wide-dialog", id="entry-dialog"):
            if e is None:
                title = "New entry"
            else:
                kind = "Unsent message" if e.kind is EntryKind.UNSENT else "Entry"
                title = f"{kind} · {e.day:%a %d %b %Y}"
            yield Static(Text(title, style="bold"), classes="page-title")
            # What the journal holds, as it may be shown (an old or crafted journal may hold
            # escape sequences); saving stores it cleaned the same way.
            # ProseArea: Textual's TextArea, quick in a paragraph of any length.
            yield ProseArea(shown(e.text) if e else "", id="entry-text", soft_wrap=True)
            yield Label("Tags (space between them)", classes="field-label")
            yield Input(shown(" ".join(e.tags)) if e else "", id="entry-tags", compact=True)
            yield Static(Text("ctrl+s save · esc close"), classes="hint")

    def on_mount(self) -> None:
        """Start in the text."""
        self.query_one("#entry-text", TextArea).focus()

    def _form(self) -> tuple[str, list[str]]:
        return (
            self.query_one("#entry-text", TextArea).text,
            self.query_one("#entry-tags", Input).value.split(),
        )

    @property
    def has_unsaved_changes(self) -> bool:
        """The text or tags differ from what is saved."""
        if not self.is_mounted:
            return False
        text, tags = self._form()
        if self.entry is None:
            return bool(text.strip() or tags)
        return text != shown(self.entry.text) or tags != shown(" ".join(self.entry.tags)).split()

    def action_save(self) -> None:
        """Save the entry (ctrl+s)."""
        text, tags = self._form()
        if not text.strip():
            self.notify(
                "Write something first (or delete the entry from the list).", severity="warning"
            )
            return
        self.save(text, tags)

    @work(thread=True, exclusive=True, group="entry-save", exit_on_error=False)
    def save(self, text: str, tags: list[str]) -> None:
        """Write the entry."""
        journal = self.exback.journal
        if self.entry is None:
            today = self.exback.today
            journal.add_entry(text, day=today, tags=tags)
        else:
            journal.update_entry(self.entry.id, text, tags)
        self.app.call_from_thread(self._saved)

    def _saved(self) -> None:
        self.notify("Saved the entry.")
        self.exback.journal_changed()
        self.dismiss(True)

    def action_cancel(self) -> None:
        """Close; asks first if something changed."""
        if not self.has_unsaved_changes:
            self.dismiss(False)
            return
        self.app.push_screen(
            ConfirmScreen("Discard the changes to this entry?", "Discard", "Keep editing"),
            self._discard_if,
        )

    async def _discard_if(self, discard: bool | None) -> None:
        """After "Discard the changes?": close, unsaved, if the answer was yes."""
        if discard:
            await self.dismiss(False)
