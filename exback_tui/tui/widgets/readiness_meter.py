"""The readiness pane: the meter's gauge, every factor and its reason, and the next step."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...core import phases
from ..dashboard_data import DashboardData
from ..render import gauge, icon


class ReadinessMeter(VerticalScroll):
    """How ready you are for the next contact step, and why: every point traces to a factor."""

    def compose(self) -> ComposeResult:
        yield Static(Text("Readiness", style="bold"), classes="pane-title")
        yield Static("", id="gauge")
        yield Static("", id="blocked", classes="care")
        yield Static("", id="factors")
        yield Static("", id="next-step", classes="pane-text next-step")

    def show(self, data: DashboardData) -> None:
        """Render the meter from the dashboard's data."""
        variables = self.app.get_css_variables()
        result = data.assessment
        width = max(16, min(40, self.size.width - 12))
        head = gauge(result.score, width, variables)
        score = "–" if result.score is None else str(result.score)
        head.append(f" {score}", style="bold")
        head.append(f"\n{result.level}", style="bold")
        self.query_one("#gauge", Static).update(head)

        blocked = self.query_one("#blocked", Static)
        blocked.display = result.blocked or result.let_go
        if result.blocked or result.let_go:
            words = Text(result.block_reason or phases.LET_GO_INTRO)
            if result.let_go:
                words.append("\n")
                for step in phases.LET_GO_TRACK:
                    words.append(f"• {step}\n")
            blocked.update(words)

        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(width=1)
        table.add_column(ratio=1)
        table.add_column(justify="right", width=4)
        for factor in result.factors:
            name = Text(factor.label, style="bold")
            name.append("\n")
            name.append(factor.reason, style="dim")
            value = "–" if factor.score is None else str(factor.score)
            table.add_row(icon(factor.icon, variables), name, Text(value))
        self.query_one("#factors", Static).update(table)

        next_step = Text("Next step: ", style="bold")
        next_step.append(result.next_step)
        self.query_one("#next-step", Static).update(next_step)
