"""Check-ins, entries, contacts and habits from the shell."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from rich.markup import escape

from ..core.prompts import prompt_for
from ..core.text import shown
from ..core.values import CheckIn, Habit
from ..store.checkin_write import UNSET
from ..store.errors import InvalidInput
from ..store.write_rules import check_typed_day
from . import day_label, journal_path, on_day, open_journal, open_quick
from .console import out


def cmd_checkin(args: argparse.Namespace) -> int:
    """Save or update a day's check-in (or, with --delete, remove it)."""
    if args.delete:
        from .corrections import delete_checkin  # here: the quick path never needs it

        return delete_checkin(args)
    given = (args.mood, args.urge, args.note)
    cleared = {"mood": args.clear_mood, "urge": args.clear_urge, "note": args.clear_note}
    asked = args.habit or args.no_habit or args.edit_note or any(cleared.values())
    if all(v is None for v in given) and not asked:
        raise InvalidInput("Give at least one of --mood, --urge, --habit or --note.")
    if args.note is not None and not args.note.strip():
        # A blank note used to erase the saved one without a word: removing it is asked by name.
        raise InvalidInput("The note is empty; to remove the day's note, use --clear-note.")
    day = args.date or date.today()
    note = "" if args.clear_note else UNSET if args.note is None else args.note
    with open_quick(args) as journal:
        if args.date is not None:  # a day typed by hand (today never needs the look)
            check_typed_day(day, journal.journey().breakup_date)
        if args.edit_note:
            note = _note_from_editor(journal.checkin(day))
        saved = journal.record_checkin(
            day,
            mood=None if args.clear_mood else UNSET if args.mood is None else args.mood,
            urge=None if args.clear_urge else UNSET if args.urge is None else args.urge,
            note=note,
            habits=args.habit if args.habit else UNSET,
            add_habits=True,
            untick=args.no_habit,
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
    if args.no_habit:
        parts.append("unticked: " + ", ".join(args.no_habit))
    if args.note is not None or args.edit_note:
        parts.append("a note")
    parts.extend(f"{what} cleared" for what, asked in cleared.items() if asked)
    verb = "Saved" if saved.created else "Updated"
    out.print(f"[green]✓[/] {verb} the check-in for {day_label(day)}: {escape('; '.join(parts))}.")
    return 0


def _note_from_editor(checkin: CheckIn | None) -> str:
    """The day's note as rewritten in the editor; InvalidInput when it is empty or unchanged,
    and nothing is saved."""
    from .editor import write_in_editor  # only with --edit

    before = checkin.note if checkin is not None else ""
    note = write_in_editor(before, "note.txt")
    if not note.strip():
        raise InvalidInput(
            "The note is empty; nothing was saved. To remove the day's note, use --clear-note."
        )
    if note == before.rstrip():
        raise InvalidInput("The note is unchanged; nothing was saved.")
    return note


def cmd_entry(args: argparse.Namespace) -> int:
    """Write a journal entry (in the editor when no text is given), or star, unstar or retag
    one already written."""
    if args.star or args.unstar or args.retag:
        if args.prompt:
            raise InvalidInput(
                "--prompt is for writing a new entry; give it without --star, --unstar or --retag."
            )
        from .corrections import change_entry  # a correction: not on a new entry's path

        return change_entry(args)
    with open_journal(args) as journal:
        if args.date is not None:
            check_typed_day(args.date, journal.journey().breakup_date)
        prompt = ""
        if args.prompt:  # today's, as `exback prompt` prints it
            prompt = prompt_for(journal.current_phase().phase, date.today())
        if args.text is None:
            from .editor import write_in_editor, write_to_prompt

            if prompt:
                text = write_to_prompt(prompt, "entry.md")
            else:
                text = write_in_editor("", "entry.md")
            if not text.strip():
                raise InvalidInput("The entry is empty; nothing was saved.")
        else:
            text = sys.stdin.read() if args.text == "-" else args.text
        entry = journal.add_entry(text, day=args.date, tags=args.tag, prompt=prompt)
    words = len(entry.text.split())
    out.print(
        f"[green]✓[/] Entry {entry.id} saved for {day_label(entry.day)} "
        f"({words} word{'s' if words != 1 else ''})."
    )
    return 0


def cmd_contact(args: argparse.Namespace) -> int:
    """Log a contact with the ex (or list them, or delete one)."""
    logging = (args.medium, args.initiated_by, args.when, args.minutes, args.note, args.logistics)
    if args.list or args.delete:
        if (args.list and args.delete) or any(logging):
            raise InvalidInput("--list and --delete each stand alone; log a contact separately.")
        from .corrections import delete_contact, list_contacts  # not on logging's path

        return list_contacts(args) if args.list else delete_contact(args)
    if args.medium is None or args.initiated_by is None:
        raise InvalidInput(
            "To log a contact, give --medium and --initiated-by (exback contact --help); "
            "--list shows the contacts logged."
        )
    with open_journal(args) as journal:
        if args.when is not None:
            check_typed_day(args.when.date(), journal.journey().breakup_date)
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
    if args.names:  # for shell completion: names alone, a line each, or nothing
        from ..store.quick_journal import habit_names

        for name in habit_names(journal_path(args)):
            print(shown(name))
        return 0
    action = args.habits_command or "list"
    if action == "list":  # only a look: the quick path, as ``exback status`` takes
        with open_quick(args) as quick:
            _list_habits(quick.habits())
        return 0
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
    return 0


def _list_habits(habits: list[Habit]) -> None:
    """The habits tracked, a bullet each, or how to add the first."""
    if not habits:
        out.print("No habits yet. Add one: [bold]exback habits add NAME[/]")
    for habit in habits:
        out.print(f"• {escape(habit.name)}")
