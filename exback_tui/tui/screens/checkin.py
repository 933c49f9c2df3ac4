"""The daily check-in: mood, urge, habits and a note for one day, keyboard only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Label, SelectionList, Static, TextArea

from ...core.phases import LAST_PHASE
from ...core.text import shown
from ...core.values import MOOD_MAX, MOOD_MIN, URGE_MAX, URGE_MIN, CheckIn, Habit
from ...store.checkin_write import UNSET
from ..host import HostedScreen
from ..render import plain
from ..widgets.key_footer import SteadyFooter
from ..widgets.scale import Scale
from ..widgets.ticks import TickList
from .confirm import ConfirmScreen


@dataclass(frozen=True, slots=True)
class Form:
    """What the form holds, to tell whether anything changed since it was loaded."""

    mood: int | None
    urge: int | None
    habits: frozenset[str]
    note: str


def day_title(day: date, today: date) -> str:
    """'today', 'yesterday' or 'Fri 20 Nov 2026'."""
    if day == today:
        return f"today, {day:%a %d %b}"
    if (today - day).days == 1:
        return f"yesterday, {day:%a %d %b}"
    return f"{day:%a %d %b %Y}"


# Below this many rows the full-size form (six rows of habits, five of note) would cover the
# footer or lose its last line: 24 rows hold the short form and the footer.
TALL_ENOUGH = 30


class CheckInScreen(HostedScreen, ModalScreen[bool]):
    """Check in for a day (today by default); reopening a saved day edits it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="Save this day's check-in"),
        Binding("escape", "cancel", "Cancel", priority=True, tooltip="Close (asks if changed)"),
        Binding("left_square_bracket", "day(-1)", "Day before", key_display="["),
        Binding("right_square_bracket", "day(1)", "Day after", key_display="]"),
    ]

    def __init__(self, today: date, day: date | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.today = today
        self.day = day or today
        self._loaded = Form(None, None, frozenset(), "")
        self._saved_day = False
        self._saving = False
        self._first_load = True
        self.asks_urge = True
        """False once back together (phase 6): the urge to reach out means nothing then."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog", id="checkin"):
            with Horizontal(classes="dialog-title-row"):
                yield Static("", id="checkin-title")
                yield Static("", id="checkin-state")
            yield Label("Mood: how are you, 1 (awful) to 10 (great)?", classes="field-label")
            yield Scale(MOOD_MIN, MOOD_MAX, id="mood")
            yield Label(
                "Urge to contact them: 0 (none) to 10 (overwhelming)",
                classes="field-label",
                id="urge-label",
            )
            yield Scale(URGE_MIN, URGE_MAX, id="urge")
            yield Label("Habits done (space ticks)", classes="field-label")
            yield TickList(id="habits")
            yield Label("Note", classes="field-label")
            yield TextArea(id="note", soft_wrap=True, show_line_numbers=False, compact=True)
            yield Static(
                Text("ctrl+s save · esc cancel · [ ] day before/after · tab next field"),
                classes="hint",
            )
        # Its own footer: the dashboard's goes blank under a dialog, and these are the keys
        # that work here.
        yield SteadyFooter(compact=True)

    def on_resize(self, event: events.Resize) -> None:
        """On a short terminal the habits and the note take fewer rows (each scrolls), so the
        whole form and the footer below it stay in sight."""
        self.set_class(event.size.height < TALL_ENOUGH, "-short")

    def on_mount(self) -> None:
        """Focus starts on mood; the day's saved values load in the background."""
        self.query_one("#mood", Scale).focus()
        self._show_title()
        self.load_day(self.day)

    def _show_title(self) -> None:
        self.query_one("#checkin-title", Static).update(
            Text(f"Check-in · {day_title(self.day, self.today)}", style="bold")
        )
        self._show_state()

    def _show_state(self) -> None:
        """The header's word on the day: unsaved the moment the form differs from the file."""
        if self._first_load:
            state, style = "loading…", "italic"
        elif self.current() != self._loaded:
            state, style = "unsaved changes", "bold italic"
        elif self._saved_day:
            state, style = "saved ✓", "bold"
        else:
            state, style = "not saved yet", "italic"
        self.query_one("#checkin-state", Static).update(Text(state, style=style))
        self.set_class(state == "saved ✓", "-saved")
        self.set_class(state == "unsaved changes", "-unsaved")

    # -- loading -------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="checkin-load", exit_on_error=False)
    def load_day(self, day: date) -> None:
        """Read the day's check-in and the habit list."""
        journal = self.exback.journal
        found = journal.checkin(day)
        habits = journal.habits()
        together = journal.current_phase().phase == LAST_PHASE
        self.show_from_worker(self._fill, day, found, habits, together)

    def _fill(
        self, day: date, found: CheckIn | None, habits: list[Habit], together: bool = False
    ) -> None:
        self.day = day
        self.asks_urge = not together
        for part in ("#urge-label", "#urge"):
            self.query_one(part).display = self.asks_urge
        self._saved_day = found is not None and (found.mood is not None or found.urge is not None)
        form = Form(
            found.mood if found else None,
            found.urge if found else None,
            frozenset(found.habits) if found else frozenset(),
            shown(found.note) if found else "",  # as the text area can show it
        )
        # On the first load, what was typed while it loaded (the journal may still be opening
        # right after start-up) wins over the saved value; a day switch replaces everything.
        typed = self.current() if self._first_load else self._loaded
        untouched = self._loaded
        self._first_load = False
        self._loaded = form
        mood = form.mood if typed.mood == untouched.mood else typed.mood
        urge = form.urge if typed.urge == untouched.urge else typed.urge
        self.query_one("#mood", Scale).value = mood
        self.query_one("#urge", Scale).value = urge
        selection = self.query_one("#habits", SelectionList)
        selection.clear_options()
        names = [h.name for h in habits]
        names += sorted(form.habits - set(names))  # an archived habit done that day stays visible
        selection.add_options([(plain(n), n, n in form.habits) for n in names])
        if names:
            selection.highlighted = 0
        if typed.note == untouched.note:
            self.query_one("#note", TextArea).load_text(form.note)
        self._show_title()

    # -- the form ------------------------------------------------------------------------

    def current(self) -> Form:
        """What the form holds now."""
        return Form(
            self.query_one("#mood", Scale).value,
            self.query_one("#urge", Scale).value,
            frozenset(self.query_one("#habits", SelectionList).selected),
            self.query_one("#note", TextArea).text,
        )

    @property
    def accepts_keys(self) -> bool:
        """False until the day's values and habits are in the form: the app's key gate holds
        keys typed before then, so a tick typed at once lands on the list it ticks."""
        return not self._first_load

    @property
    def has_unsaved_changes(self) -> bool:
        """Something was typed or ticked that is not saved."""
        return self.is_mounted and self.current() != self._loaded and not self._saving

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """[ and ] type into the note; elsewhere they change the day (never past today)."""
        if action == "day":
            if isinstance(self.focused, TextArea):
                return False
            if parameters and parameters[0] == 1 and self.day >= self.today:
                return None
        return True

    def action_day(self, delta: int) -> None:
        """Move to the day before or after (never past today)."""
        target = self.day + timedelta(days=delta)
        if target > self.today:
            return

        def go(leave: bool | None) -> None:
            if leave:
                self.load_day(target)

        if self.has_unsaved_changes:
            self.app.push_screen(
                ConfirmScreen(
                    "This day has changes that are not saved. Leave it?", "Leave", "Stay"
                ),
                go,
            )
        else:
            go(True)

    def action_cancel(self) -> None:
        """Close; asks first if something changed."""
        if not self.has_unsaved_changes:
            self.dismiss(False)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(False)

        self.app.push_screen(
            ConfirmScreen("Discard the changes to this check-in?", "Discard", "Keep editing"),
            answered,
        )

    def action_save(self) -> None:
        """Save the day (ctrl+s, from any field)."""
        form = self.current()
        if form.mood is None and form.urge is None and not form.habits and not form.note.strip():
            self.notify("Nothing to save yet: type a mood from 1 to 10.", severity="warning")
            return
        self._saving = True
        self.save(self.day, form)

    @work(thread=True, exclusive=True, group="checkin-save", exit_on_error=False)
    def save(self, day: date, form: Form) -> None:
        """Write the check-in, then close and let the panes refresh."""
        try:
            self.exback.journal.record_checkin(
                day,
                mood=form.mood,
                urge=form.urge if self.asks_urge else UNSET,
                note=form.note,
                habits=form.habits,
                today=self.today,
            )
        finally:
            self._saving = False
        self.app.call_from_thread(self._saved, day)

    def _saved(self, day: date) -> None:
        self.notify(f"Saved the check-in for {day_title(day, self.today)}.", markup=False)
        self.exback.journal_changed()
        self.dismiss(True)

    @on(Scale.Changed)
    @on(SelectionList.SelectedChanged)
    @on(TextArea.Changed)
    def _form_changed(self, event: Message) -> None:
        """Keep the header honest; the values are read on save."""
        event.stop()
        if self.is_mounted:
            self._show_state()

    @on(Scale.OutOfRange)
    def _out_of_range(self, event: Scale.OutOfRange) -> None:
        """A number the scale does not have: say so where the eye is, keep what was chosen."""
        event.stop()
        what = "Mood" if event.scale.id == "mood" else "The urge"
        self.notify(
            f"{what} goes from {event.scale.low} to {event.scale.high}; "
            f"{event.typed} is not on the scale.",
            severity="warning",
            markup=False,
        )
