"""The footer of keys: rebuilt only when its keys change, and in rows on a narrow terminal so
every key shows at 80 columns."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, ClassVar

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
    """Textual's footer, rebuilt only when the keys it shows change, and in two rows when its
    keys do not fit in one (a screen with many keys at 80 columns would otherwise cut off its
    last ones: Help, Lock, Quit).

    Textual rebuilds every key whenever the bindings might have changed (each focus change,
    each refresh of the bindings), which mostly leaves the same keys: about a fifth of a
    screen's work."""

    DEFAULT_CSS = """
    SteadyFooter.-two-rows {
        layout: grid;
        grid-columns: auto;
        height: 2;
        FooterKey.-command-palette {
            dock: none;
            border-left: none;
        }
    }
    """

    # Whether the footer goes to two rows by itself when its keys need it (the dashboard's
    # footer has rows of its own).
    FITS: ClassVar[bool] = True

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

    def _in_two_rows(self, width: int) -> bool:
        return self.FITS and self._bindings_ready and self.one_row()[1] > width

    def compose(self) -> ComposeResult:
        rows = self._in_two_rows(self.size.width or self.app.size.width)
        if self.FITS and self._bindings_ready:
            self.set_class(rows, "-two-rows")
            # Toasts sit one row up, over a one-row footer; this lifts them over two.
            self.screen.set_class(rows, "-footer-rows")
        yield from super().compose()
        # Textual's footer sets one grid column per key; in two rows, half as many.
        if rows:
            self.styles.grid_size_columns = math.ceil(self.one_row()[0] / 2)

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
        if self.FITS and self._in_two_rows(event.size.width) != self.has_class("-two-rows"):
            self.refresh(recompose=True)


class KeyFooter(SteadyFooter):
    """The dashboard's footer; with the class ``-rows`` (a narrow terminal) it lays its keys out
    in rows of :data:`COLUMNS_WHEN_ROWS` instead of cutting off the ones that do not fit."""

    FITS = False

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
