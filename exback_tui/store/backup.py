"""Consistent copies of the journal with SQLite's online backup API, safe while it is in use.

Three kinds of copy land in the ``backups`` folder beside the journal: one automatic copy a
day (the last :data:`KEEP_DAILY` are kept), one before every schema upgrade, and one before
every restore (store.restore). ``exback backup`` writes a fourth kind wherever the user asks.

Several journals may share one folder, so every backup is named for its journal, with the
journal's id (store.journal_id): ``diary-3f9a2c1b-2026-11-23-210500-daily.db``. The id is
recorded inside the copy as well, so a renamed backup still says whose it is. Each journal's
daily backup, rotation, listing and clean-up touch its own backups only. Backups named before
ids existed (``journal-2026-11-23-210500.db``) are matched by the moment their journal was
started and renamed for it (:func:`adopt_older_backups`); one that cannot be read stays apart.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # Only Journal's copies come through an engine; the quick check-in's daily backup must
    # not load SQLAlchemy.
    from sqlalchemy import Engine

from . import cipher, database
from .errors import MIN_ROOM, JournalError, JournalPathError, NotAJournal, PassphraseNeeded
from .file_mark import left_as_found, read_file_mark
from .journal_id import Mark, new_journal_id, read_mark, record_journal_id

BACKUP_DIR = "backups"
DAILY_LABEL = "daily"
KEEP_DAILY = 14
# The journal's name in a backup's name is cut to this, so the whole stays far below the
# 255 bytes a file name may have.
_NAME_MAX = 40
_STAMP = r"\d{4}-\d{2}-\d{2}-\d{6}"
_NAMED = re.compile(
    rf"(?P<name>.+)-(?P<id>[0-9a-f]{{8}})-(?P<stamp>{_STAMP})(?:-(?P<label>.+))?\.db\Z"
)
# Before backups carried their journal's id (the name was always "journal").
_UNNAMED = re.compile(rf"(?P<name>.+?)-(?P<stamp>{_STAMP})(?:-(?P<label>.+))?\.db\Z")
_PARTIAL = ".partial"


def backups_dir(journal_path: Path) -> Path:
    """The folder beside the journal that holds its automatic backups."""
    return journal_path.parent / BACKUP_DIR


# -- names ------------------------------------------------------------------------------------


def journal_name(journal_path: Path) -> str:
    """The journal's name as its backups carry it: the real file's name without ".db", in
    letters, digits and ``._-`` only, cut short (with a hash of the rest) when long."""
    real = Path(os.path.realpath(journal_path)).name
    base = real.removesuffix(".db")
    clean = "".join(c if c.isalnum() or c in "._-" else "_" for c in base).lstrip(".")
    clean = clean or "journal"
    if len(clean) > _NAME_MAX:
        digest = hashlib.sha256(base.encode(errors="surrogateescape")).hexdigest()[:8]
        clean = f"{clean[: _NAME_MAX - 9]}~{digest}"
    return clean


def backup_file_name(
    journal_path: Path, journal_id: str | None, label: str = "", when: datetime | None = None
) -> str:
    """A name that says whose backup it is and sorts by time:
    ``<journal>-<id>-2026-11-23-210500[-label].db`` (no id when the journal has none)."""
    stamp = (when or datetime.now()).strftime("%Y-%m-%d-%H%M%S")
    return _name(journal_path, journal_id, stamp, label)


def _name(journal_path: Path, journal_id: str | None, stamp: str, label: str) -> str:
    owner = journal_name(journal_path) + (f"-{journal_id}" if journal_id else "")
    return f"{owner}-{stamp}{'-' + label if label else ''}.db"


@dataclass(frozen=True, slots=True)
class Backup:
    """A file in the backups folder, as its name describes it."""

    path: Path
    #: The journal's name (see :func:`journal_name`) when the backup was made.
    name: str
    #: The id of the journal it was made from; None in a name from before ids existed.
    journal_id: str | None
    #: When it was made, ``YYYY-MM-DD-HHMMSS``.
    stamp: str
    #: What made it ("daily", "before-restore" ...); "" for ``exback backup``.
    label: str

    @property
    def day(self) -> date:
        """The day it was made."""
        return date.fromisoformat(self.stamp[:10])


def parse_backup(path: Path) -> Backup | None:
    """The backup ``path`` names, or None for a file whose name is not a backup's."""
    found = _NAMED.match(path.name) or _UNNAMED.match(path.name)
    if found is None:
        return None
    try:
        date.fromisoformat(found["stamp"][:10])
    except ValueError:
        return None
    ident = found.groupdict().get("id")
    return Backup(path, found["name"], ident, found["stamp"], found["label"] or "")


