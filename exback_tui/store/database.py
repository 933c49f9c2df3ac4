"""Finding, checking and creating the journal file, and the connections and engine over it.

The file is inspected through a read-only connection before SQLAlchemy touches it, so a file
that is not ours, or one from a newer exback, is refused byte-for-byte untouched, and a damaged
one is found before anything writes to it. Migrating is store.migration's, opening in order
(look, unlock, check, migrate) store.opening's.

An encrypted journal (SQLCipher, through the ``sqlcipher3`` package) has no SQLite header: it
is recognised by its size, and opened only with its passphrase. ``sqlcipher3`` is imported only
for an encrypted journal, and if it is missing the journal is refused, never read as plaintext.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    # SQLAlchemy is imported where an engine is made, not here: looking at a file (inspect,
    # connect_read_only) must stay cheap, because the app paints its first frame from it.
    from sqlalchemy import Engine

from .cipher import apply_key, check_passphrase_text, cipher_module
from .errors import (
    JournalError,
    JournalLocked,
    JournalPathError,
    NewerJournal,
    NotAJournal,
    WrongPassphrase,
)
from .file_guard import refuse_without_room, same_file

# PRAGMA application_id marks a SQLite file as an exback journal ("ExBa").
APPLICATION_ID = 0x45784261
SQLITE_MAGIC = b"SQLite format 3\x00"
# Every revision this version knows, oldest first; the last is the head. Kept here (not read
# from the Alembic scripts) so that checking a journal never imports Alembic.
REVISIONS = ("20261123_01", "20261123_02", "20261201_01", "20261210_01", "20261210_02")
HEAD = REVISIONS[-1]
BUSY_TIMEOUT_MS = 5000
ENV_DB = "EXBACK_DB"
# SQLite pages are 512 to 65536 bytes, so a database file is a whole number of 512-byte
# blocks. A file of such a size without the SQLite header may be a SQLCipher journal.
MIN_PAGE_SIZE = 512
# SQLite's header bytes 21-23 (payload fractions) are always 64, 32, 32: seen without the magic
# string, they mean a SQLite file whose first bytes were overwritten, not an encrypted one.
_PAYLOAD_FRACTIONS = b"\x40\x20\x20"
# The longest file name and path Linux and macOS file systems take (NAME_MAX, PATH_MAX), and
# the longest journal name: it leaves room for what SQLite and exback add to it ("-journal",
# ".NAME.decrypting", a backup's date and time).
NAME_MAX, PATH_MAX = 255, 1024 if sys.platform == "darwin" else 4096
JOURNAL_NAME_MAX = 200
# Words of SQLite's messages that mean the file itself is broken.
_DAMAGE_WORDS = ("malformed", "not a database", "corrupt", "disk i/o")


def is_plain_sqlite(path: Path) -> bool:
    """Whether the file begins as a plaintext SQLite database does: anyone could read it."""
    try:
        with path.open("rb") as f:
            return f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def journal_file(path: Path | str | None) -> Path:
    """The absolute journal path for ``path`` (``~`` expanded), or the default one.

    ".." is folded away by spelling, as a shell would: the folder a new journal needs is made
    from this path, and "nope/x/.." would otherwise make "nope/x" and then fail on a folder.
    """
    try:
        chosen = Path(path).expanduser() if path is not None else default_path()
    except RuntimeError:  # "~name/..." for a user this system does not have
        raise JournalPathError(
            f"{path or os.environ.get(ENV_DB)} starts with ~ and a user this system does not "
            "have; give the journal's path in full."
        ) from None
    full = Path(os.path.abspath(chosen))
    # Too long a path fails in the first stat with an OSError, or later on the name of a file
    # made beside it; say it plainly instead, before anything is made.
    if (
        len(os.fsencode(full)) >= PATH_MAX - NAME_MAX
        or len(os.fsencode(full.name)) > JOURNAL_NAME_MAX
        or any(len(os.fsencode(part)) > NAME_MAX for part in full.parts)
    ):
        raise JournalPathError(
            "The journal's path is too long for the file system; choose a shorter one (a "
            f"journal's name can have {JOURNAL_NAME_MAX} bytes, a folder's {NAME_MAX})."
        )
    if os.path.islink(full):
        # Work on the real file: SQLite keeps its -wal beside the target, and a conversion or
        # a restore that renamed a file over the link would leave the target behind, unchanged
        # and readable, with the two diverging from then on.
        full = Path(os.path.realpath(full))
    return full


def default_path() -> Path:
    """The journal path: $EXBACK_DB, else journal.db in the user data directory."""
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    # Imported here: a start with --db or $EXBACK_DB need not load it.
    from platformdirs import user_data_path

    return user_data_path("exback", appauthor=False) / "journal.db"


@dataclass(frozen=True, slots=True)
class FileState:
    """What a look at the file (without writing to it) found."""

    path: Path
    exists: bool
    revision: str | None  # None for a new or empty file (or an encrypted one not yet unlocked)
    encrypted: bool = False
    # SQLite's first complaint when the quick check failed, else None.
    damage: str | None = None
    # False when the damage keeps SQLite from opening the file at all.
    readable: bool = True
    # True when the file can be read only as "immutable": a read-only folder where SQLite
    # cannot create the -shm file that a WAL database needs even for reading.
    immutable: bool = False
    # The file looked at (device, inode): a connection made later to another file at the same
    # path (a conversion or a restore replaced it meanwhile) is refused, not misread.
    file_id: tuple[int, int] | None = None


def inspect(path: Path, passphrase: str | None = None, *, check: bool = True) -> FileState:
    """Look at ``path`` read-only and say whether it is a journal we may open.

    An encrypted file gives ``encrypted=True``; with its ``passphrase`` it is unlocked and
    checked like any other (a wrong one raises :class:`WrongPassphrase`). Every check runs
    SQLite's quick check, so a damaged journal is found before anything writes to it.
    Raises a :class:`JournalError` subclass with one clear sentence otherwise.
    ``check=False`` skips the quick check, for a look that only reads (the app's first frame),
    when the full open that follows runs it before anything is written.
    """
    if path.is_dir():
        raise JournalPathError(f"{path} is a folder; give the path of a journal file instead.")
    if not path.exists():
        parent = _existing_parent(path)
        if not parent.is_dir():
            raise JournalPathError(f"{parent} is a file, so no journal can be made under it.")
        if not os.access(parent, os.W_OK | os.X_OK):
            raise JournalPathError(f"There is no permission to create a journal in {parent}.")
        refuse_without_room(path)
        return FileState(path, exists=False, revision=None)
    if not stat.S_ISREG(path.stat().st_mode):
        raise JournalPathError(f"{path} is not a regular file, so it cannot be a journal.")
    try:
        with path.open("rb") as f:
            header = f.read(100)
            found = os.fstat(f.fileno())
    except PermissionError:
        raise JournalPathError(f"There is no permission to read {path}.") from None
    file_id = (found.st_dev, found.st_ino)
    if not header:
        raise NotAJournal(f"{path} is an empty file, not an exback journal; it was left as it is.")
    if header.startswith(SQLITE_MAGIC):
        return replace(_examine(path, sqlite3, None, check=check), file_id=file_id)
    size = path.stat().st_size
    if size % MIN_PAGE_SIZE == 0 and header[21:24] == _PAYLOAD_FRACTIONS:
        return FileState(path, True, None, damage="the file header is damaged", readable=False)
    if size % MIN_PAGE_SIZE:
        raise NotAJournal(
            f"{path} is not an exback journal (not a SQLite database); it was left untouched."
        )
    if passphrase is None:
        return FileState(path, exists=True, revision=None, encrypted=True, file_id=file_id)
    return replace(_examine(path, cipher_module(path), passphrase, check=check), file_id=file_id)


def connect_read_only(
    path: Path, module: ModuleType = sqlite3, passphrase: str | None = None
) -> tuple[Any, bool]:
    """A read-only DB-API connection to ``path`` (keyed if ``passphrase``), and whether it had
    to be opened as immutable.

    A WAL database needs its -shm file even to be read; in a folder we may not write, SQLite
    cannot create it, and ``immutable=1`` (no locks, no -shm) is the only way in. Nobody can
    be writing there, so nothing is missed but an un-checkpointed -wal, which a clean close
    never leaves. A wrong passphrase raises :class:`WrongPassphrase`. On a full disk it says
    so first (SQLite would make the -wal and -shm files of a WAL database, fail in them and
    leave them behind).
    """
    refuse_without_room(path)
    last: Exception | None = None
    for immutable in (False, True):
        uri = f"file:{quote(str(path))}?mode=ro{'&immutable=1' if immutable else ''}"
        con = module.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            if passphrase is not None:
                apply_key(con, passphrase)
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return con, immutable
        except module.DatabaseError as exc:
            con.close()
            message = str(exc).lower()
            if passphrase is not None and "not a database" in message:
                raise WrongPassphrase(
                    f"Wrong passphrase, or the file is damaged; {path} was left untouched."
                ) from None
            if "readonly" in message or "unable to open" in message:
                last = exc
                continue
            raise
    assert last is not None
    raise last


def _existing_parent(path: Path) -> Path:
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    return parent


def _examine(
    path: Path, module: ModuleType, passphrase: str | None, *, check: bool = True
) -> FileState:
    """Read the revision and run the quick check through a read-only connection."""
    encrypted = passphrase is not None
    try:
        con, immutable = connect_read_only(path, module, passphrase)
    except module.DatabaseError as exc:
        return _damaged_or_refused(path, exc, encrypted)
    try:
        try:
            revision = _read_revision(con, path)
        except module.DatabaseError as exc:
            return _damaged_or_refused(path, exc, encrypted)
        try:
            damage = _quick_check(con, encrypted) if check else None
        except module.DatabaseError as exc:
            if "locked" in str(exc):
                raise JournalLocked(f"{path} is locked by another program; try again.") from None
            # The schema reads, so the file opens read-only; the check itself hit the damage.
            damage = str(exc)
    finally:
        con.close()
    return FileState(path, True, revision, encrypted, damage=damage, immutable=immutable)


def _damaged_or_refused(path: Path, exc: Exception, encrypted: bool) -> FileState:
    message = str(exc)
    if "locked" in message:
        raise JournalLocked(f"{path} is locked by another program; try again in a moment.")
    if "disk i/o" in message.lower():
        refuse_without_room(path, any_limit=True)  # the disk filled up meanwhile: not damage
    if any(word in message.lower() for word in _DAMAGE_WORDS):
        return FileState(path, True, None, encrypted, damage=message, readable=False)
    raise NotAJournal(f"{path} could not be read as a journal ({message}); it was left untouched.")


def _read_revision(con: Any, path: Path) -> str | None:
    """The Alembic revision of an exback journal, or None for an empty SQLite file."""
    app_id = con.execute("PRAGMA application_id").fetchone()[0]
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if app_id == 0 and not tables:
        return None
    if app_id != APPLICATION_ID or "alembic_version" not in tables:
        raise NotAJournal(
            f"{path} is a SQLite database but not an exback journal; it was left untouched."
        )
    row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = row[0] if row else None
    if revision not in REVISIONS:
        raise NewerJournal(
            f"{path} was written by a newer version of exback; update exback to open it "
            "(the file was left untouched)."
        )
    return revision  # type: ignore[no-any-return]


def _quick_check(con: Any, encrypted: bool) -> str | None:
    """SQLite's quick check (and SQLCipher's page check): None when all is well.

    It reads every page once: about 3 ms for a ten-year journal (2 MB), so it runs on every
    open rather than once a day, and damage is caught before the next write.
    """
    rows = [r[0] for r in con.execute("PRAGMA quick_check(3)")]
    if rows != ["ok"]:
        return "; ".join(str(r).replace("\n", " ") for r in rows) or "the quick check failed"
    if encrypted:
        problems = [r[0] for r in con.execute("PRAGMA cipher_integrity_check")]
        if problems:
            return "; ".join(str(p) for p in problems[:3])
    return None


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
            raise JournalPathError(
                f"Could not create the folder {folder}: {exc.strerror}."
            ) from None
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
    except OSError:
        pass  # not our file (or a read-only disk); opening still works, the owner decides


def _no_library_tracebacks() -> None:
    """Keep SQLAlchemy's own log off standard error.

    It logs a connection it could not reset with a full traceback: a SIGTERM, SIGHUP or
    Ctrl-C landing in its clean-up mid-conversion did it, and with no handler of the
    program's, Python printed that above the one sentence saying what happened. The
    exception itself still reaches the caller."""
    logger = logging.getLogger("sqlalchemy")
    if not any(isinstance(handler, logging.NullHandler) for handler in logger.handlers):
        logger.addHandler(logging.NullHandler())


def create_journal_engine(
    path: Path,
    *,
    passphrase: str | None = None,
    read_only: bool = False,
    immutable: bool = False,
    file_id: tuple[int, int] | None = None,
) -> Engine:
    """An engine with our pragmas on every connection and BEGIN under our control.

    Sessions that write bind to ``engine.execution_options(exback_write=True)``, which begins
    with BEGIN IMMEDIATE: a deferred BEGIN that reads and then writes fails with
    SQLITE_BUSY_SNAPSHOT when another process wrote in between, and busy_timeout cannot help.

    With a ``passphrase`` the engine speaks SQLCipher (SQLAlchemy's ``sqlite+pysqlcipher``
    dialect keys each new connection). ``read_only`` opens the file with ``mode=ro`` (and
    ``immutable`` where :func:`connect_read_only` found it had to). With the ``file_id`` of
    the file looked at, a connection to another file at the same path is refused.
    """
    # Imported here: looking at a file must not load SQLAlchemy (the first frame's start-up).
    from sqlalchemy import URL, create_engine, event
    from sqlalchemy.pool import QueuePool

    _no_library_tracebacks()
    options: dict[str, Any] = {}
    if passphrase is not None:
        check_passphrase_text(passphrase)
        # The dialect defaults to SingletonThreadPool (one connection a thread, never shared),
        # wrong for an app whose workers come and go; a queue pool keeps a few keyed
        # connections, so the key derivation (about 0.1 s) is paid once for each.
        options = {"module": cipher_module(path), "poolclass": QueuePool}
    database, query = str(path), {}
    if read_only:
        database = f"file:{quote(str(path))}"
        query = {"mode": "ro", "uri": "true", **({"immutable": "1"} if immutable else {})}
    url = URL.create(
        "sqlite+pysqlcipher" if passphrase is not None else "sqlite+pysqlite",
        password=passphrase,  # SQLAlchemy masks it in the URL's str() and repr()
        database=database,
        query=query,
    )
    engine = create_engine(url, **options)
    setup_errors = (options.get("module", sqlite3).Error, JournalError, OSError)

    if passphrase is not None:

        @event.listens_for(engine, "connect", insert=True)
        def _quiet(dbapi_connection: Any, _record: Any) -> None:
            # Ahead of the dialect's PRAGMA key, so no SQLCipher log line ever reaches stderr.
            dbapi_connection.execute("PRAGMA cipher_log_level = NONE")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # A conversion may have replaced the file since the look.
        with same_file(path, file_id, setup_errors):
            set_pragmas(dbapi_connection, read_only=read_only, encrypted=passphrase is not None)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get("exback_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def set_pragmas(con: Any, *, read_only: bool = False, encrypted: bool = False) -> None:
    """Our pragmas on a new DB-API connection (every engine connection, and :func:`connect`).

    The connection is left in autocommit (``isolation_level = None``): whoever holds it says
    BEGIN (IMMEDIATE for a write) instead of the sqlite3 module guessing.
    """
    con.isolation_level = None
    cur = con.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    if read_only:
        cur.execute("PRAGMA query_only = 1")
    else:
        cur.execute("PRAGMA journal_mode = WAL")
    # FULL: a check-in reported as saved survives a power cut, and a day's writes are
    # few, so the extra fsync per commit is never felt.
    cur.execute("PRAGMA synchronous = FULL")
    if encrypted:
        # Sorts and temporary indexes stay in memory, never in a temporary file.
        cur.execute("PRAGMA temp_store = MEMORY")
    cur.close()


def connect(
    path: Path,
    module: ModuleType = sqlite3,
    passphrase: str | None = None,
    file_id: tuple[int, int] | None = None,
) -> Any:
    """A writable DB-API connection to the journal at ``path`` (keyed if ``passphrase``) with
    the engine's pragmas, made without SQLAlchemy (for the quick commands); ``file_id`` as for
    :func:`create_journal_engine`."""
    con = module.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        with same_file(path, file_id, (module.Error, JournalError, OSError)):
            if passphrase is not None:
                apply_key(con, passphrase)
            set_pragmas(con, encrypted=passphrase is not None)
    except BaseException:
        con.close()
        raise
    return con


def read_only_reason(state: FileState, *, asked: bool = False) -> str:
    """Why the journal must open read-only (a sentence to show), or "" if it can be written."""
    path = state.path
    if asked:
        return f"{path} is open read-only, as asked."
    if not state.exists:
        return ""
    if not os.access(path, os.W_OK):
        return f"{path} is open read-only: this account may not write to the file."
    folder = path.parent
    if state.immutable or not os.access(folder, os.W_OK | os.X_OK):
        return (
            f"{path} is open read-only: this account may not write in its folder, {folder}, "
            "where SQLite keeps its write-ahead log."
        )
    return ""
