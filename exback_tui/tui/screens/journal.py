"""The journal: entries by day, newest first; full-text search; read, edit, write, delete."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from ...core.stars import STAR, is_starred, with_star
from ...core.text import one_line, shown
from ...core.values import Entry, EntryKind
from ..host import HostedScreen
from ..render import plain
from ..widgets.key_footer import SteadyFooter
from ..widgets.screen_header import ScreenHeader
from .checkin import CheckInScreen
from .confirm import ConfirmScreen
from .contact_form import ContactFormScreen
from .entry import EntryScreen

PAGE = 200  # rows drawn at once: drawing costs far more than finding
# The day and the kind have fixed widths, so the text can have the rest of the row.
COLUMNS = (("Day", len("2025-01-01")), ("Kind", len("contact")))
MIN_TEXT = 10
# More than any terminal is wide: the column's edge cuts the text, not a count of letters.
LONGEST_LINE = 1000


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the list: an entry, or a search hit in an entry, check-in or contact."""

    source: str  # entry, unsent, checkin, contact
    ref: int
    day: date
    text: Text
    starred: bool = False


class JournalScreen(HostedScreen, Screen[None]):
    """Entries newest first; `/` searches everything you wrote."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Clear the search, or go back"),
        Binding("slash", "search", "Search", key_display="/", tooltip="Search the journal"),
        Binding("n", "new", "New entry", tooltip="Write a new entry"),
        Binding("enter", "open", "Open", show=False, tooltip="Read or edit the entry"),
        Binding("d,delete", "delete", "Delete", tooltip="Delete the entry (asks first)"),
        Binding("asterisk", "star", "Star", key_display="*", tooltip="Star or unstar the entry"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []
        self.query_text = ""

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        yield Input(placeholder="/ to search: words, or a phrase", id="search", compact=True)
        yield Static("", id="journal-summary", classes="hint")
        table: DataTable[Text] = DataTable(id="entries", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="entry-preview")
        yield SteadyFooter()

    def on_mount(self) -> None:
        """Load the newest entries; reload whenever the journal changes."""
        self.sub_title = "Journal"
        table = self.query_one(DataTable)
        table.focus()
        self.watch(self.app, "data_generation", lambda _: self.load(), init=False)
        self.load()

    def load(self, focus: bool = False) -> None:
        """Reload the list (or the search); with ``focus`` the list takes the focus when drawn.

        Moving the focus redraws the footer, so it waits for the rows: one redraw, not two.
        """
        if self.query_text:
            self.run_search(self.query_text, focus)
        else:
            self.load_entries(focus)

    @work(thread=True, exclusive=True, group="journal-load", exit_on_error=False)
    def load_entries(self, focus: bool = False) -> None:
        """The newest page of entries and how many there are."""
        journal = self.exback.journal
        entries = journal.entries(limit=PAGE)
        total = journal.count_entries()
        # Filtered before the cut, so a sequence goes whole rather than losing its end.
        rows = [
            Row(
                e.kind.value,
                e.id,
                e.day,
                plain(one_line(shown(e.text), LONGEST_LINE)),
                is_starred(e.tags),
            )
            for e in entries
        ]
        summary = f"{total} entr{'y' if total == 1 else 'ies'}"
        if total > len(rows):
            summary += f", the newest {len(rows)} shown; search to find older ones"
        if not total:
            summary = "No entries yet: press n to write one."
        self._show_unless_replaced(rows, summary, focus)

    @work(thread=True, exclusive=True, group="journal-load", exit_on_error=False)
    def run_search(self, query: str, focus: bool = False) -> None:
        """Search entries, unsent messages, check-in notes and contact notes."""
        result = self.exback.journal.search(query, limit=PAGE)
        rows = []
        for hit in result.hits:
            text = Text()
            for part, is_match in hit.snippet_parts:
                text.append(shown(part), style="bold reverse" if is_match else "")
            rows.append(Row(hit.source, hit.ref, hit.day, text))
        summary = f"{result.total} match{'es' if result.total != 1 else ''} for the search"
        if result.total > len(rows):
            summary += f" (the newest {len(rows)} shown)"
        self._show_unless_replaced(rows, summary, focus)

    def _show_unless_replaced(self, rows: list[Row], summary: str, focus: bool) -> None:
        """Show what a worker read, unless a newer load or search replaced it meanwhile: the
        first page of a long journal could finish after a search typed at once, and cover
        its matches."""
        self.show_from_worker(self._show, rows, summary, focus)

    def on_resize(self) -> None:
        """The text takes whatever width the day and kind leave (after the new layout)."""
        self.call_after_refresh(self._fill)

    def _fill(self) -> None:
        """The rows, each text cut (with "…") only at the table's right edge."""
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        for label, width in COLUMNS:
            table.add_column(label, width=width)
        fixed = sum(width + 2 * table.cell_padding for _, width in COLUMNS)
        room = table.size.width - table.styles.scrollbar_size_vertical - fixed
        table.add_column("Text", width=max(MIN_TEXT, room - 2 * table.cell_padding))
        kinds = {"entry": "entry", "unsent": "unsent", "checkin": "note", "contact": "contact"}
        for i, row in enumerate(self.rows):
            text = Text(f"{STAR} ", style="bold") + row.text if row.starred else row.text.copy()
            text.no_wrap = True
            text.overflow = "ellipsis"
            table.add_row(
                Text(row.day.isoformat()), Text(kinds.get(row.source, row.source)), text, key=str(i)
            )
        if self.rows:
            table.move_cursor(row=max(0, min(cursor, len(self.rows) - 1)))

    def _show(self, rows: list[Row], summary: str, focus: bool) -> None:
        self.rows = rows
        self._fill()
        self.query_one("#journal-summary", Static).update(Text(summary))
        if focus:
            self.query_one(DataTable).focus()
        self._preview()

    @on(DataTable.RowHighlighted)
    def _preview(self) -> None:
        row = self._selected()
        preview = self.query_one("#entry-preview", Static)
        if row is None or row.source not in ("entry", "unsent"):
            preview.update("")
            return
        self.load_preview(row.ref)

    @work(thread=True, exclusive=True, group="journal-preview", exit_on_error=False)
    def load_preview(self, entry_id: int) -> None:
        """The highlighted entry in full, below the list."""
        entry = self.exback.journal.entry(entry_id)
        self.show_from_worker(self._show_preview, entry)

    def _show_preview(self, entry: Entry) -> None:
        head = Text(f"{entry.day:%A %d %B %Y}", style="bold")
        if entry.kind is EntryKind.UNSENT:
            head.append("  unsent: never sent anywhere", style="italic")
        if is_starred(entry.tags):
            head.append(f"  {STAR}", style="bold")
        tags = [t for t in entry.tags if not is_starred([t])]
        if tags:
            head.append("  " + shown(" ".join(f"#{t}" for t in tags)), style="dim")
        head.append("\n")
        if entry.prompt:  # the question it was written to, above it
            head.append(shown(entry.prompt) + "\n", style="italic dim")
        head.append(shown(entry.text)[:4000])
        self.query_one("#entry-preview", Static).update(head)

    def _selected(self) -> Row | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row < 0:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    # -- actions -------------------------------------------------------------------------

    def action_search(self) -> None:
        """Focus the search line."""
        self.query_one("#search", Input).focus()

    @on(Input.Submitted, "#search")
    def _searched(self, event: Input.Submitted) -> None:
        self.query_text = event.value.strip()
        self.load(focus=True)

    def action_back(self) -> None:
        """Clear the search first; then leave."""
        search = self.query_one("#search", Input)
        if self.query_text or search.value:
            search.value = ""
            self.query_text = ""
            self.load(focus=True)
            return
        self.app.pop_screen()

    def action_new(self) -> None:
        """Write a new entry."""
        self.app.push_screen(EntryScreen())

    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        """Open what the row points at: the entry, the check-in or the contact."""
        row = self._selected()
        if row is not None:
            self.open_row(row)

    @work(thread=True, exclusive=True, group="journal-open", exit_on_error=False)
    def open_row(self, row: Row) -> None:
        """Read the full item, then open its screen."""
        journal = self.exback.journal
        if row.source in ("entry", "unsent"):
            entry = journal.entry(row.ref)
            self.app.call_from_thread(self.app.push_screen, EntryScreen(entry))
        elif row.source == "checkin":
            self.app.call_from_thread(
                self.app.push_screen, CheckInScreen(self.exback.today, row.day)
            )
        elif row.source == "contact":
            found = [c for c in journal.contacts(row.day, row.day) if c.id == row.ref]
            if found:
                self.app.call_from_thread(self.app.push_screen, ContactFormScreen(found[0]))

    def action_delete(self) -> None:
        """Delete the highlighted entry, after asking."""
        row = self._selected()
        if row is None or row.source not in ("entry", "unsent"):
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.delete(row.ref)

        self.app.push_screen(
            ConfirmScreen(
                f"Delete this entry of {row.day:%d %b %Y}? It cannot be undone.", "Delete", "Keep"
            ),
            answered,
        )

    def action_star(self) -> None:
        """Star the highlighted entry, or unstar it."""
        row = self._selected()
        if row is not None and row.source in ("entry", "unsent"):
            self.toggle_star(row.ref)

    @work(thread=True, exclusive=True, group="journal-star", exit_on_error=False)
    def toggle_star(self, entry_id: int) -> None:
        """Add or remove the entry's star (the tag core.stars names), keeping its text."""
        journal = self.exback.journal
        entry = journal.entry(entry_id)
        starred = not is_starred(entry.tags)
        journal.update_entry(entry.id, entry.text, with_star(entry.tags, starred))
        self.app.call_from_thread(self._starred, starred)

    def _starred(self, starred: bool) -> None:
        self.notify("Starred the entry." if starred else "Unstarred the entry.")
        self.exback.journal_changed()

    @work(thread=True, exclusive=True, group="journal-delete", exit_on_error=False)
    def delete(self, entry_id: int) -> None:
        """Delete for good."""
        self.exback.journal.delete_entry(entry_id)
        self.app.call_from_thread(self._deleted)

    def _deleted(self) -> None:
        self.notify("Deleted the entry.")
        self.exback.journal_changed()
