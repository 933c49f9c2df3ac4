"""What the wide-terminal and colour tests share: a journal climbing the contact ladder, and
reading what a widget draws."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from textual.geometry import Region
from textual.widget import Widget

from exback_tui.core.values import Answer, Decision, Evaluation
from exback_tui.store.journal import Journal

from .conftest import fill_demo
from .helpers import DEMO_TODAY


def fill_climbing(journal: Journal, today: date = DEMO_TODAY) -> None:
    """The demo journal, then a clear "pursue", and phase 4 for the last week with three
    friendly exchanges: a rung or two up the contact ladder, far from its top."""
    fill_demo(journal, today)
    journal.record_evaluation(
        Evaluation(
            made_on=today - timedelta(days=1),
            worth=Answer.YES,
            added_value=Answer.YES,
            differences=Answer.YES,
            intimacy=7,
            passion=6,
            commitment=8,
            decision=Decision.PURSUE,
        )
    )
    journal.move_phase(4, "Pursuing, one small step at a time", on=today - timedelta(days=7))
    for days_ago, response in ((6, "friendly"), (3, "warm"), (1, "friendly")):
        journal.log_contact(
            medium="text",
            initiated_by="me",
            response=response,
            when=datetime.combine(today - timedelta(days=days_ago), time(18)).astimezone(),
        )
    journal.tick(4, "first-text", on=today - timedelta(days=6))


def drawn(widget: Widget) -> list[str]:
    """The lines a widget draws, as the characters on screen (no colour)."""
    width, height = widget.size
    return [
        "".join(segment.text for segment in strip)
        for strip in widget.render_lines(Region(0, 0, width, height))
    ]
