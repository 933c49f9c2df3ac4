"""Check-ins, entries, contacts and habits from the shell."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from rich.markup import escape

from ..store.checkin_write import UNSET
from ..store.errors import InvalidInput
from . import day_label, on_day, open_journal, open_quick, out


def cmd_checkin(args: argparse.Namespace) -> int:
    """Save or update a day's check-in."""
    given = (args.mood, args.urge, args.note)
    cleared = {"mood": args.clear_mood, "urge": args.clear_urge, "note": args.clear_note}
    if all(v is None for v in given) and not args.habit and not any(cleared.values()):
        raise InvalidInput("Give at least one of --mood, --urge, --habit or --note.")
    if args.note is not None and not args.note.strip():
        # A blank note used to erase the saved one without a word: removing it is asked by name.
        raise InvalidInput("The note is empty; to remove the day's note, use --clear-note.")
    day = args.date or date.today()
    with open_quick(args) as journal:
        saved = journal.record_checkin(
            day,
            mood=None if args.clear_mood else UNSET if args.mood is None else args.mood,
            urge=None if args.clear_urge else UNSET if args.urge is None else args.urge,
            note="" if args.clear_note else UNSET if args.note is None else args.note,
            habits=args.habit if args.habit else UNSET,
            add_habits=True,
        )
    c = saved.checkin
    # The line names what this command changed, not everything the day holds.
    parts = []
    if args.mood is not None:
        parts.append(f"mood {c.mood}/10")
    if args.urge is not None:
        parts.append(f"urge {c.urge}/10")
    if args.habit:
        parts.append("habits: " + ", ".join(sorted(c.habits)))
    if args.note is not None:
        parts.append("a note")
    parts.extend(f"{what} cleared" for what, asked in cleared.items() if asked)
    verb = "Saved" if saved.created else "Updated"
    out.print(f"[green]✓[/] {verb} the check-in for {day_label(day)}: {escape('; '.join(parts))}.")
    return 0


def cmd_entry(args: argparse.Namespace) -> int:
    """Write a journal entry."""
    text = sys.stdin.read() if args.text == "-" else args.text
    with open_journal(args) as journal:
        entry = journal.add_entry(text, day=args.date, tags=args.tag)
    words = len(entry.text.split())
    out.print(
        f"[green]✓[/] Entry {entry.id} saved for {day_label(entry.day)} "
        f"({words} word{'s' if words != 1 else ''})."
    )
    return 0


def cmd_contact(args: argparse.Namespace) -> int:
    """Log a contact with the ex."""
    with open_journal(args) as journal:
        if args.logistics and not args.note.strip():
            # Imported here, not at the top: checkin shares this module and must start fast.
            from ..core.phases import logistics_needs_reason

            if logistics_needs_reason(journal.journey()):
                raise InvalidInput(
                    "Not logged: you haven't said you share children or a home, so a "
                    "logistics contact (one that doesn't break the pause) needs --note saying "
                    "what practical matter it was, like returning belongings."
                )
        contact = journal.log_contact(
            medium=args.medium,
            initiated_by=args.initiated_by,
            response=args.response,
            logistics=args.logistics,
            minutes=args.minutes,
            when=args.when,
            note=args.note,
        )
    who = "You reached out" if contact.initiated_by.value == "me" else "They reached out"
    kind = "logistics" if contact.logistics else "personal"
    response = "" if contact.response.value == "none" else f", they were {contact.response.value}"
    out.print(
        f"[green]✓[/] Logged a {kind} {contact.medium.value} {on_day(contact.day)}: "
        f"{who}{response}."
    )
    if contact.logistics:
        out.print("  Logistics contacts don't count against your pause.")
    return 0


def cmd_habits(args: argparse.Namespace) -> int:
    """List, add, rename or remove habits."""
    action = args.habits_command or "list"
    with open_journal(args) as journal:
        if action == "add":
            habit = journal.add_habit(args.name)
            out.print(f"[green]✓[/] Now tracking {escape(habit.name)!s}.")
        elif action == "remove":
            habit = journal.archive_habit(args.name)
            out.print(
                f"[green]✓[/] Stopped tracking {escape(habit.name)}; the days you did it are kept."
            )
        elif action == "rename":
            habit = journal.rename_habit(args.old, args.new)
            out.print(f"[green]✓[/] Renamed to {escape(habit.name)}.")
        habits = journal.habits()
    if action == "list":
        if not habits:
            out.print("No habits yet. Add one: [bold]exback habits add NAME[/]")
        for habit in habits:
            out.print(f"• {escape(habit.name)}")
    return 0
