"""What a stopped conversion or backup leaves behind, and the lock that tells it from a running one.

An encrypt, decrypt or rekey writes its converted copy to a work file beside the journal
(``.NAME.encrypting`` ...), and a restore copies the backup there (``.NAME.restoring``, or
``.NAME.restore-source`` to re-key it) before renaming it over the journal; a backup writes
``.NAME.partial`` in the backups folder and renames it once complete. A process killed mid-way
(SIGKILL, a power cut) leaves them, and a decrypt's work file is the whole journal in plain
text. Every opening calls :func:`tidy`, which removes them (or finishes what was left), but
only once it is sure nobody is still writing them:

- A conversion (or a restore) holds the lock file ``.NAME.converting`` (``flock``, exclusive)
  from before its work file exists until after it is gone. The kernel drops the lock of a
  process that dies, so a lock that can be taken belongs to a conversion that was stopped.
- A backup holds SQLite's own lock on its ``.partial`` while it writes it; a partial without
  that lock, untouched for a few seconds, belongs to a backup that was stopped.

Openers also wait while a conversion runs (:func:`wait_for_conversion`) rather than read a file
that is about to be replaced.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import database
from .backup import backups_dir, journal_mark, unfinished_copy_of
from .errors import JournalError, JournalLocked, JournalPathError, converting_now
from .file_guard import conversion_lock_file

VERBS = ("encrypt", "decrypt", "rekey")
# The work files each command that holds the lock writes beside the journal (".NAME" + end).
_WORK = {
    "encrypt": (".encrypting",),
    "decrypt": (".decrypting",),
    "rekey": (".rekeying",),
    "restore": (".restoring", ".restore-source"),
}
# How long an opener waits for a running conversion before saying so: a ten-year journal
# converts in about five seconds on a slow laptop.
WAIT_FOR_CONVERSION_S = 10.0
# How long a conversion waits for an opener that is tidying (a moment at most).
WAIT_FOR_LOCK_S = 3.0
# A partial backup untouched this long without SQLite's lock on it was abandoned: a backup
# holds that lock while it copies, and needs well under a second before and after; the rest
# is room for a slow or busy disk.
PARTIAL_IDLE_S = 30.0
# SQLite's lock bytes in the database file (os_unix.c): PENDING, RESERVED, then 510 SHARED.
_SQLITE_LOCK_START = 0x40000000
_SQLITE_LOCK_LEN = 512
_SIDECARS = ("", "-journal", "-wal", "-shm")
_PARTIAL = ".partial"

# The journals this process is converting now: its own lock is no sign of a stranger's work.
_converting_here: set[Path] = set()
# The journals another process was seen converting while this one ran: a passphrase that stops
# working after that has been changed, not mistyped (store.unlocking).
_seen_converting: set[Path] = set()


def conversion_running(path: Path) -> bool:
    """True while an encrypt, decrypt or rekey in another process holds the journal at
    ``path``."""
    if path in _converting_here:
        return False
    try:
        fd = os.open(conversion_lock_file(path), os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False  # no lock file: nothing is converting
    try:
        return not _free(fd, path)
    finally:
        os.close(fd)


def saw_conversion(path: Path) -> bool:
    """Whether this process has seen another one convert the journal at ``path``."""
    return path in _seen_converting


def wait_for_conversion(path: Path, timeout: float = WAIT_FOR_CONVERSION_S) -> None:
    """Return once no other process converts the journal at ``path``; after ``timeout``
    seconds raise :class:`JournalLocked` saying a conversion is running.

    The lock file is held open while waiting, and looked at again if the conversion that
    held it ended and another began with a lock file of its own.
    """
    if path in _converting_here:
        return
    lock = conversion_lock_file(path)
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(lock, os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            return  # no lock file: nothing is converting
        try:
            while not _free(fd, path):
                if time.monotonic() > deadline:
                    raise converting_now(path)
                time.sleep(0.05)
            if _same_file(fd, lock) or not lock.exists():
                return
        finally:
            os.close(fd)


def _free(fd: int, path: Path) -> bool:
    """Whether nobody holds the conversion lock open at ``fd`` (a shared lock is taken and
    let go at once); one that is held is remembered as a conversion seen."""
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        _seen_converting.add(path)
        return False
    fcntl.flock(fd, fcntl.LOCK_UN)
    return True


def work_files(path: Path) -> list[Path]:
    """The work files of an encrypt, decrypt, rekey or restore of ``path`` on disk now."""
    names = (f".{path.name}{end}" for ends in _WORK.values() for end in ends)
    return [path.with_name(n) for n in names if path.with_name(n).exists()]


def _whose(path: Path, work: Path) -> str:
    """The command that writes the work file ``work`` (or a file SQLite made beside it)."""
    end = work.name[len(path.name) + 1 :]
    return next(verb for verb, ends in _WORK.items() if end.startswith(ends))


class ConversionLock:
    """The lock a conversion holds for its whole life; it records what a stopped one leaves
    to finish."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        #: Keep the record on disk when the conversion stops: the next opening finishes it.
        self.keep_record = False

    def plan_deletions(self, copies: list[Path]) -> None:
        """Note the plaintext copies to delete once the encrypted journal is in place, so a
        conversion stopped between the two has its clean-up finished by the next opening."""
        lines = "".join(f"delete {json.dumps(str(copy))}\n" for copy in copies)
        os.write(self._fd, lines.encode())
        os.fsync(self._fd)


