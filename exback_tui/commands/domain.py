"""The roadmap and the evaluation from the shell: phase, ask, journey, evaluate, checklist and
support (``exback status`` is in status.py)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from ..core import phase_text
from ..core import phases as roadmap_rules
from ..core.evaluation import clear_yeses, evaluation_warning
from ..core.exit_signals import exit_signals
from ..core.health import CHECK_EVERY_DAYS, relationship_health
from ..core.insights import pause_target_days
from ..core.ladder import ask_cooldown
from ..core.readiness import assess
from ..core.text import shown
from ..core.values import (
    Answer,
    AskAnswer,
    Decision,
    Evaluation,
    RedFlag,
    Snapshot,
    Transition,
)
from ..store.errors import InvalidInput
from ..store.write_rules import check_typed_day
from . import day_label, days, open_journal, open_quick
from .console import out
from .status import notes_panel

if TYPE_CHECKING:  # only the commands that write open the Journal; a look takes the quick path
    from ..store.journal import Journal

# -- phase ----------------------------------------------------------------------------------


def cmd_phase(args: argparse.Namespace) -> int:
    """Show the current phase, or move to another.

    Back always moves, with a reason. Forward moves as is when the phase is done and nothing
    stands in the way; otherwise only with --force, which is recorded with its reason.
    """
    reason = args.reason.strip()
    if args.number is None:  # only a look: the quick path, as ``exback status`` takes
        with open_quick(args) as quick:
            snapshot = quick.snapshot(date.today())
        return _show_phase(snapshot)
    with open_journal(args) as journal:
        snapshot = journal.snapshot(date.today())
        try:
            check = roadmap_rules.check_move(snapshot, args.number)
        except ValueError as exc:
            raise InvalidInput(str(exc)) from None
        if check.is_back and not reason:
            raise InvalidInput(
                f'Moving back needs a reason, e.g. --reason "a new clash". {check.reason_hint}'
            )
        forced = not check.allowed_without_force
        if forced and not args.force:
            problems = Table.grid(padding=(0, 1))
            for problem in check.problems:
                problems.add_row(Text(" ✗", style="yellow"), Text(problem))
            out.print(problems)
            raise InvalidInput(_refusal(check))
        if check.red_flag_warning:
            # Past a red flag or a decision to let go, the warning stands even when forced.
            out.print(Text(check.red_flag_warning, style="magenta"))
        if forced and check.forced_reason_required and not reason:
            raise InvalidInput(
                f"Not moved: going toward contact past {_past_what(snapshot)} needs a reason "
                'in your own words, e.g. --reason "we talked it through with a counsellor".'
            )
        if forced and not reason:
            reason = phase_text.FORCED_DEFAULT_REASON
        step = journal.move_phase(args.number, reason, forced=forced)
    target = roadmap_rules.phase(step.phase)
    out.print(f"[green]✓[/] Now in phase {step.phase}: {target.title}. {target.purpose}")
    if forced:
        out.print(
            Text("  Moved on purpose; saved with the reason: ", style="dim")
            + Text(shown(reason), style="dim")
        )
        if check.skipped:
            out.print(Text("  " + phase_text.SKIP_WARNING, style="dim"))
    return 0


def _refusal(check: roadmap_rules.MoveCheck) -> str:
    """The one sentence for a forward move that needs force: its most serious reason."""
    if check.red_flag_warning:
        main = _first_sentence(check.red_flag_warning)
    elif check.care:
        main = _first_sentence(check.care)
    elif check.cooldown_until is not None:
        main = f"you asked recently, and the cool-down runs until {check.cooldown_until:%d %b %Y}"
    elif check.unmet:
        main = f"phase {check.current} isn't done yet"
    else:
        skipped = ", ".join(str(n) for n in check.skipped)
        main = f"it skips phase{'s' if len(check.skipped) > 1 else ''} {skipped}"
    force = "--force with --reason" if check.forced_reason_required else "--force"
    return f"Not moved: {main}. Add {force} to move anyway."


def _first_sentence(text: str) -> str:
    """The first sentence of ``text``, without its full stop, to follow "Not moved:"."""
    first = text.split(". ", 1)[0].rstrip(".")
    if len(first) > 1 and first[1].islower():
        first = first[0].lower() + first[1:]
    return first


def _past_what(snapshot: Snapshot) -> str:
    evaluation = snapshot.evaluation
    if evaluation is not None and evaluation.red_flags:
        return "a red flag"
    return "your decision to let go"


def _show_phase(snapshot: Snapshot) -> int:
    current = roadmap_rules.phase(snapshot.phase)
    spent = (snapshot.today - snapshot.phase_since).days
    out.print(
        f"[bold]Phase {current.number}: {current.title}[/] · {days(spent)}"
        f" (since {day_label(snapshot.phase_since)})"
    )
    out.print(current.purpose)
    for signal in exit_signals(snapshot):
        mark = "[green]✓[/]" if signal.met else "[yellow]·[/]"
        out.print(
            f"  {mark} ", Text(signal.label + ". "), Text(shown(signal.detail), style="dim"), sep=""
        )
    notes = notes_panel(snapshot)
    if notes is not None:
        out.print(notes)
    # The meter's step, not the roadmap's alone: it puts care or patience first, and the
    # dashboard shows the same one.
    out.print(Text("Next: " + shown(assess(snapshot).next_step), style="bold"))
    return 0


# -- ask ------------------------------------------------------------------------------------

SAID = {
    AskAnswer.YES: "yes",
    AskAnswer.NO: "no",
    AskAnswer.MAYBE: "maybe",
    AskAnswer.NOT_NOW: "not now",
}


def cmd_ask(args: argparse.Namespace) -> int:
    """Record asking to get back together and their answer; the phase follows it."""
    with open_journal(args) as journal:
        if args.when is not None:  # a day typed by hand
            check_typed_day(args.when.date(), journal.journey().breakup_date)
        ask, step = journal.record_ask(args.answer, args.note, args.when)
        current = step.phase if step is not None else journal.current_phase().phase
        cooldown = ask_cooldown(journal.asks(), date.today())
    said = SAID[ask.answer]
    if ask.answer is AskAnswer.YES:
        moved = f" Now in phase {current}: {roadmap_rules.phase(current).title}." if step else ""
        out.print(f"[green]✓[/] They said yes.{moved}")
        out.print(Text(phase_text.AFTER_YES, style="magenta"))
        return 0
    where = roadmap_rules.phase(current)
    if step is not None:
        line = f"Back to phase {current}: {where.title}."
    else:
        line = f"You stay in phase {current}: {where.title}."
    out.print(f'[green]✓[/] Saved: they said "{said}". {line}')
    if cooldown is not None:
        out.print(f"  Don't ask again before {cooldown[0]:%a %d %b %Y}: give them time.")
    out.print(Text(phase_text.AFTER_NO, style="magenta"))
    return 0


# -- journey --------------------------------------------------------------------------------


def cmd_journey(args: argparse.Namespace) -> int:
    """Show or set the answers about the breakup."""
    changes = {
        key: value
        for key, value in (
            ("breakup_date", args.breakup_date),
            ("how", args.how),
            ("children", args.children),
            ("living_together", args.living_together),
            ("hurt_ex", args.hurt_them),
            ("ex_dating", args.ex_dating),
            ("pause_target_days", args.pause_target),
        )
        if value is not None
    }
    if changes:
        with open_journal(args) as journal:
            journey = journal.set_journey(**changes)
        out.print("[green]✓[/] Journey saved.")
    else:  # only a look: the quick path, by the same reader
        with open_quick(args) as quick:
            journey = quick.journey()
    yn = {True: "yes", False: "no"}
    table = Table.grid(padding=(0, 2))
    table.add_row("Breakup date", journey.breakup_date.isoformat() if journey.breakup_date else "–")
    table.add_row("How it happened", journey.how.value if journey.how else "–")
    table.add_row("Children together", yn[journey.children])
    table.add_row("Living together", yn[journey.living_together])
    table.add_row("You hurt them", yn[journey.hurt_ex])
    table.add_row("They are dating", yn[journey.ex_dating])
    target = pause_target_days(journey)
    own = "" if journey.pause_target_days else " (default)"
    table.add_row("Pause target", f"{target} days{own}")
    out.print(table)
    if not journey.onboarded:
        out.print("Not set up yet: answer with the options above, or open the app.")
    return 0


# -- evaluate -------------------------------------------------------------------------------


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Record the phase 3 evaluation and say what it means."""
    evaluation = Evaluation(
        made_on=date.today(),
        worth=Answer(args.worth),
        added_value=Answer(args.added_value),
        differences=Answer(args.differences),
        intimacy=args.intimacy,
        passion=args.passion,
        commitment=args.commitment,
        decision=Decision(args.decision),
        transitions=tuple(Transition(t) for t in args.transition),
        red_flags=tuple(RedFlag(f) for f in args.red_flag),
        patterns=tuple(args.pattern),
        note=args.note,
    )
    with open_journal(args) as journal:
        journal.record_evaluation(evaluation)
    out.print("[green]✓[/] Evaluation saved.")
    warning = evaluation_warning(evaluation)
    if warning:
        out.print(Text(warning, style="magenta"))
    if evaluation.decision is Decision.LET_GO:
        out.print(Text(phase_text.LET_GO_INTRO, style="magenta"))
        for step in phase_text.LET_GO_TRACK:
            out.print(Text(f"  • {step}"))
    elif evaluation.decision is Decision.PURSUE and not warning:
        yes = clear_yeses(evaluation)
        out.print(f"{yes} of 3 questions answered yes. When you're ready: exback phase 4")
    return 0


