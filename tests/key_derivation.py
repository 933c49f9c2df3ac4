"""How many rounds SQLCipher spends turning a passphrase into a key, in the test processes.

SQLCipher's own default is 256,000 rounds of PBKDF2: about 0.2 s of CPU for every keyed
connection, and the tests of encryption make hundreds of them (18% of the whole suite's
CPU in a profile). Like a password hasher's test setting, the test processes (each pytest worker
and the warm exback server) set SQLCipher's process-wide default to a few rounds instead.
Every keyed open, rekey, backup and refusal of a wrong passphrase still runs through the real
SQLCipher and exback's real code; only the derivation is cheaper.

A journal keyed in one of those processes opens only with the same few rounds. A test that
hands one to the installed ``exback`` (at a real terminal, through a pipe, with a library
blocked) takes the ``real_key_derivation`` fixture; tests/test_crypto.py holds what the
installed ``exback`` writes to SQLCipher's own rounds.
"""

from __future__ import annotations

# Few enough to cost nothing, and not 1: a key still goes through PBKDF2's loop.
QUICK_ROUNDS = 16
# SQLCipher 4's default, which exback leaves alone (sqlcipher3 is pinned so it never moves
# under an encrypted journal).
SQLCIPHER_ROUNDS = 256_000


def use_rounds(rounds: int) -> None:
    """Key every later SQLCipher connection of this process with ``rounds`` rounds."""
    from sqlcipher3 import dbapi2

    con = dbapi2.connect(":memory:")
    try:
        con.execute(f"PRAGMA cipher_default_kdf_iter = {int(rounds)}")
    finally:
        con.close()


def rounds_in_use() -> int:
    """The rounds a new SQLCipher connection of this process is keyed with."""
    from sqlcipher3 import dbapi2

    con = dbapi2.connect(":memory:")
    try:
        return int(con.execute("PRAGMA cipher_default_kdf_iter").fetchone()[0])
    finally:
        con.close()
