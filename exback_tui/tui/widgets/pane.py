"""What the three dashboard panes share: a title, then parts rendered from the dashboard's data."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..dashboard_data import DashboardData


class Pane(VerticalScroll):
    """A titled pane of Statics, composed with its data when that is known (the first frame),
    so the first layout already has the content, and updated in place after."""

    TITLE: ClassVar[str] = ""
    PARTS: ClassVar[Mapping[str, str]] = {}
    """Each part's id and its CSS classes, top to bottom."""

    def __init__(
        self,
        data: DashboardData | None = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._first = data  # what the pane is composed with; later data comes through show()

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
        for name, classes in self.PARTS.items():
            part = Static(found.get(name) or "", id=name, classes=classes)
            part.display = name in found
            yield part

    def show(self, data: DashboardData) -> None:
        """Render the pane from the dashboard's data."""
        self.query_one(".pane-title", Static).update(Text(self.title_for(data), style="bold"))
        found = self.parts(data)
        for name in self.PARTS:
            part = self.query_one(f"#{name}", Static)
            part.display = name in found
            part.update(found.get(name) or "")

    def parts(self, data: DashboardData) -> Mapping[str, RenderableType]:
        """What each part shows; a part left out is hidden."""
        raise NotImplementedError
