"""Log a contact with the ex (or edit a logged one): the ladder and the meter follow at once."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, RadioSet, Select, Static

from ...core import phase_text, phases
from ...core.text import shown
from ...core.values import Contact, Initiator, Medium, Response
from ..host import HostedScreen
from ..widgets.key_footer import SteadyFooter
from ..widgets.ticks import RadioTick, TickBox
from .confirm import ConfirmScreen

WHEN_FORMAT = "%Y-%m-%d %H:%M"
MEDIUM_WORDS = {
    Medium.TEXT: "Text message",
    Medium.LETTER: "Handwritten letter",
    Medium.EMAIL: "Email",
    Medium.CALL: "Phone call",
    Medium.VIDEO: "Video call",
    Medium.SOCIAL: "Social media",
    Medium.MEETUP: "Meeting in person",
}
RESPONSE_WORDS = {
    Response.NONE: "No answer (yet)",
    Response.HOSTILE: "Hostile",
    Response.COLD: "Cold",
    Response.NEUTRAL: "Neutral",
    Response.FRIENDLY: "Friendly",
    Response.WARM: "Warm",
}


class ContactFormScreen(HostedScreen, ModalScreen[bool]):
    """A form for one contact; dismisses True when saved."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="Save the contact"),
        Binding("escape", "cancel", "Cancel", tooltip="Close (asks if changed)"),
    ]

    def __init__(self, contact: Contact | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.contact = contact
        self._start: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        c = self.contact
        with VerticalScroll(classes="dialog wide-dialog", id="contact-form"):
            title = "Edit a contact" if c else "Log a contact"
            yield Static(Text(title, style="bold"), classes="page-title")
            yield Label("When (YYYY-MM-DD HH:MM)", classes="field-label")
            when = (c.when if c else datetime.now().astimezone()).strftime(WHEN_FORMAT)
            yield Input(when, id="when", compact=True, max_length=16)
            yield Label("How", classes="field-label")
            yield Select(
                [(w, m.value) for m, w in MEDIUM_WORDS.items()],
                value=(c.medium.value if c else Medium.TEXT.value),
                allow_blank=False,
                id="medium",
                compact=True,
            )
            yield Label("Who reached out?", classes="field-label")
            with RadioSet(id="initiator", compact=True):
                yield RadioTick(
                    "I did", name="me", value=c is None or c.initiated_by is Initiator.ME
                )
                yield RadioTick(
                    "They did",
                    name="them",
                    value=c is not None and c.initiated_by is Initiator.THEM,
                )
            yield TickBox(
                "Logistics only (children, home): doesn't break the pause",
                value=c.logistics if c else False,
                id="logistics",
                compact=True,
            )
            yield Label("How did they respond?", classes="field-label")
            yield Select(
                [(w, r.value) for r, w in RESPONSE_WORDS.items()],
                value=(c.response.value if c else Response.NONE.value),
                allow_blank=False,
                id="response",
                compact=True,
            )
            yield Label("Minutes (optional)", classes="field-label")
            minutes = "" if c is None or c.minutes is None else str(c.minutes)
            yield Input(minutes, id="minutes", type="integer", compact=True, max_length=4)
            yield Label("Note", classes="field-label")
            yield Input(shown(c.note) if c else "", id="contact-note", compact=True)
            yield Static(Text("ctrl+s save · esc cancel"), classes="hint")
        # Its own footer, as the check-in's: the dashboard's goes blank under a dialog.
        yield SteadyFooter(compact=True)

    def on_mount(self) -> None:
        """Start on the first field, the time; remember the start to know if anything changed."""
        self.query_one("#when", Input).focus()
        self._start = self.values(quiet=True) or {}

    def values(self, quiet: bool = False) -> dict[str, Any] | None:
        """The form as journal arguments; None (with a message) when a field is wrong."""
        raw_when = self.query_one("#when", Input).value.strip()
        try:
            when = datetime.strptime(raw_when, WHEN_FORMAT).astimezone()
        except ValueError:
            if quiet:
                return None
            self.notify(
                f"{raw_when!r} is not a time: write it as YYYY-MM-DD HH:MM.",
                severity="error",
                markup=False,
            )
            return None
        raw_minutes = self.query_one("#minutes", Input).value.strip()
        pressed = self.query_one("#initiator", RadioSet).pressed_button
        return {
            "when": when,
            "medium": str(self.query_one("#medium", Select).value),
            "initiated_by": pressed.name if pressed is not None and pressed.name else "me",
            "logistics": self.query_one("#logistics", Checkbox).value,
            "response": str(self.query_one("#response", Select).value),
            "minutes": int(raw_minutes) if raw_minutes else None,
            "note": self.query_one("#contact-note", Input).value,
        }

    @property
    def has_unsaved_changes(self) -> bool:
        """Something was changed and not saved."""
        return self.is_mounted and self.values(quiet=True) != self._start

    def action_save(self) -> None:
        """Save the contact (ctrl+s); a logistics contact with no children and no shared home
        is checked with the user first."""
        found = self.values()
        if found is None:
            return
        newly_logistics = found["logistics"] and (
            self.contact is None or not self.contact.logistics
        )
        if newly_logistics:
            self.check_logistics(found)
        else:
            self.save(found)

    @work(thread=True, exclusive=True, group="contact-save", exit_on_error=False)
    def check_logistics(self, values: dict[str, Any]) -> None:
        """Read the journey: logistics without children or a home to share asks first."""
        if phases.logistics_needs_reason(self.exback.journal.journey()):
            self.app.call_from_thread(self._confirm_logistics, values)
        else:
            self._write(values)

    def _confirm_logistics(self, values: dict[str, Any]) -> None:
        def answered(log_it: bool | None) -> None:
            if log_it:
                self.save(values)
            # Otherwise back to the form, as it was, with nothing saved.

        self.app.push_screen(
            ConfirmScreen(
                f"{phase_text.LOGISTICS_CHECK}\n\nLog this as a logistics contact?",
                "Log it",
                "Back to the form",
            ),
            answered,
        )

    @work(thread=True, exclusive=True, group="contact-save", exit_on_error=False)
    def save(self, values: dict[str, Any]) -> None:
        """Write the contact."""
        self._write(values)

    def _write(self, values: dict[str, Any]) -> None:
        """Write the contact, then close (from a worker thread)."""
        journal = self.exback.journal
        if self.contact is None:
            journal.log_contact(**values)
        else:
            journal.update_contact(self.contact.id, **values)
        self.app.call_from_thread(self._saved, values["logistics"])

    def _saved(self, logistics: bool) -> None:
        words = "Logged the contact."
        if logistics:
            words += " Logistics contacts don't count against your pause."
        self.notify(words)
        self.exback.journal_changed()
        self.dismiss(True)

    def action_cancel(self) -> None:
        """Close; asks first if something changed."""
        if self.values(quiet=True) == self._start:
            self.dismiss(False)
            return
        self.app.push_screen(
            ConfirmScreen("Discard this contact?", "Discard", "Keep editing"),
            self._discard_if,
        )

    async def _discard_if(self, discard: bool | None) -> None:
        """After "Discard this contact?": close, unsaved, if the answer was yes."""
        if discard:
            await self.dismiss(False)
