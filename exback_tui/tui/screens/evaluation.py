"""The phase 3 evaluation, one step at a time, ending on a summary and a decision."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import (
    ContentSwitcher,
    Input,
    Label,
    RadioSet,
    SelectionList,
    Static,
)

from ...core import phase_text
from ...core.evaluation import evaluation_warning
from ...core.text import shown
from ...core.values import (
    RATING_MAX,
    RATING_MIN,
    Answer,
    Decision,
    Evaluation,
    RedFlag,
    Transition,
)
from ..host import HostedScreen
from ..widgets.key_footer import SteadyFooter
from ..widgets.scale import Scale
from ..widgets.screen_header import ScreenHeader
from ..widgets.ticks import RadioTick, TickList
from .care import CareScreen
from .confirm import ConfirmScreen
from .notice import NoticeScreen

STEPS = ("ev-questions", "ev-triangle", "ev-transitions", "ev-flags", "ev-decision", "ev-summary")
QUESTIONS = (
    ("worth", "Is there something worth saving, something a happy future can stand on?"),
    ("added", "Did you make their life better, rather than worse?"),
    ("differences", "Can the differences that split you be worked out or managed?"),
)
TRIANGLE = (
    ("intimacy", "Intimacy: closeness, trust, feeling understood and at home with each other."),
    ("passion", "Passion: attraction, desire, the spark."),
    ("commitment", "Commitment: the will to stay and build something together."),
)
FLAGS = {
    RedFlag.ABUSE: "Abuse, of any kind, by either of you",
    RedFlag.CONTROL: "Control: one of you ruled the other's life",
    RedFlag.UNCHANGEABLE_HARM: "You made their life worse in ways you can't change",
}
DECISIONS = {
    Decision.PURSUE: "Pursue: it's worth it, and I know what I'm fighting for",
    Decision.LET_GO: "Let go: some exes are better as exes",
    Decision.UNDECIDED: "Not sure yet",
}
ANSWERS = ((Answer.YES, "Yes"), (Answer.NO, "No"), (Answer.UNSURE, "Not sure"))


class EvaluationScreen(HostedScreen, Screen[None]):
    """Three questions, the triangle of love, life changes, red flags, the decision."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Page keys, not [ and ]: the pattern and note fields would type those, and ctrl+arrows
        # move by word there. Priority, so a list's own page keys don't take them either.
        Binding("pagedown,ctrl+n", "step(1)", "Next", key_display="pgdn", priority=True),
        Binding("pageup", "step(-1)", "Back", key_display="pgup", priority=True),
        Binding("right_square_bracket", "step(1)", "Next", show=False),
        Binding("left_square_bracket", "step(-1)", "Back", show=False),
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="Save the evaluation"),
        Binding("escape", "cancel", "Close", tooltip="Close (asks if answered)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.index = 0

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with ContentSwitcher(initial=STEPS[0], id="ev-steps"):
            with Vertical(id="ev-questions", classes="form-page"):
                yield Static(Text("1 of 6 · Three questions", style="bold"), classes="page-title")
                for key, words in QUESTIONS:
                    yield Label(words, classes="field-label")
                    with RadioSet(id=f"q-{key}", compact=True):
                        for answer, label in ANSWERS:
                            yield RadioTick(label, name=answer.value, value=answer is Answer.UNSURE)
            with Vertical(id="ev-triangle", classes="form-page"):
                yield Static(
                    Text("2 of 6 · Intimacy, passion, commitment (1-9)", style="bold"),
                    classes="page-title",
                )
                yield Static(
                    Text(
                        "Sternberg's three sides of love. Rate each as it is now: "
                        "1 is none, 9 is as strong as it gets."
                    ),
                    classes="pane-text",
                )
                for key, words in TRIANGLE:
                    yield Label(words, classes="field-label")
                    yield Scale(RATING_MIN, RATING_MAX, 5, id=f"r-{key}")
            with Vertical(id="ev-transitions", classes="form-page"):
                yield Static(
                    Text("3 of 6 · Life changes pulling you apart", style="bold"),
                    classes="page-title",
                )
                yield Static(
                    Text(
                        "Tick any that set you on different paths (space ticks). Be "
                        "honest, too, if you were never a good match and hoped they "
                        "would change."
                    ),
                    classes="pane-text",
                )
                yield TickList(
                    *[(w, t.value) for t, w in phase_text.TRANSITION_LABELS.items()],
                    id="transitions",
                )
            with Vertical(id="ev-flags", classes="form-page"):
                yield Static(Text("4 of 6 · Red flags", style="bold"), classes="page-title")
                yield Static(
                    Text(
                        "Tick any that are true (space ticks). If one is, your safety "
                        "and wellbeing come first."
                    ),
                    classes="pane-text",
                )
                yield TickList(*[(w, f.value) for f, w in FLAGS.items()], id="flags")
            with Vertical(id="ev-decision", classes="form-page"):
                yield Static(Text("5 of 6 · Your decision", style="bold"), classes="page-title")
                with RadioSet(id="decision", compact=True):
                    for decision, words in DECISIONS.items():
                        yield RadioTick(
                            words, name=decision.value, value=decision is Decision.UNDECIDED
                        )
                yield Label(
                    "Old patterns that helped end it (comma between them)", classes="field-label"
                )
                yield Input(id="patterns", compact=True)
                yield Label("A note for yourself", classes="field-label")
                yield Input(id="ev-note", compact=True)
            with Vertical(id="ev-summary", classes="form-page"):
                yield Static(Text("6 of 6 · Summary", style="bold"), classes="page-title")
                yield Static("", id="summary-text")
                yield Static(Text("ctrl+s saves · pgup goes back"), classes="hint")
        yield SteadyFooter()

    def on_mount(self) -> None:
        """Start on the first question."""
        self.sub_title = "Evaluation"
        self._focus_step()

    def _focus_step(self) -> None:
        step = self.query_one(f"#{STEPS[self.index]}")
        focusable = [w for w in step.query("*") if w.focusable]
        if focusable:
            focusable[0].focus()
        else:
            step.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No Next on the last step, no Back on the first: a key shown is a key that works."""
        if action == "step" and parameters:
            delta = parameters[0]
            return isinstance(delta, int) and 0 <= self.index + delta < len(STEPS)
        return True

    def action_step(self, delta: int) -> None:
        """Next or previous step."""
        self.index = max(0, min(len(STEPS) - 1, self.index + delta))
        self.refresh_bindings()
        self.query_one("#ev-steps", ContentSwitcher).current = STEPS[self.index]
        if STEPS[self.index] == "ev-summary":
            self.query_one("#summary-text", Static).update(self.summary(self.evaluation()))
        self._focus_step()

    def _radio(self, selector: str) -> str:
        pressed = self.query_one(selector, RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else ""

    def _scale(self, selector: str) -> int:
        value = self.query_one(selector, Scale).value
        return value if value is not None else 5

    def evaluation(self) -> Evaluation:
        """The answers as an evaluation."""
        patterns = [p.strip() for p in self.query_one("#patterns", Input).value.split(",")]
        return Evaluation(
            made_on=min(self.exback.today, date.today()),
            worth=Answer(self._radio("#q-worth") or "unsure"),
            added_value=Answer(self._radio("#q-added") or "unsure"),
            differences=Answer(self._radio("#q-differences") or "unsure"),
            intimacy=self._scale("#r-intimacy"),
            passion=self._scale("#r-passion"),
            commitment=self._scale("#r-commitment"),
            decision=Decision(self._radio("#decision") or "undecided"),
            transitions=tuple(
                Transition(v) for v in self.query_one("#transitions", SelectionList).selected
            ),
            red_flags=tuple(RedFlag(v) for v in self.query_one("#flags", SelectionList).selected),
            patterns=tuple(p for p in patterns if p),
            note=self.query_one("#ev-note", Input).value,
        )

    @staticmethod
    def summary(ev: Evaluation) -> Text:
        """The answers in a few lines."""
        text = Text()
        yeses = sum(a is Answer.YES for a in (ev.worth, ev.added_value, ev.differences))
        text.append(f"Three questions: {yeses} of 3 yes.", style="bold")
        if yeses == 3:
            text.append(" There is more to fight for.")
        text.append(
            f"\nIntimacy {ev.intimacy} · passion {ev.passion} · commitment {ev.commitment} (of 9)"
        )
        if ev.transitions:
            text.append(
                "\nLife changes: "
                + "; ".join(phase_text.TRANSITION_LABELS[t] for t in ev.transitions)
            )
        if ev.red_flags:
            text.append("\nRed flags: " + ", ".join(f.value for f in ev.red_flags), style="bold")
            text.append("\nYour safety and wellbeing come first.")
        text.append(f"\nDecision: {DECISIONS[ev.decision]}", style="bold")
        if ev.patterns:
            text.append("\nPatterns to guard against: " + shown("; ".join(ev.patterns)))
        if ev.note:
            text.append("\nNote: " + shown(ev.note))
        warning = evaluation_warning(ev)
        if warning and not ev.red_flags:  # a red flag has its own words just above
            text.append("\n\nWorth another look. ", style="bold")
            text.append(warning)
        return text

    @property
    def has_unsaved_changes(self) -> bool:
        """The evaluation has been started and not saved."""
        return self.is_mounted and self.index > 0

    def action_save(self) -> None:
        """Save the evaluation (ctrl+s)."""
        self.save(self.evaluation())

    @work(thread=True, exclusive=True, group="evaluation-save", exit_on_error=False)
    def save(self, evaluation: Evaluation) -> None:
        """Write it; the newest evaluation counts."""
        self.exback.journal.record_evaluation(evaluation)
        self.app.call_from_thread(self._saved, evaluation)

    def _saved(self, evaluation: Evaluation) -> None:
        self.notify("Saved your evaluation.")
        self.exback.journal_changed()
        self.index = 0
        self.dismiss()
        if evaluation.red_flags or evaluation.decision is Decision.LET_GO:
            self.app.push_screen(CareScreen(evaluation))
            return
        warning = evaluation_warning(evaluation)
        if warning:
            self.app.push_screen(
                NoticeScreen("Saved, with one thing to look at", warning, care=True)
            )

    def action_cancel(self) -> None:
        """Close; asks first once answers were given."""
        if not self.has_unsaved_changes:
            self.dismiss()
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.index = 0
                self.dismiss()

        self.app.push_screen(
            ConfirmScreen("Leave the evaluation without saving?", "Leave", "Stay"), answered
        )
