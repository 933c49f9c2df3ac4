"""The command palette (ctrl+p): every action of the app, found by name."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from .app import ExbackApp

# (title, help, action run on the app). Kept in the order of the dashboard's keys.
ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("Check in", "Rate today's mood and urge, tick habits, write a note (c)", "open('checkin')"),
    ("Urge to contact them", "A sixty-second pause, then write what you'd have said (u)",
     "open('urge')"),
    ("Log a contact", "Record a contact with your ex (l)", "open('contact')"),
    ("Journal", "Read, search and write entries (j)", "open('journal')"),
    ("Contacts", "The log of contacts: add, edit, delete (o)", "open('contacts')"),
    ("Evaluation", "The phase 3 questions, ending in a decision (e)", "open('evaluation')"),
    ("Insights", "Mood over the year, habits and good days, streaks (i)", "open('insights')"),
    ("Phase", "Your phase: guidance, checklist, signals, moving on (p)", "open('phase')"),
    ("Settings", "Journey answers, support contacts, habits, pause target, theme (s)",
     "open('settings')"),
    ("Help", "Every key and what each pane means (?)", "open('help')"),
    ("Blank the screen", "Hide everything; any key brings it back (ctrl+b)", "blank"),
    ("Lock", "Hide everything until the passphrase is typed (ctrl+l)", "lock"),
    ("Back up the journal", "Save a copy of the journal file beside it", "backup"),
    ("Export the journal", "Write everything to a JSON file beside the journal", "export"),
    ("Quit", "Leave exback (q)", "quit"),
)


class ExbackCommands(Provider):
    """Every exback action, for the palette."""

    async def discover(self) -> Hits:
        """Show every action when nothing is typed yet."""
        app = cast("ExbackApp", self.app)
        for title, help_text, action in ACTIONS:
            yield DiscoveryHit(title, partial(app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        """The actions whose name (or help) matches what was typed."""
        app = cast("ExbackApp", self.app)
        matcher = self.matcher(query)
        for title, help_text, action in ACTIONS:
            score = max(matcher.match(title), matcher.match(help_text) * 0.8)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(app.run_action, action),
                          help=help_text)