# -- checklist ------------------------------------------------------------------------------


def cmd_checklist(args: argparse.Namespace) -> int:
    """List a phase's checklist, or tick (--undo: untick) one item."""
    with open_journal(args) as journal:
        snapshot = journal.snapshot(date.today())
        number = args.phase or snapshot.phase
        items = roadmap_rules.checklist(number, snapshot.evaluation, snapshot.journey)
        if args.item is not None:
            item = _find_item(items, args.item, number)
            # Phase 6's items are weekly checks: ticking one again says "looked at this week".
            weekly = number == roadmap_rules.LAST_PHASE and not args.undo
            changed = journal.tick(number, item.key, done=not args.undo, refresh=weekly)
            if weekly:
                verb = "Checked this week"
                state = "" if changed else " (already today)"
            else:
                verb = "Unticked" if args.undo else "Ticked"
                state = "" if changed else " (it already was)"
            out.print(f"[green]✓[/] {verb}: ", Text(shown(item.text)), state, sep="")
            return 0
    if number == roadmap_rules.LAST_PHASE:
        health = relationship_health(snapshot)
        done = {i.key for i in health.items if not i.due(snapshot.today)}
    else:
        done = {m.item_key for m in snapshot.checklist if m.phase == number}
    out.print(f"[bold]Phase {number}: {roadmap_rules.phase(number).title}[/]")
    if number == roadmap_rules.LAST_PHASE:
        out.print(Text(f"Weekly checks: a tick counts for {days(CHECK_EVERY_DAYS)}.", style="dim"))
    for i, item in enumerate(items, 1):
        mark = Text("✓", style="green") if item.key in done else Text(" ")
        out.print(
            Text(" [")
            + mark
            + Text(f"] {i}. ")
            + Text(shown(item.text))
            + Text(f"  ({item.key})", style="dim")
        )
    return 0