def find_backups(folder: Path) -> list[Backup]:
    """Every backup in ``folder``, whoever's, oldest first."""
    if not folder.is_dir():
        return []
    found = [
        backup
        for p in folder.iterdir()
        if not p.name.startswith(".")
        and not p.is_symlink()
        and p.is_file()
        and (backup := parse_backup(p)) is not None
    ]
    return sorted(found, key=lambda b: (b.stamp, b.path.name))


# -- whose backup is it -----------------------------------------------------------------------


def journal_mark(journal_path: Path, passphrase: str | None = None) -> Mark:
    """Which journal is at ``journal_path``: read from it when it opens (plainly, or with
    ``passphrase``), else the id in the newest backup named for its file."""
    found = read_file_mark(journal_path, passphrase, tidy=False)
    if found is not None and found.journal_id is not None:
        return found
    name = journal_name(journal_path)
    named = [
        b.journal_id
        for b in find_backups(backups_dir(journal_path))
        if b.journal_id is not None and b.name == name
    ]
    return Mark(named[-1] if named else None, found.started if found is not None else None)


def relation(backup: Backup, journal: Mark, passphrase: str | None = None) -> bool | None:
    """Whether ``backup`` is a copy of ``journal``: by the id in its name, else by what it
    holds (read with ``passphrase`` if encrypted); None when neither can tell."""
    if backup.journal_id is not None and journal.journal_id is not None:
        return backup.journal_id == journal.journal_id
    inner = read_file_mark(backup.path, passphrase)
    if inner is None:
        return False if backup.journal_id is not None else None
    return inner.is_copy_of(journal)


@dataclass(frozen=True, slots=True)
class Sorted:
    """The backups in a journal's backups folder, by whose they are (each oldest first)."""

    ours: list[Backup] = field(default_factory=list)
    others: list[Backup] = field(default_factory=list)
    #: Named before ids existed, and they could not be read to tell (encrypted, damaged).
    unplaced: list[Backup] = field(default_factory=list)


def sort_backups(journal_path: Path, journal: Mark, passphrase: str | None = None) -> Sorted:
    """The backups beside the journal, sorted into its own, other journals', and unplaced."""
    found = Sorted()
    for backup in find_backups(backups_dir(journal_path)):
        ours = relation(backup, journal, passphrase)
        if ours is None:
            found.unplaced.append(backup)
        else:
            (found.ours if ours else found.others).append(backup)
    return found


def journal_backups(journal_path: Path, passphrase: str | None = None) -> list[Path]:
    """This journal's backups in its backups folder (never another journal's), oldest first."""
    mark = journal_mark(journal_path, passphrase)
    return [b.path for b in sort_backups(journal_path, mark, passphrase).ours]


def partial_backups(journal_path: Path, passphrase: str | None = None) -> list[Path]:
    """Backups of this journal that were cut short (``.NAME.partial``): any such file not
    known to be another journal's, since an unfinished copy is never worth keeping."""
    folder = backups_dir(journal_path)
    if not folder.is_dir():
        return []
    mark = journal_mark(journal_path, passphrase)
    return [
        path
        for path in sorted(folder.glob(f".*{_PARTIAL}"))
        if unfinished_copy_of(path, mark, passphrase)
    ]


def unfinished_copy_of(file: Path, journal: Mark, passphrase: str | None = None) -> bool:
    """Whether ``file``, a backup cut short (``.NAME.partial``, or a file SQLite made beside
    one, ``.NAME.partial-journal``), is ``journal``'s: by the id in its name, else by what it
    holds; one that cannot tell counts as ``journal``'s (an unfinished copy is never worth
    keeping), one known to be another journal's never does."""
    partial = file.with_name(file.name[: file.name.rindex(_PARTIAL) + len(_PARTIAL)])
    named = parse_backup(partial.with_name(partial.name[1 : -len(_PARTIAL)]))
    # The unfinished copy itself is read when its name does not say whose it is.
    probe = Backup(partial, "", named.journal_id if named else None, "", "")
    return relation(probe, journal, passphrase) is not False


# -- the journal's own id ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Owner:
    """The journal a daily backup is for: its mark, and its key (for older encrypted backups
    that record no id)."""

    mark: Mark
    passphrase: str | None = field(default=None, repr=False)

    @property
    def journal_id(self) -> str:
        """The journal's id (an Owner always has one)."""
        assert self.mark.journal_id is not None
        return self.mark.journal_id


