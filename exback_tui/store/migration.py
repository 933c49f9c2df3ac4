"""Bringing a journal's schema to the current revision with the bundled Alembic scripts.

Alembic is imported only when a migration is actually due: a journal at the current revision
opens with a few cheap queries (see :data:`~exback_tui.store.database.HEAD`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .backup import backup_to, backups_dir
from .errors import JournalLocked, JournalUnwritable

if TYPE_CHECKING:
    from sqlalchemy import Engine


def migrate(engine: Engine, path: Path, from_revision: str | None) -> None:
    """Bring the schema to :data:`HEAD` with the bundled Alembic scripts.

    An existing journal is backed up first, so a failed migration can never cost data.
    """
    # Imported here: a journal at the current revision opens without loading Alembic.
    from alembic import command
    from alembic.config import Config
    from sqlalchemy.exc import OperationalError

    if from_revision is not None:
        backup_to(engine, backups_dir(path), label=f"before-upgrade-{from_revision}")

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
            raise JournalLocked(
                f"{path} is busy in another program; try again in a moment."
            ) from None
        if "readonly" in str(exc) or "read-only" in str(exc):
            raise JournalUnwritable(f"{path} cannot be written, so it cannot be set up.") from None
        raise
