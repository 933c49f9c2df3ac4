"""The app's export (the palette's "Export the journal"): the whole journal as JSON beside it.

The same document as ``exback export --format json``, so it imports back as it is, and the
same answer to a row no exback writes (store.export_document.OddRows): everything readable is
written, and the rows left out are named by table and id, never by what they hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..core.text import shown
from ..store.export_document import OddRows
from ..store.journal import Journal
from ..store.portable import to_json, write_private


@dataclass(frozen=True, slots=True)
class Exported:
    """Where the export went, and the rows it had to leave out."""

    path: Path
    #: The sentence naming the rows that could not be read; "" when every row was.
    left_out: str = ""

    @property
    def notice(self) -> str:
        """What to tell the user, in one or two sentences."""
        done = f"Exported to {shown(str(self.path))}."
        return f"{done} {self.left_out}" if self.left_out else done


def export_beside(journal: Journal, today: date) -> Exported:
    """Write the journal to ``exback-export-<today>.json`` beside it (0600)."""
    target = journal.path.with_name(f"exback-export-{today.isoformat()}.json")
    try:
        doc, left_out = journal.export_data(), ""
    except OddRows as odd:
        doc, left_out = odd.doc, str(odd)
    write_private(target, to_json(doc))
    return Exported(target, left_out)
