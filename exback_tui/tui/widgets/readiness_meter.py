"""The readiness pane: the meter's gauge, every factor and its reason, and the next step."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text

from ...core import phases
from ..dashboard_data import DashboardData
from ..render import FactorRow, FactorRows, Gauge, icon
from .pane import Pane


class ReadinessMeter(Pane):
    """How ready you are for the next contact step, and why: every point traces to a factor."""

    TITLE = "Readiness"
    PARTS: ClassVar[Mapping[str, str]] = {
        "gauge": "", "blocked": "care", "factors": "", "next-step": "pane-text next-step"}

    def parts(self, data: DashboardData) -> Mapping[str, RenderableType]:
        """The gauge, why the meter stopped (when it did), the factors, the next step."""
        variables = self.app.get_css_variables()
        result = data.assessment
        parts: dict[str, RenderableType] = {
            "gauge": Gauge(result.score, result.level, variables)}
        if result.blocked or result.let_go:
            words = Text(result.block_reason or phases.LET_GO_INTRO)
            if result.let_go:
                words.append("\n")
                for step in phases.LET_GO_TRACK:
                    words.append(f"• {step}\n")
            parts["blocked"] = words
        parts["factors"] = FactorRows(tuple(
            FactorRow(icon(f.icon, variables), f.label, f.reason, f.score)
            for f in result.factors))
        next_step = Text("Next step: ", style="bold")
        next_step.append(result.next_step)
        parts["next-step"] = next_step
        return parts