def claim_journal_id(con: Any) -> str | None:
    """The id of the journal behind ``con``, recorded now if it has none yet; None only when
    it has none and cannot be given one (a read-only journal)."""
    found = read_mark(con).journal_id
    if found is not None:
        return found
    if not record_journal_id(con, new_journal_id()):
        return None
    return read_mark(con).journal_id  # another program may have been first: its id stands


def owner_of(con: Any, passphrase: str | None = None) -> Owner | None:
    """The journal behind ``con`` (keyed with ``passphrase``) as the owner of its backups."""
    journal_id = claim_journal_id(con)
    if journal_id is None:
        return None
    return Owner(Mark(journal_id, read_mark(con).started), passphrase)


def engine_owner(engine: Engine) -> Owner | None:
    """:func:`owner_of` for the journal behind a SQLAlchemy engine."""
    raw = engine.raw_connection()
    try:
        driver = raw.driver_connection
        assert driver is not None  # a pooled connection that is checked out has one
        return owner_of(driver, engine.url.password)
    finally:
        raw.close()


def _file_of(con: Any) -> Path | None:
    """The file behind a DB-API connection (SQLite resolves a symlink to its target)."""
    for _seq, name, file in con.execute("PRAGMA database_list"):
        if name == "main" and file:
            return Path(file)
    return None


# -- copies -----------------------------------------------------------------------------------


def backup_to(engine: Engine, dest: Path, label: str = "") -> Path:
    """Copy the journal behind ``engine`` to ``dest``, with its key (see :func:`copy_to`)."""
    raw = engine.raw_connection()
    try:
        driver = raw.driver_connection
        assert driver is not None  # a pooled connection that is checked out has one
        return copy_to(driver, dest, label, passphrase=engine.url.password)
    finally:
        raw.close()


