"""Cleaning what a person types before it is stored: keep every word, drop what would harm."""

from __future__ import annotations

import re
import unicodedata

# Generous: a long night's writing is ~100,000 characters; several megabytes is a paste gone
# wrong, and refusing it (with the draft kept) beats a journal that slows to a crawl.
MAX_TEXT_CHARS = 1_000_000

# ANSI escape sequences (CSI ..., OSC ... BEL/ST, and two-byte escapes). Dropped whole, so no
# stray "[31m" is left behind and nothing can reach the terminal as a command.
_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, ended by BEL or ST
    r"|\x1b[@-Z\\-_]"  # other two-byte escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_KEEP = {"\n", "\t"}


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
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ANSI.sub("", text)
    if text.isprintable():
        return text
    return "".join(
        ch for ch in text if ch in _KEEP or unicodedata.category(ch) != "Cc"
    )


def one_line(text: str, width: int = 60) -> str:
    """The first line of ``text``, cut to ``width`` characters with an ellipsis."""
    first = text.strip().split("\n", 1)[0]
    return first if len(first) <= width else first[: width - 1] + "…"


def collapse_spaces(text: str) -> str:
    """All runs of white space (newlines included) as single spaces, trimmed."""
    return " ".join(text.split())
