"""Full-text search over entries, unsent messages, check-in notes and contact notes (FTS5).

What a person types is not FTS5 syntax: ``"foo``, ``AND``, ``-foo``, ``it's`` and ``c++`` all make
MATCH raise. So by default every word is quoted as a phrase (a prefix phrase, so "walk" also
finds "walking") and the words are ANDed; an advanced mode passes the query through and turns
a syntax error into one clear sentence. Matches are marked with two control characters that
:func:`~exback_tui.core.text.clean_text` never lets into stored text, and split into
``(text, is_match)`` parts here, so no caller ever parses markup out of user text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, Protocol

from ..core.text import collapse_spaces
from .errors import InvalidInput

SOURCES: Final = ("entry", "unsent", "checkin", "contact")
_START, _END = "\x02", "\x03"
_ELLIPSIS = "…"
SNIPPET_TOKENS = 16  # words of context in a snippet: about one line of a terminal
LITERAL_CONTEXT = 40  # characters either side of a literal (non-word) match

_HITS = (
    "SELECT source, ref, day, "
    f"snippet(search_index, 0, char(2), char(3), '{_ELLIPSIS}', {SNIPPET_TOKENS}) "
    "FROM search_index WHERE search_index MATCH :q "
    "ORDER BY day DESC, rowid DESC LIMIT :limit OFFSET :offset"
)
_COUNT = "SELECT count(*) FROM search_index WHERE search_index MATCH :q"
# The literal fallback scans the index's own copy of the text: a few thousand rows take
# milliseconds, and it is only used for queries without a single word character (emoji).
_LITERAL_HITS = (
    "SELECT source, ref, day, body FROM search_index WHERE instr(body, :needle) > 0 "
    "ORDER BY day DESC, rowid DESC LIMIT :limit OFFSET :offset"
)
_LITERAL_COUNT = "SELECT count(*) FROM search_index WHERE instr(body, :needle) > 0"


class Connection(Protocol):
    """The part of a DB-API connection search uses (sqlite3 and sqlcipher3 alike)."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...

    @property
    def OperationalError(self) -> type[Exception]: ...  # the driver's own class


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One match: where it is (source, its id, its day) and a snippet split into parts.

    ``source`` is 'entry', 'unsent', 'checkin' or 'contact'; ``ref`` is the id of that entry,
    check-in or contact. ``snippet_parts`` are ``(text, is_match)`` pairs on one line.
    """

    source: str
    ref: int
    day: date
    snippet_parts: tuple[tuple[str, bool], ...]

    @property
    def snippet(self) -> str:
        """The snippet as plain text, without any highlighting."""
        return "".join(part for part, _ in self.snippet_parts)


@dataclass(frozen=True, slots=True)
class SearchResult:
    """A page of hits, newest first, and how many there are in all."""

    total: int
    hits: tuple[SearchHit, ...]


_TRAILING_WORD = re.compile(r"\w{2,}$")


def plain_query(query: str) -> str:
    """The FTS5 query for plain words: each word a quoted phrase, all of them ANDed.

    A word that ends in two or more letters is a prefix ("walk" finds "walked"); one that ends
    in a symbol or a lone letter ("c++", "it's") is matched exactly, or it would find every
    word starting with that letter.
    """
    phrases = []
    for word in query.split():
        phrase = '"' + word.replace('"', '""') + '"'
        phrases.append(phrase + "*" if _TRAILING_WORD.search(word) else phrase)
    return " ".join(phrases)


def _has_word(query: str) -> bool:
    # unicode61 indexes letters and digits only; a query without any (emoji, "#", "*") would
    # match nothing through FTS5, so it is looked up literally instead.
    return any(ch.isalnum() for ch in query)


def search(
    con: Connection, query: str, limit: int = 50, offset: int = 0, advanced: bool = False
) -> SearchResult:
    """Search the journal's index over a DB-API connection; see the module docstring.

    Plain SQL, so ``exback search`` runs it without SQLAlchemy and ``Journal.search`` runs the
    same function over its own connection. Run it in one read transaction.
    """
    if limit < 1 or offset < 0:
        raise InvalidInput("Search paging needs a limit of 1 or more and an offset of 0 or more.")
    query = query.strip()
    if not query:
        return SearchResult(0, ())
    if not advanced and not _has_word(query):
        return _literal(con, query, limit, offset)
    match = query if advanced else plain_query(query)
    try:
        total = int(con.execute(_COUNT, {"q": match}).fetchone()[0])
        rows = con.execute(_HITS, {"q": match, "limit": limit, "offset": offset}).fetchall()
    except con.OperationalError as exc:
        message = str(exc)
        if not advanced or any(w in message for w in ("locked", "busy", "disk", "readonly")):
            raise  # not the query's fault: the caller puts it in words
        raise InvalidInput(
            f"That search could not be understood: {_plain_reason(message)}."
        ) from None
    hits = tuple(
        SearchHit(source, int(ref), _day(day), split_marked(snippet))
        for source, ref, day, snippet in rows
    )
    return SearchResult(total, hits)


def _plain_reason(message: str) -> str:
    """What SQLite's FTS5 complaint means, in words (never the query itself repeated)."""
    if "unterminated string" in message:
        return 'a double quote (") is opened and never closed'
    if "no such column" in message:
        return 'a word before a colon (:) is read as a column name; put "quotes" around it'
    near = _SYNTAX_NEAR.search(message)
    if near is not None:
        token = near.group(1).upper()
        if not token:
            return "it ends too soon: an operator or a bracket needs something after it"
        if token in ("AND", "OR", "NOT", "NEAR"):
            return f"{token} needs a word or a phrase on each side"
        if token in ("(", ")"):
            return "a bracket is opened or closed without its pair"
        return 'a sign in it is out of place; put "quotes" around words with signs in them'
    return "it is not an advanced search (without --advanced, words are found as written)"


