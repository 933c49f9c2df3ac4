"""What the three dashboard panes share: a title, then parts rendered from the dashboard's data."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.widgets import Static

from ..dashboard_data import DashboardData


class Pane(VerticalScroll):
    """A titled pane of Statics, composed with its data when that is known (the first frame),
    so the first layout already has the content, and updated in place after."""

    TITLE: ClassVar[str] = ""
    PARTS: ClassVar[Mapping[str, str]] = {}
    """Each part's id and its CSS classes, top to bottom."""
    EXTRAS: ClassVar[tuple[str, ...]] = ()
    """The parts shown only when the pane has room for them too (a tall terminal), last of
    PARTS, so that showing them never moves the parts above."""

    def __init__(
        self,
        data: DashboardData | None = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._first = data  # what the pane is composed with; later data comes through show()
        self._extras: frozenset[str] = frozenset()  # the extras that have something to show
        # The size and the other parts' height at which the extras were shown and did not
        # fit after all: not tried again until either changes (no flicker between the two).
        self._crowded: tuple[Size, int] | None = None
        self._unlaid = 0  # measurements put off in a row because the parts had no layout yet

    def compose(self) -> ComposeResult:
        yield self.compose_title()
        yield from self.compose_parts()

    def compose_title(self) -> Static:
        """The pane's title, as it reads for the data it came with."""
        title = self.title_for(self._first) if self._first is not None else self.TITLE
        return Static(Text(title, style="bold"), classes="pane-title")

    def title_for(self, data: DashboardData) -> str:
        """The pane's title for this data (the same title unless a pane says otherwise)."""
        return self.TITLE

    def compose_parts(self) -> Iterator[Static]:
        """A Static per part, filled when the data came with the pane; hidden while empty."""
        found = self.parts(self._first) if self._first is not None else {}
        self._extras = frozenset(name for name in self.EXTRAS if name in found)
        for name, classes in self.PARTS.items():
            part = Static(found.get(name) or "", id=name, classes=classes)
            part.display = name in found and name not in self.EXTRAS  # extras: once measured
            yield part

    def show(self, data: DashboardData) -> None:
        """Render the pane from the dashboard's data."""
        self.query_one(".pane-title", Static).update(Text(self.title_for(data), style="bold"))
        found = self.parts(data)
        self._extras = frozenset(name for name in self.EXTRAS if name in found)
        for name in self.PARTS:
            part = self.query_one(f"#{name}", Static)
            if name not in self.EXTRAS or name not in found:
                part.display = name in found
            part.update(found.get(name) or "")
        self.call_after_refresh(self.fit_extras)

    def parts(self, data: DashboardData) -> Mapping[str, RenderableType]:
        """What each part shows; a part left out is hidden."""
        raise NotImplementedError

    # -- the extras: shown when everything fits with them -----------------------------------

    def on_mount(self) -> None:
        """Measure for the extras once the first layout is done."""
        if self.EXTRAS:
            self.call_after_refresh(self.fit_extras)

    def on_resize(self, event: events.Resize) -> None:
        """A new size: the extras may now fit, or no longer."""
        if self.EXTRAS:
            self.call_after_refresh(self.fit_extras)

    def fit_extras(self) -> None:
        """Show each extra, in order, while the pane holds it below the other parts without
        scrolling; hide the rest. A pane that is not on screen (a narrow terminal's other
        tabs) is left as it is until it is."""
        if not self.EXTRAS or not self.is_mounted:
            return
        size = self.size
        if not size.height or not size.width:
            return
        extras = [self.query_one(f"#{name}", Static) for name in self.EXTRAS]
        others = [child for child in self.children if child.display and child not in extras]
        if any(not child.virtual_region.width for child in others) and self._unlaid < 20:
            # The pane has its size but its parts are not laid out yet (a narrow terminal's
            # tab shown on the first frame): measured now, everything would seem to fit.
            self._unlaid += 1  # bounded, so a part that never gets a width cannot spin
            self.call_after_refresh(self.fit_extras)
            return
        self._unlaid = 0
        bottom = max((child.virtual_region_with_margin.bottom for child in others), default=0)
        shown = [part for part in extras if part.display]
        if shown and max(part.virtual_region_with_margin.bottom for part in shown) > size.height:
            self._crowded = (size, bottom)  # measured wrong: it did not fit after all
        room = self._crowded != (size, bottom)
        for part in extras:
            if room and part.id in self._extras:
                height = part.styles.margin.top + part.get_content_height(
                    size, self.app.size, size.width
                )
                room = bottom + height <= size.height
                if room:
                    bottom += height
            show = room and part.id in self._extras
            if part.display != show:
                part.display = show
