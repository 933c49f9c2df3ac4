"""One phase: its guidance, its checklist (space ticks), its exit signals, and moving on or back;
in phase 5, recording their answer to the ask."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar, NamedTuple

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Collapsible, SelectionList, Static

from ...core import phase_text, phases
from ...core.exit_signals import Signal, exit_signals
from ...core.health import Health, relationship_health
from ...core.readiness import Assessment, assess
from ...core.text import shown
from ...core.values import AskAnswer, PhaseStep, Snapshot
from ..host import HostedScreen
from ..render import icon, plain
from ..widgets.key_footer import SteadyFooter
from ..widgets.screen_header import ScreenHeader
from ..widgets.ticks import TickList
from .ask import AskScreen
from .confirm import ConfirmScreen
from .notice import NoticeScreen
from .prompt import PromptScreen

ASK_PHASE = 5
# Rows from which the phase's guidance starts unfolded: below, the checklist comes first.
ROOM_FOR_GUIDANCE = 45


class PhaseData(NamedTuple):
    """What the screen shows, computed off the event loop from one snapshot."""

    snapshot: Snapshot
    assessment: Assessment  # its step is the one next step, as on the dashboard
    signals: tuple[Signal, ...]
    health: Health  # phase 6's weekly checks (its checklist, looked at week by week)


def phase_data(snapshot: Snapshot) -> PhaseData:
    """Run the domain rules the screen needs over a snapshot (call from a worker)."""
    return PhaseData(
        snapshot, assess(snapshot), exit_signals(snapshot), relationship_health(snapshot)
    )


def force_question(check: phases.MoveCheck) -> str:
    """Every reason a move needs the user's say-so, in words, and the question."""
    title = phases.phase(check.target).title
    lines = [f"Moving on to phase {check.target}, {title}, isn't what the journal says yet:", ""]
    lines += [f"• {problem}" for problem in check.problems]
    lines += ["", "Move anyway?"]
    return "\n".join(lines)


