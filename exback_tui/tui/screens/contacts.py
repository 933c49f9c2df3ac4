"""The contact log as a table, newest first: add, edit, delete."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ...core.text import one_line, shown
from ...core.values import Contact
from ..host import HostedScreen
from ..render import plain
from ..widgets.key_footer import SteadyFooter
from ..widgets.screen_header import ScreenHeader
from .confirm import ConfirmScreen
from .contact_form import MEDIUM_WORDS, RESPONSE_WORDS, ContactFormScreen

# Fixed widths for the short columns, so the note can have the rest of the row.
COLUMNS = (
    ("When", len("2025-01-01 18:30")),
    ("How", max(len(words) for words in MEDIUM_WORDS.values())),
    ("Who", len("them")),
    ("Kind", len("logistics")),
    ("Response", max(len(words) for words in RESPONSE_WORDS.values())),
    ("Min", 4),
)
MIN_NOTE = 10
# More than any terminal is wide: the column's edge cuts the note, not a count of letters.
LONGEST_NOTE = 1000


def cut(text: Text) -> Text:
    """One line, ended with "…" where the column is too narrow for it."""
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


class ContactsScreen(HostedScreen, Screen[None]):
    """Every logged contact with the ex."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("a", "add", "Add", tooltip="Log a new contact"),
        Binding("enter", "edit", "Edit", tooltip="Edit the highlighted contact"),
        Binding("d,delete", "delete", "Delete", tooltip="Delete the highlighted contact (asks)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.contacts: list[Contact] = []

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        yield Static("", id="contacts-summary", classes="pane-text")
        table: DataTable[Text] = DataTable(
            id="contacts-table", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield SteadyFooter()

    def on_mount(self) -> None:
        """Load, and reload when the journal changes."""
        self.sub_title = "Contacts"
        table = self.query_one(DataTable)
        table.focus()

        def reload(_generation: int) -> None:
            self.load()  # a worker; nothing to wait for

        self.watch(self.app, "data_generation", reload, init=False)
        self.load()

    @work(thread=True, exclusive=True, group="contacts-load", exit_on_error=False)
    def load(self) -> None:
        """Read the log."""
        contacts = self.exback.journal.contacts()
        self.show_from_worker(self._show, contacts)

    def on_resize(self) -> None:
        """The note takes whatever width the other columns leave (after the new layout)."""
        self.call_after_refresh(self._fill)

    def _show(self, contacts: list[Contact]) -> None:
        self.contacts = contacts
        self._fill()
        summary = f"{len(contacts)} contact{'s' if len(contacts) != 1 else ''} logged."
        if not contacts:
            summary += " Press a to log one."
        self.query_one("#contacts-summary", Static).update(Text(summary))

    def _fill(self) -> None:
        """The rows, the note cut (with "…") only at the table's right edge."""
        contacts = self.contacts
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        for label, width in COLUMNS:
            table.add_column(label, width=width)
        fixed = sum(width + 2 * table.cell_padding for _, width in COLUMNS)
        room = table.size.width - table.styles.scrollbar_size_vertical - fixed
        note_width = max(MIN_NOTE, room - 2 * table.cell_padding)
        table.add_column("Note", width=note_width)
        for c in contacts:
            table.add_row(
                Text(c.when.strftime("%Y-%m-%d %H:%M")),
                Text(MEDIUM_WORDS[c.medium]),
                Text("me" if c.initiated_by.value == "me" else "them"),
                Text("logistics" if c.logistics else "personal"),
                Text(RESPONSE_WORDS[c.response]),
                Text("" if c.minutes is None else str(c.minutes)),
                # Whole sequences go before the cut; the cut is where the column ends.
                cut(plain(one_line(shown(c.note), LONGEST_NOTE))),
                key=str(c.id),
            )
        if contacts:
            table.move_cursor(row=min(row, len(contacts) - 1))

    def _selected(self) -> Contact | None:
        table = self.query_one(DataTable)
        if not self.contacts or table.cursor_row < 0:
            return None
        return self.contacts[min(table.cursor_row, len(self.contacts) - 1)]

    def action_add(self) -> None:
        """Log a new contact."""
        self.app.push_screen(ContactFormScreen())

    def action_edit(self) -> None:
        """Edit the highlighted contact."""
        contact = self._selected()
        if contact is not None:
            self.app.push_screen(ContactFormScreen(contact))

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_edit()

    def action_delete(self) -> None:
        """Delete the highlighted contact, after asking."""
        contact = self._selected()
        if contact is None:
            return
        question = f"Delete the {contact.medium.value} of {contact.when:%d %b %Y %H:%M}?"

        def answered(yes: bool | None) -> None:
            if yes:
                self.delete(contact.id)

        self.app.push_screen(ConfirmScreen(question, "Delete", "Keep"), answered)

    @work(thread=True, exclusive=True, group="contacts-delete", exit_on_error=False)
    def delete(self, contact_id: int) -> None:
        """Delete for good."""
        self.exback.journal.delete_contact(contact_id)
        self.app.call_from_thread(self._deleted)

    def _deleted(self) -> None:
        self.notify("Deleted the contact.")
        self.exback.journal_changed()
