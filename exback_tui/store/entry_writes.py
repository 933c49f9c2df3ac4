"""Writing journal entries (and unsent messages): new, changed, deleted, and read back."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from ..core.values import Entry, EntryKind
from .errors import InvalidInput, JournalError, NotFound
from .models import EntryRow
from .readers import entry_exists, read_entry
from .sessions import delete_rows, raw_connection
from .write_rules import check_day, cleaned, local_now, offset_min, prompt_text, tag_text


@dataclass(frozen=True, slots=True)
class NewEntry:
    """A new entry's text, day and moment, checked before its transaction begins."""

    text: str
    day: date
    at: datetime
    prompt: str | None = None  # the writing prompt it was written to


def entry_text(text: str, empty: str) -> str:
    """An entry's text as stored; InvalidInput saying ``empty`` when it has no words."""
    body = cleaned(text, "entry")
    if not body.strip():
        raise InvalidInput(empty)
    return body


def check_new_entry(
    text: str, *, day: date | None, when: datetime | None, prompt: str = ""
) -> NewEntry:
    """A new entry for ``day`` (default the day of ``when``, default now), written to
    ``prompt`` (empty: none), checked."""
    body = entry_text(text, "An entry needs some text.")
    now = when or local_now()
    day = check_day(day or now.date(), date.today())
    return NewEntry(body, day, now, prompt_text(prompt) or None)


def add_entry(s: Session, new: NewEntry, *, kind: EntryKind, tags: Iterable[str]) -> Entry:
    """Write ``new`` and return it as saved."""
    row = EntryRow(
        day=new.day,
        kind=EntryKind(kind).value,
        text=new.text,
        tags=tag_text(tags),
        prompt=new.prompt,
        created_at=new.at,
        updated_at=new.at,
        utc_offset_min=offset_min(new.at),
    )
    s.add(row)
    s.flush()
    return stored_entry(s, row.id)


def update_entry(s: Session, entry_id: int, text: str, tags: Iterable[str] | None) -> Entry:
    """Replace an entry's text (already checked), and its tags if given."""
    row = s.get(EntryRow, entry_id)
    if row is None:
        raise NotFound(f"There is no entry number {entry_id}.")
    row.text = text
    if tags is not None:
        row.tags = tag_text(tags)
    row.updated_at = local_now()
    s.flush()
    return stored_entry(s, row.id)


def delete_entry(s: Session, entry_id: int) -> None:
    """Delete an entry for good; NotFound if there is none of that number."""
    if not delete_rows(s, delete(EntryRow).where(EntryRow.id == entry_id)):
        raise NotFound(f"There is no entry number {entry_id}.")


def stored_entry(s: Session, entry_id: int) -> Entry:
    """One entry through the one reader; NotFound, or refused if it cannot be read."""
    con = raw_connection(s)
    found = read_entry(con, entry_id)
    if found is not None:
        return found
    if not entry_exists(con, entry_id):
        raise NotFound(f"There is no entry number {entry_id}.")
    raise JournalError(f"Entry {entry_id} holds a value this version of exback cannot read.")
