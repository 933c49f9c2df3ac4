"""The footer of keys, in rows on a narrow terminal so every key shows at 80 columns."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

# At 80 columns, seven compact keys ("c Check-in" and a space) fit in a row; the dashboard's
# thirteen keys and the palette's make two rows.
COLUMNS_WHEN_ROWS = 7
# The dashboard's keys and the palette's in one row need about 140 columns; below that, rows.
ONE_ROW_OF_KEYS = 144


class KeyFooter(Footer):
    """Textual's footer; with the class ``-rows`` (a narrow terminal) it lays its keys out
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
