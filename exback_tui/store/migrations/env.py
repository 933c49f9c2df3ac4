"""Alembic environment: runs on the connection exback hands over, never on its own engine."""

from __future__ import annotations

from alembic import context

from exback_tui.store.models import Base

connection = context.config.attributes["connection"]
# render_as_batch: SQLite can't ALTER most things, so changes copy-and-swap the table.
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
