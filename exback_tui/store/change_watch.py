"""Whether anyone (this app or another program) committed to the journal since the last ask."""

from __future__ import annotations

from sqlalchemy import Engine


class ChangeWatch:
    """Says whether anyone (this app or another program) committed since the last ask.

    PRAGMA data_version is per connection and the pool hands out a different one each
    time, so the watch keeps one connection of its own. Use it from one thread; close it.
    """

    def __init__(self, engine: Engine) -> None:
        self._conn = engine.connect()
        self._last = self._version()

    def _version(self) -> int:
        try:
            return int(self._conn.exec_driver_sql("PRAGMA data_version").scalar_one())
        finally:
            self._conn.rollback()

    def changed(self) -> bool:
        """True once after each commit made through another connection."""
        now = self._version()
        if now == self._last:
            return False
        self._last = now
        return True

    def close(self) -> None:
        """Give the connection back."""
        self._conn.close()


__all__ = ["ChangeWatch"]
