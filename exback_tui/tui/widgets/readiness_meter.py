"""The readiness pane: the meter's gauge, where each of its points comes from, and the next
step; on a tall terminal, the contact ladder's rungs with the one you are on marked (phases 4
and 5). In phase 6 it becomes relationship health: the week's checks, grouped, and the step."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import ClassVar

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...core import phase_text
from ...core.factors import Factor
from ...core.health import Health, HealthKind
from ...core.readiness import Assessment
from ...core.text import shown
from ..dashboard_data import DashboardData
from ..render import FactorRow, FactorRows, Gauge, MarkedRows, icon, plain, theme_colour
from .pane import Pane

# The health checks in the order the pane groups them, each group under its heading.
KIND_TITLES: Mapping[HealthKind, str] = {
    "safeguard": "Safeguards against old patterns",
    "warning": "Early warning signs",
    "stage": "Meeting them where they are",
    "relationships": "Three relationships",
    "talk": "Talking it through",
}


def factor_value(factor: Factor, scored: bool) -> str:
    """A factor's column: its share of the score ("+24"), a question mark when it counts but
    has no data, a dash when it doesn't count now; with no score at all, its own score."""
    if not factor.counts:
        return "–"
    if factor.unknown:
        return "?"
    if scored and factor.share is not None:
        return f"+{factor.share}"
    return str(factor.score)


def factor_rows(result: Assessment, variables: Mapping[str, str]) -> FactorRows:
    """The factors with their column, headed and totalled so the column adds up to the gauge."""
    scored = result.score is not None
    rows = []
    for factor in result.factors:
        kind = factor.icon
        if result.let_go and kind == "bad":
            kind = "none"  # letting go is a choice, not a failure: nothing is marked wrong
        rows.append(
            FactorRow(
                icon(kind, variables), factor.label, factor.reason, factor_value(factor, scored)
            )
        )
    if scored:
        return FactorRows(
            rows, f"Where the {result.score} points come from", total=str(result.score)
        )
    return FactorRows(rows, "Each factor on its own, out of 100")


# A rung climbed, the one you are on, one ahead: told apart by shape as well as colour.
RUNG_MARKS = {"passed": "✓", "here": "●", "ahead": "○"}


def ladder_rows(data: DashboardData, variables: Mapping[str, str]) -> MarkedRows | None:
    """The contact ladder's rungs, bottom first, the current one marked and named as such."""
    ladder = data.ladder
    if ladder is None or not data.rungs:
        return None
    here = ladder.rung_index
    primary = theme_colour(variables, "primary")
    heading = Text("Contact ladder", style="bold")
    heading.append(f" · step {here + 1} of {len(data.rungs)}", style="dim")
    rows = []
    for index, rung in enumerate(data.rungs):
        if index < here:
            rows.append((Text(RUNG_MARKS["passed"], style="dim"), Text(rung.title, style="dim")))
        elif index == here:
            title = Text(rung.title, style=f"bold {primary}")
            title.append("  ← you are here", style="italic")
            rows.append((Text(RUNG_MARKS["here"], style=f"bold {primary}"), title))
        else:
            rows.append((Text(RUNG_MARKS["ahead"], style="dim"), Text(rung.title)))
    return MarkedRows(heading, rows)


def health_options(health: Health, today: date, variables: Mapping[str, str]) -> list[Option]:
    """The week's checks grouped by kind: a heading each, ✓ when looked at this week, else due."""
    success = theme_colour(variables, "success")
    warning = theme_colour(variables, "warning")
    options: list[Option] = []
    for kind, heading in KIND_TITLES.items():
        items = [item for item in health.items if item.kind == kind]
        if not items:
            continue
        options.append(Option(Text(heading, style="bold"), disabled=True))
        for item in items:
            # A grid, so a long title wraps under itself, not under the mark.
            row = Table.grid(padding=(0, 1))
            row.add_column(width=3, no_wrap=True)
            row.add_column(ratio=1)
            mark = (
                Text("due", style=f"bold {warning}")
                if item.due(today)
                else Text(" ✓ ", style=f"bold {success}")
            )
            row.add_row(mark, plain(item.title))  # a pattern of the user's own: never markup
            options.append(Option(row, id=item.key))
    return options


