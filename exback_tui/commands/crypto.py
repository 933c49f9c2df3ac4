"""exback encrypt, decrypt and rekey: the journal's passphrase, from the shell."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.text import Text

from ..store import cipher, copies, crypto, database
from ..store.backup import backups_dir
from ..store.errors import InvalidInput, JournalPathError
from ..store.opening import arrive
from . import journal_path, say_notices
from .console import out
from .passphrase import NOBODY_CAN_RECOVER, can_ask, new_passphrase, unlock

DELETED_NOTE = (
    "(A deleted file can sometimes still be recovered from the disk itself; full-disk "
    "encryption protects against that.)"
)


def _say(text: str) -> None:
    """Plain text (paths may hold brackets), wrapped to the terminal."""
    out.print(Text(text))


def _confirm(question: str) -> bool:
    return out.input(Text(f"{question} [y/N] ")).strip().lower() in ("y", "yes")


def _existing(args: argparse.Namespace) -> tuple[Path, database.FileState]:
    path = journal_path(args)
    state = database.inspect(path)
    if not state.exists:
        raise JournalPathError(f"There is no journal at {path}.")
    # What a stopped conversion or backup left goes first, and is said, as on every opening.
    say_notices(arrive(path))
    return path, database.inspect(path)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def cmd_encrypt(args: argparse.Namespace) -> int:
    """Encrypt the journal with a new passphrase; offer to delete the plaintext backups."""
    path, state = _existing(args)
    if state.encrypted:
        if copies.plaintext_copies(path):
            # An earlier encrypt was stopped after the swap: finish its clean-up.
            _say(f"{path} is already encrypted; finishing an earlier encrypt that was stopped.")
            _offer_to_delete_plaintext(path, args.yes)
            return 0
        raise InvalidInput(f"{path} is already encrypted; change its passphrase with: exback rekey")
    cipher.cipher_module(None)  # refuse before asking for anything
    _say(f"Encrypting {path} and every backup made from now on. {NOBODY_CAN_RECOVER}")
    passphrase = new_passphrase()
    done = crypto.encrypt_journal(path, passphrase, delete_plaintext=args.yes)
    _say(
        f"✓ Encrypted {path}. The encrypted copy was checked (it opens with the passphrase "
        "and holds every row) before it replaced the old file."
    )
    if done.deleted:
        # With --yes the encrypt deletes them itself, before it lets go of the journal.
        how_many = _plural(len(done.deleted), "unencrypted copy", "unencrypted copies")
        _say(f"Deleted {how_many} of the journal:")
        for copy in done.deleted:
            _say(f"  {copy}")
        _say(DELETED_NOTE)
    _offer_to_delete_plaintext(path, args.yes)
    _say(
        "Exports, and backups written elsewhere with 'exback backup DEST', are not encrypted "
        "and were not touched."
    )
    return 0


def _offer_to_delete_plaintext(path: Path, yes: bool) -> None:
    """List the plaintext copies exback made; delete them with consent; say what is left."""
    plain = copies.plaintext_copies(path)
    if plain:
        how_many = _plural(len(plain), "unencrypted copy", "unencrypted copies")
        _say(f"{how_many} of the journal remain:")
        for copy in plain:
            _say(f"  {copy}")
        if yes or (can_ask() and _confirm("Delete them now?")):
            copies.remove_copies(plain)
            _say(f"Deleted. {DELETED_NOTE}")
        else:
            why = "" if can_ask() else " (no terminal to ask; add --yes to delete them)"
            _say(f"They were kept{why}. Delete them yourself once you no longer need them.")
    left = copies.encrypted_copies(path)
    plain = copies.plaintext_copies(path)
    _say(
        f"On disk now: the encrypted journal {path}"
        + (
            f", {_plural(len(left), 'encrypted backup', 'encrypted backups')} in "
            f"{backups_dir(path)}"
            if left
            else ""
        )
        + (
            f", and {_plural(len(plain), 'unencrypted copy', 'unencrypted copies')} (listed above)"
            if plain
            else ""
        )
        + "."
    )


def cmd_decrypt(args: argparse.Namespace) -> int:
    """Turn an encrypted journal back into a plain SQLite file, after a warning."""
    path, state = _existing(args)
    if not state.encrypted:
        raise InvalidInput(f"{path} is not encrypted; there is nothing to decrypt.")
    cipher.cipher_module(path)
    warning = (
        f"Decrypting writes {path} to disk as plain text: anyone who can read the file can "
        "read your journal."
    )
    if not args.yes:
        if not can_ask():
            raise InvalidInput(f"{warning} It asks first: run it in a terminal, or add --yes.")
        _say(warning)
        if not _confirm("Decrypt it?"):
            _say("Nothing was changed.")
            return 1
    passphrase = unlock(path, lambda p: crypto.check_passphrase(path, p))
    crypto.decrypt_journal(path, passphrase)
    _say(f"✓ Decrypted {path}; it is a plain SQLite file again.")
    kept = copies.encrypted_copies(path)
    if kept:
        _say(
            f"{_plural(len(kept), 'encrypted backup', 'encrypted backups')} in "
            f"{backups_dir(path)} stay encrypted and still need the passphrase."
        )
    return 0


def cmd_rekey(args: argparse.Namespace) -> int:
    """Change the passphrase of an encrypted journal."""
    path, state = _existing(args)
    if not state.encrypted:
        raise InvalidInput(f"{path} is not encrypted; encrypt it with: exback encrypt")
    cipher.cipher_module(path)
    before = set(copies.encrypted_copies(path))
    old = unlock(path, lambda p: crypto.check_passphrase(path, p))
    _say(f"Choose the new passphrase. {NOBODY_CAN_RECOVER}")
    new = new_passphrase(args.new_passphrase_file, "--new-passphrase-file")
    if new == old:
        raise InvalidInput("The new passphrase is the same as the old one; nothing was changed.")
    done = crypto.rekey_journal(path, old, new)
    _say(f"✓ Changed the passphrase of {path}; the old one no longer opens it.")
    old_key = sorted(before | {done.backup_before})
    _say(
        f"{_plural(len(old_key), 'backup', 'backups')} in {backups_dir(path)} made before "
        "the change still open with the old passphrase only; delete them if it is no "
        "longer safe."
    )
    return 0
