"""The header every full screen shows: Textual's, with a title update that cannot outlive it."""

from __future__ import annotations

from textual.events import Mount
from textual.widgets import Header
from textual.widgets._header import HeaderTitle


class ScreenHeader(Header):
    """Textual's `Header`, updating its title at once rather than a turn later.

    Textual 8.2's header watches the titles with an async callback that runs on its next
    turn; a screen closed (or the app quit) in between has already removed the title the
    callback looks for, and its `NoMatches` ends the app with a traceback. Updating in the
    watcher itself leaves nothing pending.
    """

    def _on_mount(self, event: Mount) -> None:
        # Header's own handler would add the async watchers; ours replace them. Widget's
        # handler (scrollbars for overflow: scroll) does nothing for a header.
        event.prevent_default()
        self.watch(self.app, "title", self._show_title)
        self.watch(self.app, "sub_title", self._show_title)
        self.watch(self.screen, "title", self._show_title)
        self.watch(self.screen, "sub_title", self._show_title)

    def _show_title(self) -> None:
        """Show the current title and subtitle, if the title is still there to show them."""
        for title in self.query(HeaderTitle):  # none once closing: nothing to show it in
            title.update(self.format_title())
