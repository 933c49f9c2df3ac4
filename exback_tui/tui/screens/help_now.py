"""Help now: the user's own people to reach, their crisis line, and the emergency words."""

from __future__ import annotations

from typing import ClassVar, Final

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ...core.text import shown
from ...core.values import SupportContact
from ..host import HostedScreen
from ..widgets.key_footer import SteadyFooter
from ..widgets.screen_header import ScreenHeader

CRISIS_LINE_SETTING: Final = "crisis_line"
"""The journal setting that holds the crisis line the user typed in Settings (empty: none)."""
CRISIS_LINE_MAX: Final = 200  # a name and a number or two, with room to say when to call

# No number is built in: emergency numbers differ by country, and a wrong one is worse than none.
DANGER: Final = (
    "If you are in danger or thinking of harming yourself, call your local emergency number."
)
NO_LINE: Final = "No crisis line set. You can add one in Settings (s), in your own words."
NO_PEOPLE: Final = "No one listed yet. Add a friend or two in Settings (s)."


class HelpNowScreen(HostedScreen, Screen[None]):
    """A hard moment: who to reach, now. Read from the journal, never built in."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    @property
    def drops_letters(self) -> bool:
        """Always: often opened by the h of a message begun in the urge pause ("hey ..."),
        and the letters that follow must not quit (q) or open the keys' help (?)."""
        return True

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with VerticalScroll(id="help-now-page", classes="form-page"):
            yield Static(Text("Help now", style="bold"), classes="page-title")
            yield Static(Text(DANGER, style="bold"), classes="care", id="help-now-danger")
            yield Static("", id="help-now-line", classes="pane-text")
            yield Static(
                Text("You don't have to hold this alone. Reach out to one of them now."),
                classes="pane-text",
            )
            yield Static("", id="help-now-people", classes="pane-text")
        yield SteadyFooter()

    def on_mount(self) -> None:
        """Read the crisis line and the support contacts."""
        self.sub_title = "Help now"
        self.query_one("#help-now-page").focus()
        self.load()

    @work(thread=True, exclusive=True, group="help-now-load", exit_on_error=False)
    def load(self) -> None:
        """The crisis line setting and the support contacts, off the event loop."""
        journal = self.exback.journal
        line = journal.setting(CRISIS_LINE_SETTING) or ""
        people = journal.support_contacts()
        self.show_from_worker(self._show, line, people)

    def _show(self, line: str, people: list[SupportContact]) -> None:
        if line.strip():
            said = Text("Your crisis line: ", style="bold")
            said.append(shown(line.strip()))
        else:
            said = Text(NO_LINE, style="dim")
        self.query_one("#help-now-line", Static).update(said)
        text = Text("People you can reach out to\n", style="bold")
        if not people:
            text.append(NO_PEOPLE, style="dim")
        for person in people:
            text.append(f"• {shown(person.name)}")
            if person.detail:
                text.append(f"  {shown(person.detail)}", style="dim")
            text.append("\n")
        self.query_one("#help-now-people", Static).update(text)
