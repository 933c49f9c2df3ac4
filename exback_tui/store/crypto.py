"""Encrypting, decrypting and re-keying a journal file (SQLCipher, through sqlcipher3).

All three work the same way: back the journal up, write the converted copy beside it with
``sqlcipher_export``, check the copy (it opens with its key, passes the integrity checks, has
the same schema revision and the same number of rows in every table, the search index
included), and only then rename it over the journal. Until that rename the journal is as it
was; after it, the journal is the checked copy. Nothing starts while another program has the
journal open, and no other program can write to it until the rename is done.

Each holds the conversion lock (store.leftovers) for its whole life: other exbacks wait for it
instead of misreading the file, and whatever a stopped one left is removed or finished by the
next opening. A journal path that is a symlink is converted at its target; the link stays.

Re-keying goes through the same verified copy rather than ``PRAGMA rekey``, which rewrites
every page in place: the copy costs the same and leaves nothing half-done to recover from.
"""

from __future__ import annotations

import os
import signal
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote

from . import cipher, database, leftovers
from .copies import plaintext_copies, remove_copies
from .errors import (
    ConversionInterrupted,
    InvalidInput,
    JournalError,
    JournalLocked,
    JournalPathError,
    JournalUnwritable,
    WrongPassphrase,
)
from .journal import Journal

_EXPORT_AS = "converted"


@dataclass(frozen=True, slots=True)
class Converted:
    """What a conversion did and what it left on disk."""

    path: Path
    #: The copy made before anything changed (in the form the journal had then).
    backup_before: Path
    #: A fresh copy of the converted journal, so a backup in the new form exists at once.
    backup_after: Path
    #: The plaintext copies an encrypt was asked to delete, and did.
    deleted: tuple[Path, ...] = ()


# Short enough to type every evening, long enough that a few words beat a lucky guess.
MIN_PASSPHRASE_CHARS = 8


def check_new_passphrase(passphrase: str) -> str:
    """Refuse an empty, short or unusable new passphrase; returns it in NFC form.

    Normalising means the same words typed on another keyboard (an "ä" as one character or as
    a and a combining mark) still open the journal. Existing journals are not held to the
    minimum length: it applies only when a passphrase is set.
    """
    if not passphrase:
        raise InvalidInput("A passphrase cannot be empty.")
    passphrase = unicodedata.normalize("NFC", passphrase)
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise InvalidInput(
            f"A new passphrase needs at least {MIN_PASSPHRASE_CHARS} characters: a few "
            "words are easy to remember and hard to guess."
        )
    return cipher.check_passphrase_text(passphrase)


def check_passphrase(path: Path, passphrase: str) -> str:
    """The form of ``passphrase`` that opens the encrypted ``path`` (as typed, else NFC);
    raises :class:`WrongPassphrase` when neither does."""
    module = cipher.cipher_module(path)
    forms = cipher.passphrase_forms(passphrase)
    for form in forms:
        try:
            con, _ = database.connect_read_only(path, module, form)
        except WrongPassphrase:
            if form is forms[-1]:
                raise
            continue
        con.close()
        return form
    raise WrongPassphrase("wrong passphrase")  # not reached: forms is never empty


def encrypt_journal(path: Path, passphrase: str, *, delete_plaintext: bool = False) -> Converted:
    """Turn the plaintext journal at ``path`` into an encrypted one; ``delete_plaintext``
    then deletes the unencrypted copies exback made (:func:`plaintext_copies`) before the
    conversion lets go of the journal, so even a stopped encrypt leaves none for long."""
    cipher.cipher_module(None)
    if _state(path).encrypted:
        raise InvalidInput(f"{path} is already encrypted; change its passphrase with: exback rekey")
    key = check_new_passphrase(passphrase)
    return _convert(path, None, key, "encrypt", delete_plaintext=delete_plaintext)


