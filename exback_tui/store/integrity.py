"""What happens to a damaged journal: a copy kept aside, and the newest good backup found.

A journal that fails SQLite's quick check is never written to, deleted or recreated. Its bytes
(and its -wal, which may hold the latest saves) are copied beside it, it is opened read-only
if SQLite still can, and the user is told which backup to restore.
"""

from __future__ import annotations

import filecmp
import glob
import os
import shlex
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import database
from .backup import journal_mark, sort_backups
from .errors import JournalError
from .file_mark import left_as_found

_DAMAGED = ".damaged-"


@dataclass(frozen=True, slots=True)
class Damage:
    """A failed integrity check: what SQLite said, where the copy went, what to restore."""

    detail: str
    copy: Path | None
    newest_backup: Path | None

    def describe(self, path: Path, *, opened: bool) -> str:
        """The sentences to show: what is wrong, what was done, what to do next."""
        if self.copy is not None:
            first = f"{path} is damaged; a copy was kept at {self.copy}."
        else:
            first = f"{path} is damaged; no copy of it could be kept (its folder is not writable)."
        second = (
            "It was opened read-only."
            if opened
            else "It could not be opened, not even read-only, and was left as it is."
        )
        if self.newest_backup is None:
            third = "No good backup was found to restore."
        else:
            third = "Restore the newest good backup with: " + restore_command(
                path, self.newest_backup
            )
        return f"{first} {second} {third}"


def restore_command(journal_path: Path, backup: Path) -> str:
    """The ``exback restore`` line to type, with --db when the journal is not the default."""
    db = (
        ""
        if journal_path == database.default_path().absolute()
        else (f"--db {shlex.quote(str(journal_path))} ")
    )
    return f"exback {db}restore {shlex.quote(str(backup))}"


def damaged_copies(path: Path) -> list[Path]:
    """Copies of ``path`` kept aside as damaged, oldest first (their -wal files left out)."""
    pattern = glob.escape(str(path)) + _DAMAGED + "*"
    return sorted(Path(p) for p in glob.glob(pattern) if not p.endswith("-wal"))


def keep_damaged_copy(path: Path) -> Path | None:
    """Copy ``path`` and its -wal aside (0600) as ``<name>.damaged-<stamp>``.

    Opening the same damaged journal again reuses an identical copy instead of piling up new
    ones. Returns None when no copy can be written (a read-only folder, a full disk).
    """
    wal = path.with_name(path.name + "-wal")
    previous = damaged_copies(path)
    if previous and _same(previous[-1], path) and _same(_wal_of(previous[-1]), wal):
        return previous[-1]
    copy = path.with_name(f"{path.name}{_DAMAGED}{datetime.now():%Y%m%d-%H%M%S-%f}")
    try:
        _copy_private(path, copy)
        if wal.exists() and wal.stat().st_size:
            _copy_private(wal, _wal_of(copy))
    except OSError:
        copy.unlink(missing_ok=True)
        _wal_of(copy).unlink(missing_ok=True)
        return None
    return copy


def newest_good_backup(path: Path, passphrase: str | None = None) -> Path | None:
    """The newest of this journal's backups (never another journal's) that opens (with
    ``passphrase`` if encrypted) and passes the quick check; None if there is none.

    Without a passphrase an encrypted backup cannot be checked, so the newest is named as it
    is: ``exback restore`` checks it with the passphrase before using it. Each candidate is
    left as it was found: no -wal or -shm beside it.
    """
    ours = sort_backups(path, journal_mark(path, passphrase), passphrase).ours
    # Newest first by the time written (names hold the time only to the second).
    found = sorted(ours, key=lambda b: (b.stamp, _mtime(b.path), b.path.name))
    for candidate in reversed(found):
        try:
            with left_as_found(candidate.path):
                state = database.inspect(candidate.path)
                if state.encrypted:
                    if passphrase is None:
                        return candidate.path
                    state = database.inspect(candidate.path, passphrase)
        except (JournalError, OSError):
            continue  # not a journal, a newer one, or under another passphrase: look further
        if state.revision is not None and state.damage is None:
            return candidate.path
    return None


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0  # gone since it was listed: it sorts first and is skipped as not a journal


def _wal_of(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _same(a: Path, b: Path) -> bool:
    """Same bytes; a missing file and an empty one count as the same (no -wal to speak of)."""
    a_has = a.exists() and a.stat().st_size > 0
    b_has = b.exists() and b.stat().st_size > 0
    if not (a_has and b_has):
        return a_has == b_has
    return filecmp.cmp(a, b, shallow=False)


def _copy_private(source: Path, dest: Path) -> None:
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out, source.open("rb") as src:
        shutil.copyfileobj(src, out)
        out.flush()
        os.fsync(out.fileno())


def replace_whole(journal_path: Path, backup_file: Path) -> Path | None:
    """Put a checked backup in place of a journal SQLite cannot write into.

    For a journal that is damaged, empty, or does not open with the backup's passphrase:
    SQLite's backup API cannot write into such a file. Its bytes (and -wal) are copied aside
    first, then the backup is copied beside it and renamed over it. Returns the copy kept
    (None for an empty file: nothing to keep).
    """
    safety: Path | None = None
    if journal_path.stat().st_size:
        safety = keep_damaged_copy(journal_path)
        if safety is None:
            raise JournalError(
                f"No copy of {journal_path} could be kept beside it, so nothing was restored."
            )
    work = journal_path.with_name(f".{journal_path.name}.restoring")
    work.unlink(missing_ok=True)
    try:
        _copy_private(backup_file, work)
        # The old -wal belongs to the old file (its copy was kept): it must not be replayed
        # into the restored one.
        for stale in ("-wal", "-shm"):
            journal_path.with_name(journal_path.name + stale).unlink(missing_ok=True)
        os.replace(work, journal_path)
    except OSError as exc:
        work.unlink(missing_ok=True)
        raise JournalError(f"Could not restore into {journal_path} ({exc.strerror}).") from None
    return safety
