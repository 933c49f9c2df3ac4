"""The weekly review in the app: last week against the week before, and a line to reflect on,
kept as an entry tagged ``review`` (the counting and the words are core.week_review)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Final

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static, TextArea

from ...core.text import shown
from ...core.week_review import WeekReview, last_week, review_lines, week_label
from ...store.week_read import first_day_of_week, read_week_review
from ..host import HostedScreen
from ..widgets.key_footer import SteadyFooter
from ..widgets.screen_header import ScreenHeader
from .confirm import ConfirmScreen

REVIEW_TAG: Final = "review"


def review_entry(week: WeekReview, reflection: str) -> str:
    """The entry a saved review becomes: the review as shown, then what you wrote."""
    text = "\n".join(review_lines(week))
    if reflection.strip():
        text += "\n\n" + reflection.strip()
    return text


class WeekReviewScreen(HostedScreen, Screen[None]):
    """Last week's review; ctrl+s keeps it and your reflection as an entry, escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            priority=True,
            tooltip="Keep the review and your reflection as an entry tagged review",
        ),
        Binding("escape", "leave", "Close", priority=True, tooltip="Close (asks if you wrote)"),
    ]

    def __init__(self, start: date | None = None) -> None:
        """The review of the week starting ``start`` (default: the week just ended)."""
        super().__init__()
        self.start = start
        self.week: WeekReview | None = None

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with Vertical(id="week-review-page", classes="form-page"):
            with VerticalScroll(id="week-review-scroll"):
                yield Static("", id="week-review", classes="pane-text")
            yield Label(
                "Your reflection (kept with the review)", id="week-prompt", classes="field-label"
            )
            yield TextArea(id="week-reflection", soft_wrap=True)
            yield Static(Text("ctrl+s save · esc close"), classes="hint")
        yield SteadyFooter()

    def on_mount(self) -> None:
        """Read the two weeks, and start in the reflection."""
        self.sub_title = "Weekly review"
        # The review scrolls; the reflection keeps five lines even at 80x24.
        self.query_one("#week-review-scroll").styles.height = "1fr"
        area = self.query_one("#week-reflection", TextArea)
        area.styles.height = 5
        area.focus()
        self.load(self.start)

    @work(thread=True, exclusive=True, group="week-review-load", exit_on_error=False)
    def load(self, start: date | None) -> None:
        """The week's check-ins (and the week before's), habits, urge pauses, contacts and
        the exit signals that moved; without ``start``, the week just ended by the user's
        week start."""
        journal = self.exback.journal
        today = self.exback.today
        if start is None:
            start = last_week(today, first_day_of_week(journal))
        self.show_from_worker(self._show, read_week_review(journal, start, today))

    def _show(self, week: WeekReview) -> None:
        self.week = week
        lines = review_lines(week, with_prompt=False)
        self.query_one("#week-review", Static).update(Text(shown("\n".join(lines))))
        # The question sits on the box that answers it, in sight at 80x24 however long the
        # review above it scrolls.
        self.query_one("#week-prompt", Label).update(
            Text(f"To reflect on: {shown(week.prompt)}", style="bold")
        )

    @property
    def has_unsaved_changes(self) -> bool:
        """A reflection was written and not kept yet."""
        return self.is_mounted and bool(self.query_one("#week-reflection", TextArea).text.strip())

    def action_save(self) -> None:
        """Keep the review and the reflection as one entry."""
        if self.week is None:
            return
        self.save(self.week, self.query_one("#week-reflection", TextArea).text)

    @work(thread=True, exclusive=True, group="week-review-save", exit_on_error=False)
    def save(self, week: WeekReview, reflection: str) -> None:
        """Write the entry, dated today and tagged review."""
        self.exback.journal.add_entry(
            review_entry(week, reflection), day=self.exback.today, tags=(REVIEW_TAG,)
        )
        self.app.call_from_thread(self._saved, week)

    def _saved(self, week: WeekReview) -> None:
        self.notify(f"Kept the review of {week_label(week.start)} in your journal.")
        self.exback.journal_changed()
        self.query_one("#week-reflection", TextArea).load_text("")
        self.dismiss()

    def action_leave(self) -> None:
        """Close; asks first when a reflection would be lost."""
        if not self.has_unsaved_changes:
            self.dismiss()
            return

        async def answered(drop: bool | None) -> None:
            if drop:
                await self.dismiss()

        self.app.push_screen(
            ConfirmScreen("Drop what you wrote?", "Drop it", "Keep writing"), answered
        )
