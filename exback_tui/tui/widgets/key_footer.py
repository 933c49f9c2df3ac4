"""The footer of keys: rebuilt only when its keys change, and in rows on a narrow terminal so
every key shows at 80 columns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen

# At 80 columns, seven compact keys ("c Check-in" and a space) fit in a row; the dashboard's
# thirteen keys and the palette's make two rows.
COLUMNS_WHEN_ROWS = 7
# The dashboard's keys and the palette's in one row need about 140 columns; below that, rows.
ONE_ROW_OF_KEYS = 144


Shown = tuple[tuple[str, str, str, str, bool, str], ...]


def keys_shown(screen: Screen[object]) -> Shown:
    """What a footer on this screen draws from: each active key, its words and whether it
    is enabled (hidden ones too, as the command palette's key is one)."""
    return tuple(
        (binding.key, binding.action, binding.description, str(binding.group), enabled, tooltip)
        for _node, binding, enabled, tooltip in screen.active_bindings.values()
    )


class SteadyFooter(Footer):
    """Textual's footer, rebuilt only when the keys it shows change. Textual rebuilds every key
    whenever the bindings might have changed (each focus change, each refresh of the
    bindings), which mostly leaves the same keys: about a fifth of a screen's work."""

    _drawn: Shown | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Rebuild, as Textual does, unless the keys to show are the ones already drawn."""
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            shown = keys_shown(screen)
            if self._bindings_ready and shown == self._drawn:
                return
            self._drawn = shown
        super().bindings_changed(screen)


class KeyFooter(SteadyFooter):
    """The dashboard's footer; with the class ``-rows`` (a narrow terminal) it lays its keys out
    in rows of :data:`COLUMNS_WHEN_ROWS` instead of cutting off the ones that do not fit."""

    DEFAULT_CSS = """
    KeyFooter.-rows {
        layout: grid;
        grid-columns: 1fr;
        height: 2;
        FooterKey.-command-palette {
            dock: none;
            border-left: none;
        }
    }
    """

    def compose(self) -> ComposeResult:
        yield from super().compose()
        # Footer sets one grid column per key; in rows, a fixed number instead.
        if self.has_class("-rows"):
            self.styles.grid_size_columns = COLUMNS_WHEN_ROWS

    def show_in_rows(self, rows: bool) -> None:
        """Rows and compact keys (a narrow terminal), or the usual single row."""
        self.set_class(rows, "-rows")
        self.compact = rows
        self.refresh(recompose=True)
