"""One import for ``Journal.import_data``: the document validated whole before the transaction
begins (:func:`checked`), then written by the merge or replace writer in it
(:func:`import_into`), or written and rolled back for a dry run.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from .document import Doc, ImportSummary, Progress
from .import_document import Parsed, parse_document
from .import_write import write_document

# An exback or jrnl JSON document, or one already validated (store.import_formats reads other
# apps' files into one).
Importable = Doc | Parsed


def checked(doc: Importable) -> Parsed:
    """``doc`` validated (:func:`.import_document.parse_document`), unless it already is."""
    return doc if isinstance(doc, Parsed) else parse_document(doc)


def import_into(
    s: Session, parsed: Parsed, progress: Progress | None = None, dry_run: bool = False
) -> ImportSummary:
    """Write ``parsed`` in the caller's transaction; a ``dry_run`` rolls it back, so the
    summary says what an import would add and skip and the file is left as it was."""
    summary = write_document(s, parsed, progress)
    if dry_run:
        s.rollback()
    return summary