def _find_item(
    items: tuple[phase_text.ChecklistItem, ...], wanted: str, number: int
) -> phase_text.ChecklistItem:
    position = _position(wanted, len(items))
    if position is not None:
        return items[position - 1]
    for item in items:
        if item.key == wanted:
            return item
    raise InvalidInput(
        f"Phase {number} has no checklist item {_quoted(wanted)}; give its number (1-{len(items)}) "
        "or its key, as `exback checklist` lists them."
    )


def _quoted(text: str, longest: int = 40) -> str:
    """What was typed, quoted, to name it in a sentence; cut short when it is long."""
    return repr(text) if len(text) <= longest else repr(text[: longest - 1] + "…")


def _position(text: str, count: int) -> int | None:
    """``text`` as a number from 1 to ``count``; None for a name or any other number (a
    5,000-digit one included: it is never turned into an int, which Python would refuse)."""
    if text.isascii() and text.isdecimal() and len(text) <= len(str(count)):
        number = int(text)
        return number if 1 <= number <= count else None
    return None


# -- support --------------------------------------------------------------------------------


def cmd_support(args: argparse.Namespace) -> int:
    """List, add or remove the people you can reach out to on a hard day."""
    action = args.support_command or "list"
    with open_journal(args) as journal:
        if action == "add":
            added = journal.add_support_contact(args.name, args.detail)
            out.print("[green]✓[/] Added ", Text(shown(added.name)), ".", sep="")
        elif action == "remove":
            journal.remove_support_contact(_support_id(journal, args.which))
            out.print("[green]✓[/] Removed.")
        people = journal.support_contacts()
    if action == "list":
        if not people:
            out.print("No one listed yet. Add someone: exback support add NAME DETAIL")
        for i, person in enumerate(people, 1):
            out.print(
                f"{i}. ",
                Text(shown(person.name), style="bold"),
                "  ",
                Text(shown(person.detail)),
                sep="",
            )
    return 0


def _support_id(journal: Journal, which: str) -> int:
    people = journal.support_contacts()
    position = _position(which, len(people))
    if position is not None:
        return people[position - 1].id
    for person in people:
        if person.name.casefold() == which.casefold():
            return person.id
    raise InvalidInput(f"No support contact {_quoted(which)}; `exback support` lists them.")
