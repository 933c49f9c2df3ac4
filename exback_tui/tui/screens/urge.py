"""The urge to contact them: a slow sixty-second pause, then write it down instead of sending it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, ContentSwitcher, Label, Static, TextArea

from ...core import phases
from ...core.values import URGE_MAX, URGE_MIN, EntryKind
from ..host import HostedScreen
from ..widgets.key_footer import SteadyFooter
from ..widgets.scale import Scale
from .confirm import ConfirmScreen

# One slow breath: four in, four held, six out. A longer out-breath calms the body.
BREATH = (("Breathe in", 4), ("Hold", 4), ("Breathe out", 6))
UNSENT_TAGS = ("unsent", "urge")


def breath_at(second: int) -> tuple[str, int]:
    """What to do at this second of the pause, and how many seconds of it are left."""
    cycle = sum(n for _, n in BREATH)
    at = second % cycle
    for words, length in BREATH:
        if at < length:
            return words, length - at
        at -= length
    return BREATH[0][0], BREATH[0][1]


class UrgeScreen(HostedScreen, Screen[None]):
    """Pause first (escape leaves the pause early); then write what you'd have said."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "leave",
            "Skip / close",
            priority=True,
            tooltip="Leave the pause early, or close",
        ),
        Binding(
            "ctrl+s",
            "save",
            "Save",
            priority=True,
            tooltip="Keep the unsent message and how strong the urge is",
        ),
        Binding(
            "h",
            "app.open('help_now')",
            "Help now",
            tooltip="Your support contacts and crisis line, for a hard moment",
        ),
    ]

    def __init__(self, seconds: int = 60) -> None:
        super().__init__()
        self.seconds = seconds
        self.elapsed = 0
        self.timer: Timer | None = None
        self.writing = False
        self.typed_early = False
        """Letters were typed during the pause (the countdown then says why they went nowhere)."""

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="urge-pause", id="urge-steps"):
            with Vertical(id="urge-pause", classes="form-page"):
                yield Static(
                    Text("You want to contact them. Let's pause for a minute first.", style="bold"),
                    classes="page-title",
                )
                yield Static("", id="breath")
                yield Static("", id="countdown", classes="hint")
                yield Static("", id="reasons", classes="pane-text")
                yield Button("Help now (h)", id="help-now", compact=True)
            with Vertical(id="urge-write", classes="form-page"):
                yield Static(
                    Text("Write what you would have said", style="bold"), classes="page-title"
                )
                yield Static(
                    Text(
                        "It stays here, in your journal, as an unsent message. It is never sent "
                        "anywhere."
                    ),
                    classes="pane-text",
                )
                yield TextArea(id="unsent", soft_wrap=True)
                yield Label("How strong is the urge now? 0 (gone) to 10", classes="field-label")
                yield Scale(URGE_MIN, URGE_MAX, id="urge-now")
                yield Static(Text("ctrl+s save · esc close"), classes="hint")
        yield SteadyFooter()

    def on_mount(self) -> None:
        """Start the pause and read the reasons from your phase."""
        self.load_reasons()
        self._tick_view()
        self.timer = self.set_interval(1, self._tick)

    @work(thread=True, exclusive=True, group="urge-load", exit_on_error=False)
    def load_reasons(self) -> None:
        """Your phase's reasons to hold on."""
        number = self.exback.journal.current_phase().phase
        self.show_from_worker(self._show_reasons, number)

    def _show_reasons(self, number: int) -> None:
        p = phases.phase(number)
        text = Text(f"Remember, in phase {number} ({p.title}):\n", style="bold")
        text.append(p.purpose + "\n")
        for line in p.guidance[1:4]:
            text.append(f"\n• {line}")
        self.query_one("#reasons", Static).update(text)

    @on(Button.Pressed, "#help-now")
    def _help_now(self) -> None:
        self.exback.action_open("help_now")

    def _tick(self) -> None:
        self.elapsed += 1
        if self.elapsed >= self.seconds:
            self.to_writing()
        else:
            self._tick_view()

    def _tick_view(self) -> None:
        words, left = breath_at(self.elapsed)
        self.query_one("#breath", Static).update(Text(f"{words}… {left}", style="bold"))
        remaining = max(0, self.seconds - self.elapsed)
        if self.typed_early:
            said = f"Breathe first: the page to write on opens in {remaining} seconds"
        else:
            said = f"{remaining} seconds left"
        self.query_one("#countdown", Static).update(
            Text(f"{said} · escape to stop the pause early")
        )

    @property
    def drops_letters(self) -> bool:
        """During the breathing minute, before the page to write on."""
        return not self.writing

    def on_key(self, event: events.Key) -> None:
        """A message started during the pause: its letters are not keys (``q`` would have
        quit, ``?`` opened the help). They are dropped, and the pause says when the page to
        write on comes. ``h`` still opens Help now."""
        if not self.drops_letters or not event.is_printable or event.key == "h":
            return
        event.stop()
        event.prevent_default()
        self.typed_early = True
        self._tick_view()

    def to_writing(self) -> None:
        """End the pause and open the page to write on."""
        if self.timer is not None:
            self.timer.stop()
        self.writing = True
        self.refresh_bindings()  # q and ? are offered again
        self.query_one("#urge-steps", ContentSwitcher).current = "urge-write"
        self.query_one("#unsent", TextArea).focus()

    @property
    def has_unsaved_changes(self) -> bool:
        """An unsent message was written and not kept yet."""
        return self.is_mounted and bool(self.query_one("#unsent", TextArea).text.strip())

    def action_leave(self) -> None:
        """Escape: leave the pause early; on the writing page, close (asking if written)."""
        if not self.writing:
            self.to_writing()
            return
        if not self.has_unsaved_changes:
            self.dismiss()
            return
        self.app.push_screen(
            ConfirmScreen("Drop what you wrote?", "Drop it", "Keep writing"),
            self._drop_if,
        )

    async def _drop_if(self, drop: bool | None) -> None:
        """After "Drop what you wrote?": close if the answer was yes."""
        if drop:
            await self.dismiss()

    def action_save(self) -> None:
        """Keep the message (if any) and the urge's strength in the urge log."""
        if not self.writing:
            return
        text = self.query_one("#unsent", TextArea).text
        urge = self.query_one("#urge-now", Scale).value
        if not text.strip() and urge is None:
            self.notify("Write something, or rate the urge, to keep it.", severity="warning")
            return
        self.save(text, urge)

    @work(thread=True, exclusive=True, group="urge-save", exit_on_error=False)
    def save(self, text: str, urge: int | None) -> None:
        """Write the unsent message, and the reading to the urge log (never the check-in)."""
        journal = self.exback.journal
        today = self.exback.today
        if text.strip():
            journal.add_entry(text, day=today, kind=EntryKind.UNSENT, tags=UNSENT_TAGS)
        if urge is not None:
            # The day's check-in urge is how the day went; this is one moment of it, kept apart.
            journal.log_urge(urge)
        self.app.call_from_thread(self._saved)

    def _saved(self) -> None:
        self.notify("Kept it here, unsent. Well done for pausing.")
        self.exback.journal_changed()
        self.query_one("#unsent", TextArea).load_text("")
        self.dismiss()