class ReadinessMeter(Pane):
    """How ready you are for the next contact step, and why: every point traces to a factor.
    Together again (phase 6), how the relationship is looked after, week by week: space or
    enter on a check marks it as looked at this week."""

    TITLE = "Readiness"
    HEALTH_TITLE = "Relationship health"
    PARTS: ClassVar[Mapping[str, str]] = {
        "gauge": "",
        "cap": "cap-reason",
        "blocked": "care",
        "let-go": "pane-text",
        "factors": "pane-text",
        "next-step": "pane-text next-step",
        "ladder": "pane-text",
    }
    EXTRAS: ClassVar[tuple[str, ...]] = ("ladder",)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space",
            "check_item",
            "Looked at",
            tooltip="Mark the highlighted "
            "relationship check as looked at this week (enter does too)",
        ),
    ]

    class HealthChecked(Message):
        """The user looked at one relationship check this week."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def compose(self) -> ComposeResult:
        yield self.compose_title()
        items = OptionList(id="health-items")
        items.display = False
        if self._first is not None:
            self._fill(items, self._first)
        yield items
        yield from self.compose_parts()

    def title_for(self, data: DashboardData) -> str:
        """Readiness; in phase 6, relationship health and how much of it was looked at this
        week (on the title's line, so the checks fit an 80 by 24 terminal)."""
        health = data.assessment.health
        if health is None:
            return self.TITLE
        return f"{self.HEALTH_TITLE} · {health.checked} of {len(health.items)} this week"

    def show(self, data: DashboardData) -> None:
        """Render the meter, or the health view, from the dashboard's data."""
        super().show(data)
        self._fill(self.query_one("#health-items", OptionList), data)
        self.refresh_bindings()

    def _fill(self, items: OptionList, data: DashboardData) -> None:
        """The health checks as options, keeping the highlight where the user left it."""
        health = data.assessment.health
        items.display = health is not None
        highlighted = items.highlighted
        items.clear_options()
        if health is None:
            return
        items.add_options(health_options(health, data.snapshot.today, self.app.get_css_variables()))
        if highlighted is not None and highlighted < items.option_count:
            items.highlighted = highlighted
        else:
            items.action_first()

    def parts(self, data: DashboardData) -> Mapping[str, RenderableType]:
        """The gauge and why it reads as it does, the factors, the next step; or, in phase 6,
        how many checks were looked at this week and the step."""
        result = data.assessment
        next_step = Text("Next step: ", style="bold")
        next_step.append(shown(result.next_step))  # it may name your support people
        if result.health is not None:
            return {"next-step": next_step}
        variables = self.app.get_css_variables()
        parts: dict[str, RenderableType] = {"gauge": Gauge(result.score, result.level, variables)}
        if result.cap_reason:
            parts["cap"] = plain(result.cap_reason, style="italic")
        if result.let_go:
            words = plain(result.block_reason or phase_text.LET_GO_INTRO)
            words.append("\n")
            for step in phase_text.LET_GO_TRACK:
                words.append(f"\n• {step}")
            parts["let-go"] = words
        elif result.blocked:
            # The care gate's reason (a hard week) or a red flag's words, framed, never red.
            parts["blocked"] = plain(result.block_reason)
        parts["factors"] = factor_rows(result, variables)
        parts["next-step"] = next_step
        ladder = ladder_rows(data, variables)
        if ladder is not None:
            parts["ladder"] = ladder
        return parts

    # -- phase 6: looking at a check -------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Space marks a check only while the health checks are on show."""
        if action == "check_item":
            items = self.query("#health-items")
            return bool(items) and items.first().display
        return True

    def action_check_item(self) -> None:
        """Mark the highlighted check as looked at this week."""
        items = self.query_one("#health-items", OptionList)
        if items.highlighted is not None:
            self._checked(items.get_option_at_index(items.highlighted))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a check marks it too."""
        event.stop()
        self._checked(event.option)

    def _checked(self, option: Option) -> None:
        if option.id is not None and not option.disabled:
            self.post_message(self.HealthChecked(option.id))