def decrypt_journal(path: Path, passphrase: str) -> Converted:
    """Turn the encrypted journal at ``path`` back into a plain SQLite file."""
    if not _state(path).encrypted:
        raise InvalidInput(f"{path} is not encrypted; there is nothing to decrypt.")
    return _convert(path, passphrase, None, "decrypt")


def rekey_journal(path: Path, old: str, new: str) -> Converted:
    """Change the passphrase of the encrypted journal at ``path`` from ``old`` to ``new``."""
    new = check_new_passphrase(new)
    if not _state(path).encrypted:
        raise InvalidInput(f"{path} is not encrypted; encrypt it with: exback encrypt")
    return _convert(path, old, new, "rekey")


# -- the conversion ---------------------------------------------------------------------------


def _state(path: Path) -> database.FileState:
    state = database.inspect(path)
    if not state.exists:
        raise JournalPathError(f"There is no journal at {path}.")
    return state


@contextmanager
def _stopped_like_ctrl_c() -> Iterator[None]:
    """SIGTERM and SIGHUP (what closing the terminal sends) stop a conversion as Ctrl-C does,
    so its clean-up runs and no work file is left behind."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; the app converts nothing
        return

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _convert(
    path: Path,
    source_key: str | None,
    target_key: str | None,
    verb: str,
    *,
    delete_plaintext: bool = False,
) -> Converted:
    # The real file behind a symlink: renaming the copy over the link would replace the link
    # and leave the target, still readable, behind.
    path = Path(os.path.realpath(path))
    leftovers.tidy(path)  # what a stopped one left first (the CLI has already said what)
    with _stopped_like_ctrl_c(), leftovers.converting(path, verb) as lock:
        swapped: list[bool] = []
        try:
            return _convert_held(
                path, source_key, target_key, verb, swapped, lock, delete_plaintext
            )
        except KeyboardInterrupt:
            if not swapped:
                raise  # before the swap: the journal is as it was, and the CLI says so
            raise ConversionInterrupted(_stopped_after_the_swap(path, verb, lock)) from None


def _stopped_after_the_swap(path: Path, verb: str, lock: leftovers.ConversionLock) -> str:
    """What a conversion stopped after its swap did, and what is left to do (if anything)."""
    done = {"encrypt": "encrypted", "decrypt": "decrypted", "rekey": "re-keyed"}[verb]
    said = f"Stopped after {path} was {done}: the journal is complete in its new form."
    if verb != "encrypt":
        return said
    if lock.keep_record:  # the deletions it was asked for are written down, not all done
        return f"{said} The next exback command that opens it deletes its unencrypted copies."
    if plaintext_copies(path):
        return f"{said} Run 'exback encrypt' again to delete its unencrypted copies."
    return said


def _convert_held(
    path: Path,
    source_key: str | None,
    target_key: str | None,
    verb: str,
    swapped: list[bool],
    lock: leftovers.ConversionLock,
    delete_plaintext: bool,
) -> Converted:
    module = cipher.cipher_module(None)
    with Journal.open(path, passphrase=source_key) as journal:
        # Opening migrates and checks it; a damaged or read-only journal is not converted.
        if journal.read_only:
            raise JournalUnwritable(f"Nothing was changed. {journal.read_only_reason}")
        before = journal.backup(label=f"before-{verb}")
    # Every pooled connection is closed: the last one folded the WAL back into the file.
    work = path.with_name(f".{path.name}.{verb}ing")
    # Listed before the hold: finding them may open the journal, and closing a file of the
    # journal in this process would drop the hold's SQLite locks with it.
    plain = plaintext_copies(path) if delete_plaintext else []
    guard = _hold(path, module, source_key)
    try:
        expected = _contents(guard)
        for leftover in (work, work.with_name(work.name + "-journal")):
            leftover.unlink(missing_ok=True)
        os.close(os.open(work, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        _export(path, work, module, source_key, target_key)
        found = _verify(work, module, target_key, path)
        if found != expected:
            raise JournalError(
                f"The converted copy of {path} did not hold the same rows; "
                "the journal was left as it was."
            )
        _fsync(work)
        if plain:
            # Written down before the swap: if this stops between the two, the next opening
            # finishes the deletion (store.leftovers).
            lock.plan_deletions(plain)
            lock.keep_record = True
        os.replace(work, path)
        swapped.append(True)
        _fsync(path.parent)
        remove_copies(plain)
        lock.keep_record = False
    except module.Error as exc:
        raise JournalError(
            f"{path} could not be converted ({exc}); the journal was left as it was."
        ) from None
    except OSError as exc:
        raise JournalPathError(
            f"{path} could not be converted ({exc.strerror}); the journal was left as it was."
        ) from None
    finally:
        work.unlink(missing_ok=True)
        guard.rollback()
        guard.close()
    # Through the ordinary opener once more: the new file is checked again and back in WAL.
    with Journal.open(path, passphrase=target_key) as journal:
        after = journal.backup(label=f"after-{verb}")
    return Converted(path, before, after, tuple(plain))


def _connect(path: Path, module: ModuleType, key: str | None, *, timeout: float = 5.0) -> Any:
    con = module.connect(str(path), timeout=timeout)
    con.isolation_level = None
    if key is not None:
        cipher.apply_key(con, key)
    else:
        con.execute("PRAGMA cipher_log_level = NONE")
    return con


def _hold(path: Path, module: ModuleType, key: str | None) -> Any:
    """A connection that holds the journal against writers until the swap is done.

    Leaving WAL mode needs every other connection closed, so it doubles as the check that no
    other program has the journal open; BEGIN IMMEDIATE then keeps new writers out. A program
    that opens the old file meanwhile cannot write to it after the rename either: SQLite
    refuses writes to a file that was replaced under it.
    """
    con = _connect(path, module, key, timeout=1.0)
    try:
        mode = con.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if mode != "delete":
            raise JournalLocked(f"{path} could not be set aside for the change.")
        con.execute("BEGIN IMMEDIATE")
    except (module.OperationalError, JournalLocked):
        con.close()
        raise JournalLocked(
            f"{path} is open in another program (the exback app?); close it and try again. "
            "Nothing was changed."
        ) from None
    return con


def _export(
    path: Path, work: Path, module: ModuleType, source_key: str | None, target_key: str | None
) -> None:
    con = _connect(path, module, source_key)
    try:
        # Bound parameters: the key never appears in SQL text (or in an error message).
        con.execute(f"ATTACH DATABASE ? AS {_EXPORT_AS} KEY ?", (str(work), target_key or ""))
        con.execute(f"SELECT sqlcipher_export('{_EXPORT_AS}')")
        # sqlcipher_export copies tables and indexes, not the header's application id.
        con.execute(f"PRAGMA {_EXPORT_AS}.application_id = {database.APPLICATION_ID}")
        con.execute(f"DETACH DATABASE {_EXPORT_AS}")
    finally:
        con.close()


def _verify(work: Path, module: ModuleType, key: str | None, path: Path) -> dict[str, Any]:
    """Open the converted copy read-only with its key and check it; returns its contents."""
    con = module.connect(f"file:{quote(str(work))}?mode=ro", uri=True)
    try:
        if key is not None:
            cipher.apply_key(con, key)
            problems = [r[0] for r in con.execute("PRAGMA cipher_integrity_check")]
        else:
            con.execute("PRAGMA cipher_log_level = NONE")
            problems = []
        checks = [r[0] for r in con.execute("PRAGMA integrity_check")]
        if problems or checks != ["ok"]:
            raise JournalError(
                f"The converted copy of {path} failed its integrity check; "
                "the journal was left as it was."
            )
        return _contents(con)
    finally:
        con.close()


def _contents(con: Any) -> dict[str, Any]:
    """Application id, schema revision and the row count of every table (search index too)."""
    tables = [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    found: dict[str, Any] = {
        "application_id": con.execute("PRAGMA application_id").fetchone()[0],
        "revision": con.execute("SELECT version_num FROM alembic_version").fetchone(),
    }
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        found[table] = con.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]
    return found


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