class PhaseScreen(HostedScreen, Screen[None]):
    """A phase of the roadmap (the current one unless another is asked for)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding(
            "a",
            "ask",
            "Record the answer",
            tooltip="You asked to get back together: record what they said",
        ),
        Binding("f", "move(1)", "Move forward", tooltip="Move to the next phase"),
        Binding("b", "move(-1)", "Move back", tooltip="Move back a phase (asks why)"),
        Binding("left_square_bracket", "show(-1)", "Prev phase", key_display="["),
        Binding("right_square_bracket", "show(1)", "Next phase", key_display="]"),
    ]

    def __init__(self, number: int | None) -> None:
        super().__init__()
        self.number = number
        self.snapshot: Snapshot | None = None
        self.data: PhaseData | None = None

    @property
    def day(self) -> date:
        """The day a tick or a move is saved on: the app's today, never in the future."""
        return min(self.exback.today, date.today())

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with VerticalScroll(id="phase-page", classes="form-page"):
            yield Static("", id="phase-title", classes="page-title")
            # On a short terminal the guidance folds away, so the checklist (which has the
            # focus) is in sight without scrolling past a page of text first.
            with Collapsible(
                title="About this phase",
                id="guidance-box",
                collapsed=self.app.size.height < ROOM_FOR_GUIDANCE,
            ):
                yield Static("", id="phase-guidance")
            yield Static(
                Text("Checklist (space ticks)", style="bold"),
                classes="field-label",
                id="checklist-label",
            )
            yield TickList(id="checklist")
            yield Static("", id="phase-signals")
        yield SteadyFooter()

    def on_mount(self) -> None:
        """Load, and reload whenever the journal changes."""

        def reload(_generation: int) -> None:
            self.load()  # a worker; nothing to wait for

        self.watch(self.app, "data_generation", reload, init=False)
        self.query_one("#checklist").focus()
        self.load()

    @work(thread=True, exclusive=True, group="phase-load", exit_on_error=False)
    def load(self) -> None:
        """Read the journal for this phase."""
        data = phase_data(self.exback.journal.snapshot(self.exback.today))
        self.show_from_worker(self._show, data)

    def _show(self, data: PhaseData) -> None:
        self.data = data
        snapshot = data.snapshot
        self.snapshot = snapshot
        number = self.number or snapshot.phase
        self.number = number
        p = phases.phase(number)
        here = number == snapshot.phase
        self.sub_title = f"Phase {number} of 6" + (" · you are here" if here else "")
        title = Text(f"Phase {p.number}: {p.title}", style="bold")
        title.append("   (you are here)" if here else "", style="italic")
        self.query_one("#phase-title", Static).update(title)
        guidance = Text(p.purpose + "\n", style="bold")
        for line in p.guidance:
            guidance.append(f"\n• {line}\n")
        self.query_one("#phase-guidance", Static).update(guidance)
        self._fill_checklist(data, number)
        self.query_one("#phase-signals", Static).update(
            self._signals(data, p) if here else self._done_when(p)
        )
        # The content just moved the focused widget: bring it back into sight, every time.
        self.call_after_refresh(self._focus_in_sight)

    def _focus_in_sight(self) -> None:
        if self.focused is not None:
            self.focused.scroll_visible(animate=False)
        self.refresh_bindings()

    def _fill_checklist(self, data: PhaseData, number: int) -> None:
        weekly = number == phases.LAST_PHASE
        label = (
            "This week's checks (space: looked at this week)"
            if weekly
            else "Checklist (space ticks)"
        )
        self.query_one("#checklist-label", Static).update(Text(label, style="bold"))
        if weekly:
            # Phase 6 is looked at again each week: ticked means looked at in the last week.
            today = data.snapshot.today
            options = [(plain(i.title), i.key, not i.due(today)) for i in data.health.items]
        else:
            ticked = {m.item_key for m in data.snapshot.checklist if m.phase == number}
            items = phases.checklist(number, data.snapshot.evaluation, data.snapshot.journey)
            options = [(plain(i.text), i.key, i.key in ticked) for i in items]
        checklist = self.query_one("#checklist", SelectionList)
        highlighted = checklist.highlighted
        with checklist.prevent(SelectionList.SelectedChanged, SelectionList.SelectionToggled):
            checklist.clear_options()
            checklist.add_options(options)
        if options:
            checklist.highlighted = min(highlighted or 0, len(options) - 1)

    def _signals(self, data: PhaseData, p: phase_text.Phase) -> Text:
        """The current phase: its signals, what the ask left behind, the one next step."""
        variables = self.app.get_css_variables()
        result = data.assessment
        signals = Text()
        if data.signals:
            signals.append("\nWhen it's done", style="bold")
        # Letting go is a choice, not a failure: an unmet signal is not marked wrong then.
        unmet = "none" if result.let_go else "bad"
        for signal in data.signals:
            signals.append("\n")
            signals.append_text(icon("ok" if signal.met else unmet, variables))
            signals.append(f" {signal.label}", style="bold")
            signals.append(f"\n  {shown(signal.detail)}", style="dim")
        if result.score is not None:
            # The meter in one line that adds up: every point traces to a factor.
            parts = [f"{f.label.lower()} +{f.share}" for f in result.factors if f.share is not None]
            signals.append(f"\n\nReadiness {result.score}, {result.level.lower()}: ", style="bold")
            signals.append(" + ".join(parts) + f" = {result.score}")
            if result.cap_reason:
                signals.append(f"\n  {shown(result.cap_reason)}", style="dim")
        if result.health is not None:
            signals.append(
                f"\n{result.health.checked} of {len(result.health.items)} looked at this week.",
                style="bold",
            )
        if result.cooldown_until is not None:
            signals.append("\n\nAfter the ask. ", style="bold")
            signals.append(
                f"{phase_text.AFTER_NO} Asking again waits until {result.cooldown_until:%d %b %Y}."
            )
        signals.append("\n\nNext: ", style="bold")
        signals.append(shown(result.next_step))  # it may name your support people
        keys = ["f moves forward", "b moves back"]
        if p.number == ASK_PHASE:
            keys.insert(0, "a records their answer")
        signals.append("\n\n" + " · ".join(keys), style="dim")
        return signals

    @staticmethod
    def _done_when(p: phase_text.Phase) -> Text:
        """Another phase: what says it is done."""
        text = Text("\nWhen it's done", style="bold") if p.done_when else Text()
        for words in p.done_when:
            text.append(f"\n• {words}")
        return text

    @on(SelectionList.SelectionToggled, "#checklist")
    def _toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        key = event.selection.value
        self.tick(key, key in event.selection_list.selected)

    @work(thread=True, group="phase-tick", exit_on_error=False)
    def tick(self, key: str, done: bool) -> None:
        """Tick or untick a checklist item; in phase 6, tick it again for this week."""
        number = self.number
        if number is None:
            return
        self.exback.journal.tick(
            number, key, done, on=self.day, refresh=number == phases.LAST_PHASE
        )
        self.app.call_from_thread(self.exback.journal_changed)

    def action_show(self, delta: int) -> None:
        """Look at the phase before or after this one."""
        if self.number is None or self.data is None:
            return
        target = self.number + delta
        if 1 <= target <= 6:
            self.number = target
            self._show(self.data)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The answer to the ask is recorded on the ask phase, while you are in it."""
        if action == "ask":
            return (
                self.snapshot is not None
                and self.snapshot.phase == ASK_PHASE
                and self.number == ASK_PHASE
            )
        return True

    # -- moving ------------------------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        """Move your current phase forward or back. Back asks why; forward past anything the
        journal says is not done yet lists every reason, asks to confirm, then asks why."""
        if self.snapshot is None:
            return
        target = self.snapshot.phase + delta
        if not 1 <= target <= 6:
            self.notify("There is no phase that way.", severity="warning")
            return
        check = phases.check_move(self.snapshot, target)
        if check.needs_reason:

            def with_reason(reason: str | None) -> None:
                if reason is not None:
                    self.move(target, reason)

            self.app.push_screen(
                PromptScreen(
                    check.reason_hint or phase_text.BACK_REASON_HINT, placeholder="A new clash"
                ),
                with_reason,
            )
            return
        if check.allowed_without_force:
            self.move(target, "Fast path" if check.fast_path else "")
            return

        def confirmed(go: bool | None) -> None:
            if go:
                self._ask_force_reason(check)

        self.app.push_screen(ConfirmScreen(force_question(check), "Move anyway", "Stay"), confirmed)

    def _ask_force_reason(self, check: phases.MoveCheck) -> None:
        """A forced move keeps a reason: "skipped" when none is given, unless the evaluation
        stands against it (a red flag, letting go): then it must be the user's own words."""
        placeholder = (
            "Why, in your own words"
            if check.forced_reason_required
            else f'Leave empty for "{phase_text.FORCED_DEFAULT_REASON}"'
        )

        def with_reason(reason: str | None) -> None:
            if reason is None:
                return
            words = reason.strip() or phase_text.FORCED_DEFAULT_REASON
            self.move(check.target, words, forced=True)

        self.app.push_screen(
            PromptScreen(
                check.reason_hint or phase_text.FORCED_REASON_HINT,
                "",
                placeholder,
                warning=check.red_flag_warning if check.forced_reason_required else "",
                required=check.forced_reason_required,
            ),
            with_reason,
        )

    @work(thread=True, exclusive=True, group="phase-move", exit_on_error=False)
    def move(self, target: int, reason: str, forced: bool = False) -> None:
        """Record the move."""
        self.exback.journal.move_phase(target, reason, on=self.day, forced=forced)
        self.app.call_from_thread(self._moved, target)

    def _moved(self, target: int) -> None:
        self.number = target
        self.notify(f"You're now in phase {target}: {phases.phase(target).title}.")
        self.exback.journal_changed()

    # -- the ask -----------------------------------------------------------------------------

    def action_ask(self) -> None:
        """Record what they said when you asked (escape leaves without saving)."""

        def answered(result: tuple[AskAnswer, str] | None) -> None:
            if result is not None:
                self.record_ask(*result)

        self.app.push_screen(AskScreen(), answered)

    @work(thread=True, exclusive=True, group="phase-move", exit_on_error=False)
    def record_ask(self, answer: AskAnswer, note: str) -> None:
        """Save the answer and the move it leads to, then read where that leaves you."""
        journal = self.exback.journal
        day = self.day
        # Today's asks are dated now; on a fixed "today" in the past, at this time that day.
        when = None if day == date.today() else datetime.combine(day, datetime.now().time())
        _ask, step = journal.record_ask(
            answer, note, when=when.astimezone() if when is not None else None
        )
        data = phase_data(journal.snapshot(self.exback.today))
        self.app.call_from_thread(self._asked, answer, step, data.assessment)

    def _asked(self, answer: AskAnswer, step: PhaseStep | None, result: Assessment) -> None:
        if step is not None:
            self.number = step.phase
        self.exback.journal_changed()
        if answer is AskAnswer.YES:
            title, words = "They said yes", phase_text.AFTER_YES
        else:
            title, words = "After the ask", phase_text.AFTER_NO
            if result.cooldown_until is not None:
                words += f"\n\nAsking again waits until {result.cooldown_until:%A %d %B %Y}."
        if step is not None:
            words += f"\n\nYou're now in phase {step.phase}: {phases.phase(step.phase).title}."
        self.app.push_screen(NoticeScreen(title, words))
