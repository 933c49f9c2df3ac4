"""A journal's copies on disk (its backups, finished or cut short, damaged copies and the
work files of a stopped conversion), and which of them anyone could read.

Free of SQLAlchemy: ``exback status`` looks for readable copies beside an encrypted journal
on every run, and loading the Journal for that alone cost it 0.6 s.
"""

from __future__ import annotations

from pathlib import Path

from . import database, leftovers
from .backup import journal_backups, partial_backups
from .errors import JournalPathError
from .integrity import damaged_copies


def plaintext_copies(path: Path) -> list[Path]:
    """Unencrypted copies of the journal that exback made: its backups (finished or cut
    short), damaged copies, and the work file of a conversion that was killed. Another
    journal's backups in the same folder are not copies of this one and are never listed."""
    candidates = journal_backups(path) + partial_backups(path)
    candidates += damaged_copies(path)
    candidates += leftovers.work_files(path)
    return sorted(p for p in candidates if database.is_plain_sqlite(p))


def encrypted_copies(path: Path) -> list[Path]:
    """Encrypted backups of the journal in its backups folder (not another journal's)."""
    return sorted(p for p in journal_backups(path) if not database.is_plain_sqlite(p))


def remove_copies(paths: list[Path]) -> None:
    """Delete the given copies (and any -wal beside them)."""
    for copy in paths:
        try:
            copy.unlink(missing_ok=True)
            copy.with_name(copy.name + "-wal").unlink(missing_ok=True)
        except OSError as exc:
            raise JournalPathError(f"Could not delete {copy}: {exc.strerror}.") from None