_SYNTAX_NEAR = re.compile(r'syntax error near "(.*)"$')


def _literal(con: Connection, needle: str, limit: int, offset: int) -> SearchResult:
    total = int(con.execute(_LITERAL_COUNT, {"needle": needle}).fetchone()[0])
    rows = con.execute(
        _LITERAL_HITS, {"needle": needle, "limit": limit, "offset": offset}
    ).fetchall()
    hits = tuple(
        SearchHit(source, int(ref), _day(day), literal_parts(body, needle))
        for source, ref, day, body in rows
    )
    return SearchResult(total, hits)


def _day(value: object) -> date:
    # The triggers copy the day column's text ('YYYY-MM-DD') into the index.
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def split_marked(snippet: str) -> tuple[tuple[str, bool], ...]:
    """Split a snippet marked with \\x02 ... \\x03 into ``(text, is_match)`` parts, one line."""
    parts: list[tuple[str, bool]] = []
    for i, chunk in enumerate(collapse_spaces(snippet).split(_START)):
        if i == 0:
            before, matched, after = chunk, "", ""
        else:
            matched, _, after = chunk.partition(_END)
            before = ""
        for piece, is_match in ((before, False), (matched, True), (after, False)):
            if not piece:
                continue
            if parts and parts[-1][1] == is_match:
                parts[-1] = (parts[-1][0] + piece, is_match)
            else:
                parts.append((piece, is_match))
    return tuple(parts)


def literal_parts(body: str, needle: str) -> tuple[tuple[str, bool], ...]:
    """A snippet around the first literal occurrence of ``needle``, every occurrence marked."""
    body = collapse_spaces(body)
    first = body.find(needle)
    if first < 0:
        return ((body[: 2 * LITERAL_CONTEXT], False),) if body else ()
    start = max(0, first - LITERAL_CONTEXT)
    end = min(len(body), first + len(needle) + LITERAL_CONTEXT)
    window = body[start:end]
    marked = window.replace(needle, _START + needle + _END)
    prefix = _ELLIPSIS if start > 0 else ""
    suffix = _ELLIPSIS if end < len(body) else ""
    return split_marked(prefix + marked + suffix)
