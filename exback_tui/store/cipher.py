"""SQLCipher for an encrypted journal: its module (imported on first need), keying a
connection, and the forms of a passphrase tried when opening.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from types import ModuleType
from typing import Any

from .errors import EncryptionUnavailable, InvalidInput


def cipher_module(path: Path | None = None) -> ModuleType:
    """The SQLCipher DB-API module, imported on first need; refuses clearly if it is missing."""
    try:
        # Imported here: only an encrypted journal needs it, and it may not be installed.
        from sqlcipher3 import dbapi2
    except ImportError:
        what = f"{path} is encrypted, but" if path is not None else "Encryption needs SQLCipher;"
        raise EncryptionUnavailable(
            f"{what} the sqlcipher3 package cannot be loaded, so this exback cannot read or "
            "write encrypted journals. Install it with: pip install sqlcipher3==0.6.4 "
            "(nothing was changed)."
        ) from None
    return dbapi2  # type: ignore[no-any-return]


def passphrase_forms(passphrase: str) -> tuple[str, ...]:
    """The passphrase as typed, then its NFC form when that differs.

    New passphrases are stored NFC (see store.crypto.check_new_passphrase), and an "ä" typed
    as a + combining mark is the same passphrase to a person; trying both means no journal
    encrypted before that rule, or typed on another keyboard, is ever locked out.
    """
    nfc = unicodedata.normalize("NFC", passphrase)
    return (passphrase,) if nfc == passphrase else (passphrase, nfc)


def check_passphrase_text(passphrase: str) -> str:
    """Refuse a passphrase SQLite cannot take; returns it unchanged."""
    if "\x00" in passphrase:
        raise InvalidInput("A passphrase cannot contain a NUL character.")
    return passphrase


def sql_string(value: str) -> str:
    """``value`` as a SQL string literal (for PRAGMA key, which takes no bound parameters)."""
    return "'" + check_passphrase_text(value).replace("'", "''") + "'"


def apply_key(con: Any, passphrase: str) -> None:
    """Key a fresh SQLCipher connection, with SQLCipher's own stderr logging silenced first."""
    # SQLCipher writes lines like "hmac check failed for pgno=1" to stderr on a wrong key,
    # which would smear the terminal; the level is process-wide, so set it before anything.
    con.execute("PRAGMA cipher_log_level = NONE")
    con.execute(f"PRAGMA key = {sql_string(passphrase)}")
