"""The footer of keys: rebuilt only when its keys change, and in rows on a narrow terminal so
every key shows at 80 columns."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from textual import events
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
    """Textual's footer, rebuilt only when the keys it shows change, and in rows (the class
    ``-rows``) when its keys do not fit in one: at 80 columns a screen with many keys would
    otherwise cut off its last ones (Help, Lock, Quit).

    Textual rebuilds every key whenever the bindings might have changed (each focus change,
    each refresh of the bindings), which mostly leaves the same keys: about a fifth of a
    screen's work."""

    DEFAULT_CSS = """
    SteadyFooter.-rows {
        layout: grid;
        grid-columns: auto;
        height: 2;
        FooterKey.-command-palette {
            dock: none;
            border-left: none;
        }
    }
    """

    _drawn: Shown | None = None

    def one_row(self) -> tuple[int, int]:
        """The keys the footer shows and the columns they take in one row, as Textual's footer
        draws them: each key's name and words with their padding, once per action, and the
        palette's key."""
        app = self.app
        actions: set[str] = set()
        width = 0
        per_key = 2 if self.compact else 3
        for _node, binding, _enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in actions:
                actions.add(binding.action)
                width += len(app.get_key_display(binding)) + len(binding.description) + per_key
        palette = self.screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE and palette is not None:
            binding = palette[1]
            width += len(app.get_key_display(binding)) + len(binding.description) + per_key + 2
            actions.add(binding.action)
        return len(actions), width

    def in_rows(self, width: int) -> bool:
        """Whether the keys go in rows at ``width`` columns: when they do not fit in one."""
        return self._bindings_ready and self.one_row()[1] > width

    def columns_in_rows(self) -> int:
        """How many keys a row holds: half of them, so they take two rows."""
        return math.ceil(self.one_row()[0] / 2)

    def compose(self) -> ComposeResult:
        rows = self.in_rows(self.size.width or self.app.size.width)
        self.set_class(rows, "-rows")
        # Toasts sit one row up, over a one-row footer; this lifts them over two (exback.tcss).
        self.screen.set_class(rows, "-footer-rows")
        yield from super().compose()
        # Textual's footer sets one grid column per key; in rows, fewer.
        if rows:
            self.styles.grid_size_columns = self.columns_in_rows()

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Rebuild, as Textual does, unless the keys to show are the ones already drawn."""
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            shown = keys_shown(screen)
            if self._bindings_ready and shown == self._drawn:
                return
            self._drawn = shown
        super().bindings_changed(screen)

    def on_resize(self, event: events.Resize) -> None:
        """Rows, or back to one row, when a new width changes what fits."""
        if self.in_rows(event.size.width) != self.has_class("-rows"):
            self.refresh(recompose=True)


class KeyFooter(SteadyFooter):
    """The dashboard's footer: below :data:`ONE_ROW_OF_KEYS` columns, compact keys in evenly
    spaced rows of :data:`COLUMNS_WHEN_ROWS`."""

    DEFAULT_CSS = """
    KeyFooter.-rows {
        grid-columns: 1fr;
    }
    """

    def in_rows(self, width: int) -> bool:
        return width < ONE_ROW_OF_KEYS

    def columns_in_rows(self) -> int:
        return COLUMNS_WHEN_ROWS

    def compose(self) -> ComposeResult:
        # Compact in rows (the keys bind to it as they are made).
        self.compact = self.in_rows(self.size.width or self.app.size.width)
        yield from super().compose()
