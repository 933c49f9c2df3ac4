"""Settings: the journey answers, support contacts, habits, the pause target, the idle lock,
the day a week starts on and the theme."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ... import reminder_timer
from ...core.insights import pause_target_days
from ...core.text import shown
from ...core.values import Habit, Journey, SupportContact
from ...core.week_review import WEEK_START_SETTING, WEEKDAYS, first_weekday
from ..host import HostedScreen
from ..render import plain
from ..themes import theme_label
from ..widgets.key_footer import SteadyFooter
from ..widgets.screen_header import ScreenHeader
from .confirm import ConfirmScreen
from .help_now import CRISIS_LINE_MAX, CRISIS_LINE_SETTING
from .onboarding import OnboardingScreen
from .prompt import PromptScreen


class SettingsScreen(HostedScreen, Screen[None]):
    """Everything the user can change about the journal."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding(
            "a",
            "add",
            "Add",
            tooltip="Add a support contact (a habit when the habit list has focus)",
        ),
        Binding("r", "rename", "Rename", tooltip="Rename the highlighted habit"),
        Binding(
            "x,delete",
            "remove",
            "Archive/remove",
            tooltip="Archive the habit or remove the contact",
        ),
        Binding("shift+up", "move(-1)", "Move up", key_display="⇧↑", tooltip="Move the habit up"),
        Binding(
            "shift+down", "move(1)", "Move down", key_display="⇧↓", tooltip="Move the habit down"
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.habits: list[Habit] = []
        self.people: list[SupportContact] = []

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with VerticalScroll(id="settings-page", classes="form-page"):
            yield Static(Text("Your journey", style="bold"), classes="page-title")
            yield Static("", id="journey-summary")
            yield Button("Edit your answers", id="edit-journey", compact=True)
            yield Label(
                "Pause target in days (empty: the default for how it ended)", classes="field-label"
            )
            with Horizontal(classes="row"):
                yield Input(id="pause-target", type="integer", max_length=3, compact=True)
                yield Button("Save", id="save-pause", compact=True)
            yield Static(Text("Support contacts", style="bold"), classes="page-title section")
            yield Static(
                Text("People you can reach out to on a hard day. a adds, x removes."),
                classes="hint",
            )
            yield OptionList(id="support-list", classes="settings-list")
            yield Label(
                "A crisis line for Help now (h), in your own words (empty: none)",
                classes="field-label",
            )
            with Horizontal(classes="row"):
                yield Input(id="crisis-line", max_length=CRISIS_LINE_MAX, compact=True)
                yield Button("Save", id="save-crisis-line", compact=True)
            yield Static(Text("Habits", style="bold"), classes="page-title section")
            yield Static(
                Text("a adds here · r renames · x archives (history kept) · shift+↑/↓ reorders"),
                classes="hint",
            )
            yield OptionList(id="habit-list", classes="settings-list")
            yield Static(Text("Privacy", style="bold"), classes="page-title section")
            yield Static(
                Text(
                    "ctrl+l locks at once. Without a passphrase (exback encrypt) the "
                    "screen goes blank instead."
                ),
                classes="hint",
            )
            yield Label("Lock after this many idle minutes (0: never)", classes="field-label")
            with Horizontal(classes="row"):
                yield Input(id="idle-lock", type="integer", max_length=3, compact=True)
                yield Button("Save", id="save-idle", compact=True)
            yield Static(Text("Reminder", style="bold"), classes="page-title section")
            yield Static("", id="reminder", classes="hint")
            yield Static(Text("Week", style="bold"), classes="page-title section")
            yield Static(
                Text("The day your week starts on, for the weekly review. Enter picks."),
                classes="hint",
            )
            yield OptionList(
                *[Option(day.capitalize(), id=day) for day in WEEKDAYS],
                id="week-start",
                classes="settings-list",
            )
            yield Static(Text("Theme", style="bold"), classes="page-title section")
            yield Static(Text("Enter picks the highlighted theme."), classes="hint")
            # A list in the page, not a drop-down: at 80x24 a drop-down opened over the footer.
            themes = sorted(self.app.available_themes)
            yield OptionList(
                *[Option(theme_label(name), id=name) for name in themes],
                id="theme",
                classes="settings-list",
            )
        yield SteadyFooter()

    def on_mount(self) -> None:
        """Load, and reload when the journal changes."""
        self.sub_title = "Settings"
        self.query_one("#edit-journey").focus()
        themes = self.query_one("#theme", OptionList)
        themes.highlighted = themes.get_option_index(self.app.theme)
        self.query_one("#week-start").styles.max_height = len(WEEKDAYS) + 2  # all seven, boxed

        def reload(_generation: int) -> None:
            self.load()  # a worker; nothing to wait for

        self.watch(self.app, "data_generation", reload, init=False)
        self.load()

    @work(thread=True, exclusive=True, group="settings-load", exit_on_error=False)
    def load(self) -> None:
        """Read the journey, support contacts and habits."""
        journal = self.exback.journal
        journey = journal.journey()
        people = journal.support_contacts()
        habits = journal.habits()
        idle = journal.setting("idle_lock_minutes") or "0"
        line = journal.setting(CRISIS_LINE_SETTING) or ""
        first = first_weekday(journal.setting(WEEK_START_SETTING))
        self.show_from_worker(self._show, journey, people, habits, idle, line)
        self.show_from_worker(self._show_week_start, first)
        # Read from the timer or crontab it installed (a subprocess), not from the journal.
        self.show_from_worker(self._show_reminder, reminder_timer.installed())

    def _show_week_start(self, first: int) -> None:
        days = self.query_one("#week-start", OptionList)
        if not days.has_focus:
            days.highlighted = first

    def _show_reminder(self, found: reminder_timer.Installed) -> None:
        if found.via is None:
            said = (
                "No reminder is installed. `exback remind --install --at 21:00` adds a daily "
                "nudge (quiet on days you checked in); `exback remind` in your shell's start-up "
                "file is another way."
            )
        else:
            how = "a systemd user timer" if found.via == "systemd" else "a crontab line"
            said = (
                f"A nudge every day at {found.at}, unless you checked in ({how}). "
                "Change it with `exback remind --install --at HH:MM`; "
                "`exback remind --uninstall` removes it."
            )
        self.query_one("#reminder", Static).update(Text(said))

    def _show(
        self,
        journey: Journey,
        people: list[SupportContact],
        habits: list[Habit],
        idle: str = "0",
        line: str = "",
    ) -> None:
        self.people = people
        self.habits = habits
        how = {"rash": "rashly, in the heat of the moment", "planned": "it was coming"}
        summary = Text()
        summary.append("Broke up: ")
        summary.append(journey.breakup_date.isoformat() if journey.breakup_date else "not said")
        summary.append(f" · how: {how.get(journey.how.value, '') if journey.how else 'not said'}")
        facts = [
            label
            for flag, label in (
                (journey.children, "children together"),
                (journey.living_together, "living together"),
                (journey.hurt_ex, "you hurt them"),
                (journey.ex_dating, "they're seeing someone"),
            )
            if flag
        ]
        if facts:
            summary.append("\n" + ", ".join(facts))
        summary.append(f"\nPause target: {pause_target_days(journey)} days")
        self.query_one("#journey-summary", Static).update(summary)
        target = self.query_one("#pause-target", Input)
        if not target.has_focus:
            target.value = (
                "" if journey.pause_target_days is None else str(journey.pause_target_days)
            )
        idle_field = self.query_one("#idle-lock", Input)
        if not idle_field.has_focus:
            idle_field.value = shown(idle)
        line_field = self.query_one("#crisis-line", Input)
        if not line_field.has_focus:
            line_field.value = shown(line)
        self._fill(
            self.query_one("#support-list", OptionList),
            [plain(p.name + (f"  {p.detail}" if p.detail else "")) for p in people],
            "No one yet: press a to add someone.",
        )
        self._fill(
            self.query_one("#habit-list", OptionList),
            [plain(h.name) for h in habits],
            "No habits: press a to add one.",
        )

    @staticmethod
    def _fill(options: OptionList, rows: list[Text], empty: str) -> None:
        highlighted = options.highlighted
        options.clear_options()
        if rows:
            options.add_options([Option(r) for r in rows])
            options.highlighted = min(highlighted or 0, len(rows) - 1)
        else:
            options.add_option(Option(Text(empty, style="dim"), disabled=True))

    def _focused_list(self) -> str | None:
        focused = self.focused
        return focused.id if isinstance(focused, OptionList) else None

    def _highlighted_habit(self) -> Habit | None:
        index = self.query_one("#habit-list", OptionList).highlighted
        return self.habits[index] if index is not None and index < len(self.habits) else None

    # -- actions -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Adding works from anywhere on the screen; the other list keys in their lists."""
        where = self._focused_list()
        if action in ("rename", "move"):
            return where == "habit-list"
        if action == "remove":
            return where in ("support-list", "habit-list")
        return True

    def action_add(self) -> None:
        """Add a habit (from the habit list) or a support contact (from anywhere else), as
        the hints under both lists promise."""
        if self._focused_list() == "habit-list":
            self._ask("A new habit to track:", "", lambda name: self.call("add_habit", name))
        else:
            self._ask(
                "Someone to reach out to (name, then a comma and how to reach them):",
                "",
                self._add_person,
            )

    def _add_person(self, answer: str) -> None:
        name, _, detail = answer.partition(",")
        self.call("add_support_contact", name.strip(), detail.strip())

    def action_rename(self) -> None:
        """Rename the highlighted habit."""
        habit = self._highlighted_habit()
        if habit is not None:
            self._ask(
                f"Rename {habit.name!r} to:",
                shown(habit.name),
                lambda new: self.call("rename_habit", habit.name, new),
            )

    def action_remove(self) -> None:
        """Archive the highlighted habit, or remove the highlighted support contact."""
        if self._focused_list() == "habit-list":
            habit = self._highlighted_habit()
            if habit is not None:
                self._confirm(
                    f"Stop tracking {habit.name!r}? The days you did it are kept.",
                    lambda: self.call("archive_habit", habit.name),
                )
            return
        index = self.query_one("#support-list", OptionList).highlighted
        if index is not None and index < len(self.people):
            person = self.people[index]
            self._confirm(
                f"Remove {shown(person.name)} from your support contacts?",
                lambda: self.call("remove_support_contact", person.id),
            )

    def action_move(self, delta: int) -> None:
        """Move the highlighted habit up or down."""
        habit = self._highlighted_habit()
        if habit is None:
            return
        names = [h.name for h in self.habits]
        i = names.index(habit.name)
        j = max(0, min(len(names) - 1, i + delta))
        names[i], names[j] = names[j], names[i]
        self.query_one("#habit-list", OptionList).highlighted = j
        self.call("reorder_habits", names)

    def _ask(self, question: str, value: str, then: Callable[[str], object]) -> None:
        def answered(answer: str | None) -> None:
            if answer is not None and answer.strip():
                then(answer.strip())

        self.app.push_screen(PromptScreen(question, value), answered)

    def _confirm(self, question: str, then: Callable[[], object]) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                then()

        self.app.push_screen(ConfirmScreen(question, "Yes", "No"), answered)

    @work(thread=True, group="settings-save", exit_on_error=False)
    def call(self, method: str, *args: Any, **kwargs: Any) -> None:
        """Run one journal change, then reload everything."""
        getattr(self.exback.journal, method)(*args, **kwargs)
        self.app.call_from_thread(self.exback.journal_changed)

    @on(Button.Pressed, "#edit-journey")
    def _edit_journey(self) -> None:
        self.app.push_screen(OnboardingScreen(first_run=False))

    @on(Button.Pressed, "#save-pause")
    @on(Input.Submitted, "#pause-target")
    def _save_pause(self) -> None:
        raw = self.query_one("#pause-target", Input).value.strip()
        self.call("set_journey", pause_target_days=int(raw) if raw else None)

    @on(Button.Pressed, "#save-idle")
    @on(Input.Submitted, "#idle-lock")
    def _save_idle(self) -> None:
        raw = self.query_one("#idle-lock", Input).value.strip()
        self.save_idle(int(raw) if raw else 0)

    @work(thread=True, exclusive=True, group="settings-idle", exit_on_error=False)
    def save_idle(self, minutes: int) -> None:
        """Keep the idle lock for next time, and start using it now."""
        self.exback.journal.set_setting("idle_lock_minutes", str(minutes))
        self.app.call_from_thread(self._idle_saved, minutes)

    def _idle_saved(self, minutes: int) -> None:
        self.exback.set_idle_lock(minutes)
        self.notify(f"Locks after {minutes} idle minutes." if minutes else "No idle lock.")

    @on(Button.Pressed, "#save-crisis-line")
    @on(Input.Submitted, "#crisis-line")
    def _save_crisis_line(self) -> None:
        self.save_crisis_line(self.query_one("#crisis-line", Input).value.strip())

    @work(thread=True, exclusive=True, group="settings-crisis", exit_on_error=False)
    def save_crisis_line(self, line: str) -> None:
        """Keep the crisis line that Help now shows (empty: none)."""
        self.exback.journal.set_setting(CRISIS_LINE_SETTING, line)
        said = "Crisis line saved: Help now (h) shows it." if line else "No crisis line."
        self.app.call_from_thread(self.notify, said)

    @on(OptionList.OptionSelected, "#week-start")
    def _week_start(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.save_week_start(event.option.id)

    @work(thread=True, exclusive=True, group="settings-week", exit_on_error=False)
    def save_week_start(self, day: str) -> None:
        """Keep the day weeks start on; the next review looks back on a week starting then."""
        self.exback.journal.set_setting(WEEK_START_SETTING, day)
        said = f"Weeks start on {day.capitalize()}: the review looks back on the week just ended."
        self.app.call_from_thread(self.notify, said)

    @on(OptionList.OptionSelected, "#theme")
    def _theme(self, event: OptionList.OptionSelected) -> None:
        name = event.option.id
        if name is not None and name != self.app.theme:
            self.app.theme = name
