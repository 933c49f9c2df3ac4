"""Cleaning text on its way in (what a person types, before it is stored) and on its way out
(anything from a journal or a path, before it reaches a terminal): keep every word, drop what
would harm."""

from __future__ import annotations

import re
import unicodedata
from typing import TypeVar, cast

# Generous: a long night's writing is ~100,000 characters; several megabytes is a paste gone
# wrong, and refusing it (with the draft kept) beats a journal that slows to a crawl.
MAX_TEXT_CHARS = 1_000_000

# ANSI escape sequences, 7-bit and 8-bit: CSI, the string commands (OSC, DCS, SOS, PM, APC,
# ended by BEL or ST) and two-byte escapes. Dropped whole, so no stray "[31m" or window title is
# left behind and nothing can reach the terminal as a command. A string command without its
# end loses only its opening: what follows may be the writer's words (or Rich dropped the BEL
# that ended it), and without the ESC they are plain text.
_ANSI = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"  # strings
    r"|\x1b[@-Z\\-_]"  # other two-byte escapes
)
_KEEP = {"\n", "\t"}
_T = TypeVar("_T")
# The C1 controls, which a terminal may obey as ESC plus a letter; JSON leaves them as they are.
_C1 = re.compile("[\x80-\x9f]")


class TextTooLong(ValueError):
    """The text is over the size a journal accepts."""


def clean_text(text: str) -> str:
    """Return ``text`` with escape sequences and control characters removed.

    Newlines and tabs stay; ``\\r\\n`` and lone ``\\r`` become newlines. Emoji, combining marks
    and right-to-left text are kept exactly as typed. Raises :class:`TextTooLong` past
    :data:`MAX_TEXT_CHARS`.
    """
    if len(text) > MAX_TEXT_CHARS:
        raise TextTooLong(
            f"That text is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}."
        )
    return _without_controls(text)


def shown(text: str) -> str:
    """``text`` as it may reach a terminal: no escape sequence, no control character.

    Every string from a journal or a path passes through this on its way out (the CLI's
    consoles, the exports meant for reading, the app's widgets, error sentences), so a
    journal from an older version or a crafted restore cannot drive the terminal. Newlines
    and tabs stay; ``\\r`` becomes a newline, as on the way in.
    """
    if text.isprintable():  # the common case: nothing to look for
        return text
    return _without_controls(text)


def shown_in(value: _T) -> _T:
    """``value`` (text, or lists and mappings of them, as in an export document) with every
    string, keys included, passed through :func:`shown`."""
    if isinstance(value, str):
        return cast(_T, shown(value))
    if isinstance(value, dict):
        return cast(_T, {shown_in(k): shown_in(v) for k, v in value.items()})
    if isinstance(value, list):
        return cast(_T, [shown_in(item) for item in value])
    return value


def _without_controls(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ANSI.sub("", text)
    if text.isprintable():
        return text
    return "".join(ch for ch in text if ch in _KEEP or unicodedata.category(ch) != "Cc")


def json_safe(text: str) -> str:
    """JSON text (``ensure_ascii=False``) with each C1 control written as a ``\\u`` escape.

    JSON already escapes ESC and the other C0 controls; this keeps the same characters (the
    document still imports back unchanged) without any byte a terminal could obey.
    """
    return _C1.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def one_line(text: str, width: int = 60) -> str:
    """The first line of ``text``, cut to ``width`` characters with an ellipsis."""
    first = text.strip().split("\n", 1)[0]
    return first if len(first) <= width else first[: width - 1] + "…"


def collapse_spaces(text: str) -> str:
    """All runs of white space (newlines included) as single spaces, trimmed."""
    return " ".join(text.split())
