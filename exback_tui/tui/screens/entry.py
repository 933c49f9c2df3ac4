"""Read, edit or write one journal entry; a new one offers today's writing prompt."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from ...core.prompts import prompt_for
from ...core.text import shown
from ...core.values import Entry, EntryKind
from ..host import HostedScreen
from ..widgets.key_footer import SteadyFooter
from ..widgets.prose_area import ProseArea
from .confirm import ConfirmScreen


class EntryScreen(HostedScreen, ModalScreen[bool]):
    """One entry in a text area; ctrl+s saves, escape asks before dropping changes.

    A new entry shows today's writing prompt above the text (the phase's, as `exback prompt`
    prints it); ctrl+n shows another, ctrl+o puts it away. The entry keeps the prompt shown
    when it is saved; an entry written to one shows it, read-only, above its text.
    """

    # ctrl keys TextArea leaves alone (it takes ctrl+a, d, e, k, u, w, x, c, v, z, y), with
    # priority so the focused text area never sees them.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="Save the entry"),
        Binding(
            "ctrl+n",
            "another_prompt",
            "Another prompt",
            priority=True,
            tooltip="A new entry: show another writing prompt",
        ),
        Binding(
            "ctrl+o",
            "no_prompt",
            "No prompt",
            priority=True,
            tooltip="A new entry: put the prompt away (saved without one)",
        ),
        Binding("escape", "cancel", "Close", priority=True, tooltip="Close (asks if changed)"),
    ]

    def __init__(self, entry: Entry | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.entry = entry
        #: The prompt shown, kept with a new entry when it is saved (empty: none).
        self.prompt = entry.prompt if entry is not None else ""
        self._phase: int | None = None  # the journal's phase, once read
        self._turn = 0  # how many times "another" was asked for

    def compose(self) -> ComposeResult:
        e = self.entry
        with Vertical(classes="dialog wide-dialog", id="entry-dialog"):
            if e is None:
                title = "New entry"
            else:
                kind = "Unsent message" if e.kind is EntryKind.UNSENT else "Entry"
                title = f"{kind} · {e.day:%a %d %b %Y}"
            yield Static(Text(title, style="bold"), classes="page-title")
            # An old entry's prompt comes from the journal: shown as any journal text is.
            yield Static(self._prompt_text(), id="entry-prompt")
            # What the journal holds, as it may be shown (an old or crafted journal may hold
            # escape sequences); saving stores it cleaned the same way.
            # ProseArea: Textual's TextArea, quick in a paragraph of any length.
            yield ProseArea(shown(e.text) if e else "", id="entry-text", soft_wrap=True)
            yield Label("Tags (space between them)", classes="field-label")
            yield Input(shown(" ".join(e.tags)) if e else "", id="entry-tags", compact=True)
            yield Static(Text(self._hint()), classes="hint", id="entry-hint")
        # Its own footer, as the check-in's: the dashboard's goes blank under a dialog.
        yield SteadyFooter(compact=True)

    def on_mount(self) -> None:
        """Start in the text; a new entry reads the phase for its prompt meanwhile."""
        self.query_one("#entry-text", TextArea).focus()
        self.query_one("#entry-prompt").display = bool(self.prompt)
        if self.entry is None:
            self.load_prompt()

    @work(thread=True, exclusive=True, group="entry-prompt", exit_on_error=False)
    def load_prompt(self) -> None:
        """The phase today's prompt belongs to (a read of the journal, off the event loop)."""
        phase = self.exback.journal.current_phase().phase
        self.show_from_worker(self._show_phase, phase)

    def _show_phase(self, phase: int) -> None:
        self._phase = phase
        self._show_prompt(prompt_for(phase, self.exback.today, self._turn))

    def _show_prompt(self, prompt: str) -> None:
        self.prompt = prompt
        shown_prompt = self.query_one("#entry-prompt", Static)
        shown_prompt.update(self._prompt_text())
        shown_prompt.display = bool(prompt)
        self.query_one("#entry-hint", Static).update(Text(self._hint()))

    def _prompt_text(self) -> Text:
        return Text(shown(self.prompt), style="italic")

    def _hint(self) -> str:
        if self.entry is not None:
            return "ctrl+s save · esc close"
        if self.prompt:
            return "ctrl+s save · ctrl+n another prompt · ctrl+o no prompt · esc close"
        return "ctrl+s save · ctrl+n a prompt · esc close"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The prompt's keys belong to a new entry: an entry written keeps its prompt."""
        if action in ("another_prompt", "no_prompt"):
            return self.entry is None
        return True

    def action_another_prompt(self) -> None:
        """Show the phase's next prompt (ctrl+n), round to the first after the last."""
        if self._phase is not None:
            self._turn += 1
            self._show_prompt(prompt_for(self._phase, self.exback.today, self._turn))

    def action_no_prompt(self) -> None:
        """Put the prompt away (ctrl+o): the entry is then saved without one."""
        self._show_prompt("")

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
        self.save(text, tags, self.prompt)

    @work(thread=True, exclusive=True, group="entry-save", exit_on_error=False)
    def save(self, text: str, tags: list[str], prompt: str = "") -> None:
        """Write the entry (a new one with the ``prompt`` shown as it was saved)."""
        journal = self.exback.journal
        if self.entry is None:
            today = self.exback.today
            journal.add_entry(text, day=today, tags=tags, prompt=prompt)
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
