"""Route every worker's failure to the app's one handler (worker messages do not bubble)."""

from __future__ import annotations

from textual.dom import DOMNode
from textual.worker import Worker


class ReportsWorkerErrors(DOMNode):
    """Mixed into each screen whose workers call the journal."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Hand the event to the app, which shows a journal error or surfaces a bug."""
        handler = getattr(self.app, "on_worker_state_changed", None)
        if handler is not None:
            handler(event)