@contextmanager
def converting(path: Path, verb: str) -> Iterator[ConversionLock]:
    """Hold the conversion lock of ``path`` for a ``verb`` (encrypt, decrypt, rekey, or
    restore, which also puts a new file in place of the journal).

    Raises :class:`JournalLocked` if another conversion holds it.
    """
    lock = conversion_lock_file(path)
    deadline = time.monotonic() + WAIT_FOR_LOCK_S
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise JournalPathError(
                f"Could not make the lock file {lock} that keeps other exbacks away while "
                f"{path} changes ({exc.strerror}); nothing was changed."
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() > deadline:
                raise JournalLocked(
                    f"Another exback is converting {path} (encrypt, decrypt or rekey); "
                    "nothing was changed, try again in a moment."
                ) from None
            time.sleep(0.05)
            continue
        if _same_file(fd, lock):
            break
        os.close(fd)  # an opener removed it after tidying: take the one there now
    held = ConversionLock(fd)
    _converting_here.add(path)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{verb}\n".encode())
        yield held
    finally:
        _converting_here.discard(path)
        if not held.keep_record:
            lock.unlink(missing_ok=True)  # while still held, so nobody takes a stale one
        os.close(fd)


def tidy(path: Path, passphrase: str | None = None) -> list[str]:
    """Remove, or finish, what a stopped conversion or backup of the journal at ``path`` left
    beside it and in its backups folder; one sentence for each thing done. A backups folder
    shared with other journals keeps what theirs left: each journal tidies its own (with its
    ``passphrase``, an encrypted one is read to tell which is)."""
    said = [] if path in _converting_here else _tidy_conversion(path)
    return said + _tidy_backups(path, passphrase)


def _tidy_conversion(path: Path) -> list[str]:
    lock = conversion_lock_file(path)
    work = [p for w in work_files(path) for p in _with_sidecars(w)]
    if not work and not lock.exists():
        return []
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError:
        return []  # a folder we may not write in: nothing could be removed either
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return []  # running now: its files are its own
        if not _same_file(fd, lock):
            return []  # it finished just now and took its lock file away
        record = _read_all(fd).decode("utf-8", "replace").splitlines()
        said = _finish(path, record, work)
        lock.unlink(missing_ok=True)
        return said
    except OSError:
        return []  # could not remove something: the next opening tries again
    finally:
        os.close(fd)


def _finish(path: Path, record: list[str], work: list[Path]) -> list[str]:
    said: list[str] = []
    verb = record[0] if record and record[0] in _WORK else None
    if work:
        named = verb or _whose(path, work[0])
        for leftover in work:
            leftover.unlink(missing_ok=True)
        said.append(
            f"Removed the unfinished copy a stopped 'exback {named}' left beside {path}; "
            "the journal is as it was before it."
        )
    if verb != "encrypt" or not _is_encrypted(path):
        return said  # nothing more to finish: not an encrypt, or stopped before the swap
    planned = [Path(json.loads(line[7:])) for line in record[1:] if line.startswith("delete ")]
    mine = (path.parent, backups_dir(path))
    plain = [p for p in planned if p.parent in mine and database.is_plain_sqlite(p)]
    for copy in plain:
        for file in _with_sidecars(copy):
            file.unlink(missing_ok=True)
    if plain:
        said.append(
            f"Finished an 'exback encrypt' that was stopped: deleted {_copies(len(plain))} "
            f"of {path} it was asked to delete."
        )
    elif not planned:
        said.append(
            f"An 'exback encrypt' of {path} was stopped before its clean-up; run "
            "'exback encrypt' again to finish it."
        )
    return said


def _tidy_backups(path: Path, passphrase: str | None) -> list[str]:
    folder = backups_dir(path)
    try:
        found = [p for p in folder.iterdir() if p.name.startswith(".") and _PARTIAL in p.name]
    except OSError:
        return []  # no backups folder (or none we may read)
    now = time.time()
    stale: list[Path] = []
    for file in found:
        partial = file.with_name(file.name[: file.name.rindex(_PARTIAL) + len(_PARTIAL)])
        if _in_use(file, now) or (partial != file and _in_use(partial, now)):
            continue
        stale.append(file)
    if stale:
        # Read only now, and only when something is left to tidy: it opens the journal.
        mark = journal_mark(path, passphrase)
        stale = [file for file in stale if unfinished_copy_of(file, mark, passphrase)]
    removed = 0
    for file in stale:
        try:
            file.unlink()
            removed += file.name.endswith(_PARTIAL)
        except FileNotFoundError:
            continue
        except OSError:
            return []  # a folder we may not write in: say nothing, change nothing more
    if not stale:
        return []
    what = "an unfinished copy" if removed <= 1 else f"{removed} unfinished copies"
    return [f"Removed {what} that a stopped or failed backup left in {folder}."]


def _in_use(file: Path, now: float) -> bool:
    """True while a backup may still be writing ``file``: touched a moment ago, or locked."""
    try:
        if now - file.stat().st_mtime < PARTIAL_IDLE_S:
            return True
        fd = os.open(file, os.O_RDWR | os.O_CLOEXEC)
    except FileNotFoundError:
        return False
    except OSError:
        return True  # cannot tell: leave it
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, _SQLITE_LOCK_LEN, _SQLITE_LOCK_START)
    except OSError:
        return True
    finally:
        # Closing drops the test lock; this process holds no other lock on a partial.
        os.close(fd)
    return False


def _with_sidecars(file: Path) -> list[Path]:
    found = (file.with_name(file.name + suffix) for suffix in _SIDECARS)
    return [p for p in found if p.exists()]


def _same_file(fd: int, path: Path) -> bool:
    """True when ``fd`` is still the file at ``path`` (nobody removed or replaced it)."""
    try:
        here, there = os.fstat(fd), path.stat()
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _read_all(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks)


def _copies(n: int) -> str:
    return "1 unencrypted copy" if n == 1 else f"{n} unencrypted copies"


def _is_encrypted(path: Path) -> bool:
    try:
        return database.inspect(path, check=False).encrypted
    except JournalError:
        return False
