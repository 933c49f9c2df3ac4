"""Every key of the app in one table: the footer, the help screen and the palette read it.

A binding's ``description`` is its footer label and palette title, its ``tooltip`` the line
that explains it (on hover, in help, in the palette). The ``id`` lets a keymap rebind it.
Screens with keys of their own (the check-in, a phase) keep them on the screen; the help
screen reads them there.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from textual.binding import Binding

HELP: Final = Binding(
    "question_mark",
    "app.open('help')",
    "Help",
    id="help",
    tooltip="Every key and what each pane means",
)

EVERYWHERE: Final[list[Binding]] = [
    HELP,
    Binding(
        "ctrl+b",
        "app.blank",
        "Blank",
        id="blank",
        tooltip="Hide everything; any key brings it back",
    ),
    Binding(
        "ctrl+l",
        "app.lock",
        "Lock",
        id="lock",
        priority=True,
        tooltip="Hide everything until the passphrase is typed",
    ),
    Binding(
        "q",
        "app.quit",
        "Quit",
        id="quit",
        tooltip="Leave exback (asks first if something is unsaved)",
    ),
]
"""The app's own keys: they work on every screen."""

DASHBOARD: Final[list[Binding]] = [
    Binding(
        "c",
        "app.open('checkin')",
        "Check-in",
        id="checkin",
        tooltip="Rate today's mood and urge, tick habits, write a note",
    ),
    # The app's help key, shown early: at 80 columns the footer has room for about eight
    # keys, and help lists them all.
    HELP,
    # A screen action, not app.open: the dashboard hides it once you are together again.
    Binding(
        "u",
        "urge",
        "Urge",
        id="urge",
        tooltip="I want to contact them: pause first, then write what you'd have said",
    ),
    Binding("l", "app.open('contact')", "Log", id="contact", tooltip="Log a contact with your ex"),
    Binding(
        "j",
        "app.open('journal')",
        "Journal",
        id="journal",
        tooltip="Read, search and write entries",
    ),
    Binding(
        "o",
        "app.open('contacts')",
        "Contacts",
        id="contacts",
        tooltip="The contact log: add, edit, delete",
    ),
    Binding(
        "e",
        "app.open('evaluation')",
        "Evaluate",
        id="evaluation",
        tooltip="The phase 3 questions, ending in a decision",
    ),
    Binding(
        "i",
        "app.open('insights')",
        "Insights",
        id="insights",
        tooltip="Mood over the year, habits and good days, streaks",
    ),
    Binding(
        "p",
        "app.open('phase')",
        "Phase",
        id="phase",
        tooltip="Your phase: guidance, checklist, signals, moving on",
    ),
    Binding(
        "s",
        "app.open('settings')",
        "Settings",
        id="settings",
        tooltip="Journey, support contacts, habits, pause target, theme",
    ),
    # Hidden from the footer, which has room for two rows of keys at 80 columns; the palette
    # offers it by name (WITHOUT_KEYS) and help lists it.
    Binding(
        "h",
        "app.open('help_now')",
        "Help now",
        show=False,
        id="help-now",
        tooltip="Your support contacts and crisis line, for a hard moment",
    ),
    Binding(
        "w",
        "app.open('week_review')",
        "Week",
        show=False,
        id="week-review",
        tooltip="Last week against the week before, and a line to reflect on",
    ),
    Binding(
        "1",
        "pane('roadmap')",
        "Roadmap",
        show=False,
        id="pane-roadmap",
        tooltip="Show the roadmap pane",
    ),
    Binding("2", "pane('mood')", "Mood", show=False, id="pane-mood", tooltip="Show the mood pane"),
    Binding(
        "3",
        "pane('readiness')",
        "Readiness",
        show=False,
        id="pane-readiness",
        tooltip="Show the readiness pane",
    ),
]
"""The dashboard's keys: they open every other screen."""


class Command(NamedTuple):
    """An action the palette offers that has no key of its own."""

    title: str
    help: str
    action: str


WITHOUT_KEYS: Final[tuple[Command, ...]] = (
    # Their keys (h, w) are hidden from the footer, so the palette names them here.
    Command(
        "Help now",
        "Your support contacts and crisis line, for a hard moment (h)",
        "app.open('help_now')",
    ),
    Command(
        "Weekly review",
        "Last week against the week before, and a line to reflect on (w)",
        "app.open('week_review')",
    ),
    Command("Back up the journal", "Save a copy of the journal file beside it", "app.backup"),
    Command(
        "Export the journal", "Write everything to a JSON file beside the journal", "app.export"
    ),
)
