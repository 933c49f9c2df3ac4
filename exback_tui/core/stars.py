"""A starred entry: one that carries the tag "starred".

A tag rather than a column of its own: jrnl's starred entries already come in on import with
this tag, the exback export and import carry it unchanged, and a person can see and remove it
in the app's tag field like any other. `exback entries --starred` and `--tag starred` agree.
"""

from __future__ import annotations

from collections.abc import Iterable

STAR_TAG = "starred"
STAR = "★"


def is_starred(tags: Iterable[str]) -> bool:
    """Whether an entry with ``tags`` is starred."""
    return any(tag.casefold() == STAR_TAG for tag in tags)


def with_star(tags: Iterable[str], starred: bool) -> list[str]:
    """``tags`` with the star tag added at the end, or removed (in any case)."""
    kept = [tag for tag in tags if tag.casefold() != STAR_TAG]
    return [*kept, STAR_TAG] if starred else kept
