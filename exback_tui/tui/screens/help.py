"""Help: every key (from tui.keys and the screens' own bindings) and what each pane means."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from .. import keys
from ..widgets.key_footer import SteadyFooter
from ..widgets.prose_area import ProseArea
from ..widgets.screen_header import ScreenHeader
from .checkin import CheckInScreen
from .entry import EntryScreen
from .phase import PhaseScreen

PANES = (
    (
        "Roadmap",
        "The six phases of the way back. The one you are in is marked ●, one you worked "
        "through ✓, one you left early ›, one you skipped –, one before the journal began ·. Each "
        "shows how much of its checklist you've ticked and how many days you've spent in it. "
        "Enter on a phase opens it: guidance, checklist, the signals that say it's done, and "
        "moving on or back. Its next step is the same one the readiness pane gives.",
    ),
    (
        "Mood & habits",
        "Today's check-in, the last 30 days of mood as a sparkline (a dot is a day "
        "without one), 7- and 30-day averages, your check-in streak, how long your pause has held "
        "(until phase 4) and this week's habits.",
    ),
    (
        "Readiness",
        "A meter from 0 to 100 for the next small contact step. Every point comes from "
        "a factor listed under it: the number beside each is its share of the score, and the "
        "column adds up to it. ? is a factor with no data yet (it adds nothing), – one that "
        "doesn't count in this phase. A hard week, a red flag or a decision to let go stops the "
        "meter: then it's about you, not the score.",
    ),
    (
        "Relationship health",
        "In phase 6 the readiness pane becomes this: the safeguards, early "
        "warning signs and talks to look at each week. Space or enter on one marks it as looked at "
        "this week (✓); a week later it is due again. The urge to reach out isn't asked then.",
    ),
)

FACTORS = (
    (
        "Space",
        "Days since the last personal contact you started, against your pause target. "
        "Logistics (children, home) don't count; reaching out during the pause restarts it.",
    ),
    (
        "Mood",
        "How you've felt lately: the level, how much it swings, and its direction. "
        '"Mostly OK" more days than not is the aim.',
    ),
    ("Habits", "How regularly you did your self-improvement habits lately."),
    ("Neediness", "Your urge to contact them: how strong it is and whether it's easing."),
    ("Clarity", "Whether the phase 3 evaluation is done and says to pursue."),
    (
        "Receptiveness",
        "From phase 4: how they responded to recent contacts. Friendly more "
        "than once, not a one-off.",
    ),
    ("Check-ins", "Enough data to trust the rest; too few check-ins means no score yet."),
)

ICONS = "✓ good   ~ getting there   ✗ holding you back   · no data or doesn't apply yet"


def key_table(bindings: list[BindingType], title: str) -> Table:
    """A table of the keys in one list of bindings."""
    table = Table(title=title, title_justify="left", show_header=False, box=None, padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(style="dim")
    for item in bindings:
        if not isinstance(item, Binding):
            continue
        key = item.key_display or item.key.replace("question_mark", "?")
        key = key.replace("left_square_bracket", "[").replace("right_square_bracket", "]")
        table.add_row(Text(key), Text(item.description), Text(item.tooltip))
    return table


class HelpScreen(Screen[None]):
    """Every key and what each part of the dashboard means."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with VerticalScroll(id="help", classes="form-page"):
            # The dashboard repeats the help key to show it early in its footer; it is listed
            # once, with the keys that work everywhere.
            yield Static(
                key_table([b for b in keys.DASHBOARD if b not in keys.EVERYWHERE], "Dashboard keys")
            )
            yield Static(
                key_table(
                    [
                        *keys.EVERYWHERE,
                        Binding(
                            "ctrl+p", "command_palette", "Command palette: every action by name"
                        ),
                        Binding("tab", "", "Next field or pane"),
                    ],
                    "Everywhere",
                )
            )
            yield Static(key_table(CheckInScreen.BINDINGS, "Check-in"))
            yield Static(key_table(PhaseScreen.BINDINGS, "A phase"))
            yield Static(key_table([*EntryScreen.BINDINGS, *ProseArea.BINDINGS], "An entry"))
            yield Static(Text("\nWhat the panes mean", style="bold"))
            for name, words in PANES:
                line = Text(f"{name}. ", style="bold")
                line.append(words)
                yield Static(line, classes="pane-text")
            yield Static(Text("\nThe readiness factors", style="bold"))
            yield Static(Text(ICONS, style="dim"))
            for name, words in FACTORS:
                line = Text(f"{name}. ", style="bold")
                line.append(words)
                yield Static(line, classes="pane-text")
        yield SteadyFooter()

    def on_mount(self) -> None:
        """Scroll with the keyboard straight away."""
        self.sub_title = "Help"
        self.query_one("#help").focus()
