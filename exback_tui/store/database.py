"""Finding, checking, creating and migrating the journal file, and the engine over it.

The file is inspected through a read-only sqlite3 connection before SQLAlchemy touches it, so a
file that is not ours, or one from a newer exback, is refused byte-for-byte untouched. Alembic
is imported only when a migration is actually due: a journal at the current revision opens with
one cheap query.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError

from .errors import JournalLocked, JournalPathError, JournalUnwritable, NewerJournal, NotAJournal

# PRAGMA application_id marks a SQLite file as an exback journal ("ExBa").
APPLICATION_ID = 0x45784261
SQLITE_MAGIC = b"SQLite format 3\x00"
# Every revision this version knows, oldest first; the last is the head. Kept here (not read
# from the Alembic scripts) so that checking a journal never imports Alembic.
REVISIONS = ("20261123_01",)
HEAD = REVISIONS[-1]
BUSY_TIMEOUT_MS = 5000
ENV_DB = "EXBACK_DB"


def default_path() -> Path:
    """The journal path: $EXBACK_DB, else journal.db in the user data directory."""
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("exback", appauthor=False) / "journal.db"


@dataclass(frozen=True, slots=True)
class FileState:
    """What a look at the file (without writing to it) found."""

    path: Path
    exists: bool
    revision: str | None  # None for a new or empty file


def inspect(path: Path) -> FileState:
    """Look at ``path`` read-only and say whether it is a journal we may open.

    Raises a :class:`JournalError` subclass with one clear sentence otherwise.
    """
    if path.is_dir():
        raise JournalPathError(f"{path} is a folder; give the path of a journal file instead.")
    if not path.exists():
        parent = _existing_parent(path)
        if not parent.is_dir():
            raise JournalPathError(f"{parent} is a file, so no journal can be made under it.")
        if not os.access(parent, os.W_OK | os.X_OK):
            raise JournalPathError(f"There is no permission to create a journal in {parent}.")
        return FileState(path, exists=False, revision=None)
    if not stat.S_ISREG(path.stat().st_mode):
        raise JournalPathError(f"{path} is not a regular file, so it cannot be a journal.")
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_MAGIC))
    except PermissionError:
        raise JournalPathError(f"There is no permission to read {path}.") from None
    if not header:
        raise NotAJournal(
            f"{path} is an empty file, not an exback journal; it was left as it is."
        )
    if header != SQLITE_MAGIC:
        raise NotAJournal(
            f"{path} is not an exback journal (not a SQLite database); it was left untouched."
        )
    return FileState(path, exists=True, revision=_read_revision(path))


def _existing_parent(path: Path) -> Path:
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    return parent


def _read_revision(path: Path) -> str | None:
    """The Alembic revision of an exback journal, or None for an empty SQLite file."""
    uri = f"file:{quote(str(path))}?mode=ro"
    try:
        con = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise NotAJournal(f"{path} could not be read as a journal ({exc}).") from None
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if app_id == 0 and not tables:
            return None
        if app_id != APPLICATION_ID or "alembic_version" not in tables:
            raise NotAJournal(
                f"{path} is a SQLite database but not an exback journal; it was left untouched."
            )
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        message = str(exc)
        if "locked" in message:
            raise JournalLocked(
                f"{path} is locked by another program; try again in a moment."
            ) from None
        raise NotAJournal(
            f"{path} is damaged or not a journal ({message}); it was left untouched."
        ) from None
    finally:
        con.close()
    revision = row[0] if row else None
    if revision not in REVISIONS:
        raise NewerJournal(
            f"{path} was written by a newer version of exback; update exback to open it "
            "(the file was left untouched)."
        )
    return revision


def prepare_new_file(path: Path) -> None:
    """Create the folder (0700) and an empty journal file (0600) before SQLite opens it."""
    missing = []
    parent = path.parent
    while not parent.exists():
        missing.append(parent)
        parent = parent.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except OSError as exc:
            raise JournalPathError(f"Could not create the folder {folder}: {exc.strerror}.") from None
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise JournalPathError(f"Could not create {path}: {exc.strerror}.") from None
    os.close(fd)


def make_owner_only(path: Path) -> None:
    """Tighten an existing journal to 0600 if it is readable by others and ours to change."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            path.chmod(mode & 0o700)
    except PermissionError:
        pass  # not our file to change; opening still works, the owner decides its mode


def create_journal_engine(path: Path) -> Engine:
    """An engine with our pragmas on every connection and BEGIN under our control.

    Sessions that write bind to ``engine.execution_options(exback_write=True)``, which begins
    with BEGIN IMMEDIATE: a deferred BEGIN that reads and then writes fails with
    SQLITE_BUSY_SNAPSHOT when another process wrote in between, and busy_timeout cannot help.
    """
    engine = create_engine(f"sqlite+pysqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN instead of the sqlite3 module guessing.
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = WAL")
        # FULL: a check-in reported as saved survives a power cut, and a day's writes are
        # few, so the extra fsync per commit is never felt.
        cur.execute("PRAGMA synchronous = FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get("exback_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def migrate(engine: Engine, path: Path, from_revision: str | None) -> None:
    """Bring the schema to :data:`HEAD` with the bundled Alembic scripts.

    An existing journal is backed up first, so a failed migration can never cost data.
    """
    if from_revision is not None:
        from .backup import backup_to

        backup_to(engine, path.parent / "backups", label=f"before-upgrade-{from_revision}")
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    writer = engine.execution_options(exback_write=True)
    try:
        with writer.connect() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()
    except OperationalError as exc:
        if "locked" in str(exc):
            raise JournalLocked(f"{path} is busy in another program; try again in a moment.") from None
        if "readonly" in str(exc) or "read-only" in str(exc):
            raise JournalUnwritable(f"{path} cannot be written, so it cannot be set up.") from None
        raise
