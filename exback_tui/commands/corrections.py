"""Correcting from the shell: delete a day's check-in, list and delete logged contacts, star,
unstar and retag an entry. Called by the commands of basic.py, and loaded only then."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from rich.table import Table
from rich.text import Text

from ..core.stars import STAR, is_starred, with_star
from ..core.text import one_line, shown
from ..core.values import Contact, Initiator
from ..store.errors import InvalidInput, NotFound
from . import day_label, open_journal
from .console import out


def confirmed(question: str, refusal: str) -> bool:
    """A y/N question on a terminal; without one, InvalidInput saying ``refusal``."""
    if not sys.stdin.isatty():
        raise InvalidInput(refusal)
    try:
        answer = out.input(Text(f"{question} [y/N] "))
    except EOFError:  # Ctrl-D at the prompt: a no
        answer = ""
    return answer.strip().lower() in ("y", "yes")


def delete_checkin(args: argparse.Namespace) -> int:
    """`exback checkin --date D --delete`: the day's check-in and ticks, after asking."""
    others = (args.mood, args.urge, args.note, args.habit, args.no_habit)
    if any(v for v in others) or args.edit_note or args.clear_mood or args.clear_urge:
        raise InvalidInput("--delete removes the whole day; give it with --date alone.")
    day = args.date or date.today()
    with open_journal(args) as journal:
        checkin = journal.checkin(day)
        if checkin is None:
            raise InvalidInput(f"There is no check-in for {day_label(day)} to delete.")
        held = [
            *([f"mood {checkin.mood}"] if checkin.mood is not None else []),
            *([f"urge {checkin.urge}"] if checkin.urge is not None else []),
            *([f"{len(checkin.habits)} habits ticked"] if checkin.habits else []),
            *(["a note"] if checkin.note.strip() else []),
        ]
        question = f"Delete the check-in for {day_label(day)} ({', '.join(held) or 'empty'})?"
        if not args.yes and not confirmed(
            question, "Deleting a check-in asks first; run it in a terminal or add --yes."
        ):
            out.print("Nothing was deleted.")
            return 1
        journal.delete_checkin(day)
    out.print(Text(f"✓ Deleted the check-in for {day_label(day)}.", style="green"))
    return 0


def list_contacts(args: argparse.Namespace) -> int:
    """`exback contact --list`: every logged contact, oldest first, with its ID."""
    with open_journal(args) as journal:
        contacts = journal.contacts()[::-1]
    if not contacts:
        out.print("No contacts logged yet.")
        return 0
    table = Table("ID", "When", "How", "Who", "They were", "Note", box=None, pad_edge=False)
    for contact in contacts:
        table.add_row(
            str(contact.id),
            f"{contact.when:%Y-%m-%d %H:%M}",
            contact.medium.value + (" (logistics)" if contact.logistics else ""),
            "you" if contact.initiated_by is Initiator.ME else "them",
            "" if contact.response.value == "none" else contact.response.value,
            Text(one_line(shown(contact.note), 60)),
        )
    out.print(table)
    return 0


def delete_contact(args: argparse.Namespace) -> int:
    """`exback contact --delete ID`, after asking."""
    with open_journal(args) as journal:
        contact = _contact(journal.contacts(), args.delete)
        question = f"Delete contact {contact.id} ({_described(contact)})?"
        if not args.yes and not confirmed(
            question, "Deleting a contact asks first; run it in a terminal or add --yes."
        ):
            out.print("Nothing was deleted.")
            return 1
        journal.delete_contact(contact.id)
    out.print(Text(f"✓ Deleted contact {contact.id}.", style="green"))
    return 0


def _contact(contacts: list[Contact], contact_id: int) -> Contact:
    for contact in contacts:
        if contact.id == contact_id:
            return contact
    raise NotFound(f"There is no contact number {contact_id}; `exback contact --list` shows them.")


def _described(contact: Contact) -> str:
    """'a text on Fri 20 Nov 2026, you reached out': no note, which may be private."""
    who = "you reached out" if contact.initiated_by is Initiator.ME else "they reached out"
    return f"a {contact.medium.value} on {contact.when:%a %d %b %Y}, {who}"


def change_entry(args: argparse.Namespace) -> int:
    """`exback entry --star ID`, `--unstar ID` or `--retag ID [--tag T ...]`."""
    if args.text is not None or args.date is not None:
        raise InvalidInput(
            "--star, --unstar and --retag change an entry already written; give "
            "no text or --date with them."
        )
    entry_id = args.star or args.unstar or args.retag
    if args.tag and args.retag is None:
        raise InvalidInput("To change an entry's tags, use --retag ID with --tag.")
    with open_journal(args) as journal:
        entry = journal.entry(entry_id)
        if args.retag is not None:
            tags = with_star(args.tag, is_starred(entry.tags))
        else:
            tags = with_star(entry.tags, args.star is not None)
        saved = journal.update_entry(entry.id, entry.text, tags)
    when = day_label(saved.day)
    if args.star is not None:
        out.print(Text(f"{STAR} Starred entry {saved.id} ({when}).", style="green"))
    elif args.unstar is not None:
        out.print(Text(f"✓ Unstarred entry {saved.id} ({when}).", style="green"))
    else:
        shown_tags = " ".join(f"#{t}" for t in saved.tags if t != "starred") or "no tags"
        out.print(Text(f"✓ Entry {saved.id} ({when}) now has {shown(shown_tags)}.", style="green"))
    return 0
