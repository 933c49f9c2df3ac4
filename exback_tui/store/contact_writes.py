"""Writing the people in the journal: the log of contacts with the ex, and the support
contacts you listed for a hard day."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..core.values import Contact, Initiator, Medium, Response, SupportContact
from .checkin_write import UNSET, Unset
from .errors import InvalidInput, JournalError, NotFound
from .models import ContactRow, SupportContactRow
from .readers import read_contact
from .sessions import delete_rows, raw_connection
from .write_rules import cleaned, contact_values


def log_contact(s: Session, values: Mapping[str, Any]) -> Contact:
    """Write a contact from its checked ``values`` (write_rules.contact_values)."""
    row = ContactRow(**values)
    s.add(row)
    s.flush()
    return stored_contact(s, row.id)


def update_contact(
    s: Session,
    contact_id: int,
    *,
    medium: Medium | str | Unset = UNSET,
    initiated_by: Initiator | str | Unset = UNSET,
    response: Response | str | Unset = UNSET,
    logistics: bool | Unset = UNSET,
    minutes: int | Unset | None = UNSET,
    when: datetime | Unset | None = UNSET,
    note: str | Unset = UNSET,
) -> Contact:
    """Change a logged contact; fields left UNSET keep their values, the whole is checked."""
    given: dict[str, Any] = {
        "medium": medium,
        "initiated_by": initiated_by,
        "response": response,
        "logistics": logistics,
        "minutes": minutes,
        "when": when,
        "note": note,
    }
    row = s.get(ContactRow, contact_id)
    if row is None:
        raise NotFound(f"There is no contact number {contact_id}.")
    old = stored_contact(s, contact_id)
    merged: dict[str, Any] = {
        "medium": old.medium,
        "initiated_by": old.initiated_by,
        "response": old.response,
        "logistics": old.logistics,
        "minutes": old.minutes,
        "when": old.when,
        "note": old.note,
    }
    merged.update((key, value) for key, value in given.items() if not isinstance(value, Unset))
    for key, value in contact_values(**merged).items():
        setattr(row, key, value)
    s.flush()
    return stored_contact(s, contact_id)


def delete_contact(s: Session, contact_id: int) -> None:
    """Delete a logged contact for good; NotFound if there is none of that number."""
    if not delete_rows(s, delete(ContactRow).where(ContactRow.id == contact_id)):
        raise NotFound(f"There is no contact number {contact_id}.")


def stored_contact(s: Session, contact_id: int) -> Contact:
    """A stored contact through the one reader; one that cannot be read is refused."""
    found = read_contact(raw_connection(s), contact_id)
    if found is None:
        raise JournalError(
            f"Contact {contact_id} holds a value this version of exback cannot read."
        )
    return found


def support_name(name: str) -> str:
    """A support contact's name as stored, spaces folded; InvalidInput when empty."""
    name = " ".join(cleaned(name, "name").split())
    if not name:
        raise InvalidInput("A support contact needs a name.")
    return name


def add_support_contact(s: Session, name: str, detail: str) -> SupportContact:
    """Add someone to reach out to (``name`` already checked) at the end of the list."""
    last = s.scalar(select(func.max(SupportContactRow.position))) or 0
    row = SupportContactRow(name=name, detail=cleaned(detail, "detail"), position=last + 1)
    s.add(row)
    s.flush()
    return SupportContact(row.id, row.name, row.detail)


def remove_support_contact(s: Session, contact_id: int) -> None:
    """Remove a support contact; NotFound if there is none of that number."""
    if not delete_rows(s, delete(SupportContactRow).where(SupportContactRow.id == contact_id)):
        raise NotFound(f"There is no support contact number {contact_id}.")
