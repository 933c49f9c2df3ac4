"""What the store's SQLAlchemy code shares: one transaction with SQLite's failures put in
words, the driver's connection under a session, and how many rows a DELETE removed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, Delete
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from .errors import JournalError, explain


@contextmanager
def transaction(sessions: sessionmaker[Session], path: Path, driver: Any) -> Iterator[Session]:
    """A session of ``sessions`` in one transaction, SQLite's failures put in words.

    ``driver`` is the DB-API module under the engine: store's plain SQL over the raw
    connection raises its errors, not SQLAlchemy's.
    """
    try:
        with sessions() as s, s.begin():
            yield s
    except (DatabaseError, driver.DatabaseError) as exc:
        explained = explain_failure(exc, path, driver)
        if explained is None:
            raise
        raise explained from None


def raw_connection(s: Session) -> Any:
    """The driver's own connection under ``s``, in its transaction, for store's plain SQL."""
    return s.connection().connection.dbapi_connection


def delete_rows(s: Session, statement: Delete) -> int:
    """Run a DELETE and return how many rows it removed.

    ``Session.execute`` is typed to return a plain ``Result``; a DML statement's result is
    really a ``CursorResult``, which is what carries ``rowcount``.
    """
    return cast(CursorResult[Any], s.execute(statement)).rowcount


def explain_failure(exc: Exception, path: Path, driver: Any) -> JournalError | None:
    """SQLite's failure in one clear sentence; None for one that is a bug, to surface as is.

    ``exc`` is SQLAlchemy's wrapper, or the ``driver``'s own error from store's plain SQL
    over the raw connection (check-ins, search, the snapshot).
    """
    if isinstance(exc, DatabaseError):
        # The driver's own message: SQLAlchemy's str() would add the SQL and its parameters.
        message = str(exc.orig) if exc.orig is not None else str(exc)
        return explain(message, path, operational=isinstance(exc, OperationalError))
    return explain(str(exc), path, operational=isinstance(exc, driver.OperationalError))
