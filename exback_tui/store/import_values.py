"""Checking one value of an import document: each check returns it as a row takes it, or
raises :class:`Bad` with the words that name what is wrong (never the words of an entry).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from .errors import InvalidInput
from .write_rules import cleaned


class Bad(Exception):
    """A value in the document that cannot go into a journal; the message says which."""


def described(value: Any) -> str:
    """A bad value named in a sentence without repeating anyone's words: a short token (a
    date, a number, a choice) as it is, anything else by its kind."""
    if isinstance(value, str):
        if len(value) <= 24 and not any(c.isspace() for c in value):
            return repr(value)
        return f"(a text of {len(value):,} characters)"
    if value is None or isinstance(value, bool | float):
        return repr(value)
    if isinstance(value, int):
        return repr(value) if abs(value) < 10**15 else "(a very long number)"
    return "(a list)" if isinstance(value, list) else "(a record)"


def refused(exc: InvalidInput) -> Bad:
    """A sentence of the shared write rules, as the middle of the import's sentence."""
    text = str(exc).rstrip(".")
    return Bad(text[:1].lower() + text[1:])


def need(item: Mapping[str, Any], key: str) -> Any:
    """``item[key]``; a record without it is Bad."""
    if not isinstance(item, Mapping) or key not in item:
        raise Bad(f"a record without {key!r}")
    return item[key]


def day_of(item: Mapping[str, Any], key: str) -> date:
    """``item[key]`` as a day (YYYY-MM-DD)."""
    value = need(item, key)
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise Bad(f"{key} {described(value)} is not a date") from None


def moment_of(item: Mapping[str, Any], key: str) -> datetime:
    """``item[key]`` as an aware time (ISO 8601 with its UTC offset)."""
    value = need(item, key)
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise Bad(f"{key} {described(value)} is not a time") from None
    if moment.tzinfo is None:
        raise Bad(f"{key} {described(value)} has no UTC offset")
    return moment


def whole(item: Mapping[str, Any], key: str, low: int, high: int, optional: bool = False) -> Any:
    """``item[key]`` as a whole number from ``low`` to ``high`` (or None, if ``optional``)."""
    value = need(item, key)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise Bad(f"{key} {described(value)} is not a whole number from {low} to {high}")
    return value


def flag(item: Mapping[str, Any], key: str) -> bool:
    """``item[key]`` as true or false."""
    value = need(item, key)
    if not isinstance(value, bool):
        raise Bad(f"{key} {described(value)} is not true or false")
    return value


def text_of(item: Mapping[str, Any], key: str, optional: bool = False) -> str:
    """``item[key]`` as text cleaned as every way in cleans it (write_rules.cleaned)."""
    value = item.get(key, "") if optional else need(item, key)
    if value is None and optional:
        value = ""
    if not isinstance(value, str):
        raise Bad(f"{key} {described(value)} is not text")
    try:
        return cleaned(value, key)
    except InvalidInput as exc:
        raise refused(exc) from None


def choice(item: Mapping[str, Any], key: str, enum: type[Any]) -> str:
    """``item[key]`` as one of ``enum``'s values."""
    value = need(item, key)
    try:
        return str(enum(value).value)
    except ValueError:
        raise Bad(
            f"{key} {described(value)} is not one of {', '.join(m.value for m in enum)}"
        ) from None


def choice_list(item: Mapping[str, Any], key: str, enum: type[Any]) -> str:
    """``item[key]`` (default empty) as a list of ``enum``'s values, stored as JSON text."""
    values = item.get(key, [])
    if not isinstance(values, list):
        raise Bad(f"{key} is not a list")
    return json.dumps([choice({key: v}, key, enum) for v in values])


def list_of(doc: Mapping[str, Any], key: str) -> list[Any]:
    """``doc[key]`` (default empty) as a list."""
    value = doc.get(key, [])
    if not isinstance(value, list):
        raise Bad(f"{key} is not a list")
    return value