def copy_to(con: Any, dest: Path, label: str = "", *, passphrase: str | None = None) -> Path:
    """Copy the journal behind the DB-API connection ``con`` to ``dest`` (a folder or a file
    path), 0600; with the journal's ``passphrase`` the copy is encrypted under it too.

    A folder is created 0700 if missing and the copy gets a dated name inside it, named for
    the journal and its id (recorded in the journal first if it has none, so the copy holds it
    too). The copy is written beside its final name and renamed into place, so a copy that
    exists is complete.
    """
    dest = dest.expanduser()
    journal_id = claim_journal_id(con)
    if dest.is_dir() or not dest.suffix:
        try:
            dest.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise JournalPathError(
                f"Could not create the backup folder {dest}: {exc.strerror}."
            ) from None
        name = backup_file_name(_file_of(con) or Path("journal.db"), journal_id, label)
        dest = dest / name
        n = 1
        while dest.exists():  # two backups within one second: number the second
            n += 1
            dest = dest.with_name(f"{name[:-3]}-{n}.db")
    if dest.exists():
        raise JournalPathError(f"{dest} already exists; choose another name for the backup.")

    # The journal's own driver and key: a backup of an encrypted journal is encrypted.
    module = cipher.cipher_module() if passphrase is not None else sqlite3
    partial = dest.with_name(f".{dest.name}.partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as exc:
        raise JournalPathError(f"Could not write a backup to {dest}: {exc.strerror}.") from None
    os.close(fd)
    try:
        target = module.connect(str(partial))
        try:
            if passphrase is not None:
                cipher.apply_key(target, passphrase)
            con.backup(target)
            # A backup is a single file: no -wal beside it to lose or leave behind.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        os.replace(partial, dest)
    except (OSError, sqlite3.Error, module.Error) as exc:
        partial.unlink(missing_ok=True)
        raise JournalPathError(f"Could not write a backup to {dest} ({exc}).") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return dest


def daily_backups(folder: Path, journal_id: str | None = None) -> list[Path]:
    """The automatic daily backups in ``folder`` of the journal with ``journal_id`` (of every
    journal when None), oldest first."""
    return [b.path for b in _dailies(folder, journal_id)]


def daily_backup(
    copy: Callable[[Path], Path],
    journal_path: Path,
    owner: Owner | None,
    *,
    today: date | None = None,
    keep: int = KEEP_DAILY,
) -> Path | None:
    """Make today's automatic backup of the journal ``owner`` names unless it has one, then
    keep only its last ``keep``; other journals' backups in the folder are not touched.

    ``copy(dest)`` writes the copy (``Journal.backup``, or the quick journal's own). Returns
    the new backup, or None when there was nothing to do or it could not be made: a failed
    backup must never stop the journal from opening, and the next open tries again. Without an
    owner (a journal that has no id and cannot be given one) no backup is made rather than one
    that could be taken for another journal's. Nor is one made that would leave the disk
    without the room the journal needs (:data:`~exback_tui.store.errors.MIN_ROOM`): the
    commands after it would all find the disk full.
    """
    if owner is None:
        return None
    today = today or date.today()
    folder = backups_dir(journal_path)
    made: Path | None = None
    try:
        due = not any(b.day == today for b in _dailies(folder, owner.journal_id))
        if due and _room_for_a_copy(journal_path):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            # Named by ``today`` (not the clock's date), which is what the check above reads.
            when = datetime.combine(today, datetime.now().time())
            name = backup_file_name(journal_path, owner.journal_id, DAILY_LABEL, when)
            made = copy(folder / name)
            # Once a day is enough to find the older backups this journal has not named yet.
            adopt_older_backups(journal_path, owner)
        for old in daily_backups(folder, owner.journal_id)[:-keep] if keep > 0 else []:
            old.unlink(missing_ok=True)
    except (OSError, sqlite3.Error, JournalError):
        # Deliberately quiet: a read-only folder or a full disk is reported by the writes
        # that matter; the message could only name paths, and the open must go on.
        return None
    return made


def _room_for_a_copy(journal_path: Path) -> bool:
    """Whether a copy of the journal leaves the room it needs on its disk (store.errors)."""
    try:
        disk = os.statvfs(journal_path.parent)
        size = sum(
            journal_path.with_name(journal_path.name + end).stat().st_size
            for end in ("", "-wal")
            if journal_path.with_name(journal_path.name + end).exists()
        )
    except OSError:
        return True  # cannot tell: try, and let a failure be quiet as always
    if not disk.f_blocks or disk.f_flag & os.ST_RDONLY:
        return True  # a file system that counts no blocks; a read-only one fails the copy
    blocks = disk.f_bfree if os.geteuid() == 0 else disk.f_bavail
    return blocks * disk.f_frsize - size >= MIN_ROOM


def _dailies(folder: Path, journal_id: str | None) -> list[Backup]:
    return [
        b
        for b in find_backups(folder)
        if b.label == DAILY_LABEL and (journal_id is None or b.journal_id == journal_id)
    ]


def adopt_older_backups(journal_path: Path, owner: Owner) -> list[Path]:
    """Name for this journal the backups made before ids existed that hold a copy of it (the
    same start); returns their new paths. Another journal's are left as they are."""
    adopted = []
    for backup in find_backups(backups_dir(journal_path)):
        if backup.journal_id is not None:
            continue
        inner = read_file_mark(backup.path, owner.passphrase)
        if inner is None or not inner.is_copy_of(owner.mark):
            continue
        new = backup.path.with_name(
            _name(journal_path, owner.journal_id, backup.stamp, backup.label)
        )
        if new.exists():
            continue
        try:
            os.rename(backup.path, new)
        except OSError:
            continue  # another program renamed it first, or the folder is read-only
        adopted.append(new)
    return adopted


def check_backup(backup_file: Path, passphrase: str | None = None) -> None:
    """Refuse anything but an intact exback journal (raises with one clear sentence).

    An encrypted backup needs its ``passphrase`` (PassphraseNeeded without one). Nothing is
    left beside it (see :func:`left_as_found`).
    """
    if not backup_file.exists():
        raise JournalPathError(f"{backup_file} does not exist.")
    with left_as_found(backup_file):
        _check(backup_file, passphrase)


def _check(backup_file: Path, passphrase: str | None) -> None:
    state = database.inspect(backup_file, passphrase)
    if state.encrypted and passphrase is None:
        raise PassphraseNeeded(f"{backup_file} is encrypted; its passphrase is needed.")
    if state.damage is not None:
        raise NotAJournal(f"{backup_file} is damaged; nothing was restored.")
    if state.revision is None:
        raise NotAJournal(f"{backup_file} is an empty database, not an exback backup.")
    module = cipher.cipher_module(backup_file) if state.encrypted else sqlite3
    try:
        con, _ = database.connect_read_only(backup_file, module, passphrase)
        try:
            result = [r[0] for r in con.execute("PRAGMA integrity_check")]
        finally:
            con.close()
    except (sqlite3.Error, module.Error) as exc:
        raise NotAJournal(
            f"{backup_file} could not be checked ({exc}); nothing was restored."
        ) from None
    if result != ["ok"]:
        raise NotAJournal(
            f"{backup_file} is damaged (integrity check failed); nothing was restored."
        )
